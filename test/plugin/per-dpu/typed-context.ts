/**
 * Decodes the typed JSON form of PyYAML-loaded values that scripts/record/jinja/record.py writes
 * ({"$int": "1"}, {"$float": "1.0"}, {"$dict": [[k, v], ...]}, {"$date": "2024-01-02"}) into the
 * engine's Python value model, so parity tests feed the engine exactly what Python rendered.
 */
import { PyDate, PyDict, type PyValue } from '../../../plugin/per-dpu/jinja/index.js';

export type TypedValue = string | boolean | null | TypedValue[] | { $int: string } | { $float: string } | { $date: string } | { $datetime: string } | { $dict: [TypedValue, TypedValue][] };

export function decodeTypedFixtureValue(v: TypedValue): PyValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(decodeTypedFixtureValue);
  if ('$int' in v) return BigInt(v.$int);
  if ('$float' in v) return v.$float === 'inf' ? Infinity : v.$float === '-inf' ? -Infinity : v.$float === 'nan' ? NaN : Number(v.$float);
  if ('$date' in v) {
    const [y, m, d] = v.$date.split('-').map(Number) as [number, number, number];
    return new PyDate(y, m, d);
  }
  if ('$datetime' in v) {
    const m = /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)(?:\.(\d+))?(?:([+-])(\d+):(\d+))?$/.exec(v.$datetime);
    if (!m) throw new Error(`bad datetime ${v.$datetime}`);
    const time: { hour: number; minute: number; second: number; micro: number; utcOffsetMin?: number } = {
      hour: +m[4]!, minute: +m[5]!, second: +m[6]!, micro: m[7] ? +m[7].padEnd(6, '0') : 0,
    };
    if (m[8]) time.utcOffsetMin = (m[8] === '-' ? -1 : 1) * (+m[9]! * 60 + +m[10]!);
    return new PyDate(+m[1]!, +m[2]!, +m[3]!, time);
  }
  return PyDict.from(v.$dict.map(([k, x]) => [decodeTypedFixtureValue(k), decodeTypedFixtureValue(x)]));
}
