/**
 * encoding/json Unmarshal into interface{} (helm's `fromJson`/`fromJsonArray`, sprig's
 * `mustFromJson`): objects → map[string]interface{} (last duplicate wins), numbers → float64,
 * with Go's syntax error texts (`invalid character 'x' looking for beginning of value`,
 * `unexpected end of JSON input`), which Go finds by validating the whole input first.
 */
import type { GoMap, GoValue } from '../template/value.js';

/** A *json.SyntaxError: the message Go prints. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    /** Byte offset Go reports in SyntaxError.Offset. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** A *json.UnmarshalTypeError (number out of float64 range, wrong top-level kind). */
export class JsonTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonTypeError';
  }
}

/** Go's quoteChar: how the scanner names an offending byte. */
function quoteChar(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return "'\"'";
  const s = JSON.stringify(String.fromCharCode(byte)).slice(1, -1);
  // Go's strconv.Quote: \x.. for control bytes, literal for printable Latin-1.
  if (byte < 0x20 || byte === 0x7f) {
    const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
    return `'${named[byte] ?? '\\x' + byte.toString(16).padStart(2, '0')}'`;
  }
  if (byte >= 0x80 && byte < 0xa0) return `'\\u00${byte.toString(16)}'`;
  if (byte === 0xad) return "'\\u00ad'";
  return `'${s}'`;
}

/** Go's scanner works on bytes: the first byte of the UTF-8 encoding of a code point. */
function firstUtf8Byte(cp: number): number {
  if (cp < 0x80) return cp;
  if (cp < 0x800) return 0xc0 | (cp >> 6);
  if (cp < 0x10000) return 0xe0 | (cp >> 12);
  return 0xf0 | (cp >> 18);
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** encoding/json's maxNestingDepth: deeper arrays/objects are a syntax error. */
export const JSON_MAX_NESTING_DEPTH = 10000;

class JsonReader {
  private i = 0;
  /** The first decode (type) error: Go saves it and keeps decoding, storing nil. */
  savedError: JsonTypeError | undefined;
  constructor(private readonly s: string) {}

  /**
   * A syntax error at the current byte. At the end of input Go's scanner feeds a space, so an
   * unfinished literal or number reports `invalid character ' ' ...` (`spaceAtEnd`).
   */
  private err(context: string, spaceAtEnd = false): never {
    if (this.i >= this.s.length) {
      if (spaceAtEnd) throw new JsonSyntaxError(`invalid character ' ' ${context}`, this.i);
      throw new JsonSyntaxError('unexpected end of JSON input', this.i);
    }
    const cp = this.s.codePointAt(this.i)!;
    throw new JsonSyntaxError(`invalid character ${quoteChar(firstUtf8Byte(cp))} ${context}`, this.i);
  }

  private skipWs(): void {
    while (this.i < this.s.length && WS.has(this.s.charCodeAt(this.i))) this.i++;
  }

  private c(): number {
    return this.i < this.s.length ? this.s.charCodeAt(this.i) : -1;
  }

  /**
   * The whole input as one value. Iterative (an explicit stack of open arrays/objects), so that
   * nesting up to Go's limit cannot exhaust the JS call stack.
   */
  parseTop(): GoValue {
    type Frame = { map: GoMap; key: string } | { arr: GoValue[] };
    const stack: Frame[] = [];
    let v: GoValue;
    for (;;) {
      // Parse the start of a value.
      this.skipWs();
      const c = this.c();
      if (c === 0x7b || c === 0x5b) {
        if (stack.length + 1 > JSON_MAX_NESTING_DEPTH) this.err('exceeded max depth');
        this.i++;
        this.skipWs();
        if (c === 0x7b) {
          if (this.c() === 0x7d) {
            this.i++;
            v = new Map();
          } else {
            stack.push({ map: new Map(), key: this.objectKey() });
            continue;
          }
        } else if (this.c() === 0x5d) {
          this.i++;
          v = [];
        } else {
          stack.push({ arr: [] });
          continue;
        }
      } else if (c === 0x22) {
        v = this.string();
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        v = this.number();
      } else if (c === 0x74) {
        v = this.literal('true', true);
      } else if (c === 0x66) {
        v = this.literal('false', false);
      } else if (c === 0x6e) {
        v = this.literal('null', null);
      } else {
        this.err('looking for beginning of value');
      }
      // Hand the finished value to the enclosing containers, closing those that end here.
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) {
          this.skipWs();
          if (this.i < this.s.length) this.err('after top-level value');
          return v;
        }
        this.skipWs();
        if ('map' in top) {
          top.map.set(top.key, v);
          if (this.c() === 0x2c) {
            this.i++;
            this.skipWs();
            top.key = this.objectKey();
            break;
          }
          if (this.c() !== 0x7d) this.err('after object key:value pair');
          this.i++;
          v = top.map;
        } else {
          top.arr.push(v);
          if (this.c() === 0x2c) {
            this.i++;
            break;
          }
          if (this.c() !== 0x5d) this.err('after array element');
          this.i++;
          v = top.arr;
        }
        stack.pop();
      }
    }
  }

  /** `"key" :` inside an object, leaving the reader at the value. */
  private objectKey(): string {
    if (this.c() !== 0x22) this.err('looking for beginning of object key string');
    const key = this.string();
    this.skipWs();
    if (this.c() !== 0x3a) this.err('after object key');
    this.i++;
    return key;
  }

  private literal(word: string, v: GoValue): GoValue {
    for (let k = 0; k < word.length; k++) {
      if (this.s[this.i] !== word[k]) this.err(`in literal ${word} (expecting '${word[k]}')`, true);
      this.i++;
    }
    return v;
  }

  private hex4(): number {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const ch = this.s[this.i];
      if (ch === undefined) this.err('');
      const d = parseInt(ch, 16);
      if (Number.isNaN(d) || !/[0-9a-fA-F]/.test(ch)) this.err('in \\u hexadecimal character escape');
      v = v * 16 + d;
      this.i++;
    }
    return v;
  }

  private string(): string {
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.err('');
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return out;
      }
      if (c < 0x20) this.err('in string literal');
      if (c === 0x5c) {
        this.i++;
        if (this.i >= this.s.length) this.err('');
        const e = this.s[this.i]!;
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) {
          out += simple[e];
          this.i++;
          continue;
        }
        if (e !== 'u') this.err('in string escape code');
        this.i++;
        const u = this.hex4();
        if (u >= 0xd800 && u <= 0xdbff && this.s[this.i] === '\\' && this.s[this.i + 1] === 'u') {
          const save = this.i;
          this.i += 2;
          const lo = this.hex4();
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            out += String.fromCharCode(u, lo);
            continue;
          }
          this.i = save;
        }
        out += u >= 0xd800 && u <= 0xdfff ? '\ufffd' : String.fromCharCode(u);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff) {
        const next = this.s.charCodeAt(this.i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          out += this.s[this.i]! + this.s[this.i + 1]!;
          this.i += 2;
          continue;
        }
        out += '\ufffd';
        this.i++;
        continue;
      }
      out += c >= 0xdc00 && c <= 0xdfff ? '\ufffd' : this.s[this.i];
      this.i++;
    }
  }

  private digits(context: string): void {
    const c = this.c();
    if (!(c >= 0x30 && c <= 0x39)) this.err(context, true);
    while (this.c() >= 0x30 && this.c() <= 0x39) this.i++;
  }

  private number(): number | null {
    const start = this.i;
    if (this.c() === 0x2d) this.i++;
    if (this.c() === 0x30) this.i++;
    else this.digits('in numeric literal');
    if (this.c() === 0x2e) {
      this.i++;
      this.digits('after decimal point in numeric literal');
    }
    if (this.c() === 0x65 || this.c() === 0x45) {
      this.i++;
      if (this.c() === 0x2b || this.c() === 0x2d) this.i++;
      this.digits('in exponent of numeric literal');
    }
    const text = this.s.slice(start, this.i);
    const f = Number(text);
    if (!Number.isFinite(f)) {
      this.savedError ??= new JsonTypeError(`json: cannot unmarshal number ${text} into Go value of type float64`);
      return null;
    }
    return f;
  }
}

