// Go strings as bytes (helm/template/gostring.ts) and complex128 printing, checked against what Go
// itself does: test/helm/template/fixtures/gostring.json, recorded by
// `go run scripts/record/gostring/main.go > test/helm/template/fixtures/gostring.json`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goToUpper, goTrimSpace } from '../../../helm/funcs/go-unicode.js';
import { sprint, sprintf } from '../../../helm/template/gofmt.js';
import {
  compareGoStrings, goByteLength, goRuneCount, goRunes, goStringFromBytes, goStringToBytes, invalidBytesAsRuneError,
  isValidUtf8String, normalizeGoString,
} from '../../../helm/template/gostring.js';
import { canBackquote, quote, quoteToASCII } from '../../../helm/template/strconv.js';
import { GoComplex } from '../../../helm/template/value.js';

interface StringCase {
  inB64: string;
  len: number;
  valid: boolean;
  runeCount: number;
  runes: number[];
  quote: string;
  quoteToASCII: string;
  canBackquote: boolean;
  sprintf: { format: string; outB64: string }[];
  toUpperB64: string;
  trimSpaceB64: string;
  jsonRoundTripB64: string;
}

interface PairCase {
  aB64: string;
  bB64: string;
  compare: number;
  concatRuneCount: number;
  concatQuote: string;
}

interface ComplexCase {
  format: string;
  args: [string, string][];
  out: string;
}

const fixture: { strings: StringCase[]; pairs: PairCase[]; complex: ComplexCase[] } = JSON.parse(
  readFileSync(new URL('./fixtures/gostring.json', import.meta.url), 'utf8'),
);

const bytesOf = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));
const goString = (b64: string): string => goStringFromBytes(bytesOf(b64));
const b64Of = (s: string): string => Buffer.from(goStringToBytes(s)).toString('base64');

test('bytes -> Go string -> bytes is the identity', () => {
  for (const c of fixture.strings) {
    assert.equal(b64Of(goString(c.inB64)), c.inB64, c.inB64);
  }
  // Every single byte and every pair of bytes, as well.
  for (let a = 0; a < 256; a++) {
    for (let b = 0; b < 256; b += a < 0x80 ? 37 : 1) {
      const bytes = Uint8Array.from([a, b]);
      assert.deepEqual(goStringToBytes(goStringFromBytes(bytes)), bytes, `${a} ${b}`);
    }
  }
});

test('len, utf8.ValidString, utf8.RuneCountInString and range runes match Go', () => {
  for (const c of fixture.strings) {
    const s = goString(c.inB64);
    assert.equal(goByteLength(s), c.len, `len ${c.inB64}`);
    assert.equal(isValidUtf8String(s), c.valid, `valid ${c.inB64}`);
    assert.equal(goRuneCount(s), c.runeCount, `runeCount ${c.inB64}`);
    assert.deepEqual(goRunes(s), c.runes, `runes ${c.inB64}`);
  }
});

test('strconv.Quote, QuoteToASCII and CanBackquote match Go', () => {
  for (const c of fixture.strings) {
    const s = goString(c.inB64);
    assert.equal(quote(s), c.quote, `quote ${c.inB64}`);
    assert.equal(quoteToASCII(s), c.quoteToASCII, `quoteToASCII ${c.inB64}`);
    assert.equal(canBackquote(s), c.canBackquote, `canBackquote ${c.inB64}`);
  }
});

test('fmt.Sprintf string verbs give the bytes Go gives', () => {
  const failures: string[] = [];
  for (const c of fixture.strings) {
    const s = goString(c.inB64);
    for (const f of c.sprintf) {
      const got = b64Of(sprintf(f.format, [s]));
      if (got !== f.outB64) failures.push(`${f.format} of ${c.inB64}: got ${got}, want ${f.outB64}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('strings.ToUpper, TrimSpace and the JSON round trip treat invalid bytes as Go does', () => {
  for (const c of fixture.strings) {
    const s = goString(c.inB64);
    assert.equal(b64Of(goToUpper(s)), c.toUpperB64, `upper ${c.inB64}`);
    assert.equal(b64Of(goTrimSpace(' ' + s + ' ')), c.trimSpaceB64, `trimSpace ${c.inB64}`);
    assert.equal(b64Of(invalidBytesAsRuneError(s)), c.jsonRoundTripB64, `json ${c.inB64}`);
  }
});

test('string order is byte order, and concatenated bytes form the runes Go sees', () => {
  const failures: string[] = [];
  for (const c of fixture.pairs) {
    const a = goString(c.aB64);
    const b = goString(c.bB64);
    if (Math.sign(compareGoStrings(a, b)) !== c.compare) failures.push(`compare ${c.aB64} ${c.bB64}`);
    if (goRuneCount(a + b) !== c.concatRuneCount) failures.push(`runeCount ${c.aB64}+${c.bB64}`);
    if (quote(a + b) !== c.concatQuote) failures.push(`quote ${c.aB64}+${c.bB64}: ${quote(a + b)} want ${c.concatQuote}`);
  }
  assert.deepEqual(failures, []);
});

test('normalizeGoString merges escapes that spell a character', () => {
  const joined = goStringFromBytes(Uint8Array.from([0xc3])) + goStringFromBytes(Uint8Array.from([0xa9]));
  assert.notEqual(joined, 'é');
  assert.equal(normalizeGoString(joined), 'é');
  assert.equal(compareGoStrings(joined, 'é'), 0);
  assert.equal(sprint([joined]), 'é');
});

test('complex128 prints as Go fmt prints it', () => {
  const failures: string[] = [];
  for (const c of fixture.complex) {
    const args = c.args.map(([re, im]) => new GoComplex(Number(re), Number(im)));
    const got = c.format === '' ? sprint(args) : sprintf(c.format, args);
    if (got !== c.out) failures.push(`${c.format} ${JSON.stringify(c.args)}: got ${got}, want ${c.out}`);
  }
  assert.deepEqual(failures, []);
});
