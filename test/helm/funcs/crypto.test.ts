// Checks sprig's crypto functions (crypto.go) against helm v3.17.3, recorded in
// fixtures/b-crypto.json (re-record: `node scripts/record/funcs-b/record.mjs crypto`):
//  - deterministic results and every error text, directly and through templates;
//  - `generated.encrypted`: ciphertexts made by helm's encryptAES, which our decryptAES must open;
//  - `generated.certs`: certificates helm made from fixed keys; ours from the same inputs must have
//    the same structure byte for byte (issuer, subject, key, extensions), differing only in
//    serial number, validity instant and signature.
// Random outputs (new keys, salts, IVs) are checked for shape with node:crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import bcryptjs from 'bcryptjs';
import { Certificate } from '../../../helm/funcs/crypto-certs.js';
import { children, pemDecode, readElement, type DerElement } from '../../../helm/funcs/crypto-der.js';
import { dsaToPkcs8, parsePrivateKeyPem } from '../../../helm/funcs/crypto-keys.js';
import { cryptoFuncs, decryptAES, encryptAES } from '../../../helm/funcs/crypto.js';
import { GoInt, type GoValue } from '../../../helm/template/value.js';
import { checkDirect, checkEndToEnd, loadFixture, render, valuesOf } from './b-harness.js';
import { signatureMismatches } from './b-signatures.js';

const fixture = loadFixture('crypto');
const values = valuesOf(fixture);
const inputs = fixture.values as Record<string, string>;
const generated = fixture.generated as {
  encrypted: { password: string; plaintext: string; ciphertext: string }[];
  certs: Record<string, { Cert: string; Key: string }>;
};
const fn = (name: string) => cryptoFuncs.find((f) => f.name === name)!.impl;
const int = (n: number) => GoInt.int(n);

