/**
 * Python semantics of the operations a template performs: truth value, iteration, len, ==, <,
 * `in`, arithmetic (int as bigint, float as number, bool as int), and Jinja2's
 * Environment.getattr / getitem (attribute first for `.x`, item first for `[x]`, Undefined when
 * both fail). Sizes are checked against the active budget before anything large is built.
 */
import { renderMode } from './mode.js';
import { budget } from './budget.js';
import { JinjaError, limitError, typeError } from './errors.js';
import { TWO_53, bitLength, fitsSsize, intToFloat, intTrueDiv } from './pyint.js';
import { floatFloorDiv, floatMod, intFloorDiv, intMod } from './pynum.js';
import { getMethod } from './pymethods.js';
import { dateIso, pyRepr, pyStr, undefinedError } from './pyrepr.js';
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
  typeName,
  undefinedHint,
  unsafeUndefined,
  undefinedMember,
  type PyValue,
} from './values.js';

/** Raises the UndefinedError of a strict Undefined; returns lenient ones. */
export function failIfStrict(v: PyValue): void {
  if (v instanceof Undefined && v.strict) throw undefinedFailure(v);
}

/** The error a use of `u` raises (SecurityError for a blocked attribute). */
export function undefinedFailure(u: Undefined): JinjaError {
  return undefinedError(u);
}

/** Python bool(v). */
export function truthy(v: PyValue): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'number') return v !== 0;
  if (v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict) return v.size > 0;
  if (v instanceof Markup) return v.s.length > 0;
  if (v instanceof PyRange) return v.length > 0;
  if (v instanceof Undefined) {
    failIfStrict(v);
    return false;
  }
  return true;
}

/** Python len(str): code points. */
export function strLen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** Python list(iter(v)). */
export function iterate(v: PyValue): PyValue[] {
  if (typeof v === 'string') return Array.from(v);
  if (Array.isArray(v)) return v.slice();
  if (v instanceof PyTuple) return v.items.slice();
  if (v instanceof PyDict) return v.keys();
  if (v instanceof Markup) return Array.from(v.s);
  if (v instanceof PyRange) {
    const n = v.length;
    budget().collectionOf(n);
    const out: PyValue[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = v.at(i);
    return out;
  }
  if (v instanceof PyIterator) return v.take().slice();
  if (v instanceof LoopContext) return v.items.slice();
  if (v instanceof Undefined) {
    failIfStrict(v);
    return [];
  }
  throw typeError(`'${typeName(v)}' object is not iterable`);
}

/** Python len(v). */
export function pyLen(v: PyValue): number {
  if (typeof v === 'string') return strLen(v);
  if (Array.isArray(v)) return v.length;
  if (v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict) return v.size;
  if (v instanceof Markup) return strLen(v.s);
  if (v instanceof PyRange) return v.length;
  if (v instanceof LoopContext) return v.length;
  failIfStrict(v);
  if (v instanceof Undefined) return 0; // jinja2.Undefined.__len__
  throw typeError(`object of type '${typeName(v)}' has no len()`);
}

function isNumeric(v: PyValue): v is bigint | number | boolean {
  return typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
}

function asInt(v: bigint | boolean): bigint {
  return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
}

function strOf(v: PyValue): string | undefined {
  return typeof v === 'string' ? v : v instanceof Markup ? v.s : undefined;
}

/** Python a == b. */
export function pyEq(a: PyValue, b: PyValue): boolean {
  if (a instanceof Undefined || b instanceof Undefined) {
    failIfStrict(a);
    failIfStrict(b);
    return a instanceof Undefined && b instanceof Undefined;
  }
  if (isNumeric(a) && isNumeric(b)) return numEqExact(a, b);
  const sa = strOf(a);
  const sb = strOf(b);
  if (sa !== undefined || sb !== undefined) return sa === sb;
  if (a === null || b === null) return a === b;
  // Python compares container items with PyObject_RichCompareBool, which takes identity as
  // equality: comparing a list with itself costs nothing there, and must not here.
  if (a === b && typeof a === 'object') return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => itemEq(x, b[i]!));
  if (a instanceof PyTuple && b instanceof PyTuple) return a.items.length === b.items.length && a.items.every((x, i) => itemEq(x, b.items[i]!));
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.size !== b.size) return false;
    return a.entries().every(([k, v]) => b.has(k) && itemEq(v, b.get(k)!));
  }
  if (a instanceof PyDate && b instanceof PyDate) return JSON.stringify(a) === JSON.stringify(b);
  if (a instanceof PyRange && b instanceof PyRange) return pyEq(iterate(a), iterate(b));
  return a === b;
}

