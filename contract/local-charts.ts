/**
 * A ChartResolver over charts on local disk: chart directories (with Chart.yaml) and packaged
 * .tgz charts found under the given roots. A DPUService source matches a chart whose name is
 * `source.chart` and whose version equals `source.version` (a leading `v` ignored on both, as
 * DPF examples write `v0.1.0` for chart version 0.1.0), or, for git-style sources, a chart
 * directory at `source.path` below a root. Every file a chart is loaded from must resolve inside
 * its confinement (default: the root it was found under), so a symlink in a chart folder
 * cannot hand the webhook or lint a file from elsewhere on the host.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { confinement, type Confinement } from '../helm/chart/confine.js';
import { loadChartSync } from '../helm/chart/load.js';
import { withDecompressedTotalLimit } from '../helm/chart/load-archive.js';
import type { Chart } from '../helm/chart/types.js';
import { ChartUnavailableError, type ChartResolver, type ChartSource } from './chart-resolver.js';

/** A chart found on disk. */
export interface LocalChart {
  /** The chart directory or .tgz file. */
  location: string;
  /** The root it was found under. */
  root: string;
  chart: Chart;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/**
 * Lists chart directories and .tgz archives under a path (a chart directory is not descended
 * into). Dangling links are passed over; a directory link back to an ancestor is not followed.
 */
export function findChartLocations(path: string, ancestors: ReadonlySet<string> = new Set()): string[] {
  const st = statSync(path);
  if (st.isFile()) return path.endsWith('.tgz') ? [path] : [];
  const names = readdirSync(path).sort();
  if (names.includes('Chart.yaml')) return [path];
  const real = realpathSync(path);
  const inside = new Set([...ancestors, real]);
  const out: string[] = [];
  for (const name of names) {
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const child = join(path, name);
    let cst;
    try {
      cst = statSync(child);
    } catch {
      continue; // a dangling link holds no chart
    }
    if (cst.isDirectory()) {
      if (!inside.has(realpathSync(child))) out.push(...findChartLocations(child, inside));
    } else if (name.endsWith('.tgz')) out.push(child);
  }
  return out;
}

const stripV = (v: string): string => (v.startsWith('v') ? v.slice(1) : v);

export interface LocalChartOptions {
  /** Where the charts found under a root must resolve (default: that root, a "chart folder"). */
  confineTo?: (root: string) => Confinement;
}

/** Resolves DPUService chart sources to charts under local roots. Charts are loaded once. */
export class LocalChartResolver implements ChartResolver {
  private charts: LocalChart[] | undefined;
  /** Charts that failed to load, with the reason (lint reports them through chart-render). */
  readonly loadErrors: { location: string; error: unknown }[] = [];
  private readonly confineTo: (root: string) => Confinement;

  constructor(
    private readonly roots: readonly string[],
    options: LocalChartOptions = {},
  ) {
    this.confineTo = options.confineTo ?? ((root) => confinement(root, 'chart folder'));
  }

  /** Where charts found under `root` must resolve. */
  confinementOf(root: string): Confinement {
    return this.confineTo(root);
  }

  /** Every chart under the roots. */
  all(): LocalChart[] {
    if (this.charts) return this.charts;
    this.charts = [];
    for (const root of this.roots) {
      let locations: string[];
      try {
        locations = findChartLocations(root);
      } catch (error) {
        this.loadErrors.push({ location: root, error });
        continue;
      }
      const confineTo = this.confineTo(root);
      for (const location of locations) {
        try {
          this.charts.push({ location, root, chart: withDecompressedTotalLimit(() => loadChartSync(location, undefined, { confineTo })) });
        } catch (error) {
          this.loadErrors.push({ location, error });
        }
      }
    }
    return this.charts;
  }

  /** The local chart a source names, if any. */
  find(source: ChartSource): LocalChart | undefined {
    const version = stripV(source.version);
    return this.all().find((c) => {
      if (source.chart) return c.chart.metadata.name === source.chart && stripV(c.chart.metadata.version) === version;
      if (source.path) return relative(c.root, c.location).split(sep).join('/') === source.path.replace(/^\.\/|\/$/g, '');
      return false;
    });
  }

  async resolve(source: ChartSource, options: { signal: AbortSignal }): Promise<Chart> {
    if (options.signal.aborted) throw new ChartUnavailableError(source, 'aborted');
    const found = this.find(source);
    if (!found) throw new ChartUnavailableError(source, 'not found in the local chart folders');
    return found.chart;
  }
}
