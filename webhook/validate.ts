/**
 * One admission request through the contract rules: Pods, DaemonSets and Deployments get the
 * pod rules; DPUServices get the spec rules and, when those pass, their chart is fetched
 * (ChartResolver, with a deadline) and rendered with the values DPF would give it, and every
 * chart rule runs. DPUServiceTemplates, DPUServiceConfigurations and DPUDeployments get their
 * CRD/CEL rules; a template's chart is checked as a DPUService with the template's values would
 * be (contract/deployment.ts templateChartProbe). A DPUDeployment that passes its own rules is
 * checked against the templates, configurations and BFB it names, read from the API server
 * (deployment-cross-object.ts), when a cluster reader is configured.
 * Everything else, DELETE/CONNECT and subresources are allowed unchecked.
 * Findings then go through rule control (rule-settling.ts): the config's disable and severity,
 * and the dpu-gitops.nvidia.com/disable annotation of the reviewed object (for a DPUService or
 * DPUServiceTemplate, also of the objects its chart renders), which settles warnings only.
 * No express here: the server adapts HTTP, this adapts the contract.
 */
import { annotationDisables, annotationLookup, NO_RULE_CONTROL, type RuleControl } from '../config/rules.js';
import type { RenderFn } from '../contract/chart.js';
import type { ChartResolver } from '../contract/chart-resolver.js';
import { checkObject, hasErrors, type MessageCatalog, type ObjectRef, type RuleId, type Violation } from '../contract/index.js';
import { templateChartProbe } from '../contract/deployment.js';
import { objectRefOf } from '../contract/json.js';
import type { AdmissionRequest } from './admission-review.js';
import { InProcessChartChecker, type ChartChecker } from './chart-checker.js';
import type { ClusterReader, ClusterReadError } from './cluster-reader.js';
import { checkDeploymentAcrossObjects } from './deployment-cross-object.js';
import { settleAtAdmission, withRefusedWaiverNote, type AdmissionSettled } from './rule-settling.js';

/** The kinds the webhook checks (and the ValidatingWebhookConfiguration routes to it). */
export const CHECKED_KINDS: readonly string[] = ['Pod', 'DaemonSet', 'Deployment', 'DPUService', 'DPUServiceTemplate', 'DPUServiceConfiguration', 'DPUDeployment'];

export interface ValidatorOptions {
  catalog: MessageCatalog;
  /**
   * Where DPUService charts are checked: `dpu-gitops webhook` passes the worker pool
   * (chart-checker.ts). Without one, `resolver` and `render` are used in this thread.
   */
  charts?: ChartChecker;
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
  /** Disabled rules and severity overrides (the webhook's --config and --disable); none by default. */
  rules?: RuleControl;
  /** Where a DPUDeployment's templates, configurations and BFB are read; without one, no cross-object checks. */
  clusterReader?: ClusterReader;
  /** Told when the cross-object checks could not run (the review then carries a warning). */
  onCrossObjectFailure?: (failure: ClusterReadError) => void;
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
  /** Rules of the warnings the object's dpu-gitops.nvidia.com/disable annotation settled. */
  settledByAnnotation: RuleId[];
}

/** Runs the rules for one request. Never throws for bad objects: they become violations. */
export async function validateRequest(request: AdmissionRequest, opts: ValidatorOptions): Promise<ReviewOutcome> {
  const object = request.object;
  const ref = objectRefOf(object, request.kind.kind);
  if (!ref.namespace && request.namespace) ref.namespace = request.namespace;
  if (!ref.name && request.name) ref.name = request.name;
  const skip: ReviewOutcome = { allowed: true, object: ref, errors: [], warnings: [], chartUnavailable: false, checked: false, settledByAnnotation: [] };
  if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') return skip;
  if (request.subResource) return skip;
  if (!CHECKED_KINDS.includes(request.kind.kind)) return skip;

  // Each stage's findings are settled before the next stage is gated on them: a rule the
  // administrator disabled or lowered to warning does not stop the chart check.
  const control = opts.rules ?? NO_RULE_CONTROL;
  // The reviewed object's annotation covers its own findings and its chart's; a rendered
  // object's own annotation covers that object's.
  const ownIds = annotationDisables(object);
  const settled = settleAtAdmission(checkObject(object, { admission: true }), control, () => ownIds);
  let chartUnavailable = false;
  const chartOf = request.kind.kind === 'DPUService' ? object : request.kind.kind === 'DPUServiceTemplate' ? templateChartProbe(object) : undefined;
  if (chartOf !== undefined && !hasErrors(settled.findings)) {
    const chart = await chartCheckerOf(opts).check(chartOf, ref, request.uid);
    mergeSettled(settled, settleAtAdmission(chart.findings, control, annotationLookup(ownIds, chart.annotated ?? [])));
    chartUnavailable = chart.unavailable && opts.onChartUnavailable === 'deny';
  }
  if (request.kind.kind === 'DPUDeployment' && opts.clusterReader && !hasErrors(settled.findings)) {
    const cross = await checkDeploymentAcrossObjects(object, ref.namespace ?? 'default', opts.clusterReader);
    if (cross.failure) opts.onCrossObjectFailure?.(cross.failure);
    mergeSettled(settled, settleAtAdmission(cross.findings, control, () => ownIds));
  }
  const violations = settled.findings.map((f) => {
    const v = opts.catalog.render(f);
    return settled.refusedWaivers.has(f) ? withRefusedWaiverNote(v) : v;
  });
  const errors = violations.filter((v) => v.severity === 'error');
  const warnings = violations.filter((v) => v.severity === 'warning');
  // A chart that could not be had only denies while its finding is still an error.
  chartUnavailable &&= errors.some((v) => v.rule === 'chart-unavailable');
  return { allowed: errors.length === 0, object: ref, errors, warnings, chartUnavailable, checked: true, settledByAnnotation: settled.settledByAnnotation };
}

function mergeSettled(into: AdmissionSettled, more: AdmissionSettled): void {
  into.findings.push(...more.findings);
  for (const f of more.refusedWaivers) into.refusedWaivers.add(f);
  into.settledByAnnotation.push(...more.settledByAnnotation);
}

const inProcess = new WeakMap<ValidatorOptions, ChartChecker>();

function chartCheckerOf(opts: ValidatorOptions): ChartChecker {
  if (opts.charts) return opts.charts;
  let checker = inProcess.get(opts);
  if (!checker) {
    checker = new InProcessChartChecker({
      resolver: opts.resolver,
      render: opts.render,
      chartTimeoutMs: opts.chartTimeoutMs,
      onChartUnavailable: opts.onChartUnavailable,
      cluster: opts.cluster,
    });
    inProcess.set(opts, checker);
  }
  return checker;
}
