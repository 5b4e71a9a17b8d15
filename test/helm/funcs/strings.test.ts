// Checks sprig's string functions (functions.go, strings.go) against helm v3.17.3 output recorded in fixtures/strings.json
// (re-record with `node scripts/record/funcs-a/record.mjs strings`; see fixture-harness.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringFuncs } from '../../../helm/funcs/strings.js';
import { shuffle } from '../../../helm/funcs/xstrings.js';
import { checkDirect, checkEndToEnd, coveredNames, loadFixture, signatureMismatches } from './fixture-harness.js';

const fixture = loadFixture('strings');

/** The Go signatures sprig v3.3.0 declares (the executor checks and converts arguments by them). */
const SIGNATURES: Record<string, string> = {
  hello: 'func() string',
  abbrev: 'func(int, string) string',
  abbrevboth: 'func(int, int, string) string',
  trunc: 'func(int, string) string',
  trim: 'func(string) string',
  upper: 'func(string) string',
  lower: 'func(string) string',
  title: 'func(string) string',
  untitle: 'func(string) string',
  substr: 'func(int, int, string) string',
  repeat: 'func(int, string) string',
  trimall: 'func(string, string) string',
  trimAll: 'func(string, string) string',
  trimSuffix: 'func(string, string) string',
  trimPrefix: 'func(string, string) string',
  nospace: 'func(string) string',
  initials: 'func(string) string',
  swapcase: 'func(string) string',
  shuffle: 'func(string) string',
  snakecase: 'func(string) string',
  camelcase: 'func(string) string',
  kebabcase: 'func(string) string',
  wrap: 'func(int, string) string',
  wrapWith: 'func(int, string, string) string',
  contains: 'func(string, string) bool',
  hasPrefix: 'func(string, string) bool',
  hasSuffix: 'func(string, string) bool',
  quote: 'func(...interface {}) string',
  squote: 'func(...interface {}) string',
  cat: 'func(...interface {}) string',
  indent: 'func(int, string) string',
  nindent: 'func(int, string) string',
  replace: 'func(string, string, string) string',
  plural: 'func(string, string, int) string',
  split: 'func(string, string) map[string]string',
  splitList: 'func(string, string) []string',
  splitn: 'func(string, int, string) map[string]string',
  join: 'func(string, interface {}) string',
  sortAlpha: 'func(interface {}) []string',
};

test('strings: fixture is a helm v3.17.3 recording covering every function', () => {
  assert.match(fixture.recordedWith, /^v3\.17\.3\+/);
  const covered = coveredNames(fixture);
  assert.deepEqual(stringFuncs.map((f) => f.name).filter((n) => !covered.has(n)), []);
});

test('strings: Go signatures match sprig', () => {
  assert.deepEqual(signatureMismatches(stringFuncs, SIGNATURES), []);
});

test('strings: direct calls give helm\'s output, type and error', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('strings: templates run through TemplateSet give helm\'s output, type and error', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});

test('shuffle: a permutation of the runes (xstrings.Shuffle is random in helm too)', () => {
  const input = 'héllo wörld 😀';
  const sorted = (s: string): string => Array.from(s).sort().join('');
  for (let i = 0; i < 20; i++) assert.equal(sorted(shuffle(input)), sorted(input));
  // Fisher-Yates from the end: with random() = 0 every rune moves to the front in turn.
  assert.equal(shuffle('abcd', () => 0), 'bcda');
});
