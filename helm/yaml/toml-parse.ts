/**
 * TOML 1.0 → Go values as BurntSushi/toml v1.4.0 `Unmarshal(data, &map[string]interface{})`
 * gives them to helm's `fromToml`: integers int64, floats float64, tables
 * map[string]interface{}, arrays []interface{}, arrays of tables []map[string]interface{},
 * date-times through a caller-supplied conversion (helm gets time.Time).
 * Errors read `toml: line N (last key "k"): message` like BurntSushi's ParseError; the
 * messages cover the common mistakes and are not a full copy of its lexer's wording.
 */
import { GoInt, tagSliceType, type GoMap, type GoValue } from '../template/value.js';

/** A TOML date-time; `offsetMinutes` undefined for local date-times, dates and times. */
export class TomlDatetime {
  constructor(
    readonly kind: 'offset-datetime' | 'local-datetime' | 'local-date' | 'local-time',
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly nanos: number,
    readonly offsetMinutes: number | undefined,
  ) {}
}

/** BurntSushi's ParseError text. */
export class TomlParseError extends Error {
  constructor(
    readonly line: number,
    readonly lastKey: string,
    readonly detail: string,
  ) {
    super(lastKey === '' ? `toml: line ${line}: ${detail}` : `toml: line ${line} (last key ${JSON.stringify(lastKey)}): ${detail}`);
    this.name = 'TomlParseError';
  }
}


const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const BARE = /[A-Za-z0-9_-]/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})?)?/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/;

/** Tables created by a [header] or implicitly by a dotted key / parent header. */
interface TableInfo {
  explicit: boolean;
  /** Defined with dotted keys inside another table: cannot be reopened with a header. */
  dotted: boolean;
  inline: boolean;
}

class TomlParser {
  private i = 0;
  private line = 1;
  private lastKey = '';
  private readonly root: GoMap = new Map();
  private current: GoMap = this.root;
  /** Key path of the current [table] (BurntSushi's p.context). */
  private context: string[] = [];
  private readonly info = new WeakMap<GoMap, TableInfo>();
  private readonly arrayTables = new WeakSet<GoValue[]>();

  constructor(
    private readonly s: string,
    private readonly toTime: (d: TomlDatetime) => GoValue,
  ) {}

  private fail(detail: string): never {
    throw new TomlParseError(this.line, this.lastKey, detail);
  }

  private peek(o = 0): string {
    return this.s[this.i + o] ?? '';
  }

  private skipWs(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }

  private skipComment(): void {
    if (this.peek() !== '#') return;
    while (this.i < this.s.length && this.peek() !== '\n') {
      const c = this.s.charCodeAt(this.i);
      if ((c < 0x20 && c !== 0x09 && c !== 0x0d) || c === 0x7f) this.fail(`control characters are not allowed in comments: 0x${c.toString(16).padStart(2, '0')}`);
      this.i++;
    }
  }

  private newline(): boolean {
    if (this.peek() === '\n') {
      this.i++;
      this.line++;
      return true;
    }
    if (this.peek() === '\r' && this.peek(1) === '\n') {
      this.i += 2;
      this.line++;
      return true;
    }
    return false;
  }

  /** Whitespace, comments and newlines (inside arrays). */
  private skipAll(): void {
    for (;;) {
      this.skipWs();
      this.skipComment();
      if (!this.newline()) return;
    }
  }

