/**
 * One JSON value read from the front of a string, as `--set-json` reads it with Go's
 * json.Decoder: leading JSON whitespace is skipped, exactly one value is decoded, and the
 * text after it is left for the `key=value` scanner (so `a=1 b=2` and `a={"x":1},b=2` work).
 * Numbers become float64 (JS numbers); objects become Go maps.
 */
import type { GoMap, GoValue } from '../template/value.js';

/** The decoded value and how many runes (code points) of the input it took. */
export interface JsonPrefix {
  value: GoValue;
  consumedRunes: number;
}

/** Decodes the first JSON value of `text`, or returns an Error when Go's decoder would fail. */
export function decodeJsonPrefix(text: string): JsonPrefix | Error {
  let start = 0;
  while (start < text.length && isJsonSpace(text[start] as string)) start++;
  const end = scanValue(text, start);
  if (end instanceof Error) return end;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start, end));
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  const value = toGoValue(parsed);
  if (value instanceof Error) return value;
  return { value, consumedRunes: Array.from(text.slice(0, end)).length };
}

function isJsonSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** The index just past the JSON value starting at `i` (structure only; JSON.parse validates). */
function scanValue(text: string, i: number): number | Error {
  const c = text[i];
  if (c === undefined) return new Error('unexpected EOF');
  if (c === '"') return scanString(text, i);
  if (c === '{' || c === '[') return scanContainer(text, i);
  if (c === '-' || (c >= '0' && c <= '9')) return scanNumber(text, i);
  for (const lit of ['true', 'false', 'null']) {
    if (text.startsWith(lit, i)) return i + lit.length;
  }
  return new Error(`invalid character '${c}' looking for beginning of value`);
}

function scanString(text: string, i: number): number | Error {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  return new Error('unexpected EOF');
}

/** Matching brackets, skipping strings; a mismatched closer is an error. */
function scanContainer(text: string, i: number): number | Error {
  const stack: string[] = [];
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"') {
      const end = scanString(text, j);
      if (end instanceof Error) return end;
      j = end - 1;
    } else if (c === '{' || c === '[') {
      stack.push(c === '{' ? '}' : ']');
    } else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return new Error(`invalid character '${c}'`);
      if (stack.length === 0) return j + 1;
    }
  }
  return new Error('unexpected EOF');
}

/** Go's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, ending where it stops. */
function scanNumber(text: string, i: number): number | Error {
  // A started part that cannot complete (`-x`, `1.x`, `1ex`) is a syntax error in Go's scanner;
  // any other character simply ends the number.
  const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i));
  if (m === null) return new Error('invalid number');
  const rest = text.slice(i + m[0].length);
  const body = m[0];
  if (rest.startsWith('.') && !/[.eE]/.test(body)) return new Error('invalid number');
  if (/^[eE]/.test(rest) && !/[eE]/.test(body)) return new Error('invalid number');
  return i + body.length;
}

function toGoValue(v: unknown): GoValue | Error {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    return Number.isFinite(v) ? v : new Error('cannot unmarshal number into Go value of type float64');
  }
  if (Array.isArray(v)) {
    const out: GoValue[] = [];
    for (const item of v) {
      const g = toGoValue(item);
      if (g instanceof Error) return g;
      out.push(g);
    }
    return out;
  }
  const m: GoMap = new Map();
  for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
    const g = toGoValue(item);
    if (g instanceof Error) return g;
    m.set(k, g);
  }
  return m;
}
