/**
 * sprig v3.3.0's dictionary functions (dict.go): dict, get/set/unset/hasKey, pluck, keys,
 * values, pick, omit, merge/mergeOverwrite (mergo rules, see mergo.ts), deepCopy
 * (mitchellh/copystructure) and dig.
 *
 * Go maps iterate in random order; `keys` and `values` return our insertion order, which is one
 * of the orders Go may produce (charts sort them with sortAlpha).
 */
import {
  type GoFunc,
  type GoMap,
  type GoValue,
  GoError,
  T_BOOL,
  T_INTERFACE,
  T_MAP,
  T_SLICE,
  T_STRING,
  T_STRING_SLICE,
  mapType,
  sliceType,
  tagMapType,
  tagSliceType,
  typeOf,
} from '../template/value.js';
import { strval } from './cast.js';
import { define } from './define.js';
import { GrowingResult, reserveElements } from '../template/budget.js';
import { mergeMaps } from './mergo.js';

/** A nil map argument reads as empty, as Go's nil maps do. */
const entries = (d: GoMap | null | undefined): GoMap => d ?? new Map();

/** sprig dict: alternating keys (any value, printed with strval) and values; a lone key maps to "". */
export function dict(...v: GoValue[]): GoMap {
  const out: GoMap = new Map();
  for (let i = 0; i < v.length; i += 2) out.set(strval(v[i]), i + 1 < v.length ? v[i + 1] : '');
  return out;
}

function set(d: GoMap | null, key: string, value: GoValue): GoMap {
  if (!d) throw new GoError('assignment to entry in nil map');
  d.set(key, value);
  return d;
}

function unset(d: GoMap | null, key: string): GoMap {
  if (!d) return new Map();
  d.delete(key);
  return d;
}

function pick(d: GoMap | null, ...keys: string[]): GoMap {
  const src = entries(d);
  const out: GoMap = new Map();
  for (const k of keys) if (src.has(k)) out.set(k, src.get(k));
  return out;
}

function omit(d: GoMap | null, ...keys: string[]): GoMap {
  const skip = new Set(keys);
  const out: GoMap = new Map();
  for (const [k, v] of entries(d)) if (!skip.has(k)) out.set(k, v);
  return out;
}

/** sprig merge / mergeOverwrite: every src merged into dst in turn; dst (or a new map if nil). */
export function merge(overwrite: boolean, dst: GoMap | null, ...srcs: (GoMap | null)[]): GoMap {
  const target = dst ?? new Map();
  for (const src of srcs) mergeMaps(target, src, overwrite);
  return target;
}

/**
 * copystructure.Copy as sprig's deepCopy uses it: maps and slices are copied recursively with
 * their Go types; other values are immutable here and shared. A nil argument panics in Go.
 * Every copied element counts against maxListElements: a value that shares sub-values copies
 * them each time, so a small value can stand for an exponentially large copy.
 */
