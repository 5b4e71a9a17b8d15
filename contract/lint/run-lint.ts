/**
 * `dpu-gitops lint` without the CLI: checks charts, DPUService files, extension-service files
 * and other Kubernetes manifests under the given paths and returns the findings with file and
 * line. DPUServices are rendered with the chart their source names when it is among the
 * linted paths or in `chartDirs` (a chart not found locally is a warning: lint never goes to
 * the network).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadChartSync } from '../../helm/chart/load.js';
import type { Chart } from '../../helm/chart/types.js';
import { checkChart, type RenderFn } from '../chart.js';
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
  disabled?: ReadonlySet<RuleId>;
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
  const resolver = new LocalChartResolver([...targets.charts, ...(opts.chartDirs ?? [])]);
  const findings: Finding[] = [];
  for (const location of targets.charts) findings.push(...lintChart(location, opts));
  const definitions: LocatedDefinition[] = [];
  const lintedCharts = new Set(targets.charts);
  for (const file of targets.manifests) findings.push(...lintManifestFile(file, opts, resolver, lintedCharts, definitions));
  findings.push(...checkExtensionServiceSet(definitions));
  const disabled = opts.disabled ?? new Set();
  return { findings: dedupe(findings.filter((f) => !disabled.has(f.rule))), files: targets.manifests.length, charts: targets.charts.length };
}

/** A chart on its own: default values, the lint release name. */
function lintChart(location: string, opts: LintOptions): Finding[] {
  let chart: Chart;
  try {
    chart = loadChartSync(location);
  } catch (err) {
    return [{ ...chartRenderFinding({ kind: 'Chart', name: location }, err), file: location }];
  }
  const findings = checkChart(chart, {
    releaseName: opts.releaseName ?? DEFAULT_LINT_RELEASE,
    namespace: opts.namespace ?? 'default',
    values: {},
    ...(opts.render ? { render: opts.render } : {}),
  });
  return findings.map((f) => locateInChart(f, location));
}

/** Points a chart finding at the file (and line) it is about. */
function locateInChart(f: Finding, location: string): Finding {
  const isDir = statSync(location).isDirectory();
  if (!isDir) return { ...f, file: location };
  if (f.template) {
    const slash = f.template.indexOf('/');
    return { ...f, file: join(location, f.template.slice(slash + 1)) };
  }
  if (f.path && (f.rule === 'doca-version' || f.rule === 'dpf-annotation')) return withLine(f, join(location, 'Chart.yaml'));
  if (f.path && f.rule === 'exposed-ports-default') return withLine(f, join(location, 'values.yaml'));
  return { ...f, file: join(location, 'Chart.yaml') };
}

function withLine(f: Finding, file: string): Finding {
  try {
    const doc = readManifestText(readFileSync(file, 'utf8')).documents[0];
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
): Finding[] {
  const parsed = readManifestText(readFileSync(file, 'utf8'));
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
      const own = checkObject(value, isList ? {} : { text: doc.text }).map(at);
      findings.push(...own);
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
    return [{ ...f, file, line: doc.lineOf(f.path) }];
  }
  const release = dpuServiceRelease(service, { cluster: opts.cluster ?? 'in-cluster', defaultNamespace: opts.namespace ?? 'default' });
  if (isReleaseFinding(release)) return [{ ...release, file, line: doc.lineOf(release.path) }];
  const findings = checkChart(local.chart, { ...release, ...(opts.render ? { render: opts.render } : {}) });
  // A chart linted on its own already reported its static findings.
  const linted = lintedCharts.has(local.location);
  return findings
    .filter((f) => !(linted && STATIC_CHART_RULES.has(f.rule)))
    .map((f) => ({ ...locateInChart(f, local.location), detail: { ...(f.detail ?? {}), dpuService: `${file}:${doc.line}` } }));
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
