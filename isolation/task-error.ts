/**
 * Why isolated work did not produce a result. `kind` lets callers map each cause to their own
 * outcome (a webhook denial category, a CLI exit status); `message` is safe to show users.
 */
export type TaskFailureKind =
  /** The wall-clock limit passed (running or still queued); the worker was terminated. */
  | 'timeout'
  /** The worker exceeded its heap limit and was stopped by V8. */
  | 'memory'
  /** The worker exited or threw outside the task's own error handling. */
  | 'crashed'
  /** The queue was full: the work was refused without starting. */
  | 'busy'
  /** The pool was closed. */
  | 'closed';

export class TaskFailure extends Error {
  constructor(
    readonly kind: TaskFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'TaskFailure';
  }
}
