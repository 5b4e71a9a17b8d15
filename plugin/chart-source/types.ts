/** Shared shapes of the chart sources (local, vendored, https Helm repository, OCI registry). */
import { publicUnavailableReason, type ChartUnavailableCategory } from '../../contract/chart-resolver.js';
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

/**
 * A chart that could not be obtained; `message` is safe to print (no credentials) and holds the
 * full detail, for `generate`'s stderr and logs. `publicReason` is what a webhook denial may
 * show. Local sources (chart-paths, vendored archives) are the operator's own files, so their
 * detail is public; remote failures are RemoteFetchError.
 */
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

  get category(): ChartUnavailableCategory {
    return 'invalid';
  }

  get publicReason(): string {
    return this.detail;
  }
}

/**
 * A remote fetch that failed: the category and a public reason naming only repository, chart
 * and version (the detail says what the network answered, for logs).
 */
export class RemoteFetchError extends ChartSourceError {
  readonly #category: ChartUnavailableCategory;
  readonly #publicReason: string;

  constructor(req: ChartRequest, category: ChartUnavailableCategory, detail: string, cause?: unknown) {
    super(chartReference(req), detail, cause);
    this.name = 'RemoteFetchError';
    this.#category = category;
    this.#publicReason = publicUnavailableReason(req, category);
  }

  override get category(): ChartUnavailableCategory {
    return this.#category;
  }

  override get publicReason(): string {
    return this.#publicReason;
  }
}

/** `<repoURL>/<chart>` with one slash between: the key of the chart-paths parameter. */
export function chartReference(req: Pick<ChartRequest, 'repoURL' | 'chart' | 'path'>): string {
  const base = req.repoURL.replace(/\/+$/, '');
  const name = req.chart ?? req.path ?? '';
  return name === '' ? base : `${base}/${name.replace(/^\/+/, '')}`;
}