export function deepCopy(v: GoValue): GoValue {
  if (v === null || v === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  const copied = new GrowingResult('elements', COPIED_ELEMENT_BYTES);
  const out = copyValue(v, copied);
  copied.done();
  return out;
}

/** Heap bytes of one copied element (a map entry or slot, about). */
const COPIED_ELEMENT_BYTES = 48;

function copyValue(v: GoValue, copied: GrowingResult): GoValue {
  if (v instanceof Map) {
    copied.add(v.size);
    const out: GoMap = new Map();
    for (const [k, e] of v) out.set(k, copyValue(e, copied));
    return tagMapType(out, mapType(v));
  }
  if (Array.isArray(v)) {
    copied.add(v.length);
    return tagSliceType(v.map((e) => copyValue(e, copied)), sliceType(v));
  }
  if (v instanceof Uint8Array) return v.slice();
  return v;
}

/** All keys of the maps, in order, the list's size reserved first. */
function keysOf(ds: readonly (GoMap | null)[]): string[] {
  reserveElements(ds.reduce((n, d) => n + (d?.size ?? 0), 0), 8);
  return tagSliceType(ds.flatMap((d) => [...entries(d).keys()]), T_STRING_SLICE);
}

/** The text of Go's failed type assertion `v.(T)` on an interface{} value. */
function assertionPanic(v: GoValue, want: string): GoError {
  const got = v === null || v === undefined ? 'nil' : typeOf(v);
  return new GoError(`interface conversion: interface {} is ${got}, not ${want}`);
}

function asStringMap(v: GoValue): GoMap {
  if (v instanceof Map && mapType(v) === T_MAP) return v;
  throw assertionPanic(v, T_MAP);
}

/** sprig dig: `dig "a" "b" DEFAULT DICT` walks nested maps, returning DEFAULT at a missing key. */
export function dig(...ps: GoValue[]): GoValue {
  if (ps.length < 3) throw new GoError('dig needs at least three arguments');
  let current = asStringMap(ps[ps.length - 1]);
  const def = ps[ps.length - 2];
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw assertionPanic(k, 'string');
    return k;
  });
  for (let i = 0; ; i++) {
    const key = keys[i]!;
    if (!current.has(key)) return def;
    const step = current.get(key);
    if (i === keys.length - 1) return step;
    current = asStringMap(step);
  }
}

const mapVariadic = { variadic: T_MAP };
const stringVariadic = { variadic: T_STRING };

/** sprig's dictionary functions. */
export const dictFuncs: readonly GoFunc[] = [
  define('dict', [], T_MAP, dict, { variadic: T_INTERFACE }),
  define('get', [T_MAP, T_STRING], T_INTERFACE, (d: GoMap | null, key: string) => {
    const m = entries(d);
    return m.has(key) ? m.get(key) ?? null : '';
  }),
  define('set', [T_MAP, T_STRING, T_INTERFACE], T_MAP, set),
  define('unset', [T_MAP, T_STRING], T_MAP, unset),
  define('hasKey', [T_MAP, T_STRING], T_BOOL, (d: GoMap | null, key: string) => entries(d).has(key)),
  define(
    'pluck',
    [T_STRING],
    T_SLICE,
    (key: string, ...ds: (GoMap | null)[]) => ds.map(entries).filter((d) => d.has(key)).map((d) => d.get(key) ?? null),
    mapVariadic,
  ),
  define(
    'keys',
    [],
    T_STRING_SLICE,
    (...ds: (GoMap | null)[]) => keysOf(ds),
    mapVariadic,
  ),
  define('pick', [T_MAP], T_MAP, pick, stringVariadic),
  define('omit', [T_MAP], T_MAP, omit, stringVariadic),
  define('values', [T_MAP], T_SLICE, (d: GoMap | null) => [...entries(d).values()].map((v) => v ?? null)),
  define('merge', [T_MAP], T_INTERFACE, (dst: GoMap | null, ...srcs: (GoMap | null)[]) => merge(false, dst, ...srcs), mapVariadic),
  define('mergeOverwrite', [T_MAP], T_INTERFACE, (dst: GoMap | null, ...srcs: (GoMap | null)[]) => merge(true, dst, ...srcs), mapVariadic),
  // mergo only fails for non-map or mismatched arguments, which the map signature rules out.
  define('mustMerge', [T_MAP], T_INTERFACE, (dst: GoMap | null, ...srcs: (GoMap | null)[]) => merge(false, dst, ...srcs), {
    ...mapVariadic,
    returnsError: true,
  }),
  define(
    'mustMergeOverwrite',
    [T_MAP],
    T_INTERFACE,
    (dst: GoMap | null, ...srcs: (GoMap | null)[]) => merge(true, dst, ...srcs),
    { ...mapVariadic, returnsError: true },
  ),
  define('deepCopy', [T_INTERFACE], T_INTERFACE, deepCopy),
  // copystructure panics on nil rather than returning its error, so both forms fail alike.
  define('mustDeepCopy', [T_INTERFACE], T_INTERFACE, deepCopy, { returnsError: true }),
  define('dig', [], T_INTERFACE, dig, { variadic: T_INTERFACE, returnsError: true }),
];
