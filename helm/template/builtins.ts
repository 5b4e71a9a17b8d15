/**
 * text/template's predefined functions (mirrors Go 1.23 src/text/template/funcs.go builtins()):
 * and, or, not, len, index, slice, call, print, printf, println, html, js, urlquery and the
 * comparisons. Error texts match Go's, and reach templates as `error calling NAME: TEXT`.
 *
 * Functions taking reflect.Value receive the executor's values as they are (boxed or invalid),
 * as Go's do; `and`, `or` and `call` are evaluated by the executor itself (exec-call.ts) and
 * only lend their signatures here.
 */
import { htmlEscaper, jsEscaper, urlQueryEscaper } from './escape.js';
import { Boxed, concrete, holdElem, markRawValueFunc, prepareArg, truth, type Val, zeroValue } from './exec-call.js';
import { eq, ge, gt, le, lt, ne } from './exec-compare.js';
import { printedSizeAtLeast, reserveChars } from './budget.js';
import { sprint, sprintf, sprintln } from './gofmt.js';
import { goByteLength, goStringFromBytes, goStringToBytes } from './gostring.js';
import {
  elemType,
  GoError,
  GoFunc,
  GoInt,
  type GoType,
  type GoValue,
  GoStruct,
  mapType,
  sliceType,
  tagSliceType,
  T_BOOL,
  T_INT,
  T_INTERFACE,
  T_REFLECT_VALUE,
  T_STRING,
  T_SLICE,
  typeOf,
} from './value.js';


type RawImpl = (...args: Val[]) => Val;

function builtin(
  name: string,
  params: readonly GoType[],
  result: GoType,
  impl: RawImpl,
  options: { variadic?: GoType; returnsError?: boolean } = {},
): GoFunc {
  const fn = new GoFunc(
    name,
    {
      params,
      result,
      returnsError: options.returnsError ?? false,
      ...(options.variadic !== undefined ? { variadic: options.variadic } : {}),
    },
    impl as (...args: GoValue[]) => GoValue,
  );
  return markRawValueFunc(fn);
}

/** Reached only if the executor did not special-case the function (and/or/call). */
function unreachable(): never {
  throw new Error('unreachable');
}

/** Go's indirect(): through interfaces and pointers; reports a nil one. */
function indirect(v: Val): { value: GoValue; isNil: boolean } {
  if (v === null) return { value: null, isNil: true };
  const c = v instanceof Boxed ? v.value : v;
  if (c instanceof GoStruct && c.isNilPointer()) return { value: c, isNil: true };
  return { value: c, isNil: false };
}

/** The type a value has after indirection: a struct pointer's element type. */
function indirectTypeName(v: GoValue): string {
  const t = typeOf(v);
  return v instanceof GoStruct && t.startsWith('*') ? t.slice(1) : t;
}

/** len: the length of a string (bytes), slice or map. */
export function length(item: Val): GoValue {
  const { value, isNil } = indirect(item);
  if (isNil) throw new GoError('len of nil pointer');
  if (value === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof value === 'string') return GoInt.int(goByteLength(value));
  if (Array.isArray(value) || value instanceof Uint8Array) return GoInt.int(value.length);
  if (value instanceof Map) return GoInt.int(value.size);
  throw new GoError(`len of type ${indirectTypeName(value)}`);
}

/** indexArg: an integer index within [0, cap]. */
function indexArg(index: GoValue, cap: number): number {
  let x: bigint;
  if (index instanceof GoInt) {
    // Go converts a uint64 index to int64 first.
    x = index.isUnsigned() ? BigInt.asIntN(64, index.value) : index.value;
  } else if (index === undefined) {
    throw new GoError('cannot index slice/array with nil');
  } else {
    throw new GoError(`cannot index slice/array with type ${typeOf(index)}`);
  }
  if (x < 0n || x > BigInt(cap)) throw new GoError(`index out of range: ${x}`);
  return Number(x);
}

/** index: item[i][j]... over maps, slices and strings (bytes); a missing map key gives the zero value. */
export function index(itemv: Val, ...indexes: Val[]): Val {
  let item: Val = concrete(itemv);
  if (item === undefined) throw new GoError('index of untyped nil');
  for (const indexv of indexes) {
    const idx = concrete(indexv);
    const { value, isNil } = indirect(item);
    if (isNil) throw new GoError('index of nil pointer');
    if (typeof value === 'string') {
      const bytes = goStringToBytes(value);
      const x = indexArg(idx, bytes.length);
      if (x === bytes.length) throw new GoError('reflect: string index out of range');
      item = new GoInt(BigInt(bytes[x]!), 'uint8');
    } else if (Array.isArray(value)) {
      const x = indexArg(idx, value.length);
      if (x === value.length) throw new GoError('reflect: slice index out of range');
      item = holdElem(sliceType(value), value[x]);
    } else if (value instanceof Uint8Array) {
      const x = indexArg(idx, value.length);
      if (x === value.length) throw new GoError('reflect: slice index out of range');
      item = new GoInt(BigInt(value[x]!), 'uint8');
    } else if (value instanceof Map) {
      const type = mapType(value);
      const key = prepareArg(idx, 'string');
      const found = value.get(key as string);
      item = found !== undefined ? holdElem(type, found) : zeroValue(elemType(type));
    } else {
      throw new GoError(`can't index item of type ${indirectTypeName(value!)}`);
    }
  }
  return item;
}

