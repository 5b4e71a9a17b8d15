/**
 * BurntSushi/toml v1.4.0 `NewEncoder(w).Encode(v)` as helm's `toToml` uses it: maps sorted by
 * Go string order with plain keys before sub-tables, `[a.b]` headers indented two spaces per
 * level, `[[x]]` for lists of maps, inline `{k = v}` tables inside arrays, floats always with a
 * decimal point (`1000000.0`), nil map entries skipped.
 */
import { GoFunc, GoInt, GoStruct, kindOf, type GoValue } from '../template/value.js';
import { formatFloat } from './go-strconv.js';
import { pollWork } from '../template/budget.js';
import { compareGoStrings } from '../template/gostring.js';

/** An error BurntSushi/toml returns (helm's toToml prints its text instead of the document). */
export class TomlEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TomlEncodeError';
  }
}

/**
 * A Go runtime panic inside the encoder (e.g. `toToml nil`), which escapes helm's toToml and
 * fails the template: `reflect: call of reflect.Value.Type on zero Value`.
 */
export class TomlEncodePanic extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TomlEncodePanic';
  }
}

const INDENT = '  ';

type TomlType = 'Integer' | 'Float' | 'String' | 'Bool' | 'Datetime' | 'Array' | 'Hash' | 'ArrayHash' | undefined;

/**
 * Implemented by the GoStruct for time.Time: BurntSushi writes it as a bare TOML date-time
 * (eElement's time.Time case), not as a table of fields.
 */
export interface TomlDatetimeValue {
  tomlDatetimeText(): string;
}

function isTomlDatetime(v: GoValue): v is GoStruct & TomlDatetimeValue {
  return v instanceof GoStruct && typeof (v as Partial<TomlDatetimeValue>).tomlDatetimeText === 'function';
}

