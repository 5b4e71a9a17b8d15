/**
 * sprig's certificate functions (crypto.go genCA, genSelfSignedCert, genSignedCert and their
 * *WithKey forms, buildCustomCert). Certificates are built the way Go 1.23's
 * x509.CreateCertificate builds them from sprig's template: v3, random 128-bit serial,
 * CN-only subject, NotBefore now and NotAfter now + days, key usage (critical), server and
 * client auth, basic constraints (critical), a SHA-1 subject key id on CAs, the CA's key id
 * as authority key id, then the SANs (DNS names before IPs). node:crypto signs.
 */
import { nodeCrypto } from '../on-demand.js';
import { GoStruct, NO_FIELD, type GoValue } from '../template/value.js';
import {
  bitString,
  boolean,
  children,
  explicit,
  goString,
  implicitPrimitive,
  integer,
  nullValue,
  octetString,
  oid,
  oidText,
  pemDecode,
  pemEncode,
  readElement,
  sequence,
  set,
  time,
} from './crypto-der.js';
import { KeyError, type PrivateKey, parsePrivateKeyPem, pemForKey, publicKeyGoType, publicKeyInfo } from './crypto-keys.js';
import { base64Decode } from './encoding.js';
import { goStringFromBytes, goStringToBytes } from '../template/gostring.js';
import { quote } from '../template/strconv.js';

/** sprig's `certificate` struct: PEM text of a certificate and of its private key. */
export class Certificate extends GoStruct {
  readonly goType = 'sprig.certificate';
  constructor(
    readonly cert: string,
    readonly key: string,
  ) {
    super();
  }
  fieldNames(): readonly string[] {
    return ['Cert', 'Key'];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    if (name === 'Cert') return this.cert;
    if (name === 'Key') return this.key;
    return NO_FIELD;
  }
}

/** A Go error from the certificate code, with sprig's wording. */
export class CertError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertError';
  }
}

/** What the template needs besides the key: CN, SANs, validity, CA or leaf. */
interface CertTemplate {
  readonly cn: string;
  readonly ips: readonly Uint8Array[];
  readonly dnsNames: readonly string[];
  readonly daysValid: number;
  readonly isCA: boolean;
}

/** The parts of a parent certificate CreateCertificate reads. */
interface Parent {
  readonly subject: Uint8Array;
  readonly subjectKeyId: Uint8Array | undefined;
  readonly publicKeyInfo: Uint8Array | undefined;
}

const OID_CN = '2.5.4.3';
const OID_KEY_USAGE = '2.5.29.15';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_SUBJECT_KEY_ID = '2.5.29.14';
const OID_AUTHORITY_KEY_ID = '2.5.29.35';
const OID_SAN = '2.5.29.17';
const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const OID_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/** pkix.Name{CommonName: cn}.ToRDNSequence(): empty when cn is "". */
function subjectName(cn: string): Uint8Array {
  return cn === '' ? sequence() : sequence(set(sequence(oid(OID_CN), goString(cn))));
}

const EMPTY_SUBJECT = subjectName('');

/** Go's signingParamsForKey: the algorithm identifier and node's digest for a signer key. */
function signingParams(k: PrivateKey): { algorithm: Uint8Array; digest: string | null } | CertError {
  switch (k.kind) {
    case 'rsa':
      return { algorithm: sequence(oid('1.2.840.113549.1.1.11'), nullValue()), digest: 'sha256' };
    case 'ecdsa': {
      const curve = k.key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'secp384r1') return { algorithm: sequence(oid('1.2.840.10045.4.3.3')), digest: 'sha384' };
      if (curve === 'secp521r1') return { algorithm: sequence(oid('1.2.840.10045.4.3.4')), digest: 'sha512' };
      return { algorithm: sequence(oid('1.2.840.10045.4.3.2')), digest: 'sha256' };
    }
    case 'ed25519':
      return { algorithm: sequence(oid('1.3.101.112')), digest: null };
    default:
      return new CertError('x509: certificate private key does not implement crypto.Signer');
  }
}

