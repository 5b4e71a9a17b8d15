/**
 * The RegExp engine handed to ajv keeps its contract: ajv deduplicates compiled patterns by
 * String(rx), so two patterns (or one pattern with two flag sets) must print differently, and
 * each compiled pattern must match by its own source.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goRegExpEngine } from '../../../helm/chart/schema-regex.js';
import { validateAgainstSingleSchema } from '../../../helm/chart/schema.js';
import { RegexpSyntaxError } from '../../../helm/funcs/regex-go.js';

test('compiled patterns print their source and flags, like RegExp', () => {
  const keys = ['^[a-z]+$', '^[0-9]+$', 'a/u', 'a'].flatMap((p) => ['', 'u'].map((f) => String(goRegExpEngine(p, f))));
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(String(goRegExpEngine('^a$', 'u')), String(new RegExp('^a$', 'u')));
});

test('each pattern matches by its own source (Go syntax, unanchored)', () => {
  const letters = goRegExpEngine('^[[:alpha:]]+$', 'u');
  const digits = goRegExpEngine('[0-9]', 'u');
  assert.equal(letters.test('abc'), true);
  assert.equal(letters.test('123'), false);
  assert.equal(digits.test('x1y'), true);
  assert.equal(digits.test('xy'), false);
});

test('a pattern Go cannot compile throws regexp.Compile\'s error', () => {
  assert.throws(() => goRegExpEngine('(?=a)', 'u'), RegexpSyntaxError);
});

test('two patterns in one schema are each checked by their own expression', () => {
  const schema = JSON.stringify({
    type: 'object',
    properties: { a: { type: 'string', pattern: '^[a-z]+$' }, b: { type: 'string', pattern: '^[0-9]+$' } },
  });
  const values = (a: string, b: string) => new Map<string, string>([['a', a], ['b', b]]);
  assert.equal(validateAgainstSingleSchema(values('abc', '123'), schema), '');
  // gojsonschema's wording, as helm prints it (see test/differential/cases/chart-schema-second-pattern-fails).
  assert.equal(validateAgainstSingleSchema(values('abc', 'abc'), schema), "- b: Does not match pattern '^[0-9]+$'\n");
});
