/**
 * Default bounds of isolated work. Untrusted chart work (fetch, unpack, parse, render) runs in
 * worker threads so that a chart which loops, allocates without end or trips a V8 limit costs
 * one review or one run, never the process: V8 enforces the heap cap (`resourceLimits`), the
 * host enforces the wall clock by terminating the worker.
 */

/** Old-generation heap of one worker, in MiB: 10x what dpf-operator's render peaks at. */
export const DEFAULT_WORKER_MEMORY_MB = 1024;
/** Young generation of one worker, in MiB (V8's default is 16-32; larger speeds big renders). */
export const DEFAULT_WORKER_YOUNG_MB = 64;
/** Stack of one worker, in MiB: deep template recursion fails with Go's depth error first. */
export const DEFAULT_WORKER_STACK_MB = 8;

/** The resourceLimits a worker is started with. */
export interface WorkerMemoryLimits {
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
  stackSizeMb: number;
}

export function memoryLimits(oldGenerationMb: number = DEFAULT_WORKER_MEMORY_MB): WorkerMemoryLimits {
  return { maxOldGenerationSizeMb: oldGenerationMb, maxYoungGenerationSizeMb: DEFAULT_WORKER_YOUNG_MB, stackSizeMb: DEFAULT_WORKER_STACK_MB };
}
