// Every hostile function call replays through renderChart with its default budget and must end
// with a clean, helm-style error naming the limit, long before it could allocate gigabytes
// (before the render bounds, `until 1000000000` aborted the process with a V8 fatal error).
// The size limits are the defaults; the clock is set far (SIZE_ONLY) so that a loaded machine
// cannot turn a size error into a timeout (deadline.test.ts covers the clock). The test timeouts
// only turn a regression into a failure instead of a hang; no duration is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RENDER_LIMITS } from '../../../helm/index.js';
import { limitOf, renderWithBudget, SHARED_LIST } from './bounds-helpers.js';

const GUARD = { timeout: 120_000 };
const SIZE_ONLY = { timeoutMs: 600_000 };
const { maxStringChars, maxListElements, maxAllocation } = DEFAULT_RENDER_LIMITS;
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const LIST_LIMIT = `the render limit of ${maxListElements} elements per list (maxListElements)`;
const STRING_LIMIT = `the render limit of ${maxStringChars} characters per string (maxStringChars)`;

/** Renders the template and checks the failing function, the message tail and the limit's name. */
function assertLimit(template: string, fn: string, tail: string, limit: string): void {
  const { error } = renderWithBudget(template, SIZE_ONLY);
  assert.ok(error, `${fn}: expected an error`);
  assert.match(error.message, new RegExp(`^template: bounds/templates/x\\.yaml:\\d+:\\d+: executing "bounds/templates/x\\.yaml" at <${esc(fn)}[^>]*>: error calling ${esc(fn)}: ${esc(tail)}$`));
  assert.equal(limitOf(error)?.limit, limit);
}

const listCases: [string, string, number][] = [
  ['{{ until 1000000000 | len }}', 'until', 1000000000],
  ['{{ range until 100000000 }}x{{ end }}', 'until', 100000000],
  ['{{ until -5000000 | len }}', 'until', 5000000],
  ['{{ untilStep 0 1000000000 1 | len }}', 'untilStep', 1000000000],
  ['{{ seq 1 100000000 }}', 'seq', 100000000],
  ['{{ splitList "" (repeat 2000000 "x") | len }}', 'splitList', 2000000],
  ['{{ split "," (repeat 2000000 ",") | len }}', 'split', 2000001],
  ['{{ splitn "," 5000000 (repeat 2000000 ",") | len }}', 'splitn', 2000001],
];

for (const [template, fn, count] of listCases) {
  test(`${template}: list size checked before it is built`, GUARD, () => {
    assertLimit(template, fn, `result of ${count} elements exceeds ${LIST_LIMIT}`, 'RENDER_LIST');
  });
}

const stringCases: [string, string, number][] = [
  ['{{ repeat 100000000 "x" | len }}', 'repeat', 100000000],
  ['{{ indent 100000 (repeat 100000 "x\\n") | len }}', 'indent', 100000 * 2 + 100001 * 100000],
  ['{{ nindent 100000 (repeat 100000 "x\\n") | len }}', 'nindent', 100000 * 2 + 100001 * 100000],
  ['{{ replace "a" (repeat 1000 "b") (repeat 100000 "a") | len }}', 'replace', 100000 * 1000],
  ['{{ replace "" (repeat 1000 "b") (repeat 100000 "a") | len }}', 'replace', 100000 + 100001 * 1000],
  ['{{ join (repeat 1000 "x") (until 100000) | len }}', 'join', 99999 * 1000 + 10 + 90 * 2 + 900 * 3 + 9000 * 4 + 90000 * 5],
  ['{{ $s := repeat 40000000 "x" }}{{ cat $s $s | len }}', 'cat', 80000001],
  ['{{ b64enc (repeat 60000000 "x") | len }}', 'b64enc', 80000000],
  ['{{ b32enc (repeat 50000000 "x") | len }}', 'b32enc', 80000000],
  ['{{ randAlphaNum 100000000 | len }}', 'randAlphaNum', 100000000],
  ['{{ randAscii 100000000 | len }}', 'randAscii', 100000000],
  ['{{ randBytes 100000000 | len }}', 'randBytes', 133333336],
];

for (const [template, fn, chars] of stringCases) {
  test(`${template}: string size checked before it is built`, GUARD, () => {
    assertLimit(template, fn, `result of ${chars} characters exceeds ${STRING_LIMIT}`, 'RENDER_STRING');
  });
}

test('quote refuses what cannot fit before its slow escaping', GUARD, () => {
  assertLimit('{{ $s := repeat 40000000 "x" }}{{ quote $s $s | len }}', 'quote', `result would exceed ${STRING_LIMIT}`, 'RENDER_STRING');
});

test('toYaml of 70k values of 1 KB fails before encoding', GUARD, () => {
  const template = '{{ $d := dict }}{{ range $i := until 70000 }}{{ $_ := set $d (print $i) (repeat 1024 "v") }}{{ end }}{{ toYaml $d | len }}';
  assertLimit(template, 'toYaml', `result would exceed ${STRING_LIMIT}`, 'RENDER_STRING');
});

