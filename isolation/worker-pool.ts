/**
 * A bounded pool of WorkerHosts: `size` workers, at most `maxQueue` tasks waiting, and one
 * deadline per task that counts from submission (queue wait included), so a caller never waits
 * longer than `timeoutMs` whatever the pool is doing. Work that never got a worker fails as
 * `busy` (capacity), work stopped while running as `timeout`. A worker that times out, runs out of
 * memory or crashes fails only its own task and is replaced at once.
 */
import type { WorkerMemoryLimits } from './limits.js';
import type { OutputMessage } from './protocol.js';
import { TaskFailure } from './task-error.js';
import { WorkerHost } from './worker-host.js';

export interface WorkerPoolOptions {
  url: URL;
  workerData?: unknown;
  memory: WorkerMemoryLimits;
  /** Number of workers (>= 1). */
  size: number;
  /** Tasks allowed to wait for a worker; more are refused as `busy`. */
  maxQueue: number;
  /** Wall-clock limit per task, from submission. */
  timeoutMs: number;
  label: string;
  onOutput?: (message: OutputMessage) => void;
}

/** A queued task with less time than this left is refused rather than started to be stopped. */
const MIN_USEFUL_RUN_MS = 50;

interface Waiting<I, O> {
  input: I;
  deadline: number;
  resolve(value: O): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/** Counters for /metrics and tests. */
export interface PoolStats {
  size: number;
  busy: number;
  queued: number;
  /** Workers replaced after a timeout, memory stop or crash. */
  replaced: number;
}

export class WorkerPool<I, O> {
  private readonly hosts: WorkerHost<I, O>[] = [];
  private readonly queue: Waiting<I, O>[] = [];
  private replaced = 0;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!(options.size >= 1)) throw new Error(`${options.label} pool needs at least one worker`);
    for (let i = 0; i < options.size; i++) this.hosts.push(this.spawn());
  }

  run(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new TaskFailure('closed', `${this.options.label} pool is closed`));
    const deadline = Date.now() + this.options.timeoutMs;
    const idle = this.idleHost();
    if (idle) return this.runOn(idle, input, deadline);
    if (this.queue.length >= this.options.maxQueue) {
      return Promise.reject(new TaskFailure('busy', `${this.options.label}: all ${this.options.size} workers are busy and ${this.queue.length} tasks are waiting`));
    }
    return new Promise<O>((resolve, reject) => {
      const waiting: Waiting<I, O> = {
        input,
        deadline,
        resolve,
        reject,
        timer: setTimeout(() => {
          const at = this.queue.indexOf(waiting);
          if (at >= 0) this.queue.splice(at, 1);
          reject(this.neverGotAWorker());
        }, this.options.timeoutMs),
      };
      this.queue.push(waiting);
    });
  }

  stats(): PoolStats {
    return { size: this.hosts.length, busy: this.hosts.filter((h) => h.busy).length, queued: this.queue.length, replaced: this.replaced };
  }

  /** Refuses new tasks, fails the waiting ones, stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new TaskFailure('closed', `${this.options.label} pool is closed`));
    }
    await Promise.all(this.hosts.map((h) => h.terminate()));
  }

  private spawn(): WorkerHost<I, O> {
    return new WorkerHost<I, O>({
      url: this.options.url,
      workerData: this.options.workerData,
      memory: this.options.memory,
      label: this.options.label,
      ...(this.options.onOutput ? { onOutput: this.options.onOutput } : {}),
    });
  }

  /** A fresh worker in slot `at` (the old one timed out, ran out of memory or crashed). */
  private replace(at: number): WorkerHost<I, O> {
    const host = this.spawn();
    this.hosts[at] = host;
    this.replaced += 1;
    return host;
  }

  /** Work that waited its whole time in the queue: capacity, not the task's fault. */
  private neverGotAWorker(): TaskFailure {
    return new TaskFailure('busy', `${this.options.label} waited ${this.options.timeoutMs} ms for a free worker`);
  }

  private idleHost(): WorkerHost<I, O> | undefined {
    for (let i = 0; i < this.hosts.length; i++) {
      const h = this.hosts[i]!;
      // A worker that died between tasks (it should not) is replaced, never handed out.
      if (!h.usable) return this.replace(i);
      if (!h.busy) return h;
    }
    return undefined;
  }

  private runOn(host: WorkerHost<I, O>, input: I, deadline: number): Promise<O> {
    const done = host.run(input, deadline - Date.now());
    const next = (): void => {
      if (!host.usable && !this.closed) {
        const at = this.hosts.indexOf(host);
        if (at >= 0) this.replace(at);
      }
      this.dispatch();
    };
    done.then(next, next);
    return done;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const host = this.idleHost();
      if (!host) return;
      const w = this.queue.shift()!;
      clearTimeout(w.timer);
      if (w.deadline - Date.now() < MIN_USEFUL_RUN_MS) {
        w.reject(this.neverGotAWorker());
        continue;
      }
      this.runOn(host, w.input, w.deadline).then(w.resolve, w.reject);
    }
  }
}
