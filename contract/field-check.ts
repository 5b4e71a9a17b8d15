/**
 * Helpers for the schema-like rules (DPUService spec, extension-service definitions): each
 * check reports a finding with the field path, the problem in words and what was found,
 * instead of stopping at the first error, so one run lists everything to fix.
 */
import { isObject, jsonType } from './json.js';
import type { FieldPath, Finding, ObjectRef, RuleId, Severity } from './types.js';

/** Collects findings for one rule about one object. */
export class FieldReporter {
  readonly findings: Finding[] = [];

  constructor(
    readonly rule: RuleId,
    readonly ref: ObjectRef,
    readonly severity: Severity = 'error',
  ) {}

  /** Reports `path` with a problem ("is missing", "must be one of ...") and what was found. */
  report(path: FieldPath, problem: string, found?: unknown): void {
    const detail: Record<string, string> = { problem };
    if (found !== undefined) detail.found = describe(found);
    this.findings.push({ rule: this.rule, severity: this.severity, object: this.ref, path, detail });
  }

  /** Like report, with `found` already in words (a count, a length), printed as is. */
  reportText(path: FieldPath, problem: string, foundText: string): void {
    this.findings.push({ rule: this.rule, severity: this.severity, object: this.ref, path, detail: { problem, found: foundText } });
  }

  /** A required or optional string; returns it when it is one. */
  string(path: FieldPath, value: unknown, opts: { required?: boolean; nonEmpty?: boolean; maxLength?: number; pattern?: RegExp; patternText?: string } = {}): string | undefined {
    if (value === undefined) {
      if (opts.required) this.report(path, 'is missing');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.report(path, 'must be a string', value);
      return undefined;
    }
    if ((opts.nonEmpty || opts.required) && value === '') {
      this.report(path, 'must not be empty');
      return value;
    }
    if (opts.maxLength !== undefined && value.length > opts.maxLength) {
      this.reportText(path, `must be at most ${opts.maxLength} characters`, `${value.length} characters`);
    }
    if (opts.pattern && !opts.pattern.test(value)) this.report(path, `must match ${opts.patternText ?? opts.pattern.source}`, value);
    return value;
  }

  /** An optional boolean. */
  boolean(path: FieldPath, value: unknown): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.report(path, 'must be a boolean (true or false)', value);
      return undefined;
    }
    return value;
  }

  /** An optional (or required) mapping. */
  mapping(path: FieldPath, value: unknown, required = false): Record<string, unknown> | undefined {
    if (value === undefined) {
      if (required) this.report(path, 'is missing');
      return undefined;
    }
    if (!isObject(value)) {
      this.report(path, 'must be a mapping', value);
      return undefined;
    }
    return value;
  }

  /** An optional enum value. */
  oneOf(path: FieldPath, value: unknown, allowed: readonly string[], required = false): string | undefined {
    if (value === undefined) {
      if (required) this.report(path, `is missing (one of ${allowed.join(', ')})`);
      return undefined;
    }
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.report(path, `must be one of ${allowed.join(', ')}`, value);
      return undefined;
    }
    return value;
  }

  /** An optional integer in [min, max]. */
  integer(path: FieldPath, value: unknown, min: number, max: number, required = false): number | undefined {
    if (value === undefined) {
      if (required) this.report(path, 'is missing');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.report(path, 'must be an integer', value);
      return undefined;
    }
    if (value < min || value > max) {
      this.report(path, `must be between ${min} and ${max}`, value);
      return undefined;
    }
    return value;
  }

  /** An optional map of string to string (labels, annotations). */
  stringMap(path: FieldPath, value: unknown): void {
    const map = this.mapping(path, value);
    if (!map) return;
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string') this.report([...path, k], 'must be a string (quote it)', v);
    }
  }
}

/** Warns about keys not in `known` (rule unknown-field); `kind` names the mapping in messages. */
export function unknownFields(value: unknown, known: readonly string[], path: FieldPath, object: ObjectRef): Finding[] {
  if (!isObject(value)) return [];
  return Object.keys(value)
    .filter((k) => !known.includes(k))
    .map((k) => ({
      rule: 'unknown-field' as const,
      severity: 'warning' as const,
      object,
      path: [...path, k],
      detail: { known: [...known] },
    }));
}

/** A short printable form of a found value for messages (never more than 40 characters). */
function describe(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === null || typeof value !== 'object') text = String(value);
  else text = jsonType(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
