/**
 * What the chart-level rules read from a chart: its name, annotations, default values and the
 * text of its templates (subcharts included, named as helm names them in `# Source:` lines).
 * Built from a loaded helm `Chart`, or by hand in tests.
 */
import type { Chart } from '../helm/chart/types.js';
import type { ChartAnnotations } from './rules/doca-version.js';

/** A template file: its helm path (`chart/templates/x.yaml`, `chart/charts/sub/templates/y.yaml`) and text. */
export interface ChartTemplateText {
  path: string;
  text: string;
}

export interface ChartFacts {
  name: string;
  version: string;
  annotations: ChartAnnotations;
  /** values.yaml as loaded: a GoMap (Map) from helm/chart, or a plain object. */
  values: unknown;
  /** Manifest templates (not partials), of the chart and its subcharts. */
  templates: ChartTemplateText[];
  /** Partials (`_*.tpl` and other `_` files) that templates may include. */
  helpers: ChartTemplateText[];
}

const decoder = new TextDecoder();

/** Collects the facts of a loaded chart and its subcharts. */
export function chartFactsOf(chart: Chart): ChartFacts {
  const templates: ChartTemplateText[] = [];
  const helpers: ChartTemplateText[] = [];
  const walk = (c: Chart) => {
    for (const t of c.templates) {
      const path = `${c.chartFullPath()}/${t.name}`;
      const base = t.name.slice(t.name.lastIndexOf('/') + 1);
      // helm renders every template but only keeps output of non-partials (`_` prefix).
      (base.startsWith('_') ? helpers : templates).push({ path, text: decoder.decode(t.data) });
    }
    for (const d of c.dependencies) walk(d);
  };
  walk(chart);
  return {
    name: chart.metadata.name,
    version: chart.metadata.version,
    annotations: chart.metadata.annotations,
    values: chart.values ?? undefined,
    templates,
    helpers,
  };
}

/** `values.a.b.c` through Maps (helm's GoMap) or plain objects. */
export function valueAt(values: unknown, path: readonly string[]): unknown {
  let cur = values;
  for (const key of path) {
    if (cur instanceof Map) cur = cur.get(key);
    else if (typeof cur === 'object' && cur !== null && !Array.isArray(cur)) cur = (cur as Record<string, unknown>)[key];
    else return undefined;
  }
  return cur;
}

/** The entries of a Map or plain object; [] for anything else. */
export function entriesOf(value: unknown): [string, unknown][] {
  if (value instanceof Map) return [...value.entries()];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return Object.entries(value);
  return [];
}
