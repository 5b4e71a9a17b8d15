/** Messages between a worker host and the worker it runs (structured-clone data only). */

/** Host -> worker: run one task. */
export interface TaskMessage<I> {
  id: number;
  input: I;
}

/** Worker -> host: the task's result, or the error it threw (as text). */
export type ResultMessage<O> = { id: number; ok: true; value: O } | { id: number; ok: false; error: string };

/** Worker -> host: a side-channel line (logs, stderr) forwarded while the task runs. */
export interface OutputMessage {
  output: 'stdout' | 'stderr' | 'log';
  text: string;
}

export function isOutputMessage(m: unknown): m is OutputMessage {
  return typeof m === 'object' && m !== null && typeof (m as OutputMessage).output === 'string' && typeof (m as OutputMessage).text === 'string';
}
