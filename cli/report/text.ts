/**
 * The text form of stderr: one line per problem (group) or log record, each starting with its
 * level (`error: `, `warning: `, `info: `...), the one prefix every command uses.
 */
import { formatLocation, type Problem } from '../../plugin/problems.js';
import { NAMED_SUBJECTS, sharedMessage, type ProblemGroup } from './collapse.js';

/** `a, b, c, d, e and 195 more`. */
function namedList(names: readonly string[], shown = NAMED_SUBJECTS): string {
  const head = names.slice(0, shown).join(', ');
  const more = names.length - Math.min(shown, names.length);
  return more > 0 ? `${head} and ${more} more` : head;
}

function where(p: Problem): string {
  return [p.location ? formatLocation(p.location) : undefined, p.object, p.field].filter((x) => x !== undefined && x !== '').join(' ');
}

/** One line (no newline) for a group: the problem itself, or what its members share and how many. */
export function formatGroup(g: ProblemGroup): string {
  const p = g.first;
  const at = where(p);
  const fix = p.fix ? ` (fix: ${p.fix})` : '';
  if (g.count === 1) return `${p.severity}: ${at ? `${at}: ` : ''}${p.message}${fix}`;
  const times = g.subjectKind !== undefined && g.subjects.length > 0
    ? ` [${g.subjects.length} ${g.subjectKind}s: ${namedList(g.subjects)}]`
    : ` [${g.count} times]`;
  return `${p.severity}: ${at ? `${at}: ` : ''}${sharedMessage(p)}${fix}${times}`;
}

const LEVEL_LABELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };
/** Fields every pino record carries, not worth a person's attention. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'cmd', 'v']);

/** A pino JSON record as a text line: `level: message (key=value, ...)`. */
export function formatLogRecord(json: string): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.replace(/\n+$/, '');
  }
  const label = LEVEL_LABELS[Number(rec.level)] ?? String(rec.level);
  const extras = Object.entries(rec)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return `${label}: ${String(rec.msg ?? '')}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}
