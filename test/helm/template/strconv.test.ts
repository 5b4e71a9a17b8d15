// Checks helm/template/strconv.ts against Go's strconv output recorded by
// scripts/record/gofmt/main.go into fixtures/strconv.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  canBackquote,
  formatFloat,
  formatInt,
  isPrint,
  quote,
  quoteRune,
  quoteRuneToASCII,
  quoteToASCII,
  unquote,
  type FloatFormat,
} from '../../../helm/template/strconv.js';
import { GoError } from '../../../helm/template/value.js';

interface Fixture {
  recordedWith: string;
  cases: {
    formatFloat: { f: string; fmt: FloatFormat; prec: number; bitSize: 32 | 64; out: string }[];
    quote: { fn: string; in: string; out: string; err?: boolean }[];
    rune: { fn: string; in: number; out: string }[];
    formatInt: { v: string; base: number; out: string }[];
  };
}

const fixture: Fixture = JSON.parse(
  readFileSync(new URL('./fixtures/strconv.json', import.meta.url), 'utf8'),
);
const { cases } = fixture;

test('strconv fixture is a real recording with enough cases', () => {
  assert.match(fixture.recordedWith, /^go1\./);
  assert.ok(cases.formatFloat.length > 1000);
});

test('formatFloat matches Go strconv.FormatFloat', () => {
  const failures: string[] = [];
  for (const c of cases.formatFloat) {
    const got = formatFloat(Number(c.f), c.fmt, c.prec, c.bitSize);
    if (got !== c.out) failures.push(`FormatFloat(${c.f}, '${c.fmt}', ${c.prec}, ${c.bitSize}) = ${got}, want ${c.out}`);
  }
  assert.deepEqual(failures, []);
});

test('formatFloat: shortest forms and half-even rounding', () => {
  assert.equal(formatFloat(1e6, 'g', -1, 64), '1e+06');
  assert.equal(formatFloat(123456, 'g', -1, 64), '123456');
  assert.equal(formatFloat(2.5, 'f', 0, 64), '2');
  assert.equal(formatFloat(0.5, 'f', 0, 64), '0');
  assert.equal(formatFloat(1.5, 'f', 0, 64), '2');
});

test('quote, quoteToASCII, canBackquote and unquote match Go', () => {
  for (const c of cases.quote) {
    switch (c.fn) {
      case 'quote':
        assert.equal(quote(c.in), c.out, `Quote(${JSON.stringify(c.in)})`);
        break;
      case 'quoteToASCII':
        assert.equal(quoteToASCII(c.in), c.out, `QuoteToASCII(${JSON.stringify(c.in)})`);
        break;
      case 'canBackquote':
        assert.equal(String(canBackquote(c.in)), c.out, `CanBackquote(${JSON.stringify(c.in)})`);
        break;
      case 'unquote':
        if (c.err) {
          assert.throws(() => unquote(c.in), (e: unknown) => e instanceof GoError && e.message === 'invalid syntax',
            `Unquote(${JSON.stringify(c.in)}) should fail`);
        } else {
          assert.equal(unquote(c.in), c.out, `Unquote(${JSON.stringify(c.in)})`);
        }
        break;
      default:
        assert.fail(`unknown fixture function ${c.fn}`);
    }
  }
});

test('quoteRune, quoteRuneToASCII and isPrint match Go', () => {
  for (const c of cases.rune) {
    const got = c.fn === 'quoteRune' ? quoteRune(c.in) : c.fn === 'quoteRuneToASCII' ? quoteRuneToASCII(c.in) : String(isPrint(c.in));
    assert.equal(got, c.out, `${c.fn}(${c.in})`);
  }
});

test('formatInt matches Go strconv.FormatInt', () => {
  for (const c of cases.formatInt) {
    assert.equal(formatInt(BigInt(c.v), c.base), c.out, `FormatInt(${c.v}, ${c.base})`);
  }
  assert.throws(() => formatInt(1n, 1), RangeError);
});

test('quote escapes exactly the runes helm considers unprintable (Go Unicode tables)', () => {
  const recorded: { recordedWith: string; samples: { cp: number; q: string }[] } = JSON.parse(
    readFileSync(new URL('./fixtures/unicode-print.json', import.meta.url), 'utf8'),
  );
  assert.match(recorded.recordedWith, /^v3\.17\.3 /);
  const failures = recorded.samples
    .filter((s) => quote(String.fromCodePoint(s.cp)) !== s.q)
    .map((s) => `U+${s.cp.toString(16)}: ${quote(String.fromCodePoint(s.cp))}, want ${s.q}`);
  assert.deepEqual(failures, []);
  assert.ok(recorded.samples.length > 2000);
});
