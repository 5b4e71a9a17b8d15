/**
 * The shared vocabulary of the DPF contract rules. Rules are pure: they look at objects, charts
 * or extension-service definitions and return `Finding`s (data only). `renderFindings` turns
 * findings into `Violation`s by adding the message and fix texts from the handlebars templates,
 * so the webhook, the CMP and `dpu-gitops lint` all report the same words.
 */

/** Every rule id. The id is the name of its message template (`templates/messages/<id>.hbs`). */
export type RuleId =
  // pod manifests (NICo extension services, seed 000; Pods and pod templates)
  | 'pod-size'
  | 'pod-fields'
  // DPUService charts (seed 002)
  | 'one-daemonset'
  | 'release-name'
  | 'doca-version'
  | 'dpf-annotation'
  | 'image-pull-secrets'
  | 'exposed-service-traffic-policy'
  | 'exposed-ports-default'
  | 'crds-location'
  | 'arm64-image'
  | 'chart-render'
  | 'chart-unavailable'
  // DPUService objects (svc.dpu.nvidia.com/v1alpha1)
  | 'dpuservice-spec'
  | 'dpuservice-source'
  | 'dpuservice-config-ports'
  | 'dpuservice-interfaces'
  | 'dpuservice-daemonset'
  | 'unknown-field'
  // DPUDeployment inputs (DPUServiceTemplate, DPUServiceConfiguration, DPUDeployment)
  | 'deployment-template'
  | 'deployment-configuration'
  | 'deployment-spec'
  | 'deployment-references'
  | 'deployment-version'
  // NICo extension-service definitions (seed 000)
  | 'extension-service-spec'
  | 'extension-service-type'
  | 'extension-service-credentials'
  | 'extension-service-name-unique'
  | 'extension-service-registry-conflict'
  // input that could not be read at all (lint)
  | 'manifest-parse'
  // charts as helm lint and kubeconform -strict see them (lint)
  | 'helm-lint'
  | 'kube-schema';

/** `error` rejects (webhook deny, CMP failure, lint exit 1); `warning` is reported only. */
export type Severity = 'error' | 'warning';

/** Which Kubernetes object (or extension-service definition) a finding is about. */
export interface ObjectRef {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name?: string;
}

/** A field path inside an object: keys and array indexes, e.g. ['spec', 'ports', 1, 'name']. */
export type FieldPath = readonly (string | number)[];

/** Extra facts a message template may print (found objects, offending values, reasons). */
export type FindingDetail = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** What a rule found: facts only, no wording. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  object?: ObjectRef;
  /** The field the finding is about, inside `object`. */
  path?: FieldPath;
  /** The chart template that produced `object` (helm's `# Source:` path). */
  template?: string;
  /** The file the object came from, and the 1-based line when known (set by lint). */
  file?: string;
  line?: number;
  /** The measured value and the limit it was held to, when the rule measures something. */
  measured?: string | number;
  limit?: string | number;
  detail?: FindingDetail;
}

/** A finding with its rendered wording: `message` is one short line, `fix` says what to do. */
export interface Violation extends Finding {
  /** The dotted field path (`spec.configPorts.ports[1].nodePort`), when `path` is set. */
  field?: string;
  message: string;
  fix: string;
}

/** A rule's fixed facts: its id, severity and the fix hint (a handlebars template). */
export interface RuleSpec {
  id: RuleId;
  severity: Severity;
  /** One line saying what the rule checks (docs, `lint --rules`). */
  summary: string;
  /** How to fix a finding; rendered with the same fields as the message. */
  fix: string;
}

/** Formats a field path the way kubectl and the API server print them: `a.b[2].c`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** `Kind namespace/name` (or `Kind name`, or `Kind`), as Kubernetes messages name objects. */
export function formatObject(ref: ObjectRef | undefined): string {
  if (!ref) return '';
  const name = ref.name ?? '';
  if (ref.namespace && name) return `${ref.kind} ${ref.namespace}/${name}`;
  if (name) return `${ref.kind} ${name}`;
  return ref.kind;
}

/** True when any violation or finding is an error. */
export function hasErrors(findings: readonly Pick<Finding, 'severity'>[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
