/**
 * The `tojson` filter: Python `json.dumps(value, sort_keys=True[, indent=n])` (ensure_ascii, `, `
 * and `: ` separators, floats by repr) with Jinja2's htmlsafe_json_dumps escaping of < > & '.
 */
import { budget } from './budget.js';
import { JinjaError, typeError } from './errors.js';
import { pyCmp } from './pyops.js';
import { stableSort } from './pymethods.js';
import { floatRepr } from './pynum.js';
import { Markup, PyDict, PyTuple, Undefined, typeName, type PyValue } from './values.js';

/** json.dumps string encoding with ensure_ascii=True. */
function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function jsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return floatRepr(x);
}

function keyString(k: PyValue): string {
  if (typeof k === 'string') return k;
  if (k instanceof Markup) return k.s;
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (k === null) return 'null';
  if (typeof k === 'bigint') return k.toString();
  if (typeof k === 'number') return jsonFloat(k);
  throw typeError(`keys must be str, int, float, bool or None, not ${typeName(k)}`);
}

function encode(v: PyValue, indent: string | undefined, level: number, seen: Set<object>): string {
  budget().step();
  if (typeof v === 'string') return jsonString(v);
  if (v instanceof Markup) return jsonString(v.s);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return jsonFloat(v);
  const nl = indent === undefined ? '' : '\n' + indent.repeat(level + 1);
  const close = indent === undefined ? '' : '\n' + indent.repeat(level);
  const sep = indent === undefined ? ', ' : ',';
  if (Array.isArray(v) || v instanceof PyTuple) {
    const items = Array.isArray(v) ? v : v.items;
    if (!items.length) return '[]';
    if (seen.has(v)) throw new JinjaError('type', 'ValueError', 'Circular reference detected');
    seen.add(v);
    const s = '[' + nl + items.map((x) => encode(x, indent, level + 1, seen)).join(sep + nl) + close + ']';
    seen.delete(v);
    return s;
  }
  if (v instanceof PyDict) {
    if (!v.size) return '{}';
    if (seen.has(v)) throw new JinjaError('type', 'ValueError', 'Circular reference detected');
    seen.add(v);
    // sort_keys sorts the original keys (ints numerically; mixed types raise TypeError)
    const entries = stableSort(v.entries(), (a, b) => pyCmp(a[0], b[0])).map(([k, x]) => [keyString(k), x] as const);
    const s = '{' + nl + entries.map(([k, x]) => `${jsonString(k)}: ${encode(x, indent, level + 1, seen)}`).join(sep + nl) + close + '}';
    seen.delete(v);
    return s;
  }
  const tn = v instanceof Undefined ? (v.strict ? 'StrictUndefined' : 'Undefined') : typeName(v);
  throw typeError(`Object of type ${tn} is not JSON serializable`);
}

/** Jinja2's `tojson` filter. */
export function toJson(v: PyValue, indent?: PyValue): Markup {
  let ind: string | undefined;
  if (indent !== undefined && indent !== null) {
    if (typeof indent === 'string') ind = indent;
    else if (typeof indent === 'bigint') ind = ' '.repeat(Math.max(0, Math.min(Number(indent), 64)));
    else throw typeError(`indent must be int or str, not ${typeName(indent)}`);
  }
  const s = encode(v, ind, 0, new Set());
  budget().stringOf(s.length);
  return new Markup(s.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027'));
}
