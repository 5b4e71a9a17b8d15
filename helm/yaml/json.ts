/**
 * Go's encoding/json Marshal / MarshalIndent / Encoder(SetEscapeHTML(false)) over our Go values,
 * as helm's `toJson`, sprig's `toPrettyJson`/`toRawJson` and sigs.k8s.io/yaml.Marshal use it:
 * map keys sorted bytewise, `<`/`>`/`&` escaped as \u003c/\u003e/\u0026 unless raw, U+2028/2029
 * always escaped, float64 in 'f' form unless the exponent is < -6 or >= 21 (then `1e-7`, `1e+21`),
 * []byte as base64, NaN/±Inf and funcs refused with Go's error text.
 */
import { GoFunc, GoInt, GoStruct, typeOf, type GoValue } from '../template/value.js';
import { formatFloat } from './go-strconv.js';
import { pollWork } from '../template/budget.js';
import { compareGoStrings } from '../template/gostring.js';

export { decodeJson, parseJsonToGo, JsonSyntaxError, JsonTypeError, type JsonDecodeResult } from './json-parse.js';

/**
 * A Go struct as encoding/json sees it: fields under their JSON names, in declaration order
 * (json.Marshal does not sort struct fields, unlike map keys). omitempty is the producer's job.
 */
export class JsonStruct {
  constructor(readonly fields: readonly (readonly [string, GoValue])[]) {}
}

/**
 * Implemented by GoStruct subclasses whose JSON form differs from their Go field names (json
 * struct tags, omitempty, MarshalJSON): return what encoding/json would write, e.g. a JsonStruct
 * with chart.Metadata's lowercase names, or a string for time.Time's RFC 3339 form.
 */
export interface JsonMarshaler {
  toJSONValue(): GoValue | JsonStruct;
}

/**
 * The error a MarshalJSON method returns (throw it from toJSONValue); json.Marshal reports it
 * as `json: error calling MarshalJSON for type T: MESSAGE`.
 */
export class MarshalJsonMethodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MarshalJsonMethodError';
  }
}

function isJsonMarshaler(v: unknown): v is JsonMarshaler {
  return typeof (v as { toJSONValue?: unknown }).toJSONValue === 'function';
}

/** json.Marshal's UnsupportedValueError / UnsupportedTypeError. */
export class JsonMarshalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonMarshalError';
  }
}

export interface JsonMarshalOptions {
  /** json.Marshal escapes <, >, & (true); an Encoder with SetEscapeHTML(false) does not. */
  escapeHtml: boolean;
  /** MarshalIndent's indent; omit for compact output. */
  indent?: string;
  /** MarshalIndent's prefix (not written before the first line, as in Go). */
  prefix?: string;
}

const HEX = '0123456789abcdef';

/** Characters appendString writes other than as themselves (surrogates: checked one by one below). */
const NEEDS_ESCAPE = /[\x00-\x1f"\\\u2028\u2029\ud800-\udfff]/;
const NEEDS_ESCAPE_HTML = /[\x00-\x1f"\\<>&\u2028\u2029\ud800-\udfff]/;

/** encoding/json's appendString. */
export function quoteJsonString(s: string, escapeHtml: boolean): string {
  // Most strings are written as they are: one test instead of a character-by-character copy.
  if (!(escapeHtml ? NEEDS_ESCAPE_HTML : NEEDS_ESCAPE).test(s)) {
    pollWork(s.length);
    return `"${s}"`;
  }
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    // A long string takes seconds: the render's deadline is checked along the way.
    if ((i & 0xffff) === 0xffff) pollWork(0x10000);
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && !(escapeHtml && (c === 0x3c || c === 0x3e || c === 0x26))) {
        out += s[i];
        continue;
      }
      switch (c) {
        case 0x5c: out += '\\\\'; break;
        case 0x22: out += '\\"'; break;
        case 0x08: out += '\\b'; break;
        case 0x0c: out += '\\f'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0d: out += '\\r'; break;
        case 0x09: out += '\\t'; break;
        default: out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
      }
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else {
        out += '\\ufffd';
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\\ufffd';
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += c === 0x2028 ? '\\u2028' : '\\u2029';
      continue;
    }
    out += s[i];
  }
  return out + '"';
}

/** encoding/json's float64 encoder. */
export function formatJsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JsonMarshalError(`json: unsupported value: ${formatFloat(f, 'g', 64)}`);
  const abs = Math.abs(f);
  const useExp = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  let s = formatFloat(f, useExp ? 'e' : 'f', 64);
  if (useExp) s = s.replace(/e-0(\d)$/, 'e-$1');
  return s;
}

