/**
 * sprig v3.3.0's string functions (functions.go genericMap + strings.go), with the Go
 * signatures sprig declares. Go strings are UTF-8 bytes: `trunc`, `substr`, `abbrev` and `wrap`
 * count bytes, as in helm; a cut inside a character leaves the raw bytes (held as escapes, see
 * template/gostring.ts).
 */
import { sprint } from '../template/gofmt.js';
import { quote as goQuote } from '../template/strconv.js';
import { checkEngineElements, pollWork, reserveChars, reserveElements, reservePrinted } from '../template/budget.js';
import {
  type GoFunc,
  type GoValue,
  GoError,
  T_BOOL,
  T_INT,
  T_INTERFACE,
  T_STRING,
  T_STRING_SLICE,
  isSlice,
  tagMapType,
  tagSliceType,
} from '../template/value.js';
import { intArg, strslice, strval } from './cast.js';
import { compareGoStrings, goByteLength, goByteSlice, goRune, normalizeGoString } from '../template/gostring.js';

export { compareGoStrings };
import { define } from './define.js';
import { codePoints, fromCodePoints, goToLower, goToUpper, goTrimSpace, isLetter, isSpace, rawCodePoints, toTitle } from './go-unicode.js';
import { abbreviateFull, deleteWhiteSpace, initials, swapCase, uncapitalize, wrapCustom } from './goutils.js';
import { shuffle, toKebabCase, toPascalCase, toSnakeCase } from './xstrings.js';

const T_STRING_MAP = 'map[string]string';

/** Heap bytes of one element of a list of substrings (a sliced string and its slot). */
const SUBSTRING_ELEMENT_BYTES = 32;

const ASCII = /^[\x00-\x7f]*$/;

/** s[from:to] over the bytes of s. */
function byteSlice(s: string, from: number, to?: number): string {
  return goByteSlice(s, from, to ?? goByteLength(s));
}

/** Go's byte length of s. */
function byteLength(s: string): number {
  return ASCII.test(s) ? s.length : goByteLength(s);
}

/** A Go runtime panic, as text/template reports it (`runtime error: ...`). */
function runtimeError(msg: string): GoError {
  return new GoError('runtime error: ' + msg);
}

