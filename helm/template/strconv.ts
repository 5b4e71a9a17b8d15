/**
 * Go's strconv number formatting and quoting, as fmt and text/template use them.
 *
 * Floats are formatted from their exact decimal expansion (a double is m·2^e, which always has a
 * finite decimal form), rounded half-to-even as Go's strconv does. JavaScript's toFixed and
 * toExponential round exact ties away from zero (`(2.5).toFixed(0)` is "3", Go's `%.0f` is "2"),
 * so they are only used for the shortest form, where both languages pick the same digits.
 */
import { escapedByte, goRune, goStringFromBytes, normalizeGoString } from './gostring.js';
import { GO_PRINTABLE_RANGES } from './unicode-print.js';
import { GoError } from './value.js';

/** strconv.FormatFloat verbs. */
export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X';

/** Decimal digits without leading or trailing zeros, and the decimal point position: 0.d1d2.. × 10^dp. */
interface Decimal {
  digits: string;
  dp: number;
}

interface FloatInfo {
  mantbits: number;
  expbits: number;
  bias: number;
}

const FLOAT64: FloatInfo = { mantbits: 52, expbits: 11, bias: -1023 };
const FLOAT32: FloatInfo = { mantbits: 23, expbits: 8, bias: -127 };

const scratch = new DataView(new ArrayBuffer(8));

/** Sign, biased exponent and mantissa bits of f as a float64 or float32. */
function floatBits(f: number, bitSize: 32 | 64): { neg: boolean; exp: number; mant: bigint } {
  if (bitSize === 32) {
    scratch.setFloat32(0, f);
    const bits = scratch.getUint32(0);
    return { neg: bits >>> 31 === 1, exp: (bits >>> 23) & 0xff, mant: BigInt(bits & 0x7fffff) };
  }
  scratch.setFloat64(0, f);
  const bits = scratch.getBigUint64(0);
  return { neg: bits >> 63n === 1n, exp: Number((bits >> 52n) & 0x7ffn), mant: bits & 0xfffffffffffffn };
}

/**
 * Go strconv.FormatFloat: `fmt` as in Go, `prec` -1 for the shortest digits that read back to
 * the same value (1e+06, 1.234567890123e+12, 0.0001, 1e-05), specials as +Inf, -Inf and NaN.
 */
export function formatFloat(f: number, fmt: FloatFormat, prec: number, bitSize: 32 | 64): string {
  const flt = bitSize === 32 ? FLOAT32 : FLOAT64;
  const bits = floatBits(f, bitSize);
  let { exp, mant } = bits;
  const neg = bits.neg;
  if (exp === (1 << flt.expbits) - 1) {
    if (mant !== 0n) return 'NaN';
    return neg ? '-Inf' : '+Inf';
  }
  if (exp === 0) exp++;
  else mant |= 1n << BigInt(flt.mantbits);
  exp += flt.bias;
  if (fmt === 'b') return formatBinary(neg, mant, exp, flt);
  if (fmt === 'x' || fmt === 'X') return formatHex(neg, mant, exp, flt, prec, fmt);

  const value = Math.abs(bitSize === 32 ? Math.fround(f) : f);
  const shortest = prec < 0;
  let digs: Decimal;
  if (shortest) {
    digs = shortestDecimal(value, bitSize);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(digs.digits.length - 1, 0);
        break;
      case 'f':
        prec = Math.max(digs.digits.length - digs.dp, 0);
        break;
      default:
        prec = digs.digits.length;
    }
  } else {
    digs = exactDecimal(mant, exp - flt.mantbits);
    switch (fmt) {
      case 'e':
      case 'E':
        digs = roundDecimal(digs, prec + 1);
        break;
      case 'f':
        digs = roundDecimal(digs, digs.dp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        digs = roundDecimal(digs, prec);
    }
  }
  return formatDigits(neg, digs, prec, fmt, shortest);
}

