/**
 * The Python methods templates call on values: str (split, startswith, replace, format, ...),
 * list (append, index, ...), tuple, dict (get, items, ...). Jinja2's default Environment lets a
 * template call any of them; this is the modelled subset, each with Python's semantics.
 */
import { budget, charged } from './budget.js';
import { JinjaError, typeError, valueError } from './errors.js';
import { fitsSsize } from './pyint.js';
import { iterate, pyCmp, pyEq, strLen, truthy } from './pyops.js';
import { strFormat } from './pyformat.js';
import { pyRepr } from './pyrepr.js';
import { Markup, PyCallable, PyDict, PyIterator, PyTuple, typeName, type CallArgs, type PyValue } from './values.js';

/** Characters Python's str.split()/strip() treat as whitespace. */
const PY_WS = '\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** Positional-or-keyword argument reader with Python's arity errors. */
function params(a: CallArgs, method: string, names: string[], required: number): PyValue[] {
  if (a.args.length > names.length) throw typeError(`${method}() takes at most ${names.length} argument${names.length === 1 ? '' : 's'} (${a.args.length} given)`);
  const out: PyValue[] = [...a.args];
  for (const [k, v] of a.kwargs) {
    const i = names.indexOf(k);
    if (i === -1) throw typeError(`${method}() got an unexpected keyword argument '${k}'`);
    out[i] = v;
  }
  for (let i = 0; i < required; i++) if (out[i] === undefined) throw typeError(`${method}() takes at least ${required} argument${required === 1 ? '' : 's'} (${a.args.length} given)`);
  return out;
}

function str(v: PyValue | undefined, method: string): string {
  if (typeof v === 'string') return v;
  if (v instanceof Markup) return v.s;
  throw typeError(`${method} arg must be None or str`);
}

/** A width argument, which Python passes as a C Py_ssize_t (OverflowError past sys.maxsize). */
function width(v: PyValue | undefined): number {
  if (typeof v === 'bigint' && !fitsSsize(v)) throw new JinjaError('type', 'OverflowError', 'Python int too large to convert to C ssize_t');
  return int(v, 0);
}

function int(v: PyValue | undefined, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return +v;
  throw typeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

function stripChars(s: string, chars: PyValue | undefined, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? PY_WS : str(chars, 'strip');
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && set.includes(cps[a]!)) a++;
  if (right) while (b > a && set.includes(cps[b - 1]!)) b--;
  return cps.slice(a, b).join('');
}

function splitWs(s: string, maxsplit: number, fromRight: boolean): string[] {
  const words: string[] = [];
  const cps = Array.from(s);
  const isWs = (c: string) => PY_WS.includes(c);
  if (!fromRight) {
    let i = 0;
    while (i < cps.length) {
      while (i < cps.length && isWs(cps[i]!)) i++;
      if (i >= cps.length) break;
      if (maxsplit >= 0 && words.length === maxsplit) {
        words.push(stripChars(cps.slice(i).join(''), null, false, true));
        break;
      }
      let j = i;
      while (j < cps.length && !isWs(cps[j]!)) j++;
      words.push(cps.slice(i, j).join(''));
      i = j;
    }
    return words;
  }
  let i = cps.length;
  while (i > 0) {
    while (i > 0 && isWs(cps[i - 1]!)) i--;
    if (i <= 0) break;
    if (maxsplit >= 0 && words.length === maxsplit) {
      words.unshift(stripChars(cps.slice(0, i).join(''), null, true, false));
      break;
    }
    let j = i;
    while (j > 0 && !isWs(cps[j - 1]!)) j--;
    words.unshift(cps.slice(j, i).join(''));
    i = j;
  }
  return words;
}

function splitSep(s: string, sep: string, maxsplit: number, fromRight: boolean): string[] {
  if (sep === '') throw valueError('empty separator');
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length - 1 <= maxsplit) return parts;
  if (!fromRight) return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
  const keep = parts.length - maxsplit;
  return [parts.slice(0, keep).join(sep), ...parts.slice(keep)];
}