  parse(): GoMap {
    for (;;) {
      this.skipWs();
      this.skipComment();
      if (this.newline()) continue;
      if (this.i >= this.s.length) return this.root;
      if (this.peek() === '[') this.header();
      else this.keyValue(this.current);
      this.skipWs();
      this.skipComment();
      if (this.i < this.s.length && !this.newline()) this.fail(`expected a top-level item to end with a newline, comment, or EOF, but got ${JSON.stringify(this.peek())} instead`);
    }
  }

  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipWs();
      const c = this.peek();
      if (c === '"') parts.push(this.basicString());
      else if (c === "'") parts.push(this.literalString());
      else {
        const start = this.i;
        while (BARE.test(this.peek())) this.i++;
        if (start === this.i) this.fail(c === '' || c === '\n' ? 'unexpected key name' : `bare keys cannot contain ${JSON.stringify(c)}`);
        parts.push(this.s.slice(start, this.i));
      }
      this.skipWs();
      if (this.peek() !== '.') return parts;
      this.i++;
    }
  }

  private header(): void {
    const array = this.peek(1) === '[';
    this.i += array ? 2 : 1;
    // Header errors carry no "last key" in BurntSushi's messages.
    this.lastKey = '';
    const key = this.key();
    const path = key.join('.');
    if (this.peek() !== ']' || (array && this.peek(1) !== ']')) this.fail(`expected ${array ? "']]'" : "']'"} to close the table name`);
    this.i += array ? 2 : 1;
    let t = this.root;
    for (let k = 0; k < key.length - 1; k++) t = this.descend(t, key[k]!, key.slice(0, k + 1));
    const last = key[key.length - 1]!;
    const existing = t.get(last);
    if (array) {
      let arr: GoValue[];
      if (existing === undefined) {
        arr = tagSliceType([], '[]map[string]interface {}');
        this.arrayTables.add(arr);
        t.set(last, arr);
      } else if (Array.isArray(existing) && this.arrayTables.has(existing)) {
        arr = existing;
      } else {
        this.fail(`Key '${path}' was already created and cannot be used as an array.`);
      }
      const table: GoMap = new Map();
      this.info.set(table, { explicit: true, dotted: false, inline: false });
      arr.push(table);
      this.current = table;
      this.context = key;
      return;
    }
    if (existing === undefined) {
      const table: GoMap = new Map();
      this.info.set(table, { explicit: true, dotted: false, inline: false });
      t.set(last, table);
      this.current = table;
      this.context = key;
      return;
    }
    const info = existing instanceof Map ? this.info.get(existing) : undefined;
    if (!(existing instanceof Map) || !info || info.explicit || info.dotted || info.inline) {
      this.fail(`Key '${path}' has already been defined.`);
    }
    info.explicit = true;
    this.current = existing;
    this.context = key;
  }

  /** Walks into (or creates) the table `name` under t; the last element of an array of tables. */
  private descend(t: GoMap, name: string, path: string[], dotted = false): GoMap {
    const v = t.get(name);
    if (v === undefined) {
      const table: GoMap = new Map();
      this.info.set(table, { explicit: false, dotted, inline: false });
      t.set(name, table);
      return table;
    }
    if (v instanceof Map) {
      const info = this.info.get(v);
      if (info?.inline || (dotted && info?.explicit)) this.fail(`Key '${path.join('.')}' has already been defined.`);
      return v;
    }
    if (Array.isArray(v) && this.arrayTables.has(v) && !dotted) return v[v.length - 1] as GoMap;
    return this.fail(`Key '${path.join('.')}' was already created as a hash.`);
  }

  private keyValue(table: GoMap): void {
    const key = this.key();
    const ctx = table === this.current ? this.context : [];
    this.lastKey = [...ctx, ...key].join('.');
    if (this.peek() !== '=') this.fail(`expected key separator '=', but got ${JSON.stringify(this.peek())} instead`);
    this.i++;
    this.skipWs();
    let t = table;
    for (let k = 0; k < key.length - 1; k++) t = this.descend(t, key[k]!, [...ctx, ...key.slice(0, k + 1)], true);
    const last = key[key.length - 1]!;
    if (t.has(last)) this.fail(`Key '${[...ctx, ...key].join('.')}' has already been defined.`);
    t.set(last, this.value());
  }

  private value(): GoValue {
    const c = this.peek();
    if (c === '"') return this.peek(1) === '"' && this.peek(2) === '"' ? this.multilineBasic() : this.basicString();
    if (c === "'") return this.peek(1) === "'" && this.peek(2) === "'" ? this.multilineLiteral() : this.literalString();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    if (this.s.startsWith('true', this.i) && !BARE.test(this.peek(4))) {
      this.i += 4;
      return true;
    }
    if (this.s.startsWith('false', this.i) && !BARE.test(this.peek(5))) {
      this.i += 5;
      return false;
    }
    const rest = this.s.slice(this.i, this.i + 64);
    const dt = DATETIME.exec(rest);
    if (dt) return this.toTime(this.datetime(dt));
    const tm = TIME.exec(rest);
    if (tm) {
      this.i += tm[0].length;
      return this.toTime(new TomlDatetime('local-time', 0, 1, 1, +tm[1]!, +tm[2]!, +tm[3]!, fraction(tm[4]), undefined));
    }
    return this.number();
  }

  private datetime(m: RegExpExecArray): TomlDatetime {
    this.i += m[0].length;
    const [year, month, day] = [+m[1]!, +m[2]!, +m[3]!];
    if (month < 1 || month > 12 || day < 1 || day > 31) this.fail(`Invalid TOML Datetime: ${JSON.stringify(m[0])}.`);
    if (m[4] === undefined) return new TomlDatetime('local-date', year, month, day, 0, 0, 0, 0, undefined);
    const [h, mi, sec] = [+m[4], +m[5]!, +m[6]!];
    const zone = m[8];
    let offset: number | undefined;
    if (zone !== undefined) {
      offset = zone === 'Z' || zone === 'z' ? 0 : (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(4, 6));
    }
    return new TomlDatetime(offset === undefined ? 'local-datetime' : 'offset-datetime', year, month, day, h, mi, sec, fraction(m[7]), offset);
  }

  private number(): GoValue {
    const start = this.i;
    while (/[0-9A-Za-z_+\-.:]/.test(this.peek())) this.i++;
    const text = this.s.slice(start, this.i);
    if (text === '') {
      // BurntSushi's lexer has consumed a line break before it reports it.
      if (this.peek() === '\n' || this.peek() === '\r') this.line++;
      this.fail(`expected value but found ${goQuoteRune(this.peek())} instead`);
    }
    if (/^[+-]?(inf|nan)$/.test(text)) return text.endsWith('inf') ? (text[0] === '-' ? -Infinity : Infinity) : NaN;
    const based = /^0([xob])([0-9A-Fa-f_]+)$/.exec(text);
    if (based) {
      const digits = based[2]!;
      if (/^_|_$|__/.test(digits)) this.fail(`Invalid integer ${JSON.stringify(text)}: underscores must be surrounded by digits`);
      const prefix = based[1] === 'x' ? '0x' : based[1] === 'o' ? '0o' : '0b';
      let v: bigint;
      try {
        v = BigInt(prefix + digits.replace(/_/g, ''));
      } catch {
        return this.fail(`Invalid integer ${JSON.stringify(text)}`);
      }
      if (v > INT64_MAX) this.fail(`Integer ${JSON.stringify(text)} is out of the range of 64-bit signed integers.`);
      return new GoInt(v, 'int64');
    }
    if (/^[+-]?\d[\d_]*$/.test(text)) {
      if (/^[+-]?_|_$|__/.test(text)) this.fail(`Invalid integer ${JSON.stringify(text)}: underscores must be surrounded by digits`);
      if (/^[+-]?0\d/.test(text)) this.fail(`Invalid integer ${JSON.stringify(text)}: cannot have leading zeroes`);
      const v = BigInt(text.replace(/_/g, ''));
      if (v > INT64_MAX || v < INT64_MIN) this.fail(`Integer ${JSON.stringify(text)} is out of the range of 64-bit signed integers.`);
      return new GoInt(v, 'int64');
    }
    if (/^[+-]?\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d[\d_]*)?$/.test(text)) {
      if (/_(?!\d)|(?<!\d)_/.test(text)) this.fail(`Invalid float ${JSON.stringify(text)}: underscores must be surrounded by digits`);
      if (/^[+-]?0\d/.test(text)) this.fail(`Invalid float ${JSON.stringify(text)}: cannot have leading zeroes`);
      const f = Number(text.replace(/_/g, ''));
      if (!Number.isFinite(f)) this.fail(`Float ${JSON.stringify(text)} is out of the range of 64-bit IEEE-754 floating-point numbers.`);
      return f;
    }
    if (/\.(?!\d)/.test(text)) this.fail(`Invalid float ${JSON.stringify(text)}: '.' must be followed by one or more digits`);
    return this.fail(`expected value but found ${JSON.stringify(text)} instead`);
  }

  private array(): GoValue[] {
    this.i++;
    const out: GoValue[] = [];
    for (;;) {
      this.skipAll();
      if (this.peek() === ']') {
        this.i++;
        return out;
      }
      if (this.i >= this.s.length) this.fail('unexpected EOF; expected \']\'');
      out.push(this.value());
      this.skipAll();
      if (this.peek() === ',') {
        this.i++;
        continue;
      }
      if (this.peek() === ']') {
        this.i++;
        return out;
      }
      this.fail(`expected a comma (',') or array terminator (']'), but got ${JSON.stringify(this.peek() || 'EOF')}`);
    }
  }

  private inlineTable(): GoMap {
    this.i++;
    const t: GoMap = new Map();
    this.info.set(t, { explicit: true, dotted: false, inline: true });
    const outerKey = this.lastKey;
    this.skipWs();
    if (this.peek() === '}') {
      this.i++;
      return t;
    }
    for (;;) {
      this.skipWs();
      this.keyValue(t);
      this.skipWs();
      if (this.peek() === ',') {
        this.i++;
        continue;
      }
      if (this.peek() === '}') {
        this.i++;
        this.lastKey = outerKey;
        return t;
      }
      this.fail(`expected a comma or an inline table terminator '}', but got ${JSON.stringify(this.peek() || 'EOF')} instead`);
    }
  }

  private escape(): string {
    const e = this.peek(1);
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
    if (e in simple) {
      this.i += 2;
      return simple[e]!;
    }
    const len = e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (len === 0) this.fail(`invalid escape in string '\\${e}'`);
    const hex = this.s.slice(this.i + 2, this.i + 2 + len);
    if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) this.fail(`invalid escape in string '\\${e}${hex}'`);
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.fail(`Escaped character '\\${e}${hex}' is not valid UTF-8.`);
    this.i += 2 + len;
    return String.fromCodePoint(cp);
  }

  private checkControl(multiline: boolean): void {
    const c = this.s.charCodeAt(this.i);
    if ((c < 0x20 && c !== 0x09 && !(multiline && (c === 0x0a || c === 0x0d))) || c === 0x7f) {
      this.fail(`control characters are not allowed in strings: 0x${c.toString(16).padStart(2, '0')}`);
    }
  }

  private basicString(): string {
    this.i++;
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '\n') this.fail('strings cannot contain newlines');
      if (c === '') this.fail('unexpected EOF; expected \'"\'');
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\\') {
        out += this.escape();
        continue;
      }
      this.checkControl(false);
      out += c;
      this.i++;
    }
  }

  private literalString(): string {
    this.i++;
    const start = this.i;
    for (;;) {
      const c = this.peek();
      if (c === '\n') this.fail('strings cannot contain newlines');
      if (c === '') this.fail("unexpected EOF; expected \"'\"");
      if (c === "'") {
        const v = this.s.slice(start, this.i);
        this.i++;
        return v;
      }
      this.checkControl(false);
      this.i++;
    }
  }

  private multilineBasic(): string {
    this.i += 3;
    this.newline();
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail('unexpected EOF; expected \'"""\'');
      if (this.s.startsWith('"""', this.i)) {
        // Up to two extra quotes before the closing delimiter belong to the string.
        let extra = 0;
        while (extra < 2 && this.peek(3 + extra) === '"') extra++;
        out += '"'.repeat(extra);
        this.i += 3 + extra;
        return out;
      }
      const c = this.peek();
      if (c === '\\') {
        let j = this.i + 1;
        while (this.s[j] === ' ' || this.s[j] === '\t') j++;
        if (this.s[j] === '\n' || (this.s[j] === '\r' && this.s[j + 1] === '\n')) {
          // Line-ending backslash: drop the break and all following whitespace.
          this.i = j;
          for (;;) {
            if (this.newline()) continue;
            if (this.peek() === ' ' || this.peek() === '\t') {
              this.i++;
              continue;
            }
            break;
          }
          continue;
        }
        out += this.escape();
        continue;
      }
      if (this.newline()) {
        out += '\n';
        continue;
      }
      this.checkControl(true);
      out += c;
      this.i++;
    }
  }

  private multilineLiteral(): string {
    this.i += 3;
    this.newline();
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail("unexpected EOF; expected \"'''\"");
      if (this.s.startsWith("'''", this.i)) {
        let extra = 0;
        while (extra < 2 && this.peek(3 + extra) === "'") extra++;
        out += "'".repeat(extra);
        this.i += 3 + extra;
        return out;
      }
      if (this.newline()) {
        out += '\n';
        continue;
      }
      this.checkControl(true);
      out += this.peek();
      this.i++;
    }
  }
}

/** Go's %q of a rune: '\n', 'x'. */
function goQuoteRune(c: string): string {
  if (c === '') return "'\\x00'";
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', "'": "\\'", '\\': '\\\\' };
  return `'${named[c] ?? c}'`;
}

function fraction(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(digits.slice(0, 9).padEnd(9, '0'));
}

/**
 * Parses a TOML document into a map (BurntSushi/toml Unmarshal into map[string]interface{}).
 * `toTime` turns each date-time into the Go value to store (helm gets a time.Time).
 */
export function parseToml(text: string, toTime: (d: TomlDatetime) => GoValue): GoMap {
  return new TomlParser(text, toTime).parse();
}
