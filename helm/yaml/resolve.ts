/**
 * go-yaml v2's implicit typing of scalars (resolve.go): which plain scalars are bools (YAML 1.1:
 * y/Y/yes/on/true/n/no/off/false...), nulls, ints (with 0x/0o/0b/leading-0 octal and `_`),
 * floats, timestamps or strings, and how explicit tags (`!!int`, `!!str`, ...) force them.
 * Both directions use it: decoding typed values, and the encoder deciding when a string must be
 * quoted so it reads back as a string.
 */
import { parseInt64, parseInt64Base, parseUint64, parseUint64Base } from './go-strconv.js';

export const TAG_PREFIX = 'tag:yaml.org,2002:';
export const NULL_TAG = TAG_PREFIX + 'null';
export const BOOL_TAG = TAG_PREFIX + 'bool';
export const STR_TAG = TAG_PREFIX + 'str';
export const INT_TAG = TAG_PREFIX + 'int';
export const FLOAT_TAG = TAG_PREFIX + 'float';
export const TIMESTAMP_TAG = TAG_PREFIX + 'timestamp';
export const BINARY_TAG = TAG_PREFIX + 'binary';
export const MERGE_TAG = TAG_PREFIX + 'merge';

/** A Go integer decoded by go-yaml: `int` (64-bit) or, above int64, `uint64`. */
export class YamlInt {
  constructor(
    readonly value: bigint,
    readonly goType: 'int' | 'uint64',
  ) {}
}

/** A timestamp-looking scalar: go-yaml keeps the source text when decoding into interface{}. */
export class YamlTimestamp {
  constructor(readonly text: string) {}
}

export type ResolvedScalar = null | boolean | string | number | YamlInt | YamlTimestamp;

/** A scalar that go-yaml refused for its explicit tag (`cannot decode !!str `x` as a !!int`). */
export class ResolveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResolveError';
  }
}

const RESOLVE_MAP = new Map<string, [string, ResolvedScalar]>();
(() => {
  const add = (tag: string, value: ResolvedScalar, names: string[]) => names.forEach((n) => RESOLVE_MAP.set(n, [tag, value]));
  add(BOOL_TAG, true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
  add(BOOL_TAG, false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
  add(NULL_TAG, null, ['', '~', 'null', 'Null', 'NULL']);
  add(FLOAT_TAG, NaN, ['.nan', '.NaN', '.NAN']);
  add(FLOAT_TAG, Infinity, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
  add(FLOAT_TAG, -Infinity, ['-.inf', '-.Inf', '-.INF']);
  add(MERGE_TAG, '<<', ['<<']);
})();

/** go-yaml's `!!int` short form of a long tag. */
export function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? '!!' + tag.slice(TAG_PREFIX.length) : tag;
}

function resolvableTag(tag: string): boolean {
  return tag === '' || tag === STR_TAG || tag === BOOL_TAG || tag === INT_TAG || tag === FLOAT_TAG || tag === NULL_TAG || tag === TIMESTAMP_TAG;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

function hintOf(text: string): string {
  if (text === '') return 'N';
  const c = text[0]!;
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

function intResult(v: bigint): [string, ResolvedScalar] {
  return [INT_TAG, new YamlInt(v, 'int')];
}

/** Untagged/known-tag resolution, before go-yaml's deferred tag check. */
function resolveRaw(tag: string, text: string): [string, ResolvedScalar] {
  const hint = hintOf(text);
  if (hint === '' || tag === STR_TAG || tag === BINARY_TAG) return [STR_TAG, text];
  const mapped = RESOLVE_MAP.get(text);
  if (mapped) return mapped;
  if (hint === '.') {
    // Go's ParseFloat on text starting with '.': plain decimals only.
    if (DOT_FLOAT.test(text)) return [FLOAT_TAG, Number(text)];
    return [STR_TAG, text];
  }
  if (hint === 'D' || hint === 'S') {
    if ((tag === '' || tag === TIMESTAMP_TAG) && isGoYamlTimestamp(text)) return [TIMESTAMP_TAG, new YamlTimestamp(text)];
    const plain = text.replace(/_/g, '');
    const i = parseInt64(plain);
    if (i !== undefined) return intResult(i);
    const u = parseUint64(plain);
    if (u !== undefined) return [INT_TAG, new YamlInt(u, 'uint64')];
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = Number(plain);
      // Go's ParseFloat fails (ErrRange) on overflow; the scalar then stays a string.
      if (Number.isFinite(f)) return [FLOAT_TAG, f];
    }
    if (plain.startsWith('0b')) {
      const bi = parseInt64Base(plain.slice(2), 2);
      if (bi !== undefined) return intResult(bi);
      const bu = parseUint64Base(plain.slice(2), 2);
      if (bu !== undefined) return [INT_TAG, new YamlInt(bu, 'uint64')];
    } else if (plain.startsWith('-0b')) {
      const bi = parseInt64Base('-' + plain.slice(3), 2);
      if (bi !== undefined) return intResult(bi);
    }
  }
  return [STR_TAG, text];
}

/**
 * go-yaml v2 `resolve(tag, in)`: the resolved tag and value of a scalar. Tags outside the core
 * set (custom `!foo`, `!!binary`) leave the text as it is. Throws ResolveError when an explicit
 * tag does not fit the text (a `!!float` tag still accepts an integer and makes it a float).
 */
export function resolveScalar(tag: string, text: string): { tag: string; value: ResolvedScalar } {
  if (!resolvableTag(tag)) return { tag, value: text };
  let [rtag, value] = resolveRaw(tag, text);
  if (tag === '' || tag === rtag || tag === STR_TAG || tag === BINARY_TAG) return { tag: rtag, value };
  if (tag === FLOAT_TAG && rtag === INT_TAG && value instanceof YamlInt && value.goType === 'int') {
    return { tag: FLOAT_TAG, value: Number(value.value) };
  }
  throw new ResolveError(`cannot decode ${shortTag(rtag)} \`${text}\` as a ${shortTag(tag)}`);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day <= max;
}

const TS_ZONED = /^(\d{4})-(\d\d?)-(\d\d?)[Tt](\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(Z|[+-](\d\d):(\d\d))$/;
const TS_LOCAL = /^(\d{4})-(\d\d?)-(\d\d?) +(\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?$/;
const TS_DATE = /^(\d{4})-(\d\d?)-(\d\d?)$/;

/**
 * go-yaml v2's parseTimestamp: time.Parse with the layouts `2006-1-2T15:4:5.999999999Z07:00`
 * (also with `t`), `2006-1-2 15:4:5.999999999` and `2006-1-2`, including Go's range checks.
 */
export function isGoYamlTimestamp(s: string): boolean {
  let m = TS_DATE.exec(s);
  if (m) return validDate(+m[1]!, +m[2]!, +m[3]!);
  m = TS_ZONED.exec(s) ?? TS_LOCAL.exec(s);
  if (!m) return false;
  if (!validDate(+m[1]!, +m[2]!, +m[3]!)) return false;
  if (+m[4]! > 23 || +m[5]! > 59 || +m[6]! > 59) return false;
  if (m[8] !== undefined && (+m[8] > 24 || +m[9]! > 60)) return false;
  return true;
}
