/**
 * sprig's crypto functions (sprig v3.3.0 crypto.go): bcrypt, htpasswd, derivePassword,
 * genPrivateKey, buildCustomCert, genCA(WithKey), genSelfSignedCert(WithKey),
 * genSignedCert(WithKey), encryptAES, decryptAES and randBytes. The hash sums live in
 * encoding.ts.
 *
 * Several sprig functions report failures as their *result text* rather than an error
 * ("failed to encrypt string with bcrypt: ...", "Unknown type x"); those are kept. Go runtime
 * panics (decryptAES of short input, randBytes of a negative count) become GoErrors with the
 * runtime's message, as text/template reports a recovered panic.
 */
import { bcryptjs, nodeCrypto } from '../on-demand.js';
import { formatValue } from '../template/gofmt.js';
import { GoError, type GoFunc, type GoInt, type GoValue, T_INT, T_SLICE, T_STRING } from '../template/value.js';
import { define } from './define.js';
import { checkDeadline, pollWork, reserveChars, reserveElements } from '../template/budget.js';
import { buildCustomCertificate, Certificate, CertError, type CertRequest, generateCA, generateSelfSigned, generateSigned } from './crypto-certs.js';
import { generatePrivateKeyPem, generateRsa2048 } from './crypto-keys.js';
import { base64Decode, base64Encode } from './encoding.js';
import { goStringFromBytes, goStringToBytes } from '../template/gostring.js';

/** sprig bcrypt: Go's bcrypt at DefaultCost (10) with the `$2a$` prefix x/crypto writes. */
export function bcryptHash(input: string): string {
  if (goStringToBytes(input).length > 72) return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  checkDeadline();
  const salt = bcryptjs().genSaltSync(10).replace(/^\$2b\$/, '$2a$');
  return bcryptjs().hashSync(input, salt);
}

/** sprig htpasswd: `user:bcrypt(password)`, or an "invalid username" text when it has a colon. */
export function htpasswd(username: string, password: string): string {
  if (username.includes(':')) return `invalid username: ${username}`;
  return `${username}:${bcryptHash(password)}`;
}

const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';

/** Master Password templates per type (sprig's passwordTypeTemplates). */
const PASSWORD_TEMPLATES: Record<string, readonly string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno',
    'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno',
    'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

const uint32BE = (n: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0);
  return b;
};

/**
 * sprig derivePassword: the Master Password algorithm. scrypt(password, seed+len(user)+user,
 * N=32768, r=8, p=2, 64 bytes) keys an HMAC-SHA256 of seed+len(site)+site+counter, whose bytes
 * pick a template and then each character.
 */
export function derivePassword(counter: number, passwordType: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES[passwordType];
  if (templates === undefined) return `cannot find password template ${passwordType}`;
  // scrypt with N=32768 takes tens of milliseconds: each call first checks the deadline.
  checkDeadline();
  pollWork(password.length + user.length + site.length);
  const seed = goStringToBytes(MASTER_PASSWORD_SEED);
  const userBytes = goStringToBytes(user);
  const salt = Buffer.concat([seed, uint32BE(userBytes.length), userBytes]);
  const key = nodeCrypto().scryptSync(goStringToBytes(password), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 128 * 1024 * 1024 });
  const siteBytes = goStringToBytes(site);
  const digest = nodeCrypto().createHmac('sha256', key)
    .update(Buffer.concat([seed, uint32BE(siteBytes.length), siteBytes, uint32BE(counter)]))
    .digest();
  const template = templates[digest[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = TEMPLATE_CHARACTERS[template[i]!]!;
    out += chars[digest[i + 1]! % chars.length];
  }
  return out;
}

/** The 32-byte AES key sprig derives: the password's bytes, zero padded or truncated. */
function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(goStringToBytes(password)).copy(key, 0, 0, 32);
  return key;
}

/** sprig encryptAES: AES-256-CBC, PKCS#7 padding, random IV, base64(IV || ciphertext). */
export function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  pollWork(plaintext.length);
  const iv = nodeCrypto().randomBytes(16);
  const cipher = nodeCrypto().createCipheriv('aes-256-cbc', aesKey(password), iv);
  const body = Buffer.concat([cipher.update(goStringToBytes(plaintext)), cipher.final()]);
  return base64Encode(Buffer.concat([iv, body]));
}

/**
 * sprig decryptAES: the reverse, with sprig's unchecked unpadding (the last byte says how
 * many bytes to drop). Malformed input fails as the Go code does: base64 errors are
 * returned, short or misaligned input panics.
 */
