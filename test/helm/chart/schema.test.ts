// values.schema.json validation against real helm v3.17.3 (golden/schema.json, recorded by
// scripts/record/chart/record-schema.mjs). Where helm's own line order varies between runs
// (gojsonschema walks properties in Go map order) the lines of each chart are compared as sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadChartSync } from '../../../helm/chart/load.js';
import { prepareChart } from '../../../helm/chart/prepare.js';
import { validateAgainstSingleSchema } from '../../../helm/chart/schema.js';
import { mergeUserValues } from '../../../helm/chart/values.js';
import { goMap } from '../../../helm/template/value.js';
import { FIXTURES, golden } from './helpers.js';

interface SchemaCase {
  name: string;
  path: string;
  flags: [string, string][];
  ok?: boolean;
  error?: string;
  ordered?: boolean;
}

const cases = golden<{ cases: SchemaCase[] }>('schema.json').cases;

/** The error split into chart headers and their (sorted) lines. */
function blocks(message: string): string[][] {
  const out: string[][] = [];
  for (const line of message.split('\n').slice(1)) {
    if (line === '') continue;
    if (!line.startsWith('- ') && !line.startsWith('invalid')) out.push([line]);
    else out[out.length - 1]?.push(line);
  }
  return out.map(([head, ...lines]) => [head as string, ...lines.sort()]);
}

for (const c of cases) {
  test(`schema matches helm: ${c.name}`, () => {
    const pick = (kind: string) => c.flags.filter(([f]) => f === kind).map(([, v]) => v);
    const user = mergeUserValues({ values: pick('set'), stringValues: pick('set-string') });
    const chart = loadChartSync(join(FIXTURES, 'schema', c.path));
    let error: string | undefined;
    try {
      prepareChart(chart, user, { kubeVersion: 'v1.32.0', skipSchemaValidation: c.flags.some(([f]) => f === 'skip-schema-validation') });
    } catch (e) {
      error = (e as Error).message;
    }
    if (c.ok === true) {
      assert.equal(error, undefined);
    } else if (c.ordered === false) {
      assert.ok(error !== undefined, 'expected a schema error');
      assert.deepEqual(blocks(error), blocks(c.error as string));
    } else {
      assert.equal(error, c.error);
    }
  });
}

test('schema golden has its cases', () => {
  assert.ok(cases.length >= 50);
});

test('validateAgainstSingleSchema: empty for valid values, lines for invalid ones', () => {
  const schema = JSON.stringify({ type: 'object', properties: { a: { type: 'integer' } } });
  assert.equal(validateAgainstSingleSchema(goMap({ a: 1 }), schema), '');
  assert.equal(validateAgainstSingleSchema(goMap({ a: 'x' }), schema), '- a: Invalid type. Expected: integer, given: string\n');
});
