/**
 * The chart half of a DPUService review: get the chart its source names (with a deadline), render
 * it with the values DPF would give it, run every chart rule. Pure data in and out, so it runs
 * the same in the server's thread (tests, lint-like embedding) and in a chart worker.
 */
import { checkChartRender, type RenderFn } from '../contract/chart.js';
import { checkRenderedSchemas } from '../contract/kube-schema/rendered-check.js';
import { chartSourceOf, describeSource, resolveWithDeadline, ChartUnavailableError, type ChartResolver } from '../contract/chart-resolver.js';
import { dpuServiceRelease, isReleaseFinding } from '../contract/dpuservice-release.js';
import { chartUnavailableFinding, type Finding, type ObjectRef } from '../contract/index.js';
import type { RenderedObject } from '../contract/rendered.js';
import type { Chart } from '../helm/chart/types.js';
import { CLUSTER_SCOPED_KINDS } from '../plugin/cluster-scope.js';
import { annotatedObjects, type AnnotatedObject } from '../config/rules.js';

export interface ChartCheckDeps {
  resolver?: ChartResolver | undefined;
  render?: RenderFn | undefined;
  chartTimeoutMs: number;
  onChartUnavailable: 'deny' | 'allow';
  cluster: string;
  /** Where the unavailability detail (never shown to the requester) goes. */
  logDetail?: (detail: { source: string; category: string; detail: string }) => void;
}

export interface ChartCheckResult {
  findings: Finding[];
  /** True when the chart could not be had. */
  unavailable: boolean;
  /**
   * The rendered objects that carry the dpu-gitops.nvidia.com/disable annotation (plain data:
   * it crosses from the chart worker), so the review can settle their findings.
   */
  annotated?: AnnotatedObject[];
}

export async function checkDpuServiceChart(object: unknown, ref: ObjectRef, deps: ChartCheckDeps): Promise<ChartCheckResult> {
  const source = chartSourceOf(object);
  if (!source) return { findings: [], unavailable: false };
  const severity = deps.onChartUnavailable === 'deny' ? 'error' : 'warning';
  if (!deps.resolver) {
    return { findings: [chartUnavailableFinding(ref, describeSource(source), 'the webhook has no chart source configured', severity)], unavailable: true };
  }
  let chart;
  try {
    chart = await resolveWithDeadline(deps.resolver, source, deps.chartTimeoutMs);
  } catch (err) {
    // The denial says only which chart and what kind of failure: the detail (errno codes, HTTP
    // statuses, what the repository answered) would let a DPUService author probe internal URLs.
    const unavailable = err instanceof ChartUnavailableError ? err : undefined;
    const reason = unavailable ? unavailable.reason : 'the chart could not be had';
    deps.logDetail?.({ source: describeSource(source), category: unavailable?.category ?? 'unknown', detail: unavailable?.detail ?? (err instanceof Error ? err.message : String(err)) });
    return { findings: [chartUnavailableFinding(ref, describeSource(source), reason, severity)], unavailable: true };
  }
  const release = dpuServiceRelease(object, { cluster: deps.cluster, defaultNamespace: ref.namespace ?? 'default' });
  if (isReleaseFinding(release)) return { findings: [release], unavailable: false };
  const { releaseName, namespace, values } = release;
  // Rendering is a pure function of the chart and these inputs; ArgoCD re-applies the same
  // DPUService on every sync, so remember the findings per chart object (a chart the resolver
  // replaces, e.g. after its cache TTL, starts afresh).
  const key = JSON.stringify([releaseName, namespace, values, Boolean(deps.render)]);
  let perChart = chartFindingsCache.get(chart);
  const cached = perChart?.get(key);
  if (cached) return { ...cached, unavailable: false };
  const checked = checkChartRender(chart, { releaseName, namespace, values, ...(deps.render ? { render: deps.render } : {}) });
  // Kubernetes schemas of the rendered objects, as warnings (built-in kinds, the chart's CRDs).
  const raw = checked.objects ? [...checked.findings, ...checkRenderedSchemas(chart, checked.objects, { severity: 'warning' })] : checked.findings;
  const findings = inReleaseNamespace(raw, checked.objects ?? [], namespace);
  const result: CachedCheck = { findings, annotated: annotatedObjects(checked.objects ?? []) };
  // Big values are checked every time rather than kept: 128 keys of 3 MiB would fill a worker's heap.
  if (key.length > MAX_CACHED_KEY_CHARS) return { ...result, unavailable: false };
  if (!perChart) chartFindingsCache.set(chart, (perChart = new Map()));
  if (perChart.size >= FINDINGS_PER_CHART) perChart.delete(perChart.keys().next().value as string);
  perChart.set(key, result);
  return { ...result, unavailable: false };
}

/**
 * Findings about a namespaced object the chart renders without a namespace name the release
 * namespace, where Argo CD puts it (`DaemonSet ns/name`, as the object to annotate is known).
 */
function inReleaseNamespace(findings: Finding[], objects: readonly RenderedObject[], namespace: string): Finding[] {
  const unplaced = new Set(objects.filter((o) => o.namespace === undefined && !CLUSTER_SCOPED_KINDS.has(o.kind)).map((o) => `${o.kind}/${o.name}`));
  if (unplaced.size === 0) return findings;
  return findings.map((f) =>
    f.object?.name !== undefined && f.object.namespace === undefined && unplaced.has(`${f.object.kind}/${f.object.name}`) ? { ...f, object: { ...f.object, namespace } } : f,
  );
}

/** How many distinct (values, release, namespace) results to keep per chart. */
const FINDINGS_PER_CHART = 128;
/** Largest cache key (the values as JSON) kept: real DPUService values are a few KB. */
const MAX_CACHED_KEY_CHARS = 64 * 1024;
interface CachedCheck {
  findings: Finding[];
  annotated: AnnotatedObject[];
}
const chartFindingsCache = new WeakMap<Chart, Map<string, CachedCheck>>();
