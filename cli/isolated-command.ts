/**
 * Runs a CLI command that works on untrusted charts (`generate`, `lint`) in a worker thread with
 * a heap limit and a wall-clock deadline enforced by terminating the worker. The deadline stops
 * real work (a render loop, a key generation, a download), not only the wait for it. stdout is
 * held back and printed only when the command finishes, so a run that is stopped, runs out of
 * memory or crashes prints nothing on stdout: ArgoCD then keeps what runs instead of pruning it.
 * stderr (logs, problems) passes through as it is written.
 */
import { memoryLimits } from '../isolation/limits.js';
import { siblingModule } from '../isolation/module-url.js';
import { WorkerHost } from '../isolation/worker-host.js';
import type { CommandTask, IsolatedCommandName } from './command-worker.js';
import type { CliIO } from './io.js';
import { stoppedMessage } from './stopped-message.js';
import { withStderrTTY } from './report/log-format.js';

/** Heap of an isolated command, in MiB (DPU_GITOPS_MEMORY_MB): a 50-service, 1,000-DPU generate peaks near 350. */
export const DEFAULT_COMMAND_MEMORY_MB = 4096;

export interface IsolationSettings {
  deadlineSeconds: number;
  memoryMb: number;
  /** Exit status when the command is stopped (generate: 1; lint: 2, "could not lint"). */
  stoppedExitCode: number;
}

export async function runIsolatedCommand(
  command: IsolatedCommandName,
  argv: string[],
  io: CliIO,
  settings: IsolationSettings,
  ctx: { env?: Readonly<Record<string, string | undefined>>; cwd?: string } = {},
): Promise<number> {
  const stdout: string[] = [];
  const host = new WorkerHost<CommandTask, number>({
    url: siblingModule(import.meta.url, './command-worker.js'),
    memory: memoryLimits(settings.memoryMb),
    label: command,
    onOutput: (m) => {
      if (m.output === 'stdout') stdout.push(m.text);
      else io.stderr(m.text);
    },
  });
  try {
    const code = await host.run({ command, argv, env: withStderrTTY(ctx.env ?? process.env), cwd: ctx.cwd ?? process.cwd() }, settings.deadlineSeconds * 1000);
    for (const text of stdout) io.stdout(text);
    return code;
  } catch (err) {
    io.stderr(`error: ${stoppedMessage(command, err, settings)}; nothing printed on stdout\n`);
    return settings.stoppedExitCode;
  } finally {
    await host.terminate();
  }
}

/** Settings from the environment, with the command's defaults. */
export function isolationFromEnv(env: Readonly<Record<string, string | undefined>>, defaults: { deadlineSeconds: number; stoppedExitCode: number }): IsolationSettings {
  const positive = (v: string | undefined, d: number): number => (v !== undefined && Number(v) > 0 ? Number(v) : d);
  return {
    deadlineSeconds: positive(env.DPU_GITOPS_DEADLINE_SECONDS, defaults.deadlineSeconds),
    memoryMb: Math.max(64, positive(env.DPU_GITOPS_MEMORY_MB, DEFAULT_COMMAND_MEMORY_MB)),
    stoppedExitCode: defaults.stoppedExitCode,
  };
}
