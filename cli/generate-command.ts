/**
 * `dpu-gitops generate` and `dpu-gitops template` as the CLI runs them: through the render
 * server when DPU_GITOPS_RENDER_SERVER names its socket (the sidecar sets it; a warm process:
 * server/render-server.ts), else in this process (generate in its own isolated worker). Both
 * paths print the same bytes and exit with the same status; the server is only a faster way to
 * the same run. With no server listening yet, the first run starts one in the background
 * (unless DPU_GITOPS_RENDER_SERVER_AUTOSTART=false) and runs itself.
 *
 * A served run is a fresh process per request, so it loads only the socket client: the worker
 * machinery (isolated-command.js), the command table and node:child_process come in only when
 * it runs itself.
 */
import { goStringFromBytes } from '../helm/template/gostring.js';
import { writeFd } from './fd-write.js';
import { processIO, type CliIO } from './io.js';
import { withStderrTTY } from './report/log-format.js';
import { isolationFromEnv, type IsolationSettings } from './isolation-settings.js';
import type { ServedCommand } from '../server/protocol.js';

/** Whole-run deadline of generate: ArgoCD kills the command at its 60 s default; fail clearly before. */
export const GENERATE_DEADLINE_SECONDS = 50;
/**
 * Deadline of a served `template`. helm's has none and neither has ours in its own process; a
 * served run holds one of the server's workers, so it gets a generous one (a client that goes
 * away frees its worker at once).
 */
export const SERVED_TEMPLATE_DEADLINE_SECONDS = 600;

export interface GenerateCommandContext {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The CLI's entry script, which a background server is started from. */
  entryScript: string | undefined;
}

export async function runGenerateCommand(argv: string[], io: CliIO, ctx: GenerateCommandContext): Promise<number> {
  const settings = isolationFromEnv(ctx.env, { deadlineSeconds: GENERATE_DEADLINE_SECONDS, stoppedExitCode: 1 });
  const served = await runServed('generate', argv, io, ctx, settings);
  if (served !== undefined) return served;
  const { runIsolatedCommand } = await import('./isolated-command.js');
  return runIsolatedCommand('generate', argv, io, settings, { env: ctx.env, cwd: ctx.cwd });
}

/** `template` through the server when one is named and answers; undefined: run it here. */
export async function runServedTemplate(argv: string[], io: CliIO, ctx: GenerateCommandContext): Promise<number | undefined> {
  const settings = isolationFromEnv(ctx.env, { deadlineSeconds: SERVED_TEMPLATE_DEADLINE_SECONDS, stoppedExitCode: 1 });
  return runServed('template', argv, io, ctx, settings);
}

/** The run's exit status when the server ran it; undefined when there is none or it declined. */
async function runServed(command: ServedCommand, argv: string[], io: CliIO, ctx: GenerateCommandContext, settings: IsolationSettings): Promise<number | undefined> {
  const socketPath = ctx.env.DPU_GITOPS_RENDER_SERVER;
  if (!socketPath) return undefined;
  const client = await import('../server/render-client.js');
  const answer = await client.runRemote({
    socketPath,
    command,
    argv,
    cwd: ctx.cwd,
    // The server's worker has no terminal: it learns from here whether stderr is one.
    env: withStderrTTY(ctx.env),
    deadlineSeconds: settings.deadlineSeconds,
    memoryMb: settings.memoryMb,
    write: byteSink(io),
  });
  if (answer.kind === 'ran') return answer.code;
  if (answer.kind === 'no-server' && ctx.entryScript && ctx.env.DPU_GITOPS_RENDER_SERVER_AUTOSTART !== 'false') {
    (await import('../server/start-server.js')).startServerInBackground(socketPath, ctx.entryScript, settings.memoryMb);
  }
  return undefined;
}

/**
 * Where the server's bytes go: the real streams take them as they come (a 1.6 MB stream is not
 * turned into a Go string and back); other sinks (tests) get the Go string processIO would write.
 */
function byteSink(io: CliIO): { stdout(bytes: Buffer): void; stderr(bytes: Buffer): void } {
  if (io === processIO) return { stdout: (b) => writeFd(1, b), stderr: (b) => writeFd(2, b) };
  return { stdout: (b) => io.stdout(goStringFromBytes(b)), stderr: (b) => io.stderr(goStringFromBytes(b)) };
}
