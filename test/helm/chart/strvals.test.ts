// --set* parsing against real helm v3.17.3 (golden/strvals.json, recorded by
// scripts/record/chart/record-strvals.mjs), plus direct checks of the parser API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mergeUserValues, type ValueOptions } from '../../../helm/chart/values.js';
import { parseInto, StrvalsError, typedVal } from '../../../helm/chart/strvals.js';
import { GoInt } from '../../../helm/template/value.js';
import { FIXTURES, fixtureReader, golden, typedDump } from './helpers.js';

interface Case {
  name: string;
  flags: [string, string][];
  values?: unknown;
  error?: string;
}

const dir = join(FIXTURES, 'strvals');
const cases = golden<{ cases: Case[] }>('strvals.json').cases.filter((c) => c.flags.every(([f]) => f !== 'values'));

/** Groups flags by kind, keeping command-line order inside each kind, as cobra does. */
export function optionsFromFlags(flags: [string, string][]): ValueOptions {
  const pick = (kind: string) => flags.filter(([f]) => f === kind).map(([, v]) => v);
  return {
    values: pick('set'),
    stringValues: pick('set-string'),
    jsonValues: pick('set-json'),
    fileValues: pick('set-file'),
    literalValues: pick('set-literal'),
  };
}

for (const c of cases) {
  test(`strvals matches helm: ${c.name}`, () => {
    const run = () => mergeUserValues(optionsFromFlags(c.flags), fixtureReader(dir));
    if (c.error !== undefined) {
      assert.throws(run, (e: Error) => {
        assert.equal(e.message, c.error);
        return true;
      });
    } else {
      assert.deepEqual(typedDump(run()), c.values);
    }
  });
}

test('strvals golden has enough cases', () => {
  assert.ok(cases.length >= 80, `only ${cases.length} cases`);
});

test('typedVal keeps int64 exact and strings out of range', () => {
  assert.deepEqual(typedVal('9223372036854775807', false), GoInt.int64(9223372036854775807n));
  assert.equal(typedVal('9223372036854775808', false), '9223372036854775808');
  assert.equal(typedVal('1_000', false), '1_000');
  assert.equal(typedVal('0x10', false), '0x10');
});

test('parseInto throws StrvalsError without the flag prefix', () => {
  assert.throws(() => parseInto('a', new Map()), (e: unknown) => e instanceof StrvalsError && e.message === 'key "a" has no value');
});