export function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  pollWork(crypt64.length);
  const crypt = base64Decode(goStringToBytes(crypt64));
  if (!(crypt instanceof Uint8Array)) throw new GoError(crypt.message);
  // Go's DecodeString buffer has capacity DecodedLen(len(input)), which the panic reports.
  const capacity = Math.floor(goStringToBytes(crypt64).length / 4) * 3;
  if (crypt.length < 16) throw new GoError(`runtime error: slice bounds out of range [:16] with capacity ${capacity}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new GoError('crypto/cipher: input not full blocks');
  const decipher = nodeCrypto().createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  if (plain.length === 0) throw new GoError('runtime error: index out of range [-1]');
  const end = plain.length - plain[plain.length - 1]!;
  if (end < 0) throw new GoError(`runtime error: slice bounds out of range [:${end}]`);
  return goStringFromBytes(plain.subarray(0, end));
}

/** sprig randBytes: `count` random bytes, base64 encoded. */
export function randBytes(count: number): string {
  if (count < 0) throw new GoError('runtime error: makeslice: len out of range');
  // Reserved before the random bytes are drawn, not only before they are encoded.
  reserveChars(4 * Math.ceil(count / 3));
  return base64Encode(nodeCrypto().randomBytes(count));
}

/** The Go type of sprig's unexported certificate struct. */
export const T_CERTIFICATE = 'sprig.certificate';

const toInt = (n: GoInt | number): number => (typeof n === 'number' ? n : Number(n.value));
const asList = (v: GoValue): readonly GoValue[] | null => (Array.isArray(v) ? v : null);
const printV = (v: GoValue): string => formatValue(v, 'v');

/** Unwraps a certificate result into the value/error pair text/template expects. */
function certificateOrThrow(r: Certificate | CertError): Certificate {
  if (r instanceof CertError) throw new GoError(r.message);
  return r;
}

/**
 * A certificate request; key generation or signing follows, so the deadline is checked first
 * and the SAN lists are reserved (each becomes DER in the certificate).
 */
function request(cn: string, ips: GoValue, dns: GoValue, days: GoInt, keyPem?: string): CertRequest {
  checkDeadline();
  reserveElements((asList(ips)?.length ?? 0) + (asList(dns)?.length ?? 0));
  return { cn, ips: asList(ips), dnsNames: asList(dns), daysValid: toInt(days), formatValue: printV, ...(keyPem !== undefined ? { keyPem } : {}) };
}

/**
 * sprig bcrypt, htpasswd, derivePassword, genPrivateKey, buildCustomCert, genCA,
 * genCAWithKey, genSelfSignedCert, genSelfSignedCertWithKey, genSignedCert,
 * genSignedCertWithKey, encryptAES, decryptAES, randBytes.
 */
export const cryptoFuncs: readonly GoFunc[] = [
  define('bcrypt', [T_STRING], T_STRING, bcryptHash),
  define('htpasswd', [T_STRING, T_STRING], T_STRING, htpasswd),
  define('derivePassword', ['uint32', T_STRING, T_STRING, T_STRING, T_STRING], T_STRING, (counter: GoInt, type: string, pw: string, user: string, site: string) =>
    derivePassword(toInt(counter), type, pw, user, site),
  ),
  define('genPrivateKey', [T_STRING], T_STRING, (type: string) => {
    // A 4096-bit RSA key takes up to a second: each call first checks the deadline.
    checkDeadline();
    return generatePrivateKeyPem(type);
  }),
  define('buildCustomCert', [T_STRING, T_STRING], T_CERTIFICATE, (cert: string, key: string) => certificateOrThrow(buildCustomCertificate(cert, key)), {
    returnsError: true,
  }),
  define('genCA', [T_STRING, T_INT], T_CERTIFICATE, (cn: string, days: GoInt) => certificateOrThrow(generateCA(request(cn, null, null, days), generateRsa2048)), {
    returnsError: true,
  }),
  define(
    'genCAWithKey',
    [T_STRING, T_INT, T_STRING],
    T_CERTIFICATE,
    (cn: string, days: GoInt, key: string) => certificateOrThrow(generateCA(request(cn, null, null, days, key), generateRsa2048)),
    { returnsError: true },
  ),
  define(
    'genSelfSignedCert',
    [T_STRING, T_SLICE, T_SLICE, T_INT],
    T_CERTIFICATE,
    (cn: string, ips: GoValue, dns: GoValue, days: GoInt) => certificateOrThrow(generateSelfSigned(request(cn, ips, dns, days), generateRsa2048)),
    { returnsError: true },
  ),
  define(
    'genSelfSignedCertWithKey',
    [T_STRING, T_SLICE, T_SLICE, T_INT, T_STRING],
    T_CERTIFICATE,
    (cn: string, ips: GoValue, dns: GoValue, days: GoInt, key: string) =>
      certificateOrThrow(generateSelfSigned(request(cn, ips, dns, days, key), generateRsa2048)),
    { returnsError: true },
  ),
  define(
    'genSignedCert',
    [T_STRING, T_SLICE, T_SLICE, T_INT, T_CERTIFICATE],
    T_CERTIFICATE,
    (cn: string, ips: GoValue, dns: GoValue, days: GoInt, ca: Certificate) =>
      certificateOrThrow(generateSigned(request(cn, ips, dns, days), ca, generateRsa2048)),
    { returnsError: true },
  ),
  define(
    'genSignedCertWithKey',
    [T_STRING, T_SLICE, T_SLICE, T_INT, T_CERTIFICATE, T_STRING],
    T_CERTIFICATE,
    (cn: string, ips: GoValue, dns: GoValue, days: GoInt, ca: Certificate, key: string) =>
      certificateOrThrow(generateSigned(request(cn, ips, dns, days, key), ca, generateRsa2048)),
    { returnsError: true },
  ),
  define('encryptAES', [T_STRING, T_STRING], T_STRING, encryptAES, { returnsError: true }),
  define('decryptAES', [T_STRING, T_STRING], T_STRING, decryptAES, { returnsError: true }),
  define('randBytes', [T_INT], T_STRING, (n: GoInt) => randBytes(toInt(n)), { returnsError: true }),
];
