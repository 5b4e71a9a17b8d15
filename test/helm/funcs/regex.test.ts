// Checks sprig's regex functions (regex.go) against helm v3.17.3 output recorded in
// fixtures/b-regex.json (re-record: `node scripts/record/funcs-b/record.mjs regex`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regexFuncs } from '../../../helm/funcs/regex.js';
import { GoRegexp, quoteMeta, RegexpSyntaxError } from '../../../helm/funcs/regex-go.js';
import { checkDirect, checkEndToEnd, loadFixture } from './b-harness.js';
import { signatureMismatches } from './b-signatures.js';

const fixture = loadFixture('regex');

test('regex functions match helm when called directly', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('regex functions match helm through templates', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});

test('regex functions have sprig signatures', () => {
  assert.deepEqual(signatureMismatches(regexFuncs), []);
  assert.equal(regexFuncs.length, 13);
});

// Expected values printed by Go (scripts/record/funcs-b/regexp-expand.go).
test('GoRegexp.expand: $name takes the longest name, braces delimit, $$ is a dollar', () => {
  const re = GoRegexp.compile('(?P<first>\\w+) (\\w+)') as GoRegexp;
  const m = [0, 7, 0, 3, 4, 7];
  assert.equal(re.expand('$2x|${2}x|$first|$$1|$9|$', 'foo bar', m), '|barx|foo|$1||$');
});

test('GoRegexp.compile reports Go syntax errors as values', () => {
  const err = GoRegexp.compile('a{2,1}');
  assert.ok(err instanceof RegexpSyntaxError);
  assert.equal(err.message, 'error parsing regexp: invalid repeat count: `{2,1}`');
  assert.equal(err.expr, 'a{2,1}');
});

test('quoteMeta escapes exactly Go\'s metacharacters', () => {
  assert.equal(quoteMeta('a-b_c!@#'), 'a-b_c!@#');
  assert.equal(quoteMeta('\\.+*?()|[]{}^$'), '\\\\\\.\\+\\*\\?\\(\\)\\|\\[\\]\\{\\}\\^\\$');
});
