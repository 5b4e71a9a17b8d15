/**
 * Worker entry for isolated CLI commands: runs one command in this worker thread, its stdout and
 * stderr sent to the host as they are written. The host holds stdout back until the command
 * succeeds, so a command stopped half-way prints nothing on stdout.
 */
import './compile-cache.js';
import { sendOutput, serveTasks } from '../isolation/serve.js';
import type { CliIO } from './io.js';

/** One command run. */
export interface CommandTask {
  command: IsolatedCommandName;
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
}

export type IsolatedCommandName = 'generate' | 'lint' | 'render-startup' | 'diff' | 'template';

const io: CliIO = {
  stdout: (text) => sendOutput('stdout', text),
  stderr: (text) => sendOutput('stderr', text),
};

/**
 * The worker's own process.env (each worker thread has a private copy) becomes the run's: code
 * that reads the environment directly (TZ and ZONEINFO for date functions) then sees what the
 * run's process had, also when a warm worker of the render server serves runs of different shells.
 */
function adoptEnvironment(env: Record<string, string | undefined>): void {
  for (const key of Object.keys(process.env)) if (!(key in env) || env[key] === undefined) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
}

serveTasks(async (task: CommandTask): Promise<number> => {
  adoptEnvironment(task.env);
  switch (task.command) {
    case 'generate':
      return (await import('./generate.js')).run(task.argv, io, { env: task.env, cwd: task.cwd });
    case 'lint':
      return (await import('./lint.js')).run(task.argv, io);
    case 'render-startup':
      return (await import('./render-startup.js')).run(task.argv, io);
    case 'diff':
      return (await import('./diff.js')).run(task.argv, io, { env: task.env, cwd: task.cwd });
    case 'template':
      // Only the render server sends it (a served `template`); the CLI runs template itself.
      return (await import('./template.js')).runTemplate(task.argv, io, { cwd: task.cwd });
  }
});