/** BurntSushi's dblQuotedReplacer. */
function escapeTomlString(s: string): string {
  let out = '';
  let unpolled = 0;
  for (const ch of s) {
    // A long string takes seconds: the render's deadline is checked along the way.
    if (++unpolled === 0x10000) {
      pollWork(unpolled);
      unpolled = 0;
    }
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function quoteKeyPart(k: string): string {
  if (k === '') return '""';
  return BARE_KEY.test(k) ? k : `"${escapeTomlString(k)}"`;
}

function keyString(key: string[]): string {
  return key.map(quoteKeyPart).join('.');
}

function isNil(v: GoValue): boolean {
  return v === null || v === undefined || (v instanceof GoStruct && v.isNilPointer());
}

/** A struct's exported fields under their Go names, in declaration order (no toml tags here). */
function structEntries(v: GoStruct): [string, GoValue][] {
  const out: [string, GoValue][] = [];
  for (const name of v.fieldNames()) {
    const f = v.field(name);
    if (typeof f !== 'symbol') out.push([name, f]);
  }
  return out;
}

function isTableArray(arr: GoValue[] | Uint8Array): boolean {
  if (arr instanceof Uint8Array || arr.length === 0) return false;
  let ret = true;
  for (const x of arr) {
    const t = tomlTypeOf(x);
    if (t === undefined) throw new TomlEncodeError('toml: cannot encode array with nil element');
    if (ret && t !== 'Hash') ret = false;
  }
  return ret;
}

/** tomlTypeOfGo: the TOML kind of a Go value (undefined for nil). */
function tomlTypeOf(v: GoValue): TomlType {
  if (isNil(v)) return undefined;
  if (isTomlDatetime(v)) return 'Datetime';
  if (v instanceof GoStruct || v instanceof Map) return 'Hash';
  if (typeof v === 'boolean') return 'Bool';
  if (typeof v === 'number') return 'Float';
  if (typeof v === 'string') return 'String';
  if (v instanceof GoInt) return 'Integer';
  if (Array.isArray(v) || v instanceof Uint8Array) return isTableArray(v) ? 'ArrayHash' : 'Array';
  throw new TomlEncodeError(`unsupported type: ${kindOf(v)}`);
}

function isTable(t: TomlType): boolean {
  return t === 'Hash' || t === 'ArrayHash';
}

class TomlWriter {
  out = '';
  private hasWritten = false;

  private w(s: string): void {
    this.out += s;
    this.hasWritten = true;
  }

  private newline(): void {
    if (this.hasWritten) this.w('\n');
  }

  private indentStr(key: string[]): string {
    return INDENT.repeat(Math.max(key.length - 1, 0));
  }

  encode(key: string[], v: GoValue): void {
    if (isNil(v)) return;
    if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string' || v instanceof GoInt || isTomlDatetime(v)) {
      this.writeKeyValue(key, v, false);
    } else if (Array.isArray(v) || v instanceof Uint8Array) {
      if (tomlTypeOf(v) === 'ArrayHash') this.arrayOfTables(key, v as GoValue[]);
      else this.writeKeyValue(key, v, false);
    } else if (v instanceof Map || v instanceof GoStruct) {
      this.table(key, v);
    } else {
      throw new TomlEncodeError(`unsupported type for key '${keyString(key)}': ${kindOf(v)}`);
    }
  }

  private element(v: GoValue): void {
    if (isTomlDatetime(v)) {
      this.w(v.tomlDatetimeText());
    } else if (typeof v === 'string') {
      this.w(`"${escapeTomlString(v)}"`);
    } else if (typeof v === 'boolean') {
      this.w(v ? 'true' : 'false');
    } else if (v instanceof GoInt) {
      this.w(v.value.toString());
    } else if (typeof v === 'number') {
      if (Number.isNaN(v)) this.w('nan');
      else if (!Number.isFinite(v)) this.w(v < 0 ? '-inf' : 'inf');
      else {
        const s = formatFloat(v, 'f', 64);
        this.w(s.includes('.') ? s : s + '.0');
      }
    } else if (Array.isArray(v) || v instanceof Uint8Array) {
      const items = v instanceof Uint8Array ? [...v].map((b) => new GoInt(BigInt(b), 'uint8')) : v;
      this.w('[');
      items.forEach((x, i) => {
        this.element(x);
        if (i !== items.length - 1) this.w(', ');
      });
      this.w(']');
    } else if (v instanceof Map || v instanceof GoStruct) {
      this.mapOrStruct([], v, true);
    } else if (v instanceof GoFunc) {
      throw new TomlEncodeError(`unexpected type: ${kindOf(v)}`);
    } else {
      throw new TomlEncodePanic('reflect: call of reflect.Value.Interface on zero Value');
    }
  }

  private writeKeyValue(key: string[], v: GoValue, inline: boolean): void {
    if (key.length === 0) {
      this.element(v);
      return;
    }
    this.w(`${this.indentStr(key)}${quoteKeyPart(key[key.length - 1]!)} = `);
    this.element(v);
    if (!inline) this.newline();
  }

  private arrayOfTables(key: string[], arr: GoValue[]): void {
    if (key.length === 0) throw new TomlEncodeError('toml: top-level values must be Go maps or structs');
    for (const t of arr) {
      if (isNil(t)) continue;
      this.newline();
      this.w(`${this.indentStr(key)}[[${keyString(key)}]]`);
      this.newline();
      this.mapOrStruct(key, t, false);
    }
  }

  private table(key: string[], v: GoValue): void {
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.w(`${this.indentStr(key)}[${keyString(key)}]`);
      this.newline();
    }
    this.mapOrStruct(key, v, false);
  }

  private mapOrStruct(key: string[], v: GoValue, inline: boolean): void {
    const entries: [string, GoValue][] = v instanceof Map ? [...v.entries()] : structEntries(v as GoStruct);
    const direct: [string, GoValue][] = [];
    const sub: [string, GoValue][] = [];
    for (const e of entries) (isTable(tomlTypeOf(e[1])) ? sub : direct).push(e);
    if (v instanceof Map) {
      const byKey = (a: [string, GoValue], b: [string, GoValue]) => compareGoStrings(a[0], b[0]);
      direct.sort(byKey);
      sub.sort(byKey);
    }
    const writeAll = (list: [string, GoValue][], trailingComma: boolean) => {
      list.forEach(([k, val], i) => {
        if (isNil(val)) return;
        if (inline) {
          this.writeKeyValue([k], val, true);
          if (trailingComma || i !== list.length - 1) this.w(', ');
        } else {
          this.encode([...key, k], val);
        }
      });
    };
    if (inline) this.w('{');
    writeAll(direct, sub.length > 0);
    writeAll(sub, false);
    if (inline) this.w('}');
  }
}

/**
 * The TOML document BurntSushi/toml writes for v. Throws TomlEncodeError (helm prints its
 * message as the result) or TomlEncodePanic (helm fails the template).
 */
export function marshalToml(v: GoValue): string {
  if (v === undefined || v === null) throw new TomlEncodePanic('reflect: call of reflect.Value.Type on zero Value');
  const w = new TomlWriter();
  w.encode([], v);
  return w.out;
}
