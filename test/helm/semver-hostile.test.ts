// Hostile version strings (a DPUService author writes spec.helmChart.source.version; a chart
// writes its Chart.yaml version) against the version pattern, now a V8 RegExp: megabyte-long
// texts that fail late are refused with Masterminds' message ("Invalid Semantic Version") and
// do not backtrack without end (the test's timeout guards; no duration is asserted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseVersion, SemverError } from '../../helm/semver/version.js';

const hostile = [
  '1'.repeat(1_000_000) + '!',
  '1-' + 'a.'.repeat(500_000) + '!',
  'v1.2.3-' + 'a-'.repeat(500_000) + '+' + 'b.'.repeat(300_000) + '+',
  '1.' + '2'.repeat(1_000_000) + '.x',
];

test('megabyte version strings that fail at the end are refused, not backtracked for ever', { timeout: 60_000 }, () => {
  for (const text of hostile) {
    const r = parseVersion(text);
    assert.ok(r instanceof SemverError);
    assert.equal(r.message.startsWith('Invalid Semantic Version'), true);
  }
});

test('the same shapes, well formed, parse (groups as Masterminds reads them)', () => {
  const v = parseVersion('v1.2.3-' + 'a-'.repeat(1000) + 'z+' + 'b.'.repeat(1000) + 'c');
  assert.ok(!(v instanceof SemverError));
  assert.equal(v.major, 1n);
  assert.equal(v.prerelease, 'a-'.repeat(1000) + 'z');
  assert.equal(v.metadata, 'b.'.repeat(1000) + 'c');
});
