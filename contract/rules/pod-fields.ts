/**
 * pod-fields: a pod manifest has `apiVersion`, `kind: Pod`, `metadata.name` and a non-empty
 * `spec.containers` array (NICo extension services, seed 000, "Kubernetes Pod Requirements").
 *
 * A workload's pod template only needs `spec.containers`: the controller sets apiVersion, kind
 * and the generated name of the Pod it creates.
 */
import { field, isObject, jsonType } from '../json.js';
import type { FieldPath, Finding, ObjectRef, RuleSpec } from '../types.js';

export const podFieldsRule: RuleSpec = {
  id: 'pod-fields',
  severity: 'error',
  summary: 'A pod manifest has apiVersion, kind: Pod, metadata.name and a non-empty spec.containers.',
  fix: 'set {{field}} in the pod manifest (apiVersion: v1, kind: Pod, metadata.name, spec.containers: [...])',
};

export interface PodFieldsInput {
  object: ObjectRef;
  pod: unknown;
  /** Where the pod sits inside `object`; field paths in findings are prefixed with it. */
  path?: FieldPath;
  /** True for a workload's pod template: only spec.containers is required. */
  isTemplate?: boolean;
  /**
   * True for objects at admission: `metadata.generateName` stands for the name, because the
   * API server has not generated it yet (every Pod a controller creates arrives that way).
   */
  allowGenerateName?: boolean;
  template?: string;
}

/** Lists each missing or wrong required pod field. */
export function checkPodFields(input: PodFieldsInput): Finding[] {
  const base = input.path ?? [];
  const findings: Finding[] = [];
  const report = (path: FieldPath, problem: string, found?: string) => {
    const finding: Finding = {
      rule: 'pod-fields',
      severity: podFieldsRule.severity,
      object: input.object,
      path: [...base, ...path],
      detail: found === undefined ? { problem } : { problem, found },
    };
    if (input.template) finding.template = input.template;
    findings.push(finding);
  };
  const pod = input.pod;
  if (!isObject(pod)) {
    report([], 'must be a mapping (a Kubernetes Pod manifest)', jsonType(pod));
    return findings;
  }
  if (!input.isTemplate) {
    const apiVersion = field(pod, 'apiVersion');
    if (typeof apiVersion !== 'string' || apiVersion === '') report(['apiVersion'], 'is missing');
    const kind = field(pod, 'kind');
    if (kind === undefined || kind === null || kind === '') report(['kind'], 'is missing');
    else if (kind !== 'Pod') report(['kind'], 'must be Pod', String(kind));
    const metadata = field(pod, 'metadata');
    const name = field(metadata, 'name');
    const generateName = input.allowGenerateName ? field(metadata, 'generateName') : undefined;
    const named = (typeof name === 'string' && name !== '') || (typeof generateName === 'string' && generateName !== '');
    if (!named) report(['metadata', 'name'], 'is missing');
  }
  const containers = field(field(pod, 'spec'), 'containers');
  if (!Array.isArray(containers)) report(['spec', 'containers'], 'must be a non-empty array', jsonType(containers));
  else if (containers.length === 0) report(['spec', 'containers'], 'must be a non-empty array', 'empty array');
  return findings;
}
