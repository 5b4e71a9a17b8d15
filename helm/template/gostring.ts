/**
 * Go strings are byte strings; JavaScript strings are UTF-16. This module is THE one place where
 * the two meet: every conversion between bytes and strings in the renderer goes through it.
 *
 * The model is Python's "surrogateescape": when bytes become a Go string, each byte that is not
 * part of a valid UTF-8 sequence (as Go's utf8.DecodeRune judges it: no overlong forms, no
 * surrogates, nothing above U+10FFFF) becomes the lone low surrogate U+DC80..U+DCFF (U+DC00 +
 * byte; bytes below 0x80 are always valid). When a string becomes bytes those lone surrogates
 * become the raw bytes again, so `[]byte(string(b))` round-trips exactly and `len`, `b64enc`,
 * `sha256sum` and the final output see the bytes Go sees.
 *
 * Iterating runes follows Go's range rule: an escaped byte is one rune, utf8.RuneError (U+FFFD),
 * of width 1 (see `goRune`). Two escapes that together spell a valid UTF-8 sequence (a string
 * built by concatenating `"\xc3"` and `"\xa9"`) are one rune in Go; `normalizeGoString` merges
 * them, and the rune-level helpers below normalize first, as do fmt's results, string
 * comparison and equality. Bytes written out are right either way; what can still differ is a
 * map key spelled once as escapes and once as the character (Go: one key, here: two).
 */
import { isUtf8 } from 'node:buffer';

/** U+DC00 + byte: the lone surrogate that stands for an invalid byte (0x80..0xFF). */
const ESCAPE_BASE = 0xdc00;
const ESCAPE_FIRST = 0xdc80;
const ESCAPE_LAST = 0xdcff;
/** utf8.RuneError: what Go's decoder yields for a byte that starts no valid sequence. */
export const RUNE_ERROR = 0xfffd;

const encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is content in a Go string, not a marker to drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** String.prototype.isWellFormed (Node 20+; not in the ES2022 lib typings): no lone surrogates. */
function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** The byte an escape stands for, or -1 when the code point is not an escape. */
export function escapedByte(codePoint: number): number {
  return codePoint >= ESCAPE_FIRST && codePoint <= ESCAPE_LAST ? codePoint - ESCAPE_BASE : -1;
}

/** The rune Go's `range` yields for a code point of a normalized Go string: escapes are RuneError. */
export function goRune(codePoint: number): number {
  return codePoint >= 0xd800 && codePoint <= 0xdfff ? RUNE_ERROR : codePoint;
}

/**
 * Go's utf8.DecodeRune on bytes[i:]: the rune and its width, or (RuneError, 1) for a byte that
 * starts no valid sequence (bad lead byte, bad or missing continuation, overlong form,
 * surrogate, above U+10FFFF).
 */
export function decodeRune(bytes: Uint8Array, i: number): [rune: number, width: number] {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return [b0, 1];
  const n = bytes.length - i;
  // Second-byte bounds per lead byte, as Go's acceptRanges: E0 needs A0.., ED ..9F, F0 90.., F4 ..8F.
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    if (n < 2) return [RUNE_ERROR, 1];
    const b1 = bytes[i + 1]!;
    if (b1 < lo || b1 > hi) return [RUNE_ERROR, 1];
    return [((b0 & 0x1f) << 6) | (b1 & 0x3f), 2];
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (b0 === 0xe0) lo = 0xa0;
    else if (b0 === 0xed) hi = 0x9f;
    if (n < 3) return [RUNE_ERROR, 1];
    const b1 = bytes[i + 1]!;
    const b2 = bytes[i + 2]!;
    if (b1 < lo || b1 > hi || b2 < 0x80 || b2 > 0xbf) return [RUNE_ERROR, 1];
    return [((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f), 3];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (b0 === 0xf0) lo = 0x90;
    else if (b0 === 0xf4) hi = 0x8f;
    if (n < 4) return [RUNE_ERROR, 1];
    const b1 = bytes[i + 1]!;
    const b2 = bytes[i + 2]!;
    const b3 = bytes[i + 3]!;
    if (b1 < lo || b1 > hi || b2 < 0x80 || b2 > 0xbf || b3 < 0x80 || b3 > 0xbf) return [RUNE_ERROR, 1];
    return [((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f), 4];
  }
  return [RUNE_ERROR, 1];
}

/** Go's `string(bytes)`: valid UTF-8 decodes as usual, each other byte becomes its escape. */
export function goStringFromBytes(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return decoder.decode(bytes);
  let out = '';
  let units: number[] = [];
  let validStart = 0;
  const flushValid = (end: number): void => {
    if (end > validStart) {
      if (units.length > 0) {
        out += String.fromCharCode(...units);
        units = [];
      }
      out += decoder.decode(bytes.subarray(validStart, end));
    }
  };
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const [rune, width] = decodeRune(bytes, i);
    if (rune === RUNE_ERROR && width === 1) {
      flushValid(i);
      units.push(ESCAPE_BASE + bytes[i]!);
      if (units.length >= 4096) {
        out += String.fromCharCode(...units);
        units = [];
      }
      validStart = i + 1;
    }
    i += width;
  }
  flushValid(bytes.length);
  if (units.length > 0) out += String.fromCharCode(...units);
  return out;
}

