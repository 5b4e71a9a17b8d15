/** Small timing helpers for the benchmarks: warm-up, then the median and p90 of N runs. */
import { performance } from 'node:perf_hooks';

export interface Timing {
  runs: number;
  medianMs: number;
  p90Ms: number;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed. */
export function time(fn: () => unknown, runs: number, warmup = Math.min(20, runs)): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    runs,
    medianMs: samples[Math.floor(runs / 2)] as number,
    p90Ms: samples[Math.min(runs - 1, Math.floor(runs * 0.9))] as number,
  };
}

export function fmtMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}
