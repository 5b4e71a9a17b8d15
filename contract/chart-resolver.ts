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

/**
 * Why a chart could not be had, in words safe to show to whoever created the object: the
 * categories are deliberately coarse, so a denial cannot be used to probe the network (a
 * refused connection, a reset, a TLS failure, a 5xx all read `unreachable`).
 */
export type ChartUnavailableCategory =
  /** The repository, or a URL the fetch was sent to, matches no allowed-repos pattern. */
  | 'not-allowed'
  /** The chart, or the version, is not in the repository (index entry or tag missing). */
  | 'not-found'
  /** Connection, TLS or DNS failure, HTTP 5xx or another unexpected status: all alike. */
  | 'unreachable'
  /** HTTP 401/403, or a token endpoint that refused. */
  | 'unauthorized'
  /** An index, tag list, manifest or chart over its size limit. */
  | 'too-large'
  /** An unusable index, manifest or chart archive, or a digest mismatch. */
  | 'invalid'
  /** The deadline passed or the caller gave up. */
  | 'timeout';

/** The chart could not be had: not found, repository down, or the deadline passed. */
export class ChartUnavailableError extends Error {
  /** The cause in full (URLs, statuses, errno codes): for logs, never for the object's author. */
  readonly detail: string;
  readonly category: ChartUnavailableCategory;

  /**
   * `reason` is the public text (shown in denials). Without a category the resolver simply did
   * not find the chart (`not-found`); without a detail the reason is all there is to say.
   */
  constructor(
    readonly source: ChartSource,
    readonly reason: string,
    options: { category?: ChartUnavailableCategory; detail?: string } = {},
  ) {
    super(`chart ${describeSource(source)} unavailable: ${reason}`);
    this.name = 'ChartUnavailableError';
    this.category = options.category ?? 'not-found';
    this.detail = options.detail ?? reason;
  }
}

/**
 * The public reason for a category: names the repository, chart and version, and nothing the
 * repository answered.
 */
export function publicUnavailableReason(source: Pick<ChartSource, 'repoURL' | 'chart' | 'path' | 'version'>, category: ChartUnavailableCategory): string {
  const what = [source.chart || source.path || '', source.version].filter((s) => s !== '').join(' ');
  switch (category) {
    case 'not-allowed':
      return `repository not allowed: ${source.repoURL} matches no allowed-repos pattern`;
    case 'not-found':
      return `not-found: ${source.repoURL} has no ${what}`;
    case 'unreachable':
      return `unreachable: ${source.repoURL} could not be reached for ${what}`;
    case 'unauthorized':
      return `unauthorized: ${source.repoURL} refused access to ${what}`;
    case 'too-large':
      return `too-large: ${what} from ${source.repoURL} exceeds a size limit`;
    case 'invalid':
      return `invalid: ${source.repoURL} answered with an unusable index, manifest or chart for ${what}`;
    case 'timeout':
      return `timeout: ${what} from ${source.repoURL} did not arrive in time`;
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
      reject(new ChartUnavailableError(source, `timed out after ${timeoutMs} ms`, { category: 'timeout' }));
    }, timeoutMs);
  });
  try {
    return await Promise.race([resolver.resolve(source, { signal: controller.signal }), deadline]);
  } catch (err) {
    if (err instanceof ChartUnavailableError) throw err;
    // A resolver that broke its contract: its message may hold anything, so only the log gets it.
    const detail = err instanceof Error ? err.message : String(err);
    throw new ChartUnavailableError(source, publicUnavailableReason(source, 'unreachable'), { category: 'unreachable', detail });
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
