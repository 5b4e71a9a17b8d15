/**
 * Jinja2 3.1's built-in filters (jinja2/filters.py) with the reference Environment's settings
 * (autoescape off). Filters that cannot give Python's bytes (random, urlize, wordwrap) fail with
 * a clear error instead of printing something else. A filter whose result grows with an argument
 * (indent, center, batch, join, urlencode, ...) checks the result's size before building it.
 */
import { renderMode } from './mode.js';
import { BoundedText } from './bounded-text.js';
import { budget, charged } from './budget.js';
import { JinjaError, limitError, typeError } from './errors.js';
import { FILTER_NAMES } from './filter-names.js';
import { percentFormat } from './pyformat.js';
import { asciiDigits, fitsSsize, intFromText, intToFloat, stripNumberWhitespace } from './pyint.js';
import { pyReplace, stableSort } from './pymethods.js';
import { intFloorDiv, roundFloat } from './pynum.js';
import {
  binop,
  escapeHtml,
  failIfStrict,
  getAttrOnly,
  getItem,
  iterate,
  pyCmp,
  pyEq,
  pyLen,
  strLen,
  truthy,
} from './pyops.js';
import { pyRepr, pyStr } from './pyrepr.js';
import { TESTS } from './tests.js';
import { toJson } from './tojson.js';
import {
  Markup,
  PyDict,
  PyIterator,
  PyRange,
  PyTuple,
  Undefined,
  hashKey,
  typeName,
  undefinedHint,
  type CallArgs,
  type PyValue,
} from './values.js';

export type FilterFn = (value: PyValue, a: CallArgs) => PyValue;

/** Binds positional and keyword arguments to names, with Python's errors for extras. */
function bind(a: CallArgs, fn: string, names: string[]): (PyValue | undefined)[] {
  if (a.args.length > names.length) throw typeError(`${fn}() takes from 1 to ${names.length + 1} positional arguments but ${a.args.length + 1} were given`);
  const out: (PyValue | undefined)[] = [...a.args];
  for (const [k, v] of a.kwargs) {
    const i = names.indexOf(k);
    if (i === -1) throw typeError(`${fn}() got an unexpected keyword argument '${k}'`);
    if (out[i] !== undefined) throw typeError(`${fn}() got multiple values for argument '${k}'`);
    out[i] = v;
  }
  return out;
}

/** jinja2 soft_str: str(v) unless it already is a str (Markup stays Markup). */
function softStr(v: PyValue): string {
  return typeof v === 'string' ? v : v instanceof Markup ? v.s : pyStr(v);
}

function intArg(v: PyValue | undefined, dflt: number, what = 'an integer'): number {
  if (v === undefined) return dflt;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return +v;
  failIfStrict(v);
  throw typeError(`'${typeName(v)}' object cannot be interpreted as ${what}`);
}

/** An int argument Python passes as a C Py_ssize_t (str.center's width). */
function ssizeArg(v: PyValue | undefined, dflt: number): number {
  if (typeof v === 'bigint' && !fitsSsize(v)) throw new JinjaError('type', 'OverflowError', 'Python int too large to convert to C ssize_t');
  return intArg(v, dflt);
}

/** make_attrgetter: dotted path, integer parts looked up as ints, optional default. */
function attrGetter(attribute: PyValue | undefined, lower: boolean, dflt?: PyValue): (v: PyValue) => PyValue {
  const parts: PyValue[] =
    attribute === undefined || attribute === null ? [] : typeof attribute === 'string' ? attribute.split('.').map((p) => (/^\d+$/.test(p) ? BigInt(p) : p)) : [attribute];
  return (item) => {
    let v = item;
    for (const p of parts) {
      v = getItem(v, p);
      if (dflt !== undefined && dflt !== null && v instanceof Undefined) v = dflt;
    }
    return lower && typeof v === 'string' ? v.toLowerCase() : v;
  };
}

function multiAttrGetter(attribute: PyValue | undefined, lower: boolean): (v: PyValue) => PyValue[] {
  const specs = typeof attribute === 'string' ? attribute.split(',') : [attribute];
  const getters = specs.map((s) => attrGetter(s, lower));
  return (v) => getters.map((g) => g(v));
}

