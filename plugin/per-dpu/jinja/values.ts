/**
 * The Python value model a Jinja2 template sees. Python's types are kept apart because they print
 * differently (`1` vs `1.0`, `True`, `None`, `['a']`, `('a',)`):
 *   str -> string, int -> bigint, float -> number, bool -> boolean, None -> null,
 *   list -> PyValue[], tuple -> PyTuple, dict -> PyDict (insertion order, Python key equality),
 *   markupsafe.Markup -> Markup, jinja2 Undefined -> Undefined, datetime.date -> PyDate, ...
 * Templates reach only what these classes expose through pyops.getAttr: there is no path from a
 * template to a JavaScript object, prototype or constructor.
 */
import { renderMode } from './mode.js';
import type { MacroNode, Stmt } from './ast.js';
import { budget } from './budget.js';

export type PyValue =
  | string
  | bigint
  | number
  | boolean
  | null
  | PyValue[]
  | PyTuple
  | PyDict
  | Markup
  | Undefined
  | PyDate
  | PyRange
  | PyIterator
  | Namespace
  | LoopContext
  | Macro
  | PyCallable;

/** A Python tuple; `fields` names the members of a namedtuple such as groupby's (grouper, list). */
export class PyTuple {
  constructor(
    readonly items: readonly PyValue[],
    readonly fields?: readonly string[],
  ) {}
}

/** markupsafe.Markup: a str marked safe. Jinja2 returns it from escape, tojson and macros. */
export class Markup {
  constructor(readonly s: string) {}
}

/**
 * jinja2.Undefined. `strict` ones (StrictUndefined) raise on every use but `is defined` and
 * `default`; the lenient one only comes from an inline `if` without `else`, as in Jinja2.
 */
export class Undefined {
  constructor(
    readonly strict: boolean,
    readonly name?: PyValue,
    readonly obj?: PyValue,
    readonly hasObj = false,
    readonly hint?: string,
  ) {}
}

/** datetime.date, or datetime.datetime when `time` is set (PyYAML timestamps). */
export class PyDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly time?: { hour: number; minute: number; second: number; micro: number; utcOffsetMin?: number },
  ) {}
}

/** Python range object (lazy: range(10**9) allocates nothing). */
export class PyRange {
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {}
  get length(): number {
    const { start, stop, step } = this;
    if (step > 0n ? start >= stop : start <= stop) return 0;
    const n = step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
    return Number(n);
  }
  at(i: number): bigint {
    return this.start + BigInt(i) * this.step;
  }
}

/** A one-shot iterator (generator) such as the result of `map` or `select`: iterating consumes it. */
export class PyIterator {
  private consumed = false;
  constructor(
    readonly typeName: string, // Python's repr name: 'generator', 'list_reverseiterator', 'dict_keys', ...
    readonly producer: string, // generator function name, for repr
    private readonly items: readonly PyValue[],
    readonly reusable = false, // dict views iterate again; generators do not
  ) {}
  take(): readonly PyValue[] {
    if (this.reusable) return this.items;
    if (this.consumed) return [];
    this.consumed = true;
    return this.items;
  }
  /** The items without consuming (for repr of dict views). */
  peek(): readonly PyValue[] {
    return this.items;
  }
}

/** jinja2.utils.Namespace: the only object whose attributes `{% set ns.x = ... %}` may assign. */
export class Namespace {
  readonly attrs = new Map<string, PyValue>();
}

/** jinja2.runtime.LoopContext, the `loop` variable of a for loop. */
export class LoopContext {
  index0 = -1;
  private lastChanged: PyValue[] | undefined;
  constructor(
    readonly items: readonly PyValue[],
    readonly depth0: number,
    readonly recurse: ((items: PyValue) => string) | undefined,
  ) {}
  get length(): number {
    return this.items.length;
  }
  /** loop.changed(*values): true when the values differ from the previous call's. */
  changed(values: PyValue[], eq: (a: PyValue[], b: PyValue[]) => boolean): boolean {
    if (this.lastChanged !== undefined && eq(this.lastChanged, values)) return false;
    this.lastChanged = values;
    return true;
  }
}

/** A macro, or the `caller` of a call block: called with Python argument rules. */
export class Macro {
  constructor(
    readonly name: string,
    readonly node: Pick<MacroNode, 'params' | 'defaults' | 'body' | 'line'> & { body: Stmt[] },
    readonly closure: Scope,
    readonly catchVarargs: boolean,
    readonly catchKwargs: boolean,
    readonly usesCaller: boolean,
  ) {}
}

/** Arguments of a call: positional values and keyword pairs in source order. */
export interface CallArgs {
  args: PyValue[];
  kwargs: Map<string, PyValue>;
}

/**
 * A built-in function or bound method (range, dict, namespace, str.split, ...). `owner` is the
 * Python type name of the bound object ('str', 'dict', ...), or undefined for a builtin.
 */
export class PyCallable {
  constructor(
    readonly name: string,
    readonly owner: string | undefined,
    readonly call: (a: CallArgs) => PyValue,
  ) {}
}