/** The exact decimal expansion of mant × 2^exp2 (mant a non-negative integer). */
function exactDecimal(mant: bigint, exp2: number): Decimal {
  if (mant === 0n) return { digits: '', dp: 0 };
  let text: string;
  let pointFromEnd = 0;
  if (exp2 >= 0) {
    text = (mant << BigInt(exp2)).toString();
  } else {
    // mant / 2^k == mant * 5^k / 10^k
    text = (mant * 5n ** BigInt(-exp2)).toString();
    pointFromEnd = -exp2;
  }
  return trimDecimal(text, text.length - pointFromEnd);
}

function trimDecimal(text: string, dp: number): Decimal {
  let start = 0;
  while (start < text.length && text[start] === '0') {
    start++;
    dp--;
  }
  let end = text.length;
  while (end > start && text[end - 1] === '0') end--;
  if (start === end) return { digits: '', dp: 0 };
  return { digits: text.slice(start, end), dp };
}

/**
 * Rounds to nd significant digits as Go's decimal.Round: half-way cases go to the even digit
 * (the expansion is exact, so "half-way" is exact). nd < 0 leaves the value alone, as in Go.
 */
function roundDecimal(d: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= d.digits.length) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (next === 5 && nd + 1 === d.digits.length) {
    up = nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else {
    up = next >= 5;
  }
  if (!up) return trimDecimal(d.digits.slice(0, nd), d.dp);
  let i = nd - 1;
  while (i >= 0 && d.digits[i] === '9') i--;
  if (i < 0) return { digits: '1', dp: d.dp + 1 };
  return { digits: d.digits.slice(0, i) + String.fromCharCode(d.digits.charCodeAt(i) + 1), dp: d.dp };
}

/** The shortest digits that read back as the same float64 (or float32). */
function shortestDecimal(value: number, bitSize: 32 | 64): Decimal {
  if (value === 0) return { digits: '', dp: 0 };
  if (bitSize === 64) return fromExponential(value.toExponential());
  for (let n = 1; n < 17; n++) {
    const text = value.toExponential(n - 1);
    if (Math.fround(Number(text)) === value) return fromExponential(text);
  }
  return fromExponential(value.toExponential());
}

/** Parses JavaScript's "d.ddde±x" into digits and a decimal point position. */
function fromExponential(text: string): Decimal {
  const e = text.indexOf('e');
  const mantissa = text.slice(0, e).replace('.', '');
  return trimDecimal(mantissa, Number(text.slice(e + 1)) + 1);
}

function formatDigits(neg: boolean, digs: Decimal, prec: number, fmt: FloatFormat, shortest: boolean): string {
  switch (fmt) {
    case 'e':
    case 'E':
      return formatE(neg, digs, prec, fmt);
    case 'f':
      return formatF(neg, digs, prec);
    default: {
      const nd = digs.digits.length;
      let eprec = prec;
      if (eprec > nd && nd >= digs.dp) eprec = nd;
      // %e is used if the exponent from the conversion is less than -4 or at least the
      // precision; the shortest form decides with precision 6 (so 1e+06 but 123456).
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        return formatE(neg, digs, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > digs.dp) prec = nd;
      return formatF(neg, digs, Math.max(prec - digs.dp, 0));
    }
  }
}

/** %e: -d.dddde±dd */
function formatE(neg: boolean, digs: Decimal, prec: number, fmt: 'e' | 'E'): string {
  const d = digs.digits;
  let out = neg ? '-' : '';
  out += d.length > 0 ? d[0] : '0';
  if (prec > 0) {
    out += '.' + d.slice(1, prec + 1).padEnd(prec, '0');
  }
  let exp = d.length === 0 ? 0 : digs.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return out + fmt + sign + (exp < 10 ? '0' + exp : String(exp));
}

