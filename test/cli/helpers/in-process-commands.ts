/**
 * Every command of the table (cli/commands.ts), run in this process. The table runs generate,
 * lint, render-startup and diff in a worker thread (cli/isolated-command.ts); here they run
 * through the same entry the worker calls (cli/command-worker.ts), so a test can run hundreds of
 * them without starting a worker each time.
 */
import { commands } from '../../../cli/commands.js';
import { captureIO, type CliIO } from '../../../cli/io.js';

export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

export interface RunContext {
  env: Record<string, string | undefined>;
  cwd: string;
}

type Runner = (argv: string[], io: CliIO, ctx: RunContext) => Promise<number>;

/** The commands the worker runs (cli/command-worker.ts), by the entry it calls. */
const WORKER_ENTRIES: Readonly<Record<string, Runner>> = {
  generate: async (argv, io, ctx) => (await import('../../../cli/generate.js')).run(argv, io, ctx),
  lint: async (argv, io) => (await import('../../../cli/lint.js')).run(argv, io),
  'render-startup': async (argv, io) => (await import('../../../cli/render-startup.js')).run(argv, io),
  diff: async (argv, io, ctx) => (await import('../../../cli/diff.js')).run(argv, io, ctx),
};

/** Names of the commands run through their worker entry. */
export const workerCommandNames: readonly string[] = Object.keys(WORKER_ENTRIES);

export async function runInProcess(name: string, argv: string[], ctx: RunContext): Promise<CommandRun> {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name} in the table`);
  const io = captureIO();
  const entry = WORKER_ENTRIES[name];
  const code = entry ? await entry(argv, io, ctx) : await command.run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** The command table with the worker commands run in this process (for completion's specs). */
export function inProcessTable(ctx: RunContext): { name: string; summary: string; run: (argv: string[], io: CliIO) => Promise<number> }[] {
  return commands.map((c) => ({
    name: c.name,
    summary: c.summary,
    run: async (argv, io) => {
      const entry = WORKER_ENTRIES[c.name];
      return entry ? entry(argv, io, ctx) : c.run(argv, io);
    },
  }));
}
