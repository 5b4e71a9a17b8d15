/**
 * pod-size: a pod manifest must not exceed 64 KB (NICo extension services, seed 000: "The pod
 * manifest must not exceed 64 KB"). Counted in bytes of the text the user wrote when there is
 * one (a YAML document, an extension service's `data`), else of the object's compact JSON.
 */
import { compactJsonLength, utf8Length } from '../json.js';
import type { FieldPath, Finding, ObjectRef, RuleSpec } from '../types.js';

/** 64 KB as NICo counts it: 65,536 bytes. */
export const POD_MANIFEST_LIMIT_BYTES = 65_536;

export const podSizeRule: RuleSpec = {
  id: 'pod-size',
  severity: 'error',
  summary: 'A pod manifest (or the Pod a workload template creates) is at most 64 KB (65,536 bytes).',
  fix: 'shrink the pod manifest below {{limit}} bytes: move large config into a ConfigMap or the image',
};

/** What to measure: the user's text when there is one, else the object. */
export interface PodSizeInput {
  object: ObjectRef;
  /** The manifest text as written (UTF-8 bytes are counted). */
  text?: string;
  /** The pod object, measured as compact JSON when `text` is absent. */
  pod?: unknown;
  /** Where the pod sits inside `object` (e.g. ['spec', 'template'] or ['data']). */
  path?: FieldPath;
  template?: string;
}

/** Measures a pod manifest and reports it when it is over the limit. */
export function checkPodSize(input: PodSizeInput, limit = POD_MANIFEST_LIMIT_BYTES): Finding[] {
  const measuredFrom = input.text !== undefined ? 'text' : 'compact JSON';
  const measured = input.text !== undefined ? utf8Length(input.text) : compactJsonLength(input.pod);
  if (measured <= limit) return [];
  const finding: Finding = {
    rule: 'pod-size',
    severity: podSizeRule.severity,
    object: input.object,
    measured,
    limit,
    detail: { measuredFrom },
  };
  if (input.path && input.path.length > 0) finding.path = input.path;
  if (input.template) finding.template = input.template;
  return [finding];
}
