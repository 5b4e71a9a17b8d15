/**
 * `--set`, `--set-string`, `--set-json`, `--set-file` and `--set-literal` parsing, mirroring
 * helm v3.17.3 pkg/strvals (parser.go, literal_parser.go) step by step: the same scanner, the
 * same typing of values, the same error texts, and Go's runtime panics (a failed type
 * assertion when `a.b=1` meets a non-map `a`) turned into `unable to parse key: ...` errors
 * exactly where helm recovers them.
 *
 * Values: `--set` integers are GoInt int64 (`0` too, but `007` stays a string), `true`/`false`
 * in any letter case are bools, `null` is nil; `--set-json` numbers are float64 (JSON.parse).
 */
import { GoInt, type GoMap, type GoValue, typeOf } from '../template/value.js';
import { STRVALS_MAX_INDEX, STRVALS_MAX_NESTED_NAME_LEVEL } from './limits.js';
import { decodeJsonPrefix } from './strvals-json.js';
import { goRune } from '../template/gostring.js';
import { quote, quoteRune } from '../template/strconv.js';
import { isSpace } from '../funcs/go-unicode.js';

/** A failure of pkg/strvals, with helm's message (before MergeValues adds `failed parsing ...`). */
export class StrvalsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrvalsError';
  }
}

/**
 * strvals.RunesValueReader: turns the text after `=` into a value. `--set-file` passes a
 * reader that loads the named file; throw a StrvalsError (or any Error) to report failure.
 */
export type RunesValueReader = (text: string) => GoValue;

/** strvals.ParseInto: `--set` into dest (ints, bools and null typed). */
export function parseInto(s: string, dest: GoMap): void {
  new Parser(s, dest, (rs) => typedVal(rs, false), false).parse();
}

/** strvals.ParseIntoString: `--set-string` into dest (every value a string). */
export function parseIntoString(s: string, dest: GoMap): void {
  new Parser(s, dest, (rs) => typedVal(rs, true), false).parse();
}

/** strvals.ParseJSON: `--set-json` into dest (values are JSON; an empty value is null). */
export function parseJson(s: string, dest: GoMap): void {
  new Parser(s, dest, undefined, true).parse();
}

/** strvals.ParseIntoFile: `--set-file` into dest, each value read through `reader`. */
export function parseIntoFile(s: string, dest: GoMap, reader: RunesValueReader): void {
  new Parser(s, dest, reader, false).parse();
}

/** strvals.ParseLiteralInto: `--set-literal` into dest (the whole rest of the line is the value). */
export function parseLiteralInto(s: string, dest: GoMap): void {
  new LiteralParser(s, dest).parse();
}

/**
 * strvals typedVal: the `--set` value typing. `st` forces a string (`--set-string`).
 * Only `0` itself may start with 0 and become an int, so `0123` stays a string.
 */
