/**
 * The raw formatter behind gofmt.ts: Go's fmt/format.go (the `fmt` struct) — padding, integers,
 * floats, strings, quoting — for one operand under the current flags, width and precision.
 *
 * Widths count runes, as Go's utf8.RuneCountInString does (an invalid byte is one rune), not
 * UTF-16 units.
 */
import { goRuneCount, normalizeGoString } from './gostring.js';
import { canBackquote, formatFloat, isPrint, quote, quoteRune, quoteRuneToASCII, quoteToASCII } from './strconv.js';

/** Digits for %x (index 16 is the letter of the 0x prefix), as Go's ldigits. */
export const LOWER_DIGITS = '0123456789abcdefx';
/** Digits for %X (0X prefix), as Go's udigits. */
export const UPPER_DIGITS = '0123456789ABCDEFX';

const MAX_RUNE = 0x10ffffn;

/** Go's fmtFlags: which flags the current directive set. */
export interface FmtFlags {
  widPresent: boolean;
  precPresent: boolean;
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  /** %+v: print struct field names (plus itself is cleared for %v). */
  plusV: boolean;
  /** %#v: Go syntax (sharp itself is cleared for %v). */
  sharpV: boolean;
}

/** All flags cleared (Go's clearflags). */
export function noFlags(): FmtFlags {
  return {
    widPresent: false, precPresent: false, minus: false, plus: false, sharp: false,
    space: false, zero: false, plusV: false, sharpV: false,
  };
}

/** Go's `fmt` struct: writes formatted operands into `buf` honouring flags, width and precision. */
export class Formatter {
  buf = '';
  flags: FmtFlags = noFlags();
  wid = 0;
  prec = 0;

  clearFlags(): void {
    this.flags = noFlags();
  }