function keyCmp(a: PyValue[], b: PyValue[]): number {
  for (let i = 0; i < a.length; i++) {
    if (!pyEq(a[i]!, b[i]!)) return pyCmp(a[i]!, b[i]!);
  }
  return 0;
}

function generator(producer: string, items: PyValue[]): PyIterator {
  budget().collectionOf(items.length);
  return new PyIterator('generator', producer, items);
}

/** Calls a filter by name (map, and FilterBlock / filter expressions in the interpreter). */
export function callFilter(name: string, value: PyValue, a: CallArgs): PyValue {
  const f = FILTERS[name];
  if (!f) throw new JinjaError('runtime', 'TemplateRuntimeError', `No filter named '${name}' found.`);
  return f(value, a);
}

/** Calls a test by name (select/reject, and `is` in the interpreter). */
export function callTest(name: string, value: PyValue, a: CallArgs): boolean {
  const t = Object.prototype.hasOwnProperty.call(TESTS, name) ? TESTS[name] : undefined;
  if (!t) throw new JinjaError('runtime', 'TemplateRuntimeError', `No test named '${name}' found.`);
  return t(value, a);
}

const noArgs: CallArgs = { args: [], kwargs: new Map() };

function selectOrReject(value: PyValue, a: CallArgs, keep: boolean, lookupAttr: boolean, producer: string): PyValue {
  if (!truthy(value)) return generator(producer, []);
  let off = 0;
  let trans = (x: PyValue) => x;
  if (lookupAttr) {
    if (!a.args.length) throw new JinjaError('type', 'FilterArgumentError', 'Missing parameter for attribute name');
    trans = attrGetter(a.args[0], false);
    off = 1;
  }
  const testName = a.args[off];
  const rest: CallArgs = { args: a.args.slice(off + 1), kwargs: a.kwargs };
  const func = testName === undefined ? (x: PyValue) => truthy(x) : (x: PyValue) => callTest(softStr(testName), x, rest);
  return generator(producer, iterate(value).filter((x) => func(trans(x)) === keep));
}

function minMax(value: PyValue, a: CallArgs, fn: string, pickMax: boolean): PyValue {
  const [cs, attribute] = bind(a, fn, ['case_sensitive', 'attribute']);
  const items = iterate(value);
  if (!items.length) return undefinedHint('No aggregated item, sequence was empty.');
  const key = attrGetter(attribute, !(cs !== undefined && truthy(cs)));
  let best: PyValue = items[0]!;
  let bestKey: PyValue = key(best);
  for (const x of items.slice(1)) {
    const k = key(x);
    const c = pyCmp(k, bestKey, pickMax ? '>' : '<');
    if (pickMax ? c > 0 : c < 0) {
      best = x;
      bestKey = k;
    }
  }
  return best;
}

/** Python float(str), or undefined when Python raises ValueError. */
export function pyFloatFromString(s: string): number | undefined {
  const t = asciiDigits(stripNumberWhitespace(s));
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (!/^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/.test(t)) return undefined;
  return Number(t.replace(/_/g, ''));
}

/**
 * Python float(v): the value, or undefined where float() raises TypeError or ValueError. An int
 * past the largest double raises OverflowError, which no filter catches (as in Python).
 */
function toFloat(v: PyValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return intToFloat(v);
  if (typeof v === 'boolean') return +v;
  if (typeof v === 'string' || v instanceof Markup) return pyFloatFromString(softStr(v));
  failIfStrict(v);
  return undefined;
}

/** The error Python's float(v) raises when toFloat gives undefined. */
function floatError(v: PyValue): JinjaError {
  if (typeof v === 'string' || v instanceof Markup) return new JinjaError('type', 'ValueError', `could not convert string to float: ${pyRepr(softStr(v))}`);
  return typeError(`float() argument must be a string or a real number, not '${typeName(v)}'`);
}

/** Python int(x) of a float: OverflowError for infinities; undefined (ValueError) for NaN. */
function intOfFloat(x: number): bigint | undefined {
  if (Number.isNaN(x)) return undefined;
  if (!Number.isFinite(x)) throw new JinjaError('type', 'OverflowError', 'cannot convert float infinity to integer');
  return BigInt(Math.trunc(x));
}

