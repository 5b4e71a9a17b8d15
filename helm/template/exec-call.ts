/**
 * Field, method and function calls for the executor, with text/template's argument checking and
 * conversion (Go 1.23 src/text/template/exec.go: evalField, evalCall, validateType, evalArg,
 * evalEmptyInterface; funcs.go: call, prepareArg).
 *
 * Go works on reflect.Values, which carry a static type. The only static type the executor has to
 * remember beyond the value itself is "interface {}": an element of a map[string]interface{} or a
 * []interface{} is a reflect.Value of Kind Interface. It prints differently in errors
 * (`can't evaluate field x in type interface {}`), and a nil one is not the same as an invalid
 * value (`wrong type for value; expected string; got interface {}` vs `invalid value; expected
 * string`). `Boxed` marks a non-nil value held in an interface{} slot; `null` is always a nil
 * interface{} value; `undefined` is the invalid reflect.Value.
 */
import type { FieldNode, IdentifierNode, Node, VariableNode } from './ast.js';
import type { ExecState } from './exec.js';
import { printNode } from './print.js';
import { quote } from './strconv.js';
import {
  elemType,
  GoComplex,
  GoError,
  GoFunc,
  GoInt,
  type GoType,
  type GoValue,
  GoStruct,
  type IntType,
  isTrue,
  mapType,
  NO_FIELD,
  tagMapType,
  tagSliceType,
  T_INTERFACE,
  T_MAP,
  T_REFLECT_VALUE,
  T_SLICE,
  typeMethod,
  typeOf,
} from './value.js';

/** A non-nil value whose static Go type is `interface {}` (a reflect.Value of Kind Interface). */
export class Boxed {
  constructor(readonly value: Exclude<GoValue, undefined | null>) {}
}

/** What the executor passes around: a Go value, possibly remembered as held in an interface{}. */
export type Val = GoValue | Boxed;

/** Go's missingVal: "there is no final value from a previous pipeline command". */
export const MISSING: unique symbol = Symbol('missing');
export type Final = Val | typeof MISSING;

/** Stores a value into an interface{} slot (map element, []interface{} element, func result). */
export function box(v: Val): Val {
  if (v === undefined || v === null) return null;
  return v instanceof Boxed ? v : new Boxed(v);
}

/** Go's indirectInterface: the concrete value inside an interface; nil interface -> invalid. */
export function concrete(v: Val): GoValue {
  if (v instanceof Boxed) return v.value;
  return v === null ? undefined : v;
}

/** The value as a function receives it through an interface{} parameter (nil stays nil). */
export function unboxed(v: Val): GoValue {
  return v instanceof Boxed ? v.value : v;
}

/** The reflect.Type text of a value as the executor holds it (interface{} for boxed/nil values). */
export function staticTypeOf(v: Val): GoType {
  if (v instanceof Boxed || v === null) return T_INTERFACE;
  return typeOf(v);
}

// ---------------------------------------------------------------------------------------------
// Go types as text: just enough of reflect.Type for text/template's checks.

/** reflect.Kind classes of a type, as validateType/evalArg switch over them. */
export type TypeKind =
  | 'interface'
  | 'iface-methods'
  | 'reflect'
  | 'bool'
  | 'string'
  | 'int'
  | 'uint'
  | 'float'
  | 'complex'
  | 'slice'
  | 'array'
  | 'map'
  | 'ptr'
  | 'func'
  | 'chan'
  | 'struct';

const INT_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64']);
const UINT_TYPES = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);
const BITS: Record<string, number> = {
  int: 64, int8: 8, int16: 16, int32: 32, int64: 64,
  uint: 64, uint8: 8, uint16: 16, uint32: 32, uint64: 64, uintptr: 64,
};

/** Named Go types and their underlying types (e.g. helm's `chartutil.Values`). */
const namedUnderlying = new Map<GoType, GoType>([
  ['chartutil.Values', T_MAP],
  ['common.Values', T_MAP],
  ['byte', 'uint8'],
  ['rune', 'int32'],
]);

/**
 * Declares the underlying type of a named Go type, so assignability follows Go's rule (a named
 * map type such as `chartutil.Values` is assignable to a `map[string]interface {}` parameter).
 */
export function registerNamedType(name: GoType, underlying: GoType): void {
  namedUnderlying.set(name, underlying);
}

/** Go's underlying type of a type text. */
export function underlyingType(t: GoType): GoType {
  let seen = 0;
  while (namedUnderlying.has(t) && seen++ < 8) t = namedUnderlying.get(t)!;
  return t;
}

