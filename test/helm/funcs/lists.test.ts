// Checks sprig's list functions (list.go) against helm v3.17.3 output recorded in fixtures/lists.json
// (re-record with `node scripts/record/funcs-a/record.mjs lists`; see fixture-harness.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listFuncs } from '../../../helm/funcs/lists.js';
import { checkDirect, checkEndToEnd, coveredNames, loadFixture, signatureMismatches } from './fixture-harness.js';

const fixture = loadFixture('lists');

/** The Go signatures sprig v3.3.0 declares (the executor checks and converts arguments by them). */
const SIGNATURES: Record<string, string> = {
  list: 'func(...interface {}) []interface {}',
  tuple: 'func(...interface {}) []interface {}',
  append: 'func(interface {}, interface {}) []interface {}',
  push: 'func(interface {}, interface {}) []interface {}',
  mustAppend: 'func(interface {}, interface {}) ([]interface {}, error)',
  mustPush: 'func(interface {}, interface {}) ([]interface {}, error)',
  prepend: 'func(interface {}, interface {}) []interface {}',
  mustPrepend: 'func(interface {}, interface {}) ([]interface {}, error)',
  first: 'func(interface {}) interface {}',
  mustFirst: 'func(interface {}) (interface {}, error)',
  last: 'func(interface {}) interface {}',
  mustLast: 'func(interface {}) (interface {}, error)',
  rest: 'func(interface {}) []interface {}',
  mustRest: 'func(interface {}) ([]interface {}, error)',
  initial: 'func(interface {}) []interface {}',
  mustInitial: 'func(interface {}) ([]interface {}, error)',
  reverse: 'func(interface {}) []interface {}',
  mustReverse: 'func(interface {}) ([]interface {}, error)',
  uniq: 'func(interface {}) []interface {}',
  mustUniq: 'func(interface {}) ([]interface {}, error)',
  without: 'func(interface {}, ...interface {}) []interface {}',
  mustWithout: 'func(interface {}, ...interface {}) ([]interface {}, error)',
  has: 'func(interface {}, interface {}) bool',
  mustHas: 'func(interface {}, interface {}) (bool, error)',
  slice: 'func(interface {}, ...interface {}) interface {}',
  mustSlice: 'func(interface {}, ...interface {}) (interface {}, error)',
  concat: 'func(...interface {}) interface {}',
  chunk: 'func(int, interface {}) [][]interface {}',
  mustChunk: 'func(int, interface {}) ([][]interface {}, error)',
};

test('lists: fixture is a helm v3.17.3 recording covering every function', () => {
  assert.match(fixture.recordedWith, /^v3\.17\.3\+/);
  const covered = coveredNames(fixture);
  assert.deepEqual(listFuncs.map((f) => f.name).filter((n) => !covered.has(n)), []);
});

test('lists: Go signatures match sprig', () => {
  assert.deepEqual(signatureMismatches(listFuncs, SIGNATURES), []);
});

test('lists: direct calls give helm\'s output, type and error', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('lists: templates run through TemplateSet give helm\'s output, type and error', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});