// 2^60 leaves: encoding or printing it would never end.
for (const fn of ['toYaml', 'toYamlPretty', 'toJson', 'toPrettyJson', 'toRawJson', 'mustToJson', 'mustToPrettyJson', 'mustToRawJson', 'toToml', 'toString', 'toStrings', 'toDecimal', 'cat', 'squote']) {
  test(`${fn} of a list sharing its sub-lists fails before encoding`, GUARD, () => {
    assertLimit(`${SHARED_LIST(60)}{{ ${fn} $a | len }}`, fn, `result would exceed ${STRING_LIMIT}`, 'RENDER_STRING');
  });
}

test('join of lists sharing their sub-lists fails before printing them', GUARD, () => {
  assertLimit(`${SHARED_LIST(60)}{{ join "," (list $a) | len }}`, 'join', `result would exceed ${STRING_LIMIT}`, 'RENDER_STRING');
});

test('deepCopy of a list sharing its sub-lists stops at maxListElements', GUARD, () => {
  const { error } = renderWithBudget(`${SHARED_LIST(60)}{{ deepCopy $a | len }}`, SIZE_ONLY);
  assert.match(error?.message ?? '', new RegExp(`error calling deepCopy: result of \\d+ elements exceeds ${esc(LIST_LIMIT)}$`));
  assert.equal(limitOf(error)?.limit, 'RENDER_LIST');
});

test('printing a list sharing its sub-lists stops at the output limit before printing', GUARD, () => {
  const { error } = renderWithBudget(`${SHARED_LIST(60)}{{ $a }}`, SIZE_ONLY);
  assert.equal(error?.message, `rendering produced more than ${DEFAULT_RENDER_LIMITS.maxOutputChars} characters of output`);
  assert.equal(limitOf(error)?.limit, 'RENDER_OUTPUT');
});

test('concat doubling a list stops at maxListElements', GUARD, () => {
  const { error } = renderWithBudget('{{ $l := until 1000 }}{{ range until 30 }}{{ $l = concat $l $l }}{{ end }}', SIZE_ONLY);
  assert.match(error?.message ?? '', new RegExp(`error calling concat: result of 2048000 elements exceeds ${esc(LIST_LIMIT)}$`));
});

test('regexFindAll and regexSplit count matches as they go', GUARD, () => {
  for (const fn of ['regexFindAll', 'regexSplit', 'mustRegexFindAll', 'mustRegexSplit']) {
    const { error } = renderWithBudget(`{{ ${fn} "" (repeat 2000000 "x") -1 | len }}`, SIZE_ONLY);
    assert.match(error?.message ?? '', new RegExp(`error calling ${fn}: result of \\d+ elements exceeds ${esc(LIST_LIMIT)}$`), fn);
  }
});

test('regexReplaceAll counts its output as it grows', GUARD, () => {
  for (const fn of ['regexReplaceAll', 'regexReplaceAllLiteral']) {
    const { error } = renderWithBudget(`{{ ${fn} "x" (repeat 1000000 "x") (repeat 100 "y") | len }}`, SIZE_ONLY);
    assert.match(error?.message ?? '', new RegExp(`error calling ${fn}: result of \\d+ characters exceeds ${esc(STRING_LIMIT)}$`), fn);
  }
});

test('wrapWith a long separator counts its output as it grows', GUARD, () => {
  const { error } = renderWithBudget('{{ wrapWith 1 (repeat 1000 "-") (repeat 200000 "a ") | len }}', SIZE_ONLY);
  assert.match(error?.message ?? '', new RegExp(`error calling wrapWith: result of \\d+ characters exceeds ${esc(STRING_LIMIT)}$`));
});

test('many large strings in one render stop at maxAllocation', GUARD, () => {
  const { error } = renderWithBudget('{{ range until 20 }}{{ $_ := repeat 60000000 "x" }}{{ end }}', SIZE_ONLY);
  assert.match(
    error?.message ?? '',
    new RegExp(`error calling repeat: building 60000000 more characters or elements would exceed the render limit of ${maxAllocation} in total \\(maxAllocation\\)$`),
  );
  assert.equal(limitOf(error)?.limit, 'RENDER_ALLOCATION');
});

test('limits set on renderChart replace the defaults', GUARD, () => {
  const { error } = renderWithBudget('{{ until 11 | len }}', { ...SIZE_ONLY, maxListElements: 10 });
  assert.match(error?.message ?? '', /error calling until: result of 11 elements exceeds the render limit of 10 elements per list \(maxListElements\)$/);
  const small = renderWithBudget('{{ repeat 11 "x" }}', { ...SIZE_ONLY, maxStringChars: 10 });
  assert.match(small.error?.message ?? '', /error calling repeat: result of 11 characters exceeds the render limit of 10 characters per string \(maxStringChars\)$/);
  const total = renderWithBudget('{{ repeat 6 "x" }}{{ repeat 6 "x" }}', { ...SIZE_ONLY, maxAllocation: 10 });
  assert.match(total.error?.message ?? '', /error calling repeat: building 6 more characters or elements would exceed the render limit of 10 in total \(maxAllocation\)$/);
});

test('snakecase of a long string is linear (it was cubic: 30k characters took 18 s)', GUARD, () => {
  const { error, doc } = renderWithBudget('n: {{ snakecase (repeat 100000 "ab") | len }}', SIZE_ONLY);
  assert.equal(error, undefined);
  assert.equal(doc, 'n: 200000');
});
