// Checks sprig's reflection functions (reflect.go) against helm v3.17.3 output recorded in fixtures/reflect.json
// (re-record with `node scripts/record/funcs-a/record.mjs reflect`; see fixture-harness.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reflectFuncs } from '../../../helm/funcs/reflect.js';
import { checkDirect, checkEndToEnd, coveredNames, loadFixture, signatureMismatches } from './fixture-harness.js';

const fixture = loadFixture('reflect');

/** The Go signatures sprig v3.3.0 declares (the executor checks and converts arguments by them). */
const SIGNATURES: Record<string, string> = {
  typeOf: 'func(interface {}) string',
  typeIs: 'func(string, interface {}) bool',
  typeIsLike: 'func(string, interface {}) bool',
  kindOf: 'func(interface {}) string',
  kindIs: 'func(string, interface {}) bool',
  deepEqual: 'func(interface {}, interface {}) bool',
};

test('reflect: fixture is a helm v3.17.3 recording covering every function', () => {
  assert.match(fixture.recordedWith, /^v3\.17\.3\+/);
  const covered = coveredNames(fixture);
  assert.deepEqual(reflectFuncs.map((f) => f.name).filter((n) => !covered.has(n)), []);
});

test('reflect: Go signatures match sprig', () => {
  assert.deepEqual(signatureMismatches(reflectFuncs, SIGNATURES), []);
});

test('reflect: direct calls give helm\'s output, type and error', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('reflect: templates run through TemplateSet give helm\'s output, type and error', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});