/** sprig trunc: the first c bytes, or the last -c bytes when c is negative. */
export function trunc(c: number, s: string): string {
  const len = byteLength(s);
  if (c < 0 && len + c > 0) return byteSlice(s, len + c);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

/**
 * sprig substring: s[start:end] in bytes; start < 0 means s[:end], end < 0 or past the end
 * means s[start:]. Out-of-range slices panic with Go's runtime messages.
 */
export function substring(start: number, end: number, s: string): string {
  const len = byteLength(s);
  if (start < 0) {
    if (end < 0) throw runtimeError(`slice bounds out of range [:${end}]`);
    if (end > len) throw runtimeError(`slice bounds out of range [:${end}] with length ${len}`);
    return byteSlice(s, 0, end);
  }
  if (end < 0 || end > len) {
    if (start > len) throw runtimeError(`slice bounds out of range [${start}:${len}]`);
    return byteSlice(s, start);
  }
  if (start > end) throw runtimeError(`slice bounds out of range [${start}:${end}]`);
  return byteSlice(s, start, end);
}

/**
 * strings.Repeat, with its panics. Go would try to allocate anything below the int64 overflow
 * (and crash out of memory); here the result's length is reserved first (budget.ts).
 */
export function repeat(count: number, s: string): string {
  if (count < 0) throw new GoError('strings: negative Repeat count');
  const bytes = BigInt(byteLength(s)) * BigInt(count);
  if (bytes > (1n << 63n) - 1n) throw new GoError('strings: Repeat output length overflow');
  reserveChars(s.length * count);
  return s.repeat(count);
}

/** How many non-overlapping times `sub` (non-empty) occurs in s, without building anything. */
export function countOccurrences(s: string, sub: string): number {
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** How many code points s has (a surrogate pair is one). */
function codePointCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** strings.Title: the first letter of each word in title case (words split at non-letters). */
export function title(s: string): string {
  let prev = 0x20;
  const out = codePoints(s).map((r) => {
    const mapped = isTitleSeparator(prev) ? toTitle(r) : r;
    prev = r;
    return mapped;
  });
  return fromCodePoints(out);
}

/** strings.isSeparator (used by Title). */
function isTitleSeparator(r: number): boolean {
  if (r <= 0x7f) {
    const alnum = (r >= 48 && r <= 57) || (r >= 97 && r <= 122) || (r >= 65 && r <= 90) || r === 0x5f;
    return !alnum;
  }
  if (isLetter(r) || /^\p{Nd}$/u.test(String.fromCodePoint(r))) return false;
  return isSpace(r);
}

/** strings.Trim(s, cutset): drops leading and trailing runes contained in cutset. */
export function trimCutset(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = new Set(codePoints(cutset));
  const cps = rawCodePoints(s);
  let start = 0;
  let end = cps.length;
  while (start < end && cut.has(goRune(cps[start]!))) start++;
  while (end > start && cut.has(goRune(cps[end - 1]!))) end--;
  return fromCodePoints(cps.slice(start, end));
}

/**
 * strings.Replace(src, old, new, -1); an empty `old` inserts `new` around every rune. The
 * result's length is known from the number of matches and reserved before it is built.
 */
export function replaceAll(src: string, old: string, replacement: string): string {
  if (old === replacement) return src;
  if (old === '') {
    const runes = normalizeGoString(src);
    const count = codePointCount(runes);
    reserveChars(runes.length + (count + (src === '' ? 1 : 2) - 1) * replacement.length);
    checkEngineElements(count);
    return replacement + Array.from(runes).join(replacement) + (src === '' ? '' : replacement);
  }
  reserveChars(src.length + countOccurrences(src, old) * (replacement.length - old.length));
  return src.replaceAll(old, () => replacement);
}

/**
 * strings.SplitN(s, sep, n) (n < 0: all parts; n == 0: none); an empty sep splits runes. The
 * number of parts is counted and reserved before the list is built.
 */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const runes = sep === '' ? normalizeGoString(s) : s;
  const count = sep === '' ? codePointCount(runes) : countOccurrences(s, sep) + 1;
  reserveElements(n < 0 ? count : Math.min(count, n), SUBSTRING_ELEMENT_BYTES);
  checkEngineElements(count);
  const parts = sep === '' ? Array.from(runes) : s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  const head = parts.slice(0, n - 1);
  head.push(parts.slice(n - 1).join(sep));
  return head;
}

function indexedMap(parts: readonly string[]): Map<string, GoValue> {
  return tagMapType(new Map(parts.map((p, i) => ['_' + i, p])), T_STRING_MAP);
}

/** sprig indent: every line prefixed with `spaces` spaces (the result's length reserved first). */
export function indent(spaces: number, v: string): string {
  const pad = repeat(spaces, ' ');
  reserveChars(v.length + (countOccurrences(v, '\n') + 1) * pad.length);
  return pad + v.replaceAll('\n', () => '\n' + pad);
}

/** sprig sortAlpha: a slice sorted as strings (a []string in place); anything else as [strval]. */
export function sortAlpha(list: GoValue): string[] {
  if (isSlice(list) || list instanceof Uint8Array) return strslice(list).sort(compareGoStrings);
  return tagSliceType([strval(list)], T_STRING_SLICE);
}

const notNil = (v: GoValue): boolean => v !== null && v !== undefined;

/** `parts` joined by `sep`, the result's length reserved first. */
function joined(parts: readonly string[], sep: string): string {
  let total = parts.length > 0 ? sep.length * (parts.length - 1) : 0;
  for (const p of parts) total += p.length;
  reserveChars(total);
  return parts.join(sep);
}

/** fmt's %v of v, its size reserved first when it is a list or map (which may share sub-values). */
function printed(v: GoValue): string {
  if (Array.isArray(v) || v instanceof Map) reservePrinted(v);
  return sprint([v]);
}

/** Characters strconv.Quote handles at once before the deadline is polled again. */
const QUOTE_PIECE = 64 * 1024;

/**
 * strconv.Quote, in pieces for a long string: Quote escapes rune by rune, so pieces cut just
 * before an ASCII character (never inside a rune or an escaped byte) quote to the same text;
 * the deadline is polled between them, as quoting is slow per character.
 */
function quoteLong(s: string): string {
  if (s.length <= QUOTE_PIECE) return goQuote(s);
  let out = '"';
  for (let from = 0; from < s.length; ) {
    let to = Math.min(from + QUOTE_PIECE, s.length);
    while (to < s.length && s.charCodeAt(to) >= 0x80) to++;
    out += goQuote(s.slice(from, to)).slice(1, -1);
    pollWork(to - from);
    from = to;
  }
  return out + '"';
}

/** sprig quote: each non-nil argument as a Go double-quoted string, space separated. */
export function quote(...args: GoValue[]): string {
  const texts = args.filter(notNil).map(strval);
  // Quoting adds at least the two quotes: refuse what cannot fit before the slow escaping.
  reserveChars(texts.reduce((n, t) => n + t.length + 3, -1), true);
  return joined(texts.map(quoteLong), ' ');
}

/** sprig squote: each non-nil argument as '%v', space separated. */
export function squote(...args: GoValue[]): string {
  return joined(args.filter(notNil).map((s) => `'${printed(s)}'`), ' ');
}

/** sprig cat: the non-nil arguments printed with %v, space separated. */
export function cat(...args: GoValue[]): string {
  return joined(args.filter(notNil).map(printed), ' ');
}

const str2 = [T_STRING, T_STRING];

/** sprig's string functions. */
export const stringFuncs: readonly GoFunc[] = [
  define('hello', [], T_STRING, () => 'Hello!'),
  define('abbrev', [T_INT, T_STRING], T_STRING, (width, s: string) =>
    intArg(width) < 4 ? s : abbreviateFull(s, 0, intArg(width)).value,
  ),
  define('abbrevboth', [T_INT, T_INT, T_STRING], T_STRING, (left, right, s: string) => {
    const [l, r] = [intArg(left), intArg(right)];
    if (r < 4 || (l > 0 && r < 7)) return s;
    return abbreviateFull(s, l, r).value;
  }),
  define('trunc', [T_INT, T_STRING], T_STRING, (c, s: string) => trunc(intArg(c), s)),
  define('trim', [T_STRING], T_STRING, goTrimSpace),
  define('upper', [T_STRING], T_STRING, goToUpper),
  define('lower', [T_STRING], T_STRING, goToLower),
  define('title', [T_STRING], T_STRING, title),
  define('untitle', [T_STRING], T_STRING, uncapitalize),
  define('substr', [T_INT, T_INT, T_STRING], T_STRING, (start, end, s: string) => substring(intArg(start), intArg(end), s)),
  // sprig swaps Go's argument order so that `"foo" | repeat 5` reads naturally.
  define('repeat', [T_INT, T_STRING], T_STRING, (count, s: string) => repeat(intArg(count), s)),
  define('trimall', str2, T_STRING, (cutset: string, s: string) => trimCutset(s, cutset)),
  define('trimAll', str2, T_STRING, (cutset: string, s: string) => trimCutset(s, cutset)),
  define('trimSuffix', str2, T_STRING, (suffix: string, s: string) =>
    suffix !== '' && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s,
  ),
  define('trimPrefix', str2, T_STRING, (prefix: string, s: string) => (s.startsWith(prefix) ? s.slice(prefix.length) : s)),
  define('nospace', [T_STRING], T_STRING, deleteWhiteSpace),
  define('initials', [T_STRING], T_STRING, initials),
  define('swapcase', [T_STRING], T_STRING, swapCase),
  define('shuffle', [T_STRING], T_STRING, (s: string) => shuffle(s)),
  define('snakecase', [T_STRING], T_STRING, toSnakeCase),
  define('camelcase', [T_STRING], T_STRING, toPascalCase),
  define('kebabcase', [T_STRING], T_STRING, toKebabCase),
  define('wrap', [T_INT, T_STRING], T_STRING, (l, s: string) => wrapCustom(s, intArg(l), '', false)),
  define('wrapWith', [T_INT, T_STRING, T_STRING], T_STRING, (l, sep: string, s: string) => wrapCustom(s, intArg(l), sep, true)),
  define('contains', str2, T_BOOL, (sub: string, s: string) => s.includes(sub)),
  define('hasPrefix', str2, T_BOOL, (prefix: string, s: string) => s.startsWith(prefix)),
  define('hasSuffix', str2, T_BOOL, (suffix: string, s: string) => s.endsWith(suffix)),
  define('quote', [], T_STRING, quote, { variadic: T_INTERFACE }),
  define('squote', [], T_STRING, squote, { variadic: T_INTERFACE }),
  define('cat', [], T_STRING, cat, { variadic: T_INTERFACE }),
  define('indent', [T_INT, T_STRING], T_STRING, (spaces, v: string) => indent(intArg(spaces), v)),
  define('nindent', [T_INT, T_STRING], T_STRING, (spaces, v: string) => '\n' + indent(intArg(spaces), v)),
  define('replace', [T_STRING, T_STRING, T_STRING], T_STRING, (old: string, replacement: string, src: string) =>
    replaceAll(src, old, replacement),
  ),
  define('plural', [T_STRING, T_STRING, T_INT], T_STRING, (one: string, many: string, count) => (intArg(count) === 1 ? one : many)),
  define('split', str2, T_STRING_MAP, (sep: string, orig: string) => indexedMap(splitN(orig, sep, -1))),
  define('splitList', str2, T_STRING_SLICE, (sep: string, orig: string) => tagSliceType(splitN(orig, sep, -1), T_STRING_SLICE)),
  define('splitn', [T_STRING, T_INT, T_STRING], T_STRING_MAP, (sep: string, n, orig: string) =>
    indexedMap(splitN(orig, sep, intArg(n))),
  ),
  define('join', [T_STRING, T_INTERFACE], T_STRING, (sep: string, v: GoValue) => joined(strslice(v), sep)),
  define('sortAlpha', [T_INTERFACE], T_STRING_SLICE, sortAlpha),
];
