// Checks sprig's math functions (functions.go, numeric.go) against helm v3.17.3 output recorded in fixtures/math.json
// (re-record with `node scripts/record/funcs-a/record.mjs math`; see fixture-harness.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mathFuncs } from '../../../helm/funcs/math.js';
import { checkDirect, checkEndToEnd, coveredNames, loadFixture, signatureMismatches } from './fixture-harness.js';

const fixture = loadFixture('math');

/** The Go signatures sprig v3.3.0 declares (the executor checks and converts arguments by them). */
const SIGNATURES: Record<string, string> = {
  add1: 'func(interface {}) int64',
  add: 'func(...interface {}) int64',
  sub: 'func(interface {}, interface {}) int64',
  div: 'func(interface {}, interface {}) int64',
  mod: 'func(interface {}, interface {}) int64',
  mul: 'func(interface {}, ...interface {}) int64',
  randInt: 'func(int, int) int',
  add1f: 'func(interface {}) float64',
  addf: 'func(...interface {}) float64',
  subf: 'func(interface {}, ...interface {}) float64',
  divf: 'func(interface {}, ...interface {}) float64',
  mulf: 'func(interface {}, ...interface {}) float64',
  biggest: 'func(interface {}, ...interface {}) int64',
  max: 'func(interface {}, ...interface {}) int64',
  min: 'func(interface {}, ...interface {}) int64',
  maxf: 'func(interface {}, ...interface {}) float64',
  minf: 'func(interface {}, ...interface {}) float64',
  ceil: 'func(interface {}) float64',
  floor: 'func(interface {}) float64',
  round: 'func(interface {}, int, ...float64) float64',
  until: 'func(int) []int',
  untilStep: 'func(int, int, int) []int',
  seq: 'func(...int) string',
};

test('math: fixture is a helm v3.17.3 recording covering every function', () => {
  assert.match(fixture.recordedWith, /^v3\.17\.3\+/);
  const covered = coveredNames(fixture);
  assert.deepEqual(mathFuncs.map((f) => f.name).filter((n) => !covered.has(n)), []);
});

test('math: Go signatures match sprig', () => {
  assert.deepEqual(signatureMismatches(mathFuncs, SIGNATURES), []);
});

test('math: direct calls give helm\'s output, type and error', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('math: templates run through TemplateSet give helm\'s output, type and error', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});
