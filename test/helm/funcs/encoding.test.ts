// Checks sprig's encoding and checksum functions against helm v3.17.3 output recorded in
// fixtures/b-encoding.json (re-record: `node scripts/record/funcs-b/record.mjs encoding`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, base32Encode, base64Decode, encodingFuncs } from '../../../helm/funcs/encoding.js';
import { goStringToBytes } from '../../../helm/template/gostring.js';
import { checkDirect, checkEndToEnd, loadFixture } from './b-harness.js';
import { signatureMismatches } from './b-signatures.js';

const fixture = loadFixture('encoding');

test('encoding functions match helm when called directly', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('encoding functions match helm through templates', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});

test('encoding functions have sprig signatures', () => {
  assert.deepEqual(signatureMismatches(encodingFuncs), []);
  assert.equal(encodingFuncs.length, 8);
});

test('base64 and base32 round-trip every byte value', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let n = 0; n <= 12; n++) {
    const bytes = all.subarray(100, 100 + n);
    assert.deepEqual(base64Decode(goStringToBytes(Buffer.from(bytes).toString('base64'))), bytes);
    assert.deepEqual(base32Decode(goStringToBytes(base32Encode(bytes))), bytes);
  }
});
