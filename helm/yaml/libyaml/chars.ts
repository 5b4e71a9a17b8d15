/**
 * Byte-level character classes of libyaml as go-yaml v2 ports them (yamlprivateh.go). Both the
 * scanner and the emitter work on UTF-8 bytes, as go-yaml does, so that columns, widths and
 * escapes come out the same.
 */
import { goStringFromBytes, goStringToBytes } from '../../template/gostring.js';

/** Bytes of a UTF-8 character from its leading byte; 0 for a continuation/invalid byte. */
export function width(b: number): number {
  if ((b & 0x80) === 0x00) return 1;
  if ((b & 0xe0) === 0xc0) return 2;
  if ((b & 0xf0) === 0xe0) return 3;
  if ((b & 0xf8) === 0xf0) return 4;
  return 0;
}

export function isAlpha(b: Uint8Array, i: number): boolean {
  const c = b[i]!;
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}

export function isDigit(b: Uint8Array, i: number): boolean {
  const c = b[i]!;
  return c >= 0x30 && c <= 0x39;
}

export function isHex(b: Uint8Array, i: number): boolean {
  const c = b[i]!;
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export function asHex(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return c - 0x30;
}

/** libyaml's is_printable, on the UTF-8 bytes at i. */
export function isPrintable(b: Uint8Array, i: number): boolean {
  const c = b[i]!;
  const c1 = b[i + 1] ?? 0;
  const c2 = b[i + 2] ?? 0;
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c === 0xc2 && c1 >= 0xa0) ||
    (c > 0xc2 && c < 0xed) ||
    (c === 0xed && c1 < 0xa0) ||
    c === 0xee ||
    (c === 0xef && !(c1 === 0xbb && c2 === 0xbf) && !(c1 === 0xbf && (c2 === 0xbe || c2 === 0xbf)))
  );
}

export function isZ(b: Uint8Array, i: number): boolean {
  return b[i] === 0x00;
}

/** go-yaml's is_bom looks at the start of the buffer whatever `i` is (a quirk kept on purpose). */
export function isBomAtStart(b: Uint8Array): boolean {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

export function isBomAt(b: Uint8Array, i: number): boolean {
  return b[i] === 0xef && b[i + 1] === 0xbb && b[i + 2] === 0xbf;
}

export function isSpace(b: Uint8Array, i: number): boolean {
  return b[i] === 0x20;
}

export function isTab(b: Uint8Array, i: number): boolean {
  return b[i] === 0x09;
}

export function isBlank(b: Uint8Array, i: number): boolean {
  return b[i] === 0x20 || b[i] === 0x09;
}

export function isBreak(b: Uint8Array, i: number): boolean {
  const c = b[i];
  return (
    c === 0x0d ||
    c === 0x0a ||
    (c === 0xc2 && b[i + 1] === 0x85) ||
    (c === 0xe2 && b[i + 1] === 0x80 && (b[i + 2] === 0xa8 || b[i + 2] === 0xa9))
  );
}

export function isCrlf(b: Uint8Array, i: number): boolean {
  return b[i] === 0x0d && b[i + 1] === 0x0a;
}

export function isBreakz(b: Uint8Array, i: number): boolean {
  return isBreak(b, i) || b[i] === 0x00;
}

export function isBlankz(b: Uint8Array, i: number): boolean {
  return b[i] === 0x20 || b[i] === 0x09 || isBreakz(b, i);
}

export function isAscii(b: Uint8Array, i: number): boolean {
  return b[i]! <= 0x7f;
}

/**
 * The bytes of a Go string (lone-surrogate escapes become their raw bytes; see
 * template/gostring.ts).
 */
export function utf8Bytes(s: string): Uint8Array {
  // Short ASCII strings (most scalars) are cheaper to copy than to convert.
  if (s.length <= 256) {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return goStringToBytes(s);
      out[i] = c;
    }
    return out;
  }
  return goStringToBytes(s);
}

/** Text of UTF-8 bytes (scanner output, which the reader has checked). */
export function utf8Text(b: Uint8Array | number[]): string {
  if (b.length < 1024) {
    let ascii = true;
    for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) { ascii = false; break; }
    if (ascii) return String.fromCharCode(...b);
  }
  return goStringFromBytes(b instanceof Uint8Array ? b : Uint8Array.from(b));
}
