/**
 * One admission request through the contract rules: Pods, DaemonSets and Deployments get the
 * pod rules; DPUServices get the spec rules and, when those pass, their chart is fetched
 * (ChartResolver, with a deadline) and rendered with the values DPF would give it, and every
 * chart rule runs. Everything else, DELETE/CONNECT and subresources are allowed unchecked.
 * No express here: the server adapts HTTP, this adapts the contract.
 */
import { checkChart, type RenderFn } from '../contract/chart.js';
import { chartSourceOf, describeSource, resolveWithDeadline, ChartUnavailableError, type ChartResolver } from '../contract/chart-resolver.js';
import { dpuServiceRelease, isReleaseFinding } from '../contract/dpuservice-release.js';
import {
  checkObject,
  chartUnavailableFinding,
  hasErrors,
  type Finding,
  type MessageCatalog,
  type ObjectRef,
  type RuleId,
  type Violation,
} from '../contract/index.js';
import { objectRefOf } from '../contract/json.js';
import type { Chart } from '../helm/chart/types.js';
import type { AdmissionRequest } from './admission-review.js';

/** The kinds the webhook checks (and the ValidatingWebhookConfiguration routes to it). */
export const CHECKED_KINDS: readonly string[] = ['Pod', 'DaemonSet', 'Deployment', 'DPUService'];

export interface ValidatorOptions {
  catalog: MessageCatalog;
  /** Where DPUService charts come from; without one, every DPUService chart is unavailable. */
  resolver?: ChartResolver;
  /** The renderer (contract/render-helm.ts renderWithHelm in production). */
  render?: RenderFn;
  /** How long to wait for a chart before treating it as unavailable. */
  chartTimeoutMs: number;
  /** `deny` (default): an unavailable chart rejects; `allow`: admitted with a warning. */
  onChartUnavailable: 'deny' | 'allow';
  /** DPUCluster name in DPF's default release name `<cluster>-<dpuservice>` (host-side services use `in-cluster`). */
  cluster: string;
  disabled?: ReadonlySet<RuleId>;
}

/** The decision for one request. */
export interface ReviewOutcome {
  allowed: boolean;
  object: ObjectRef;
  /** Error-level violations (why it was denied). */
  errors: Violation[];
  /** Warning-level violations (sent as admission warnings). */
  warnings: Violation[];
  /** True when a DPUService chart could not be fetched (and that was an error). */
  chartUnavailable: boolean;
  /** False when the request's kind/operation is not checked at all. */
  checked: boolean;
}

/** Runs the rules for one request. Never throws for bad objects: they become violations. */
export async function validateRequest(request: AdmissionRequest, opts: ValidatorOptions): Promise<ReviewOutcome> {
  const object = request.object;
  const ref = objectRefOf(object, request.kind.kind);
  if (!ref.namespace && request.namespace) ref.namespace = request.namespace;
  if (!ref.name && request.name) ref.name = request.name;
  const skip: ReviewOutcome = { allowed: true, object: ref, errors: [], warnings: [], chartUnavailable: false, checked: false };
  if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') return skip;
  if (request.subResource) return skip;
  if (!CHECKED_KINDS.includes(request.kind.kind)) return skip;

  let findings = checkObject(object, { admission: true });
  let chartUnavailable = false;
  if (request.kind.kind === 'DPUService' && !hasErrors(findings)) {
    const chart = await checkDpuServiceChart(object, ref, opts);
    findings = [...findings, ...chart.findings];
    chartUnavailable = chart.unavailable && opts.onChartUnavailable === 'deny';
  }
  const disabled = opts.disabled ?? new Set();
  const violations = opts.catalog.renderAll(findings.filter((f) => !disabled.has(f.rule)));
  const errors = violations.filter((v) => v.severity === 'error');
  const warnings = violations.filter((v) => v.severity === 'warning');
  return { allowed: errors.length === 0, object: ref, errors, warnings, chartUnavailable, checked: true };
}

async function checkDpuServiceChart(object: unknown, ref: ObjectRef, opts: ValidatorOptions): Promise<{ findings: Finding[]; unavailable: boolean }> {
  const source = chartSourceOf(object);
  if (!source) return { findings: [], unavailable: false };
  const severity = opts.onChartUnavailable === 'deny' ? 'error' : 'warning';
  if (!opts.resolver) {
    return { findings: [chartUnavailableFinding(ref, describeSource(source), 'the webhook has no chart source configured', severity)], unavailable: true };
  }
  let chart;
  try {
    chart = await resolveWithDeadline(opts.resolver, source, opts.chartTimeoutMs);
  } catch (err) {
    const reason = err instanceof ChartUnavailableError ? err.reason : err instanceof Error ? err.message : String(err);
    return { findings: [chartUnavailableFinding(ref, describeSource(source), reason, severity)], unavailable: true };
  }
  const release = dpuServiceRelease(object, { cluster: opts.cluster, defaultNamespace: ref.namespace ?? 'default' });
  if (isReleaseFinding(release)) return { findings: [release], unavailable: false };
  const { releaseName, namespace, values } = release;
  // Rendering is a pure function of the chart and these inputs; ArgoCD re-applies the same
  // DPUService on every sync, so remember the findings per chart object (a chart the resolver
  // replaces, e.g. after its cache TTL, starts afresh).
  const key = JSON.stringify([releaseName, namespace, values, Boolean(opts.render)]);
  let perChart = chartFindingsCache.get(chart);
  const cached = perChart?.get(key);
  if (cached) return { findings: cached, unavailable: false };
  const findings = checkChart(chart, { releaseName, namespace, values, ...(opts.render ? { render: opts.render } : {}) });
  if (!perChart) chartFindingsCache.set(chart, (perChart = new Map()));
  if (perChart.size >= FINDINGS_PER_CHART) perChart.delete(perChart.keys().next().value as string);
  perChart.set(key, findings);
  return { findings, unavailable: false };
}

/** How many distinct (values, release, namespace) results to keep per chart. */
const FINDINGS_PER_CHART = 128;
const chartFindingsCache = new WeakMap<Chart, Map<string, Finding[]>>();