/** %f: -ddddd.ddd */
function formatF(neg: boolean, digs: Decimal, prec: number): string {
  const d = digs.digits;
  let out = neg ? '-' : '';
  if (digs.dp > 0) {
    out += d.slice(0, digs.dp).padEnd(digs.dp, '0');
  } else {
    out += '0';
  }
  if (prec > 0) {
    let frac = '';
    for (let i = 0; i < prec; i++) {
      const j = digs.dp + i;
      frac += j >= 0 && j < d.length ? d[j] : '0';
    }
    out += '.' + frac;
  }
  return out;
}

/** %b: -ddddp±ddd (decimal mantissa, binary exponent). */
function formatBinary(neg: boolean, mant: bigint, exp: number, flt: FloatInfo): string {
  const e = exp - flt.mantbits;
  return (neg ? '-' : '') + mant.toString() + 'p' + (e >= 0 ? '+' : '') + e;
}

/** %x: -0x1.yyyyp±dd (hex mantissa, binary exponent), rounded to prec hex digits if prec >= 0. */
function formatHex(neg: boolean, mant: bigint, exp: number, flt: FloatInfo, prec: number, fmt: 'x' | 'X'): string {
  if (mant === 0n) exp = 0;
  const one = 1n << 60n;
  // Shift digits so the leading 1 (if any) is at bit 60.
  mant <<= BigInt(60 - flt.mantbits);
  while (mant !== 0n && (mant & one) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (one - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = (neg ? '-' : '') + '0' + fmt + ((mant >> 60n) & 1n).toString();
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  const digit = (): string => {
    const h = hex[Number((mant >> 60n) & 15n)];
    mant = (mant << 4n) & ((1n << 64n) - 1n);
    return h;
  };
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) out += digit();
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digit();
  }
  out += fmt === 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  const e = Math.abs(exp);
  return out + (e < 10 ? '0' + e : String(e));
}

/** Go strconv.FormatInt / FormatUint: lower-case digits in base 2..36, a leading '-' when negative. */
export function formatInt(v: bigint, base: number): string {
  if (!Number.isInteger(base) || base < 2 || base > 36) {
    throw new RangeError(`strconv: illegal AppendInt/FormatInt base ${base}`);
  }
  return v.toString(base);
}

// ---- quoting ----

