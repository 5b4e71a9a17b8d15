// Checks sprig's dictionary functions (dict.go) against helm v3.17.3 output recorded in fixtures/dicts.json
// (re-record with `node scripts/record/funcs-a/record.mjs dicts`; see fixture-harness.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictFuncs } from '../../../helm/funcs/dicts.js';
import { checkDirect, checkEndToEnd, coveredNames, loadFixture, signatureMismatches } from './fixture-harness.js';

const fixture = loadFixture('dicts');

/** The Go signatures sprig v3.3.0 declares (the executor checks and converts arguments by them). */
const SIGNATURES: Record<string, string> = {
  dict: 'func(...interface {}) map[string]interface {}',
  get: 'func(map[string]interface {}, string) interface {}',
  set: 'func(map[string]interface {}, string, interface {}) map[string]interface {}',
  unset: 'func(map[string]interface {}, string) map[string]interface {}',
  hasKey: 'func(map[string]interface {}, string) bool',
  pluck: 'func(string, ...map[string]interface {}) []interface {}',
  keys: 'func(...map[string]interface {}) []string',
  pick: 'func(map[string]interface {}, ...string) map[string]interface {}',
  omit: 'func(map[string]interface {}, ...string) map[string]interface {}',
  values: 'func(map[string]interface {}) []interface {}',
  merge: 'func(map[string]interface {}, ...map[string]interface {}) interface {}',
  mergeOverwrite: 'func(map[string]interface {}, ...map[string]interface {}) interface {}',
  mustMerge: 'func(map[string]interface {}, ...map[string]interface {}) (interface {}, error)',
  mustMergeOverwrite: 'func(map[string]interface {}, ...map[string]interface {}) (interface {}, error)',
  deepCopy: 'func(interface {}) interface {}',
  mustDeepCopy: 'func(interface {}) (interface {}, error)',
  dig: 'func(...interface {}) (interface {}, error)',
};

test('dicts: fixture is a helm v3.17.3 recording covering every function', () => {
  assert.match(fixture.recordedWith, /^v3\.17\.3\+/);
  const covered = coveredNames(fixture);
  assert.deepEqual(dictFuncs.map((f) => f.name).filter((n) => !covered.has(n)), []);
});

test('dicts: Go signatures match sprig', () => {
  assert.deepEqual(signatureMismatches(dictFuncs, SIGNATURES), []);
});

test('dicts: direct calls give helm\'s output, type and error', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('dicts: templates run through TemplateSet give helm\'s output, type and error', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});
