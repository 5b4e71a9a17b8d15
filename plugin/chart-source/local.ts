/**
 * Charts that live in the git repository ArgoCD streams to the sidecar: the `chart-paths`
 * parameter maps a DPUService's chart reference (`<repoURL>/<chart>`, e.g.
 * `https://helm.example.com/dpf/dummydpuservice-chart`) to a chart directory or .tgz relative
 * to the app dir; and vendored archives `<vendor-dir>/<chart>-<version>.tgz` for air-gapped
 * sites. Paths may not leave the repository copy.
 */
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { loadChartSync } from '../../helm/chart/load.js';
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
  if (mapped !== undefined) {
    const path = insideRepo(ref, mapped, opts);
    const chart = load(ref, path);
    if (chart.chart.metadata.version !== req.version) {
      throw new ChartSourceError(ref, `chart-paths maps it to ${mapped}, which holds version ${chart.chart.metadata.version}, not ${req.version}`);
    }
    return { chart: chart.chart, origin: `repo:${mapped}` };
  }
  if (req.chart !== undefined && opts.vendorDir !== '') {
    const file = join(opts.vendorDir, `${req.chart}-${req.version}.tgz`);
    const path = insideRepo(ref, file, opts);
    if (existsSync(path)) return { chart: load(ref, path).chart, origin: `vendor:${file}` };
  }
  return undefined;
}

function load(ref: string, path: string): ResolvedChart {
  try {
    return { chart: loadChartSync(path), origin: path };
  } catch (err) {
    throw new ChartSourceError(ref, err instanceof Error ? err.message : String(err), err);
  }
}

/** Resolves `rel` against the app dir and refuses anything outside the repository copy. */
function insideRepo(ref: string, rel: string, opts: LocalChartOptions): string {
  if (isAbsolute(rel)) throw new ChartSourceError(ref, `path ${rel} must be relative to the app directory`);
  const path = resolve(opts.appDir, rel);
  const root = realOrSelf(opts.repoRoot);
  const real = existsSync(path) ? realOrSelf(path) : path;
  const r = relative(root, real);
  if (r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r)) throw new ChartSourceError(ref, `path ${rel} leaves the repository`);
  return path;
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
