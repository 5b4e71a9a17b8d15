/**
 * Minimal ASN.1 DER writing and reading for the certificates and keys sprig's crypto
 * functions produce and consume (what Go's encoding/asn1 and crypto/x509 do for them), and
 * PEM framing as Go's encoding/pem writes and finds it.
 */
import { goStringToBytes } from '../template/gostring.js';

/** One DER element as read back: tag byte, contents, and the whole encoding. */
export interface DerElement {
  readonly tag: number;
  readonly content: Uint8Array;
  readonly raw: Uint8Array;
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A TLV with DER's definite length. */
export function tlv(tag: number, content: Uint8Array): Uint8Array {
  const len = content.length;
  let header: number[];
  if (len < 0x80) header = [tag, len];
  else {
    const bytes: number[] = [];
    for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  return concat([Uint8Array.from(header), content]);
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(0x30, concat(items));
export const set = (...items: Uint8Array[]): Uint8Array => tlv(0x31, concat(items));
export const octetString = (b: Uint8Array): Uint8Array => tlv(0x04, b);
export const nullValue = (): Uint8Array => Uint8Array.from([0x05, 0x00]);
export const boolean = (v: boolean): Uint8Array => Uint8Array.from([0x01, 0x01, v ? 0xff : 0x00]);
/** [n] EXPLICIT wrapper (constructed context tag). */
export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(0xa0 | n, inner);
/** [n] IMPLICIT primitive (context tag replacing the universal one). */
export const implicitPrimitive = (n: number, content: Uint8Array): Uint8Array => tlv(0x80 | n, content);

/** INTEGER from a non-negative value, minimal big-endian with a sign byte when needed. */
export function integer(v: bigint | number): Uint8Array {
  let n = BigInt(v);
  if (n < 0n) throw new RangeError('negative INTEGER');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  } while (n > 0n);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

/** The unsigned big-endian value of an INTEGER's contents. */
export function bigintFrom(content: Uint8Array): bigint {
  let n = 0n;
  for (const b of content) n = (n << 8n) | BigInt(b);
  return n;
}

/** OBJECT IDENTIFIER from dotted text. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const body: number[] = [];
  const push = (v: bigint) => {
    const chunk: number[] = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    body.push(...chunk);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return tlv(0x06, Uint8Array.from(body));
}

/** BIT STRING with the given number of unused trailing bits. */
export function bitString(bytes: Uint8Array, unusedBits = 0): Uint8Array {
  return tlv(0x03, concat([Uint8Array.of(unusedBits), bytes]));
}

/** Go's PrintableString test (with `*` and `&` rejected, as asn1.Marshal does for plain strings). */
function isPrintable(s: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
}

/** A Go string field: PrintableString when the characters allow it, else UTF8String. */
export function goString(s: string): Uint8Array {
  const bytes = goStringToBytes(s);
  return tlv(isPrintable(s) ? 0x13 : 0x0c, bytes);
}

/** Go's asn1 time: UTCTime for 1950-2049, GeneralizedTime otherwise, whole seconds, Z. */
export function time(unixSec: number): Uint8Array {
  const d = new Date(unixSec * 1000);
  const y = d.getUTCFullYear();
  const two = (n: number) => String(n).padStart(2, '0');
  const rest = two(d.getUTCMonth() + 1) + two(d.getUTCDate()) + two(d.getUTCHours()) + two(d.getUTCMinutes()) + two(d.getUTCSeconds()) + 'Z';
  if (y >= 1950 && y < 2050) return tlv(0x17, goStringToBytes(two(y % 100) + rest));
  return tlv(0x18, goStringToBytes(String(y).padStart(4, '0') + rest));
}

/** Reads one element at `offset`; undefined when the bytes are not well-formed DER. */
export function readElement(data: Uint8Array, offset = 0): { element: DerElement; next: number } | undefined {
  if (offset + 2 > data.length) return undefined;
  const tag = data[offset]!;
  if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers are not used here
  let len = data[offset + 1]!;
  let at = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || at + n > data.length) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + data[at + i]!;
    at += n;
  }
  if (at + len > data.length) return undefined;
  return { element: { tag, content: data.subarray(at, at + len), raw: data.subarray(offset, at + len) }, next: at + len };
}

/** The elements inside a constructed element; undefined when malformed. */
export function children(content: Uint8Array): DerElement[] | undefined {
  const out: DerElement[] = [];
  let at = 0;
  while (at < content.length) {
    const r = readElement(content, at);
    if (!r) return undefined;
    out.push(r.element);
    at = r.next;
  }
  return out;
}

/** Dotted text of an OBJECT IDENTIFIER's contents. */
export function oidText(content: Uint8Array): string {
  const arcs: bigint[] = [];
  let v = 0n;
  for (const b of content) {
    v = (v << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0n;
    }
  }
  if (arcs.length === 0) return '';
  const first = arcs[0]!;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** A decoded PEM block (Go's pem.Block without headers). */
export interface PemBlock {
  readonly type: string;
  readonly bytes: Uint8Array;
}

/** pem.EncodeToMemory: BEGIN line, base64 in 64-column lines, END line, trailing newline. */
export function pemEncode(type: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  let out = `-----BEGIN ${type}-----\n`;
  for (let i = 0; i < b64.length; i += 64) out += b64.slice(i, i + 64) + '\n';
  return out + `-----END ${type}-----\n`;
}

/**
 * pem.Decode: the first well-formed block. A BEGIN line must start the text or a line; header
 * lines ("Key: value") are skipped; the body is base64 with whitespace ignored; the END line
 * must name the same type. A malformed candidate is skipped, as Go does.
 */
export function pemDecode(text: string): PemBlock | undefined {
  const re = /(?:^|\n)-----BEGIN ([^\r\n]*?)-----[ \t]*\r?\n([\s\S]*?)\n-----END ([^\r\n]*?)-----[ \t]*(?:\r?\n|$)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const [, type, body, endType] = m;
    if (type !== endType) continue;
    const lines = body!.split('\n');
    // Optional RFC 1421 headers, ended by a blank line.
    let start = 0;
    if (lines.some((l) => l.includes(':'))) {
      while (start < lines.length && lines[start]!.includes(':')) start++;
      if (start < lines.length && lines[start]!.trim() === '') start++;
    }
    const b64 = lines.slice(start).join('').replace(/[ \t\r\n]/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) continue;
    return { type: type!, bytes: new Uint8Array(Buffer.from(b64, 'base64')) };
  }
  return undefined;
}
