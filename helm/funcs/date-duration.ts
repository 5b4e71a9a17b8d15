/**
 * Go's time.Duration (int64 nanoseconds): ParseDuration, Duration.String and Duration.Round,
 * with Go's overflow rules and error texts (`time: invalid duration "x"`,
 * `time: unknown unit "d" in duration "1d"`, `time: missing unit in duration "1"`).
 */
import { goStringToBytes } from '../template/gostring.js';

/** A time.Duration in nanoseconds, always within int64. */
export type Duration = bigint;

export const NANOSECOND = 1n;
export const MICROSECOND = 1000n;
export const MILLISECOND = 1000_000n;
export const SECOND = 1000_000_000n;
export const MINUTE = 60n * SECOND;
export const HOUR = 60n * MINUTE;

const MIN_DURATION = -(1n << 63n);
const MAX_DURATION = (1n << 63n) - 1n;

/** Wraps to int64 the way Go's integer arithmetic does. */
export function int64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** A ParseDuration failure carrying Go's message. */
export class DurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DurationError';
  }
}

/** time's private quote: ASCII as is (with \" and \\), other bytes as \xNN. */
export function timeQuote(s: string): string {
  let out = '"';
  for (const b of goStringToBytes(s)) {
    if (b >= 0x80 || b < 0x20) {
      out += '\\x' + b.toString(16).padStart(2, '0');
    } else {
      if (b === 0x22 || b === 0x5c) out += '\\';
      out += String.fromCharCode(b);
    }
  }
  return out + '"';
}

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', NANOSECOND],
  ['us', MICROSECOND],
  ['µs', MICROSECOND], // U+00B5 micro sign
  ['μs', MICROSECOND], // U+03BC Greek mu
  ['ms', MILLISECOND],
  ['s', SECOND],
  ['m', MINUTE],
  ['h', HOUR],
]);

const LIMIT = 1n << 63n;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** time.ParseDuration: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, e.g. "1h30m", "-1.5h", "300ms". */
export function parseDuration(text: string): Duration | DurationError {
  const invalid = () => new DurationError('time: invalid duration ' + timeQuote(text));
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid();
    // Integer part; Go fails on int64 overflow here.
    let i = 0;
    let v = 0n;
    while (isDigit(s[i])) {
      if (v > LIMIT / 10n) return invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > LIMIT) return invalid();
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    // Fraction part: precision stops accumulating on overflow, as in Go's leadingFraction.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          if (f > (LIMIT - 1n) / 10n) overflow = true;
          else {
            const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
            if (y > LIMIT) overflow = true;
            else {
              f = y;
              scale *= 10;
            }
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid();
    let u = 0;
    while (u < s.length && !(s[u] === '.' || isDigit(s[u]))) u++;
    if (u === 0) return new DurationError('time: missing unit in duration ' + timeQuote(text));
    const unitText = s.slice(0, u);
    s = s.slice(u);
    const unit = UNITS.get(unitText);
    if (unit === undefined) return new DurationError('time: unknown unit ' + timeQuote(unitText) + ' in duration ' + timeQuote(text));
    if (v > LIMIT / unit) return invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes the fraction in float64: uint64(float64(f) * (float64(unit) / scale)).
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) return invalid();
    }
    d += v;
    if (d > LIMIT) return invalid();
  }
  if (neg) return int64(-d);
  if (d > MAX_DURATION) return invalid();
  return d;
}

/** Duration.String: "1h2m3.5s", "1.5ms", "0s"; hours are the largest unit. */
export function formatDuration(d: Duration): string {
  const neg = d < 0n;
  let u = neg ? -d : d; // -MinInt64 stays exact as a bigint (Go's uint64 wraps to the same magnitude)
  let out: string;
  if (u < SECOND) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < MICROSECOND) {
      prec = 0;
      unit = 'ns';
    } else if (u < MILLISECOND) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const frac = fmtFrac(u, prec);
    out = frac.rest.toString() + frac.text + unit;
  } else {
    const frac = fmtFrac(u, 9);
    u = frac.rest;
    out = (u % 60n).toString() + frac.text + 's';
    u /= 60n;
    if (u > 0n) {
      out = (u % 60n).toString() + 'm' + out;
      u /= 60n;
      if (u > 0n) out = u.toString() + 'h' + out;
    }
  }
  return neg ? '-' + out : out;
}

/** Go's fmtFrac: the fraction v/10^prec as ".123" without trailing zeros, and v/10^prec. */
function fmtFrac(v: bigint, prec: number): { text: string; rest: bigint } {
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) digits = digit.toString() + digits;
    v /= 10n;
  }
  return { text: print ? '.' + digits : '', rest: v };
}

/** Duration.Round: to the nearest multiple of m, halfway away from zero, saturating. */
export function roundDuration(d: Duration, m: Duration): Duration {
  if (m <= 0n) return d;
  let r = d % m;
  const lessThanHalf = (x: bigint, y: bigint) => BigInt.asUintN(64, x + x) < BigInt.asUintN(64, y);
  if (d < 0n) {
    r = -r;
    if (lessThanHalf(r, m)) return d + r;
    const d1 = d - m + r;
    return d1 >= MIN_DURATION && d1 < d ? d1 : MIN_DURATION;
  }
  if (lessThanHalf(r, m)) return d - r;
  const d1 = d + m - r;
  return d1 <= MAX_DURATION && d1 > d ? d1 : MAX_DURATION;
}

/** Clamps a bigint to the int64 range (Go's Time.Sub saturates). */
export function saturate(d: bigint): Duration {
  return d > MAX_DURATION ? MAX_DURATION : d < MIN_DURATION ? MIN_DURATION : d;
}
