/**
 * The Go value model that helm hands to templates, kept explicit in TypeScript.
 *
 * Go keeps numeric types apart (values.yaml numbers are float64, `--set` integers are int64,
 * template literals are int) and so must we: printing, comparison and reflection functions
 * (`%T`, `kindOf`, `typeOf`) all depend on it. Representation:
 *
 * | Go                         | TypeScript                                  |
 * |----------------------------|---------------------------------------------|
 * | invalid reflect.Value      | `undefined` (a missing key, or a nil interface after a pipeline) |
 * | nil (interface/map/slice)  | `null`                                      |
 * | bool                       | `boolean`                                   |
 * | string                     | `string`                                    |
 * | float64                    | `number` (every JS number IS a float64)     |
 * | int, int64, uint8, ...     | `GoInt` (bigint payload + Go type name)     |
 * | complex128                 | `GoComplex` (two float64 parts)             |
 * | map[string]interface{}     | `Map<string, GoValue>` (tag other map types with `tagMapType`) |
 * | []interface{}              | `GoValue[]` (tag other slice types with `tagSliceType`) |
 * | []byte                     | `Uint8Array`                                |
 * | structs / pointers w/ methods | `GoStruct` subclasses (Release, Chart, Files, Version, time.Time ...) |
 * | func values                | `GoFunc`                                    |
 *
 * Go's text/template turns a nil interface into an invalid value after each pipeline stage
 * (exec.go: "lovely!"), which is why `{{ .Values.absent }}` prints `<no value>`, while
 * `{{ printf "%v" .Values.absent }}` prints `<nil>`: the executor, not this file, does that.
 */

/** Go integer type names, as `%T` prints them. */
export type IntType =
  | 'int' | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';

/** A Go integer of a specific type. The payload is a bigint so int64 / uint64 stay exact. */
export class GoInt {
  constructor(readonly value: bigint, readonly type: IntType = 'int') {}
  /** Go `int` from a JS integer or bigint. */
  static int(v: number | bigint): GoInt {
    return new GoInt(BigInt(v), 'int');
  }
  static int64(v: number | bigint): GoInt {
    return new GoInt(BigInt(v), 'int64');
  }
  isUnsigned(): boolean {
    return this.type.startsWith('u');
  }
  toNumber(): number {
    return Number(this.value);
  }
  toString(): string {
    return this.value.toString();
  }
}

/**
 * A Go complex128: only template literals make one (`3i`, `1+2i`; text/template's idealConstant
 * gives complex constants this type), and it prints, compares and reflects as Go's does.
 */
export class GoComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
  readonly type = 'complex128';
}

/** A Go func value (for `call`, and for methods looked up on structs). */
export class GoFunc {
  constructor(
    readonly name: string,
    readonly signature: FuncSignature,
    readonly impl: (...args: GoValue[]) => GoValue,
  ) {}
}

/**
 * Go struct (or pointer-to-struct) values that templates can walk: `.Release.Name`,
 * `.Files.Get "x"`, `(semver "1.2.3").Major`. Field and method lookup follow Go's order
 * (methods first, then fields) in the executor.
 */
export abstract class GoStruct {
  /** `%T` text, e.g. `*chart.Metadata`, `time.Time`, `*semver.Version`. */
  abstract readonly goType: string;
  /** Exported field names in declaration order (used by `%v` / `%+v`). */
  abstract fieldNames(): readonly string[];
  /** The field's value, or `NO_FIELD` when the struct has no such field. */
  abstract field(name: string): GoValue | typeof NO_FIELD;
  /** A method bound to this value, or undefined. Methods shadow fields, as in Go. */
  method(_name: string): GoFunc | undefined {
    return undefined;
  }
  /** True when this is a nil pointer of the struct type (prints `<nil>`). */
  isNilPointer(): boolean {
    return false;
  }
  /**
   * Custom fmt output (Go's Stringer / error / Formatter): return a string to use for %v and %s,
   * or undefined to print the struct fields `{a b}`.
   */
  goString(): string | undefined {
    return undefined;
  }
  /**
   * The result of a String method declared on the *pointer* receiver, or undefined. Go's
   * printableValue takes the address of an addressable struct (a field reached through a
   * pointer, such as `.Capabilities.KubeVersion`) so `{{ x }}` prints String(), while fmt given
   * the plain value (`quote x`) prints the fields. Only the executor's action printing uses it.
   */
  pointerString(): string | undefined {
    return undefined;
  }
}