/** Python int(value, base) for a str value: undefined where it raises TypeError or ValueError. */
function intOfText(text: string, base: PyValue): bigint | undefined {
  if (typeof base !== 'bigint' && typeof base !== 'boolean') return undefined;
  const b = typeof base === 'boolean' ? +base : base;
  if (typeof b === 'bigint' && (b < 0n || b > 36n)) return undefined;
  return intFromText(text, Number(b));
}

/**
 * Jinja2's do_int: `int(value, base)` for a str (`int(value)` otherwise); on TypeError or
 * ValueError `int(float(value))`; on TypeError or ValueError again, the default. So a str of more
 * than 4,300 digits (Python's ValueError) goes through float: `('9' * 5000) | int` is
 * int(inf), an OverflowError that propagates; `('0' * 5000 + '5') | int` is 5.
 */
function doInt(value: PyValue, a: CallArgs): PyValue {
  const [dflt = 0n, base = 10n] = bind(a, 'do_int', ['default', 'base']);
  failIfStrict(value);
  const isText = typeof value === 'string' || value instanceof Markup;
  let n: bigint | undefined;
  if (isText) n = intOfText(softStr(value), base);
  else if (typeof value === 'bigint') n = value;
  else if (typeof value === 'boolean') n = BigInt(+value);
  else if (typeof value === 'number') n = intOfFloat(value);
  if (n !== undefined) return n;
  const f = toFloat(value);
  return (f === undefined ? undefined : intOfFloat(f)) ?? dflt;
}

/** Python math.ceil / math.floor of a number. */
function ceilOrFloor(v: PyValue, method: 'ceil' | 'floor'): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return BigInt(+v);
  if (typeof v !== 'number') throw typeError(`must be real number, not ${typeName(v)}`);
  if (Number.isNaN(v)) throw new JinjaError('type', 'ValueError', 'cannot convert float NaN to integer');
  return intOfFloat(method === 'ceil' ? Math.ceil(v) : Math.floor(v))!;
}

/** Python round(n, ndigits) of an int: half to even at 10**-ndigits. */
function roundInt(n: bigint, ndigits: bigint): bigint {
  if (ndigits >= 0n) return n;
  const unit = binop('**', 10n, -ndigits) as bigint;
  const q = intFloorDiv(n, unit);
  const twice = (n - q * unit) * 2n;
  return (twice > unit || (twice === unit && (q & 1n) === 1n) ? q + 1n : q) * unit;
}

function doRound(value: PyValue, a: CallArgs): PyValue {
  const [precision = 0n, method = 'common'] = bind(a, 'do_round', ['precision', 'method']);
  if (method !== 'common' && method !== 'ceil' && method !== 'floor') throw new JinjaError('type', 'FilterArgumentError', 'method must be common, ceil or floor');
  failIfStrict(value);
  if (method === 'common') {
    intArg(precision, 0);
    const p = typeof precision === 'boolean' ? BigInt(+precision) : (precision as bigint);
    if (typeof value === 'bigint' || typeof value === 'boolean') return roundInt(BigInt(value), p);
    if (typeof value !== 'number') throw typeError(`type ${typeName(value)} doesn't define __round__ method`);
    return roundFloat(value, Number(p));
  }
  // math.ceil(value * (10 ** precision)) / (10 ** precision), with Python's conversions
  const scale = binop('**', 10n, precision);
  return binop('/', ceilOrFloor(binop('*', value, scale), method), scale);
}

/**
 * Jinja2's do_indent. The result's size is computed from the line count and the indent width
 * first: `indent(1340)` of 400,000 lines is refused before any line is copied.
 */
