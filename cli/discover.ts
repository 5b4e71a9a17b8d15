/**
 * `dpu-gitops discover`: the CMP `discover.find.command`. Prints the files of the app dir
 * (cwd) that hold a DPUService, one per line, and exits 0; prints nothing when there are none
 * (ArgoCD: match = exit 0 and non-empty stdout). Plain Helm charts never match.
 */
import { resolve } from 'node:path';
import { filesWithDpuServices } from '../plugin/discover.js';

export async function run(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }, ctx: { cwd?: string } = {}): Promise<number> {
  const cwd = ctx.cwd ?? process.cwd();
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout('Usage: dpu-gitops discover [--app-dir DIR]\n\nPrints the files holding DPUServices (empty output: no match).\n');
    return 0;
  }
  let appDir = cwd;
  const i = argv.indexOf('--app-dir');
  if (i >= 0) {
    if (argv[i + 1] === undefined) {
      io.stderr('error: --app-dir needs a value\n');
      return 2;
    }
    appDir = resolve(cwd, argv[i + 1]!);
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
