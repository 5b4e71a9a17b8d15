/**
 * sprig v3.3.0's reflection functions (reflect.go): typeOf/typeIs/typeIsLike print and compare
 * `%T`, kindOf/kindIs the reflect.Kind name, and deepEqual is Go's reflect.DeepEqual, which
 * `uniq`, `without` and `has` use as well.
 */
import { compareGoStrings } from '../template/gostring.js';
import { GoComplex, GoFunc, GoInt, GoStruct, type GoValue, NO_FIELD, T_BOOL, T_INTERFACE, T_STRING, kindOf, typeOf } from '../template/value.js';
import { define } from './define.js';

/** reflect.DeepEqual over the value model: same Go type and deeply equal contents. */
export function deepEqual(x: GoValue, y: GoValue): boolean {
  return equalValues(x, y, new Map());
}

function equalValues(x: GoValue, y: GoValue, visited: Map<object, Set<object>>): boolean {
  const xNil = x === null || x === undefined;
  const yNil = y === null || y === undefined;
  if (xNil || yNil) return xNil && yNil;
  if (typeOf(x) !== typeOf(y)) return false;
  if (x instanceof GoInt) return x.value === (y as GoInt).value;
  if (x instanceof GoComplex) return x.re === (y as GoComplex).re && x.im === (y as GoComplex).im;
  // Strings compare as bytes: escapes that spell a character equal it.
  if (typeof x === 'string') return x === y || compareGoStrings(x, y as string) === 0;
  if (typeof x !== 'object') return x === y;
  if (x === y) return true;
  // A pair already being compared is assumed equal, as Go does to stop on cycles.
  const seen = visited.get(x);
  if (seen?.has(y as object)) return true;
  if (seen) seen.add(y as object);
  else visited.set(x, new Set([y as object]));
  if (x instanceof Uint8Array) {
    const b = y as Uint8Array;
    return x.length === b.length && x.every((v, i) => v === b[i]);
  }
  if (Array.isArray(x)) {
    const b = y as GoValue[];
    return x.length === b.length && x.every((v, i) => equalValues(v, b[i], visited));
  }
  if (x instanceof Map) {
    const b = y as Map<string, GoValue>;
    if (x.size !== b.size) return false;
    for (const [k, v] of x) {
      if (!b.has(k) || !equalValues(v, b.get(k), visited)) return false;
    }
    return true;
  }
  if (x instanceof GoStruct) return equalStructs(x, y as GoStruct, visited);
  // Func values are never deeply equal unless both are nil.
  if (x instanceof GoFunc) return false;
  return false;
}

function equalStructs(x: GoStruct, y: GoStruct, visited: Map<object, Set<object>>): boolean {
  if (x.isNilPointer() || y.isNilPointer()) return x.isNilPointer() && y.isNilPointer();
  for (const name of x.fieldNames()) {
    const a = x.field(name);
    const b = y.field(name);
    if (a === NO_FIELD || b === NO_FIELD) return false;
    if (!equalValues(a, b, visited)) return false;
  }
  return true;
}

/** sprig typeOf: `%T` of the value (`<nil>` for nil). */
export function goTypeOf(src: GoValue): string {
  return typeOf(src);
}

/** sprig kindOf: reflect.Kind's name (`invalid` for nil). */
export function goKindOf(src: GoValue): string {
  return kindOf(src);
}

/** sprig's reflection functions. */
export const reflectFuncs: readonly GoFunc[] = [
  define('typeOf', [T_INTERFACE], T_STRING, goTypeOf),
  define('typeIs', [T_STRING, T_INTERFACE], T_BOOL, (target: string, src: GoValue) => target === goTypeOf(src)),
  define('typeIsLike', [T_STRING, T_INTERFACE], T_BOOL, (target: string, src: GoValue) => {
    const t = goTypeOf(src);
    return target === t || '*' + target === t;
  }),
  define('kindOf', [T_INTERFACE], T_STRING, goKindOf),
  define('kindIs', [T_STRING, T_INTERFACE], T_BOOL, (target: string, src: GoValue) => target === goKindOf(src)),
  define('deepEqual', [T_INTERFACE, T_INTERFACE], T_BOOL, deepEqual),
];
