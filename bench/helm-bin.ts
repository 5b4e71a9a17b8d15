/**
 * Real helm for the benchmarks, measured in the same run as our renderer: wall time of
 * `helm template` spawned, and its peak RSS through GNU time when the machine has it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export function helmBinary(): string | undefined {
  const bins = process.env.HELM_BINS ?? '/tmp/helm-bins';
  const path = join(bins, 'v3', 'helm');
  return existsSync(path) ? path : undefined;
}

const home = mkdtempSync(join(tmpdir(), 'bench-helm-'));
const env = {
  ...process.env,
  HELM_CONFIG_HOME: join(home, 'config'),
  HELM_CACHE_HOME: join(home, 'cache'),
  HELM_DATA_HOME: join(home, 'data'),
};

/** One `helm template` run: wall milliseconds and stdout. Throws when helm fails. */
export function runHelm(helm: string, args: readonly string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const r = spawnSync(helm, ['template', ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`helm template failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** Peak RSS of one `helm template` run in KiB (GNU time), or undefined without /usr/bin/time. */
export function helmPeakRssKiB(helm: string, args: readonly string[]): number | undefined {
  if (!existsSync('/usr/bin/time')) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', helm, 'template', ...args], { env, encoding: 'utf8' });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const kib = Number(last);
  return Number.isFinite(kib) ? kib : undefined;
}
