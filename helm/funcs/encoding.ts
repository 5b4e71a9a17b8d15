/**
 * sprig's encoding and checksum functions (strings.go b64enc/b64dec/b32enc/b32dec, crypto.go
 * sha1sum/sha256sum/sha512sum/adler32sum).
 *
 * Go strings are byte strings: inputs are their bytes (template/gostring.ts), and decoded bytes
 * that are not UTF-8 stay raw in the result. Decoders follow Go's
 * encoding/base64 and encoding/base32 StdEncoding exactly (padding required, `\r`/`\n`
 * ignored, `illegal base64 data at input byte N` with Go's offsets); sprig returns the error
 * text as the result instead of failing.
 */
import { nodeCrypto } from '../on-demand.js';
import { type GoFunc, T_STRING } from '../template/value.js';
import { goStringFromBytes, goStringToBytes } from '../template/gostring.js';
import { define } from './define.js';
import { pollWork, reserveChars } from '../template/budget.js';

/** Go's base64.CorruptInputError / base32.CorruptInputError. */
class CorruptInputError extends Error {
  constructor(kind: 'base64' | 'base32', readonly offset: number) {
    super(`illegal ${kind} data at input byte ${offset}`);
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeMap(alphabet: string): Int16Array {
  const map = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) map[alphabet.charCodeAt(i)] = i;
  return map;
}
const B64_MAP = decodeMap(B64);
const B32_MAP = decodeMap(B32);
const isNewline = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;
const PAD = 0x3d; // '='

/** base64.StdEncoding.EncodeToString; the result's length is reserved first. */
export function base64Encode(data: Uint8Array): string {
  reserveChars(4 * Math.ceil(data.length / 3));
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

/** Decoded bytes written into a buffer of the largest possible size (no per-byte JS array). */
class ByteSink {
  private readonly buf: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }

  push(...bytes: number[]): void {
    for (const b of bytes) this.buf[this.length++] = b;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** base64.StdEncoding.DecodeString, quantum by quantum as Go's decodeQuantum does. */
export function base64Decode(src: Uint8Array): Uint8Array | CorruptInputError {
  pollWork(src.length);
  const out = new ByteSink(Math.ceil(src.length / 4) * 3);
  let si = 0;
  for (;;) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailingError: CorruptInputError | undefined;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return out.bytes();
        // A short final quantum: StdEncoding requires padding.
        return new CorruptInputError('base64', si - j);
      }
      const inb = src[si++]!;
      const v = B64_MAP[inb]!;
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (isNewline(inb)) {
        j--;
        continue;
      }
      if (inb !== PAD) return new CorruptInputError('base64', si - 1);
      // Padding: only after two or three data characters.
      if (j === 0 || j === 1) return new CorruptInputError('base64', si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return new CorruptInputError('base64', src.length);
        if (src[si] !== PAD) return new CorruptInputError('base64', si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailingError = new CorruptInputError('base64', si);
      dlen = j;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (trailingError) return trailingError;
    if (dlen < 4) return out.bytes();
  }
}

/** base32.StdEncoding.EncodeToString (RFC 4648 alphabet, `=` padding); the length is reserved first. */
export function base32Encode(data: Uint8Array): string {
  reserveChars(8 * Math.ceil(data.length / 5));
  let out = '';
  for (let i = 0; i < data.length; i += 5) {
    const chunk = data.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = [2, 4, 5, 7, 8][chunk.length - 1]!;
    for (let k = 0; k < 8; k++) {
      out += k < chars ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : '=';
    }
  }
  return out;
}

/** base32.StdEncoding.DecodeString: newlines are stripped first, offsets count the rest. */
export function base32Decode(input: Uint8Array): Uint8Array | CorruptInputError {
  pollWork(input.length);
  const src = input.filter((b) => !isNewline(b));
  const olen = src.length;
  const out = new ByteSink(Math.ceil(olen / 8) * 5);
  let p = 0;
  let end = false;
  while (p < olen && !end) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      // Out of input inside a quantum: StdEncoding requires padding.
      if (p === olen) return new CorruptInputError('base32', olen - j);
      const inb = src[p++]!;
      const remaining = olen - p;
      if (inb === PAD && j >= 2 && remaining < 8) {
        if (remaining + j < 7) return new CorruptInputError('base32', olen);
        for (let k = 0; k < 7 - j; k++) {
          if (remaining > k && src[p + k] !== PAD) return new CorruptInputError('base32', olen - remaining + k - 1);
        }
        dlen = j;
        end = true;
        // 1, 3 and 6 data characters cannot encode whole bytes (RFC 4648 section 6).
        if (dlen === 1 || dlen === 3 || dlen === 6) return new CorruptInputError('base32', olen - remaining - 1);
        break;
      }
      const v = B32_MAP[inb]!;
      if (v < 0) return new CorruptInputError('base32', olen - remaining - 1);
      dbuf[j++] = v;
    }
    const d = dbuf as [number, number, number, number, number, number, number, number];
    const bytes = [
      ((d[0] << 3) | (d[1] >> 2)) & 0xff,
      ((d[1] << 6) | (d[2] << 1) | (d[3] >> 4)) & 0xff,
      ((d[3] << 4) | (d[4] >> 1)) & 0xff,
      ((d[4] << 7) | (d[5] << 2) | (d[6] >> 3)) & 0xff,
      ((d[6] << 5) | d[7]) & 0xff,
    ];
    const count = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0;
    out.push(...bytes.slice(0, count));
  }
  return out.bytes();
}

/** hash/adler32.Checksum. */
export function adler32(data: Uint8Array): number {
  pollWork(data.length);
  const MOD = 65521;
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % MOD;
    b = (b + a) % MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/** A hex digest of the string's bytes; hashing is polled against the deadline before it starts. */
function hexDigest(algorithm: string, s: string): string {
  pollWork(s.length);
  return nodeCrypto().createHash(algorithm).update(goStringToBytes(s)).digest('hex');
}

/** sprig b64enc, b64dec, b32enc, b32dec, sha1sum, sha256sum, sha512sum, adler32sum. */
export const encodingFuncs: readonly GoFunc[] = [
  define('b64enc', [T_STRING], T_STRING, (s: string) => base64Encode(goStringToBytes(s))),
  define('b64dec', [T_STRING], T_STRING, (s: string) => {
    const r = base64Decode(goStringToBytes(s));
    return r instanceof CorruptInputError ? r.message : goStringFromBytes(r);
  }),
  define('b32enc', [T_STRING], T_STRING, (s: string) => base32Encode(goStringToBytes(s))),
  define('b32dec', [T_STRING], T_STRING, (s: string) => {
    const r = base32Decode(goStringToBytes(s));
    return r instanceof CorruptInputError ? r.message : goStringFromBytes(r);
  }),
  define('sha1sum', [T_STRING], T_STRING, (s: string) => hexDigest('sha1', s)),
  define('sha256sum', [T_STRING], T_STRING, (s: string) => hexDigest('sha256', s)),
  define('sha512sum', [T_STRING], T_STRING, (s: string) => hexDigest('sha512', s)),
  define('adler32sum', [T_STRING], T_STRING, (s: string) => String(adler32(goStringToBytes(s)))),
];