/** reflect.Kind class of a type text. */
export function typeKind(t: GoType): TypeKind {
  const u = underlyingType(t);
  if (u === T_INTERFACE || u === 'any') return 'interface';
  if (u === T_REFLECT_VALUE) return 'reflect';
  if (u.startsWith('interface {') || u === 'error' || u === 'fmt.Stringer') return 'iface-methods';
  if (u === 'bool') return 'bool';
  if (u === 'string') return 'string';
  if (INT_TYPES.has(u)) return 'int';
  if (UINT_TYPES.has(u)) return 'uint';
  if (u === 'float64' || u === 'float32') return 'float';
  if (u === 'complex128' || u === 'complex64') return 'complex';
  if (u.startsWith('[]')) return 'slice';
  if (/^\[\d+\]/.test(u)) return 'array';
  if (u.startsWith('map[')) return 'map';
  if (u.startsWith('*')) return 'ptr';
  if (u.startsWith('func(')) return 'func';
  if (u.startsWith('chan ') || u.startsWith('<-chan ')) return 'chan';
  return 'struct';
}

/** A type literal (unnamed) such as `[]string` or `map[string]int`, as opposed to a named type. */
function isUnnamed(t: GoType): boolean {
  return /^(\[|map\[|\*|func\(|chan |<-chan |interface \{|struct \{)/.test(t);
}

/** reflect.Type.AssignableTo for the type texts of the value model. */
export function assignableTo(v: GoType, t: GoType): boolean {
  if (v === t) return true;
  const k = typeKind(t);
  if (k === 'interface') return true;
  if (k === 'iface-methods') return false;
  return underlyingType(v) === underlyingType(t) && (isUnnamed(v) || isUnnamed(t));
}

/** canBeNil: whether an untyped nil can be assigned to the type (see reflect.Zero). */
export function canBeNil(t: GoType): boolean {
  switch (typeKind(t)) {
    case 'chan':
    case 'func':
    case 'interface':
    case 'iface-methods':
    case 'map':
    case 'ptr':
    case 'slice':
    case 'reflect':
      return true;
    default:
      return false;
  }
}

/**
 * reflect.Zero(t) in the value model. A nil slice or map is represented by an empty one of the
 * same type (they print and index alike); nil interfaces, pointers and funcs are `null`; the zero
 * reflect.Value is the invalid value.
 */
export function zeroValue(t: GoType): Val {
  const u = underlyingType(t);
  switch (typeKind(t)) {
    case 'interface':
    case 'iface-methods':
      return null;
    case 'reflect':
      return undefined;
    case 'bool':
      return false;
    case 'string':
      return '';
    case 'int':
    case 'uint':
      return new GoInt(0n, u as IntType);
    case 'float':
      return 0;
    case 'slice':
      if (u === '[]uint8') return new Uint8Array(0);
      return t === '[]interface {}' ? [] : tagSliceType([], t);
    case 'map':
      return t === T_MAP ? new Map() : tagMapType(new Map(), t);
    default:
      return null;
  }
}

/** Wraps an integer to the width of a Go integer type (reflect's SetInt/SetUint/Convert). */
export function toIntType(v: bigint, t: IntType): GoInt {
  const bits = BITS[t] ?? 64;
  return new GoInt(UINT_TYPES.has(t) ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v), t);
}

const interfaceElems = new Map<GoType, boolean>([
  [T_MAP, true],
  [T_SLICE, true],
]);

/** Whether elements of a slice or map type are interface{} values (cached: this runs per lookup). */
function hasInterfaceElems(containerType: GoType): boolean {
  let yes = interfaceElems.get(containerType);
  if (yes === undefined) {
    yes = elemType(underlyingType(containerType)) === T_INTERFACE;
    interfaceElems.set(containerType, yes);
  }
  return yes;
}

/** A value read out of a slice or map of the given type, boxed when the element type is interface{}. */
export function holdElem(containerType: GoType, v: GoValue): Val {
  return hasInterfaceElems(containerType) ? box(v) : v;
}

// ---------------------------------------------------------------------------------------------
// Fields and methods.

/**
 * evalField: `.Field` or `.Method args...` on a receiver. Methods come first, then struct
 * fields, then map keys, with Go's missingkey option for absent keys.
 */
export function evalField(
  s: ExecState,
  dot: Val,
  fieldName: string,
  node: Node,
  args: readonly Node[] | undefined,
  final: Final,
  receiver: Val,
): Val {
  if (receiver === undefined) {
    if (s.missingKey === 'error') s.errorf(`nil data; no entry for key ${quote(fieldName)}`);
    return undefined;
  }
  const typ = staticTypeOf(receiver);
  if (receiver === null) s.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
  const r: GoValue = receiver instanceof Boxed ? receiver.value : receiver;
  // Methods first (Go's MethodByName), including those of named map/slice types (engine.files).
  const method = typeMethod(r, fieldName);
  if (method) return evalCall(s, dot, method, false, node, fieldName, args, final);
  const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
  if (r instanceof GoStruct) {
    if (!r.isNilPointer()) {
      const field = r.field(fieldName);
      if (field !== NO_FIELD) {
        if (hasArgs) s.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return field;
      }
    } else if (r.fieldNames().includes(fieldName)) {
      s.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    }
  } else if (r instanceof Map) {
    if (hasArgs) s.errorf(`${fieldName} is not a method but has arguments`);
    const result = r.get(fieldName);
    if (result !== undefined) return holdElem(mapType(r), result);
    switch (s.missingKey) {
      case 'zero':
        return zeroValue(elemType(underlyingType(mapType(r))));
      case 'error':
        s.errorf(`map has no entry for key ${quote(fieldName)}`);
        break;
      default:
        return undefined;
    }
  }
  return s.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
}

// ---------------------------------------------------------------------------------------------
// Calls.

/** Functions that receive reflect.Value arguments raw (boxed/invalid), i.e. text/template's builtins. */
const rawValueFuncs = new WeakSet<GoFunc>();

/** Marks a builtin whose reflect.Value parameters must see values exactly as the executor holds them. */
export function markRawValueFunc(fn: GoFunc): GoFunc {
  rawValueFuncs.add(fn);
  return fn;
}

/** Number of parameters counting a variadic slice as one (reflect.Type.NumIn). */
function numIn(fn: GoFunc): number {
  return fn.signature.params.length + (fn.signature.variadic !== undefined ? 1 : 0);
}

/**
 * evalCall: checks the argument count, evaluates and converts arguments to the parameter types,
 * calls the function and reports its error as `error calling NAME: ...`. `and`/`or` short-circuit
 * and `call` is given the callee's name, as in Go 1.23.
 */
export function evalCall(
  s: ExecState,
  dot: Val,
  fun: GoFunc,
  isBuiltin: boolean,
  node: Node,
  name: string,
  args: readonly Node[] | undefined,
  final: Final,
): Val {
  const argNodes = args ? args.slice(1) : [];
  checkArgCount(s, fun, name, argNodes, final);
  if (isBuiltin && (name === 'and' || name === 'or')) {
    return shortCircuit(s, dot, name, argNodes, final);
  }
  const call = buildArgs(s, dot, fun, argNodes, final);
  // Kept small: this frame stays on the stack while the function runs (include/tpl recurse here).
  try {
    if (isBuiltin && name === 'call') {
      const calleeName = argNodes.length > 0 ? printNode(argNodes[0]!) : `<${staticTypeOf(final as Val)} Value>`;
      return callFunction(calleeName, call.argv[0], call.argv.slice(1));
    }
    return invoke(fun, call.argv, call.types);
  } catch (e) {
    s.at(node);
    return s.errorf(`error calling ${name}: ${errorText(e)}`, e);
  }
}

/** `wrong number of args for NAME: ...` (Go reports `got` without the final value when variadic). */
function checkArgCount(s: ExecState, fun: GoFunc, name: string, argNodes: readonly Node[], final: Final): void {
  const sig = fun.signature;
  const total = argNodes.length + (final !== MISSING ? 1 : 0);
  if (sig.variadic !== undefined) {
    if (total < sig.params.length) {
      s.errorf(`wrong number of args for ${name}: want at least ${sig.params.length} got ${argNodes.length}`);
    }
  } else if (total !== sig.params.length) {
    s.errorf(`wrong number of args for ${name}: want ${sig.params.length} got ${total}`);
  }
}

/** Evaluates the arguments for the parameter types: fixed ones, then variadic ones, then the final value. */
function buildArgs(
  s: ExecState,
  dot: Val,
  fun: GoFunc,
  argNodes: readonly Node[],
  final: Final,
): { argv: Val[]; types: GoType[] } {
  const sig = fun.signature;
  const variadic = sig.variadic !== undefined;
  const numFixed = variadic ? sig.params.length : argNodes.length;
  const argv: Val[] = [];
  const types: GoType[] = [];
  let i = 0;
  for (; i < numFixed && i < argNodes.length; i++) {
    types.push(sig.params[i]!);
    argv.push(evalArg(s, dot, sig.params[i], argNodes[i]!));
  }
  if (variadic) {
    for (; i < argNodes.length; i++) {
      types.push(sig.variadic!);
      argv.push(evalArg(s, dot, sig.variadic, argNodes[i]!));
    }
  }
  if (final !== MISSING) {
    const total = argNodes.length + 1;
    let t: GoType;
    if (variadic) t = total - 1 < numFixed ? sig.params[total - 1]! : sig.variadic!;
    else t = sig.params[sig.params.length - 1]!;
    types.push(t);
    argv.push(validateType(s, final, t));
  }
  return { argv, types };
}

/** Builtin and/or: evaluate arguments left to right and return the deciding one unconverted. */
function shortCircuit(s: ExecState, dot: Val, name: string, argNodes: readonly Node[], final: Final): Val {
  let v: Val;
  for (const arg of argNodes) {
    v = evalArg(s, dot, T_REFLECT_VALUE, arg);
    if (truth(v) === (name === 'or')) return v;
  }
  if (final !== MISSING) v = validateType(s, final, T_REFLECT_VALUE);
  return v;
}

/** Go's truth(): isTrue of the concrete value; invalid counts as false. */
export function truth(v: Val): boolean {
  return isTrue(concrete(v)) ?? false;
}

/**
 * Calls a Go function with already converted arguments (fun.Call via safeCall). `argv` is the
 * caller's own list, unboxed in place (every caller builds it for this one call).
 */
function invoke(fun: GoFunc, argv: Val[], types: readonly GoType[]): Val {
  const raw = rawValueFuncs.has(fun);
  for (let i = 0; i < argv.length; i++) {
    if (!(raw && types[i] === T_REFLECT_VALUE)) argv[i] = unboxed(argv[i]);
  }
  const result = fun.impl(...(argv as GoValue[])) as Val;
  return shapeResult(fun, result);
}

/** A function result as a reflect.Value of the declared result type. */
function shapeResult(fun: GoFunc, result: Val): Val {
  switch (typeKind(fun.signature.result)) {
    case 'interface':
      return box(result);
    case 'reflect':
      return result;
    default:
      return result instanceof Boxed ? result.value : result;
  }
}

/** The text of an error returned (GoError) or panicked (anything else) by a function. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * The `call` builtin (Go 1.23 funcs.go call): calls a func value with arguments checked by
 * prepareArg. Errors read `non-function NAME of type T`, `wrong number of args for NAME: ...`,
 * `arg N: ...`; the callee's own error is returned as call's error.
 */
export function callFunction(name: string, fnVal: Val, args: readonly Val[]): Val {
  const fn = concrete(fnVal);
  if (fn === undefined) throw new GoError('call of nil');
  if (!(fn instanceof GoFunc)) throw new GoError(`non-function ${name} of type ${typeOf(fn)}`);
  const sig = fn.signature;
  const n = numIn(fn);
  const variadic = sig.variadic !== undefined;
  if (variadic) {
    if (args.length < n - 1) throw new GoError(`wrong number of args for ${name}: got ${args.length} want at least ${n - 1}`);
  } else if (args.length !== n) {
    throw new GoError(`wrong number of args for ${name}: got ${args.length} want ${n}`);
  }
  const argv: Val[] = [];
  const types: GoType[] = [];
  args.forEach((arg, i) => {
    const argType = !variadic || i < n - 1 ? sig.params[i]! : sig.variadic!;
    try {
      argv.push(prepareArg(concrete(arg), argType));
    } catch (e) {
      throw new GoError(`arg ${i}: ${errorText(e)}`);
    }
    types.push(argType);
  });
  return invoke(fn, argv, types);
}

/**
 * prepareArg (funcs.go): an argument for `call` or a map key for `index`. Invalid becomes the
 * zero value of a nilable type; integers convert between integer types.
 */
export function prepareArg(value: GoValue, argType: GoType): Val {
  if (value === undefined) {
    if (!canBeNil(argType)) throw new GoError(`value is nil; should be of type ${argType}`);
    return zeroValue(argType);
  }
  const vt = typeOf(value);
  if (typeKind(argType) === 'reflect') return value;
  if (assignableTo(vt, argType)) return value;
  const tk = typeKind(argType);
  if (value instanceof GoInt && (tk === 'int' || tk === 'uint')) {
    return toIntType(value.value, underlyingType(argType) as IntType);
  }
  throw new GoError(`value has type ${vt}; should be ${argType}`);
}

// ---------------------------------------------------------------------------------------------
// Arguments.

/**
 * validateType: the value must be valid and assignable to the parameter type. Invalid values
 * become the zero value of nilable types; a boxed value is unwrapped if that makes it fit.
 */
export function validateType(s: ExecState, value: Val, typ: GoType | undefined): Val {
  if (value === undefined) {
    if (typ === undefined) return undefined;
    if (canBeNil(typ)) return zeroValue(typ);
    return s.errorf(`invalid value; expected ${typ}`);
  }
  if (typ === undefined) return value;
  const kind = typeKind(typ);
  if (kind === 'reflect') return value;
  if (!assignableTo(staticTypeOf(value), typ)) {
    let v: Val = value;
    if (v instanceof Boxed) {
      v = v.value;
      if (assignableTo(typeOf(v), typ)) return v;
    }
    return s.errorf(`wrong type for value; expected ${typ}; got ${staticTypeOf(v)}`);
  }
  return value;
}

/** evalArg: one argument evaluated for a parameter of type `typ` (undefined: no type, chain receivers). */
export function evalArg(s: ExecState, dot: Val, typ: GoType | undefined, n: Node): Val {
  s.at(n);
  switch (n.type) {
    case 'dot':
      return validateType(s, dot, typ);
    case 'nil':
      if (typ !== undefined && canBeNil(typ)) return zeroValue(typ);
      return s.errorf(`cannot assign nil to ${typ ?? '<nil>'}`);
    case 'field':
      return validateType(s, s.evalFieldNode(dot, n, [n], MISSING), typ);
    case 'variable':
      return validateType(s, s.evalVariableNode(dot, n, undefined, MISSING), typ);
    case 'pipe':
      return validateType(s, s.evalPipeline(dot, n), typ);
    case 'identifier':
      return validateType(s, s.evalFunction(dot, n, n, undefined, MISSING), typ);
    case 'chain':
      return validateType(s, s.evalChainNode(dot, n, undefined, MISSING), typ);
  }
  switch (typ === undefined ? 'interface' : typeKind(typ)) {
    case 'bool':
      if (n.type === 'bool') return n.value;
      return s.errorf(`expected bool; found ${printNode(n)}`);
    case 'complex':
      // evalComplex: only a complex literal fits a complex parameter.
      if (n.type === 'number' && n.isComplex) return new GoComplex(...n.complex128!);
      return s.errorf(`expected complex; found ${printNode(n)}`);
    case 'float':
      if (n.type === 'number' && n.isFloat) return n.float64!;
      return s.errorf(`expected float; found ${printNode(n)}`);
    case 'int':
      if (n.type === 'number' && n.isInt) return toIntType(n.int64!, underlyingType(typ!) as IntType);
      return s.errorf(`expected integer; found ${printNode(n)}`);
    case 'interface':
    case 'reflect':
      return evalEmptyInterface(s, dot, n);
    case 'string':
      if (n.type === 'string') return n.text;
      return s.errorf(`expected string; found ${printNode(n)}`);
    case 'uint':
      if (n.type === 'number' && n.isUint) return toIntType(n.uint64!, underlyingType(typ!) as IntType);
      return s.errorf(`expected unsigned integer; found ${printNode(n)}`);
    default:
      return s.errorf(`can't handle ${printNode(n)} for arg of type ${typ}`);
  }
}

/** evalEmptyInterface: a literal or expression for an interface{} (or reflect.Value) parameter. */
export function evalEmptyInterface(s: ExecState, dot: Val, n: Node): Val {
  s.at(n);
  switch (n.type) {
    case 'bool':
      return n.value;
    case 'dot':
      return dot;
    case 'field':
      return s.evalFieldNode(dot, n as FieldNode, undefined, MISSING);
    case 'identifier':
      return s.evalFunction(dot, n as IdentifierNode, n, undefined, MISSING);
    case 'nil':
      return s.errorf(`evalEmptyInterface: nil (can't happen)`);
    case 'number':
      return s.idealConstant(n);
    case 'string':
      return n.text;
    case 'variable':
      return s.evalVariableNode(dot, n as VariableNode, undefined, MISSING);
    case 'pipe':
      return s.evalPipeline(dot, n);
    default:
      return s.errorf(`can't handle assignment of ${printNode(n)} to empty interface argument`);
  }
}
