/**
 * One worker thread that runs one task at a time with a wall-clock limit and a heap limit. A
 * task that passes its time is stopped by terminating the worker (the only way to stop a
 * synchronous loop); a task that passes the heap limit is stopped by V8. Either way the host is
 * dead afterwards and its owner starts a new one: nothing of the task's state survives.
 */
import type { Worker } from 'node:worker_threads';
import type { WorkerMemoryLimits } from './limits.js';
import { startWorker } from './module-url.js';
import { isOutputMessage, type OutputMessage, type ResultMessage, type TaskMessage } from './protocol.js';
import { TaskFailure } from './task-error.js';

export interface WorkerHostOptions {
  /** The worker entry file (it calls serveTasks). */
  url: URL;
  workerData?: unknown;
  memory: WorkerMemoryLimits;
  /** Receives the worker's stdout/stderr/log lines as they come. */
  onOutput?: (message: OutputMessage) => void;
  /** What the work is, for messages ("chart check", "generate"). */
  label: string;
}

interface Running<O> {
  id: number;
  resolve(value: O): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export class WorkerHost<I, O> {
  private readonly worker: Worker;
  private current: Running<O> | undefined;
  private nextId = 1;
  private alive = true;
  /** Set once the worker is gone, with the reason it went. */
  private exitReason: TaskFailure | undefined;

  constructor(private readonly options: WorkerHostOptions) {
    this.worker = startWorker(options.url, { workerData: options.workerData, resourceLimits: options.memory, stdout: false, stderr: false });
    this.worker.on('message', (m: unknown) => this.onMessage(m));
    this.worker.on('error', (err: Error & { code?: string }) => {
      const failure =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new TaskFailure('memory', `${options.label} exceeded the memory limit of ${options.memory.maxOldGenerationSizeMb} MiB and was stopped`)
          : new TaskFailure('crashed', `${options.label} failed: ${err.message}`);
      this.die(failure);
    });
    this.worker.on('exit', (code) => this.die(new TaskFailure('crashed', `${options.label} stopped unexpectedly (exit code ${code})`)));
  }

  /** True while the worker can take tasks. */
  get usable(): boolean {
    return this.alive;
  }

  /** True while a task runs. */
  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Runs one task; rejects with TaskFailure on timeout, memory or crash, with Error when the task threw. */
  run(input: I, timeoutMs: number): Promise<O> {
    if (!this.alive) return Promise.reject(this.exitReason ?? new TaskFailure('closed', `${this.options.label} worker is gone`));
    if (this.current) return Promise.reject(new Error('WorkerHost runs one task at a time'));
    const id = this.nextId++;
    return new Promise<O>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.die(new TaskFailure('timeout', `${this.options.label} did not finish within ${timeoutMs} ms and was stopped`));
      }, Math.max(0, timeoutMs));
      this.current = { id, resolve, reject, timer };
      this.worker.postMessage({ id, input } satisfies TaskMessage<I>);
    });
  }

  /** Stops the worker; a running task fails as `closed`. */
  async terminate(): Promise<void> {
    this.die(new TaskFailure('closed', `${this.options.label} was stopped`));
    await this.worker.terminate();
  }

  private onMessage(m: unknown): void {
    if (isOutputMessage(m)) {
      this.options.onOutput?.(m);
      return;
    }
    const result = m as ResultMessage<O>;
    const current = this.current;
    if (!current || result.id !== current.id) return;
    clearTimeout(current.timer);
    this.current = undefined;
    if (result.ok) current.resolve(result.value);
    else current.reject(new Error(result.error));
  }

  private die(reason: TaskFailure): void {
    if (!this.alive) return;
    this.alive = false;
    this.exitReason = reason;
    const current = this.current;
    this.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.reject(reason);
    }
    // terminate() is idempotent; after an OOM or exit it resolves at once.
    void this.worker.terminate();
  }
}
