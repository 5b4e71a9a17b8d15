// Values coalescing against real helm v3.17.3 (golden/values.json, category "coalesce"), plus
// direct checks of the coalesce API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coalesceTables, coalesceValues, deepCopy } from '../../../helm/chart/coalesce.js';
import { Chart, emptyMetadata } from '../../../helm/chart/types.js';
import { goMap } from '../../../helm/template/value.js';
import { runValuesCases } from './values-cases.js';

const count = runValuesCases('coalesce');

test('coalesce golden has its cases', () => {
  assert.ok(count >= 20, `only ${count} cases`);
});

test('coalesceValues never alters the chart defaults or the user values', () => {
  const md = emptyMetadata();
  md.name = 'c';
  const chart = new Chart(md);
  chart.values = goMap({ a: goMap({ b: 1 }) });
  const user = goMap({ a: goMap({ c: 2 }) });
  const before = JSON.stringify([...deepCopy(user) as Map<string, unknown>]);
  const out = coalesceValues(chart, user);
  assert.deepEqual([...(out.get('a') as Map<string, unknown>).keys()].sort(), ['b', 'c']);
  assert.deepEqual([...(chart.values.get('a') as Map<string, unknown>).keys()], ['b']);
  assert.equal(JSON.stringify([...user]), before);
});

test('coalesceTables: a null in dst deletes the key, src fills the rest', () => {
  const dst = goMap({ a: null, b: 1 });
  coalesceTables(dst, goMap({ a: 5, b: 2, c: 3 }));
  assert.deepEqual([...dst.entries()], [['b', 1], ['c', 3]]);
});
