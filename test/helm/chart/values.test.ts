// `-f` values files merged with --set flags, against real helm v3.17.3 (the `values` cases of
// golden/strvals.json, recorded by scripts/record/chart/record-strvals.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readValuesFile } from '../../../helm/chart/read-values.js';
import { mergeMaps, mergeUserValues, ValuesError } from '../../../helm/chart/values.js';
import { goMap } from '../../../helm/template/value.js';
import { FIXTURES, fixtureReader, golden, typedDump } from './helpers.js';

interface Case {
  name: string;
  flags: [string, string][];
  values?: unknown;
  error?: string;
}

const dir = join(FIXTURES, 'strvals');
const read = fixtureReader(dir);
const cases = golden<{ cases: Case[] }>('strvals.json').cases.filter((c) => c.flags.some(([f]) => f === 'values'));

for (const c of cases) {
  test(`values files match helm: ${c.name}`, () => {
    const run = () => {
      const pick = (kind: string) => c.flags.filter(([f]) => f === kind).map(([, v]) => v);
      const valueFiles = pick('values').map((name) => readValuesFile({ name, data: read(name) }));
      return mergeUserValues({ valueFiles, values: pick('set'), stringValues: pick('set-string') }, read);
    };
    if (c.error !== undefined) assert.throws(run, { message: c.error });
    else assert.deepEqual(typedDump(run()), c.values);
  });
}

test('values golden has its file cases', () => {
  assert.ok(cases.length >= 8);
});

test('mergeMaps: maps merge deeply, anything else replaces, inputs untouched', () => {
  const a = goMap({ m: goMap({ x: 1, y: 1 }), l: [1], s: 'a' });
  const b = goMap({ m: goMap({ y: 2 }), l: [2], s: goMap({ now: 'map' }) });
  const out = mergeMaps(a, b);
  assert.deepEqual(typedDump(out), {
    m: { x: { t: 'float64', v: 1 }, y: { t: 'float64', v: 2 } },
    l: [{ t: 'float64', v: 2 }],
    s: { now: { t: 'string', v: 'map' } },
  });
  assert.equal((a.get('m') as Map<string, unknown>).get('y'), 1);
});

test('readValuesFile errors are ValuesError', () => {
  assert.throws(() => readValuesFile({ name: 'x.yaml', data: '- a' }), (e: unknown) => e instanceof ValuesError);
});