/**
 * slice: item[i:j:k] over strings and slices. Slices here have no spare capacity (cap == len),
 * which only matters for Go slices that do.
 */
export function slice(itemv: Val, ...indexes: Val[]): Val {
  const item = concrete(itemv);
  if (item === undefined) throw new GoError('slice of untyped nil');
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  let bytes: Uint8Array | undefined;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
    bytes = goStringToBytes(item);
    len = bytes.length;
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    len = item.length;
  } else {
    throw new GoError(`can't slice item of type ${typeOf(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((index, i) => {
    // slice's indexes are not unwrapped from interface{} (index's are): Go rejects them by type.
    if (index instanceof Boxed || index === null) throw new GoError(`cannot index slice/array with type ${T_INTERFACE}`);
    idx[i] = indexArg(index, len);
  });
  if (idx[0]! > idx[1]!) throw new GoError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new GoError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return goStringFromBytes(bytes.subarray(idx[0], idx[1]));
  if (item instanceof Uint8Array) return item.slice(idx[0], idx[1]);
  const arr = item as GoValue[];
  const type = sliceType(arr);
  const part = arr.slice(idx[0], idx[1]);
  return type === T_SLICE ? part : tagSliceType(part, type);
}

/** not: the negation of the argument's truth. */
export function not(arg: Val): boolean {
  return !truth(arg);
}

/** The builtins, by name (Go's builtins() FuncMap). */
export const BUILTINS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['and', builtin('and', [T_REFLECT_VALUE], T_REFLECT_VALUE, unreachable, { variadic: T_REFLECT_VALUE })],
  ['call', builtin('call', [T_REFLECT_VALUE], T_REFLECT_VALUE, unreachable, { variadic: T_REFLECT_VALUE })],
  ['html', builtin('html', [], T_STRING, (...args) => htmlEscaper(args as GoValue[]), { variadic: T_INTERFACE })],
  ['index', builtin('index', [T_REFLECT_VALUE], T_REFLECT_VALUE, index, { variadic: T_REFLECT_VALUE, returnsError: true })],
  ['slice', builtin('slice', [T_REFLECT_VALUE], T_REFLECT_VALUE, slice, { variadic: T_REFLECT_VALUE, returnsError: true })],
  ['js', builtin('js', [], T_STRING, (...args) => jsEscaper(args as GoValue[]), { variadic: T_INTERFACE })],
  ['len', builtin('len', [T_REFLECT_VALUE], T_INT, length, { returnsError: true })],
  ['not', builtin('not', [T_REFLECT_VALUE], T_BOOL, not)],
  ['or', builtin('or', [T_REFLECT_VALUE], T_REFLECT_VALUE, unreachable, { variadic: T_REFLECT_VALUE })],
  ['print', builtin('print', [], T_STRING, (...args) => sprint(reservePrinted(args as GoValue[])), { variadic: T_INTERFACE })],
  ['printf', builtin('printf', [T_STRING], T_STRING, (format, ...args) => sprintf(format as string, reservePrinted(args as GoValue[])), { variadic: T_INTERFACE })],
  ['println', builtin('println', [], T_STRING, (...args) => sprintln(reservePrinted(args as GoValue[])), { variadic: T_INTERFACE })],
  ['urlquery', builtin('urlquery', [], T_STRING, (...args) => urlQueryEscaper(args as GoValue[]), { variadic: T_INTERFACE })],
  ['eq', builtin('eq', [T_REFLECT_VALUE], T_BOOL, eq, { variadic: T_REFLECT_VALUE, returnsError: true })],
  ['ge', builtin('ge', [T_REFLECT_VALUE, T_REFLECT_VALUE], T_BOOL, ge, { returnsError: true })],
  ['gt', builtin('gt', [T_REFLECT_VALUE, T_REFLECT_VALUE], T_BOOL, gt, { returnsError: true })],
  ['le', builtin('le', [T_REFLECT_VALUE, T_REFLECT_VALUE], T_BOOL, le, { returnsError: true })],
  ['lt', builtin('lt', [T_REFLECT_VALUE, T_REFLECT_VALUE], T_BOOL, lt, { returnsError: true })],
  ['ne', builtin('ne', [T_REFLECT_VALUE, T_REFLECT_VALUE], T_BOOL, ne, { returnsError: true })],
]);

/**
 * Before printing lists and maps: what they print to is reserved against the render's budget
 * (and V8's string limit) first. A list that holds itself twice, doubled 60 times, is small in
 * memory and prints to 2^60 elements; strings and numbers already exist at their size. Go's fmt
 * bounds widths and precisions itself (1e6).
 */
function reservePrinted(args: GoValue[]): GoValue[] {
  let chars = 0;
  for (const a of args) if (Array.isArray(a) || a instanceof Map) chars += printedSizeAtLeast(a);
  if (chars > 0) reserveChars(chars, true);
  return args;
}
