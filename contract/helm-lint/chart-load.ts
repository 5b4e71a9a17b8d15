/**
 * The chart as helm lint's template and dependency rules load it (loader.Load of the chart
 * folder), loaded once: the dependency rules need only what the loader found, taken before the
 * template rules mutate the chart by processing dependencies.
 */
import { loadChartSync, type ChartLoadOptions } from '../../helm/chart/load.js';
import type { Chart } from '../../helm/chart/types.js';

export interface DependencySnapshot {
  /** Names of the subcharts found under charts/ (c.Dependencies()). */
  loaded: string[];
  /** Chart.yaml `dependencies` entries (c.Metadata.Dependencies). */
  declared: { name: string; alias: string }[];
}

export type LoadOutcome = { chart: Chart; dependencies: DependencySnapshot } | { error: string };

export class LintChartLoader {
  private outcome: LoadOutcome | undefined;

  constructor(
    private readonly chartDir: string,
    private readonly options: ChartLoadOptions = {},
  ) {}

  load(): LoadOutcome {
    if (this.outcome) return this.outcome;
    try {
      const chart = loadChartSync(this.chartDir, () => {}, this.options);
      this.outcome = {
        chart,
        dependencies: {
          loaded: chart.dependencies.map((d) => d.name()),
          declared: (chart.metadata.dependencies ?? []).filter((d) => d !== null).map((d) => ({ name: d.name, alias: d.alias })),
        },
      };
    } catch (e) {
      this.outcome = { error: e instanceof Error ? e.message : String(e) };
    }
    return this.outcome;
  }
}
