/**
 * The one way commands write to stderr: problems (collapsed, see collapse.ts), run-level errors
 * and warnings, library logs (pino) and the closing summary line, all in the run's format
 * (log-format.ts). In `json` every line is a pino record; in `text` every line starts with its
 * level. stdout is never touched: in the CMP it is the manifest stream.
 */
import pino, { type Logger } from 'pino';
import type { Problem } from '../../plugin/problems.js';
import { collapseProblems, NAMED_SUBJECTS, sharedMessage, type ProblemGroup } from './collapse.js';
import type { LogFormat } from './log-format.js';
import { formatGroup, formatLogRecord } from './text.js';

export interface ReporterOptions {
  /** The command (`generate`, `lint`...): JSON records carry it as `cmd`, text summaries start with it. */
  command: string;
  format: LogFormat;
  /** pino level for logs (default info); problems are always written. */
  level?: string;
  /** Where stderr text goes (a CliIO's stderr). */
  write: (text: string) => void;
}

/** One count of a summary: `{ key: 'dpuConfigs', label: 'DPU configs', count: 40 }`. */
export interface SummaryItem {
  key: string;
  /** Plural label; the singular drops the last word's trailing `s`. */
  label: string;
  count: number;
}

export interface Reporter {
  readonly format: LogFormat;
  /** For library code that logs (pino): written in the run's format. */
  readonly log: Logger;
  /** Writes the problems now, identical ones collapsed. */
  problems(list: readonly Problem[]): void;
  /** A run-level error: bad usage, unreadable input. */
  error(message: string): void;
  warning(message: string): void;
  /** The closing line: `generate: 2 services, 14 objects, 1 warning, 0 errors (0.42 s)`. */
  summary(items: readonly SummaryItem[], elapsedMs: number): void;
}

export function createReporter(opts: ReporterOptions): Reporter {
  const level = opts.level ?? 'info';
  const destination = opts.format === 'json' ? { write: (s: string) => opts.write(s) } : { write: (s: string) => opts.write(`${formatLogRecord(s)}\n`) };
  const log = pino({ level, base: { cmd: opts.command } }, destination);
  const writeGroup = (g: ProblemGroup): void => {
    if (opts.format === 'text') {
      opts.write(`${formatGroup(g)}\n`);
      return;
    }
    const p = g.first;
    const fields = {
      severity: p.severity,
      ...(p.location ? { file: p.location.file, doc: p.location.doc, line: p.location.line } : {}),
      ...(p.object !== undefined ? { object: p.object } : {}),
      ...(p.field !== undefined ? { field: p.field } : {}),
      ...(p.rule !== undefined ? { rule: p.rule } : {}),
      ...(p.fix !== undefined ? { fix: p.fix } : {}),
      ...(g.count > 1 ? { count: g.count } : {}),
      ...(g.count > 1 && g.subjectKind !== undefined ? { subjectKind: g.subjectKind, subjects: g.subjects.slice(0, NAMED_SUBJECTS) } : {}),
    };
    const msg = g.count > 1 ? sharedMessage(p) : p.message;
    if (p.severity === 'error') writeRecord(opts, 50, fields, msg);
    else writeRecord(opts, 40, fields, msg);
  };
  return {
    format: opts.format,
    log,
    problems: (list) => {
      for (const g of collapseProblems(list)) writeGroup(g);
    },
    error: (message) => (opts.format === 'text' ? opts.write(`error: ${message}\n`) : writeRecord(opts, 50, {}, message)),
    warning: (message) => (opts.format === 'text' ? opts.write(`warning: ${message}\n`) : writeRecord(opts, 40, {}, message)),
    summary: (items, elapsedMs) => {
      if (!log.isLevelEnabled('info')) return;
      const seconds = (elapsedMs / 1000).toFixed(2);
      const text = `${opts.command}: ${items.map(countLabel).join(', ')} (${seconds} s)`;
      if (opts.format === 'text') opts.write(`${text}\n`);
      else writeRecord(opts, 30, { summary: Object.fromEntries(items.map((i) => [i.key, i.count])), elapsedMs: Math.round(elapsedMs) }, text);
    },
  };
}

function countLabel(i: SummaryItem): string {
  return `${i.count} ${i.count === 1 ? i.label.replace(/s$/, '') : i.label}`;
}

/**
 * Problems are written whatever the log level (a run that fails must say why), so they do not go
 * through pino's level filter; the record has pino's shape so one parser reads both.
 */
function writeRecord(opts: ReporterOptions, level: number, fields: Record<string, unknown>, msg: string): void {
  opts.write(`${JSON.stringify({ level, time: Date.now(), cmd: opts.command, ...fields, msg })}\n`);
}