/** Variables of one frame; reads fall through to the parent. */
export class Scope {
  readonly vars = new Map<string, PyValue>();
  constructor(readonly parent?: Scope) {}
  lookup(name: string): PyValue | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined || s.vars.has(name)) return v;
    }
    return undefined;
  }
}

/**
 * A Python dict. Keys compare as Python does (`1 == 1.0 == True`), so entries are stored under a
 * canonical key; the first key object inserted is kept, as Python keeps it.
 */
export class PyDict {
  private readonly map = new Map<string, { key: PyValue; value: PyValue }>();

  static from(entries: Iterable<[PyValue, PyValue]>): PyDict {
    const d = new PyDict();
    for (const [k, v] of entries) d.set(k, v);
    return d;
  }
  get size(): number {
    return this.map.size;
  }
  get(key: PyValue): PyValue | undefined {
    return this.map.get(hashKey(key))?.value;
  }
  has(key: PyValue): boolean {
    return this.map.has(hashKey(key));
  }
  set(key: PyValue, value: PyValue): void {
    const h = hashKey(key);
    const e = this.map.get(h);
    if (e) e.value = value;
    else this.map.set(h, { key, value });
  }
  delete(key: PyValue): boolean {
    return this.map.delete(hashKey(key));
  }
  clear(): void {
    this.map.clear();
  }
  keys(): PyValue[] {
    return [...this.map.values()].map((e) => e.key);
  }
  values(): PyValue[] {
    return [...this.map.values()].map((e) => e.value);
  }
  entries(): [PyValue, PyValue][] {
    return [...this.map.values()].map((e) => [e.key, e.value]);
  }
}

/** Thrown (as a Python TypeError) for an unhashable dict key. */
export class UnhashableError extends Error {
  constructor(readonly typeName: string) {
    super(`unhashable type: '${typeName}'`);
  }
}

/** Canonical key with Python's hash equality: numbers by value, bool as int, str apart. */
export function hashKey(v: PyValue): string {
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'bigint') return 'n' + v.toString();
  if (typeof v === 'boolean') return v ? 'n1' : 'n0';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return 'n' + BigInt(v).toString();
    return 'f' + String(v);
  }
  if (v === null) return 'N';
  if (v instanceof Markup) return 's' + v.s;
  if (v instanceof PyTuple) {
    // a tuple can hold the same tuple twice at every level: the key is bounded like any string
    const key = 't(' + v.items.map(hashKey).join(',') + ')';
    budget().stringOf(key.length);
    return key;
  }
  if (v instanceof PyDate) return 'd' + JSON.stringify(v);
  if (Array.isArray(v)) throw new UnhashableError('list');
  if (v instanceof PyDict) throw new UnhashableError('dict');
  return 'o' + typeName(v);
}

/** Python's `type(v).__name__`. */
export function typeName(v: PyValue): string {
  if (typeof v === 'string') return 'str';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (v === null) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyDict) return 'dict';
  if (v instanceof Markup) return 'Markup';
  if (v instanceof Undefined) return v.strict ? 'StrictUndefined' : 'Undefined';
  if (v instanceof PyDate) return v.time ? 'datetime' : 'date';
  if (v instanceof PyRange) return 'range';
  if (v instanceof PyIterator) return v.typeName;
  if (v instanceof Namespace) return 'Namespace';
  if (v instanceof LoopContext) return 'LoopContext';
  if (v instanceof Macro) return 'Macro';
  return v.owner === undefined ? 'builtin_function_or_method' : 'builtin_function_or_method';
}

/** jinja2.utils.object_type_repr: "'dict object'" in undefined messages. */
export function objectTypeRepr(v: PyValue): string {
  if (v === null) return 'None';
  const modules: Record<string, string> = {
    Markup: 'markupsafe',
    Namespace: 'jinja2.utils',
    LoopContext: 'jinja2.runtime',
    Macro: 'jinja2.runtime',
    StrictUndefined: 'jinja2.runtime',
    Undefined: 'jinja2.runtime',
    date: 'datetime',
    datetime: 'datetime',
  };
  const name = typeName(v);
  const mod = modules[name];
  return mod ? `${mod}.${name} object` : `${name} object`;
}

/** Undefined for a missing variable: strict, or lenient in the 'dpf' render mode. */
export function undefinedName(name: string): Undefined {
  return new Undefined(!renderMode().lenientUndefined, name);
}

/** Undefined for a missing attribute or item of `obj`: strict, or lenient in the 'dpf' render mode. */
export function undefinedMember(obj: PyValue, name: PyValue): Undefined {
  return new Undefined(!renderMode().lenientUndefined, name, obj, true);
}

/** Undefined with a fixed message (Jinja2's `hint`): strict, or lenient in the 'dpf' render mode. */
export function undefinedHint(hint: string): Undefined {
  return new Undefined(!renderMode().lenientUndefined, undefined, undefined, false, hint);
}

/**
 * The Undefined of an unsafe attribute (`__class__` ...): strict in every mode, so using it is a
 * SecurityError. (Python's plain Environment, which DPF's guideline uses, would hand out the
 * attribute itself; that is the one place the 'dpf' mode does not follow it.)
 */
export function unsafeUndefined(hint: string): Undefined {
  return new Undefined(true, undefined, undefined, false, hint);
}
