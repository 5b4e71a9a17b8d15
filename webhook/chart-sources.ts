/**
 * The webhook's chart sources, described by plain data so that a chart worker can build them
 * itself: the CMP's (chart-paths, vendor dir, https, OCI, on-disk cache) plus --chart-dir
 * folders, behind an in-memory cache of loaded charts.
 */
import { CachingChartResolver, type ChartResolver } from '../contract/chart-resolver.js';
import { LocalChartResolver } from '../contract/local-charts.js';
import { remoteFetcher } from '../plugin/chart-source/remote.js';
import { CmpChartResolver } from '../plugin/chart-source/resolver.js';

/** Structured-clone data: crosses into chart workers as workerData. */
export interface ChartSourcesConfig {
  chartDirs: readonly string[];
  chartPaths: Record<string, string>;
  vendorDir: string;
  /** Folder chartPaths and vendorDir are relative to. */
  chartRoot: string;
  /** Fetch from https/OCI repositories at all. */
  fetch: boolean;
  /**
   * Repositories that may be fetched (ArgoCD `sourceRepos`-style patterns,
   * plugin/chart-source/allowlist.ts). Empty: none, so only the local sources serve charts.
   */
  allowedRepos: readonly string[];
  /** The sidecar-style environment (credentials, CA, cache dir). */
  env: Readonly<Record<string, string | undefined>>;
  /** Fetch deadline (the chart deadline). */
  timeoutMs: number;
  cacheTtlMs: number;
}

/** The resolver for a configuration; undefined when there is no source at all. */
export function chartResolver(o: ChartSourcesConfig): ChartResolver | undefined {
  const hasLocal = Object.keys(o.chartPaths).length > 0 || o.vendorDir !== '';
  if (!hasLocal && o.chartDirs.length === 0 && !o.fetch) return undefined;
  const inner = new CmpChartResolver({
    ...(hasLocal ? { local: { appDir: o.chartRoot, repoRoot: o.chartRoot, chartPaths: o.chartPaths, vendorDir: o.vendorDir } } : {}),
    ...(o.chartDirs.length > 0 ? { chartDirs: new LocalChartResolver(o.chartDirs) } : {}),
    // The fetch deadline is the chart deadline: a slow repository never holds a review longer.
    ...(o.fetch ? { fetchRemote: remoteFetcher(o.env, { timeoutMs: o.timeoutMs, allowedRepos: o.allowedRepos }) } : {}),
  });
  return new CachingChartResolver(inner, { ttlMs: o.cacheTtlMs, maxEntries: 256 });
}
