/**
 * Private keys as sprig handles them (crypto.go generatePrivateKey, pemBlockForKey,
 * parsePrivateKeyPEM, getPublicKey): RSA keys are written as PKCS#1 "RSA PRIVATE KEY", ECDSA
 * keys as SEC 1 "EC PRIVATE KEY", DSA keys in the OpenSSL "DSA PRIVATE KEY" layout
 * (version, p, q, g, y, x) and Ed25519 keys as PKCS#8 "PRIVATE KEY"; node:crypto does the
 * key generation and the arithmetic.
 */
import type { KeyObject } from 'node:crypto';
import { nodeCrypto } from '../on-demand.js';
import { bigintFrom, children, integer, oid, octetString, pemDecode, pemEncode, readElement, sequence } from './crypto-der.js';

/** A DSA key in sprig's DSAKeyFormat fields (Go cannot sign certificates with it). */
export interface DsaKey {
  readonly p: bigint;
  readonly q: bigint;
  readonly g: bigint;
  readonly y: bigint;
  readonly x: bigint;
}

/** A private key of one of the kinds Go's x509 and sprig know. */
export type PrivateKey =
  | { readonly kind: 'rsa' | 'ecdsa' | 'ed25519'; readonly key: KeyObject }
  | { readonly kind: 'x25519'; readonly key: KeyObject }
  | { readonly kind: 'dsa'; readonly dsa: DsaKey };

/** A failure with Go's error text. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

/** Curves Go's crypto/elliptic supports, by OpenSSL name. */
const GO_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1', 'secp224r1']);

/**
 * sprig genPrivateKey: "" or "rsa" (4096 bits), "dsa" (L2048N256), "ecdsa" (P-256) or
 * "ed25519", PEM encoded; any other type gives the text "Unknown type TYPE".
 */
export function generatePrivateKeyPem(type: string): string {
  switch (type) {
    case '':
    case 'rsa':
      return pemForKey({ kind: 'rsa', key: nodeCrypto().generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey });
    case 'dsa':
      return pemForKey({ kind: 'dsa', dsa: dsaFromKeyObject(nodeCrypto().generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey) });
    case 'ecdsa':
      return pemForKey({ kind: 'ecdsa', key: nodeCrypto().generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey });
    case 'ed25519':
      return pemForKey({ kind: 'ed25519', key: nodeCrypto().generateKeyPairSync('ed25519').privateKey });
    default:
      return 'Unknown type ' + type;
  }
}

/** A fresh 2048-bit RSA key (what genCA / genSelfSignedCert / genSignedCert create). */
export function generateRsa2048(): PrivateKey {
  return { kind: 'rsa', key: nodeCrypto().generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey };
}

/** sprig pemBlockForKey, PEM encoded. */
export function pemForKey(k: PrivateKey): string {
  switch (k.kind) {
    case 'rsa':
      return pemEncode('RSA PRIVATE KEY', new Uint8Array(k.key.export({ format: 'der', type: 'pkcs1' })));
    case 'ecdsa':
      return pemEncode('EC PRIVATE KEY', new Uint8Array(k.key.export({ format: 'der', type: 'sec1' })));
    case 'dsa': {
      const { p, q, g, y, x } = k.dsa;
      return pemEncode('DSA PRIVATE KEY', sequence(integer(0), integer(p), integer(q), integer(g), integer(y), integer(x)));
    }
    default:
      return pemEncode('PRIVATE KEY', new Uint8Array(k.key.export({ format: 'der', type: 'pkcs8' })));
  }
}

/** p, q, g and x from node's PKCS#8 DSA encoding; y = g^x mod p. */
function dsaFromKeyObject(key: KeyObject): DsaKey {
  const der = new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }));
  const top = children(readElement(der)!.element.content)!;
  const params = children(children(top[1]!.content)![1]!.content)!;
  const xElem = readElement(top[2]!.content)!.element;
  const [p, q, g] = params.map((e) => bigintFrom(e.content)) as [bigint, bigint, bigint];
  const x = bigintFrom(xElem.content);
  return { p, q, g, x, y: modPow(g, x, p) };
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

