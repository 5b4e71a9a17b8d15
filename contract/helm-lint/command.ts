/**
 * `helm lint` v3.17.3 (cmd/helm/lint.go) without helm: the paths (with --with-subcharts, every
 * chart folder and archive under each path's charts/), --strict and --quiet, and exactly the
 * text helm prints: `==> Linting PATH`, one `[SEVERITY] path: text` line per message, a blank
 * line, and the summary (`N chart(s) linted, M chart(s) failed`, on stderr as `Error: ...` when
 * some failed).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Confinement } from '../../helm/chart/confine.js';
import type { GoMap } from '../../helm/template/value.js';
import { lintChartPath, type ChartLintOutcome } from './lint-chart.js';
import { atLeast, formatHelmMessage } from './message.js';

export interface HelmLintOptions {
  paths: readonly string[];
  values: GoMap;
  namespace: string;
  kubeVersion: string;
  strict: boolean;
  withSubcharts: boolean;
  quiet: boolean;
  skipSchemaValidation: boolean;
  /** helm's log lines (stderr), as they happen. */
  log: (line: string) => void;
  /** See ChartLintOptions.confine. */
  confine?: (path: string) => Confinement;
}

export interface PathResult {
  path: string;
  outcome: ChartLintOutcome;
  /** Errors that fail the chart: ERROR messages (and WARNING under --strict), or the path's error. */
  failed: boolean;
}

export interface HelmLintRun {
  results: PathResult[];
  /** What helm prints on stdout. */
  stdout: string;
  /** The summary's line on stderr when something failed (`Error: ...`), else "". */
  stderr: string;
  exitCode: 0 | 1;
}

/** The paths helm lints: the given ones (default "."), then with --with-subcharts what filepath.Walk finds under charts/. */
export function lintPaths(paths: readonly string[], withSubcharts: boolean): string[] {
  const out = paths.length > 0 ? [...paths] : ['.'];
  if (!withSubcharts) return out;
  for (const p of [...out]) walk(join(p, 'charts'), (path, isChartYaml) => out.push(isChartYaml ? path.slice(0, -'/Chart.yaml'.length) : path));
  return out;
}

/** filepath.Walk in lexical order: Chart.yaml files (their folder is a chart) and .tgz/.tar.gz files. */
function walk(dir: string, found: (path: string, isChartYaml: boolean) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, e.name);
    if (e.name === 'Chart.yaml') found(path, true);
    else if (path.endsWith('.tgz') || path.endsWith('.tar.gz')) found(path, false);
    if (e.isDirectory()) walk(path, found);
  }
}

export function runHelmLint(opts: HelmLintOptions): HelmLintRun {
  const paths = lintPaths(opts.paths, opts.withSubcharts);
  const lowest = opts.strict ? 'WARNING' : 'ERROR';
  const results: PathResult[] = [];
  let out = '';
  let failed = 0;
  let errorsOrWarnings = 0;
  for (const path of paths) {
    const outcome = lintChartPath(path, opts);
    const messages = outcome.kind === 'linted' ? outcome.messages : [];
    const errors = outcome.kind === 'error' ? 1 : messages.filter((m) => atLeast(m.severity, lowest)).length;
    const hasWarningsOrErrors = messages.some((m) => m.severity !== 'INFO') || errors > 0;
    results.push({ path, outcome, failed: errors > 0 });
    if (hasWarningsOrErrors) errorsOrWarnings++;
    if (opts.quiet && !hasWarningsOrErrors) continue;
    out += `==> Linting ${path}\n`;
    if (outcome.kind === 'error') out += `Error ${outcome.error}\n`;
    for (const m of messages) if (!opts.quiet || m.severity !== 'INFO') out += `${formatHelmMessage(m)}\n`;
    if (errors > 0) failed++;
    out += '\n';
  }
  const summary = `${paths.length} chart(s) linted, ${failed} chart(s) failed`;
  if (failed > 0) return { results, stdout: out, stderr: `Error: ${summary}\n`, exitCode: 1 };
  if (!opts.quiet || errorsOrWarnings > 0) out += `${summary}\n`;
  return { results, stdout: out, stderr: '', exitCode: 0 };
}
