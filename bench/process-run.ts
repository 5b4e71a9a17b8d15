/**
 * One benchmark process through GNU time (/usr/bin/time): wall, user+sys CPU and peak RSS, as
 * the paired benches (cold.ts, lint.ts) report them; without GNU time only the wall clock. The
 * wall clock is this process's own (sub-millisecond; GNU time's %e counts in 10 ms steps, too
 * coarse for a 80 ms helm run), and both sides of a pair pay the same exec of GNU time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  rssKiB: number;
}

const hasTime = existsSync('/usr/bin/time');

export interface ProcessRunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Exit statuses that are not failures (lint exits 1 on findings); default: only 0. */
  okExit?: readonly number[];
}

export function measureProcess(cmd: string, args: string[], options: ProcessRunOptions): ProcessRun {
  const { cwd, env = process.env, okExit = [0] } = options;
  const check = (status: number | null, stderr: string): void => {
    if (status === null || !okExit.includes(status)) throw new Error(`${cmd} ${args.join(' ')} failed (${status}): ${stderr}`);
  };
  if (!hasTime) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', cwd, env });
    check(r.status, r.stderr);
    return { wallMs: performance.now() - t, cpuMs: NaN, rssKiB: NaN };
  }
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', cwd, env });
  const wallMs = performance.now() - t;
  check(r.status, r.stderr);
  const [u, s, m] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number) as [number, number, number];
  return { wallMs, cpuMs: (u + s) * 1000, rssKiB: m };
}

/** The run whose every figure is the median of the runs' figures. */
export function medianRun(runs: readonly ProcessRun[]): ProcessRun {
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), rssKiB: median(runs.map((r) => r.rssKiB)) };
}
