/**
 * The deadline and heap of an isolated command, from the environment with the command's defaults.
 * Apart from isolated-command.ts (which loads the worker machinery) so the render server's thin
 * client and the command table can compute them without loading node:worker_threads.
 */

/** Heap of an isolated command, in MiB (DPU_GITOPS_MEMORY_MB): a 50-service, 1,000-DPU generate peaks near 350. */
export const DEFAULT_COMMAND_MEMORY_MB = 4096;

export interface IsolationSettings {
  deadlineSeconds: number;
  memoryMb: number;
  /** Exit status when the command is stopped (generate: 1; lint: 2, "could not lint"). */
  stoppedExitCode: number;
}

/** Settings from the environment, with the command's defaults. */
export function isolationFromEnv(env: Readonly<Record<string, string | undefined>>, defaults: { deadlineSeconds: number; stoppedExitCode: number }): IsolationSettings {
  const positive = (v: string | undefined, d: number): number => (v !== undefined && Number(v) > 0 ? Number(v) : d);
  return {
    deadlineSeconds: positive(env.DPU_GITOPS_DEADLINE_SECONDS, defaults.deadlineSeconds),
    memoryMb: Math.max(64, positive(env.DPU_GITOPS_MEMORY_MB, DEFAULT_COMMAND_MEMORY_MB)),
    stoppedExitCode: defaults.stoppedExitCode,
  };
}
