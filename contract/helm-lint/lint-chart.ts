/**
 * helm v3.17.3 action.Lint for one path (pkg/action/lint.go lintChart, pkg/lint/lint.go All):
 * a .tgz is expanded into a temporary folder first; Chart.yaml must exist; then the Chart.yaml,
 * values, template and dependency rules run in that order.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { confinedRealPath, confinement, ConfinementError, type Confinement } from '../../helm/chart/confine.js';
import type { GoMap } from '../../helm/template/value.js';
import { LintChartLoader } from './chart-load.js';
import { lintChartfile } from './chartfile-rules.js';
import { lintDependencies } from './dependency-rules.js';
import { MessageSink, type HelmLintMessage } from './message.js';
import { lintTemplates, type TemplateLintResult } from './template-rules.js';
import { lintValues } from './values-rules.js';

export interface ChartLintOptions {
  values: GoMap;
  namespace: string;
  kubeVersion: string;
  skipSchemaValidation: boolean;
  log: (line: string) => void;
  /**
   * The folder every file read for a chart path must resolve inside (symlinks followed), per
   * path; unset: helm's behaviour, any symlink followed.
   */
  confine?: (path: string) => Confinement;
}

/** What one path gave: an error before any rule ran, or the messages (and the render, for later checks). */
export type ChartLintOutcome =
  | { kind: 'error'; error: string }
  | { kind: 'linted'; messages: HelmLintMessage[]; chartDir: string; templates: TemplateLintResult };

/** lintChart + lint.All for one path. */
export function lintChartPath(path: string, opts: ChartLintOptions): ChartLintOutcome {
  const confine = opts.confine?.(path);
  if (confine) {
    try {
      confinedRealPath(path, confine);
    } catch (e) {
      if (e instanceof ConfinementError) return { kind: 'error', error: e.message };
      throw e;
    }
  }
  if (path.endsWith('.tgz') || path.endsWith('.tar.gz')) {
    // The archive's own entries are confined to the folder it is expanded in.
    return withExpandedArchive(path, (dir) => lintChartDir(dir, opts, confine ? confinement(dir, 'chart folder') : undefined));
  }
  return lintChartDir(path, opts, confine);
}

function lintChartDir(chartPath: string, opts: ChartLintOptions, confine: Confinement | undefined): ChartLintOutcome {
  const chartYaml = join(chartPath, 'Chart.yaml');
  try {
    statSync(chartYaml);
  } catch {
    return { kind: 'error', error: `unable to check Chart.yaml file in chart: stat ${chartYaml}: no such file or directory` };
  }
  const chartDir = resolve(chartPath);
  const sink = new MessageSink();
  const loader = new LintChartLoader(chartDir, confine ? { confineTo: confine } : {});
  lintChartfile(sink, chartDir, confine);
  lintValues(sink, chartDir, opts.values, confine);
  const templates = lintTemplates(sink, chartDir, loader, opts);
  lintDependencies(sink, chartDir, loader);
  return { kind: 'linted', messages: sink.messages, chartDir, templates };
}

/** chartutil.Expand into a temporary folder; the chart is its first entry. */
function withExpandedArchive(path: string, run: (dir: string) => ChartLintOutcome): ChartLintOutcome {
  const temp = mkdtempSync(join(tmpdir(), 'helm-lint'));
  try {
    const tar = createRequire(import.meta.url)('tar') as typeof import('tar');
    try {
      tar.x({ sync: true, file: path, cwd: temp, strict: true });
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `open ${path}: no such file or directory` : (e as Error).message;
      return { kind: 'error', error: `unable to open tarball: ${reason}` };
    }
    const entries = readdirSync(temp, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    const first = entries[0];
    if (!first) return { kind: 'error', error: `unable to extract tarball: no files in ${path}` };
    if (!first.isDirectory()) return { kind: 'error', error: `unexpected file ${first.name} in temporary output directory ${temp}` };
    return run(join(temp, first.name));
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
