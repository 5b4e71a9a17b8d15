/**
 * sprig v3.3.0's list functions (list.go). They accept any slice through reflection ([]string,
 * []int, []byte...) and return []interface{}; `slice` keeps the input's slice type.
 *
 * The plain forms panic where the must* forms return an error; text/template reports both as
 * `error calling NAME: MESSAGE`, so both throw a GoError with Go's message. A nil list panics
 * in reflect.TypeOf(nil).Kind(), which Go reports as a nil pointer dereference.
 */
import {
  type GoFunc,
  type GoValue,
  GoError,
  GoInt,
  T_BOOL,
  T_INT,
  T_INTERFACE,
  T_SLICE,
  kindOf,
  sliceType,
  tagSliceType,
} from '../template/value.js';
import { intArg, toInt } from './cast.js';
import { define } from './define.js';
import { pollWork, reserveElements } from '../template/budget.js';
import { deepEqual } from './reflect.js';

const T_SLICE_OF_SLICES = '[][]interface {}';

/** The runtime panic of calling Kind() on reflect.TypeOf(nil). */
export function nilKindPanic(): GoError {
  return new GoError('runtime error: invalid memory address or nil pointer dereference');
}

/** The elements of a Go slice value, or undefined when v is not a slice. []byte gives uint8s. */
export function sliceElements(v: GoValue): GoValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) {
    reserveElements(v.length, GO_INT_BYTES);
    return Array.from(v, (b) => new GoInt(BigInt(b), 'uint8'));
  }
  return undefined;
}

/** Heap bytes of a GoInt element (the object, its bigint, the slot). */
const GO_INT_BYTES = 72;

/** A new list of `count` elements is about to be built from existing ones (8-byte slots). */
const reserveCopy = (count: number): void => reserveElements(count, 8);

/**
 * The elements of sprig's `list interface{}` argument: a GoError `FORMAT` (with %s replaced by
 * the reflect.Kind name) for non-slices, the nil dereference panic for nil.
 */
export function listArg(v: GoValue, format: string): GoValue[] {
  if (v === null || v === undefined) throw nilKindPanic();
  const elements = sliceElements(v);
  if (!elements) throw new GoError(format.replace('%s', kindOf(v)));
  return elements;
}

type Impl = (...args: any[]) => GoValue;

/**
 * The plain function (which panics) and its must* twin (which returns the error): both fail
 * with the same message, so one implementation serves both.
 */
function withMust(name: string, params: readonly string[], result: string, impl: Impl, variadic?: string): GoFunc[] {
  const options = variadic ? { variadic } : {};
  const mustName = 'must' + name[0]!.toUpperCase() + name.slice(1);
  return [define(name, params, result, impl, options), define(mustName, params, result, impl, { ...options, returnsError: true })];
}

function push(list: GoValue, v: GoValue): GoValue[] {
  const l = listArg(list, 'Cannot push on type %s');
  reserveCopy(l.length + 1);
  const out = l.slice();
  out.push(v);
  return out;
}

function prepend(list: GoValue, v: GoValue): GoValue[] {
  const l = listArg(list, 'Cannot prepend on type %s');
  reserveCopy(l.length + 1);
  const out = [v];
  for (const e of l) out.push(e);
  return out;
}

function first(list: GoValue): GoValue {
  const l = listArg(list, 'Cannot find first on type %s');
  return l.length === 0 ? null : l[0];
}

function last(list: GoValue): GoValue {
  const l = listArg(list, 'Cannot find last on type %s');
  return l.length === 0 ? null : l[l.length - 1];
}

function rest(list: GoValue): GoValue[] {
  const l = listArg(list, 'Cannot find rest on type %s');
  reserveCopy(l.length);
  return l.slice(1);
}

function initial(list: GoValue): GoValue[] {
  const l = listArg(list, 'Cannot find initial on type %s');
  reserveCopy(l.length);
  return l.slice(0, -1);
}

function reverse(list: GoValue): GoValue[] {
  const l = listArg(list, 'Cannot find reverse on type %s');
  reserveCopy(l.length);
  return l.slice().reverse();
}

/** Whether some element of haystack deep-equals needle; the comparisons are polled against the deadline. */
function inList(haystack: readonly GoValue[], needle: GoValue): boolean {
  pollWork(haystack.length);
  return haystack.some((h) => deepEqual(needle, h));
}

/** sprig uniq: quadratic, as in Go; the deadline stops a long one. */
function uniq(list: GoValue): GoValue[] {
  const l = listArg(list, 'Cannot find uniq on type %s');
  reserveCopy(l.length);
  const out: GoValue[] = [];
  for (const item of l) if (!inList(out, item)) out.push(item);
  return out;
}

