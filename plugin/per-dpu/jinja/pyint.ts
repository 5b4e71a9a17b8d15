/**
 * Python 3.11's int conversions at their limits, as the reference (Debian python3 3.11 with
 * Jinja2 3.1.2) behaves:
 * - int <-> decimal text refuses more than 4,300 digits (CPython's default
 *   `sys.get_int_max_str_digits()`, the CVE-2020-10735 fix); bases that are powers of two are
 *   exempt, as in CPython;
 * - int -> float raises OverflowError past the largest double;
 * - int / int is correctly rounded, and raises OverflowError when the quotient is too large.
 * Reading text also stays within the engine's own bound on integer size (limits.ts maxIntBits),
 * checked before any digit is converted.
 */
import { budget } from './budget.js';
import { JinjaError, limitError, valueError } from './errors.js';

/** CPython 3.11's default int_max_str_digits. */
export const PY_INT_MAX_STR_DIGITS = 4300;

/** Bit length of 10**4300: an int with more bits has more than 4,300 decimal digits. */
const MAX_STR_DIGITS_BITS = Math.ceil(PY_INT_MAX_STR_DIGITS * Math.log2(10));

/** Ints of smaller magnitude are exact doubles and have at most 16 digits. */
export const TWO_53 = 2n ** 53n;

const TO_STR_LIMIT = `Exceeds the limit (${PY_INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`;

/** Number of bits of |n| (0 for 0). */
export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/** Python str(n) / repr(n): ValueError beyond 4,300 digits, before the digits are produced. */
export function intToDecimal(n: bigint): string {
  if (n < TWO_53 && n > -TWO_53) return n.toString();
  const bits = bitLength(n);
  if (bits > MAX_STR_DIGITS_BITS) throw valueError(TO_STR_LIMIT);
  const s = n.toString();
  if (bits === MAX_STR_DIGITS_BITS && s.length - (n < 0n ? 1 : 0) > PY_INT_MAX_STR_DIGITS) throw valueError(TO_STR_LIMIT);
  return s;
}

/** Python float(n): OverflowError when n rounds past the largest double. */
export function intToFloat(n: bigint): number {
  const x = Number(n);
  if (!Number.isFinite(x)) throw new JinjaError('type', 'OverflowError', 'int too large to convert to float');
  return x;
}

/** Python int / int: the correctly rounded quotient (CPython long_true_divide). */
export function intTrueDiv(x: bigint, y: bigint): number {
  if (y === 0n) throw new JinjaError('zero-division', 'ZeroDivisionError', 'division by zero');
  const ax = x < 0n ? -x : x;
  const ay = y < 0n ? -y : y;
  const negative = x < 0n !== y < 0n;
  // both exact as doubles: IEEE division rounds correctly
  if (ax <= TWO_53 && ay <= TWO_53) return Number(x) / Number(y);
  if (ax === 0n) return negative ? -0 : 0;
  const q = roundedQuotient(ax, ay);
  if (!Number.isFinite(q)) throw new JinjaError('type', 'OverflowError', 'integer division result too large for a float');
  return negative ? -q : q;
}

/** a / b (a, b > 0) rounded to the nearest double, ties to even. */
function roundedQuotient(a: bigint, b: bigint): number {
  const e = bitLength(a) - bitLength(b); // the quotient lies in [2**(e-1), 2**(e+1))
  if (e <= -1021) {
    // possibly subnormal: round a * 2**1074 / b to an integer once, then scale exactly
    const num = a << 1074n;
    let n = num / b;
    const twice = (num % b) * 2n;
    if (twice > b || (twice === b && (n & 1n) === 1n)) n += 1n;
    if (n < TWO_53) return Number(n) * 2 ** -1074;
  }
  // a quotient of 64 or 65 bits, its last bit set when inexact (a sticky bit), rounds once in Number()
  const shift = 64 - e;
  const num = shift >= 0 ? a << BigInt(shift) : a;
  const den = shift >= 0 ? b : b << BigInt(-shift);
  let q = num / den;
  if (num % den !== 0n) q |= 1n;
  const half = Math.trunc(-shift / 2);
  return Number(q) * 2 ** half * 2 ** (-shift - half);
}

/** Python's sys.maxsize: the largest index, count or width a str or list operation accepts. */
export const PY_SSIZE_MAX = 2n ** 63n - 1n;

