// helm/semver/constraint.ts matches short constraints with V8's RegExp and long ones with RE2
// (re2js). The recorded Masterminds cases run on each engine (funcs/semver.test.ts); here 20,000
// random texts over the characters constraints are made of must give the same result on both
// engines (accept or reject, the String() of what was parsed, and the error), and texts built to
// make a backtracking engine try every split of their whitespace are answered, on both engines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forceConstraintEngine, parseConstraint, V8_CONSTRAINT_MAX_LENGTH } from '../../helm/semver/constraint.js';

const ALPHABET = [' ', ' ', ' ', '\t', '\n', '\v', '\u00a0', ',', ',', '|', '||', '-', ' - ', '.', '+', 'v', 'a', 'x', 'X', '*', '0', '1', '1', '2', '9', '>', '<', '=', '!', '~', '^', '>=', '~>'];

/** mulberry32: the same texts on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function outcome(text: string, engine: 'v8' | 're2'): string {
  forceConstraintEngine(engine);
  try {
    const c = parseConstraint(text);
    return c instanceof Error ? `error: ${c.message}` : `ok: ${String(c)}`;
  } finally {
    forceConstraintEngine(undefined);
  }
}

test('20,000 random constraint texts: V8 and RE2 give the same result', () => {
  const next = random(20261207);
  const differ: string[] = [];
  let accepted = 0;
  for (let i = 0; i < 20_000; i++) {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    let text = '';
    if (i % 2 === 0) {
      // free text over the alphabet
      const parts = Math.floor(next() * 14);
      for (let k = 0; k < parts; k++) text += pick(ALPHABET);
    } else {
      // terms: operator, spaces, version parts, then a separator, with a stray character now and then
      const terms = 1 + Math.floor(next() * 4);
      for (let k = 0; k < terms; k++) {
        if (k > 0) text += pick([' ', '  ', ',', ', ', ' ,', ' || ', '||', ' - ', '\t']);
        text += pick(['', '', '=', '!=', '>', '<', '>=', '=>', '<=', '=<', '~', '~>', '^', '>>']);
        text += pick(['', '', ' ', '  ']);
        text += pick(['', 'v']) + pick(['1', '0', '12', 'x', '*', '1|2', 'a']);
        if (next() < 0.6) text += '.' + pick(['2', 'x', '*', '0', '']);
        if (next() < 0.4) text += '.' + pick(['3', 'X', '']);
        if (next() < 0.2) text += pick(['-beta', '-rc.1', '-', '+b.1', '-a+b']);
        if (next() < 0.05) text += pick(ALPHABET);
      }
    }
    const v8 = outcome(text, 'v8');
    const re2 = outcome(text, 're2');
    if (v8 !== re2) differ.push(`${JSON.stringify(text)}: v8 ${v8} / re2 ${re2}`);
    if (v8.startsWith('ok')) accepted++;
  }
  assert.deepEqual(differ.slice(0, 20), []);
  assert.ok(accepted > 1000, `only ${accepted} texts were valid constraints: the sample says little`);
});

test('whitespace-heavy texts that fail at the end are answered on both engines', { timeout: 60_000 }, () => {
  for (const gap of [1, 2, 3, 4, 6, 9]) {
    for (const sep of [' ', ', ', ' ,', '\t']) {
      let text = '1';
      while (text.length + sep.length * gap + 2 <= V8_CONSTRAINT_MAX_LENGTH) text += sep.repeat(gap) + '1';
      text += '!';
      assert.ok(text.length <= V8_CONSTRAINT_MAX_LENGTH);
      assert.equal(outcome(text, 'v8'), outcome(text, 're2'));
      assert.match(outcome(text, 'v8'), /^error: improper constraint/);
      // and longer than V8 ever sees, by length
      const long = text.slice(0, -1).repeat(50) + '!';
      assert.match(String(parseConstraint(long)), /improper constraint/);
    }
  }
});
