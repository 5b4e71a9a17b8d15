/**
 * The one line a stopped isolated run prints on stderr, the same whether the run was in this
 * process's worker (cli/isolated-command.ts) or in the render server's (server/render-server.ts).
 */
import { TaskFailure } from '../isolation/task-error.js';

export function stoppedMessage(command: string, err: unknown, settings: { deadlineSeconds: number; memoryMb: number }): string {
  if (!(err instanceof TaskFailure)) return `${command} failed: ${err instanceof Error ? err.message : String(err)}`;
  switch (err.kind) {
    case 'timeout':
      return `${command} did not finish within ${settings.deadlineSeconds} s (DPU_GITOPS_DEADLINE_SECONDS) and was stopped`;
    case 'memory':
      return `${command} needed more than ${settings.memoryMb} MiB of heap (DPU_GITOPS_MEMORY_MB) and was stopped`;
    default:
      return err.message;
  }
}
