/**
 * `dpu-gitops render-server`: the warm render process of the CMP sidecar (server/render-server.ts).
 * Normally started by the first `generate` that finds DPU_GITOPS_RENDER_SERVER set and nothing
 * listening; it can also be run in the foreground (for a supervisor, or to watch its log).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import { RenderServer } from '../server/render-server.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';
import { DEFAULT_COMMAND_MEMORY_MB } from './isolated-command.js';
import { SERVED_TEMPLATE_DEADLINE_SECONDS } from './generate-command.js';

export const RENDER_SERVER_USAGE = `Usage: dpu-gitops render-server [flags]

Keeps loaded, JIT-warm workers that run \`generate\` for the CLI processes ArgoCD starts. A
\`generate\` or \`template\` run with DPU_GITOPS_RENDER_SERVER=<socket> set sends its arguments,
directory and environment here and prints exactly what it would have printed itself. Every run
keeps its deadline and heap limit (a served \`template\`: ${SERVED_TEMPLATE_DEADLINE_SECONDS} s); a run that finds every
worker busy runs in its own process.

Flags:
      --socket PATH        Unix socket to listen on (default: $DPU_GITOPS_RENDER_SERVER)
      --workers N          warm workers, 1-16 (default 1)
      --memory-mb MB       heap of each worker, 64-65536 (default: $DPU_GITOPS_MEMORY_MB or
                           ${DEFAULT_COMMAND_MEMORY_MB}); a run asking for another limit runs in its own process
      --runs-per-worker N  runs before a worker is replaced by a fresh one, 1-1000000 (default 200)
      --idle-exit SECONDS  exit after this long without a run, 0-604800 (a week); 0 = never
                           (default: $DPU_GITOPS_RENDER_SERVER_IDLE_SECONDS or 900)
  -h, --help               this help

Exit status: 0 after an idle exit or SIGTERM, 2 on bad flags or when the socket is taken or
cannot be made.
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      socket: { type: 'string' },
      workers: { type: 'string' },
      'memory-mb': { type: 'string' },
      'runs-per-worker': { type: 'string' },
      'idle-exit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    RENDER_SERVER_USAGE,
    io,
    { allowPositionals: false },
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const socketPath = values.socket ?? process.env.DPU_GITOPS_RENDER_SERVER;
  if (!socketPath) {
    io.stderr(`error: no socket: set --socket or DPU_GITOPS_RENDER_SERVER\n\n${RENDER_SERVER_USAGE}`);
    return 2;
  }
  const integer = (flag: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`--${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  let options;
  try {
    const envMemory = Number(process.env.DPU_GITOPS_MEMORY_MB);
    const idleDefault = integer('idle-exit', process.env.DPU_GITOPS_RENDER_SERVER_IDLE_SECONDS || undefined, 900, 0, 7 * 24 * 3600);
    options = {
      socketPath,
      workers: integer('workers', values.workers, 1, 1, 16),
      memoryMb: integer('memory-mb', values['memory-mb'], envMemory > 0 ? Math.max(64, envMemory) : DEFAULT_COMMAND_MEMORY_MB, 64, 65536),
      runsPerWorker: integer('runs-per-worker', values['runs-per-worker'], 200, 1, 1_000_000),
      idleExitMs: integer('idle-exit', values['idle-exit'], idleDefault, 0, 7 * 24 * 3600) * 1000,
    };
  } catch (err) {
    io.stderr(`error: ${(err as Error).message}\n\n${RENDER_SERVER_USAGE}`);
    return 2;
  }
  // the socket's directory before any worker starts: a bad --socket must not cost N worker starts
  try {
    mkdirSync(dirname(socketPath), { recursive: true, mode: 0o700 });
  } catch (err) {
    io.stderr(`error: --socket ${socketPath}: its directory cannot be made (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})\n`);
    return 2;
  }
  const log = pino({ name: 'dpu-gitops-render-server' }, pino.destination(2));
  const server = new RenderServer({ ...options, onLog: (event, fields) => log.info(fields, event) });
  try {
    await server.listen();
  } catch (err) {
    io.stderr(`error: ${(err as Error).message}\n`);
    await server.close();
    return 2;
  }
  log.info({ socket: socketPath, workers: options.workers, memoryMb: options.memoryMb }, 'render server listening');
  const stop = (): void => void server.close();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await server.closedPromise();
  return 0;
}
