/**
 * helm/chart: chart semantics of helm v3.17.3 up to (not including) template execution.
 *
 *   const chart = await loadChart('./mychart');                       // pkg/chart/loader
 *   const user = mergeUserValues({ valueFiles: [readValuesFile(f)], values: ['a=1'] });
 *   const values = prepareChart(chart, user, { kubeVersion: caps.kubeVersion.version });
 *   // → render: TemplateChartStruct.of(c), defaultCapabilities(), values scoped per subchart
 *
 * Each step is usable alone: loadChartFromFiles (pure), parseSetValues, processDependencies,
 * coalesceValues, validateAgainstSchema, checkDependencies, checkIfInstallable, checkKubeVersion.
 */
export { Chart, API_VERSION_V1, API_VERSION_V2, emptyMetadata, emptyDependency } from './types.js';
export type { ChartFile, File, Metadata, Dependency, Maintainer, Lock } from './types.js';
export { ChartLoadError } from './errors.js';
export { loadChart, loadChartSync } from './load.js';
export { loadDirFiles, type LoadWarn } from './load-dir.js';
export { loadArchiveFiles, ArchiveError, checkArchive } from './load-archive.js';
export { loadChartFromFiles, loadChartFromArchive } from './load-files.js';
export { IgnoreRules, HelmIgnoreError, HELM_IGNORE_FILE } from './helmignore.js';
export { ChartYamlError, decodeMetadata, decodeLock } from './chart-yaml.js';
export { ValidationError, validateMetadata, sanitizeString } from './validate.js';
export { StrvalsError, parseInto, parseIntoString, parseJson, parseIntoFile, parseLiteralInto, typedVal } from './strvals.js';
export {
  ValuesError, mergeUserValues, parseSetValues, mergeMaps, readLocalFile,
  type SetKind, type ValueOptions, type ReadFile,
} from './values.js';
export { readValues, readValuesFile, type ValuesFile } from './read-values.js';
export {
  coalesceValues, mergeValues, coalesceTables, mergeTables, deepCopy, isTable, CoalesceError, GLOBAL_KEY, type Warn,
} from './coalesce.js';
export { processDependencies, checkDependencies, isCompatibleRange, pathValue, tableAt, DependencyError } from './dependencies.js';
export { validateAgainstSchema, validateAgainstSingleSchema, SchemaError, SCHEMA_ERROR_PREFIX } from './schema.js';
export {
  defaultCapabilities, parseKubeVersion, CapabilitiesStruct, KubeVersionStruct, BuildInfoStruct, KubeVersionError,
  DEFAULT_API_VERSIONS, DEFAULT_KUBE_VERSION, HELM_BUILD_INFO, VERSION_SET_TYPE,
} from './capabilities.js';
export { MetadataStruct, TemplateChartStruct, DependencyStruct, MaintainerStruct } from './metadata-struct.js';
export { checkIfInstallable, checkKubeVersion, InstallCheckError } from './install-checks.js';
export { prepareChart, type PrepareOptions } from './prepare.js';
export * from './limits.js';
