/**
 * Number literals of Go text/template: parse/node.go newNumber, with the strconv and fmt rules it
 * relies on (ParseUint/ParseInt with base 0, ParseFloat, UnquoteChar, fmt.Sscan of a complex).
 *
 * A literal may be at once an int, a uint and a float (`1`), only a float (`1.5`), a char
 * (`'a'`: int, uint and float) or complex (`1i`, `1+2i`). Errors carry Go's message.
 */
import { quote as goQuote } from './strconv.js';

/** The interpretations of one literal (the number fields of ast.NumberNode). */
export interface NumberValue {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64?: bigint;
  uint64?: bigint;
  float64?: number;
  complex128?: [number, number];
}

/** A literal Go rejects; `message` is the text after `template: NAME:LINE: `. */
export class NumberSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NumberSyntaxError';
  }
}

const MAX_UINT64 = (1n << 64n) - 1n;
const INT64_LIMIT = 1n << 63n;

/** Go newNumber for a `number`, `charConstant` or `complex` item. */
export function newNumber(text: string, kind: 'number' | 'charConstant' | 'complex'): NumberValue {
  const n: NumberValue = { isInt: false, isUint: false, isFloat: false, isComplex: false };
  if (kind === 'charConstant') {
    const { value, tail } = unquoteChar(text, 1, "'");
    if (tail !== "'") throw new NumberSyntaxError(`malformed character constant: ${text}`);
    const v = BigInt(value);
    // Odd, but those are the rules: a char is int, uint and float at once.
    return { isInt: true, isUint: true, isFloat: true, isComplex: false, int64: v, uint64: v, float64: value };
  }
  if (kind === 'complex') {
    n.isComplex = true;
    n.complex128 = sscanComplex(text);
    return simplifyComplex(n);
  }
  if (text.endsWith('i')) {
    const f = parseFloat64(text.slice(0, -1));
    if (typeof f === 'number') {
      n.isComplex = true;
      n.complex128 = [0, f];
      return simplifyComplex(n);
    }
  }
  const u = parseUint(text);
  if (u !== null) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseInt64(text);
  if (i !== null) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true; // in case of -0.
      n.uint64 = 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseFloat64(text);
    if (typeof f === 'number') {
      // A float that parsed although the ints did not, yet has no float syntax: too big.
      if (!/[.eEpP]/.test(text)) throw new NumberSyntaxError(`integer overflow: ${goQuote(text)}`);
      n.isFloat = true;
      n.float64 = f;
      setIntegralViews(n, f);
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new NumberSyntaxError(`illegal number syntax: ${goQuote(text)}`);
  return n;
}

/** A complex whose imaginary part is 0 is also a float (and maybe an int and a uint). */
function simplifyComplex(n: NumberValue): NumberValue {
  const [re, im] = n.complex128!;
  n.isFloat = im === 0;
  if (n.isFloat) {
    n.float64 = re;
    setIntegralViews(n, re);
  }
  return n;
}

/** Go's `float64(int64(f)) == f` and `float64(uint64(f)) == f` on amd64. */
function setIntegralViews(n: NumberValue, f: number): void {
  if (!n.isInt && Number.isInteger(f) && f >= -9223372036854775808 && f < 9223372036854775808) {
    n.isInt = true;
    n.int64 = BigInt(f);
  }
  if (!n.isUint && Number.isInteger(f) && f >= 0 && f < 18446744073709551616) {
    n.isUint = true;
    n.uint64 = BigInt(f);
  }
}

// ---- strconv.ParseUint / ParseInt with base 0 ----

/** strconv.ParseUint(s, 0, 64); null on any error. */
export function parseUint(s: string): bigint | null {
  if (s === '') return null;
  let digits = s;
  let base = 10n;
  if (s[0] === '0') {
    const prefix = s.length >= 3 ? s[1].toLowerCase() : '';
    if (prefix === 'b') base = 2n;
    else if (prefix === 'o') base = 8n;
    else if (prefix === 'x') base = 16n;
    else base = 8n;
    digits = base === 8n && prefix !== 'o' ? s.slice(1) : s.slice(2);
  }
  let n = 0n;
  let underscores = false;
  for (const ch of digits) {
    if (ch === '_') {
      underscores = true;
      continue;
    }
    const d = digitValue(ch);
    if (d < 0 || BigInt(d) >= base) return null;
    n = n * base + BigInt(d);
    if (n > MAX_UINT64) return null;
  }
  if (underscores && !underscoreOK(s)) return null;
  return n;
}

/** strconv.ParseInt(s, 0, 64); null on any error. */
export function parseInt64(s: string): bigint | null {
  if (s === '') return null;
  let neg = false;
  let rest = s;
  if (s[0] === '+') rest = s.slice(1);
  else if (s[0] === '-') {
    neg = true;
    rest = s.slice(1);
  }
  const un = parseUint(rest);
  if (un === null) return null;
  if (!neg && un >= INT64_LIMIT) return null;
  if (neg && un > INT64_LIMIT) return null;
  return neg ? -un : un;
}

function digitValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (ch.length === 1 && l >= 0x61 && l <= 0x7a) return l - 0x61 + 10;
  return -1;
}

