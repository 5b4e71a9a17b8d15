// Checks sprig's random string functions (goutils CryptoRandom*) and uuidv4 (google/uuid) for
// shape: length, alphabet, and that the alphabet is fully used; and the
// negative-count behaviour (goutils errors, sprig prints "").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomFuncs } from '../../../helm/funcs/random.js';
import { GoInt } from '../../../helm/template/value.js';
import { render } from './b-harness.js';
import { signatureMismatches } from './b-signatures.js';

const call = (name: string, n: number) => randomFuncs.find((f) => f.name === name)!.impl(GoInt.int(n)) as string;

const ALPHABETS: Record<string, RegExp> = {
  randAlpha: /^[A-Za-z]*$/,
  randAlphaNum: /^[A-Za-z0-9]*$/,
  randNumeric: /^[0-9]*$/,
  randAscii: /^[\x20-\x7e]*$/,
};
const SIZES: Record<string, number> = { randAlpha: 52, randAlphaNum: 62, randNumeric: 10, randAscii: 95 };

test('random strings have the requested length and sprig\'s alphabets', () => {
  for (const [name, alphabet] of Object.entries(ALPHABETS)) {
    for (const n of [0, 1, 7, 64]) {
      const s = call(name, n);
      assert.equal(s.length, n, name);
      assert.match(s, alphabet, name);
    }
    // 20000 draws reach every character of the alphabet.
    assert.equal(new Set(call(name, 20000)).size, SIZES[name], name);
    assert.equal(call(name, -1), '', `${name} of a negative count`);
  }
});

test('random strings through templates', () => {
  assert.match(render('{{ randAlphaNum 12 }}|{{ randNumeric 3 | len }}', new Map()), /^[A-Za-z0-9]{12}\|3$/);
});

test('uuidv4 prints a random version 4 UUID', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const a = randomFuncs.find((f) => f.name === 'uuidv4')!.impl() as string;
  assert.match(a, uuid);
  assert.notEqual(render('{{ uuidv4 }}', new Map()), a);
});

test('random functions have sprig signatures', () => {
  assert.deepEqual(signatureMismatches(randomFuncs), []);
  assert.equal(randomFuncs.length, 5);
});
