/**
 * How stderr is written: `text` for a person (one `error: ...` / `warning: ...` line per problem),
 * `json` for a log collector (one JSON object per line, pino's shape). `--log-format` wins, then
 * DPU_GITOPS_LOG_FORMAT, then whether stderr is a terminal.
 *
 * Commands that run in a worker thread or in the render server have no terminal of their own: the
 * process that owns the real stderr says whether it is one in DPU_GITOPS_STDERR_TTY ('1' or '0').
 */
export type LogFormat = 'text' | 'json';

const LOG_FORMAT_ENV = 'DPU_GITOPS_LOG_FORMAT';
const STDERR_TTY_ENV = 'DPU_GITOPS_STDERR_TTY';

/** A --log-format or DPU_GITOPS_LOG_FORMAT value that is neither text nor json. */
export class LogFormatError extends Error {
  constructor(readonly value: string, readonly origin: string) {
    super(`${origin} must be text or json, not ${JSON.stringify(value)}`);
    this.name = 'LogFormatError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** isatty(2), without building process.stderr (a stream over a pipe: cli/fd-write.ts). */
const ownStderrTTY = (): boolean => process.getBuiltinModule('node:tty').isatty(2);

/** Whether the stderr this run writes to is a terminal, as the owning process saw it. */
function stderrIsTTY(env: Env, ownStderrIsTTY: boolean | undefined): boolean {
  const said = env[STDERR_TTY_ENV];
  if (said === '1') return true;
  if (said === '0') return false;
  return (ownStderrIsTTY ?? ownStderrTTY()) === true;
}

/** The format for this run. Throws LogFormatError for a bad flag or environment value. */
export function logFormatOf(flag: string | undefined, env: Env, ownStderrIsTTY?: boolean): LogFormat {
  if (flag !== undefined) return checked(flag, '--log-format');
  const fromEnv = env[LOG_FORMAT_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return checked(fromEnv, LOG_FORMAT_ENV);
  return stderrIsTTY(env, ownStderrIsTTY) ? 'text' : 'json';
}

function checked(value: string, origin: string): LogFormat {
  if (value === 'text' || value === 'json') return value;
  throw new LogFormatError(value, origin);
}

/** The environment a worker or server run gets: the owner's terminal status, unless already said. */
export function withStderrTTY(env: Env, ownStderrIsTTY: boolean = ownStderrTTY()): Record<string, string | undefined> {
  if (env[STDERR_TTY_ENV] === '1' || env[STDERR_TTY_ENV] === '0') return { ...env };
  return { ...env, [STDERR_TTY_ENV]: ownStderrIsTTY ? '1' : '0' };
}
