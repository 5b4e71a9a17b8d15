/**
 * Where a DPUService's chart is checked. `PooledChartChecker` (what `dpu-gitops webhook` runs)
 * sends each check to a bounded pool of chart workers with a heap limit and a per-review wall
 * clock, so a hostile chart costs one denied review and never the server's event loop: Pod,
 * DaemonSet and Deployment reviews, /healthz, /readyz and /metrics never wait behind a render.
 * `InProcessChartChecker` runs the same check in the caller's thread (tests, embedding).
 */
import { availableParallelism } from 'node:os';
import { chartRenderFinding } from '../contract/rules/chart-render.js';
import { chartSourceOf, describeSource } from '../contract/chart-resolver.js';
import { chartUnavailableFinding, type ObjectRef } from '../contract/index.js';
import { memoryLimits, DEFAULT_WORKER_MEMORY_MB } from '../isolation/limits.js';
import { siblingModule } from '../isolation/module-url.js';
import { TaskFailure } from '../isolation/task-error.js';
import { WorkerPool, type PoolStats } from '../isolation/worker-pool.js';
import { checkDpuServiceChart, type ChartCheckDeps, type ChartCheckResult } from './chart-check.js';
import type { ChartSourcesConfig } from './chart-sources.js';

export interface ChartChecker {
  check(object: unknown, ref: ObjectRef, uid: string): Promise<ChartCheckResult>;
  stats?(): PoolStats;
  close?(): Promise<void>;
}

/** The check in the calling thread: no isolation (tests and embedders that trust their charts). */
export class InProcessChartChecker implements ChartChecker {
  constructor(private readonly deps: ChartCheckDeps) {}

  check(object: unknown, ref: ObjectRef): Promise<ChartCheckResult> {
    return checkDpuServiceChart(object, ref, this.deps);
  }
}

/** One task for a chart worker. */
export interface ChartTask {
  uid: string;
  object: unknown;
  ref: ObjectRef;
}

/** What every chart worker starts with. */
export interface ChartWorkerData {
  sources: ChartSourcesConfig;
  chartTimeoutMs: number;
  onChartUnavailable: 'deny' | 'allow';
  cluster: string;
}

export interface PoolSettings {
  /** Chart workers (default: CPUs, 2 to 4). */
  workers: number;
  /** Reviews that may wait for a worker (default 32). */
  queue: number;
  /** Whole review limit, queue wait included (default 8000 ms, under the API server's 10 s). */
  reviewTimeoutMs: number;
  /** Heap of one worker in MiB. */
  memoryMb: number;
}

export const DEFAULT_REVIEW_TIMEOUT_MS = 8_000;
export const DEFAULT_QUEUE = 32;
export function defaultWorkers(): number {
  return Math.max(2, Math.min(4, availableParallelism()));
}
export function defaultPoolSettings(): PoolSettings {
  return { workers: defaultWorkers(), queue: DEFAULT_QUEUE, reviewTimeoutMs: DEFAULT_REVIEW_TIMEOUT_MS, memoryMb: DEFAULT_WORKER_MEMORY_MB };
}

/** Called with every stopped chart check (metrics and logs). */
export type StoppedListener = (kind: TaskFailure['kind'], message: string) => void;

export class PooledChartChecker implements ChartChecker {
  private readonly pool: WorkerPool<ChartTask, ChartCheckResult>;

  constructor(
    private readonly data: ChartWorkerData,
    settings: PoolSettings,
    private readonly hooks: { onLog?: (line: string) => void; onStopped?: StoppedListener } = {},
  ) {
    this.pool = new WorkerPool<ChartTask, ChartCheckResult>({
      url: siblingModule(import.meta.url, './chart-worker.js'),
      workerData: data,
      memory: memoryLimits(settings.memoryMb),
      size: settings.workers,
      maxQueue: settings.queue,
      timeoutMs: settings.reviewTimeoutMs,
      label: 'chart check',
      onOutput: (m) => hooks.onLog?.(m.text),
    });
  }

  async check(object: unknown, ref: ObjectRef, uid: string): Promise<ChartCheckResult> {
    try {
      return await this.pool.run({ uid, object, ref });
    } catch (err) {
      return this.failed(object, ref, err);
    }
  }

  stats(): PoolStats {
    return this.pool.stats();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /**
   * A check that did not finish. A full pool is unavailability (the webhook's capacity, not the
   * chart's fault: the unavailable policy decides); a stopped render is the chart's fault: the
   * chart would stall ArgoCD's render the same way, so it is denied as not rendering.
   */
  private failed(object: unknown, ref: ObjectRef, err: unknown): ChartCheckResult {
    const kind = err instanceof TaskFailure ? err.kind : 'crashed';
    const message = err instanceof Error ? err.message : String(err);
    this.hooks.onStopped?.(kind, message);
    const source = chartSourceOf(object);
    const described = source ? describeSource(source) : 'the chart';
    if (kind === 'busy' || kind === 'closed') {
      const severity = this.data.onChartUnavailable === 'deny' ? 'error' : 'warning';
      const reason = kind === 'busy' ? 'the webhook is at capacity (every chart worker busy); retry' : 'the webhook is shutting down; retry';
      return { findings: [chartUnavailableFinding(ref, described, reason, severity)], unavailable: true };
    }
    const why =
      kind === 'timeout'
        ? `checking the chart did not finish within the review limit; it was stopped (${message})`
        : kind === 'memory'
          ? `rendering the chart needed more memory than the webhook allows; it was stopped (${message})`
          : `the chart worker failed (${message})`;
    return { findings: [chartRenderFinding({ kind: 'Chart', name: described }, new Error(why))], unavailable: false };
  }
}
