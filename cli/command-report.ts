/**
 * The stderr reporter (cli/report/) as lint, preview and render-startup open it: their
 * `--log-format` flag, and a reporter even when that flag's value is bad (the error about it
 * must be written somewhere: in the environment's format, else text).
 */
import { createReporter, logFormatOf, LogFormatError, type LogFormat, type Reporter } from './report/index.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The parseArgs option. */
export const LOG_FORMAT_FLAG = { 'log-format': { type: 'string' as const } };

/** The flag's help lines, its description starting at `column` (as the command's other flags). */
export function logFormatUsage(column: number): string {
  const flag = '      --log-format FORMAT';
  const pad = (text: string, first: boolean): string => (first ? `${flag}${' '.repeat(Math.max(2, column - flag.length))}` : ' '.repeat(column)) + text;
  return [
    pad('text or json: how stderr is written (one "error: ..." line per', true),
    pad('problem, or one JSON record per line); default: $DPU_GITOPS_LOG_FORMAT,', false),
    pad('else text on a terminal and json otherwise', false),
  ].join('\n');
}

/**
 * The run's reporter, and the usage error when --log-format (or DPU_GITOPS_LOG_FORMAT) names
 * neither format. Logs below DPU_GITOPS_LOG_LEVEL (default info) are not written; problems and
 * errors always are.
 */
export function openReporter(command: string, flag: string | undefined, env: Env, write: (text: string) => void): { report: Reporter; badFormat?: string } {
  const level = env.DPU_GITOPS_LOG_LEVEL || 'info';
  try {
    return { report: createReporter({ command, format: logFormatOf(flag, env), level, write }) };
  } catch (err) {
    if (!(err instanceof LogFormatError)) throw err;
    return { report: createReporter({ command, format: fallbackFormat(env), level, write }), badFormat: err.message };
  }
}

/** A usage error: the message, then (for a person) the usage text. */
export function usageError(report: Reporter, message: string, usage: string, write: (text: string) => void): 2 {
  report.error(message);
  if (report.format === 'text') write(`\n${usage}`);
  return 2;
}

/** The format when the flag's value is unusable: the environment's, else by terminal, else text. */
export function fallbackFormat(env: Env): LogFormat {
  try {
    return logFormatOf(undefined, env);
  } catch {
    return 'text';
  }
}