/** Marker returned by `GoStruct.field` for a name the struct does not have. */
export const NO_FIELD: unique symbol = Symbol('NO_FIELD');

export type GoMap = Map<string, GoValue>;

export type GoValue =
  | undefined
  | null
  | boolean
  | string
  | number
  | GoInt
  | GoComplex
  | GoMap
  | GoValue[]
  | Uint8Array
  | GoStruct
  | GoFunc;

/**
 * A Go type as text, exactly as `%T` / reflect prints it: `string`, `int`, `float64`,
 * `interface {}`, `[]interface {}`, `map[string]interface {}`, `[]string`, `reflect.Value`...
 * Function signatures use these to decide how arguments are checked and converted
 * (text/template's evalArg/validateType).
 */
export type GoType = string;

export const T_INTERFACE: GoType = 'interface {}';
export const T_STRING: GoType = 'string';
export const T_BOOL: GoType = 'bool';
export const T_INT: GoType = 'int';
export const T_INT64: GoType = 'int64';
export const T_FLOAT64: GoType = 'float64';
export const T_COMPLEX128: GoType = 'complex128';
export const T_SLICE: GoType = '[]interface {}';
export const T_STRING_SLICE: GoType = '[]string';
export const T_MAP: GoType = 'map[string]interface {}';
export const T_BYTES: GoType = '[]uint8';
/** Builtins that take reflect.Value see invalid values and untyped nils as they are. */
export const T_REFLECT_VALUE: GoType = 'reflect.Value';

/**
 * A Go function signature as text/template sees it. Functions must return one value, or one
 * value and an error (text/template's rule); `returnsError` says which.
 */
export interface FuncSignature {
  readonly params: readonly GoType[];
  /** Element type of a final `...T` parameter, if the function is variadic. */
  readonly variadic?: GoType;
  /** The first result's Go type (used by `%T` of `call` results and `typeOf`). */
  readonly result: GoType;
  readonly returnsError: boolean;
}

/**
 * An error returned by a Go function (the `error` result). Function implementations throw it;
 * the executor reports it as `error calling NAME: MESSAGE`, as text/template does.
 */
export class GoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoError';
  }
}

const sliceTypes = new WeakMap<GoValue[] | Uint8Array, GoType>();
const mapTypes = new WeakMap<GoMap, GoType>();

/** Marks an array as a Go slice of a specific type, e.g. `[]string` from `splitList`. */
export function tagSliceType<T extends GoValue[]>(slice: T, goType: GoType): T {
  sliceTypes.set(slice, goType);
  return slice;
}

/** Marks a Map as a Go map of a specific type, e.g. `map[string]string`. */
export function tagMapType(map: GoMap, goType: GoType): GoMap {
  mapTypes.set(map, goType);
  return map;
}

/** The Go type of a slice: `[]interface {}` unless tagged. */
export function sliceType(slice: GoValue[]): GoType {
  return sliceTypes.get(slice) ?? T_SLICE;
}

/** The Go type of a map: `map[string]interface {}` unless tagged. */
export function mapType(map: GoMap): GoType {
  return mapTypes.get(map) ?? T_MAP;
}

/**
 * Methods of a named map or slice type, looked up per call with the receiver bound. Go lets any
 * named type declare methods and helm relies on two: `engine.files` (a map[string][]byte with
 * Get, GetBytes, Glob, Lines, AsConfig, AsSecrets) and `chartutil.VersionSet` (a []string with
 * Has). Such values stay plain Maps/arrays (so range, index and len work) tagged with the type.
 */
export type TypeMethods = (receiver: GoMap | GoValue[], name: string) => GoFunc | undefined;

const namedTypeMethods = new Map<GoType, TypeMethods>();

