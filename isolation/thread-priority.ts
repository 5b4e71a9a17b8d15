/**
 * Lowers the scheduling priority of the calling thread (Linux: a thread has its own nice value,
 * and setpriority(PRIO_PROCESS, tid) changes only that thread). Chart workers run at a lower
 * priority than the thread answering HTTP, so on a machine with fewer cores than busy workers,
 * hostile renders take CPU time from each other, not from Pod reviews and health checks.
 * Elsewhere (no /proc/thread-self) it does nothing and says so.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Nice value of chart workers: well below the server thread (nice 0), CFS weight about 1:10. */
export const WORKER_NICE = 10;

/** Returns true when the priority was lowered. */
export function lowerThreadPriority(nice: number = WORKER_NICE): boolean {
  let tid: number;
  try {
    // "<pid>/task/<tid>"
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return false;
  }
  if (!Number.isInteger(tid) || tid <= 0) return false;
  try {
    // Only ever lower it: a process already started nicer (CI, a batch job) keeps its value.
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
