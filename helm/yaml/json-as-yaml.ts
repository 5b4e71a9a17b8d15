/**
 * What go-yaml v2's Unmarshal makes of the compact JSON text json.Marshal writes: the first step
 * of sigs.k8s.io/yaml's JSONToYAML, which helm's toYaml runs on every value. Read here as JSON
 * (objects, arrays, strings, numbers, literals), with each number resolved as go-yaml resolves a
 * plain scalar, instead of through the YAML scanner, parser and composer.
 *
 * Only for text go-yaml certainly reads the same way; anything else gives undefined and the
 * caller runs go-yaml, which also produces its errors:
 * - a raw character go-yaml's reader rejects or takes as a line break (DEL, C1 controls with
 *   NEL, U+2028/9, U+FFFE/F, lone surrogates) or an escape it lacks (`\/`, a surrogate `\u`);
 * - an object key longer than go-yaml's simple-key limit (1024 characters with its quotes);
 * - nesting deeper than DEPTH_LIMIT (go-yaml stops at 10000 flow levels);
 * - whitespace or anything else json.Marshal's compact output does not contain.
 */
import { resolvePlainScalar, YamlMap, type YamlValue } from './decode.js';

const DEPTH_LIMIT = 1000;
/** go-yaml's MAX_SIMPLE_KEY_LENGTH, with margin for its quotes and the index it counts from. */
const KEY_LIMIT = 1000;
/** Characters go-yaml reads differently inside a double-quoted scalar, or rejects. */
const UNSAFE_RAW = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A JSON number as json.Marshal writes one. */
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;

class NotPlainJson extends Error {}

/** go-yaml's value of json.Marshal's text, or undefined when go-yaml must read it itself. */
export function jsonTextAsYaml(json: string): YamlValue | undefined {
  const reader = new Reader(json);
  try {
    const value = reader.value(0);
    if (reader.pos !== json.length) return undefined;
    return value;
  } catch (e) {
    if (e instanceof NotPlainJson) return undefined;
    throw e;
  }
}

class Reader {
  pos = 0;

  constructor(private readonly text: string) {}

  value(depth: number): YamlValue {
    if (depth > DEPTH_LIMIT) throw new NotPlainJson();
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === 0x7b /* { */) {
      this.pos++;
      const out = new YamlMap();
      if (t.charCodeAt(this.pos) === 0x7d) {
        this.pos++;
        return out;
      }
      for (;;) {
        const keyStart = this.pos;
        if (t.charCodeAt(this.pos) !== 0x22) throw new NotPlainJson();
        const key = this.string();
        if (this.pos - keyStart > KEY_LIMIT) throw new NotPlainJson();
        if (t.charCodeAt(this.pos++) !== 0x3a /* : */) throw new NotPlainJson();
        out.set(key, this.value(depth + 1));
        const next = t.charCodeAt(this.pos++);
        if (next === 0x7d) return out;
        if (next !== 0x2c) throw new NotPlainJson();
      }
    }
    if (c === 0x5b /* [ */) {
      this.pos++;
      const out: YamlValue[] = [];
      if (t.charCodeAt(this.pos) === 0x5d) {
        this.pos++;
        return out;
      }
      for (;;) {
        out.push(this.value(depth + 1));
        const next = t.charCodeAt(this.pos++);
        if (next === 0x5d) return out;
        if (next !== 0x2c) throw new NotPlainJson();
      }
    }
    if (c === 0x22) return this.string();
    for (const [word, value] of LITERALS) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(t);
    if (m === null) throw new NotPlainJson();
    this.pos += m[0].length;
    return resolvePlainScalar(m[0]);
  }

  /** A JSON string at pos (its opening quote), decoded; pos ends after the closing quote. */
  private string(): string {
    const t = this.text;
    const start = this.pos + 1;
    let i = start;
    let out = '';
    let runStart = start;
    for (;;) {
      const c = t.charCodeAt(i);
      if (Number.isNaN(c)) throw new NotPlainJson();
      if (c === 0x22) break;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += t.slice(runStart, i);
      const e = t.charCodeAt(i + 1);
      const simple = SIMPLE_ESCAPES.get(e);
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 0x75 /* u */) {
        const hex = t.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new NotPlainJson();
        const code = parseInt(hex, 16);
        if (code >= 0xd800 && code <= 0xdfff) throw new NotPlainJson();
        out += String.fromCharCode(code);
        i += 6;
      } else {
        throw new NotPlainJson();
      }
      runStart = i;
    }
    // Escapes are printable ASCII, so the token as written holds no unsafe character but raw ones.
    if (UNSAFE_RAW.test(t.slice(start, i))) throw new NotPlainJson();
    this.pos = i + 1;
    return out + t.slice(runStart, i);
  }
}

/** The escapes json.Marshal writes that go-yaml's double-quoted scalars also have (no `\/`). */
const SIMPLE_ESCAPES = new Map<number, string>([
  [0x22, '"'], [0x5c, '\\'], [0x62, '\b'], [0x66, '\f'], [0x6e, '\n'], [0x72, '\r'], [0x74, '\t'],
]);

const LITERALS: readonly (readonly [string, YamlValue])[] = [['null', null], ['true', true], ['false', false]];
