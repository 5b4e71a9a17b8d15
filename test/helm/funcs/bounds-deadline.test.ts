// Expensive calls check the render's deadline before they start (key generation, bcrypt, scrypt)
// or while they run (hashing, quoting, encoding, quadratic list work), so a chart calling them
// in a loop stops at the deadline instead of after every call: before, 100 x genPrivateKey held
// the process 104 s past a 5 s budget. Short timeouts keep the tests quick; the test timeouts
// only turn a regression into a failure instead of a hang; no duration is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RENDER_LIMITS } from '../../../helm/index.js';
import { limitOf, renderWithBudget, SHARED_LIST } from './bounds-helpers.js';

const GUARD = { timeout: 120_000 };

function assertDeadline(template: string, fn: string, timeoutMs: number): void {
  const { error } = renderWithBudget(template, { timeoutMs });
  assert.ok(error, `${fn}: expected an error`);
  assert.match(error.message, new RegExp(`executing "bounds/templates/x\\.yaml" at <${fn}[^>]*>: error calling ${fn}: rendering did not finish within ${timeoutMs} ms$`));
  assert.equal(limitOf(error)?.limit, 'RENDER_TIMEOUT');
}

test('100 x genPrivateKey stop at the default 5 s budget', GUARD, () => {
  assertDeadline('{{ range until 100 }}{{ genPrivateKey "rsa" | len }}{{ end }}', 'genPrivateKey', DEFAULT_RENDER_LIMITS.timeoutMs);
});

const loops: [string, string][] = [
  ['{{ range until 100000 }}{{ genPrivateKey "ecdsa" | len }}{{ end }}', 'genPrivateKey'],
  ['{{ range until 1000 }}{{ bcrypt "pw" }}{{ end }}', 'bcrypt'],
  ['{{ range until 1000 }}{{ htpasswd "user" "pw" }}{{ end }}', 'htpasswd'],
  ['{{ range until 1000 }}{{ derivePassword 1 "long" "pw" "user" "site" }}{{ end }}', 'derivePassword'],
  ['{{ range until 1000 }}{{ (genCA "ca" 365).Cert | len }}{{ end }}', 'genCA'],
  ['{{ range until 1000 }}{{ (genSelfSignedCert "c" nil nil 365).Cert | len }}{{ end }}', 'genSelfSignedCert'],
  ['{{ $ca := genCA "ca" 365 }}{{ range until 1000 }}{{ (genSignedCert "c" nil nil 365 $ca).Cert | len }}{{ end }}', 'genSignedCert'],
  ['{{ $s := repeat 60000000 "x" }}{{ range until 1000 }}{{ sha256sum $s }}{{ end }}', 'sha256sum'],
  ['{{ $s := repeat 60000000 "x" }}{{ range until 1000 }}{{ sha512sum $s }}{{ end }}', 'sha512sum'],
  ['{{ $s := repeat 60000000 "x" }}{{ range until 1000 }}{{ adler32sum $s }}{{ end }}', 'adler32sum'],
  ['{{ uniq (until 1000000) | len }}', 'uniq'],
  ['{{ toYaml (repeat 30000000 "x") | len }}', 'toYaml'],
  // a string with characters to escape: one with none is a single native scan (bounded by V8's
  // string length) that a fast machine finishes inside 300 ms, so it would not show the check
  ['{{ toJson (repeat 60000000 "<") | len }}', 'toJson'],
  ['{{ toToml (dict "a" (repeat 60000000 "x")) | len }}', 'toToml'],
  ['{{ quote (repeat 60000000 "x") | len }}', 'quote'],
  ['{{ regexReplaceAll "" (repeat 30000000 "a") "b" | len }}', 'regexReplaceAll'],
  ['{{ randAlphaNum 60000000 | len }}', 'randAlphaNum'],
];

for (const [template, fn] of loops) {
  test(`${template}: stops at the deadline`, GUARD, () => assertDeadline(template, fn, 300));
}

test('merging a map that shares its sub-maps into itself stops at the deadline', GUARD, () => {
  const shared = '{{ $m := dict "x" 1 }}{{ range until 60 }}{{ $m = dict "a" $m "b" $m }}{{ end }}';
  assertDeadline(`${shared}{{ $_ := merge $m $m }}`, 'merge', 300);
});

test('the shared list itself is cheap to build (the tests above measure the functions)', GUARD, () => {
  const { error } = renderWithBudget(`${SHARED_LIST(60)}n: {{ len $a }}`, { timeoutMs: 60_000 });
  assert.equal(error, undefined);
});
