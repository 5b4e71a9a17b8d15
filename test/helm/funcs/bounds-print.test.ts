// print, printf and println of lists and maps reserve what they print to before printing: a list
// holding itself twice, doubled 60 times, is tiny in memory and prints to 2^60 elements (it ran
// until the wall clock or the heap stopped it). Bounded renders name the render limit; the
// helm-compatible unbounded path names V8's string limit instead of hanging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitOf, renderUnbounded, renderWithBudget, SHARED_LIST } from './bounds-helpers.js';

const GUARD = { timeout: 120_000 };
const SIZE_ONLY = { timeoutMs: 600_000 };

for (const call of ['print $a', 'printf "%v" $a', 'println $a', 'printf "%s-%d" "a" $a']) {
  test(`${call} of a 2^60-element shared list: refused before printing`, GUARD, () => {
    const template = `${SHARED_LIST(60)}{{ ${call} | len }}`;
    const bounded = renderWithBudget(template, SIZE_ONLY);
    assert.ok(bounded.error, 'expected an error');
    assert.match(bounded.error.message, /error calling print(f|ln)?: result would exceed the render limit of \d+ characters per string \(maxStringChars\)/);
    assert.equal(limitOf(bounded.error)?.limit, 'RENDER_STRING');
    const unbounded = renderUnbounded(template);
    assert.match(unbounded.error ?? '', /result would exceed the JavaScript engine's limit of 536870888 characters per string/);
  });
}

test('printing ordinary lists and maps is unchanged', GUARD, () => {
  const { doc, error } = renderWithBudget('a: {{ print (list 1 "a" (dict "k" "v")) | quote }}\nb: {{ printf "%v|%d" (list 2 3) 4 | quote }}\nc: {{ println (dict "x" (list)) | quote }}\n');
  assert.equal(error, undefined);
  // Expected as helm v3.17.3 printed it for this template.
  assert.equal(doc, 'a: "[1 a map[k:v]]"\nb: "[2 3]|4"\nc: "map[x:[]]\\n"');
});
