/**
 * Value conversions shared by the sprig functions: spf13/cast v1.7.0 (ToInt, ToInt64,
 * ToFloat64, ToString — the forgiving "E-less" forms that turn every error into a zero value),
 * Go's strconv.ParseInt/ParseFloat/Atoi that cast relies on, and sprig's own strval/strslice
 * (strings.go) that print any value as fmt's %v does.
 *
 * Go's int is 64-bit on the platforms helm ships for, so `int` and `int64` results are the same
 * numbers; callers wrap them as GoInt of the right type.
 */
import { reserveElements, reservePrinted } from '../template/budget.js';
import { sprint } from '../template/gofmt.js';
import { goStringFromBytes } from '../template/gostring.js';
import { formatFloat } from '../template/strconv.js';
import { GoInt, GoStruct, type GoValue, sliceType, T_STRING_SLICE, tagSliceType } from '../template/value.js';
import { underscoreOK } from '../template/parse-number.js';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const TWO_POW_63 = 2 ** 63;

/** An `int` parameter as a JS number (the executor passes GoInt; plain numbers are accepted too). */
export function intArg(v: GoValue): number {
  if (v instanceof GoInt) return Number(v.value);
  if (typeof v === 'number') return Math.trunc(v);
  return 0;
}

/** Go's conversion int64(f) on amd64: truncation, and 0x8000000000000000 for NaN or overflow. */
export function float64ToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= TWO_POW_63 || f < -TWO_POW_63) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/** Wraps an integer to int64 as Go's integer conversions do. */
export function wrapInt64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** The result of strconv.ParseInt: the value Go returns, and its error kind if any. */
export interface ParsedInt {
  value: bigint;
  error?: 'syntax' | 'range';
}

const lower = (c: string): string => c.toLowerCase();

/**
 * strconv.ParseInt(s, base, 64). Base 0 reads Go literal prefixes (0x, 0o, 0b, leading 0 for
 * octal) and allows `_` separators; a range error returns the clamped value, as Go does.
 */
export function parseInt64(s: string, base: number): ParsedInt {
  if (s === '') return { value: 0n, error: 'syntax' };
  let body = s;
  let neg = false;
  if (body[0] === '+' || body[0] === '-') {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  const un = parseUint64(body, base);
  if (un.error === 'syntax') return { value: 0n, error: 'syntax' };
  if (!neg && (un.error === 'range' || un.value > INT64_MAX)) return { value: INT64_MAX, error: 'range' };
  if (neg && (un.error === 'range' || un.value > -INT64_MIN)) return { value: INT64_MIN, error: 'range' };
  return { value: neg ? -un.value : un.value };
}

/** strconv.ParseUint(s, base, 64), without a sign. */
function parseUint64(s0: string, base0: number): ParsedInt {
  if (s0 === '') return { value: 0n, error: 'syntax' };
  const base0Prefix = base0 === 0;
  let s = s0;
  let base = base0;
  if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? lower(s[1]!) : '';
      if (p === 'b') [base, s] = [2, s.slice(2)];
      else if (p === 'o') [base, s] = [8, s.slice(2)];
      else if (p === 'x') [base, s] = [16, s.slice(2)];
      else [base, s] = [8, s.slice(1)];
    }
  }
  const max = 1n << 64n;
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_' && base0Prefix) {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d < 0 || d >= base) return { value: 0n, error: 'syntax' };
    n = n * BigInt(base) + BigInt(d);
    if (n >= max) return { value: max - 1n, error: 'range' };
  }
  if (underscores && !underscoreOK(s0)) return { value: 0n, error: 'syntax' };
  return { value: n };
}

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  const l = code | 0x20;
  if (l >= 97 && l <= 122) return l - 97 + 10;
  return -1;
}


/**
 * strconv.Atoi(s) as sprig's `atoi` uses it: the value Go returns even on error (0 for bad
 * syntax, the clamped bound when out of range). Base 10, no `_` separators.
 */
export function atoi(s: string): bigint {
  return parseInt64(s, 10).value;
}

/**
 * strconv.ParseFloat(s, 64): decimal and hexadecimal (0x1p-2) forms, `_` separators,
 * inf/infinity/nan in any case. Returns undefined on a syntax error and for out-of-range values
 * (Go returns ±Inf with ErrRange, which cast treats as failure).
 */
