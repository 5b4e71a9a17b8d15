/**
 * sprig v3.3.0's default-value functions (defaults.go: default, empty, coalesce, all, any,
 * ternary; list.go: compact). "Empty" is sprig's reflection rule: nil, zero numbers, false, and
 * empty strings, maps and slices; structs never are.
 */
import { type GoFunc, type GoValue, T_BOOL, T_INTERFACE, T_SLICE, isEmptyValue } from '../template/value.js';
import { define } from './define.js';
import { listArg } from './lists.js';

/** sprig empty. */
export function empty(given: GoValue): boolean {
  return isEmptyValue(given);
}

/** sprig default: the first `given` value unless it is empty (or missing), else `d`. */
export function dfault(d: GoValue, ...given: GoValue[]): GoValue {
  if (given.length === 0 || empty(given[0])) return d;
  return given[0];
}

/** sprig coalesce: the first non-empty value, or nil. */
export function coalesce(...v: GoValue[]): GoValue {
  for (const val of v) if (!empty(val)) return val;
  return null;
}

/** sprig compact: the non-empty elements of a list. */
export function compact(list: GoValue): GoValue[] {
  return listArg(list, 'Cannot compact on type %s').filter((item) => !empty(item));
}

/** sprig's default-value functions. */
export const defaultFuncs: readonly GoFunc[] = [
  define('default', [T_INTERFACE], T_INTERFACE, dfault, { variadic: T_INTERFACE }),
  define('empty', [T_INTERFACE], T_BOOL, empty),
  define('coalesce', [], T_INTERFACE, coalesce, { variadic: T_INTERFACE }),
  define('all', [], T_BOOL, (...v: GoValue[]) => v.every((x) => !empty(x)), { variadic: T_INTERFACE }),
  define('any', [], T_BOOL, (...v: GoValue[]) => v.some((x) => !empty(x)), { variadic: T_INTERFACE }),
  define('ternary', [T_INTERFACE, T_INTERFACE, T_BOOL], T_INTERFACE, (vt: GoValue, vf: GoValue, v: boolean) => (v ? vt : vf)),
  define('compact', [T_INTERFACE], T_SLICE, compact),
  define('mustCompact', [T_INTERFACE], T_SLICE, compact, { returnsError: true }),
];