/** x509.CreateCertificate for sprig's template; returns the certificate DER. */
function createCertificate(t: CertTemplate, signee: PrivateKey, parent: Parent | 'self', signer: PrivateKey): Uint8Array | CertError {
  const params = signingParams(signer);
  if (params instanceof CertError) return params;
  const spki = publicKeyInfo(signee);
  if (spki === undefined) return new CertError(`x509: unsupported public key type: ${publicKeyGoType(signee)}`);
  const subject = subjectName(t.cn);
  const issuer = parent === 'self' ? subject : parent.subject;
  const parentKeyId = parent === 'self' ? undefined : parent.subjectKeyId;
  const authorityKeyId = !equalBytes(issuer, subject) && parentKeyId !== undefined && parentKeyId.length > 0 ? parentKeyId : undefined;
  // RFC 5280 method 1: SHA-1 of the subjectPublicKey bits (Go 1.23).
  const subjectKeyId = t.isCA ? new Uint8Array(nodeCrypto().createHash('sha1').update(subjectPublicKeyBits(spki)).digest()) : undefined;
  // A parsed parent's key must be the signer's (sprig's self-signed template carries no key).
  if (parent !== 'self' && parent.publicKeyInfo !== undefined && !equalBytes(parent.publicKeyInfo, publicKeyInfo(signer) ?? new Uint8Array())) {
    return new CertError("x509: provided PrivateKey doesn't match parent's PublicKey");
  }
  // marshalSANs: DNS names must be IA5 (ASCII).
  const nonAscii = t.dnsNames.find((d) => /[^\x00-\x7f]/.test(d));
  if (nonAscii !== undefined) return new CertError(`x509: ${quote(nonAscii)} cannot be encoded as an IA5String`);
  const now = Math.floor(Date.now() / 1000);
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(randomSerial()),
    params.algorithm,
    issuer,
    sequence(time(now), time(now + t.daysValid * 86400)),
    subject,
    spki,
    explicit(3, sequence(...extensions(t, equalBytes(subject, EMPTY_SUBJECT), authorityKeyId, subjectKeyId))),
  );
  const signature = signer.kind === 'dsa' ? new Uint8Array() : new Uint8Array(nodeCrypto().sign(params.digest, tbs, signer.key));
  return sequence(tbs, params.algorithm, bitString(signature));
}

/** rand.Int(rand.Reader, 2^128). */
function randomSerial(): bigint {
  let n = 0n;
  for (const b of nodeCrypto().randomBytes(16)) n = (n << 8n) | BigInt(b);
  return n;
}

/** Go's buildCertExtensions order for sprig's template. */
function extensions(t: CertTemplate, subjectIsEmpty: boolean, authorityKeyId: Uint8Array | undefined, subjectKeyId: Uint8Array | undefined): Uint8Array[] {
  const ext = (id: string, critical: boolean, value: Uint8Array) =>
    critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
  // KeyEncipherment | DigitalSignature (| CertSign for a CA), bits reversed into a BIT STRING.
  const keyUsage = t.isCA ? bitString(Uint8Array.of(0xa4), 2) : bitString(Uint8Array.of(0xa0), 5);
  const out = [
    ext(OID_KEY_USAGE, true, keyUsage),
    ext(OID_EXT_KEY_USAGE, false, sequence(oid(OID_SERVER_AUTH), oid(OID_CLIENT_AUTH))),
    ext(OID_BASIC_CONSTRAINTS, true, t.isCA ? sequence(boolean(true)) : sequence()),
  ];
  if (subjectKeyId) out.push(ext(OID_SUBJECT_KEY_ID, false, octetString(subjectKeyId)));
  if (authorityKeyId) out.push(ext(OID_AUTHORITY_KEY_ID, false, sequence(implicitPrimitive(0, authorityKeyId))));
  if (t.dnsNames.length > 0 || t.ips.length > 0) {
    const names = [...t.dnsNames.map((d) => implicitPrimitive(2, goStringToBytes(d))), ...t.ips.map((ip) => implicitPrimitive(7, ip))];
    out.push(ext(OID_SAN, subjectIsEmpty, sequence(...names)));
  }
  return out;
}

