/**
 * Python's str() and repr() of template values, which is what `{{ x }}` prints in Jinja2:
 * `True`, `None`, `1.0`, `['a', 1]`, `{'k': None}`, `('a',)`, `datetime.date(2024, 1, 2)`.
 * A repr is built piece by piece against the render's string limit (BoundedText): a list can
 * hold the same large value many times, and its repr must be refused before it is built.
 */
import { BoundedText } from './bounded-text.js';
import { JinjaError } from './errors.js';
import { intToDecimal } from './pyint.js';
import { floatRepr } from './pynum.js';
import {
  LoopContext,
  Macro,
  Markup,
  Namespace,
  PyCallable,
  PyDate,
  PyDict,
  PyIterator,
  PyRange,
  PyTuple,
  Undefined,
  objectTypeRepr,
  type PyValue,
} from './values.js';

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python repr(str): single quotes unless the text has ' and no ". */
export function pyReprStr(s: string): string {
  const out = new BoundedText();
  reprStrInto(s, out);
  return out.text();
}

/** Printable ASCII without quotes or '\\': repr() only adds the quotes. */
const REPR_PLAIN = /^[\x20\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;

function reprStrInto(s: string, text: BoundedText): void {
  text.reserve(s.length + 2);
  if (REPR_PLAIN.test(s)) return text.push("'" + s + "'");
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  // escapes grow a character up to 10 times: the bound is checked every 4096 characters
  let out = quote;
  for (const ch of s) {
    if (out.length >= 4096) {
      text.push(out);
      out = '';
    }
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x7f) out += ch;
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += '\\x' + cp.toString(16).padStart(2, '0');
      else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
      else out += '\\U' + cp.toString(16).padStart(8, '0');
    } else out += ch;
  }
  text.push(out + quote);
}

/** The message of an UndefinedError, built as jinja2.Undefined._undefined_message does. */
export function undefinedMessage(u: Undefined): string {
  if (u.hint !== undefined) return u.hint;
  if (!u.hasObj) return `${pyRepr(u.name ?? null)} is undefined`;
  if (typeof u.name !== 'string') return `${objectTypeRepr(u.obj ?? null)} has no element ${pyRepr(u.name ?? null)}`;
  return `${pyReprStr(objectTypeRepr(u.obj ?? null))} has no attribute ${pyReprStr(u.name)}`;
}

/** The UndefinedError raised when a strict Undefined is used. */
export function undefinedError(u: Undefined): JinjaError {
  // Jinja2's sandbox raises SecurityError when an unsafe attribute's Undefined is used
  if (u.hint?.startsWith('access to attribute')) return new JinjaError('security', 'SecurityError', u.hint);
  const e = new JinjaError('undefined', 'UndefinedError', undefinedMessage(u));
  if (u.name !== undefined && u.name !== null) e.variable = typeof u.name === 'string' ? u.name : pyRepr(u.name);
  return e;
}

/** Python str(v). Throws UndefinedError for a strict Undefined. */
export function pyStr(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Markup) return v.s;
  if (v instanceof Undefined) {
    if (v.strict) throw undefinedError(v);
    return '';
  }
  if (v instanceof PyDate) return dateStr(v, ' ');
  return pyRepr(v);
}

/** Python repr(v). */
export function pyRepr(v: PyValue): string {
  // scalars print without a builder (the common case: an int or a float in a startup config)
  if (typeof v === 'bigint') return intToDecimal(v);
  if (typeof v === 'number') return floatRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return 'None';
  const out = new BoundedText();
  reprInto(v, out, new Set());
  return out.text();
}

function reprItems(items: readonly PyValue[], out: BoundedText, seen: Set<object>): void {
  items.forEach((x, i) => {
    if (i) out.push(', ');
    reprInto(x, out, seen);
  });
}

