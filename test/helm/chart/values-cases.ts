// Runs the recorded coalesce/dependency cases (golden/values.json, from
// scripts/record/chart/record-values.mjs) through load → user values → prepareChart and
// compares with what real helm v3.17.3 printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChartSync } from '../../../helm/chart/load.js';
import { prepareChart } from '../../../helm/chart/prepare.js';
import { readValuesFile } from '../../../helm/chart/read-values.js';
import { mergeUserValues } from '../../../helm/chart/values.js';
import { TemplateChartStruct } from '../../../helm/chart/metadata-struct.js';
import type { Chart } from '../../../helm/chart/types.js';
import type { GoMap, GoValue } from '../../../helm/template/value.js';
import { FIXTURES, golden, plainJson, typedDump } from './helpers.js';

export interface ValuesCase {
  category: string;
  name: string;
  path: string;
  flags: [string, string][];
  error?: string;
  sources?: string[];
  charts?: unknown[];
  values?: unknown[];
  log: string[];
}

function chartsByPath(chart: Chart, out = new Map<string, Chart>()): Map<string, Chart> {
  out.set(chart.chartFullPath(), chart);
  for (const d of chart.dependencies) chartsByPath(d, out);
  return out;
}

/** Registers one node:test per recorded case of the category. */
export function runValuesCases(category: string): number {
  const cases = golden<{ cases: ValuesCase[] }>('values.json').cases.filter((c) => c.category === category);
  for (const c of cases) {
    test(`${category} matches helm: ${c.name}`, () => {
      const dir = join(FIXTURES, 'values', c.path);
      const log: string[] = [];
      let chart: Chart | undefined;
      let values: GoMap | undefined;
      let error: string | undefined;
      try {
        const pick = (kind: string) => c.flags.filter(([f]) => f === kind).map(([, v]) => v);
        const files = pick('values').map((name) => readValuesFile({ name, data: readFileSync(join(dir, name)) }));
        const user = mergeUserValues({ valueFiles: files, values: pick('set'), stringValues: pick('set-string') });
        chart = loadChartSync(dir);
        values = prepareChart(chart, user, { kubeVersion: 'v1.32.0', warn: (m) => log.push(m) });
      } catch (e) {
        error = (e as Error).message;
      }
      assert.deepEqual([...log].sort(), [...c.log].sort(), 'log lines');
      if (c.error !== undefined) {
        assert.equal(error, c.error);
        return;
      }
      assert.equal(error, undefined, error);
      const byPath = chartsByPath(chart as Chart);
      const rendered = [...byPath.keys()].map((p) => `${p}/templates/info.yaml`).sort();
      assert.deepEqual(rendered, [...(c.sources ?? [])].sort(), 'rendered charts');
      (c.sources ?? []).forEach((source, i) => {
        const path = source.slice(0, source.indexOf('/templates/'));
        const sub = byPath.get(path) as Chart;
        assert.deepEqual(plainJson(TemplateChartStruct.of(sub)), c.charts?.[i], `.Chart of ${path}`);
        let scoped: GoValue = values;
        for (const name of path.split('/charts/').slice(1)) scoped = (scoped as GoMap).get(name);
        assert.deepEqual(typedDump(scoped), c.values?.[i], `.Values of ${path}`);
      });
    });
  }
  return cases.length;
}
