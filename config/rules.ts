/**
 * Rule control: which rules run and at what severity, from the repository config's `rules`,
 * `--disable` flags, and the per-object annotation `dpu-gitops.nvidia.com/disable` that
 * settles findings about one object (a known arm64 image, say):
 *
 *   metadata:
 *     annotations:
 *       dpu-gitops.nvidia.com/disable: arm64-image, kube-schema
 *
 * On a chart's object it settles that object's findings; on a DPUService it settles the
 * findings about the DPUService and about every object its chart renders.
 */
import { RULE_IDS } from '../contract/registry.js';
import type { Finding, ObjectRef, RuleId, Severity } from '../contract/types.js';
import type { RuleSettings } from './types.js';

export const DISABLE_ANNOTATION = 'dpu-gitops.nvidia.com/disable';

export interface RuleControl {
  disabled: ReadonlySet<RuleId>;
  severity: Readonly<Partial<Record<RuleId, Severity>>>;
}

export const NO_RULE_CONTROL: RuleControl = Object.freeze({ disabled: new Set<RuleId>(), severity: {} });

/** An id that names no rule (from a flag: the config's schema refuses these itself). */
export class UnknownRuleError extends Error {
  constructor(
    readonly rule: string,
    readonly where: string,
  ) {
    super(`${where}: unknown rule ${JSON.stringify(rule)} (rules: ${RULE_IDS.join(', ')})`);
    this.name = 'UnknownRuleError';
  }
}

/** The config's rule settings with the command line's `--disable` rules added. */
export function ruleControl(config: RuleSettings | undefined, disableFlags: readonly string[] = []): RuleControl {
  for (const r of disableFlags) if (!(RULE_IDS as readonly string[]).includes(r)) throw new UnknownRuleError(r, '--disable');
  return {
    disabled: new Set<RuleId>([...(config?.disable ?? []), ...(disableFlags as RuleId[])]),
    severity: { ...(config?.severity ?? {}) },
  };
}

/** The rule ids an object's annotation names (comma- or space-separated). */
export function annotationDisables(object: unknown): Set<string> {
  const meta = isRecord(object) && isRecord(object.metadata) ? object.metadata : undefined;
  return disablesIn(meta?.annotations);
}

/** The rule ids the annotation names in an annotations map (a decoded object's `annotations`). */
export function disablesIn(annotations: unknown): Set<string> {
  const value = isRecord(annotations) ? annotations[DISABLE_ANNOTATION] : undefined;
  if (typeof value !== 'string') return new Set();
  return new Set(value.split(/[\s,]+/).filter((r) => r !== ''));
}

/**
 * Findings that remain, at their settled severity: a rule disabled by the control or by an
 * annotation on the finding's object (`annotated` returns those ids) is dropped.
 */
export function settleFindings(findings: readonly Finding[], control: RuleControl, annotated: (object: ObjectRef | undefined) => ReadonlySet<string> = () => new Set()): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (control.disabled.has(f.rule) || annotated(f.object).has(f.rule)) continue;
    const severity = control.severity[f.rule];
    out.push(severity && severity !== f.severity ? { ...f, severity } : f);
  }
  return out;
}

/**
 * The annotation lookup for findings about a chart's rendered objects: the object's own
 * annotation plus its DPUService's.
 */
export function renderedAnnotations(owner: unknown, objects: readonly { kind: string; name: string; namespace?: string; object: unknown }[]): (ref: ObjectRef | undefined) => ReadonlySet<string> {
  return annotationLookup(annotationDisables(owner), annotatedObjects(objects));
}

/** A rendered object that carries the annotation, as plain data (a chart worker sends these back). */
export interface AnnotatedObject {
  kind: string;
  name: string;
  namespace?: string;
  disables: readonly string[];
}

/** The rendered objects that carry the annotation, with the rule ids it names. */
export function annotatedObjects(objects: readonly { kind: string; name: string; namespace?: string; object: unknown }[]): AnnotatedObject[] {
  const out: AnnotatedObject[] = [];
  for (const o of objects) {
    const ids = annotationDisables(o.object);
    if (ids.size === 0) continue;
    out.push({ kind: o.kind, name: o.name, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}), disables: [...ids] });
  }
  return out;
}

/**
 * The lookup renderedAnnotations builds, from data: a finding about one of `objects` gets that
 * object's ids plus the owner's; any other finding (the owner itself, the chart) the owner's.
 */
export function annotationLookup(ownerIds: ReadonlySet<string>, objects: readonly AnnotatedObject[]): (ref: ObjectRef | undefined) => ReadonlySet<string> {
  return (ref) => {
    if (!ref) return ownerIds;
    const match = objects.find((o) => o.kind === ref.kind && o.name === (ref.name ?? '') && (ref.namespace === undefined || o.namespace === undefined || o.namespace === ref.namespace));
    if (!match || match.disables.length === 0) return ownerIds;
    return new Set([...ownerIds, ...match.disables]);
  };
}

/** The union of the rule ids several annotations maps name (a composed DPUService: its DPUDeployment's, template's, configuration's). */
export function disablesInAll(annotations: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  for (const a of annotations) for (const id of disablesIn(a)) out.add(id);
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
