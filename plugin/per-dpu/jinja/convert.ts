/**
 * Conversions between plain JavaScript data and the Python value model. JSON numbers carry no
 * int/float distinction: an integral number becomes a Python int, any other a float. Values that
 * must keep YAML's typing (`1.0` is a float) come from yaml11.ts instead.
 */
import { PyDate, PyDict, PyTuple, Markup, type PyValue } from './values.js';
import { dateIso } from './pyrepr.js';

/** Plain JS data (JSON-like, Date, bigint, Map) to Python values. */
export function toPyValue(v: unknown): PyValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toPyValue);
  if (v instanceof Date) {
    return new PyDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate(), {
      hour: v.getUTCHours(), minute: v.getUTCMinutes(), second: v.getUTCSeconds(), micro: v.getUTCMilliseconds() * 1000, utcOffsetMin: 0,
    });
  }
  if (v instanceof Map) return PyDict.from([...v].map(([k, x]) => [toPyValue(k), toPyValue(x)]));
  if (typeof v === 'object') return PyDict.from(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toPyValue(x)]));
  return null;
}

/** Python values to JSON-compatible JS (ints beyond 2**53 stay bigint; dates become ISO text). */
export function fromPyValue(v: PyValue): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(fromPyValue);
  if (v instanceof PyTuple) return v.items.map(fromPyValue);
  if (v instanceof PyDict) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v.entries()) o[typeof k === 'string' ? k : String(fromPyValue(k))] = fromPyValue(x);
    return o;
  }
  if (v instanceof Markup) return v.s;
  if (v instanceof PyDate) return dateIso(v);
  return null;
}
