/** Shared shapes of the chart sources (local, vendored, https Helm repository, OCI registry). */
import type { Chart } from '../../helm/chart/types.js';

/** What a DPUService asks for (`spec.helmChart.source`). */
export interface ChartRequest {
  repoURL: string;
  chart?: string;
  path?: string;
  version: string;
}

/** A loaded chart and where it came from (for logs; never holds credentials). */
export interface ResolvedChart {
  chart: Chart;
  origin: string;
}

/** A chart that could not be obtained; `message` is safe to print (no credentials). */
export class ChartSourceError extends Error {
  constructor(
    readonly reference: string,
    /** What went wrong, without the `chart <reference>:` prefix of `message`. */
    readonly detail: string,
    override readonly cause?: unknown,
  ) {
    super(`chart ${reference}: ${detail}`);
    this.name = 'ChartSourceError';
  }
}

/** `<repoURL>/<chart>` with one slash between: the key of the chart-paths parameter. */
export function chartReference(req: Pick<ChartRequest, 'repoURL' | 'chart' | 'path'>): string {
  const base = req.repoURL.replace(/\/+$/, '');
  const name = req.chart ?? req.path ?? '';
  return name === '' ? base : `${base}/${name.replace(/^\/+/, '')}`;
}
