// Checks sprig's default-value functions (defaults.go, list.go compact) against helm v3.17.3 output recorded in fixtures/defaults.json
// (re-record with `node scripts/record/funcs-a/record.mjs defaults`; see fixture-harness.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultFuncs } from '../../../helm/funcs/defaults.js';
import { checkDirect, checkEndToEnd, coveredNames, loadFixture, signatureMismatches } from './fixture-harness.js';

const fixture = loadFixture('defaults');

/** The Go signatures sprig v3.3.0 declares (the executor checks and converts arguments by them). */
const SIGNATURES: Record<string, string> = {
  "default": 'func(interface {}, ...interface {}) interface {}',
  empty: 'func(interface {}) bool',
  coalesce: 'func(...interface {}) interface {}',
  all: 'func(...interface {}) bool',
  any: 'func(...interface {}) bool',
  ternary: 'func(interface {}, interface {}, bool) interface {}',
  compact: 'func(interface {}) []interface {}',
  mustCompact: 'func(interface {}) ([]interface {}, error)',
};

test('defaults: fixture is a helm v3.17.3 recording covering every function', () => {
  assert.match(fixture.recordedWith, /^v3\.17\.3\+/);
  const covered = coveredNames(fixture);
  assert.deepEqual(defaultFuncs.map((f) => f.name).filter((n) => !covered.has(n)), []);
});

test('defaults: Go signatures match sprig', () => {
  assert.deepEqual(signatureMismatches(defaultFuncs, SIGNATURES), []);
});

test('defaults: direct calls give helm\'s output, type and error', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('defaults: templates run through TemplateSet give helm\'s output, type and error', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});
