/**
 * `dpu-gitops generate` as the CLI runs it: through the render server when the sidecar sets
 * DPU_GITOPS_RENDER_SERVER (a warm process: server/render-server.ts), else in this process's own
 * isolated worker. Both paths print the same bytes and exit with the same status; the server is
 * only a faster way to the same run. With no server listening yet, the first run starts one in
 * the background (unless DPU_GITOPS_RENDER_SERVER_AUTOSTART=false) and runs itself.
 */
import { goStringFromBytes } from '../helm/template/gostring.js';
import type { CliIO } from './io.js';
import { isolationFromEnv, runIsolatedCommand } from './isolated-command.js';

/** Whole-run deadline of generate: ArgoCD kills the command at its 60 s default; fail clearly before. */
export const GENERATE_DEADLINE_SECONDS = 50;

export interface GenerateCommandContext {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The CLI's entry script, which a background server is started from. */
  entryScript: string | undefined;
}

export async function runGenerateCommand(argv: string[], io: CliIO, ctx: GenerateCommandContext): Promise<number> {
  const settings = isolationFromEnv(ctx.env, { deadlineSeconds: GENERATE_DEADLINE_SECONDS, stoppedExitCode: 1 });
  const socketPath = ctx.env.DPU_GITOPS_RENDER_SERVER;
  if (socketPath) {
    const client = await import('../server/render-client.js');
    const answer = await client.runRemote({
      socketPath,
      argv,
      cwd: ctx.cwd,
      env: { ...ctx.env },
      deadlineSeconds: settings.deadlineSeconds,
      memoryMb: settings.memoryMb,
      write: { stdout: (b) => io.stdout(goStringFromBytes(b)), stderr: (b) => io.stderr(goStringFromBytes(b)) },
    });
    if (answer.kind === 'ran') return answer.code;
    if (answer.kind === 'no-server' && ctx.entryScript && ctx.env.DPU_GITOPS_RENDER_SERVER_AUTOSTART !== 'false') {
      client.startServerInBackground(socketPath, ctx.entryScript, settings.memoryMb);
    }
  }
  return runIsolatedCommand('generate', argv, io, settings, { env: ctx.env, cwd: ctx.cwd });
}