/**
 * strconv's underscoreOK: underscores only between digits, or between a base prefix and a
 * digit. Shared with sprig's number parsing (helm/funcs/cast.ts).
 */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1].toLowerCase())) {
    i = 2;
    saw = '0'; // A base prefix counts as a digit for "underscore as digit separator".
    hex = s[1].toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    const lc = c.toLowerCase();
    if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f' && lc.length === 1)) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

// ---- strconv.ParseFloat(s, 64) ----

/** strconv.ParseFloat(s, 64): the value, or the kind of NumError. */
export function parseFloat64(s: string): number | 'syntax' | 'range' {
  const r = readFloat(s);
  if (r === null || r.end !== s.length) return 'syntax';
  const f = r.hex ? hexToFloat(r.mantissa, r.exp2) : Number(r.clean);
  if (!Number.isFinite(f)) return 'range';
  return r.neg && f === 0 ? -0 : f;
}

interface FloatSyntax {
  end: number;
  neg: boolean;
  hex: boolean;
  /** Decimal: the literal without underscores, for Number(). */
  clean: string;
  /** Hex: all mantissa digits and the binary exponent applying to them. */
  mantissa: bigint;
  exp2: number;
}

/** strconv's readFloat: the longest float prefix of s, or null when it has none. */
function readFloat(s: string): FloatSyntax | null {
  let i = 0;
  if (i >= s.length) return null;
  let neg = false;
  if (s[i] === '+') i++;
  else if (s[i] === '-') {
    neg = true;
    i++;
  }
  let hex = false;
  if (i + 2 < s.length && s[i] === '0' && s[i + 1].toLowerCase() === 'x') {
    hex = true;
    i += 2;
  }
  const mantStart = i;
  let underscores = false;
  let sawDot = false;
  let sawDigits = false;
  let mantissa = 0n;
  let fracDigits = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') {
      underscores = true;
      continue;
    }
    if (c === '.') {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= 0 && (d < 10 || (hex && d < 16))) {
      sawDigits = true;
      if (hex) {
        mantissa = mantissa * 16n + BigInt(d);
        if (sawDot) fracDigits++;
      }
      continue;
    }
    break;
  }
  if (!sawDigits) return null;
  const mantEnd = i;
  let exp = 0;
  const expChar = hex ? 'p' : 'e';
  if (i < s.length && s[i].toLowerCase() === expChar) {
    i++;
    if (i >= s.length) return null;
    let esign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') {
      i++;
      esign = -1;
    }
    if (i >= s.length || s[i] < '0' || s[i] > '9') return null;
    for (; i < s.length && ((s[i] >= '0' && s[i] <= '9') || s[i] === '_'); i++) {
      if (s[i] === '_') {
        underscores = true;
        continue;
      }
      if (exp < 10000) exp = exp * 10 + (s.charCodeAt(i) - 0x30);
    }
    exp *= esign;
  } else if (hex) {
    return null; // A hexadecimal mantissa requires a 'p' exponent.
  }
  if (underscores && !underscoreOK(s.slice(0, i))) return null;
  const mant = s.slice(mantStart, mantEnd).replace(/_/g, '');
  const clean = `${neg ? '-' : ''}${mant}e${exp}`;
  return { end: i, neg, hex, clean, mantissa, exp2: exp - 4 * fracDigits };
}

/** mantissa · 2^exp2 rounded to the nearest float64, ties to even (Infinity on overflow). */
function hexToFloat(mantissa: bigint, exp2: number): number {
  if (mantissa === 0n) return 0;
  const bits = mantissa.toString(2).length;
  const top = bits - 1 + exp2; // exponent of the leading bit
  if (top > 1024) return Infinity;
  if (top < -1076) return 0;
  // Bits of precision available at this magnitude: 53, fewer for subnormals.
  const precision = top >= -1022 ? 53 : 53 - (-1022 - top);
  const shift = bits - precision;
  if (shift <= 0) return Number(mantissa) * 2 ** exp2;
  let q = mantissa >> BigInt(shift);
  const rem = mantissa & ((1n << BigInt(shift)) - 1n);
  const half = 1n << BigInt(shift - 1);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  return Number(q) * 2 ** (exp2 + shift);
}

// ---- fmt.Sscan into a complex128 ----

