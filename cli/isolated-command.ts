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
import type { IsolationSettings } from './isolation-settings.js';

// The settings live apart so callers can compute them without loading the worker machinery.
export { DEFAULT_COMMAND_MEMORY_MB, isolationFromEnv, type IsolationSettings } from './isolation-settings.js';

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
