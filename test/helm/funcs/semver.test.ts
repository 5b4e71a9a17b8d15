// Checks sprig's semver/semverCompare and the Masterminds/semver v3.3.0 port in helm/semver/:
//  - fixtures/b-semver.json: helm v3.17.3 output (`node scripts/record/funcs-b/record.mjs semver`);
//  - fixtures/semver-constraints.json: 13k constraint/version pairs answered by the
//    Masterminds/semver oracle, and by helm for hyphen ranges
//    (`node scripts/record/funcs-b/record-semver.mjs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { semverFuncs } from '../../../helm/funcs/semver.js';
import { Constraint, forceConstraintEngine, parseConstraint } from '../../../helm/semver/constraint.js';
import { parseVersion, SemverError, SemverVersion } from '../../../helm/semver/version.js';
import { checkDirect, checkEndToEnd, loadFixture } from './b-harness.js';
import { signatureMismatches } from './b-signatures.js';

const fixture = loadFixture('semver');

test('semver functions match helm when called directly', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('semver functions match helm through templates', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});

test('semver functions have sprig signatures', () => {
  assert.deepEqual(signatureMismatches(semverFuncs), []);
  assert.equal(semverFuncs.length, 2);
});

interface ConstraintFixture {
  cases: [string, string, 'valid' | 'invalid', string, string][];
}

const pairs = (JSON.parse(readFileSync(new URL('./fixtures/semver-constraints.json', import.meta.url), 'utf8')) as ConstraintFixture).cases;

// Short constraints run on V8's RegExp, long ones on RE2 (constraint.ts): every recorded case on
// each engine alone, and as the length decides.
for (const engine of ['by length', 'v8', 're2'] as const) {
test(`parseConstraint accepts and rejects exactly what Masterminds does, and check agrees (${engine})`, (t) => {
  forceConstraintEngine(engine === 'by length' ? undefined : engine);
  t.after(() => forceConstraintEngine(undefined));
  assert.ok(pairs.length >= 150);
  const failures: string[] = [];
  const constraints = new Map<string, Constraint | SemverError>();
  for (const [text, version, valid, result] of pairs) {
    let c = constraints.get(text);
    if (!c) constraints.set(text, (c = parseConstraint(text)));
    let got: string;
    if (c instanceof SemverError) got = 'invalid\t-';
    else if (version === '') got = 'valid\t-';
    else {
      const v = parseVersion(version);
      got = 'valid\t' + (v instanceof SemverError ? 'badversion' : String(c.check(v)));
    }
    if (got !== `${valid}\t${result}`) failures.push(`${JSON.stringify(text)} ${JSON.stringify(version)}: got ${got}, want ${valid}\t${result}`);
  }
  assert.deepEqual(failures, []);
});
}

// Masterminds' Validate applies the prerelease rule to every term (also `!=`), so it is
// stricter than Check: whatever it accepts, Check accepts; when it rejects, it gives reasons.
test('Constraint.validate is Check plus the prerelease rule for every operator', () => {
  for (const [text, version, valid, result] of pairs.slice(0, 4000)) {
    if (valid !== 'valid' || result === '-' || result === 'badversion') continue;
    const c = parseConstraint(text) as Constraint;
    const v = parseVersion(version) as SemverVersion;
    const r = c.validate(v);
    if (r.ok) assert.equal(result, 'true', `${text} ${version}`);
    if (result === 'true' && v.prerelease === '') assert.ok(r.ok, `${text} ${version}`);
    assert.equal(r.reasons.length === 0, r.ok);
  }
});

// Constraints.String() and Validate() reasons printed by Go's Masterminds/semver
// (scripts/record/funcs-b/semver-strings.go > fixtures/semver-strings.json).
test('Constraint.toString and validate reasons match Masterminds', () => {
  const rows = JSON.parse(readFileSync(new URL('./fixtures/semver-strings.json', import.meta.url), 'utf8')) as [string, string, string, boolean, string[]][];
  for (const [text, version, printed, ok, reasons] of rows) {
    const c = parseConstraint(text) as Constraint;
    assert.equal(c.toString(), printed, text);
    assert.deepEqual(c.validate(parseVersion(version) as SemverVersion), { ok, reasons }, text);
  }
});