/**
 * One item of a container comparison, charged a step: one `==` or `sort` over large nested data
 * reaches the step limit instead of running for minutes between two template nodes.
 */
function itemEq(a: PyValue, b: PyValue): boolean {
  budget().step();
  return pyEq(a, b);
}

/** Exact comparison of an int with a float (2**53 + 1 != 2.0**53). */
function numEqExact(a: bigint | number | boolean, b: bigint | number | boolean): boolean {
  const x = typeof a === 'boolean' ? BigInt(+a) : a;
  const y = typeof b === 'boolean' ? BigInt(+b) : b;
  if (typeof x === 'bigint' && typeof y === 'number') return Number.isInteger(y) && BigInt(y) === x;
  if (typeof y === 'bigint' && typeof x === 'number') return Number.isInteger(x) && BigInt(x) === y;
  return x === y;
}

const OP_SYMBOL = { lt: '<', lteq: '<=', gt: '>', gteq: '>=' } as const;

/** Python ordering comparison; TypeError for unordered types, as Python 3 raises. */
export function pyCompare(op: 'lt' | 'lteq' | 'gt' | 'gteq', a: PyValue, b: PyValue): boolean {
  const c = pyCmp(a, b, OP_SYMBOL[op]);
  if (Number.isNaN(c)) return false;
  switch (op) {
    case 'lt': return c < 0;
    case 'lteq': return c <= 0;
    case 'gt': return c > 0;
    case 'gteq': return c >= 0;
  }
}