/** Declares the methods of a named map/slice type (the type text given to tagMapType/tagSliceType). */
export function registerTypeMethods(goType: GoType, methods: TypeMethods): void {
  namedTypeMethods.set(goType, methods);
}

/**
 * The method `name` of a value, bound to it, or undefined: GoStruct methods, and methods
 * registered for a tagged map or slice type. Evaluating `.Name` checks this before fields and
 * map keys, as Go's evalField does with MethodByName.
 */
export function typeMethod(v: GoValue, name: string): GoFunc | undefined {
  if (v instanceof GoStruct) return v.method(name);
  if (v instanceof Map) return namedTypeMethods.get(mapType(v))?.(v, name);
  if (Array.isArray(v)) return namedTypeMethods.get(sliceType(v))?.(v, name);
  return undefined;
}

/** Element type of a slice/map type text: `[]string` -> `string`, `map[string]int` -> `int`. */
export function elemType(container: GoType): GoType {
  if (container.startsWith('[]')) return container.slice(2);
  if (container.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < container.length; i++) {
      if (container[i] === '[') depth++;
      else if (container[i] === ']' && --depth === 0) return container.slice(i + 1);
    }
  }
  return T_INTERFACE;
}

/** reflect.Kind names, as sprig's `kindOf` prints them. */
export type GoKind =
  | 'invalid' | 'bool' | 'string' | 'float64' | 'float32' | 'complex128' | IntType
  | 'map' | 'slice' | 'struct' | 'ptr' | 'func' | 'interface';

export function isMap(v: GoValue): v is GoMap {
  return v instanceof Map;
}

export function isSlice(v: GoValue): v is GoValue[] {
  return Array.isArray(v);
}

/** The Go type of a value as `%T` prints it; `<nil>` for nil and invalid values. */
export function typeOf(v: GoValue): GoType {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return T_BOOL;
    case 'string':
      return T_STRING;
    case 'number':
      return T_FLOAT64;
  }
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoComplex) return v.type;
  if (v instanceof Map) return mapType(v);
  if (Array.isArray(v)) return sliceType(v);
  if (v instanceof Uint8Array) return sliceTypes.get(v) ?? T_BYTES;
  if (v instanceof GoStruct) return v.goType;
  if (v instanceof GoFunc) return funcTypeText(v.signature);
  return T_INTERFACE;
}

function funcTypeText(sig: FuncSignature): string {
  const params = [...sig.params];
  if (sig.variadic !== undefined) params.push('...' + sig.variadic);
  const result = sig.returnsError ? `(${sig.result}, error)` : sig.result;
  return `func(${params.join(', ')}) ${result}`;
}

/** The reflect.Kind of a value, as sprig's `kindOf` reports it. */
export function kindOf(v: GoValue): GoKind {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
  }
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoComplex) return v.type;
  if (v instanceof Map) return 'map';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (v instanceof GoStruct) return v.goType.startsWith('*') ? 'ptr' : 'struct';
  if (v instanceof GoFunc) return 'func';
  return 'interface';
}

/**
 * Go text/template truth (exec.go `isTrue`): false for zero values, nil, empty containers.
 * Returns undefined for an invalid value, which Go reports as an error where it matters.
 */
export function isTrue(v: GoValue): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
  }
  if (v instanceof GoInt) return v.value !== 0n;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof Map) return v.size > 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length > 0;
  if (v instanceof GoStruct) return !v.isNilPointer();
  return true;
}

/** Go's zero-value test as sprig's `empty` sees it (a struct is never empty there). */
export function isEmptyValue(v: GoValue): boolean {
  if (v instanceof GoStruct) return v.isNilPointer();
  return isTrue(v) !== true;
}

/** A new Go map from JS entries (convenience for builders and tests). */
export function goMap(entries: Record<string, GoValue> | Iterable<[string, GoValue]> = []): GoMap {
  if (Symbol.iterator in (entries as object)) return new Map(entries as Iterable<[string, GoValue]>);
  return new Map(Object.entries(entries as Record<string, GoValue>));
}
