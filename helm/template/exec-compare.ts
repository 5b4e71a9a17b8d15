/**
 * The comparison builtins eq, ne, lt, le, gt, ge (mirrors Go 1.23 src/text/template/funcs.go).
 *
 * Only basic kinds compare by value: bool, complex, integers, floats, strings (complex and bool
 * only for equality). Signed and unsigned integers compare with each other, but an int never compares with a
 * float64 (`incompatible types for comparison`) — a classic helm surprise, since values.yaml
 * numbers are float64 and template literals are int. `eq` also accepts nil and non-basic
 * comparable values (pointers), and reports maps, slices and funcs as non-comparable.
 */
import { concrete, type Val } from './exec-call.js';
import { compareGoStrings } from './gostring.js';
import { sprintf } from './gofmt.js';
import { GoComplex, GoError, GoFunc, GoInt, type GoValue, GoStruct, kindOf, typeOf } from './value.js';

const enum Kind {
  Invalid,
  Bool,
  Complex,
  Int,
  Float,
  String,
  Uint,
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const errNoComparison = 'missing argument for comparison';

function basicKind(v: GoValue): Kind {
  switch (typeof v) {
    case 'boolean':
      return Kind.Bool;
    case 'number':
      return Kind.Float;
    case 'string':
      return Kind.String;
  }
  if (v instanceof GoInt) return v.isUnsigned() ? Kind.Uint : Kind.Int;
  if (v instanceof GoComplex) return Kind.Complex;
  return Kind.Invalid;
}

/** Go's isNil for eq: the invalid value, or a nil pointer/map/slice/func/interface. */
function isNil(v: GoValue): boolean {
  return v === undefined || v === null || (v instanceof GoStruct && v.isNilPointer());
}

/** reflect.Kind names that canCompare looks at. */
function reflectKind(v: GoValue): string {
  return kindOf(v);
}

/** Whether values of this dynamic type can be compared with == (Type.Comparable). */
function comparable(v: GoValue): boolean {
  if (v instanceof Map || Array.isArray(v) || v instanceof Uint8Array || v instanceof GoFunc) return false;
  return true;
}

/** int vs uint and uint vs int equality/ordering, which Go allows across signedness. */
function mixedInt(a: GoInt, b: GoInt): number {
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** eq: arg1 == arg2 || arg1 == arg3 ... */
export function eq(arg1v: Val, ...rest: Val[]): boolean {
  const arg1 = concrete(arg1v);
  if (rest.length === 0) throw new GoError(errNoComparison);
  const k1 = basicKind(arg1);
  for (const argv of rest) {
    const arg = concrete(argv);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if ((k1 === Kind.Int && k2 === Kind.Uint) || (k1 === Kind.Uint && k2 === Kind.Int)) {
        truth = mixedInt(arg1 as GoInt, arg as GoInt) === 0;
      } else if (arg1 !== undefined && arg !== undefined) {
        throw new GoError(errBadComparison);
      }
    } else {
      switch (k1) {
        case Kind.Bool:
        case Kind.Float:
          truth = arg1 === arg;
          break;
        case Kind.Complex:
          truth = (arg1 as GoComplex).re === (arg as GoComplex).re && (arg1 as GoComplex).im === (arg as GoComplex).im;
          break;
        case Kind.String:
          // Byte equality: escapes that spell a character equal that character.
          truth = arg1 === arg || compareGoStrings(arg1 as string, arg as string) === 0;
          break;
        case Kind.Int:
        case Kind.Uint:
          truth = (arg1 as GoInt).value === (arg as GoInt).value;
          break;
        default:
          truth = eqNonBasic(arg1, arg);
      }
    }
    if (truth) return true;
  }
  return false;
}

function eqNonBasic(arg1: GoValue, arg: GoValue): boolean {
  const kind1 = reflectKind(arg1);
  const kind2 = reflectKind(arg);
  if (kind1 !== kind2 && kind1 !== 'invalid' && kind2 !== 'invalid') {
    throw new GoError(sprintf('non-comparable types %s: %v, %s: %v', [arg1, typeOf(arg1), typeOf(arg), arg]));
  }
  if (isNil(arg1) || isNil(arg)) return isNil(arg) === isNil(arg1);
  if (!comparable(arg)) throw new GoError(sprintf('non-comparable type %s: %v', [arg, typeOf(arg)]));
  // Pointers compare by identity; GoStruct values stand for pointers or immutable structs.
  return arg1 === arg;
}

/** ne: !(arg1 == arg2). */
export function ne(arg1: Val, arg2: Val): boolean {
  return !eq(arg1, arg2);
}

/** lt: arg1 < arg2 for basic kinds only. */
export function lt(arg1v: Val, arg2v: Val): boolean {
  const arg1 = concrete(arg1v);
  const k1 = basicKind(arg1);
  if (k1 === Kind.Invalid) throw new GoError(errBadComparisonType);
  const arg2 = concrete(arg2v);
  const k2 = basicKind(arg2);
  if (k2 === Kind.Invalid) throw new GoError(errBadComparisonType);
  if (k1 !== k2) {
    if ((k1 === Kind.Int && k2 === Kind.Uint) || (k1 === Kind.Uint && k2 === Kind.Int)) {
      return mixedInt(arg1 as GoInt, arg2 as GoInt) < 0;
    }
    throw new GoError(errBadComparison);
  }
  switch (k1) {
    case Kind.Bool:
    case Kind.Complex:
      throw new GoError(errBadComparisonType);
    case Kind.Float:
      return (arg1 as number) < (arg2 as number);
    case Kind.String:
      return compareGoStrings(arg1 as string, arg2 as string) < 0;
    default:
      return (arg1 as GoInt).value < (arg2 as GoInt).value;
  }
}

/** le: arg1 <= arg2 (lt, then eq). */
export function le(arg1: Val, arg2: Val): boolean {
  return lt(arg1, arg2) || eq(arg1, arg2);
}

/** gt: !(arg1 <= arg2). */
export function gt(arg1: Val, arg2: Val): boolean {
  return !le(arg1, arg2);
}

/** ge: !(arg1 < arg2). */
export function ge(arg1: Val, arg2: Val): boolean {
  return !lt(arg1, arg2);
}