  /** n bytes of padding: zeros when the 0 flag is in effect, spaces otherwise. */
  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.flags.zero ? '0' : ' ').repeat(n);
  }

  /** Appends s, padded on the left (or the right with the - flag) to the width. */
  pad(s: string): void {
    const f = this.flags;
    if (!f.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - goRuneCount(s);
    if (!f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  /** Pads with spaces even under the 0 flag (Go does this for %U, integers with precision, Inf/NaN). */
  private padNoZero(s: string): void {
    const zero = this.flags.zero;
    this.flags.zero = false;
    this.pad(s);
    this.flags.zero = zero;
  }

  fmtBoolean(v: boolean): void {
    this.pad(v ? 'true' : 'false');
  }

  /** %U: "U+0078", or with # "U+0078 'x'"; u is the operand as a uint64. */
  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.flags.precPresent && this.prec > 4) prec = this.prec;
    let out = 'U+' + u.toString(16).toUpperCase().padStart(prec, '0');
    if (this.flags.sharp && u <= MAX_RUNE && isPrint(Number(u))) {
      out += " '" + String.fromCodePoint(Number(u)) + "'";
    }
    this.padNoZero(out);
  }

  /**
   * Go's fmtInteger: v in base 2/8/10/16 with precision (minimum digits), zero padding, sign
   * flags and the # prefixes (0b, 0, 0x); %O always gets "0o".
   */
  fmtInteger(v: bigint, base: 2 | 8 | 10 | 16, verb: string, digits: string): void {
    const f = this.flags;
    const negative = v < 0n;
    const u = negative ? -v : v;
    let prec = 0;
    if (f.precPresent) {
      prec = this.prec;
      // Precision 0 and value 0 means "print nothing" but the padding.
      if (prec === 0 && u === 0n) {
        const zero = f.zero;
        f.zero = false;
        this.writePadding(this.wid);
        f.zero = zero;
        return;
      }
    } else if (f.zero && f.widPresent) {
      prec = this.wid;
      if (negative || f.plus || f.space) prec--; // leave room for the sign
    }
    let num = u.toString(base);
    if (digits === UPPER_DIGITS) num = num.toUpperCase();
    if (num.length < prec) num = num.padStart(prec, '0');
    if (f.sharp) {
      if (base === 2) num = '0b' + num;
      else if (base === 8 && num[0] !== '0') num = '0' + num;
      else if (base === 16) num = '0' + digits[16] + num;
    }
    if (verb === 'O') num = '0o' + num;
    if (negative) num = '-' + num;
    else if (f.plus) num = '+' + num;
    else if (f.space) num = ' ' + num;
    // Zero padding was handled above as precision (or is ignored when a precision is set).
    this.padNoZero(num);
  }

  /** s truncated to the precision, counted in runes (an invalid byte is one rune). */
  truncateString(s: string): string {
    if (!this.flags.precPresent) return s;
    s = normalizeGoString(s);
    let n = this.prec;
    let i = 0;
    while (i < s.length) {
      if (--n < 0) return s.slice(0, i);
      const c = s.charCodeAt(i);
      i += c >= 0xd800 && c < 0xdc00 && i + 1 < s.length ? 2 : 1;
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncateString(s));
  }

  /** %x / %X of a string or []byte: two hex digits per byte; # adds 0x, space separates bytes. */
  fmtSbx(b: Uint8Array, digits: string): void {
    const f = this.flags;
    let length = b.length;
    if (f.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (f.space) {
        if (f.sharp) width *= 2;
        width += length - 1;
      } else if (f.sharp) {
        width += 2;
      }
    } else {
      if (f.widPresent) this.writePadding(this.wid);
      return;
    }
    if (f.widPresent && this.wid > width && !f.minus) this.writePadding(this.wid - width);
    let out = f.sharp ? '0' + digits[16] : '';
    for (let i = 0; i < length; i++) {
      if (f.space && i > 0) {
        out += ' ';
        if (f.sharp) out += '0' + digits[16];
      }
      out += digits[b[i] >> 4] + digits[b[i] & 15];
    }
    this.buf += out;
    if (f.widPresent && this.wid > width && f.minus) this.writePadding(this.wid - width);
  }

  /** %q of a string: a Go literal; + escapes non-ASCII, # prefers a `raw` literal. */
  fmtQ(s: string): void {
    s = this.truncateString(s);
    if (this.flags.sharp && canBackquote(s)) {
      this.pad('`' + s + '`');
      return;
    }
    this.pad(this.flags.plus ? quoteToASCII(s) : quote(s));
  }

  /** %c: the rune with code point c (a uint64); invalid code points print U+FFFD. */
  fmtC(c: bigint): void {
    let r = c > MAX_RUNE ? 0xfffd : Number(c);
    if (r >= 0xd800 && r < 0xe000) r = 0xfffd;
    this.pad(String.fromCodePoint(r));
  }

  /** %q of an integer: a quoted rune literal. */
  fmtQc(c: bigint): void {
    const r = c > MAX_RUNE ? 0xfffd : Number(c);
    this.pad(this.flags.plus ? quoteRuneToASCII(r) : quoteRune(r));
  }

  /**
   * Go's fmtFloat: v formatted by strconv with the verb and default precision (overridden by an
   * explicit one), then sign flags, zero padding after the sign, and # (keep the decimal point
   * and trailing zeros).
   */
  fmtFloat(v: number, size: 32 | 64, verb: 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X', prec: number): void {
    const f = this.flags;
    if (f.precPresent) prec = this.prec;
    let num = formatFloat(v, verb, prec, size);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    // The space flag means a leading space instead of "+" unless + was asked for.
    if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
    // Infinities and NaN don't look like numbers, so they are never zero padded.
    if (num[1] === 'I' || num[1] === 'N') {
      if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
      this.padNoZero(num);
      return;
    }
    if (f.sharp && verb !== 'b') num = keepDecimalPoint(num, verb, prec);
    if (f.plus || num[0] !== '+') {
      // Zero padding goes between the sign and the digits.
      if (f.zero && f.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }
}

/**
 * The # flag for floats: always print a decimal point, and for %g/%G/%x/%v keep trailing zeros
 * up to the precision (6 when none was given). `num` starts with its sign.
 */
function keepDecimalPoint(num: string, verb: string, prec: number): string {
  let digits = 0;
  if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
    digits = prec === -1 ? 6 : prec;
  }
  let tail = '';
  let hasDecimalPoint = false;
  let sawNonzeroDigit = false;
  for (let i = 1; i < num.length; i++) {
    const c = num[i];
    if (c === '.') {
      hasDecimalPoint = true;
      continue;
    }
    if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
      tail = num.slice(i);
      num = num.slice(0, i);
      break;
    }
    if (c !== '0') sawNonzeroDigit = true;
    // Count significant digits after the first non-zero digit.
    if (sawNonzeroDigit) digits--;
  }
  if (!hasDecimalPoint) {
    // A lone leading 0 counts as one digit.
    if (num.length === 2 && num[1] === '0') digits--;
    num += '.';
  }
  if (digits > 0) num += '0'.repeat(digits);
  return num + tail;
}