/** Three-way Python comparison (NaN when a float NaN is involved). */
export function pyCmp(a: PyValue, b: PyValue, sym = '<'): number {
  failIfStrict(a);
  failIfStrict(b);
  if (isNumeric(a) && isNumeric(b)) {
    const x = typeof a === 'boolean' ? BigInt(+a) : a;
    const y = typeof b === 'boolean' ? BigInt(+b) : b;
    if (typeof x === 'number' && Number.isNaN(x)) return NaN;
    if (typeof y === 'number' && Number.isNaN(y)) return NaN;
    // JS compares bigint with number exactly.
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const sa = strOf(a);
  const sb = strOf(b);
  if (sa !== undefined && sb !== undefined) return codePointCompare(sa, sb);
  const seqA = Array.isArray(a) ? a : a instanceof PyTuple ? a.items : undefined;
  const seqB = Array.isArray(b) ? b : b instanceof PyTuple ? b.items : undefined;
  if (seqA && seqB && Array.isArray(a) === Array.isArray(b)) {
    if (a === b) return 0;
    for (let i = 0; i < Math.min(seqA.length, seqB.length); i++) {
      if (!itemEq(seqA[i]!, seqB[i]!)) return pyCmp(seqA[i]!, seqB[i]!, sym);
    }
    return seqA.length - seqB.length;
  }
  if (a instanceof PyDate && b instanceof PyDate && !a.time === !b.time) return codePointCompare(dateIso(a), dateIso(b));
  throw typeError(`'${sym}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Compares strings by code point, as Python does (JS `<` compares UTF-16 units). */
export function codePointCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Python `item in container`. */
export function pyContains(container: PyValue, item: PyValue): boolean {
  failIfStrict(container);
  failIfStrict(item);
  const s = strOf(container);
  if (s !== undefined) {
    const needle = strOf(item);
    if (needle === undefined) throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return s.includes(needle);
  }
  if (container instanceof PyDict) return container.has(item);
  if (Array.isArray(container) || container instanceof PyTuple || container instanceof PyRange || container instanceof PyIterator) {
    return iterate(container).some((x) => pyEq(x, item));
  }
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}

function unsupported(op: string, a: PyValue, b: PyValue): JinjaError {
  return typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function checkIntSize(n: bigint): bigint {
  const limit = budget().limits.maxIntBits;
  if (n < TWO_53 && n > -TWO_53 && limit >= 53) return n;
  if (bitLength(n) > limit) throw limitError(`integer of more than ${limit} bits`);
  return n;
}

/** The count of `seq * n` (an index-sized int, as Python requires), or undefined for a non-int. */
function repeatCount(n: PyValue): number | undefined {
  if (typeof n === 'bigint' || typeof n === 'boolean') {
    const c = asInt(n);
    if (!fitsSsize(c)) throw new JinjaError('type', 'OverflowError', "cannot fit 'int' into an index-sized integer");
    return c <= 0n ? 0 : Number(c);
  }
  return undefined;
}

/** Python binary arithmetic as Jinja2's Add/Sub/Mul/Div/FloorDiv/Mod/Pow nodes compute it. */
export function binop(op: '+' | '-' | '*' | '/' | '//' | '%' | '**', a: PyValue, b: PyValue): PyValue {
  failIfStrict(a);
  failIfStrict(b);
  if (isNumeric(a) && isNumeric(b)) return numericOp(op, a, b);
  const sa = strOf(a);
  const sb = strOf(b);
  if (op === '+') {
    if (sa !== undefined && sb !== undefined) {
      budget().stringOf(sa.length + sb.length);
      return a instanceof Markup || b instanceof Markup ? markupConcat(a, b) : sa + sb;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      budget().collectionOf(a.length + b.length);
      return [...a, ...b];
    }
    if (a instanceof PyTuple && b instanceof PyTuple) {
      budget().collectionOf(a.items.length + b.items.length);
      return new PyTuple([...a.items, ...b.items]);
    }
    if (sa !== undefined) throw typeError(`can only concatenate str (not "${typeName(b)}") to str`);
    if (Array.isArray(a)) throw typeError(`can only concatenate list (not "${typeName(b)}") to list`);
    if (a instanceof PyTuple) throw typeError(`can only concatenate tuple (not "${typeName(b)}") to tuple`);
  }
  if (op === '*') {
    const [seq, n] = isNumeric(a) ? [b, a] : [a, b];
    const count = repeatCount(n);
    const s = strOf(seq);
    if (count !== undefined && s !== undefined) {
      budget().stringOf(s.length * count);
      const out = s.length === 0 ? '' : s.repeat(count);
      return seq instanceof Markup ? new Markup(out) : out;
    }
    if (count !== undefined && (Array.isArray(seq) || seq instanceof PyTuple)) {
      const items = Array.isArray(seq) ? seq : seq.items;
      budget().collectionOf(items.length * count);
      // an empty sequence repeated 10**18 times is empty: no loop of 10**18 empty copies
      if (items.length === 0) return Array.isArray(seq) ? [] : new PyTuple([]);
      const out: PyValue[] = [];
      for (let i = 0; i < count; i++) out.push(...items);
      return Array.isArray(seq) ? out : new PyTuple(out);
    }
    if (s !== undefined || Array.isArray(seq) || seq instanceof PyTuple) {
      throw typeError(`can't multiply sequence by non-int of type '${typeName(n)}'`);
    }
  }
  if (op === '%' && sa !== undefined) {
    // printf-style formatting; imported lazily to keep the module graph acyclic at load time
    return percentFormatHook(a, b);
  }
  const sym = op === '//' ? '//' : op === '**' ? '** or pow()' : op;
  throw unsupported(sym, a, b);
}

let percentFormatHook: (fmt: PyValue, args: PyValue) => PyValue = () => {
  throw new Error('percent format not registered');
};
/** Registers the `%` string formatter (pyformat.ts). */
export function registerPercentFormat(fn: (fmt: PyValue, args: PyValue) => PyValue): void {
  percentFormatHook = fn;
}

