// Fuzzing --set* parsing (as helm's pkg/strvals/fuzz_test.go does): random input built from the
// parser's special characters must either parse or fail with a StrvalsError, never crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInto, parseIntoFile, parseIntoString, parseJson, parseLiteralInto, StrvalsError } from '../../../helm/chart/strvals.js';
import type { GoMap } from '../../../helm/template/value.js';

const ALPHABET = ['a', 'b', '0', '1', '-', '=', ',', '.', '[', ']', '{', '}', '\\', ' ', '"', 'null', 'true', '9', ':', '\n'];

/** mulberry32: a small deterministic PRNG. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const parsers: [string, (s: string, dest: GoMap) => void][] = [
  ['set', parseInto],
  ['set-string', parseIntoString],
  ['set-json', parseJson],
  ['set-literal', parseLiteralInto],
  ['set-file', (s, dest) => parseIntoFile(s, dest, (p) => `content of ${p}`)],
];

for (const [kind, parse] of parsers) {
  test(`fuzz ${kind}: only StrvalsError escapes`, () => {
    const next = rng(kind.length * 7919);
    for (let i = 0; i < 3000; i++) {
      const len = Math.floor(next() * 16);
      let input = '';
      for (let j = 0; j < len; j++) input += ALPHABET[Math.floor(next() * ALPHABET.length)];
      const dest: GoMap = new Map();
      try {
        parse(input, dest);
      } catch (e) {
        assert.ok(e instanceof StrvalsError, `${kind} ${JSON.stringify(input)} threw ${String(e)}`);
      }
    }
  });
}