/** The outcome of json.Unmarshal: the (possibly partial) value and the error Go returns. */
export interface JsonDecodeResult<T> {
  value: T;
  error?: JsonSyntaxError | JsonTypeError;
}

function kindName(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  return 'bool';
}

/**
 * json.Unmarshal into a target of kind `any` (interface{}), `map` (map[string]interface{}) or
 * `array` ([]interface{}). Syntax errors leave the target untouched (Go validates first); type
 * errors keep what was decoded, with nil where a value did not fit. `null` sets a map or slice
 * target to nil, which we return as null.
 */
export function decodeJson(text: string, target: 'any' | 'map' | 'array'): JsonDecodeResult<GoValue> {
  const empty: GoValue = target === 'map' ? new Map() : target === 'array' ? [] : null;
  const reader = new JsonReader(text);
  let v: GoValue;
  try {
    v = reader.parseTop();
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { value: empty, error: e };
    throw e;
  }
  if (target === 'any' || v === null) return { value: v, ...(reader.savedError ? { error: reader.savedError } : {}) };
  const fits = target === 'map' ? v instanceof Map : Array.isArray(v);
  if (!fits) {
    const goType = target === 'map' ? 'map[string]interface {}' : '[]interface {}';
    return { value: empty, error: new JsonTypeError(`json: cannot unmarshal ${kindName(v)} into Go value of type ${goType}`) };
  }
  return { value: v, ...(reader.savedError ? { error: reader.savedError } : {}) };
}

/** json.Unmarshal(text, &interface{}): the value, or the Go error thrown. */
export function parseJsonToGo(text: string): GoValue {
  const r = decodeJson(text, 'any');
  if (r.error) throw r.error;
  return r.value;
}
