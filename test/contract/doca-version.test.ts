import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkDocaVersion, isValidDocaConstraint } from '../../contract/index.js';

/** Recorded from Masterminds/semver v3 (Go) by scripts/record/contract/doca-version.mjs. */
const oracle = JSON.parse(readFileSync(new URL('./fixtures/doca-version-oracle.json', import.meta.url), 'utf8')) as {
  cases: { constraint: string; valid: boolean }[];
};

test('the oracle fixture covers valid and invalid constraints', () => {
  assert.ok(oracle.cases.filter((c) => c.valid).length >= 20);
  assert.ok(oracle.cases.filter((c) => !c.valid).length >= 20);
});

for (const { constraint, valid } of oracle.cases) {
  test(`doca-version ${JSON.stringify(constraint)} is ${valid ? 'accepted' : 'rejected'} as Masterminds/semver does`, () => {
    assert.equal(isValidDocaConstraint(constraint), valid);
    const findings = checkDocaVersion(new Map([['dpu.nvidia.com/doca-version', constraint]]), { kind: 'Chart', name: 'c' });
    assert.equal(findings.length, valid ? 0 : 1);
    if (!valid) assert.equal(findings[0]?.detail?.problem, 'invalid');
  });
}

test('doca-version: missing annotation (nil map and empty object)', () => {
  const chart = { kind: 'Chart', name: 'c-0.1.0' };
  const expected = [
    { rule: 'doca-version', severity: 'error', object: chart, path: ['annotations', 'dpu.nvidia.com/doca-version'], detail: { problem: 'missing' } },
  ];
  assert.deepEqual(checkDocaVersion(undefined, chart), expected);
  assert.deepEqual(checkDocaVersion({}, chart), expected);
});

test('doca-version: the reason is Masterminds\' error text', () => {
  const [f] = checkDocaVersion({ 'dpu.nvidia.com/doca-version': 'latest' }, { kind: 'Chart' });
  assert.deepEqual(f?.detail, { problem: 'invalid', reason: 'improper constraint: latest' });
  assert.equal(f?.measured, 'latest');
});

test('dpf-annotation: other dpu.nvidia.com annotations warn; other domains do not', () => {
  const findings = checkDocaVersion(
    {
      'dpu.nvidia.com/doca-version': '>= 2.9',
      'dpu.nvidia.com/bfb-version': '1',
      'svc.dpu.nvidia.com/x': 'y',
      'example.com/dpu.nvidia.com': 'z',
      'notdpu.nvidia.com/a': 'b',
    },
    { kind: 'Chart' },
  );
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.detail?.key]),
    [
      ['dpf-annotation', 'warning', 'dpu.nvidia.com/bfb-version'],
      ['dpf-annotation', 'warning', 'svc.dpu.nvidia.com/x'],
    ],
  );
});
