// Checks the strconv-level parsing and formatting in helm/funcs/cast.ts against Go's strconv,
// recorded in fixtures/strconv.json by scripts/record/funcs-a/strconv/main.go. (The cast rules
// built on them are checked through helm in conversion/math.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { atoi, parseFloat64, parseInt64, toString } from '../../../helm/funcs/cast.js';

interface IntCase {
  in: string;
  base: number;
  value: string;
  err?: 'syntax' | 'range';
}

const fixture: {
  recordedWith: string;
  parseInt: IntCase[];
  atoi: IntCase[];
  parseFloat: { in: string; value: string; err?: string }[];
  formatFloatF: { bits: string; out: string }[];
} = JSON.parse(readFileSync(new URL('./fixtures/strconv.json', import.meta.url), 'utf8'));

/** A float64 from Go's FormatFloat(v, 'g', -1, 64) text. */
function goFloat(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

function float64FromBits(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(bits));
  return view.getFloat64(0);
}

test('fixture is a Go strconv recording', () => {
  assert.match(fixture.recordedWith, /^go1\.\d+/);
  assert.ok(fixture.parseInt.length > 100 && fixture.parseFloat.length > 40);
});

test('parseInt64 matches strconv.ParseInt (bases 0, 8, 10): value and error kind', () => {
  const failures = fixture.parseInt
    .map((c) => ({ c, got: parseInt64(c.in, c.base) }))
    .filter(({ c, got }) => got.value.toString() !== c.value || got.error !== c.err)
    .map(({ c, got }) => `ParseInt(${JSON.stringify(c.in)}, ${c.base}) = ${got.value} ${got.error ?? ''}, want ${c.value} ${c.err ?? ''}`);
  assert.deepEqual(failures, []);
});

test('atoi returns what strconv.Atoi returns, even on error', () => {
  const failures = fixture.atoi.filter((c) => atoi(c.in).toString() !== c.value).map((c) => `Atoi(${JSON.stringify(c.in)}) = ${atoi(c.in)}, want ${c.value}`);
  assert.deepEqual(failures, []);
});

test('parseFloat64 matches strconv.ParseFloat, undefined where Go reports an error', () => {
  const failures: string[] = [];
  for (const c of fixture.parseFloat) {
    const got = parseFloat64(c.in);
    const ok = c.err ? got === undefined : got !== undefined && Object.is(got, goFloat(c.value));
    if (!ok) failures.push(`ParseFloat(${JSON.stringify(c.in)}) = ${got}, want ${c.value} ${c.err ?? ''}`);
  }
  assert.deepEqual(failures, []);
});

test("toString formats floats as cast.ToString does (strconv 'f', -1)", () => {
  const failures = fixture.formatFloatF
    .map((c) => ({ c, got: toString(float64FromBits(c.bits)) }))
    .filter(({ c, got }) => got !== c.out)
    .map(({ c, got }) => `${c.bits}: ${got}, want ${c.out}`);
  assert.deepEqual(failures, []);
});
