/**
 * Contract findings (generate's errors and warnings) new in head and fixed in head. A finding is
 * the same on both sides when severity, object, field and message match: its line is not part
 * of it, so moving a service within its file neither fixes nor adds anything.
 */
import { formatLocation, type Problem } from '../problems.js';
import type { Finding } from './report.js';

const keyOf = (p: Problem): string => JSON.stringify([p.severity, p.object ?? '', p.field ?? '', p.message]);

function finding(p: Problem): Finding {
  return {
    severity: p.severity,
    ...(p.object ? { object: p.object } : {}),
    ...(p.field ? { field: p.field } : {}),
    message: p.fix ? `${p.message} (fix: ${p.fix})` : p.message,
    ...(p.location ? { location: formatLocation(p.location) } : {}),
  };
}

/** Findings of `from` whose key `other` lacks, once each, errors first, then by object and message. */
function missingIn(from: readonly Problem[], other: readonly Problem[]): Finding[] {
  const seen = new Set(other.map(keyOf));
  const out = new Map<string, Finding>();
  for (const p of from) {
    const k = keyOf(p);
    if (!seen.has(k) && !out.has(k)) out.set(k, finding(p));
  }
  const rank = (f: Finding): string => `${f.severity === 'error' ? 0 : 1}\0${f.object ?? ''}\0${f.field ?? ''}\0${f.message}`;
  return [...out.values()].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

export function findingChanges(base: readonly Problem[], head: readonly Problem[]): { new: Finding[]; fixed: Finding[] } {
  return { new: missingIn(head, base), fixed: missingIn(base, head) };
}
