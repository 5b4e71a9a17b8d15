// Fuzzing --set* parsing (as helm's pkg/strvals/fuzz_test.go does): random input built from the
// parser's special characters must either parse or fail with a StrvalsError, never crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInto, parseIntoFile, parseIntoString, parseJson, parseLiteralInto, StrvalsError } from '../../../helm/chart/strvals.js';
import type { GoMap } from '../../../helm/template/value.js';
import { seededRandom } from '../../helpers/seeded-random.js';

const ALPHABET = ['a', 'b', '0', '1', '-', '=', ',', '.', '[', ']', '{', '}', '\\', ' ', '"', 'null', 'true', '9', ':', '\n'];


const parsers: [string, (s: string, dest: GoMap) => void][] = [
  ['set', parseInto],
  ['set-string', parseIntoString],
  ['set-json', parseJson],
  ['set-literal', parseLiteralInto],
  ['set-file', (s, dest) => parseIntoFile(s, dest, (p) => `content of ${p}`)],
];

for (const [kind, parse] of parsers) {
  test(`fuzz ${kind}: only StrvalsError escapes`, () => {
    const next = seededRandom(kind.length * 7919);
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