export function parseFloat64(s: string): number | undefined {
  const special = parseSpecialFloat(s);
  if (special !== undefined) return special;
  const m = /^([+-]?)(?:(0[xX])((?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+))[pP]([+-]?[0-9_]+)|((?:[0-9_]+\.?[0-9_]*|\.[0-9_]+))(?:[eE]([+-]?[0-9_]+))?)$/.exec(s);
  if (!m) return undefined;
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const strip = (t: string | undefined): string => (t ?? '').replace(/_/g, '');
  let value: number;
  if (m[2] !== undefined) {
    value = hexFloat(strip(m[3]), Number(strip(m[4])));
  } else {
    const mantissa = strip(m[5]);
    if (!/[0-9]/.test(mantissa)) return undefined;
    value = Number(mantissa + (m[6] !== undefined ? 'e' + strip(m[6]) : ''));
  }
  if (!Number.isFinite(value)) return undefined;
  return sign * value;
}

function parseSpecialFloat(s: string): number | undefined {
  const m = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (!m) return undefined;
  if (m[2]!.toLowerCase() === 'nan') return m[1] === '' ? NaN : undefined;
  return m[1] === '-' ? -Infinity : Infinity;
}

/** mantissa (hex digits, optional point) × 2^exp, correctly rounded through an exact decimal. */
function hexFloat(mantissa: string, exp: number): number {
  if (!/[0-9a-fA-F]/.test(mantissa)) return NaN;
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const fracDigits = point < 0 ? 0 : mantissa.length - point - 1;
  const mant = BigInt('0x' + (digits || '0'));
  const e2 = exp - 4 * fracDigits;
  if (mant === 0n) return 0;
  if (e2 >= 0) return Number(mant << BigInt(e2));
  // mant / 2^k == mant * 5^k / 10^k: exact decimal text, which Number() rounds correctly.
  const k = BigInt(-e2);
  return Number(`${mant * 5n ** k}e-${k}`);
}

/** cast's trimZeroDecimal: "10.00" -> "10" so integer parsing accepts it; "1.50" stays. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') {
      foundZero = true;
    } else {
      return s;
    }
  }
  return s;
}

/** cast.ToInt64: ints convert (uint64 wraps), floats truncate, strings parse, anything else 0. */
export function toInt64(v: GoValue): bigint {
  if (v instanceof GoInt) return wrapInt64(v.value);
  switch (typeof v) {
    case 'number':
      return float64ToInt64(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string': {
      const parsed = parseInt64(trimZeroDecimal(v), 0);
      return parsed.error ? 0n : parsed.value;
    }
  }
  return 0n;
}

/** cast.ToInt: the same rules as ToInt64 (Go's int is 64-bit). */
export function toInt(v: GoValue): bigint {
  return toInt64(v);
}

/** cast.ToFloat64: numbers convert, strings parse with strconv.ParseFloat, anything else 0. */
export function toFloat64(v: GoValue): number {
  if (v instanceof GoInt) return Number(v.value);
  switch (typeof v) {
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return parseFloat64(v) ?? 0;
  }
  return 0;
}

/**
 * cast.ToString: strings, numbers (floats as strconv 'f' -1), bools, []byte, Stringers; nil
 * and unsupported values give "".
 */
export function toString(v: GoValue): string {
  if (v instanceof GoInt) return v.value.toString();
  if (v instanceof Uint8Array) return goStringFromBytes(v);
  if (v instanceof GoStruct) return v.goString() ?? '';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return String(v);
    case 'number':
      return formatFloat(v, 'f', -1, 64);
  }
  return '';
}

/** sprig strval: strings as they are, []byte as text, everything else as fmt's %v prints it. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return goStringFromBytes(v);
  // A list or map sharing sub-values prints exponentially long: its size is reserved first.
  if (Array.isArray(v) || v instanceof Map) reservePrinted(v);
  // undefined reaches sprig as a nil interface.
  return sprint([v === undefined ? null : v]);
}

/**
 * sprig strslice (`toStrings`, and `join`/`sortAlpha` input): a []string is returned as the same
 * slice (sortAlpha then sorts it in place, as in Go), other slices are converted element-wise
 * skipping nil elements, nil gives [], and any other value a one-element list.
 */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) {
    if (sliceType(v) === T_STRING_SLICE) return v as string[];
    const out: string[] = [];
    for (const e of v) if (e !== null && e !== undefined) out.push(strval(e));
    return tagSliceType(out, T_STRING_SLICE);
  }
  if (v instanceof Uint8Array) {
    reserveElements(v.length);
    return tagSliceType(Array.from(v, (b) => String(b)), T_STRING_SLICE);
  }
  if (v === null || v === undefined) return tagSliceType([], T_STRING_SLICE);
  return tagSliceType([strval(v)], T_STRING_SLICE);
}
