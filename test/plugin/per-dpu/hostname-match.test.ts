// hostnamePattern matching against Python's fnmatch.fnmatchcase, recorded into fixtures/fnmatch.json
// by scripts/record/jinja/record.py.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { matchHostname } from '../../../plugin/per-dpu/hostname-match.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/fnmatch.json', import.meta.url), 'utf8')) as { recordedWith: string; cases: { pattern: string; name: string; match: boolean }[] };

test('matches exactly what Python fnmatch.fnmatchcase matched', () => {
  assert.match(fixture.recordedWith, /fnmatch\.fnmatchcase/);
  const wrong = fixture.cases.filter((c) => matchHostname(c.pattern, c.name) !== c.match);
  assert.deepEqual(wrong, []);
  assert.ok(fixture.cases.length >= 100);
});

test('a pathological pattern still matches in linear time (RE2)', { timeout: 30_000 }, () => {
  assert.equal(matchHostname('*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000)), false);
});
