/**
 * helm v3.17.3 pkg/lint/rules/dependencies.go: the chart must load; subcharts under charts/
 * and Chart.yaml `dependencies` must name each other; names (or aliases) must be unique. The
 * path helm prints for these is the chart folder's absolute path.
 */
import type { LintChartLoader } from './chart-load.js';
import type { MessageSink } from './message.js';

export function lintDependencies(sink: MessageSink, chartDir: string, loader: LintChartLoader): void {
  const outcome = loader.load();
  if ('error' in outcome) {
    sink.rule('ERROR', '', `unable to load chart\n\t${outcome.error}`);
    return;
  }
  const { loaded, declared } = outcome.dependencies;
  const declaredNames = new Set(declared.map((d) => d.name));
  const notDeclared = loaded.filter((n) => !declaredNames.has(n));
  sink.rule('ERROR', chartDir, notDeclared.length > 0 ? `chart metadata is missing these dependencies: ${notDeclared.join(',')}` : undefined);
  const seen = new Set<string>();
  const shadowing: string[] = [];
  for (const d of declared) {
    const key = d.alias !== '' ? d.alias : d.name;
    if (seen.has(key)) shadowing.push(key);
    seen.add(key);
  }
  sink.rule('ERROR', chartDir, shadowing.length > 0 ? `multiple dependencies with name or alias: ${shadowing.join(',')}` : undefined);
  const loadedNames = new Set(loaded);
  const missing = declared.filter((d) => !loadedNames.has(d.name)).map((d) => d.name);
  sink.rule('WARNING', chartDir, missing.length > 0 ? `chart directory is missing these dependencies: ${missing.join(',')}` : undefined);
}