function reprInto(v: PyValue, out: BoundedText, seen: Set<object>): void {
  if (typeof v === 'string') return reprStrInto(v, out);
  if (typeof v === 'bigint') return out.push(intToDecimal(v));
  if (typeof v === 'number') return out.push(floatRepr(v));
  if (typeof v === 'boolean') return out.push(v ? 'True' : 'False');
  if (v === null) return out.push('None');
  if (Array.isArray(v)) {
    if (seen.has(v)) return out.push('[...]');
    seen.add(v);
    out.push('[');
    reprItems(v, out, seen);
    out.push(']');
    seen.delete(v);
    return;
  }
  if (v instanceof PyTuple) {
    out.push('(');
    reprItems(v.items, out, seen);
    out.push(v.items.length === 1 ? ',)' : ')');
    return;
  }
  if (v instanceof PyDict) {
    if (seen.has(v)) return out.push('{...}');
    seen.add(v);
    out.push('{');
    v.entries().forEach(([k, x], i) => {
      if (i) out.push(', ');
      reprInto(k, out, seen);
      out.push(': ');
      reprInto(x, out, seen);
    });
    out.push('}');
    seen.delete(v);
    return;
  }
  if (v instanceof Markup) {
    out.push('Markup(');
    reprStrInto(v.s, out);
    return out.push(')');
  }
  if (v instanceof Undefined) {
    if (v.strict) throw undefinedError(v);
    return out.push('Undefined');
  }
  if (v instanceof PyDate) return out.push(dateRepr(v));
  if (v instanceof PyRange) {
    const [start, stop, step] = [v.start, v.stop, v.step].map(intToDecimal);
    return out.push(v.step === 1n ? `range(${start}, ${stop})` : `range(${start}, ${stop}, ${step})`);
  }
  // Python prints an address here (`<generator object sync_do_map at 0x7f..>`); ours has none.
  if (v instanceof PyIterator) {
    if (!v.reusable) return out.push(`<${v.typeName} object ${v.producer}>`);
    out.push(`${v.typeName}(`);
    reprInto([...v.peek()], out, seen);
    return out.push(')');
  }
  if (v instanceof Namespace) {
    out.push('<Namespace {');
    [...v.attrs].forEach(([k, x], i) => {
      if (i) out.push(', ');
      reprStrInto(k, out);
      out.push(': ');
      reprInto(x, out, seen);
    });
    return out.push('}>');
  }
  if (v instanceof LoopContext) return out.push(`<LoopContext ${v.index0 + 1}/${v.length}>`);
  if (v instanceof Macro) {
    out.push('<Macro ');
    reprStrInto(v.name, out);
    return out.push('>');
  }
  if (v instanceof PyCallable) return out.push(v.owner === undefined ? `<built-in function ${v.name}>` : `<built-in method ${v.name} of ${v.owner} object>`);
  out.push('<object>');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dateStr(d: PyDate, sep: string): string {
  const date = `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
  if (!d.time) return date;
  const t = d.time;
  let s = `${date}${sep}${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  if (t.micro) s += '.' + pad(t.micro, 6);
  if (t.utcOffsetMin !== undefined) {
    const m = Math.abs(t.utcOffsetMin);
    s += `${t.utcOffsetMin < 0 ? '-' : '+'}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
  }
  return s;
}

/** datetime.date.isoformat() / datetime.isoformat(). */
export function dateIso(d: PyDate): string {
  return dateStr(d, 'T');
}

function dateRepr(d: PyDate): string {
  if (!d.time) return `datetime.date(${d.year}, ${d.month}, ${d.day})`;
  const t = d.time;
  const parts = [d.year, d.month, d.day, t.hour, t.minute];
  if (t.second || t.micro) parts.push(t.second);
  if (t.micro) parts.push(t.micro);
  let s = `datetime.datetime(${parts.join(', ')}`;
  if (t.utcOffsetMin !== undefined) {
    s += t.utcOffsetMin === 0 ? ', tzinfo=datetime.timezone.utc' : `, tzinfo=datetime.timezone(datetime.timedelta(${tzDelta(t.utcOffsetMin)}))`;
  }
  return s + ')';
}

function tzDelta(min: number): string {
  // timedelta normalizes negatives to days=-1, seconds=...
  if (min >= 0) return `seconds=${min * 60}`;
  return `days=-1, seconds=${86400 + min * 60}`;
}
