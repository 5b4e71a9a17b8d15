/**
 * How the webhook and lint get the chart a DPUService names. `ChartResolver` is the seam: this
 * module has the interface, a caching wrapper and a deadline; contract/local-charts.ts resolves
 * charts on local disk (lint, --chart-dir); plugin/chart-source/resolver.ts implements it with
 * the CMP's chart sources (chart-paths, vendored archives, https Helm repositories, OCI
 * registries, the on-disk cache), so the webhook renders through the same code as the CMP.
 */
import type { Chart } from '../helm/chart/types.js';
import { field, nonEmptyString } from './json.js';

/** `spec.helmChart.source` of a DPUService (DPF's ApplicationSource). */
export interface ChartSource {
  repoURL: string;
  version: string;
  chart?: string;
  path?: string;
}

/** The chart could not be had: not found, repository down, or the deadline passed. */
export class ChartUnavailableError extends Error {
  constructor(
    readonly source: ChartSource,
    readonly reason: string,
  ) {
    super(`chart ${describeSource(source)} unavailable: ${reason}`);
    this.name = 'ChartUnavailableError';
  }
}

/** Finds and loads charts. Implementations must honour `signal` (abort = give up now). */
export interface ChartResolver {
  /** The loaded chart, or a rejection with ChartUnavailableError. Callers must not mutate it. */
  resolve(source: ChartSource, options: { signal: AbortSignal }): Promise<Chart>;
}

/** `repoURL chart version` (or `repoURL path version`), for messages. */
export function describeSource(source: ChartSource): string {
  return [source.repoURL, source.chart || source.path || '', source.version].filter((s) => s !== '').join(' ');
}

/** The chart source of a DPUService object, when it names one. */
export function chartSourceOf(dpuService: unknown): ChartSource | undefined {
  const source = field(field(field(dpuService, 'spec'), 'helmChart'), 'source');
  const repoURL = nonEmptyString(field(source, 'repoURL'));
  const version = nonEmptyString(field(source, 'version'));
  if (!repoURL || !version) return undefined;
  const out: ChartSource = { repoURL, version };
  const chart = nonEmptyString(field(source, 'chart'));
  const path = nonEmptyString(field(source, 'path'));
  if (chart) out.chart = chart;
  if (path) out.path = path;
  return out;
}

/**
 * Resolves with a deadline: after `timeoutMs` the inner resolver's signal is aborted and the
 * call rejects with ChartUnavailableError("timed out after N ms"), whatever the inner one does.
 */
export async function resolveWithDeadline(resolver: ChartResolver, source: ChartSource, timeoutMs: number): Promise<Chart> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ChartUnavailableError(source, `timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([resolver.resolve(source, { signal: controller.signal }), deadline]);
  } catch (err) {
    if (err instanceof ChartUnavailableError) throw err;
    throw new ChartUnavailableError(source, err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Keeps resolved charts (at most `maxEntries`, each for `ttlMs`), so a DPUService review with a
 * known chart costs a render, not a download. Failures are not cached.
 */
export class CachingChartResolver implements ChartResolver {
  private readonly entries = new Map<string, { at: number; chart: Promise<Chart> }>();

  constructor(
    private readonly inner: ChartResolver,
    private readonly options: { ttlMs: number; maxEntries: number; now?: () => number },
  ) {}

  resolve(source: ChartSource, options: { signal: AbortSignal }): Promise<Chart> {
    const now = (this.options.now ?? Date.now)();
    const key = JSON.stringify([source.repoURL, source.chart ?? '', source.path ?? '', source.version]);
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.options.ttlMs) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.chart;
    }
    const chart = this.inner.resolve(source, options);
    this.entries.set(key, { at: now, chart });
    chart.catch(() => {
      if (this.entries.get(key)?.chart === chart) this.entries.delete(key);
    });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return chart;
  }

  /** Number of cached charts (metrics, tests). */
  get size(): number {
    return this.entries.size;
  }
}
