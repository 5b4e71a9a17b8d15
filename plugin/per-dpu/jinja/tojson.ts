/**
 * The `tojson` filter: Python `json.dumps(value, sort_keys=True[, indent=n])` (ensure_ascii, `, `
 * and `: ` separators, floats by repr) with Jinja2's htmlsafe_json_dumps escaping of < > & '.
 */
import { BoundedText } from './bounded-text.js';
import { budget } from './budget.js';
import { JinjaError, typeError } from './errors.js';
import { intToDecimal } from './pyint.js';
import { pyCmp } from './pyops.js';
import { stableSort } from './pymethods.js';
import { floatRepr } from './pynum.js';
import { Markup, PyDict, PyTuple, Undefined, typeName, type PyValue } from './values.js';

/** Printable ASCII without '"' or '\\': json.dumps copies it unchanged. */
const JSON_PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** json.dumps string encoding with ensure_ascii=True, into `out` (a \uXXXX escape is 6x). */
function jsonString(s: string, text: BoundedText): void {
  text.reserve(s.length + 2);
  if (JSON_PLAIN.test(s)) return text.push('"' + s + '"');
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    if (out.length >= 4096) {
      text.push(out);
      out = '';
    }
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
  text.push(out + '"');
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
  if (typeof k === 'bigint') return intToDecimal(k);
  if (typeof k === 'number') return jsonFloat(k);
  throw typeError(`keys must be str, int, float, bool or None, not ${typeName(k)}`);
}

function newline(indent: string | undefined, level: number, out: BoundedText): string {
  if (indent === undefined) return '';
  out.reserve(1 + indent.length * level);
  return '\n' + indent.repeat(level);
}

/** json.dumps of v into `out`, which refuses as soon as the text passes the string limit. */
function encode(v: PyValue, indent: string | undefined, level: number, seen: Set<object>, out: BoundedText): void {
  budget().step();
  if (typeof v === 'string') return jsonString(v, out);
  if (v instanceof Markup) return jsonString(v.s, out);
  if (typeof v === 'boolean') return out.push(v ? 'true' : 'false');
  if (v === null) return out.push('null');
  if (typeof v === 'bigint') return out.push(intToDecimal(v));
  if (typeof v === 'number') return out.push(jsonFloat(v));
  const sep = indent === undefined ? ', ' : ',';
  if (Array.isArray(v) || v instanceof PyTuple) {
    const items = Array.isArray(v) ? v : v.items;
    if (!items.length) return out.push('[]');
    if (seen.has(v)) throw new JinjaError('type', 'ValueError', 'Circular reference detected');
    seen.add(v);
    out.push('[');
    items.forEach((x, i) => {
      out.push((i ? sep : '') + newline(indent, level + 1, out));
      encode(x, indent, level + 1, seen, out);
    });
    out.push(newline(indent, level, out) + ']');
    seen.delete(v);
    return;
  }
  if (v instanceof PyDict) {
    if (!v.size) return out.push('{}');
    if (seen.has(v)) throw new JinjaError('type', 'ValueError', 'Circular reference detected');
    seen.add(v);
    // sort_keys sorts the original keys (ints numerically; mixed types raise TypeError)
    const entries = stableSort(v.entries(), (a, b) => pyCmp(a[0], b[0])).map(([k, x]) => [keyString(k), x] as const);
    out.push('{');
    entries.forEach(([k, x], i) => {
      out.push((i ? sep : '') + newline(indent, level + 1, out));
      jsonString(k, out);
      out.push(': ');
      encode(x, indent, level + 1, seen, out);
    });
    out.push(newline(indent, level, out) + '}');
    seen.delete(v);
    return;
  }
  const tn = v instanceof Undefined ? (v.strict ? 'StrictUndefined' : 'Undefined') : typeName(v);
  throw typeError(`Object of type ${tn} is not JSON serializable`);
}

const HTML_SAFE: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', "'": '\\u0027' };

/** Jinja2's `tojson` filter. */
export function toJson(v: PyValue, indent?: PyValue): Markup {
  let ind: string | undefined;
  if (indent !== undefined && indent !== null) {
    if (typeof indent === 'string') ind = indent;
    else if (indent instanceof Markup) ind = indent.s;
    else if (typeof indent === 'bigint' || typeof indent === 'boolean') {
      // json.dumps indents by ' ' * indent (a bool is an int); the width is bounded like any string
      const n = BigInt(indent);
      budget().stringOf(n > 0n ? Number(n) : 0);
      ind = ' '.repeat(n > 0n ? Number(n) : 0);
    } else throw typeError(`indent must be int or str, not ${typeName(indent)}`);
  }
  const out = new BoundedText();
  encode(v, ind, 0, new Set(), out);
  const json = out.text();
  // htmlsafe_json_dumps escapes < > & ' as six-character \u sequences: sized before they are made
  let grow = 0;
  for (let i = 0; i < json.length; i++) if (HTML_SAFE[json[i]!] !== undefined) grow += 5;
  budget().stringOf(json.length + grow);
  return new Markup(grow ? json.replace(/[<>&']/g, (c) => HTML_SAFE[c]!) : json);
}
