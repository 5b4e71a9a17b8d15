/**
 * The CMP's chart sources behind the contract's `ChartResolver` seam, so the webhook gets a
 * DPUService's chart through the same code as `generate`: the chart-paths mapping and
 * vendored archives (local.ts), charts found by name and version under local folders
 * (contract/local-charts.ts), then https Helm repositories and OCI registries (remote.ts,
 * with the on-disk content-addressed cache). Failures become ChartUnavailableError whose
 * `reason` is safe to show to whoever created the object (repository, chart, version and a
 * category; local failures name the operator's own files) and whose `detail` holds the cause
 * for logs; the caller's abort signal cancels downloads.
 */
import { ChartUnavailableError, publicUnavailableReason, type ChartResolver, type ChartSource } from '../../contract/chart-resolver.js';
import type { LocalChartResolver } from '../../contract/local-charts.js';
import type { Chart } from '../../helm/chart/types.js';
import { resolveLocalChart, type LocalChartOptions } from './local.js';
import type { RemoteFetcher } from './remote.js';
import { ChartSourceError, type ChartRequest } from './types.js';

export interface CmpChartResolverOptions {
  /** chart-paths and vendor-dir settings; omitted: none. */
  local?: LocalChartOptions;
  /** Charts by name and version under local folders; omitted: none. */
  chartDirs?: LocalChartResolver;
  /** https/OCI fetcher; omitted: remote charts are unavailable (air-gapped). */
  fetchRemote?: RemoteFetcher;
}

/** Resolves DPUService chart sources as the CMP does. */
export class CmpChartResolver implements ChartResolver {
  constructor(private readonly options: CmpChartResolverOptions) {}

  async resolve(source: ChartSource, { signal }: { signal: AbortSignal }): Promise<Chart> {
    const req: ChartRequest = { repoURL: source.repoURL, version: source.version };
    if (source.chart !== undefined) req.chart = source.chart;
    if (source.path !== undefined) req.path = source.path;
    try {
      if (signal.aborted) throw new ChartUnavailableError(source, 'aborted', { category: 'timeout' });
      const local = this.options.local ? resolveLocalChart(req, this.options.local) : undefined;
      if (local) return local.chart;
      const found = this.options.chartDirs?.find(source);
      if (found) return found.chart;
      if (!this.options.fetchRemote) throw new ChartUnavailableError(source, 'not in the local charts, and fetching charts is off', { category: 'not-allowed' });
      return (await this.options.fetchRemote(req, { signal })).chart;
    } catch (err) {
      if (err instanceof ChartUnavailableError) throw err;
      if (err instanceof ChartSourceError) throw new ChartUnavailableError(source, err.publicReason, { category: err.category, detail: err.detail });
      // Not a chart-source error: a bug or an unexpected failure; its text stays in the detail.
      const detail = err instanceof Error ? err.message : String(err);
      throw new ChartUnavailableError(source, publicUnavailableReason(source, 'unreachable'), { category: 'unreachable', detail });
    }
  }
}
