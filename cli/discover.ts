/**
 * `dpu-gitops discover`: the CMP `discover.find.command`. Prints the files of the app dir
 * (cwd) that hold a DPUService, one per line, and exits 0; prints nothing when there are none
 * (ArgoCD: match = exit 0 and non-empty stdout). Plain Helm charts never match.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { filesWithDpuServices } from '../plugin/discover.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';

export const DISCOVER_USAGE = `Usage: dpu-gitops discover [--app-dir DIR]

Prints the files holding DPUServices, one per line (empty output: no match, as ArgoCD's
discovery reads it).

Flags:
      --app-dir DIR   the app directory (default: the current directory, as ArgoCD runs it)
  -h, --help          this help

Exit status: 0 listed (or nothing to list); 1 --app-dir is not a directory, or it cannot be read;
2 a usage error.
`;

export async function run(argv: string[], io: CliIO, ctx: { cwd?: string } = {}): Promise<number> {
  const cwd = ctx.cwd ?? process.cwd();
  const parsed = parseCommandArgs(argv, { 'app-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, DISCOVER_USAGE, io, { allowPositionals: false });
  if (typeof parsed === 'number') return parsed;
  const given = parsed.values['app-dir'];
  const appDir = resolve(cwd, given ?? '.');
  if (given !== undefined && !statSync(appDir, { throwIfNoEntry: false })?.isDirectory()) {
    io.stderr(`error: --app-dir ${given} is not a directory\n`);
    return 1;
  }
  try {
    const files = filesWithDpuServices(appDir);
    if (files.length > 0) io.stdout(`${files.join('\n')}\n`);
    return 0;
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