function title(s: string): string {
  let out = '';
  let prevCased = false;
  for (const c of s) {
    const cased = c.toLowerCase() !== c.toUpperCase();
    out += cased ? (prevCased ? c.toLowerCase() : c.toUpperCase()) : c;
    prevCased = cased;
  }
  return out;
}

function affix(s: string, arg: PyValue | undefined, start: PyValue | undefined, end: PyValue | undefined, method: string, test: (s: string, p: string) => boolean): boolean {
  const cps = Array.from(s);
  const n = cps.length;
  const norm = (v: PyValue | undefined, d: number) => {
    let i = int(v, d);
    if (i < 0) i += n;
    return Math.min(Math.max(i, 0), n);
  };
  const sub = cps.slice(norm(start, 0), norm(end, n)).join('');
  const opts = arg instanceof PyTuple ? arg.items : [arg];
  return opts.some((p) => {
    if (typeof p !== 'string' && !(p instanceof Markup)) throw typeError(`${method} first arg must be str or a tuple of str, not ${typeName(p ?? null)}`);
    return test(sub, typeof p === 'string' ? p : p.s);
  });
}

function justify(s: string, a: CallArgs, method: string, how: 'l' | 'r' | 'c'): string {
  const [w, f] = params(a, method, ['width', 'fillchar'], 1);
  const wanted = width(w);
  const fill = f === undefined ? ' ' : str(f, method);
  if (Array.from(fill).length !== 1) throw typeError('The fill character must be exactly one character long');
  const n = wanted - strLen(s);
  if (n <= 0) return s;
  budget().stringOf(s.length + n * fill.length);
  if (how === 'l') return s + fill.repeat(n);
  if (how === 'r') return fill.repeat(n) + s;
  // CPython centres with the extra fill char on the left when both n and the width are odd
  const left = (n >> 1) + (n & wanted & 1);
  return fill.repeat(left) + s + fill.repeat(n - left);
}

function find(s: string, a: CallArgs, method: string, fromRight: boolean): number {
  const [sub, start, end] = params(a, method, ['sub', 'start', 'end'], 1);
  const cps = Array.from(s);
  const n = cps.length;
  const norm = (v: PyValue | undefined, d: number) => {
    let i = int(v, d);
    if (i < 0) i += n;
    return Math.min(Math.max(i, 0), n);
  };
  const lo = norm(start, 0);
  const hi = norm(end, n);
  const hay = cps.slice(lo, hi).join('');
  const needle = str(sub, method);
  const idx = fromRight ? hay.lastIndexOf(needle) : hay.indexOf(needle);
  if (idx === -1 || hi < lo) return -1;
  return lo + strLen(hay.slice(0, idx));
}