/** The BIT STRING contents of a SubjectPublicKeyInfo, without the unused-bits byte. */
function subjectPublicKeyBits(spki: Uint8Array): Uint8Array {
  const parts = children(readElement(spki)!.element.content)!;
  return parts[1]!.content.subarray(1);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** sprig getCertAndKey: the certificate and the signee key, both PEM encoded. */
function certAndKey(t: CertTemplate, signee: PrivateKey, parent: Parent | 'self', signer: PrivateKey): Certificate | CertError {
  const der = createCertificate(t, signee, parent, signer);
  if (der instanceof CertError) return new CertError(`error creating certificate: ${der.message}`);
  return new Certificate(pemEncode('CERTIFICATE', der), pemForKey(signee));
}

/** Reads what CreateCertificate needs from a parent certificate's DER. */
function parseParent(der: Uint8Array): Parent | undefined {
  try {
    new (nodeCrypto().X509Certificate)(Buffer.from(der));
  } catch {
    return undefined;
  }
  const tbs = children(children(readElement(der)!.element.content)![0]!.content)!;
  const offset = tbs[0]!.tag === 0xa0 ? 1 : 0;
  const subject = tbs[offset + 4]!.raw;
  const spki = tbs[offset + 5]!.raw;
  let subjectKeyId: Uint8Array | undefined;
  const extBlock = tbs.find((e) => e.tag === 0xa3);
  if (extBlock) {
    for (const e of children(readElement(extBlock.content)!.element.content) ?? []) {
      const parts = children(e.content) ?? [];
      if (parts[0] && oidText(parts[0].content) === OID_SUBJECT_KEY_ID) {
        subjectKeyId = readElement(parts[parts.length - 1]!.content)?.element.content;
      }
    }
  }
  return { subject: new Uint8Array(subject), subjectKeyId, publicKeyInfo: new Uint8Array(spki) };
}

/** Go's net.ParseIP (IPv4 dotted quads without leading zeros, IPv6 with an embedded IPv4). */
export function parseIP(s: string): Uint8Array | undefined {
  const v4 = parseIPv4(s);
  if (v4) return v4;
  return parseIPv6(s);
}

function parseIPv4(s: string): Uint8Array | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p[0] === '0') || Number(p) > 255) return undefined;
    out[i] = Number(p);
  }
  return out;
}