/**
 * Go strconv.IsPrint / unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the
 * ASCII space, by Go's Unicode tables (recorded from helm in unicode-print.ts, because the
 * JavaScript engine's newer Unicode version would call later-assigned characters printable).
 */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  // Binary search over the flattened [low, high] pairs.
  let lo = 0;
  let hi = GO_PRINTABLE_RANGES.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < GO_PRINTABLE_RANGES[2 * mid]) hi = mid - 1;
    else if (cp > GO_PRINTABLE_RANGES[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Whether cp is a valid Unicode scalar value (utf8.ValidRune). */
export function validRune(cp: number): boolean {
  return (cp >= 0 && cp < 0xd800) || (cp > 0xdfff && cp <= 0x10ffff);
}

const hexLower = '0123456789abcdef';

/** One rune escaped as strconv's appendEscapedRune does, inside a literal quoted by `quote`. */
function escapeRune(cp: number, quote: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return ch;
  switch (cp) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hexLower[cp >> 4] + hexLower[cp & 15];
  if (!validRune(cp)) cp = 0xfffd;
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

function quoteWith(s: string, quote: string, asciiOnly: boolean): string {
  let out = quote;
  for (const ch of normalizeGoString(s)) {
    const cp = ch.codePointAt(0)!;
    // A byte outside any valid UTF-8 sequence is written as \xNN, as Go's appendQuotedWith does.
    const b = escapedByte(cp);
    if (b >= 0) out += '\\x' + hexLower[b >> 4] + hexLower[b & 15];
    else out += escapeRune(goRune(cp), quote, asciiOnly);
  }
  return out + quote;
}

/** Go strconv.Quote: a double-quoted Go literal with \n, \t, \x00, \u00a0, \U0001f600 escapes. */
export function quote(s: string): string {
  return quoteWith(s, '"', false);
}

/** Go strconv.QuoteToASCII: as quote, but every non-ASCII rune escaped too (fmt's %+q). */
export function quoteToASCII(s: string): string {
  return quoteWith(s, '"', true);
}

/** Go strconv.QuoteRune: a single-quoted rune literal; invalid code points become '�'. */
export function quoteRune(cp: number): string {
  if (!validRune(cp)) cp = 0xfffd;
  return "'" + escapeRune(cp, "'", false) + "'";
}

/** Go strconv.QuoteRuneToASCII (fmt's %+q of an integer). */
export function quoteRuneToASCII(cp: number): string {
  if (!validRune(cp)) cp = 0xfffd;
  return "'" + escapeRune(cp, "'", true) + "'";
}

/** Go strconv.CanBackquote: no control characters but tab, no backquote, no DEL, no BOM, no invalid UTF-8. */
export function canBackquote(s: string): boolean {
  for (const ch of normalizeGoString(s)) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80) {
      if (cp === 0xfeff || (cp >= 0xd800 && cp < 0xe000)) return false;
      continue;
    }
    if ((cp < 0x20 && cp !== 9) || cp === 0x60 || cp === 0x7f) return false;
  }
  return true;
}

/** strconv.ErrSyntax, as Go's Unquote returns it. */
function syntaxError(): GoError {
  return new GoError('invalid syntax');
}

/** utf8.AppendRune: the UTF-8 bytes of one rune. */
function appendRune(cp: number, out: number[]): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

/**
 * Go strconv.Unquote: the value of a "double-quoted", 'single-quoted' or `raw` Go literal.
 * Throws a GoError("invalid syntax") for anything else. \x and octal escapes give raw bytes,
 * which stay raw when they do not form UTF-8 (`"\xff"` is the one byte 0xff); an unescaped
 * invalid byte inside quotes becomes U+FFFD, as Go's UnquoteChar decodes it.
 */
export function unquote(s: string): string {
  if (s.length < 2) throw syntaxError();
  const q = s[0];
  if (q === '`') {
    const end = s.indexOf('`', 1);
    if (end !== s.length - 1) throw syntaxError();
    // Carriage returns inside raw strings are discarded.
    return s.slice(1, end).replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") throw syntaxError();
  const bytes: number[] = [];
  let i = 1;
  // A single-quoted literal holds one character; Go accepts '' (as the empty string).
  while (i < s.length && s[i] !== q) {
    if (s[i] === '\n') throw syntaxError();
    i = unquoteChar(s, i, q, bytes);
    if (q === "'") break;
  }
  if (i !== s.length - 1 || s[i] !== q) throw syntaxError();
  return goStringFromBytes(Uint8Array.from(bytes));
}

/** Decodes one character or escape of a quoted literal starting at s[i]; returns the next index. */
function unquoteChar(s: string, i: number, q: string, out: number[]): number {
  const c = s[i];
  if (c !== '\\') {
    const cp = s.codePointAt(i)!;
    appendRune(cp >= 0xd800 && cp < 0xe000 ? 0xfffd : cp, out);
    return i + (cp > 0xffff ? 2 : 1);
  }
  if (i + 1 >= s.length) throw syntaxError();
  const e = s[i + 1];
  i += 2;
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (e in simple) {
    out.push(simple[e]);
    return i;
  }
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const hex = s.slice(i, i + n);
    if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) throw syntaxError();
    const v = parseInt(hex, 16);
    if (e === 'x') out.push(v);
    else if (!validRune(v)) throw syntaxError();
    else appendRune(v, out);
    return i + n;
  }
  if (e >= '0' && e <= '7') {
    const oct = s.slice(i - 1, i + 2);
    if (oct.length < 3 || !/^[0-7]{3}$/.test(oct)) throw syntaxError();
    const v = parseInt(oct, 8);
    if (v > 255) throw syntaxError();
    out.push(v);
    return i + 2;
  }
  if ((e === "'" || e === '"') && e === q) {
    out.push(e.charCodeAt(0));
    return i;
  }
  throw syntaxError();
}
