/**
 * The pieces of Go's strconv that YAML/JSON serialization depends on: shortest float formatting
 * (FormatFloat with precision -1, for float64 and float32) and integer parsing with base prefixes
 * (ParseInt/ParseUint with base 0), so that go-yaml's resolution and printing match byte for byte.
 */
import { formatFloat as strconvFormatFloat } from '../template/strconv.js';

/**
 * strconv.FormatFloat(f, fmt, -1, bitSize): the shortest representation that reads back exactly
 * ('g' switches to exponent form when the decimal exponent is < -4 or >= 6, giving `1e+06` for a
 * million and `123456` below it). One implementation serves fmt and serialization: this is
 * helm/template/strconv.ts's FormatFloat with precision -1. As in Go, a float64 beyond float32's
 * range formats as `+Inf`/`-Inf` when bitSize is 32.
 */
export function formatFloat(f: number, fmt: 'g' | 'e' | 'f', bitSize: 32 | 64 = 64): string {
  return strconvFormatFloat(f, fmt, -1, bitSize);
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Digits of s in base, or undefined when s is empty or has a non-digit (underscores excluded). */
function parseDigits(s: string, base: number): bigint | undefined {
  if (s.length === 0) return undefined;
  let v = 0n;
  const b = BigInt(base);
  for (const ch of s) {
    const c = ch.toLowerCase();
    let d: number;
    if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
    else if (c >= 'a' && c <= 'z') d = c.charCodeAt(0) - 87;
    else return undefined;
    if (d >= base) return undefined;
    v = v * b + BigInt(d);
  }
  return v;
}

/** The base (and digits) strconv's base-0 parsing picks from a prefix. */
function splitBasePrefix(s: string): [number, string] {
  if (s.length >= 2 && s[0] === '0') {
    const p = s[1]!.toLowerCase();
    if (p === 'x') return [16, s.slice(2)];
    if (p === 'o') return [8, s.slice(2)];
    if (p === 'b') return [2, s.slice(2)];
    return [8, s.slice(1)];
  }
  return [10, s];
}

/** strconv.ParseUint(s, 0, 64) (without underscore support): undefined on any error. */
export function parseUint64(s: string): bigint | undefined {
  const [base, digits] = splitBasePrefix(s);
  const v = parseDigits(digits, base);
  if (v === undefined || v > UINT64_MAX) return undefined;
  return v;
}

/** strconv.ParseInt(s, 0, 64) (without underscore support): undefined on any error. */
export function parseInt64(s: string): bigint | undefined {
  let neg = false;
  let body = s;
  if (body.startsWith('+') || body.startsWith('-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  const u = parseUint64(body);
  if (u === undefined) return undefined;
  const v = neg ? -u : u;
  if (v < INT64_MIN || v > INT64_MAX) return undefined;
  return v;
}

/** strconv.ParseInt(s, base, 64) for an explicit base (go-yaml's 0b handling). */
export function parseInt64Base(s: string, base: number): bigint | undefined {
  let neg = false;
  let body = s;
  if (body.startsWith('+') || body.startsWith('-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  const u = parseDigits(body, base);
  if (u === undefined) return undefined;
  const v = neg ? -u : u;
  if (v < INT64_MIN || v > INT64_MAX) return undefined;
  return v;
}

/** strconv.ParseUint(s, base, 64) for an explicit base. */
export function parseUint64Base(s: string, base: number): bigint | undefined {
  const v = parseDigits(s, base);
  if (v === undefined || v > UINT64_MAX) return undefined;
  return v;
}
