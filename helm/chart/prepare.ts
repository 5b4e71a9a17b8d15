/**
 * The chart-side steps of `helm template` before templates execute, in helm v3.17.3's order
 * (cmd/helm/install.go runInstall, pkg/action/install.go RunWithContext,
 * chartutil.ToRenderValuesWithSchemaValidation, action.renderResources): installability,
 * the deprecation warning, missing dependencies, dependency processing, values coalescing,
 * schema validation and the kubeVersion check. Assembling `.Release`/`.Capabilities` render
 * values is the renderer's job.
 */
import { coalesceValues, type Warn } from './coalesce.js';
import { checkDependencies, processDependencies } from './dependencies.js';
import { checkIfInstallable, checkKubeVersion } from './install-checks.js';
import { validateAgainstSchema } from './schema.js';
import type { GoMap } from '../template/value.js';
import type { Chart } from './types.js';

export interface PrepareOptions {
  /** `.Capabilities.KubeVersion.Version`, e.g. `v1.32.0`. */
  kubeVersion: string;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** helm's `log.Printf` lines (coalesce and dependency warnings). */
  warn?: Warn;
  /** helm's `WARNING: ...` lines for the user (deprecated chart). */
  userWarning?: (message: string) => void;
}

/**
 * Runs the steps on a freshly loaded chart (mutated, as helm mutates it) and returns the
 * coalesced `.Values`. Throws the first failure (InstallCheckError, DependencyError,
 * CoalesceError, SchemaError), each with helm's message.
 */
export function prepareChart(chart: Chart, userValues: GoMap, opts: PrepareOptions): GoMap {
  const warn = opts.warn ?? (() => {});
  const notInstallable = checkIfInstallable(chart);
  if (notInstallable !== undefined) throw notInstallable;
  if (chart.metadata.deprecated) opts.userWarning?.('This chart is deprecated');
  const missing = checkDependencies(chart);
  if (missing !== undefined) throw missing;
  processDependencies(chart, userValues, warn);
  const values = coalesceValues(chart, userValues, warn);
  if (opts.skipSchemaValidation !== true) {
    const invalid = validateAgainstSchema(chart, values);
    if (invalid !== undefined) throw invalid;
  }
  const incompatible = checkKubeVersion(chart, opts.kubeVersion);
  if (incompatible !== undefined) throw incompatible;
  return values;
}
