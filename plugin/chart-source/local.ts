/**
 * Charts that live in the git repository ArgoCD streams to the sidecar: the `chart-paths`
 * parameter maps a DPUService's chart reference (`<repoURL>/<chart>`, e.g.
 * `https://helm.example.com/dpf/dummydpuservice-chart`) to a chart directory or .tgz relative
 * to the app dir; and vendored archives `<vendor-dir>/<chart>-<version>.tgz` for air-gapped
 * sites. Paths may not leave the repository copy, neither as written nor through a symlink, and
 * neither may any file the chart loader reads (`.Files` included).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfinementError, confinedRealPath, confinement, isWithin, type Confinement } from '../../helm/chart/confine.js';
import { loadChartSync } from '../../helm/chart/load.js';
import { withDecompressedTotalLimit } from '../../helm/chart/load-archive.js';
import { chartReference, ChartSourceError, type ChartRequest, type ResolvedChart } from './types.js';

export interface LocalChartOptions {
  appDir: string;
  /** The repository copy's root; paths must stay inside it. */
  repoRoot: string;
  chartPaths: Record<string, string>;
  vendorDir: string;
}

/** The chart from chart-paths or the vendor dir, or undefined when neither has it. */
export function resolveLocalChart(req: ChartRequest, opts: LocalChartOptions): ResolvedChart | undefined {
  const ref = chartReference(req);
  const mapped = opts.chartPaths[ref] ?? opts.chartPaths[ref.replace(/^oci:\/\//, '')];
  const repo = confinement(opts.repoRoot);
  if (mapped !== undefined) {
    const path = insideRepo(ref, mapped, opts, repo);
    const chart = load(ref, path, repo);
    if (chart.chart.metadata.version !== req.version) {
      throw new ChartSourceError(ref, `chart-paths maps it to ${mapped}, which holds version ${chart.chart.metadata.version}, not ${req.version}`);
    }
    return { chart: chart.chart, origin: `repo:${mapped}` };
  }
  if (req.chart !== undefined && opts.vendorDir !== '') {
    const file = join(opts.vendorDir, `${req.chart}-${req.version}.tgz`);
    const path = insideRepo(ref, file, opts, repo);
    if (existsSync(path)) return { chart: load(ref, path, repo).chart, origin: `vendor:${file}` };
  }
  return undefined;
}

function load(ref: string, path: string, repo: Confinement): ResolvedChart {
  try {
    return { chart: withDecompressedTotalLimit(() => loadChartSync(path, undefined, { confineTo: repo })), origin: path };
  } catch (err) {
    throw new ChartSourceError(ref, err instanceof Error ? err.message : String(err), err);
  }
}

/**
 * Resolves `rel` against the app dir and refuses anything outside the repository copy: as
 * written (`../..`), or through a symlink on the way (then the message names link and target).
 */
function insideRepo(ref: string, rel: string, opts: LocalChartOptions, repo: Confinement): string {
  if (isAbsolute(rel)) throw new ChartSourceError(ref, `path ${rel} must be relative to the app directory`);
  const path = resolve(opts.appDir, rel);
  if (!isWithin(repo.root, path) && !isWithin(repo.realRoot, path)) throw new ChartSourceError(ref, `path ${rel} leaves the repository`);
  try {
    confinedRealPath(path, repo);
  } catch (err) {
    if (err instanceof ConfinementError) throw new ChartSourceError(ref, err.message, err);
    throw err;
  }
  return path;
}