/** True when n fits a C Py_ssize_t (else Python raises OverflowError before doing anything). */
export function fitsSsize(n: bigint): boolean {
  return n <= PY_SSIZE_MAX && n >= -PY_SSIZE_MAX - 1n;
}

/**
 * Whitespace int() and float() skip around a number: ASCII space, \t \n \v \f \r, and the
 * non-ASCII characters str.isspace() accepts (CPython maps only those to ' ' before parsing, so
 * the ASCII separators \x1c-\x1f are not skipped).
 */
const NUMBER_WHITESPACE = '\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** The text of a number without the whitespace int() and float() skip. */
export function stripNumberWhitespace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && NUMBER_WHITESPACE.includes(s[i]!)) i++;
  while (j > i && NUMBER_WHITESPACE.includes(s[j - 1]!)) j--;
  return s.slice(i, j);
}

const DECIMAL_DIGIT = /\p{Nd}/u;
const digitValues = new Map<number, number>();

/** The value of a Unicode decimal digit: Nd digits come in runs of ten, from 0 to 9. */
function decimalValue(cp: number): number {
  let v = digitValues.get(cp);
  if (v === undefined) {
    let zero = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
    v = (cp - zero) % 10;
    digitValues.set(cp, v);
  }
  return v;
}

/** Unicode decimal digits ('٣', '３') as ASCII ones, as Python's int() and float() read them. */
export function asciiDigits(s: string): string {
  if (/^[\0-\x7f]*$/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp > 0x7f && DECIMAL_DIGIT.test(ch) ? String(decimalValue(cp)) : ch;
  }
  return out;
}

const PREFIX_BASE: Record<string, number> = { x: 16, o: 8, b: 2 };
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Python int(text, base) for a base already known to be an int: the value, or undefined where
 * Python raises ValueError (bad literal, bad base, or more than 4,300 digits in a base that is
 * not a power of two). Throws a limit error for an int larger than maxIntBits.
 */
export function intFromText(text: string, base: number): bigint | undefined {
  if (base !== 0 && (base < 2 || base > 36)) return undefined;
  let t = asciiDigits(stripNumberWhitespace(text));
  let negative = false;
  if (t[0] === '+' || t[0] === '-') {
    negative = t[0] === '-';
    t = t.slice(1);
  }
  let b = base;
  const prefix = /^0([xob])/i.exec(t);
  const prefixBase = prefix ? PREFIX_BASE[prefix[1]!.toLowerCase()] : undefined;
  if (b === 0) {
    if (prefixBase !== undefined) b = prefixBase;
    else if (/^0(?:_?0)*$/.test(t)) return 0n;
    else if (t.startsWith('0')) return undefined; // 010 is not a literal
    else b = 10;
  }
  // after a prefix, one underscore may come before the first digit
  if (prefixBase !== undefined && prefixBase === b) t = t.slice(2).replace(/^_(?=.)/, '');
  if (!t || t.startsWith('_') || t.endsWith('_') || t.includes('__')) return undefined;
  const digits = t.replaceAll('_', '').toLowerCase();
  const valid = DIGITS.slice(0, b);
  for (const c of digits) if (!valid.includes(c)) return undefined;
  const powerOfTwo = (b & (b - 1)) === 0;
  if (!powerOfTwo && digits.length > PY_INT_MAX_STR_DIGITS) return undefined;
  const significant = digits.replace(/^0+/, '');
  const maxBits = budget().limits.maxIntBits;
  if ((significant.length - 1) * Math.log2(b) >= maxBits) throw limitError(`integer of more than ${maxBits} bits`);
  const n = parseDigits(significant, b);
  if (bitLength(n) > maxBits) throw limitError(`integer of more than ${maxBits} bits`);
  return negative ? -n : n;
}

/** Validated lower-case digits in base b to a bigint, in chunks that fit a double exactly. */
function parseDigits(digits: string, b: number): bigint {
  if (!digits) return 0n;
  if (b === 10) return BigInt(digits);
  if (b === 16) return BigInt('0x' + digits);
  if (b === 8) return BigInt('0o' + digits);
  if (b === 2) return BigInt('0b' + digits);
  const chunk = Math.floor(52 / Math.log2(b));
  let n = 0n;
  for (let i = 0; i < digits.length; i += chunk) {
    const part = digits.slice(i, i + chunk);
    n = n * BigInt(b) ** BigInt(part.length) + BigInt(parseInt(part, b));
  }
  return n;
}
