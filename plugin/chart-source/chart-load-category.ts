/** The category of a chart that was fetched but does not load: over a size limit, or unusable. */
import type { ChartUnavailableCategory } from '../../contract/chart-resolver.js';
import { ArchiveError } from '../../helm/chart/load-archive.js';

/** `too-large` when an archive size limit tripped anywhere in the cause chain (subcharts wrap it). */
export function chartLoadCategory(err: unknown): ChartUnavailableCategory {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 64; e = e.cause, depth++) {
    if (e instanceof ArchiveError && e.kind === 'size') return 'too-large';
  }
  return 'invalid';
}
