/**
 * `dpu-gitops lint` without the CLI: checks charts, DPUService files, extension-service files
 * and other Kubernetes manifests under the given paths and returns the findings with file and
 * line. DPUServices are rendered with the chart their source names when it is among the
 * linted paths or in `chartDirs` (a chart not found locally is a warning: lint never goes to
 * the network). Nothing lint reads may resolve outside the repository through a symlink (a
 * pull request could otherwise link a chart file to a CI secret): charts fail to load, manifest
 * files are reported unread.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputFileError, readInputText } from '../../dpf/input-file.js';
import { confinement, type Confinement } from '../../helm/chart/confine.js';
import { loadChartSync } from '../../helm/chart/load.js';
import { withDecompressedTotalLimit } from '../../helm/chart/load-archive.js';
import type { Chart } from '../../helm/chart/types.js';
import { annotationDisables, NO_RULE_CONTROL, renderedAnnotations, settleFindings, type RuleControl } from '../../config/rules.js';
import { checkChartRender, type RenderFn } from '../chart.js';
import { chartSourceOf, describeSource } from '../chart-resolver.js';
import { dpuServiceRelease, isReleaseFinding } from '../dpuservice-release.js';
import { objectRefOf } from '../json.js';
import { LocalChartResolver } from '../local-charts.js';
import { checkObject } from '../objects.js';
import { chartRenderFinding } from '../rules/chart-render.js';
import { chartUnavailableFinding } from '../rules/chart-unavailable.js';
import { checkExtensionServiceSet, type LocatedDefinition } from '../rules/extension-service-repo.js';
import { checkExtensionService, isExtensionServiceDefinition } from '../rules/extension-service-spec.js';
import type { Finding, RuleId } from '../types.js';
import { isDeploymentInput } from '../../dpf/deployment/types.js';
import { lintDeployments, type LocatedInput } from './deployment-lint.js';
import { readManifestText, type ManifestDocument } from './manifest-file.js';
import { collectTargets } from './targets.js';

export interface LintOptions {
  paths: readonly string[];
  /** More places to find charts DPUServices name (vendored charts). */
  chartDirs?: readonly string[];
  /** Release name for charts linted on their own. */
  releaseName?: string;
  namespace?: string;
  /** Cluster name in DPF's default release name `<cluster>-<dpuservice>`. */
  cluster?: string;
  /** The renderer; undefined = static chart rules only. */
  render?: RenderFn;
  /**
   * Rules off and severities replaced (the repository config's `rules` and `--disable`).
   * Findings are also settled by the `dpu-gitops.nvidia.com/disable` annotation of their
   * object, or of the DPUService or DPUDeployment they come from.
   */
  rules?: RuleControl;
  /**
   * The directory everything read must resolve inside. Default: per path, the git work tree
   * holding it (the nearest ancestor with a `.git`), else the path itself (a file: its folder).
   */
  repoRoot?: string;
  /** DOCA version for DPUDeployments whose BFB is not among the linted files. */
  docaVersion?: string;
}

export interface LintResult {
  findings: Finding[];
  files: number;
  charts: number;
}

export const DEFAULT_LINT_RELEASE = 'dpu-gitops-lint';

/** Runs every rule over the paths. Throws LintInputError for a missing or unknown path. */
export function runLint(opts: LintOptions): LintResult {
  const targets = collectTargets(opts.paths);
  const rootOf = lintRoots(opts.repoRoot);
  const resolver = new LocalChartResolver([...targets.charts, ...(opts.chartDirs ?? [])], { confineTo: rootOf });
  const findings: Finding[] = [];
  for (const location of targets.charts) findings.push(...lintChart(location, opts, rootOf(location)));
  const definitions: LocatedDefinition[] = [];
  const lintedCharts = new Set(targets.charts);
  const deploymentInputs: LocatedInput[] = [];
  for (const file of targets.manifests) findings.push(...lintManifestFile(file, opts, resolver, lintedCharts, definitions, rootOf(file), deploymentInputs));
  findings.push(...checkExtensionServiceSet(definitions));
  findings.push(
    ...lintDeployments(deploymentInputs, {
      namespace: opts.namespace ?? 'default',
      cluster: opts.cluster ?? 'in-cluster',
      ...(opts.docaVersion ? { docaVersion: opts.docaVersion } : {}),
      resolver,
      lintChart: (service, doc, file) => lintDpuServiceChart(service, doc, file, opts, resolver, lintedCharts),
    }),
  );
  return { findings: dedupe(settleFindings(findings, opts.rules ?? NO_RULE_CONTROL)), files: targets.manifests.length, charts: targets.charts.length };
}

/** The confinement of each linted path: the given root, or the path's git work tree. */
export function lintRoots(repoRoot: string | undefined): (path: string) => Confinement {
  if (repoRoot !== undefined) {
    const fixed = confinement(repoRoot);
    return () => fixed;
  }
  const cache = new Map<string, Confinement>();
  return (path) => {
    const root = workTreeOf(path);
    let c = cache.get(root);
    if (!c) cache.set(root, (c = confinement(root)));
    return c;
  };
}

function workTreeOf(path: string): string {
  const abs = resolve(path);
  for (let dir = abs; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) break;
  }
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return dirname(abs);
  }
}

/** A chart on its own: default values, the lint release name. */
function lintChart(location: string, opts: LintOptions, confineTo: Confinement): Finding[] {
  let chart: Chart;
  try {
    chart = withDecompressedTotalLimit(() => loadChartSync(location, undefined, { confineTo }));
  } catch (err) {
    return [{ ...chartRenderFinding({ kind: 'Chart', name: location }, err), file: location }];
  }
  const checked = checkChartRender(chart, {
    releaseName: opts.releaseName ?? DEFAULT_LINT_RELEASE,
    namespace: opts.namespace ?? 'default',
    values: {},
    ...(opts.render ? { render: opts.render } : {}),
  });
  // A rendered object's own annotation settles its findings.
  const findings = settleFindings(checked.findings, NO_RULE_CONTROL, renderedAnnotations(undefined, checked.objects ?? []));
  return findings.map((f) => locateInChart(f, location, confineTo));
}

