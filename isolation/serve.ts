/**
 * The worker side: a worker entry file calls `serveTasks(handler)` once; every task message is
 * run through the handler and answered with its result or its error text. Tasks run one at a
 * time (the host never sends a second before the first is answered).
 */
import { parentPort } from 'node:worker_threads';
import type { OutputMessage, ResultMessage, TaskMessage } from './protocol.js';

export function serveTasks<I, O>(handler: (input: I) => O | Promise<O>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  port.on('message', (message: TaskMessage<I>) => {
    Promise.resolve()
      .then(() => handler(message.input))
      .then(
        (value) => port.postMessage({ id: message.id, ok: true, value } satisfies ResultMessage<O>),
        (err: unknown) => port.postMessage({ id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ResultMessage<O>),
      );
  });
}

/** Sends a line to the host's output callback (stderr of a CLI run, the webhook's log). */
export function sendOutput(output: OutputMessage['output'], text: string): void {
  parentPort?.postMessage({ output, text } satisfies OutputMessage);
}
