// Checks sprig's conversion functions (functions.go, numeric.go, strings.go) against helm v3.17.3 output recorded in fixtures/conversion.json
// (re-record with `node scripts/record/funcs-a/record.mjs conversion`; see fixture-harness.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conversionFuncs } from '../../../helm/funcs/conversion.js';
import { checkDirect, checkEndToEnd, coveredNames, loadFixture, signatureMismatches } from './fixture-harness.js';

const fixture = loadFixture('conversion');

/** The Go signatures sprig v3.3.0 declares (the executor checks and converts arguments by them). */
const SIGNATURES: Record<string, string> = {
  atoi: 'func(string) int',
  "int": 'func(interface {}) int',
  "int64": 'func(interface {}) int64',
  "float64": 'func(interface {}) float64',
  toString: 'func(interface {}) string',
  toStrings: 'func(interface {}) []string',
  toDecimal: 'func(interface {}) int64',
};

test('conversion: fixture is a helm v3.17.3 recording covering every function', () => {
  assert.match(fixture.recordedWith, /^v3\.17\.3\+/);
  const covered = coveredNames(fixture);
  assert.deepEqual(conversionFuncs.map((f) => f.name).filter((n) => !covered.has(n)), []);
});

test('conversion: Go signatures match sprig', () => {
  assert.deepEqual(signatureMismatches(conversionFuncs, SIGNATURES), []);
});

test('conversion: direct calls give helm\'s output, type and error', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('conversion: templates run through TemplateSet give helm\'s output, type and error', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});