/** fmt.Sscan(text, &complex128) for a lexed `A±Bi`; throws with fmt's or strconv's message. */
function sscanComplex(text: string): [number, number] {
  const sc = new RuneScanner(text);
  const parens = sc.accept('(');
  const real = sc.floatToken();
  sc.buf = '';
  if (!sc.accept('+-')) throw new NumberSyntaxError('syntax error scanning complex number');
  const imagSign = sc.buf;
  const imag = sc.floatToken();
  if (!sc.accept('i')) throw new NumberSyntaxError('syntax error scanning complex number');
  if (parens && !sc.accept(')')) throw new NumberSyntaxError('syntax error scanning complex number');
  return [convertFloat(real), convertFloat(imagSign + imag)];
}

/** The subset of fmt's scan state that complexTokens/floatToken use. */
class RuneScanner {
  private i = 0;
  buf = '';
  constructor(private readonly s: string) {}

  accept(chars: string): boolean {
    if (this.i < this.s.length && chars.includes(this.s[this.i])) {
      this.buf += this.s[this.i++];
      return true;
    }
    return false;
  }

  floatToken(): string {
    this.buf = '';
    if (this.accept('nN') && this.accept('aA') && this.accept('nN')) return this.buf;
    this.accept('+-');
    if (this.accept('iI') && this.accept('nN') && this.accept('fF')) return this.buf;
    let digits = '0123456789_';
    let exp = 'eEpP';
    if (this.accept('0') && this.accept('xX')) {
      digits = '0123456789aAbBcCdDeEfF_';
      exp = 'pP';
    }
    while (this.accept(digits));
    if (this.accept('.')) while (this.accept(digits));
    if (this.accept(exp)) {
      this.accept('+-');
      while (this.accept('0123456789_'));
    }
    return this.buf;
  }
}

/** fmt's convertFloat: ParseFloat, with fmt's own `p` exponent for decimal mantissas. */
function convertFloat(str: string): number {
  const p = str.indexOf('p');
  if (p >= 0 && !/[xX]/.test(str)) {
    const f = parseFloat64(str.slice(0, p));
    if (typeof f !== 'number') throw numError('ParseFloat', str, f);
    const m = atoi(str.slice(p + 1));
    if (typeof m !== 'number') throw numError('Atoi', str, m);
    return ldexp(f, m);
  }
  const f = parseFloat64(str);
  if (typeof f !== 'number') throw numError('ParseFloat', str, f);
  return f;
}

function atoi(s: string): number | 'syntax' | 'range' {
  if (!/^[+-]?[0-9]+$/.test(s)) return 'syntax';
  const v = BigInt(s);
  if (v >= INT64_LIMIT || v < -INT64_LIMIT) return 'range';
  return Number(v);
}

/** math.Ldexp: f · 2^e. */
function ldexp(f: number, e: number): number {
  if (f === 0 || !Number.isFinite(f)) return f;
  if (e > 2200) return f * Infinity;
  if (e < -2200) return f * 0;
  while (e > 1000) {
    f *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    f *= 2 ** -1000;
    e += 1000;
  }
  return f * 2 ** e;
}

/** A *strconv.NumError's text. */
function numError(fn: string, num: string, kind: 'syntax' | 'range'): NumberSyntaxError {
  const what = kind === 'syntax' ? 'invalid syntax' : 'value out of range';
  return new NumberSyntaxError(`strconv.${fn}: parsing ${goQuote(num)}: ${what}`);
}

// ---- strconv.UnquoteChar ----

/**
 * strconv.UnquoteChar(s[i:], quote): the rune value of one character or escape, and the text
 * after it. Throws `invalid syntax` (strconv.ErrSyntax) for bad escapes.
 */
export function unquoteChar(s: string, i: number, quoteChar: string): { value: number; tail: string } {
  if (i >= s.length) throw invalidSyntax();
  const c = s[i];
  if (c === quoteChar) throw invalidSyntax();
  if (c !== '\\') {
    const cp = s.codePointAt(i)!;
    return { value: cp, tail: s.slice(i + (cp > 0xffff ? 2 : 1)) };
  }
  if (i + 1 >= s.length) throw invalidSyntax();
  const e = s[i + 1];
  const j = i + 2;
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return { value: simple, tail: s.slice(j) };
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const hex = s.slice(j, j + n);
    if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) throw invalidSyntax();
    const v = parseInt(hex, 16);
    if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))) throw invalidSyntax();
    return { value: v, tail: s.slice(j + n) };
  }
  if (e >= '0' && e <= '7') {
    const oct = s.slice(j - 1, j + 2);
    if (!/^[0-7]{3}$/.test(oct)) throw invalidSyntax();
    const v = parseInt(oct, 8);
    if (v > 255) throw invalidSyntax();
    return { value: v, tail: s.slice(j + 2) };
  }
  if (e === '\\') return { value: 0x5c, tail: s.slice(j) };
  if ((e === "'" || e === '"') && e === quoteChar) return { value: e.charCodeAt(0), tail: s.slice(j) };
  throw invalidSyntax();
}

const SIMPLE_ESCAPES: Record<string, number | undefined> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

function invalidSyntax(): NumberSyntaxError {
  return new NumberSyntaxError('invalid syntax');
}