function structFields(v: GoStruct): JsonStruct {
  const fields: [string, GoValue][] = [];
  for (const name of v.fieldNames()) {
    const f = v.field(name);
    if (typeof f !== 'symbol') fields.push([name, f]);
  }
  return new JsonStruct(fields);
}

/**
 * The value encoding/json actually encodes: structs through their JSON hook (or their exported
 * fields under Go names), nil pointers and invalid values as null.
 */
export function jsonView(v: GoValue): GoValue | JsonStruct {
  if (v instanceof GoStruct) {
    if (v.isNilPointer()) return null;
    if (!isJsonMarshaler(v)) return structFields(v);
    try {
      return v.toJSONValue();
    } catch (e) {
      if (e instanceof MarshalJsonMethodError) throw new JsonMarshalError(`json: error calling MarshalJSON for type ${typeOf(v)}: ${e.message}`);
      throw e;
    }
  }
  return v === undefined ? null : v;
}

/** An open array or object while writing: its remaining items and how to close it. */
interface OpenContainer {
  items: readonly (readonly [string | undefined, GoValue])[];
  i: number;
  depth: number;
  close: string;
}

/** Writes JSON iteratively (deeply nested values must not exhaust the JS call stack). */
class JsonWriter {
  private readonly out: string[] = [];
  private readonly stack: OpenContainer[] = [];

  constructor(private readonly opts: JsonMarshalOptions) {}

  private newline(depth: number): string {
    return '\n' + (this.opts.prefix ?? '') + (this.opts.indent ?? '').repeat(depth);
  }

  /** Writes a scalar, or opens a container (pushed on the stack). */
  private begin(raw: GoValue | JsonStruct, depth: number): void {
    const v = raw instanceof JsonStruct ? raw : jsonView(raw);
    if (v === null || v === undefined) return void this.out.push('null');
    if (typeof v === 'boolean') return void this.out.push(v ? 'true' : 'false');
    if (typeof v === 'string') return void this.out.push(quoteJsonString(v, this.opts.escapeHtml));
    if (typeof v === 'number') return void this.out.push(formatJsonFloat(v));
    if (v instanceof GoInt) return void this.out.push(v.value.toString());
    if (v instanceof Uint8Array) return void this.out.push('"' + Buffer.from(v).toString('base64') + '"');
    if (v instanceof GoFunc) throw new JsonMarshalError(`json: unsupported type: ${typeOf(v)}`);
    let items: (readonly [string | undefined, GoValue])[];
    let open: string;
    if (Array.isArray(v)) {
      items = v.map((x) => [undefined, x] as const);
      open = '[';
    } else if (v instanceof Map) {
      items = [...v.keys()].sort(compareGoStrings).map((k) => [k, v.get(k)] as const);
      open = '{';
    } else if (v instanceof JsonStruct) {
      items = [...v.fields];
      open = '{';
    } else {
      throw new JsonMarshalError(`json: unsupported type: ${typeOf(v)}`);
    }
    const close = open === '[' ? ']' : '}';
    if (items.length === 0) return void this.out.push(open + close);
    this.out.push(open);
    this.stack.push({ items, i: 0, depth, close });
  }

  write(root: GoValue): string {
    const pretty = this.opts.indent !== undefined;
    const sep = pretty ? ': ' : ':';
    this.begin(root, 0);
    for (let top = this.stack[this.stack.length - 1]; top; top = this.stack[this.stack.length - 1]) {
      if (top.i < top.items.length) {
        const [key, x] = top.items[top.i]!;
        if (top.i > 0) this.out.push(',');
        top.i++;
        if (pretty) this.out.push(this.newline(top.depth + 1));
        if (key !== undefined) this.out.push(quoteJsonString(key, this.opts.escapeHtml) + sep);
        this.begin(x, top.depth + 1);
      } else {
        if (pretty) this.out.push(this.newline(top.depth));
        this.out.push(top.close);
        this.stack.pop();
      }
    }
    return this.out.join('');
  }
}

/**
 * json.Marshal (escapeHtml true), json.MarshalIndent (indent set) or an Encoder with
 * SetEscapeHTML(false) minus its trailing newline (escapeHtml false). Throws JsonMarshalError.
 */
export function marshalJson(v: GoValue, opts: JsonMarshalOptions): string {
  return new JsonWriter(opts).write(v);
}