/**
 * sprig parsePrivateKeyPEM: the first PEM block must be "PRIVATE KEY" (PKCS#8) or
 * "RSA/EC/DSA PRIVATE KEY". Returns a KeyError with sprig's wording otherwise.
 */
export function parsePrivateKeyPem(text: string): PrivateKey | KeyError {
  const block = pemDecode(text);
  if (!block) return new KeyError('no PEM data in input');
  if (block.type === 'PRIVATE KEY') {
    const k = parsePkcs8(block.bytes);
    return k instanceof KeyError ? new KeyError(`decoding PEM as PKCS#8: ${k.message}`) : k;
  }
  if (!block.type.endsWith(' PRIVATE KEY')) return new KeyError(`no private key data in PEM block of type ${block.type}`);
  switch (block.type.slice(0, -' PRIVATE KEY'.length)) {
    case 'RSA': {
      const key = importKey(block.bytes, 'pkcs1');
      if (!key || key.asymmetricKeyType !== 'rsa') return new KeyError(`parsing RSA private key from PEM: ${wrongFormat(block.bytes, 'pkcs1')}`);
      return { kind: 'rsa', key };
    }
    case 'EC': {
      const key = importKey(block.bytes, 'sec1');
      if (!key || key.asymmetricKeyType !== 'ec') return new KeyError(`parsing EC private key from PEM: ${wrongFormat(block.bytes, 'sec1')}`);
      if (!GO_CURVES.has(key.asymmetricKeyDetails?.namedCurve ?? '')) return new KeyError('parsing EC private key from PEM: x509: unknown elliptic curve');
      return { kind: 'ecdsa', key };
    }
    case 'DSA': {
      const dsa = parseDsa(block.bytes);
      return dsa ? { kind: 'dsa', dsa } : new KeyError(`parsing DSA private key from PEM: ${asn1OuterError(block.bytes, 'DSAKeyFormat')}`);
    }
    default:
      return new KeyError(`invalid private key type ${block.type}`);
  }
}

function importKey(der: Uint8Array, type: 'pkcs1' | 'sec1' | 'pkcs8'): KeyObject | undefined {
  try {
    return nodeCrypto().createPrivateKey({ key: Buffer.from(der), format: 'der', type });
  } catch {
    return undefined;
  }
}

/**
 * Go's error for DER that does not unmarshal into `structName`: its hints when the bytes are
 * a key in another encoding, else encoding/asn1's message for a bad outer SEQUENCE.
 */
function wrongFormat(der: Uint8Array, asked: 'pkcs1' | 'sec1'): string {
  if (asked === 'pkcs1') {
    if (importKey(der, 'sec1')) return 'x509: failed to parse private key (use ParseECPrivateKey instead for this key format)';
    if (importKey(der, 'pkcs8')) return 'x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)';
    return asn1OuterError(der, 'pkcs1PrivateKey');
  }
  if (importKey(der, 'pkcs8')) return 'x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)';
  if (importKey(der, 'pkcs1')) return 'x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)';
  return 'x509: failed to parse EC private key: ' + asn1OuterError(der, 'ecPrivateKey');
}

/** encoding/asn1's fieldParameters for a plain struct, as %+v prints them. */
const PLAIN_PARAMS = '{optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false}';

/**
 * encoding/asn1.Unmarshal's error when the outer element is not a well-formed SEQUENCE (the
 * usual failure for non-key bytes). Errors deeper inside a SEQUENCE are summarised.
 */
