/**
 * Python number printing and rounding: float.__repr__ (shortest round-trip digits, fixed notation
 * for 1e-4 <= |x| < 1e16), and exact decimal rounding (half to even on the binary value) for the
 * `%f`/`%e`/`%g` formats and round(). Exactness comes from expanding the double with BigInt.
 *
 * A precision can ask for a million digits. A double's exact decimal expansion has at most 1,074
 * fraction digits and 767 significant digits, so digits past those are zeros: they are computed
 * once, and the zeros appended only after the result's size has been checked against the budget.
 */
import { budget } from './budget.js';

/** Fraction digits past which `%f` of any double only appends zeros (2**-1074 has 1,074). */
const EXACT_FRACTION_DIGITS = 1074;
/** Significant digits past which `%e` / `%g` of any double only append zeros (at most 767). */
const EXACT_SIGNIFICANT_DIGITS = 800;

/** Python repr(float): `1.0`, `0.1`, `1e+16`, `1e-05`, `inf`, `nan`, `-0.0`. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without digits gives the shortest round-trip digits, like Python's repr.
  const [mant, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) return sign + placePoint(digits, exp + 1, true);
  const frac = digits.length > 1 ? '.' + digits.slice(1) : '';
  return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** digits with the decimal point after `pointPos` digits (may be <= 0 or past the end). */
function placePoint(digits: string, pointPos: number, forceFraction: boolean): string {
  let intPart: string;
  let frac: string;
  if (pointPos <= 0) {
    intPart = '0';
    frac = '0'.repeat(-pointPos) + digits;
  } else if (pointPos >= digits.length) {
    intPart = digits + '0'.repeat(pointPos - digits.length);
    frac = '';
  } else {
    intPart = digits.slice(0, pointPos);
    frac = digits.slice(pointPos);
  }
  if (frac === '' && forceFraction) frac = '0';
  return frac === '' ? intPart : `${intPart}.${frac}`;
}

/** The exact decimal value of a finite double: digits (no leading zeros) x 10^-scale. */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const bits = buf.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  if (exp >= 0) return { digits: mant << BigInt(exp), scale: 0 };
  // mant * 2^exp = mant * 5^-exp / 10^-exp
  return { digits: mant * 5n ** BigInt(-exp), scale: -exp };
}

/** Rounds the non-negative |x| to `prec` fraction digits, half to even: returns the scaled integer. */
function roundScaled(x: number, prec: number): bigint {
  const { digits, scale } = exactDecimal(x);
  if (prec >= scale) return digits * 10n ** BigInt(prec - scale);
  const div = 10n ** BigInt(scale - prec);
  const q = digits / div;
  const r = digits % div;
  const twice = r * 2n;
  if (twice > div || (twice === div && q % 2n === 1n)) return q + 1n;
  return q;
}

/** `'%.{prec}f' % x` (Python rounding, exact). */
export function formatFixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return floatSpecial(x);
  if (prec > EXACT_FRACTION_DIGITS) {
    const exact = formatFixed(x, EXACT_FRACTION_DIGITS);
    budget().stringOf(exact.length + prec - EXACT_FRACTION_DIGITS);
    return exact + '0'.repeat(prec - EXACT_FRACTION_DIGITS);
  }
  const neg = x < 0 || Object.is(x, -0);
  const scaled = roundScaled(Math.abs(x), prec).toString().padStart(prec + 1, '0');
  const body = prec === 0 ? scaled : `${scaled.slice(0, -prec)}.${scaled.slice(-prec)}`;
  return (neg ? '-' : '') + body;
}

/** `'%.{prec}e' % x`: d.ddde+XX. */
export function formatExp(x: number, prec: number, upper = false): string {
  if (!Number.isFinite(x)) return floatSpecial(x, upper);
  const neg = x < 0 || Object.is(x, -0);
  budget().stringOf(prec + 8);
  const { mant, exp } = expDigits(Math.abs(x), prec + 1);
  const body = prec === 0 ? mant : `${mant[0]}.${mant.slice(1)}`;
  const e = `${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return (neg ? '-' : '') + body + e;
}

/**
 * `n` significant digits of a non-negative x, correctly rounded, and its decimal exponent. The
 * caller has checked that n digits fit the budget.
 */
function expDigits(x: number, n: number): { mant: string; exp: number } {
  if (x === 0) return { mant: '0'.repeat(n), exp: 0 };
  if (n > EXACT_SIGNIFICANT_DIGITS) {
    const exact = expDigits(x, EXACT_SIGNIFICANT_DIGITS);
    return { mant: exact.mant + '0'.repeat(n - EXACT_SIGNIFICANT_DIGITS), exp: exact.exp };
  }
  const { digits, scale } = exactDecimal(x);
  const len = digits.toString().length;
  let exp = len - 1 - scale;
  // keep n significant digits: round at (n - 1 - exp) fraction digits
  let scaled = roundScaled(x, n - 1 - exp);
  if (scaled.toString().length > n) {
    exp += 1;
    scaled = roundScaled(x, n - 1 - exp);
  }
  return { mant: scaled.toString().padStart(n, '0'), exp };
}

/** `'%.{prec}g' % x` (alt keeps trailing zeros, as the `#` flag does). */
export function formatGeneral(x: number, prec: number, upper = false, alt = false): string {
  if (!Number.isFinite(x)) return floatSpecial(x, upper);
  // without '#' trailing zeros are dropped, so digits past the exact ones change nothing (and a
  // double's decimal exponent, at most 308, is below either precision: same notation)
  const p = prec === 0 ? 1 : alt ? prec : Math.min(prec, EXACT_SIGNIFICANT_DIGITS);
  if (alt) budget().stringOf(p + 8);
  const neg = x < 0 || Object.is(x, -0);
  const { mant, exp } = expDigits(Math.abs(x), p);
  let out: string;
  if (exp >= -4 && exp < p) {
    out = placePoint(mant, exp + 1, false);
    if (!alt && out.includes('.')) out = out.replace(/\.?0+$/, '');
    if (alt && !out.includes('.')) out += '.';
  } else {
    let m = p === 1 ? mant : `${mant[0]}.${mant.slice(1)}`;
    if (!alt && m.includes('.')) m = m.replace(/\.?0+$/, '');
    if (alt && !m.includes('.')) m += '.';
    out = `${m}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return (neg ? '-' : '') + out;
}

function floatSpecial(x: number, upper = false): string {
  const s = Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  return upper ? s.toUpperCase() : s;
}

/** Python round(x, ndigits) for a float: exact half-to-even on the binary value. */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits > 400) return x;
  // every double is below half of 10**309: the result is a zero of x's sign
  if (ndigits < -308) return x * 0;
  if (ndigits >= 0) return Number(formatFixed(x, ndigits));
  const p = 10 ** -ndigits;
  const q = formatFixed(x / p, 0); // approximation for negative ndigits (rare)
  return Number(q) * p;
}

/** Python floor division and modulo for ints. */
export function intFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
export function intMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

/** Python float `%` (result takes the divisor's sign). */
export function floatMod(a: number, b: number): number {
  const r = a % b;
  if (r !== 0 && (r < 0) !== (b < 0)) return r + b;
  if (r === 0) return b < 0 ? -0 : 0;
  return r;
}

/** Python float `//` (CPython float_floor_div via divmod). */
export function floatFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && (b < 0) !== (mod < 0)) div -= 1;
  if (div !== 0) {
    let fl = Math.floor(div);
    if (div - fl > 0.5) fl += 1;
    return fl;
  }
  return a / b < 0 ? -0 : 0;
}