function parseIPv6(s: string): Uint8Array | undefined {
  const out = new Uint8Array(16);
  let ellipsis = -1;
  let i = 0;
  let j = 0;
  if (s.startsWith('::')) {
    ellipsis = 0;
    i = 2;
    if (i === s.length) return out;
  }
  while (i < s.length) {
    const m = /^[0-9a-fA-F]{1,4}/.exec(s.slice(i));
    if (!m) return undefined;
    // An embedded IPv4 address ends the text.
    if (s[i + m[0].length] === '.') {
      if (ellipsis < 0 && j !== 12) return undefined;
      if (j + 4 > 16) return undefined;
      const v4 = parseIPv4(s.slice(i));
      if (!v4) return undefined;
      out.set(v4, j);
      j += 4;
      i = s.length;
      break;
    }
    const n = parseInt(m[0], 16);
    out[j] = n >> 8;
    out[j + 1] = n & 0xff;
    j += 2;
    i += m[0].length;
    if (i === s.length) break;
    if (s[i] !== ':' || i + 1 === s.length) return undefined;
    i++;
    if (s[i] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = j;
      i++;
      if (i === s.length) break;
    }
    if (j === 16) return undefined;
  }
  if (i !== s.length) return undefined;
  if (j < 16) {
    if (ellipsis < 0) return undefined;
    const tail = out.slice(ellipsis, j);
    out.fill(0, ellipsis);
    out.set(tail, 16 - tail.length);
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return out;
}

/** net.IP.To4 when it is an IPv4(-mapped) address: Go writes 4 bytes into the SAN then. */
function sanIP(ip: Uint8Array): Uint8Array {
  if (ip.length === 4) return ip;
  const mapped = ip.subarray(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
  return mapped ? ip.slice(12) : ip;
}

/** sprig getNetIPs / getAlternateDNSStrs: every element must be a string. */
function templateFor(cn: string, ips: readonly GoValue[] | null, dns: readonly GoValue[] | null, daysValid: number, isCA: boolean, formatValue: (v: GoValue) => string): CertTemplate | CertError {
  const parsedIPs: Uint8Array[] = [];
  for (const ip of ips ?? []) {
    if (typeof ip !== 'string') return new CertError(`error parsing ip: ${formatValue(ip)} is not a string`);
    const parsed = parseIP(ip);
    if (!parsed) return new CertError(`error parsing ip: ${ip}`);
    parsedIPs.push(sanIP(parsed));
  }
  const dnsNames: string[] = [];
  for (const d of dns ?? []) {
    if (typeof d !== 'string') return new CertError(`error processing alternate dns name: ${formatValue(d)} is not a string`);
    dnsNames.push(d);
  }
  return { cn, ips: parsedIPs, dnsNames, daysValid, isCA };
}

/** The operations behind sprig's gen* functions, independent of template value conversion. */
export interface CertRequest {
  cn: string;
  ips: readonly GoValue[] | null;
  dnsNames: readonly GoValue[] | null;
  daysValid: number;
  /** A PEM private key to use instead of a fresh RSA 2048 key. */
  keyPem?: string;
  /** %v of a non-string SAN element, for the error text. */
  formatValue: (v: GoValue) => string;
}

function keyFor(req: CertRequest, fresh: () => PrivateKey): PrivateKey | CertError {
  if (req.keyPem === undefined) return fresh();
  const k = parsePrivateKeyPem(req.keyPem);
  return k instanceof KeyError ? new CertError(`parsing private key: ${k.message}`) : k;
}

/** sprig genCA / genCAWithKey. */
export function generateCA(req: CertRequest, fresh: () => PrivateKey): Certificate | CertError {
  const key = keyFor(req, fresh);
  if (key instanceof CertError) return key;
  const t = templateFor(req.cn, null, null, req.daysValid, true, req.formatValue);
  if (t instanceof CertError) return t;
  return certAndKey(t, key, 'self', key);
}

/** sprig genSelfSignedCert / genSelfSignedCertWithKey. */
export function generateSelfSigned(req: CertRequest, fresh: () => PrivateKey): Certificate | CertError {
  const key = keyFor(req, fresh);
  if (key instanceof CertError) return key;
  const t = templateFor(req.cn, req.ips, req.dnsNames, req.daysValid, false, req.formatValue);
  if (t instanceof CertError) return t;
  return certAndKey(t, key, 'self', key);
}

/** sprig genSignedCert / genSignedCertWithKey: signed by `ca`. */
export function generateSigned(req: CertRequest, ca: Certificate, fresh: () => PrivateKey): Certificate | CertError {
  const key = keyFor(req, fresh);
  if (key instanceof CertError) return key;
  const block = pemDecode(ca.cert);
  if (!block) return new CertError('unable to decode certificate');
  const parent = parseParent(block.bytes);
  if (!parent) return new CertError('error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate');
  const signer = parsePrivateKeyPem(ca.key);
  if (signer instanceof KeyError) return new CertError(`error parsing private key: ${signer.message}`);
  const t = templateFor(req.cn, req.ips, req.dnsNames, req.daysValid, false, req.formatValue);
  if (t instanceof CertError) return t;
  return certAndKey(t, key, parent, signer);
}

/** sprig buildCustomCert: base64 PEM certificate and key, checked, returned as given. */
export function buildCustomCertificate(b64cert: string, b64key: string): Certificate | CertError {
  const cert = base64Decode(goStringToBytes(b64cert));
  if (!(cert instanceof Uint8Array)) return new CertError('unable to decode base64 certificate');
  const key = base64Decode(goStringToBytes(b64key));
  if (!(key instanceof Uint8Array)) return new CertError('unable to decode base64 private key');
  const certText = goStringFromBytes(cert);
  const keyText = goStringFromBytes(key);
  const block = pemDecode(certText);
  if (!block) return new CertError('unable to decode certificate');
  if (!parseParent(block.bytes)) return new CertError('error parsing certificate: decodedCert.Bytes: x509: malformed certificate');
  const k = parsePrivateKeyPem(keyText);
  if (k instanceof KeyError) return new CertError(`error parsing private key: ${k.message}`);
  return new Certificate(certText, keyText);
}