function without(list: GoValue, ...omit: GoValue[]): GoValue[] {
  const l = listArg(list, 'Cannot find without on type %s');
  reserveCopy(l.length);
  return l.filter((item) => !inList(omit, item));
}

function has(needle: GoValue, haystack: GoValue): boolean {
  if (haystack === null || haystack === undefined) return false;
  return inList(listArg(haystack, 'Cannot find has on type %s'), needle);
}

/** sprig slice: list[start:end] keeping the slice type; nil for an empty list. */
function slice(list: GoValue, ...indices: GoValue[]): GoValue {
  const l = listArg(list, 'list should be type of slice or array but %s');
  if (l.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt(indices[0])) : 0;
  const end = indices.length < 2 ? l.length : Number(toInt(indices[1]));
  if (start < 0 || start > end || end > l.length) throw new GoError('reflect.Value.Slice: slice index out of bounds');
  if (list instanceof Uint8Array) return list.slice(start, end);
  return tagSliceType(l.slice(start, end), sliceType(list as GoValue[]));
}

/** sprig concat: all lists appended into one []interface{}; a non-list panics. */
function concat(...lists: GoValue[]): GoValue {
  const parts = lists.map((list) => listArg(list, 'Cannot concat type %s as list'));
  reserveCopy(parts.reduce((n, p) => n + p.length, 0));
  const out: GoValue[] = [];
  for (const part of parts) for (const e of part) out.push(e);
  return out;
}

/**
 * sprig chunk: lists of `size` elements, computed with Go's float arithmetic as sprig does (a
 * zero size gives an impossible slice length: Go's makeslice panic).
 */
function chunk(sizeArg: GoValue, list: GoValue): GoValue {
  const size = intArg(sizeArg);
  const l = listArg(list, 'Cannot chunk type %s');
  const count = floatToInt(Math.floor((l.length - 1) / size) + 1);
  if (count < 0) throw new GoError('runtime error: makeslice: len out of range');
  reserveCopy(count + l.length);
  const out: GoValue[] = [];
  for (let i = 0; i < count; i++) {
    let clen = size;
    if (i === count - 1) {
      clen = floatToInt(Math.floor(l.length % size));
      if (clen === 0) clen = size;
    }
    if (clen < 0) throw new GoError('runtime error: makeslice: len out of range');
    const part: GoValue[] = [];
    for (let j = 0; j < clen; j++) {
      const ix = i * size + j;
      if (ix >= l.length) throw new GoError('reflect: slice index out of range');
      part.push(l[ix]);
    }
    out.push(part);
  }
  return tagSliceType(out, T_SLICE_OF_SLICES);
}

/** Go's int(f) on amd64 for the float results above: NaN and overflow give the minimum int. */
function floatToInt(f: number): number {
  if (Number.isNaN(f) || !Number.isFinite(f) || Math.abs(f) >= 2 ** 63) return Number.MIN_SAFE_INTEGER;
  return Math.trunc(f);
}

/** sprig's list functions. */
export const listFuncs: readonly GoFunc[] = [
  define('list', [], T_SLICE, (...v: GoValue[]) => v, { variadic: T_INTERFACE }),
  define('tuple', [], T_SLICE, (...v: GoValue[]) => v, { variadic: T_INTERFACE }),
  define('append', [T_INTERFACE, T_INTERFACE], T_SLICE, push),
  define('push', [T_INTERFACE, T_INTERFACE], T_SLICE, push),
  define('mustAppend', [T_INTERFACE, T_INTERFACE], T_SLICE, push, { returnsError: true }),
  define('mustPush', [T_INTERFACE, T_INTERFACE], T_SLICE, push, { returnsError: true }),
  ...withMust('prepend', [T_INTERFACE, T_INTERFACE], T_SLICE, prepend),
  ...withMust('first', [T_INTERFACE], T_INTERFACE, first),
  ...withMust('last', [T_INTERFACE], T_INTERFACE, last),
  ...withMust('rest', [T_INTERFACE], T_SLICE, rest),
  ...withMust('initial', [T_INTERFACE], T_SLICE, initial),
  ...withMust('reverse', [T_INTERFACE], T_SLICE, reverse),
  ...withMust('uniq', [T_INTERFACE], T_SLICE, uniq),
  ...withMust('without', [T_INTERFACE], T_SLICE, without, T_INTERFACE),
  ...withMust('has', [T_INTERFACE, T_INTERFACE], T_BOOL, has),
  ...withMust('slice', [T_INTERFACE], T_INTERFACE, slice, T_INTERFACE),
  define('concat', [], T_INTERFACE, concat, { variadic: T_INTERFACE }),
  ...withMust('chunk', [T_INT, T_INTERFACE], T_SLICE_OF_SLICES, chunk),
];