export function typedVal(val: string, st: boolean): GoValue {
  if (st) return val;
  const lower = val.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (val === '0') return GoInt.int64(0);
  if (val.length !== 0 && val[0] !== '0') {
    const n = parseInt64(val);
    if (n !== undefined) return GoInt.int64(n);
  }
  return val;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** strconv.ParseInt(s, 10, 64): an optional sign, then decimal digits, within int64. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** strconv.Atoi for list indexes, with Go's error texts. */
function atoi(s: string): number | StrvalsError {
  if (!/^[+-]?[0-9]+$/.test(s)) return new StrvalsError(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n < INT64_MIN || n > INT64_MAX) return new StrvalsError(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  return Number(n);
}

/** strconv.Quote (Go's %q of a string), the one port in template/strconv.ts. */
export const goQuote: (s: string) => string = quote;

/** Go's %q of a []rune: each rune quoted as a char literal, e.g. `['x' '\\'']`. */
function goQuoteRunes(s: string): string {
  return '[' + Array.from(s, (r) => quoteRune(goRune(r.codePointAt(0)!))).join(' ') + ']';
}

/** io.EOF: the end of input, which ends parsing successfully at a key boundary. */
const EOF = Symbol('EOF');
/** strvals ErrNotList: the value does not start with `{`. */
const NOT_LIST = Symbol('not a list');
type Err = StrvalsError | typeof EOF | typeof NOT_LIST | null;

/** A Go runtime panic inside the parser, recovered by `key` as `unable to parse key: ...`. */
class Panic {
  constructor(readonly message: string) {}
}

/** x.([]interface{}) / x.(map[string]interface{}) with Go's panic text on failure. */
function assertList(v: GoValue): GoValue[] {
  if (Array.isArray(v)) return v;
  throw new Panic(`interface conversion: interface {} is ${goTypeName(v)}, not []interface {}`);
}

function assertMap(v: GoValue): GoMap {
  if (v instanceof Map) return v;
  throw new Panic(`interface conversion: interface {} is ${goTypeName(v)}, not map[string]interface {}`);
}

function goTypeName(v: GoValue): string {
  return v === null || v === undefined ? 'nil' : typeOf(v);
}

/** A bytes.Buffer read rune by rune. */
class RuneReader {
  private readonly runes: string[];
  private pos = 0;
  constructor(text: string) {
    this.runes = Array.from(text);
  }
  read(): string | typeof EOF {
    return this.pos < this.runes.length ? (this.runes[this.pos++] as string) : EOF;
  }
  unread(): void {
    this.pos--;
  }
  rest(): string {
    return this.runes.slice(this.pos).join('');
  }
  skip(n: number): void {
    this.pos += n;
  }
}

/** runesUntil: reads to a stop rune (consumed); `\x` takes x literally when `escapes`. */
function runesUntil(
  sc: RuneReader,
  stop: string,
  escapes: boolean,
): { v: string; last: string | undefined; err: typeof EOF | null } {
  let v = '';
  for (;;) {
    const r = sc.read();
    if (r === EOF) return { v, last: undefined, err: EOF };
    if (stop.includes(r)) return { v, last: r, err: null };
    if (escapes && r === '\\') {
      const next = sc.read();
      if (next === EOF) return { v, last: undefined, err: EOF };
      v += next;
    } else {
      v += r;
    }
  }
}

/** strvals `set`: an empty key is silently dropped. */
function set(data: GoMap, key: string, val: GoValue): void {
  if (key.length === 0) return;
  data.set(key, val);
}

/** strvals setIndex: grows the list with nils up to the index. */
function setIndex(list: GoValue[], index: number, val: GoValue): { list: GoValue[]; err: Err } {
  if (index < 0) return { list, err: new StrvalsError(`negative ${index} index not allowed`) };
  if (index > STRVALS_MAX_INDEX) {
    return { list, err: new StrvalsError(`index of ${index} is greater than maximum supported index of ${STRVALS_MAX_INDEX}`) };
  }
  if (list.length <= index) {
    const grown: GoValue[] = new Array<GoValue>(index + 1).fill(null);
    for (let i = 0; i < list.length; i++) grown[i] = list[i];
    list = grown;
  }
  list[index] = val;
  return { list, err: null };
}

function nestedTooDeep(): StrvalsError {
  return new StrvalsError(
    `value name nested level is greater than maximum supported nested level of ${STRVALS_MAX_NESTED_NAME_LEVEL}`,
  );
}

function wrapIndexError(err: StrvalsError | typeof EOF): StrvalsError {
  return new StrvalsError(`error parsing index: ${err === EOF ? 'EOF' : err.message}`);
}

/** strvals.parser: `--set`, `--set-string`, `--set-file` and (with isJson) `--set-json`. */
class Parser {
  private readonly sc: RuneReader;
  constructor(
    text: string,
    private readonly data: GoMap,
    private readonly reader: RunesValueReader | undefined,
    private readonly isJson: boolean,
  ) {
    this.sc = new RuneReader(text);
  }

  parse(): void {
    for (;;) {
      const err = this.key(this.data, 0);
      if (err === null) continue;
      if (err === EOF) return;
      throw err instanceof StrvalsError ? err : new StrvalsError(String(err.description));
    }
  }

  /** parser.key, with its deferred recover of runtime panics. */
  private key(data: GoMap, nestedNameLevel: number): Err {
    try {
      return this.keyBody(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof Panic) return new StrvalsError(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyBody(data: GoMap, nestedNameLevel: number): Err {
    const { v: k, last, err } = runesUntil(this.sc, '=[,.', true);
    if (err !== null) {
      if (k.length === 0) return err;
      return new StrvalsError(`key ${goQuote(k)} has no value`);
    }
    switch (last) {
      case '[': {
        const idx = this.keyIndex();
        if (typeof idx !== 'number') return wrapIndexError(idx);
        let list: GoValue[] = [];
        if (data.has(k)) list = assertList(data.get(k));
        const r = this.listItem(list, idx, nestedNameLevel);
        set(data, k, r.list);
        return r.err;
      }
      case '=':
        return this.isJson ? this.jsonValueForKey(data, k) : this.valueForKey(data, k);
      case ',':
        set(data, k, '');
        return new StrvalsError(`key ${goQuote(k)} has no value (cannot end with ,)`);
      default: {
        // '.': a nested map.
        nestedNameLevel++;
        if (nestedNameLevel > STRVALS_MAX_NESTED_NAME_LEVEL) return nestedTooDeep();
        let inner: GoMap = new Map();
        if (data.has(k)) inner = assertMap(data.get(k));
        const e = this.key(inner, nestedNameLevel);
        if (e === null && inner.size === 0) return new StrvalsError(`key map ${goQuote(k)} has no value`);
        if (inner.size !== 0) set(data, k, inner);
        return e;
      }
    }
  }

  /** The `=` case of parser.key for non-JSON values: `{a,b}` list or a single value. */
  private valueForKey(data: GoMap, k: string): Err {
    const vl = this.valList();
    if (vl.err === null) {
      set(data, k, vl.list);
      return null;
    }
    if (vl.err === EOF) {
      set(data, k, '');
      return EOF;
    }
    if (vl.err !== NOT_LIST) return vl.err;
    const { v: rs } = this.val();
    const r = this.read(rs);
    set(data, k, r.value);
    return r.err;
  }

  /** The `=` case of parser.key for `--set-json`. */
  private jsonValueForKey(data: GoMap, k: string): Err {
    if (this.emptyVal()) {
      set(data, k, null);
      return null;
    }
    const decoded = decodeJsonPrefix(this.sc.rest());
    if (decoded instanceof Error) return new StrvalsError(decoded.message);
    set(data, k, decoded.value);
    this.sc.skip(decoded.consumedRunes);
    this.emptyVal();
    return null;
  }

  /** Runs the value reader, turning a thrown error into the returned one. */
  private read(rs: string): { value: GoValue; err: Err } {
    const reader = this.reader;
    if (reader === undefined) return { value: null, err: new StrvalsError('no value reader') };
    try {
      return { value: reader(rs), err: null };
    } catch (e) {
      if (e instanceof Panic) throw e;
      return { value: null, err: e instanceof StrvalsError ? e : new StrvalsError(e instanceof Error ? e.message : String(e)) };
    }
  }

  private keyIndex(): number | StrvalsError | typeof EOF {
    const { v, err } = runesUntil(this.sc, ']', true);
    if (err !== null) return err;
    return atoi(v);
  }

  /** parser.listItem: what follows `name[i]`. */
  private listItem(list: GoValue[], i: number, nestedNameLevel: number): { list: GoValue[]; err: Err } {
    if (i < 0) return { list, err: new StrvalsError(`negative ${i} index not allowed`) };
    const { v: k, last, err } = runesUntil(this.sc, '[.=', true);
    if (k.length > 0) return { list, err: new StrvalsError(`unexpected data at end of array index: ${goQuoteRunes(k)}`) };
    if (err !== null) return { list, err };
    switch (last) {
      case '=': {
        if (this.isJson) {
          if (this.emptyVal()) return setIndex(list, i, null);
          const decoded = decodeJsonPrefix(this.sc.rest());
          if (decoded instanceof Error) return { list, err: new StrvalsError(decoded.message) };
          const r = setIndex(list, i, decoded.value);
          if (r.err !== null) return r;
          this.sc.skip(decoded.consumedRunes);
          this.emptyVal();
          return r;
        }
        const vl = this.valList();
        if (vl.err === null) return setIndex(list, i, vl.list);
        if (vl.err === EOF) return setIndex(list, i, '');
        if (vl.err !== NOT_LIST) return { list, err: vl.err };
        const { v: rs } = this.val();
        const r = this.read(rs);
        if (r.err !== null) return { list, err: r.err };
        return setIndex(list, i, r.value);
      }
      case '[': {
        const nextI = this.keyIndex();
        if (typeof nextI !== 'number') return { list, err: wrapIndexError(nextI) };
        let crtList: GoValue[] = [];
        if (list.length > i && list[i] !== null) crtList = assertList(list[i]);
        const inner = this.listItem(crtList, nextI, nestedNameLevel);
        if (inner.err !== null) return { list, err: inner.err };
        return setIndex(list, i, inner.list);
      }
      default: {
        // '.': a map inside the list.
        let inner: GoMap = new Map();
        if (list.length > i) {
          const existing = list[i];
          if (existing instanceof Map) inner = existing;
          else list[i] = inner; // indices out of order: start an empty map
        }
        const e = this.key(inner, nestedNameLevel);
        if (e !== null) return { list, err: e };
        return setIndex(list, i, inner);
      }
    }
  }

  /** parser.emptyVal: skips spaces; true at `,` or the end (both consumed). */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === EOF || r === ',') return true;
      if (!isSpace(r.codePointAt(0)!)) {
        this.sc.unread();
        return false;
      }
    }
  }

  private val(): { v: string; err: typeof EOF | null } {
    const { v, err } = runesUntil(this.sc, ',', true);
    return { v, err };
  }

  /** parser.valList: `{a,b,c}`, or NOT_LIST when the value does not start with `{`. */
  private valList(): { list: GoValue[]; err: Err } {
    const r = this.sc.read();
    if (r === EOF) return { list: [], err: EOF };
    if (r !== '{') {
      this.sc.unread();
      return { list: [], err: NOT_LIST };
    }
    const list: GoValue[] = [];
    for (;;) {
      const { v: rs, last, err } = runesUntil(this.sc, ',}', true);
      if (err !== null) return { list, err: new StrvalsError("list must terminate with '}'") };
      if (last === '}') {
        const next = this.sc.read();
        if (next !== EOF && next !== ',') this.sc.unread();
        const item = this.read(rs);
        list.push(item.value);
        return { list, err: item.err };
      }
      const item = this.read(rs);
      if (item.err !== null) return { list, err: item.err };
      list.push(item.value);
    }
  }
}

/** strvals.literalParser: `--set-literal`, where the value is everything after `=`. */
class LiteralParser {
  private readonly sc: RuneReader;
  constructor(
    text: string,
    private readonly data: GoMap,
  ) {
    this.sc = new RuneReader(text);
  }

  parse(): void {
    for (;;) {
      const err = this.key(this.data, 0);
      if (err === null) continue;
      if (err === EOF) return;
      throw err;
    }
  }

  private key(data: GoMap, nestedNameLevel: number): StrvalsError | typeof EOF | null {
    try {
      return this.keyBody(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof Panic) return new StrvalsError(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyBody(data: GoMap, nestedNameLevel: number): StrvalsError | typeof EOF | null {
    const { v: key, last, err } = runesUntil(this.sc, '=[.', false);
    if (err !== null) {
      if (key.length === 0) return err;
      return new StrvalsError(`key ${goQuote(key)} has no value`);
    }
    switch (last) {
      case '=':
        set(data, key, this.val());
        return null;
      case '.': {
        nestedNameLevel++;
        if (nestedNameLevel > STRVALS_MAX_NESTED_NAME_LEVEL) return nestedTooDeep();
        let inner: GoMap = new Map();
        if (data.has(key)) inner = assertMap(data.get(key));
        const e = this.key(inner, nestedNameLevel);
        if (e === null && inner.size === 0) return new StrvalsError(`key map ${goQuote(key)} has no value`);
        if (inner.size !== 0) set(data, key, inner);
        return e;
      }
      default: {
        // '['
        const idx = this.keyIndex();
        if (typeof idx !== 'number') return wrapIndexError(idx);
        let list: GoValue[] = [];
        if (data.has(key)) list = assertList(data.get(key));
        const r = this.listItem(list, idx, nestedNameLevel);
        set(data, key, r.list);
        return r.err;
      }
    }
  }

  private keyIndex(): number | StrvalsError | typeof EOF {
    const { v, err } = runesUntil(this.sc, ']', false);
    if (err !== null) return err;
    return atoi(v);
  }

  private listItem(
    list: GoValue[],
    i: number,
    nestedNameLevel: number,
  ): { list: GoValue[]; err: StrvalsError | typeof EOF | null } {
    if (i < 0) return { list, err: new StrvalsError(`negative ${i} index not allowed`) };
    const { v: key, last, err } = runesUntil(this.sc, '[.=', false);
    if (key.length > 0) return { list, err: new StrvalsError(`unexpected data at end of array index: ${goQuoteRunes(key)}`) };
    if (err !== null) return { list, err };
    switch (last) {
      case '=':
        return narrow(setIndex(list, i, this.val()));
      case '.': {
        let inner: GoMap = new Map();
        if (list.length > i) {
          const existing = list[i];
          if (existing instanceof Map) inner = existing;
          else list[i] = inner;
        }
        const e = this.key(inner, nestedNameLevel);
        if (e !== null) return { list, err: e };
        return narrow(setIndex(list, i, inner));
      }
      default: {
        const nextI = this.keyIndex();
        if (typeof nextI !== 'number') return { list, err: wrapIndexError(nextI) };
        let crtList: GoValue[] = [];
        if (list.length > i && list[i] !== null) crtList = assertList(list[i]);
        const inner = this.listItem(crtList, nextI, nestedNameLevel);
        if (inner.err !== null) return { list, err: inner.err };
        return narrow(setIndex(list, i, inner.list));
      }
    }
  }

  /** literalParser.val: the rest of the input, verbatim. */
  private val(): string {
    return runesUntil(this.sc, '', false).v;
  }
}

function narrow(r: { list: GoValue[]; err: Err }): { list: GoValue[]; err: StrvalsError | null } {
  return { list: r.list, err: r.err instanceof StrvalsError ? r.err : null };
}