/**
 * Go's `[]byte(s)`: UTF-8, with each escape turned back into its raw byte. A lone surrogate that
 * is not an escape (no Go string holds one) encodes as U+FFFD, as Go's string(rune) would.
 */
export function goStringToBytes(s: string): Uint8Array {
  if (isWellFormed(s)) return encoder.encode(s);
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[n++] = 0xf0 | (cp >> 18);
        out[n++] = 0x80 | ((cp >> 12) & 0x3f);
        out[n++] = 0x80 | ((cp >> 6) & 0x3f);
        out[n++] = 0x80 | (cp & 0x3f);
        i++;
        continue;
      }
    }
    if (c >= ESCAPE_FIRST && c <= ESCAPE_LAST) {
      out[n++] = c - ESCAPE_BASE;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) c = RUNE_ERROR;
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.slice(0, n);
}

/** Go's len(s): the number of bytes. */
export function goByteLength(s: string): number {
  if (isWellFormed(s)) return Buffer.byteLength(s, 'utf8');
  return goStringToBytes(s).length;
}

/**
 * The canonical form of a Go string: escapes that together spell valid UTF-8 (from concatenating
 * pieces of a character) become that character. Strings made only by goStringFromBytes are
 * canonical already; the cost is nil for strings without escapes.
 */
export function normalizeGoString(s: string): string {
  return isWellFormed(s) ? s : goStringFromBytes(goStringToBytes(s));
}

/** Go's utf8.ValidString: no byte outside a valid UTF-8 sequence. */
export function isValidUtf8String(s: string): boolean {
  return isWellFormed(s) || isWellFormed(normalizeGoString(s));
}

/**
 * Each byte outside valid UTF-8 replaced by U+FFFD, as encoding/json's encoder and decoder and
 * strings.ToValidUTF8-per-byte do; strings without escapes are returned as they are.
 */
export function invalidBytesAsRuneError(s: string): string {
  if (isWellFormed(s)) return s;
  let out = '';
  for (const ch of normalizeGoString(s)) out += escapedByte(ch.codePointAt(0)!) >= 0 ? '\ufffd' : ch;
  return out;
}

/** Go's utf8.RuneCountInString: runes, counting each invalid byte as one. */
export function goRuneCount(s: string): number {
  const t = normalizeGoString(s);
  let n = t.length;
  for (let i = 0; i + 1 < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = t.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The runes of s as Go's `for _, r := range s` yields them (invalid bytes are U+FFFD). */
export function goRunes(s: string): number[] {
  const out: number[] = [];
  for (const ch of normalizeGoString(s)) out.push(goRune(ch.codePointAt(0)!));
  return out;
}

/** Go's s[from:to] on byte offsets (callers check the bounds); may cut a character in two. */
export function goByteSlice(s: string, from: number, to: number): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.slice(from, to);
  return goStringFromBytes(goStringToBytes(s).subarray(from, to));
}

/**
 * Go's string order (`<`, sort.Strings): byte-wise. For strings without escapes that is code
 * point order, which UTF-16 code unit order gets wrong only above U+D7FF (surrogates encode
 * U+10000.. and must sort after U+E000..U+FFFF).
 */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  if (!isWellFormed(a) || !isWellFormed(b)) return Buffer.compare(goStringToBytes(a), goStringToBytes(b));
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
    if (y >= 0xd800) y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
    return x - y;
  }
  return a.length - b.length;
}