export function asn1OuterError(der: Uint8Array, structName: string): string {
  if (der.length < 2) return 'asn1: syntax error: truncated tag or length';
  const b0 = der[0]!;
  let offset = 1;
  let tag = b0 & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (;;) {
      if (offset >= der.length) return 'asn1: syntax error: truncated tag or length';
      const b = der[offset++]!;
      tag = tag * 128 + (b & 0x7f);
      if (!(b & 0x80)) break;
    }
    if (offset >= der.length) return 'asn1: syntax error: truncated tag or length';
  }
  const lb = der[offset++]!;
  let length = lb;
  if (lb & 0x80) {
    const n = lb & 0x7f;
    if (n === 0) return 'asn1: syntax error: indefinite length found (not DER)';
    length = 0;
    for (let i = 0; i < n; i++) {
      if (offset >= der.length) return 'asn1: syntax error: truncated tag or length';
      length = length * 256 + der[offset++]!;
    }
  }
  if (offset + length > der.length) return 'asn1: syntax error: data truncated';
  const cls = b0 >> 6;
  const compound = (b0 & 0x20) !== 0;
  if (cls !== 0 || tag !== 16 || !compound) {
    return `asn1: structure error: tags don't match (16 vs {class:${cls} tag:${tag} length:${length} isCompound:${compound}}) ${PLAIN_PARAMS} ${structName} @${offset}`;
  }
  return 'asn1: structure error: tags don\'t match';
}

const OID_NAMES: Record<string, string> = { dsa: '1.2.840.10040.4.1', ed448: '1.3.101.113', x448: '1.3.101.111', dh: '1.2.840.113549.1.3.1', 'rsa-pss': '1.2.840.113549.1.1.10' };

function parsePkcs8(der: Uint8Array): PrivateKey | KeyError {
  const key = importKey(der, 'pkcs8');
  if (!key) {
    if (importKey(der, 'sec1')) return new KeyError('x509: failed to parse private key (use ParseECPrivateKey instead for this key format)');
    if (importKey(der, 'pkcs1')) return new KeyError('x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)');
    return new KeyError(asn1OuterError(der, 'pkcs8'));
  }
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { kind: 'rsa', key };
    case 'ec':
      if (!GO_CURVES.has(key.asymmetricKeyDetails?.namedCurve ?? '')) return new KeyError('x509: failed to parse EC private key embedded in PKCS#8: x509: unknown elliptic curve');
      return { kind: 'ecdsa', key };
    case 'ed25519':
      return { kind: 'ed25519', key };
    case 'x25519':
      return { kind: 'x25519', key };
    default:
      return new KeyError(`x509: PKCS#8 wrapping contained private key with unknown algorithm: ${OID_NAMES[key.asymmetricKeyType ?? ''] ?? key.asymmetricKeyType}`);
  }
}

/** sprig's DSAKeyFormat: SEQUENCE { version, p, q, g, y, x }. */
function parseDsa(der: Uint8Array): DsaKey | undefined {
  const top = readElement(der);
  if (!top || top.element.tag !== 0x30) return undefined;
  const items = children(top.element.content);
  if (!items || items.length < 6 || items.some((e) => e.tag !== 0x02)) return undefined;
  const [, p, q, g, y, x] = items.map((e) => bigintFrom(e.content)) as [bigint, bigint, bigint, bigint, bigint, bigint];
  return { p, q, g, y, x };
}

/** The SubjectPublicKeyInfo DER of a key's public half; undefined for DSA (Go cannot marshal it). */
export function publicKeyInfo(k: PrivateKey): Uint8Array | undefined {
  if (k.kind === 'dsa') return undefined;
  return new Uint8Array(nodeCrypto().createPublicKey(k.key).export({ format: 'der', type: 'spki' }));
}

/** %T of the public key, for Go's "unsupported public key type" message. */
export function publicKeyGoType(k: PrivateKey): string {
  switch (k.kind) {
    case 'rsa':
      return '*rsa.PublicKey';
    case 'ecdsa':
      return '*ecdsa.PublicKey';
    case 'ed25519':
      return 'ed25519.PublicKey';
    case 'x25519':
      return '*ecdh.PublicKey';
    case 'dsa':
      return '*dsa.PublicKey';
  }
}

/** A PKCS#8 DSA encoding, so a parsed "DSA PRIVATE KEY" can be handed to node when needed. */
export function dsaToPkcs8(k: DsaKey): Uint8Array {
  return sequence(integer(0), sequence(oid('1.2.840.10040.4.1'), sequence(integer(k.p), integer(k.q), integer(k.g))), octetString(integer(k.x)));
}