// Case mappings can lengthen a string ('ß'.upper() is 'SS'): their results are charged.
const STR_METHODS: Record<string, (s: string, a: CallArgs) => PyValue> = {
  upper: (s) => charged(s.toUpperCase()),
  lower: (s) => charged(s.toLowerCase()),
  casefold: (s) => charged(s.toLowerCase()),
  capitalize: (s) => {
    const [first = '', ...rest] = Array.from(s);
    return charged(first.toUpperCase() + rest.join('').toLowerCase());
  },
  title: (s) => charged(title(s)),
  swapcase: (s) => charged(Array.from(s).map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')),
  strip: (s, a) => stripChars(s, params(a, 'strip', ['chars'], 0)[0], true, true),
  lstrip: (s, a) => stripChars(s, params(a, 'lstrip', ['chars'], 0)[0], true, false),
  rstrip: (s, a) => stripChars(s, params(a, 'rstrip', ['chars'], 0)[0], false, true),
  split: (s, a) => {
    const [sep, max] = params(a, 'split', ['sep', 'maxsplit'], 0);
    return sep === undefined || sep === null ? splitWs(s, int(max, -1), false) : splitSep(s, str(sep, 'split'), int(max, -1), false);
  },
  rsplit: (s, a) => {
    const [sep, max] = params(a, 'rsplit', ['sep', 'maxsplit'], 0);
    return sep === undefined || sep === null ? splitWs(s, int(max, -1), true) : splitSep(s, str(sep, 'rsplit'), int(max, -1), true);
  },
  splitlines: (s, a) => {
    const keep = truthy(params(a, 'splitlines', ['keepends'], 0)[0] ?? false);
    const out: string[] = [];
    let rest = s;
    for (;;) {
      const m = LINE_BREAKS.exec(rest);
      if (!m) break;
      out.push(rest.slice(0, m.index) + (keep ? m[0] : ''));
      rest = rest.slice(m.index + m[0].length);
    }
    if (rest) out.push(rest);
    return out;
  },
  startswith: (s, a) => {
    const [p, st, en] = params(a, 'startswith', ['prefix', 'start', 'end'], 1);
    return affix(s, p, st, en, 'startswith', (x, y) => x.startsWith(y));
  },
  endswith: (s, a) => {
    const [p, st, en] = params(a, 'endswith', ['suffix', 'start', 'end'], 1);
    return affix(s, p, st, en, 'endswith', (x, y) => x.endsWith(y));
  },
  replace: (s, a) => {
    const [o, n, c] = params(a, 'replace', ['old', 'new', 'count'], 2);
    return pyReplace(s, str(o, 'replace'), str(n, 'replace'), int(c, -1));
  },
  join: (s, a) => {
    const [it] = params(a, 'join', ['iterable'], 1);
    const parts = iterate(it!).map((x, i) => {
      if (typeof x === 'string') return x;
      if (x instanceof Markup) return x.s;
      throw typeError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
    });
    budget().stringOf(parts.reduce((n, p) => n + p.length, 0) + s.length * parts.length);
    return parts.join(s);
  },
  format: (s, a) => strFormat(s, a.args, a.kwargs),
  format_map: (s, a) => {
    const [m] = params(a, 'format_map', ['mapping'], 1);
    if (!(m instanceof PyDict)) throw typeError(`'${typeName(m!)}' object is not a mapping`);
    return strFormat(s, [], new Map(m.entries().map(([k, v]) => [String(k), v])));
  },
  find: (s, a) => BigInt(find(s, a, 'find', false)),
  rfind: (s, a) => BigInt(find(s, a, 'rfind', true)),
  index: (s, a) => {
    const i = find(s, a, 'index', false);
    if (i === -1) throw valueError('substring not found');
    return BigInt(i);
  },
  rindex: (s, a) => {
    const i = find(s, a, 'rindex', true);
    if (i === -1) throw valueError('substring not found');
    return BigInt(i);
  },
  count: (s, a) => {
    const sub = str(params(a, 'count', ['sub', 'start', 'end'], 1)[0], 'count');
    if (sub === '') return BigInt(strLen(s) + 1);
    return BigInt(s.split(sub).length - 1);
  },
  zfill: (s, a) => {
    const n = width(params(a, 'zfill', ['width'], 1)[0]) - strLen(s);
    if (n <= 0) return s;
    budget().stringOf(s.length + n);
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  },
  ljust: (s, a) => justify(s, a, 'ljust', 'l'),
  rjust: (s, a) => justify(s, a, 'rjust', 'r'),
  center: (s, a) => justify(s, a, 'center', 'c'),
  isdigit: (s) => s.length > 0 && /^\p{Nd}+$/u.test(s),
  isdecimal: (s) => s.length > 0 && /^\p{Nd}+$/u.test(s),
  isnumeric: (s) => s.length > 0 && /^[\p{Nd}\p{Nl}\p{No}]+$/u.test(s),
  isalpha: (s) => s.length > 0 && /^\p{L}+$/u.test(s),
  isalnum: (s) => s.length > 0 && /^[\p{L}\p{Nd}\p{Nl}\p{No}]+$/u.test(s),
  isspace: (s) => s.length > 0 && Array.from(s).every((c) => PY_WS.includes(c)),
  islower: (s) => /\p{Ll}/u.test(s) && !/[\p{Lu}\p{Lt}]/u.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && !/[\p{Ll}\p{Lt}]/u.test(s),
  istitle: (s) => s.length > 0 && title(s) === s && /\p{L}/u.test(s),
  partition: (s, a) => {
    const sep = str(params(a, 'partition', ['sep'], 1)[0], 'partition');
    if (sep === '') throw valueError('empty separator');
    const i = s.indexOf(sep);
    return i === -1 ? new PyTuple([s, '', '']) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = str(params(a, 'rpartition', ['sep'], 1)[0], 'rpartition');
    if (sep === '') throw valueError('empty separator');
    const i = s.lastIndexOf(sep);
    return i === -1 ? new PyTuple(['', '', s]) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (s, a) => {
    const p = str(params(a, 'removeprefix', ['prefix'], 1)[0], 'removeprefix');
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s, a) => {
    const p = str(params(a, 'removesuffix', ['suffix'], 1)[0], 'removesuffix');
    return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
};

/** Python str.replace(old, new, count); the result's size is checked before it is built. */
export function pyReplace(s: string, old: string, rep: string, count: number): string {
  if (old === '') {
    // 'ab'.replace('', '-') == '-a-b-': `rep` goes before each code point and at the end
    const cps = Array.from(s);
    const inserts = count < 0 ? cps.length + 1 : Math.min(count, cps.length + 1);
    budget().stringOf(s.length + inserts * rep.length);
    const out: string[] = [];
    for (let i = 0; i <= cps.length; i++) {
      if (i < inserts) out.push(rep);
      if (i < cps.length) out.push(cps[i]!);
    }
    return out.join('');
  }
  const parts = s.split(old);
  const limit = count < 0 ? parts.length - 1 : Math.min(count, parts.length - 1);
  budget().stringOf(s.length + limit * Math.max(0, rep.length - old.length));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += (i <= limit ? rep : old) + parts[i];
  return out;
}

function checkGrow(list: PyValue[], by: number): void {
  budget().collectionOf(list.length + by);
}

const LIST_METHODS: Record<string, (l: PyValue[], a: CallArgs) => PyValue> = {
  index: (l, a) => {
    const [x] = params(a, 'index', ['value', 'start', 'stop'], 1);
    const i = l.findIndex((y) => pyEq(y, x!));
    if (i === -1) throw valueError(`${pyRepr(x!)} is not in list`);
    return BigInt(i);
  },
  count: (l, a) => BigInt(l.filter((y) => pyEq(y, params(a, 'count', ['value'], 1)[0]!)).length),
  append: (l, a) => {
    checkGrow(l, 1);
    l.push(params(a, 'append', ['object'], 1)[0]!);
    return null;
  },
  extend: (l, a) => {
    const items = iterate(params(a, 'extend', ['iterable'], 1)[0]!);
    checkGrow(l, items.length);
    l.push(...items);
    return null;
  },
  insert: (l, a) => {
    const [i, x] = params(a, 'insert', ['index', 'object'], 2);
    checkGrow(l, 1);
    let idx = int(i, 0);
    if (idx < 0) idx = Math.max(0, idx + l.length);
    l.splice(Math.min(idx, l.length), 0, x!);
    return null;
  },
  pop: (l, a) => {
    if (!l.length) throw new JinjaError('type', 'IndexError', 'pop from empty list');
    let idx = int(params(a, 'pop', ['index'], 0)[0], -1);
    if (idx < 0) idx += l.length;
    if (idx < 0 || idx >= l.length) throw new JinjaError('type', 'IndexError', 'pop index out of range');
    return l.splice(idx, 1)[0]!;
  },
  remove: (l, a) => {
    const [x] = params(a, 'remove', ['value'], 1);
    const i = l.findIndex((y) => pyEq(y, x!));
    if (i === -1) throw valueError('list.remove(x): x not in list');
    l.splice(i, 1);
    return null;
  },
  reverse: (l) => {
    l.reverse();
    return null;
  },
  sort: (l, a) => {
    const [, rev] = params(a, 'sort', ['key', 'reverse'], 0);
    const sorted = stableSort(l, (x, y) => pyCmp(x, y));
    if (rev !== undefined && truthy(rev)) sorted.reverse();
    l.splice(0, l.length, ...sorted);
    return null;
  },
  clear: (l) => {
    l.length = 0;
    return null;
  },
  copy: (l) => l.slice(),
};

/** Python's sorted(): stable; reverse keeps equal items in order. */
export function stableSort<T>(items: readonly T[], cmp: (a: T, b: T) => number): T[] {
  return items.map((v, i) => ({ v, i })).sort((a, b) => cmp(a.v, b.v) || a.i - b.i).map((e) => e.v);
}

const DICT_METHODS: Record<string, (d: PyDict, a: CallArgs) => PyValue> = {
  keys: (d) => new PyIterator('dict_keys', 'keys', d.keys(), true),
  values: (d) => new PyIterator('dict_values', 'values', d.values(), true),
  items: (d) => new PyIterator('dict_items', 'items', d.entries().map(([k, v]) => new PyTuple([k, v])), true),
  get: (d, a) => {
    if (a.kwargs.size) throw typeError('get() takes no keyword arguments');
    const [k, dflt] = a.args;
    if (k === undefined) throw typeError('get expected at least 1 argument, got 0');
    const v = d.get(k);
    return v !== undefined ? v : dflt !== undefined ? dflt : null;
  },
  copy: (d) => PyDict.from(d.entries()),
  update: (d, a) => {
    for (const x of a.args) {
      if (x instanceof PyDict) for (const [k, v] of x.entries()) d.set(k, v);
      else for (const pair of iterate(x)) {
        const kv = iterate(pair);
        d.set(kv[0]!, kv[1]!);
      }
    }
    for (const [k, v] of a.kwargs) d.set(k, v);
    budget().collectionOf(d.size);
    return null;
  },
  pop: (d, a) => {
    const [k, dflt] = a.args;
    const v = d.get(k!);
    if (v === undefined) {
      if (dflt !== undefined) return dflt;
      throw new JinjaError('type', 'KeyError', pyRepr(k!));
    }
    d.delete(k!);
    return v;
  },
  setdefault: (d, a) => {
    const [k, dflt = null] = a.args;
    const v = d.get(k!);
    if (v !== undefined) return v;
    budget().collectionOf(d.size + 1);
    d.set(k!, dflt);
    return dflt;
  },
  clear: (d) => {
    d.clear();
    return null;
  },
};

const TUPLE_METHODS: Record<string, (t: PyTuple, a: CallArgs) => PyValue> = {
  index: (t, a) => LIST_METHODS.index!(t.items.slice(), a),
  count: (t, a) => LIST_METHODS.count!(t.items.slice(), a),
};

function bind<T>(self: T, owner: string, name: string, fn: ((s: T, a: CallArgs) => PyValue) | undefined): PyCallable | undefined {
  if (!fn || !Object.prototype.hasOwnProperty.call(methodsOf(owner), name)) return undefined;
  return new PyCallable(name, owner, (a) => fn(self, a));
}

function methodsOf(owner: string): object {
  return owner === 'str' || owner === 'Markup' ? STR_METHODS : owner === 'list' ? LIST_METHODS : owner === 'dict' ? DICT_METHODS : TUPLE_METHODS;
}

/** A bound Python method of `obj`, or undefined when the type has no such method. */
export function getMethod(obj: PyValue, name: string): PyCallable | undefined {
  if (typeof obj === 'string') return bind(obj, 'str', name, STR_METHODS[name]);
  if (obj instanceof Markup) return bind(obj.s, 'Markup', name, STR_METHODS[name]);
  if (Array.isArray(obj)) return bind(obj, 'list', name, LIST_METHODS[name]);
  if (obj instanceof PyDict) return bind(obj, 'dict', name, DICT_METHODS[name]);
  if (obj instanceof PyTuple) return bind(obj, 'tuple', name, TUPLE_METHODS[name]);
  return undefined;
}