function doIndent(value: PyValue, a: CallArgs): PyValue {
  const [width = 4n, first = false, blank = false] = bind(a, 'do_indent', ['width', 'first', 'blank']);
  if (typeof value !== 'string' && !(value instanceof Markup)) {
    failIfStrict(value);
    throw typeError(`unsupported operand type(s) for +=: '${typeName(value)}' and 'str'`);
  }
  const max = budget().limits.maxStringLength;
  let indention: string;
  if (typeof width === 'string') indention = width;
  else if (width instanceof Markup) indention = width.s;
  else {
    if (typeof width !== 'bigint' && typeof width !== 'boolean') {
      failIfStrict(width);
      throw typeError(`can't multiply sequence by non-int of type '${typeName(width)}'`);
    }
    const n = BigInt(width);
    // " " * width: Python refuses a count that does not fit an index before anything else
    if (!fitsSsize(n)) throw new JinjaError('type', 'OverflowError', "cannot fit 'int' into an index-sized integer");
    if (n > BigInt(max)) throw limitError(`string of ${n} characters exceeds the limit of ${max}`);
    indention = ' '.repeat(Math.max(0, Number(n)));
  }
  const lines = splitLines(softStr(value) + '\n');
  const textLength = lines.reduce((sum, l) => sum + l.length, 0);
  const gaps = Math.max(0, lines.length - 1);
  const indented = truthy(blank) ? gaps : lines.slice(1).filter((l) => l).length;
  budget().stringOf(textLength + gaps + indented * indention.length + (truthy(first) ? indention.length : 0));
  let rv: string;
  if (truthy(blank)) rv = lines.join('\n' + indention);
  else {
    rv = lines.shift() ?? '';
    if (lines.length) rv += '\n' + lines.map((l) => (l ? indention + l : l)).join('\n');
  }
  if (truthy(first)) rv = indention + rv;
  return value instanceof Markup ? new Markup(rv) : rv;
}

