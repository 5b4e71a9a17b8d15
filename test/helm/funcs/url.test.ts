// Checks sprig's urlParse and urlJoin (url.go over Go's net/url) against helm v3.17.3 output
// recorded in fixtures/b-url.json (re-record: `node scripts/record/funcs-b/record.mjs url`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { urlFuncs } from '../../../helm/funcs/url.js';
import { checkDirect, checkEndToEnd, loadFixture } from './b-harness.js';
import { signatureMismatches } from './b-signatures.js';

const fixture = loadFixture('url');

test('url functions match helm when called directly', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('url functions match helm through templates', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});

test('url functions have sprig signatures', () => {
  assert.deepEqual(signatureMismatches(urlFuncs), []);
  assert.equal(urlFuncs.length, 2);
});
