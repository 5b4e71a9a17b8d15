// Checks sprig's path functions (Go's path and path/filepath) against helm v3.17.3 output recorded in fixtures/paths.json
// (re-record with `node scripts/record/funcs-a/record.mjs paths`; see fixture-harness.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathFuncs } from '../../../helm/funcs/paths.js';
import { checkDirect, checkEndToEnd, coveredNames, loadFixture, signatureMismatches } from './fixture-harness.js';

const fixture = loadFixture('paths');

/** The Go signatures sprig v3.3.0 declares (the executor checks and converts arguments by them). */
const SIGNATURES: Record<string, string> = {
  base: 'func(string) string',
  dir: 'func(string) string',
  clean: 'func(string) string',
  ext: 'func(string) string',
  osBase: 'func(string) string',
  osDir: 'func(string) string',
  osClean: 'func(string) string',
  osExt: 'func(string) string',
  isAbs: 'func(string) bool',
  osIsAbs: 'func(string) bool',
};

test('paths: fixture is a helm v3.17.3 recording covering every function', () => {
  assert.match(fixture.recordedWith, /^v3\.17\.3\+/);
  const covered = coveredNames(fixture);
  assert.deepEqual(pathFuncs.map((f) => f.name).filter((n) => !covered.has(n)), []);
});

test('paths: Go signatures match sprig', () => {
  assert.deepEqual(signatureMismatches(pathFuncs, SIGNATURES), []);
});

test('paths: direct calls give helm\'s output, type and error', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('paths: templates run through TemplateSet give helm\'s output, type and error', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});
