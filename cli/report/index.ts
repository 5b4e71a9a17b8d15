/**
 * The shared stderr reporter (issue 15): every command writes its problems, run-level errors,
 * logs and summary through one `Reporter`, in the run's format.
 *
 *   const format = logFormatOf(flags['log-format'], env);        // throws LogFormatError (exit 2)
 *   const report = createReporter({ command: 'lint', format, write: io.stderr });
 *   report.problems(problems);         // plugin/problems.ts Problem[]; identical ones collapsed
 *   report.error('cannot read x.yaml: no such file (give an existing PATH)');
 *   report.summary([{ key: 'files', label: 'files', count: 3 }, ...], performance.now() - t0);
 *
 * Text: `error: <where>: <message> (fix: ...)`, a collapsed group ends `[200 DPUs: a, b, ... and
 * 195 more]`. JSON: one pino-shaped record per line ({level, time, cmd, msg, severity, file, line,
 * object, field, rule, fix, count, subjectKind, subjects}). A problem whose message names a DPU
 * (or another varying thing) sets `subject: { kind: 'DPU', name }` so its group collapses.
 */
export { createReporter, type Reporter, type ReporterOptions, type SummaryItem } from './reporter.js';
export { logFormatOf, LogFormatError, withStderrTTY, type LogFormat } from './log-format.js';