function splitLines(s: string): string[] {
  const out = s.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function doTruncate(value: PyValue, a: CallArgs): PyValue {
  const [length = 255n, killwords = false, end = '...', leeway] = bind(a, 'do_truncate', ['length', 'killwords', 'end', 'leeway']);
  const s = softStr(value);
  const len = intArg(length, 255);
  const endS = softStr(end);
  const lw = leeway === undefined || leeway === null ? 5 : intArg(leeway, 5);
  if (len < strLen(endS)) throw new JinjaError('type', 'AssertionError', `expected length >= ${strLen(endS)}, got ${len}`);
  if (lw < 0) throw new JinjaError('type', 'AssertionError', `expected leeway >= 0, got ${lw}`);
  const cps = Array.from(s);
  if (cps.length <= len + lw) return s;
  const head = cps.slice(0, len - strLen(endS)).join('');
  if (truthy(killwords)) return head + endS;
  const sp = head.lastIndexOf(' ');
  return (sp === -1 ? head : head.slice(0, sp)) + endS;
}

function doTitle(value: PyValue): string {
  return softStr(value)
    .split(/([-\s({[<]+)/)
    .filter((x) => x)
    .map((item) => {
      const [c = '', ...rest] = Array.from(item);
      return c.toUpperCase() + rest.join('').toLowerCase();
    })
    .join('');
}

function doGroupby(value: PyValue, a: CallArgs): PyValue {
  const [attribute, dflt, cs] = bind(a, 'sync_do_groupby', ['attribute', 'default', 'case_sensitive']);
  const caseSensitive = cs !== undefined && truthy(cs);
  const key = attrGetter(attribute, !caseSensitive, dflt);
  const sorted = stableSort(iterate(value), (x, y) => pyCmp(key(x), key(y)));
  const groups: [PyValue, PyValue[]][] = [];
  for (const item of sorted) {
    const k = key(item);
    const last = groups[groups.length - 1];
    if (last && pyEq(last[0], k)) last[1].push(item);
    else groups.push([k, [item]]);
  }
  const realKey = attrGetter(attribute, false, dflt);
  return groups.map(([k, list]) => new PyTuple([caseSensitive ? k : realKey(list[0]!), list], ['grouper', 'list']));
}

const URL_SAFE = /[A-Za-z0-9_.\-~]/;
/** urllib.parse.quote (or quote_plus for query strings), appended to `out` within its bound. */
function urlQuote(v: PyValue, forQs: boolean, out: BoundedText): void {
  const s = typeof v === 'string' || v instanceof Markup ? softStr(v) : pyStr(v);
  let chunk = '';
  for (const byte of new TextEncoder().encode(s)) {
    const ch = String.fromCharCode(byte);
    if (URL_SAFE.test(ch) || (!forQs && ch === '/')) chunk += ch;
    else chunk += forQs && byte === 0x20 ? '+' : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
    if (chunk.length >= 4096) {
      out.push(chunk);
      chunk = '';
    }
  }
  out.push(chunk);
}

/**
 * markupsafe's striptags, in linear time: comments (`<!--.*?-->`, DOTALL) removed first, then
 * tags (`<.*?>`); whitespace runs collapsed; the six escapes undone. The regular expressions'
 * way takes quadratic time on a string of '<' without '>' (a 1 MB one: hours).
 */
function stripTags(s: string): string {
  const noComments = removeDelimited(s, '<!--', '-->');
  const noTags = removeDelimited(noComments, '<', '>');
  const collapsed = noTags.split(/\s+/).filter((x) => x).join(' ');
  return collapsed.replace(/&(amp|lt|gt|quot|#39|#34);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#34': '"' })[e]!);
}

/** Removes every shortest `open ... close` span, left to right (re.sub of `open.*?close`). */
function removeDelimited(s: string, open: string, close: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = s.indexOf(open, from);
    if (start === -1) break;
    const end = s.indexOf(close, start + open.length);
    // no close after this open means none after any later open either
    if (end === -1) break;
    out += s.slice(from, start);
    from = end + close.length;
  }
  return out + s.slice(from);
}

function unsupported(name: string, why: string): FilterFn {
  return () => {
    throw new JinjaError('runtime', 'TemplateRuntimeError', `filter '${name}' is not supported: ${why}`);
  };
}

const FILTERS: Record<string, FilterFn> = {
  abs: (v) => {
    failIfStrict(v);
    if (typeof v === 'bigint') return v < 0n ? -v : v;
    if (typeof v === 'boolean') return BigInt(+v);
    if (typeof v === 'number') return Math.abs(v);
    throw typeError(`bad operand type for abs(): '${typeName(v)}'`);
  },
  attr: (v, a) => {
    const [name] = bind(a, 'do_attr', ['name']);
    return getAttrOnly(v, softStr(name ?? null));
  },
  batch: (v, a) => {
    const [linecount, fill] = bind(a, 'do_batch', ['linecount', 'fill_with']);
    const n = intArg(linecount, 1);
    const out: PyValue[] = [];
    let tmp: PyValue[] = [];
    for (const item of iterate(v)) {
      if (tmp.length === n) {
        out.push(tmp);
        tmp = [];
      }
      tmp.push(item);
    }
    if (tmp.length) {
      if (fill !== undefined && fill !== null && tmp.length < n) {
        budget().collectionOf(n);
        while (tmp.length < n) tmp.push(fill);
      }
      out.push(tmp);
    }
    return generator('do_batch', out);
  },
  capitalize: (v) => {
    const [c = '', ...rest] = Array.from(softStr(v));
    // case mappings can lengthen a string ('ß'.upper() is 'SS')
    return charged(c.toUpperCase() + rest.join('').toLowerCase());
  },
  center: (v, a) => {
    const [w = 80n] = bind(a, 'do_center', ['width']);
    const s = softStr(v);
    const width = ssizeArg(w, 80);
    const n = width - strLen(s);
    if (n <= 0) return s;
    budget().stringOf(s.length + n);
    const left = (n >> 1) + (n & width & 1);
    return ' '.repeat(left) + s + ' '.repeat(n - left);
  },
  count: (v) => BigInt(pyLen(v)),
  d: (v, a) => FILTERS.default!(v, a),
  default: (v, a) => {
    const [dflt = '', boolean = false] = bind(a, 'do_default', ['default_value', 'boolean']);
    if (v instanceof Undefined || (truthy(boolean) && !truthy(v))) return dflt;
    return v;
  },
  dictsort: (v, a) => {
    const [cs = false, by = 'key', reverse = false] = bind(a, 'do_dictsort', ['case_sensitive', 'by', 'reverse']);
    if (by !== 'key' && by !== 'value') throw new JinjaError('type', 'FilterArgumentError', 'You can only sort by either "key" or "value"');
    if (!(v instanceof PyDict)) {
      failIfStrict(v);
      throw new JinjaError('type', 'AttributeError', `'${typeName(v)}' object has no attribute 'items'`);
    }
    const pos = by === 'key' ? 0 : 1;
    const lower = !truthy(cs);
    const k = (e: [PyValue, PyValue]) => (lower && typeof e[pos] === 'string' ? (e[pos] as string).toLowerCase() : e[pos]);
    const sorted = stableSort(v.entries(), (x, y) => pyCmp(k(x), k(y)));
    if (truthy(reverse)) sorted.reverse();
    return sorted.map(([key, val]) => new PyTuple([key, val]));
  },
  e: (v) => FILTERS.escape!(v, noArgs),
  escape: (v) => (v instanceof Markup ? v : new Markup(escapeHtml(pyStr(v)))),
  filesizeformat: (v, a) => {
    const [binary = false] = bind(a, 'do_filesizeformat', ['binary']);
    const bytes = toFloat(v);
    if (bytes === undefined) throw floatError(v);
    const base = truthy(binary) ? 1024 : 1000;
    const prefixes = truthy(binary) ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
    if (bytes === 1) return '1 Byte';
    if (bytes < base) return `${intOfFloat(bytes)!} Bytes`;
    let unit = 0;
    let prefix = '';
    for (let i = 0; i < prefixes.length; i++) {
      unit = base ** (i + 2);
      prefix = prefixes[i]!;
      if (bytes < unit) break;
    }
    return `${percentFormat('%.1f', (base * bytes) / unit)} ${prefix}`;
  },
  first: (v) => {
    const items = iterate(v);
    return items.length ? items[0]! : undefinedHint('No first item, sequence was empty.');
  },
  float: (v, a) => {
    const [dflt = 0] = bind(a, 'do_float', ['default']);
    return toFloat(v) ?? dflt;
  },
  forceescape: (v) => new Markup(escapeHtml(softStr(v))),
  format: (v, a) => {
    if (a.args.length && a.kwargs.size) throw new JinjaError('type', 'FilterArgumentError', "can't handle positional and keyword arguments at the same time");
    const args = a.kwargs.size ? PyDict.from(a.kwargs) : new PyTuple(a.args);
    return percentFormat(softStr(v), args);
  },
  groupby: doGroupby,
  indent: doIndent,
  int: doInt,
  join: (v, a) => {
    const [d = '', attribute] = bind(a, 'sync_do_join', ['d', 'attribute']);
    let items = iterate(v);
    if (attribute !== undefined && attribute !== null) items = items.map(attrGetter(attribute, false));
    // under autoescape, a Markup separator or item makes the result Markup, the rest escaped (do_join)
    const markup = renderMode().autoescape && (d instanceof Markup || items.some((x) => x instanceof Markup));
    const text = (x: PyValue): string => (markup && !(x instanceof Markup) ? escapeHtml(pyStr(x)) : pyStr(x));
    const sep = text(d);
    // each item's text is counted as it is made: 100,000 copies of a large item stop at the limit
    const out = new BoundedText();
    items.forEach((x, i) => {
      if (i) out.push(sep);
      out.push(text(x));
    });
    return markup ? new Markup(out.text()) : out.text();
  },
  last: (v) => {
    if (v instanceof PyIterator && !v.reusable) throw typeError(`'generator' object is not reversible`);
    const items = iterate(v);
    return items.length ? items[items.length - 1]! : undefinedHint('No last item, sequence was empty.');
  },
  length: (v) => BigInt(pyLen(v)),
  list: (v) => {
    if (typeof v === 'string' || v instanceof Markup) budget().collectionOf(strLen(softStr(v)));
    const items = iterate(v);
    budget().collectionOf(items.length);
    return items;
  },
  lower: (v) => charged(softStr(v).toLowerCase()),
  items: (v) => {
    if (v instanceof Undefined) return generator('do_items', []);
    if (!(v instanceof PyDict)) throw typeError('Can only get item pairs from a mapping.');
    return generator('do_items', v.entries().map(([k, x]) => new PyTuple([k, x])));
  },
  map: (v, a) => {
    if (!truthy(v)) return generator('sync_do_map', []);
    let func: (x: PyValue) => PyValue;
    if (!a.args.length && a.kwargs.has('attribute')) {
      const kwargs = new Map(a.kwargs);
      const attribute = kwargs.get('attribute');
      const dflt = kwargs.get('default');
      kwargs.delete('attribute');
      kwargs.delete('default');
      if (kwargs.size) throw new JinjaError('type', 'FilterArgumentError', `Unexpected keyword argument ${pyRepr([...kwargs.keys()][0]!)}`);
      func = attrGetter(attribute, false, dflt);
    } else {
      const name = a.args[0];
      if (name === undefined) throw new JinjaError('type', 'FilterArgumentError', 'map requires a filter argument');
      const rest: CallArgs = { args: a.args.slice(1), kwargs: a.kwargs };
      func = (x) => callFilter(softStr(name), x, rest);
    }
    return generator('sync_do_map', iterate(v).map(func));
  },
  min: (v, a) => minMax(v, a, 'do_min', false),
  max: (v, a) => minMax(v, a, 'do_max', true),
  pprint: (v) => {
    const r = pyRepr(v);
    if (r.length > 80) throw new JinjaError('runtime', 'TemplateRuntimeError', "filter 'pprint' is not supported for values wider than 80 characters (pformat line-wraps them)");
    return r;
  },
  random: unsupported('random', 'a startup config must render the same on every sync'),
  reject: (v, a) => selectOrReject(v, a, false, false, 'select_or_reject'),
  rejectattr: (v, a) => selectOrReject(v, a, false, true, 'select_or_reject'),
  replace: (v, a) => {
    const [old, rep, count] = bind(a, 'do_replace', ['old', 'new', 'count']);
    if (old === undefined || rep === undefined) throw typeError("do_replace() missing required argument 'old' or 'new'");
    return pyReplace(pyStr(v), pyStr(old), pyStr(rep), count === undefined || count === null ? -1 : intArg(count, -1));
  },
  reverse: (v) => {
    if (typeof v === 'string' || v instanceof Markup) return Array.from(softStr(v)).reverse().join('');
    failIfStrict(v);
    if (Array.isArray(v)) return new PyIterator('list_reverseiterator', 'reversed', v.slice().reverse());
    if (v instanceof PyTuple || v instanceof PyRange) return new PyIterator(v instanceof PyTuple ? 'reversed' : 'range_iterator', 'reversed', iterate(v).reverse());
    if (v instanceof PyDict) return new PyIterator('dict_reversekeyiterator', 'reversed', v.keys().reverse());
    try {
      return iterate(v).reverse();
    } catch {
      throw new JinjaError('type', 'FilterArgumentError', 'argument must be iterable');
    }
  },
  round: doRound,
  safe: (v) => new Markup(pyStr(v)),
  select: (v, a) => selectOrReject(v, a, true, false, 'select_or_reject'),
  selectattr: (v, a) => selectOrReject(v, a, true, true, 'select_or_reject'),
  slice: (v, a) => {
    const [slicesArg, fill] = bind(a, 'sync_do_slice', ['slices', 'fill_with']);
    const seq = iterate(v);
    const slices = intArg(slicesArg, 1);
    if (slices <= 0) throw new JinjaError('zero-division', 'ZeroDivisionError', 'integer division or modulo by zero');
    budget().collectionOf(slices);
    const per = Math.floor(seq.length / slices);
    const extra = seq.length % slices;
    let offset = 0;
    const out: PyValue[] = [];
    for (let n = 0; n < slices; n++) {
      const start = offset + n * per;
      if (n < extra) offset += 1;
      const end = offset + (n + 1) * per;
      const tmp = seq.slice(start, end);
      if (fill !== undefined && fill !== null && n >= extra) tmp.push(fill);
      out.push(tmp);
    }
    return generator('sync_do_slice', out);
  },
  sort: (v, a) => {
    const [reverse = false, cs = false, attribute] = bind(a, 'do_sort', ['reverse', 'case_sensitive', 'attribute']);
    const key = multiAttrGetter(attribute, !truthy(cs));
    const items = iterate(v);
    const keyed = items.map((x) => ({ x, k: key(x) }));
    const sorted = stableSort(keyed, (p, q) => keyCmp(p.k, q.k));
    if (truthy(reverse)) {
      // sorted(reverse=True) keeps equal items in their original order
      const rev = stableSort(keyed, (p, q) => keyCmp(q.k, p.k));
      return rev.map((e) => e.x);
    }
    return sorted.map((e) => e.x);
  },
  string: (v) => (v instanceof Markup ? v : softStr(v)),
  striptags: (v) => stripTags(softStr(v)),
  sum: (v, a) => {
    const [attribute, start = 0n] = bind(a, 'sync_do_sum', ['attribute', 'start']);
    let items = iterate(v);
    if (attribute !== undefined && attribute !== null) items = items.map(attrGetter(attribute, false));
    let acc: PyValue = start;
    for (const x of items) acc = binop('+', acc, x);
    return acc;
  },
  title: (v) => charged(doTitle(v)),
  trim: (v, a) => {
    const [chars] = bind(a, 'do_trim', ['chars']);
    const s = softStr(v);
    const set = chars === undefined || chars === null ? undefined : softStr(chars);
    const cps = Array.from(s);
    const isStrip = (c: string) => (set === undefined ? /[\s\x1c-\x1f\x85]/.test(c) && c !== '\ufeff' : set.includes(c));
    let i = 0;
    let j = cps.length;
    while (i < j && isStrip(cps[i]!)) i++;
    while (j > i && isStrip(cps[j - 1]!)) j--;
    return cps.slice(i, j).join('');
  },
  truncate: doTruncate,
  unique: (v, a) => {
    const [cs = false, attribute] = bind(a, 'do_unique', ['case_sensitive', 'attribute']);
    const key = attrGetter(attribute, !truthy(cs));
    const seen = new Set<string>();
    const out: PyValue[] = [];
    for (const x of iterate(v)) {
      const h = hashKey(key(x));
      if (!seen.has(h)) {
        seen.add(h);
        out.push(x);
      }
    }
    return generator('do_unique', out);
  },
  upper: (v) => charged(softStr(v).toUpperCase()),
  urlencode: (v) => {
    const out = new BoundedText();
    if (typeof v === 'string' || v instanceof Markup || !(Array.isArray(v) || v instanceof PyDict || v instanceof PyTuple || v instanceof PyIterator)) {
      urlQuote(v, false, out);
      return out.text();
    }
    const pairs = v instanceof PyDict ? v.entries() : iterate(v).map((p) => iterate(p) as [PyValue, PyValue]);
    pairs.forEach(([k, x], i) => {
      if (i) out.push('&');
      urlQuote(k, true, out);
      out.push('=');
      urlQuote(x, true, out);
    });
    return out.text();
  },
  urlize: unsupported('urlize', 'HTML link rendering has no place in a startup config'),
  wordcount: (v) => BigInt((softStr(v).match(/[\p{L}\p{N}\p{Mn}\p{Pc}]+/gu) ?? []).length),
  wordwrap: unsupported('wordwrap', "Python's textwrap is not reimplemented"),
  xmlattr: (v, a) => {
    const [autospace = true] = bind(a, 'do_xmlattr', ['autospace']);
    if (!(v instanceof PyDict)) throw new JinjaError('type', 'AttributeError', `'${typeName(v)}' object has no attribute 'items'`);
    const out = new BoundedText();
    for (const [k, x] of v.entries()) {
      if (x === null || x instanceof Undefined) continue;
      const key = pyStr(k);
      if (/[\s/>=]/.test(key)) throw new JinjaError('type', 'ValueError', `Invalid character in attribute name: ${pyRepr(k)}`);
      if (out.length || truthy(autospace)) out.push(' ');
      out.push(`${escapeHtml(key)}="`);
      out.push(escapeHtml(pyStr(x)));
      out.push('"');
    }
    // do_xmlattr: Markup under autoescape (its values are escaped already)
    return renderMode().autoescape ? new Markup(out.text()) : out.text();
  },
  tojson: (v, a) => {
    const [indent] = bind(a, 'do_tojson', ['indent']);
    return toJson(v, indent);
  },
};

/** True when `name` is a Jinja2 built-in filter. */
export function hasFilter(name: string): boolean {
  return FILTER_NAMES.has(name) && Object.prototype.hasOwnProperty.call(FILTERS, name);
}

/** True when `name` is a Jinja2 built-in test. */
export function hasTest(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(TESTS, name);
}