function markupConcat(a: PyValue, b: PyValue): Markup {
  const esc = (v: PyValue) => (v instanceof Markup ? v.s : escapeHtml(strOf(v) ?? pyStr(v)));
  const left = esc(a);
  const right = esc(b);
  budget().stringOf(left.length + right.length);
  return new Markup(left + right);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&#34;' };

/** markupsafe.escape of a plain string; its size (up to 5x) is checked before it is built. */
export function escapeHtml(s: string): string {
  let grow = 0;
  for (let i = 0; i < s.length; i++) {
    const e = HTML_ESCAPES[s[i]!];
    if (e !== undefined) grow += e.length - 1;
  }
  if (grow === 0) return s;
  budget().stringOf(s.length + grow);
  return s.replace(/[&<>'"]/g, (c) => HTML_ESCAPES[c]!);
}

function numericOp(op: string, a: bigint | number | boolean, b: bigint | number | boolean): PyValue {
  const isFloat = typeof a === 'number' || typeof b === 'number';
  if (!isFloat) {
    const x = asInt(a as bigint | boolean);
    const y = asInt(b as bigint | boolean);
    switch (op) {
      case '+': return checkIntSize(x + y);
      case '-': return checkIntSize(x - y);
      case '*': return checkIntSize(x * y);
      case '/':
        return intTrueDiv(x, y);
      case '//':
        if (y === 0n) throw zeroDivision('integer division or modulo by zero');
        return intFloorDiv(x, y);
      case '%':
        if (y === 0n) throw zeroDivision('integer division or modulo by zero');
        return intMod(x, y);
      case '**':
        if (y < 0n) {
          if (x === 0n) throw zeroDivision('0.0 cannot be raised to a negative power');
          return floatPow(intToFloat(x), intToFloat(y));
        }
        return intPow(x, y);
    }
  }
  // Python converts the int operand to float first (OverflowError past the largest double)
  const x = typeof a === 'number' ? a : intToFloat(asInt(a));
  const y = typeof b === 'number' ? b : intToFloat(asInt(b));
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/':
      if (y === 0) throw zeroDivision('float division by zero');
      return x / y;
    case '//':
      if (y === 0) throw zeroDivision('float floor division by zero');
      return floatFloorDiv(x, y);
    case '%':
      if (y === 0) throw zeroDivision('float modulo');
      return floatMod(x, y);
    case '**':
      return floatPow(x, y);
  }
  throw typeError(`bad operator ${op}`);
}

/** Python float ** float: errors where CPython's float_pow raises them. */
function floatPow(x: number, y: number): number {
  if (x === 0 && y < 0) throw zeroDivision('0.0 cannot be raised to a negative power');
  if (x < 0 && Number.isFinite(y) && !Number.isInteger(y)) throw new JinjaError('type', 'ValueError', 'math domain error (complex result)');
  // C99 pow, which Python follows: 1 ** anything and (-1) ** ±inf are 1 (JavaScript says NaN)
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  const r = x ** y;
  // float_pow reports a finite result that overflowed as errno ERANGE
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) throw new JinjaError('type', 'OverflowError', "(34, 'Numerical result out of range')");
  return r;
}

/** int ** non-negative int, refused before it is computed when it would pass maxIntBits. */
function intPow(x: bigint, y: bigint): bigint {
  if (x === 0n || x === 1n) return y === 0n ? 1n : x;
  if (x === -1n) return y % 2n === 0n ? 1n : -1n;
  const limit = budget().limits.maxIntBits;
  // |x| ** y has at least (bits(x) - 1) * y + 1 bits
  if (BigInt(bitLength(x) - 1) * y >= BigInt(limit)) throw limitError(`integer of more than ${limit} bits`);
  return checkIntSize(x ** y);
}

function zeroDivision(msg: string): JinjaError {
  return new JinjaError('zero-division', 'ZeroDivisionError', msg);
}

/** Unary minus / plus. */
export function unary(op: 'neg' | 'pos', v: PyValue): PyValue {
  failIfStrict(v);
  if (typeof v === 'bigint') return op === 'neg' ? -v : v;
  if (typeof v === 'boolean') return op === 'neg' ? -BigInt(+v) : BigInt(+v);
  if (typeof v === 'number') return op === 'neg' ? -v : v;
  throw typeError(`bad operand type for unary ${op === 'neg' ? '-' : '+'}: '${typeName(v)}'`);
}

/** Python's normalization of a sequence index; undefined when out of range. */
function seqIndex(key: PyValue, length: number): number | undefined | 'type' {
  if (typeof key !== 'bigint' && typeof key !== 'boolean') return 'type';
  let i = Number(asInt(key));
  if (i < 0) i += length;
  return i >= 0 && i < length ? i : undefined;
}

/** Python `obj[key]` without Jinja's fallback: a value, or undefined when it raises. */
function pyGetItem(obj: PyValue, key: PyValue): PyValue | undefined {
  if (obj instanceof PyDict) {
    if (Array.isArray(key) || key instanceof PyDict) return undefined;
    return obj.get(key);
  }
  if (Array.isArray(obj) || obj instanceof PyTuple) {
    const items = Array.isArray(obj) ? obj : obj.items;
    const i = seqIndex(key, items.length);
    return typeof i === 'number' ? items[i] : undefined;
  }
  const s = strOf(obj);
  if (s !== undefined) {
    const chars = s.length === strLen(s) ? undefined : Array.from(s);
    const i = seqIndex(key, chars ? chars.length : s.length);
    return typeof i === 'number' ? (chars ? chars[i] : s[i]) : undefined;
  }
  if (obj instanceof PyRange) {
    const i = seqIndex(key, obj.length);
    return typeof i === 'number' ? obj.at(i) : undefined;
  }
  return undefined;
}

/** Python slicing `obj[start:stop:step]` for list, tuple, str. */
export function pySlice(obj: PyValue, start: PyValue, stop: PyValue, step: PyValue): PyValue {
  failIfStrict(obj);
  const st = step === null ? 1 : sliceInt(step);
  if (st === 0) throw new JinjaError('type', 'ValueError', 'slice step cannot be zero');
  const s = strOf(obj);
  const items: readonly PyValue[] | undefined =
    s !== undefined ? Array.from(s) : Array.isArray(obj) ? obj : obj instanceof PyTuple ? obj.items : obj instanceof PyRange ? iterate(obj) : undefined;
  if (!items) return undefinedMember(obj, null);
  const n = items.length;
  const norm = (v: PyValue, dflt: number, lo: number, hi: number) => {
    if (v === null) return dflt;
    let i = sliceInt(v);
    if (i < 0) i += n;
    return Math.min(Math.max(i, lo), hi);
  };
  const out: PyValue[] = [];
  if (st > 0) {
    const a = norm(start, 0, 0, n);
    const b = norm(stop, n, 0, n);
    for (let i = a; i < b; i += st) out.push(items[i]!);
  } else {
    const a = norm(start, n - 1, -1, n - 1);
    const b = norm(stop, -1, -1, n - 1);
    for (let i = a; i > b; i += st) out.push(items[i]!);
  }
  if (s !== undefined) return out.join('');
  return obj instanceof PyTuple ? new PyTuple(out) : out;
}

function sliceInt(v: PyValue): number {
  if (typeof v === 'bigint' || typeof v === 'boolean') return Number(asInt(v));
  throw typeError('slice indices must be integers or None or have an __index__ method');
}

/** Jinja2 Environment.getitem: `obj[key]`, then the attribute when key is a str, else Undefined. */
export function getItem(obj: PyValue, key: PyValue): PyValue {
  // jinja2.Undefined.__getattr__/__getitem__ raise, the lenient one too
  if (obj instanceof Undefined) throw undefinedFailure(obj);
  const v = pyGetItem(obj, key);
  if (v !== undefined) return v;
  if (typeof key === 'string') {
    const a = pyGetAttr(obj, key);
    if (a !== undefined) return a;
  }
  return undefinedMember(obj, key);
}

/** Jinja2 Environment.getattr: the attribute, then `obj[name]`, else Undefined. */
export function getAttr(obj: PyValue, name: string): PyValue {
  // jinja2.Undefined.__getattr__/__getitem__ raise, the lenient one too
  if (obj instanceof Undefined) throw undefinedFailure(obj);
  const a = pyGetAttr(obj, name);
  if (a !== undefined) return a;
  const v = pyGetItem(obj, name);
  if (v !== undefined) return v;
  if (name.startsWith('__') && name.endsWith('__')) {
    // Python internals (__class__, __globals__, __subclasses__ ...) are the usual way out of a
    // Jinja2 template; they are never reachable here, and saying so beats "no attribute".
    return unsafeUndefined(`access to attribute '${name}' of '${typeName(obj)}' object is unsafe.`);
  }
  return undefinedMember(obj, name);
}

/** Python getattr only (the `attr` filter): the attribute, else Undefined. */
export function getAttrOnly(obj: PyValue, name: string): PyValue {
  // jinja2.Undefined.__getattr__/__getitem__ raise, the lenient one too
  if (obj instanceof Undefined) throw undefinedFailure(obj);
  const a = pyGetAttr(obj, name);
  if (a !== undefined) return a;
  if (name.startsWith('__') && name.endsWith('__')) {
    return unsafeUndefined(`access to attribute '${name}' of '${typeName(obj)}' object is unsafe.`);
  }
  return undefinedMember(obj, name);
}

/** The Python attributes modelled for each value type; undefined when there is none. */
function pyGetAttr(obj: PyValue, name: string): PyValue | undefined {
  if (name.startsWith('_')) return undefined;
  if (obj instanceof Namespace) return obj.attrs.get(name);
  if (obj instanceof LoopContext) return loopAttr(obj, name);
  if (obj instanceof Macro) {
    if (name === 'name') return obj.name;
    if (name === 'arguments') return new PyTuple(obj.node.params);
    if (name === 'catch_kwargs') return obj.catchKwargs;
    if (name === 'catch_varargs') return obj.catchVarargs;
    if (name === 'caller') return obj.usesCaller;
    return undefined;
  }
  if (obj instanceof PyTuple && obj.fields) {
    const i = obj.fields.indexOf(name);
    if (i !== -1) return obj.items[i];
  }
  if (obj instanceof PyDate) {
    const t = obj.time;
    const fields: Record<string, number | undefined> = { year: obj.year, month: obj.month, day: obj.day, hour: t?.hour, minute: t?.minute, second: t?.second, microsecond: t?.micro };
    if (fields[name] !== undefined) return BigInt(fields[name]!);
    if (name === 'isoformat') return new PyCallable('isoformat', typeName(obj), () => dateIso(obj));
    return undefined;
  }
  return getMethod(obj, name);
}

function loopAttr(loop: LoopContext, name: string): PyValue | undefined {
  const i = loop.index0;
  const n = loop.length;
  switch (name) {
    case 'index': return BigInt(i + 1);
    case 'index0': return BigInt(i);
    case 'revindex': return BigInt(n - i);
    case 'revindex0': return BigInt(n - i - 1);
    case 'first': return i === 0;
    case 'last': return i === n - 1;
    case 'length': return BigInt(n);
    case 'depth': return BigInt(loop.depth0 + 1);
    case 'depth0': return BigInt(loop.depth0);
    case 'previtem': return i > 0 ? loop.items[i - 1]! : undefinedHint('there is no previous item');
    case 'nextitem': return i < n - 1 ? loop.items[i + 1]! : undefinedHint('there is no next item');
    case 'cycle':
      return new PyCallable('cycle', 'LoopContext', ({ args }) => {
        if (!args.length) throw typeError('no items for cycling given');
        return args[i % args.length]!;
      });
    case 'changed':
      return new PyCallable('changed', 'LoopContext', ({ args }) => loop.changed(args, (x, y) => pyEq(x, y)));
    default:
      return undefined;
  }
}

/** Python str() with the budget charged (what `{{ }}` and `~` print). */
/** What `{{ v }}` prints: str(v), HTML-escaped under autoescape unless v is Markup. */
export function toText(v: PyValue): string {
  const s = renderMode().autoescape && !(v instanceof Markup) ? escapeHtml(pyStr(v)) : pyStr(v);
  budget().stringOf(s.length);
  return s;
}

export { pyRepr };
