// Checks getHostByName against helm v3.17.3: `helm template` (DNS disabled) gives "" for any
// name (fixtures/b-network.json), and with --enable-dns sprig's lookup resolves through
// /etc/hosts and DNS and fails like Go for unknown names (fixtures/b-networkDns.json).
// Re-record: `node scripts/record/funcs-b/record.mjs network networkDns`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { dnsNetworkFuncs, lookupHostSync, networkFuncs } from '../../../helm/funcs/network.js';
import { checkDirect, checkEndToEnd, funcMap, loadFixture } from './b-harness.js';
import { signatureMismatches } from './b-signatures.js';

test('getHostByName without --enable-dns matches helm', () => {
  const fixture = loadFixture('network');
  assert.deepEqual(checkDirect(fixture), []);
  assert.deepEqual(checkEndToEnd(fixture), []);
});

test('getHostByName with --enable-dns matches helm', () => {
  const fixture = loadFixture('networkDns');
  const funcs = funcMap(dnsNetworkFuncs);
  assert.deepEqual(checkDirect(fixture, funcs), []);
  assert.deepEqual(checkEndToEnd(fixture, funcs), []);
});

test('lookupHostSync agrees with node:dns lookup', async () => {
  const expected = (await lookup('localhost', { all: true, verbatim: true })).map((a) => a.address);
  assert.deepEqual(lookupHostSync('localhost'), expected);
  assert.deepEqual(lookupHostSync('nonexistent.invalid'), []);
});

test('getHostByName has the sprig signature in both forms', () => {
  assert.deepEqual(signatureMismatches([...networkFuncs, ...dnsNetworkFuncs]), []);
});
