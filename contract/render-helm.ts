/**
 * The contract's RenderFn backed by the project's helm renderer (helm/index.ts renderChart, the
 * same code `dpu-gitops template` and the CMP use). renderChart mutates a chart while
 * processing dependencies, so each render works on a fresh copy rebuilt from the chart's raw
 * files; a cached chart can then be rendered any number of times.
 */
import { renderChart } from '../helm/index.js';
import { loadChartFromFiles } from '../helm/chart/load-files.js';
import type { Chart } from '../helm/chart/types.js';
import type { RenderFn } from './chart.js';
import type { RenderedObject } from './rendered.js';

/** A fresh, unrendered copy of a loaded chart. */
export function freshChartCopy(chart: Chart): Chart {
  return loadChartFromFiles(chart.raw);
}

/** Renders as `helm template RELEASE CHART -n NAMESPACE -f values.json` would. */
export const renderWithHelm: RenderFn = (chart, { releaseName, namespace, values }) => {
  const result = renderChart(freshChartCopy(chart), { releaseName, namespace, values });
  return result.manifests.map((m): RenderedObject => {
    const o: RenderedObject = { path: m.path, kind: m.kind, name: m.name, object: m.object, doc: m.doc };
    if (m.namespace !== undefined) o.namespace = m.namespace;
    if (m.hook !== undefined) o.hook = m.hook;
    return o;
  });
};
