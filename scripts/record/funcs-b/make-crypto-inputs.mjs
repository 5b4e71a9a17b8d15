#!/usr/bin/env node
// Generates the fixed keys and certificates that the crypto cases feed to helm and to our
// functions (inputs, not expected values), and writes them to ./crypto-inputs.json. Run once;
// re-running changes the inputs and so needs a re-record (node record.mjs crypto).
//
// Keys come from node:crypto in the encodings sprig accepts; the DSA key and the CA come from
// real helm (genPrivateKey "dsa", genCAWithKey) so they are exactly what sprig writes.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const helmBin = process.env.HELM_BIN ?? '/tmp/helm-bins/v3/helm';
const home = mkdtempSync(join(tmpdir(), 'funcs-b-inputs-'));

const pem = (key, type) => key.export({ format: 'pem', type });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const rsa2 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
const ec384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
const ed = generateKeyPairSync('ed25519').privateKey;

function helm(template, values) {
  const chart = join(home, 'chart');
  rmSync(chart, { recursive: true, force: true });
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: inputs\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'values.yaml'), JSON.stringify(values));
  writeFileSync(join(chart, 'templates', 'x.yaml'), template);
  const env = { ...process.env, HELM_CONFIG_HOME: join(home, 'c'), HELM_CACHE_HOME: join(home, 'k'), HELM_DATA_HOME: join(home, 'd') };
  const out = execFileSync(helmBin, ['template', 'rel', chart], { env, encoding: 'utf8' });
  return JSON.parse(/^v: (.*)$/m.exec(out)[1]);
}

const dsaKey = helm('v: {{ genPrivateKey "dsa" | toJson }}\n', {});
const ca = helm('v: {{ genCAWithKey "funcs-b-ca" 3650 .Values.k | toJson }}\n', { k: pem(rsa, 'pkcs1') });
const otherCa = helm('v: {{ genCAWithKey "funcs-b-other-ca" 3650 .Values.k | toJson }}\n', { k: pem(rsa2, 'pkcs1') });

const inputs = {
  rsaPkcs1: pem(rsa, 'pkcs1'),
  rsaPkcs8: pem(rsa, 'pkcs8'),
  rsa2Pkcs1: pem(rsa2, 'pkcs1'),
  ecSec1: pem(ec, 'sec1'),
  ecPkcs8: pem(ec, 'pkcs8'),
  ec384Sec1: pem(ec384, 'sec1'),
  edPkcs8: pem(ed, 'pkcs8'),
  dsaKey,
  caCert: ca.Cert,
  caKey: ca.Key,
  otherCaCert: otherCa.Cert,
  otherCaKey: otherCa.Key,
  publicKey: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'pem', type: 'spki' }),
};
writeFileSync(join(here, 'crypto-inputs.json'), JSON.stringify(inputs, null, 2) + '\n');
rmSync(home, { recursive: true, force: true });
process.stdout.write(`wrote ${join(here, 'crypto-inputs.json')}\n`);
