/**
 * sprig v3.3.0's conversion functions (functions.go, numeric.go, strings.go): atoi (errors
 * ignored), int/int64/float64 over spf13/cast, toString (strval), toStrings (strslice) and
 * toDecimal (the value's %v text read as octal).
 */
import { reservePrinted } from '../template/budget.js';
import { sprint } from '../template/gofmt.js';
import { type GoFunc, type GoValue, GoInt, T_FLOAT64, T_INT, T_INT64, T_INTERFACE, T_STRING, T_STRING_SLICE } from '../template/value.js';
import { atoi, parseInt64, strslice, strval, toFloat64, toInt, toInt64 } from './cast.js';
import { define } from './define.js';

/** sprig toDecimal: strconv.ParseInt(fmt.Sprint(v), 8, 64), 0 on error ("0777" -> 511). */
export function toDecimal(v: GoValue): bigint {
  if (Array.isArray(v) || v instanceof Map) reservePrinted(v);
  const parsed = parseInt64(sprint([v === undefined ? null : v]), 8);
  return parsed.error ? 0n : parsed.value;
}

/** sprig's conversion functions. */
export const conversionFuncs: readonly GoFunc[] = [
  define('atoi', [T_STRING], T_INT, (s: string) => new GoInt(atoi(s), 'int')),
  define('int', [T_INTERFACE], T_INT, (v: GoValue) => new GoInt(toInt(v), 'int')),
  define('int64', [T_INTERFACE], T_INT64, (v: GoValue) => new GoInt(toInt64(v), 'int64')),
  define('float64', [T_INTERFACE], T_FLOAT64, toFloat64),
  define('toString', [T_INTERFACE], T_STRING, strval),
  define('toStrings', [T_INTERFACE], T_STRING_SLICE, strslice),
  define('toDecimal', [T_INTERFACE], T_INT64, (v: GoValue) => new GoInt(toDecimal(v), 'int64')),
];