test('crypto functions match helm when called directly', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('crypto functions match helm through templates', () => {
  // Types are checked by the direct test; rendering each (slow, scrypt-based) case once is enough.
  assert.deepEqual(checkEndToEnd(fixture, undefined, { checkTypes: false }), []);
});

test('crypto functions have sprig signatures', () => {
  assert.deepEqual(signatureMismatches(cryptoFuncs), []);
  assert.equal(cryptoFuncs.length, 14);
});

test('decryptAES opens ciphertexts made by helm', () => {
  for (const { password, plaintext, ciphertext } of generated.encrypted) assert.equal(decryptAES(password, ciphertext), plaintext);
});

test('encryptAES output is base64(IV || AES-CBC) that decryptAES opens', () => {
  for (const [password, plaintext] of [['k', 'a'], ['', 'sixteen bytes!!!'], ['long'.repeat(20), 'ünïcödé ✓ '.repeat(10)]] as const) {
    const c = encryptAES(password, plaintext);
    const raw = Buffer.from(c, 'base64');
    const padded = Math.floor(Buffer.byteLength(plaintext) / 16 + 1) * 16;
    assert.equal(raw.length, 16 + padded);
    assert.equal(decryptAES(password, c), plaintext);
    assert.notEqual(encryptAES(password, plaintext), c, 'a fresh IV each time');
  }
});

/** The parts of a certificate compared with helm's. */
function certParts(pem: string) {
  const der = pemDecode(pem)!.bytes;
  const [tbsEl, sigAlg] = children(readElement(der)!.element.content)!;
  const tbs = children(tbsEl!.content)!;
  const hex = (e: DerElement | undefined) => Buffer.from(e!.raw).toString('hex');
  const validity = children(tbs[4]!.content)!;
  const x509 = new X509Certificate(pem);
  return {
    fixed: {
      version: hex(tbs[0]),
      signature: hex(tbs[2]),
      issuer: hex(tbs[3]),
      validityTags: validity.map((e) => e.tag),
      validityDays: Math.round((Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / 86400000),
      subject: hex(tbs[5]),
      spki: hex(tbs[6]),
      extensions: hex(tbs[7]),
      outerSignature: hex(sigAlg),
    },
    serialBytes: tbs[1]!.content.length,
    x509,
  };
}

const CERT_TEMPLATES: Record<string, string> = {
  ca: 'genCAWithKey "funcs-b ca" 30 .Values.rsaPkcs1',
  signed: 'genSignedCertWithKey "leaf.example.com" .Values.ips .Values.dns 30 (buildCustomCert .Values.caCertB64 .Values.caKeyB64) .Values.ecSec1',
  sameName: 'genSignedCertWithKey "funcs-b-ca" nil nil 30 (buildCustomCert .Values.caCertB64 .Values.caKeyB64) .Values.ecSec1',
  selfSignedEd: 'genSelfSignedCertWithKey "ed" (list "1.2.3.4" "::ffff:5.6.7.8" "2001:db8::1") nil 30 .Values.edPkcs8',
  emptySubject: 'genSelfSignedCertWithKey "" nil (list "only.example") 30 .Values.ecSec1',
  utf8Subject: 'genSelfSignedCertWithKey "a*b&c é" nil nil 30 .Values.ecSec1',
  ec384Ca: 'genCAWithKey "p384" 30 .Values.ec384Sec1',
  longLived: 'genSelfSignedCertWithKey "long" nil nil 36500 .Values.ecSec1',
};

test('certificates have the structure helm gives them for the same keys and inputs', () => {
  for (const [name, expr] of Object.entries(CERT_TEMPLATES)) {
    const helm = generated.certs[name]!;
    const ours = JSON.parse(render(`{{ ${expr} | toJson }}`, values)) as { Cert: string; Key: string };
    assert.equal(ours.Key, helm.Key, `${name}: key PEM`);
    const a = certParts(ours.Cert);
    const b = certParts(helm.Cert);
    assert.deepEqual(a.fixed, b.fixed, `${name}: certificate structure`);
    assert.ok(a.serialBytes >= 1 && a.serialBytes <= 17, `${name}: 128-bit serial`);
    const issuerKey = name === 'signed' || name === 'sameName' ? inputs.caCert! : ours.Cert;
    assert.ok(a.x509.verify(new X509Certificate(issuerKey).publicKey), `${name}: signature verifies`);
  }
});

test('genPrivateKey writes each key type with sprig\'s PEM type', () => {
  const expect: [string, string, string][] = [
    ['ecdsa', 'EC PRIVATE KEY', 'ec'],
    ['ed25519', 'PRIVATE KEY', 'ed25519'],
    ['', 'RSA PRIVATE KEY', 'rsa'],
  ];
  for (const [type, pemType, keyType] of expect) {
    const pem = fn('genPrivateKey')(type) as string;
    assert.equal(pemDecode(pem)!.type, pemType);
    const key = createPrivateKey(pem);
    assert.equal(key.asymmetricKeyType, keyType);
    if (keyType === 'rsa') assert.equal(key.asymmetricKeyDetails?.modulusLength, 4096);
    if (keyType === 'ec') assert.equal(key.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  }
  const dsa = fn('genPrivateKey')('dsa') as string;
  assert.equal(pemDecode(dsa)!.type, 'DSA PRIVATE KEY');
  const parsed = parsePrivateKeyPem(dsa);
  assert.ok(!(parsed instanceof Error) && parsed.kind === 'dsa');
  const key = createPrivateKey({ key: Buffer.from(dsaToPkcs8(parsed.dsa)), format: 'der', type: 'pkcs8' });
  assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
  assert.equal(key.asymmetricKeyDetails?.divisorLength, 256);
});

test('genCA, genSelfSignedCert and genSignedCert make working RSA 2048 certificates', () => {
  const ca = fn('genCA')('my ca', int(365)) as Certificate;
  const caX = new X509Certificate(ca.cert);
  assert.equal(caX.subject, 'CN=my ca');
  assert.equal(caX.issuer, 'CN=my ca');
  assert.equal(caX.ca, true);
  assert.equal(pemDecode(ca.key)!.type, 'RSA PRIVATE KEY');
  assert.equal(createPrivateKey(ca.key).asymmetricKeyDetails?.modulusLength, 2048);
  assert.ok(caX.checkPrivateKey(createPrivateKey(ca.key)));
  const days = (Date.parse(caX.validTo) - Date.parse(caX.validFrom)) / 86400000;
  assert.equal(days, 365);

  const self = fn('genSelfSignedCert')('self.example', ['10.1.2.3'] as GoValue[], ['self.example', 'alt.example'] as GoValue[], int(10)) as Certificate;
  const selfX = new X509Certificate(self.cert);
  assert.equal(selfX.ca, false);
  assert.equal(selfX.subjectAltName, 'DNS:self.example, DNS:alt.example, IP Address:10.1.2.3');
  assert.ok(selfX.verify(selfX.publicKey));
  assert.ok(selfX.checkHost('alt.example'));

  const leaf = fn('genSignedCert')('leaf', null, ['leaf.example'] as GoValue[], int(5), ca) as Certificate;
  const leafX = new X509Certificate(leaf.cert);
  assert.equal(leafX.issuer, 'CN=my ca');
  assert.ok(leafX.checkIssued(caX));
  assert.ok(leafX.verify(caX.publicKey));
  assert.ok(leafX.checkPrivateKey(createPrivateKey(leaf.key)));
  assert.notEqual(leafX.serialNumber, caX.serialNumber);
  assert.equal(createPublicKey(leaf.key).export({ format: 'pem', type: 'spki' }), leafX.publicKey.export({ format: 'pem', type: 'spki' }));
});

test('bcrypt and htpasswd write Go-style $2a$10$ hashes of the password', () => {
  const hash = fn('bcrypt')('s3cret') as string;
  assert.match(hash, /^\$2a\$10\$[./A-Za-z0-9]{53}$/);
  assert.ok(bcryptjs.compareSync('s3cret', hash));
  const line = fn('htpasswd')('admin', 'pässword') as string;
  const [user, h] = line.split(/:(.*)/s) as [string, string];
  assert.equal(user, 'admin');
  assert.match(h, /^\$2a\$10\$/);
  assert.ok(bcryptjs.compareSync('pässword', h));
  assert.notEqual(fn('bcrypt')('s3cret'), hash, 'a fresh salt each time');
});

test('randBytes returns base64 of that many random bytes', () => {
  for (const n of [1, 16, 33]) {
    const s = fn('randBytes')(int(n)) as string;
    assert.equal(Buffer.from(s, 'base64').length, n);
    assert.equal(Buffer.from(s, 'base64').toString('base64'), s);
  }
});
