/**
 * Problems found while generating: each names where it is (file, document index, line, field)
 * and what to do. They are printed on stderr one per line; ArgoCD shows that text in its UI, so
 * nothing here may hold credentials.
 */
import type { SourceLocation } from '../dpf/dpuservice.js';

export interface Problem {
  severity: 'error' | 'warning';
  location?: SourceLocation;
  /** `DPUService ns/name` or another object reference. */
  object?: string;
  /** Dotted field path inside the object. */
  field?: string;
  message: string;
  fix?: string;
  /** The contract rule behind it, when one is. */
  rule?: string;
  /**
   * What varies between otherwise identical problems (the DPU a per-DPU problem is about): the
   * stderr reporter shows such problems once, with a count and the first few names.
   */
  subject?: { kind: string; name: string };
}

/** `file#doc (line N)`. */
export function formatLocation(l: SourceLocation): string {
  return `${l.file}#${l.doc} (line ${l.line})`;
}

/** One stderr line for a problem. */
export function formatProblem(p: Problem): string {
  const where = [p.location ? formatLocation(p.location) : undefined, p.object, p.field].filter((x) => x !== undefined && x !== '').join(' ');
  const fix = p.fix ? ` (fix: ${p.fix})` : '';
  return `${p.severity}: ${where ? `${where}: ` : ''}${p.message}${fix}`;
}