/** Points a chart finding at the file (and line) it is about. */
function locateInChart(f: Finding, location: string, confine: Confinement): Finding {
  const isDir = statSync(location).isDirectory();
  if (!isDir) return { ...f, file: location };
  if (f.template) {
    const slash = f.template.indexOf('/');
    return { ...f, file: join(location, f.template.slice(slash + 1)) };
  }
  if (f.path && (f.rule === 'doca-version' || f.rule === 'dpf-annotation')) return withLine(f, join(location, 'Chart.yaml'), confine);
  if (f.path && f.rule === 'exposed-ports-default') return withLine(f, join(location, 'values.yaml'), confine);
  return { ...f, file: join(location, 'Chart.yaml') };
}

function withLine(f: Finding, file: string, confine: Confinement): Finding {
  try {
    const doc = readManifestText(readInputText(file, { confine })).documents[0];
    return doc ? { ...f, file, line: doc.lineOf(f.path) } : { ...f, file };
  } catch {
    return { ...f, file };
  }
}

function lintManifestFile(
  file: string,
  opts: LintOptions,
  resolver: LocalChartResolver,
  lintedCharts: ReadonlySet<string>,
  definitions: LocatedDefinition[],
  confine: Confinement,
  deploymentInputs: LocatedInput[],
): Finding[] {
  let text: string;
  try {
    text = readInputText(file, { confine });
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    return [{ rule: 'manifest-parse', severity: 'error', object: { kind: 'File', name: file }, file, detail: { error: `file not read: ${err.detail} (${err.fix})` } }];
  }
  const parsed = readManifestText(text);
  const findings: Finding[] = parsed.problems.map((p) => ({
    rule: 'manifest-parse' as const,
    severity: 'error' as const,
    object: { kind: 'File', name: file },
    file,
    line: p.line,
    detail: { error: p.message },
  }));
  for (const doc of parsed.documents) {
    // A JSON file may hold a list of extension-service definitions.
    const isList = Array.isArray(doc.value);
    const items: unknown[] = isList ? (doc.value as unknown[]) : [doc.value];
    items.forEach((value, index) => {
      const prefix = isList ? [index] : [];
      const at = (f: Finding): Finding => ({ ...f, file, line: doc.lineOf([...prefix, ...(f.path ?? [])]) });
      if (isExtensionServiceDefinition(value)) {
        definitions.push({ definition: value, file, line: doc.lineOf(prefix) });
        findings.push(...checkExtensionService(value).map(at));
        return;
      }
      const ref = objectRefOf(value);
      if (ref.kind === 'object') return; // not a Kubernetes object: nothing to check
      const own = settleFindings(checkObject(value, isList ? {} : { text: doc.text }), NO_RULE_CONTROL, () => annotationDisables(value)).map(at);
      findings.push(...own);
      // DPUDeployment inputs are checked together once every file is read (deployment-lint.ts).
      if (isDeploymentInput(value) && !own.some((f) => f.severity === 'error')) deploymentInputs.push({ value: value as LocatedInput['value'], file, doc });
      if (ref.kind === 'DPUService' && !own.some((f) => f.severity === 'error')) {
        findings.push(...lintDpuServiceChart(value, doc, file, opts, resolver, lintedCharts));
      }
    });
  }
  return findings;
}

/** Renders the DPUService's chart (when it is local) with the values DPF would give it. */
const STATIC_CHART_RULES: ReadonlySet<RuleId> = new Set(['doca-version', 'dpf-annotation', 'crds-location', 'image-pull-secrets', 'exposed-ports-default']);

function lintDpuServiceChart(
  service: unknown,
  doc: ManifestDocument,
  file: string,
  opts: LintOptions,
  resolver: LocalChartResolver,
  lintedCharts: ReadonlySet<string>,
): Finding[] {
  const source = chartSourceOf(service);
  if (!source) return [];
  const local = resolver.find(source);
  if (!local) {
    const f = chartUnavailableFinding(objectRefOf(service), describeSource(source), 'not among the linted paths or --chart-dir folders; chart rules not run', 'warning');
    return settleFindings([{ ...f, file, line: doc.lineOf(f.path) }], NO_RULE_CONTROL, () => annotationDisables(service));
  }
  const release = dpuServiceRelease(service, { cluster: opts.cluster ?? 'in-cluster', defaultNamespace: opts.namespace ?? 'default' });
  if (isReleaseFinding(release)) return settleFindings([{ ...release, file, line: doc.lineOf(release.path) }], NO_RULE_CONTROL, () => annotationDisables(service));
  const checked = checkChartRender(local.chart, { ...release, ...(opts.render ? { render: opts.render } : {}) });
  // The DPUService's annotation settles findings about everything its chart renders; a rendered object's its own.
  const findings = settleFindings(checked.findings, NO_RULE_CONTROL, renderedAnnotations(service, checked.objects ?? []));
  // A chart linted on its own already reported its static findings.
  const linted = lintedCharts.has(local.location);
  return findings
    .filter((f) => !(linted && STATIC_CHART_RULES.has(f.rule)))
    .map((f) => ({ ...locateInChart(f, local.location, resolver.confinementOf(local.root)), detail: { ...(f.detail ?? {}), dpuService: `${file}:${doc.line}` } }));
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
