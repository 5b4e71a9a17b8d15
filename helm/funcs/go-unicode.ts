/**
 * The parts of Go's `unicode` package and strings.ToUpper/ToLower/TrimSpace that sprig's string
 * functions (and goutils / xstrings under them) rely on, per code point.
 *
 * Go maps case with Unicode's *simple* one-to-one mappings; JavaScript's toUpperCase applies
 * the full SpecialCasing rules (ß -> SS, final sigma, İ -> i̇). So we map one code point at a
 * time and keep the character when JavaScript would expand it, with the few simple mappings
 * that differ written out.
 *
 * Unicode version: helm v3.17.3 is built with Go 1.23, whose tables are Unicode 15.0; Node's
 * `\p{...}` classes and case mappings follow a newer version (17.0 in Node 20.20). Every answer
 * here is bounded to the characters Go knows, using the printable table recorded from helm
 * (helm/template/unicode-print.ts, behind strconv's isPrint): a code point Go's tables do not
 * assign is in no category and maps to itself, and a case mapping whose result Go does not know
 * is dropped (U+0264 ɤ does not upper-case to U+A7CB, a Unicode 16 letter). What can still
 * differ: a character assigned in Unicode <= 15.0 whose general category or simple case mapping
 * a later version changed between two characters both known to Unicode 15.0 (Unicode's
 * stability policies make this rare; none is known to affect L/N/P categories or case pairs
 * since 15.0).
 */
import { checkEngineElements } from '../template/budget.js';
import { goRunes, normalizeGoString } from '../template/gostring.js';
import { isPrint } from '../template/strconv.js';

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const LETTER = /^\p{L}$/u;
const PUNCT = /^\p{P}$/u;
const NUMBER = /^\p{N}$/u;

/** unicode.IsSpace: Latin-1 spaces (incl. U+0085, U+00A0) and the White_Space property. */
export function isSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return (
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/**
 * Whether Go 1.23's Unicode 15.0 tables assign cp to a letter, mark, number, punctuation or
 * symbol category (unicode.IsPrint without the ASCII space); every category test and case
 * mapping below concerns only such characters.
 */
const knownToGo = (cp: number): boolean => isPrint(cp);

const test = (re: RegExp, cp: number): boolean => knownToGo(cp) && re.test(String.fromCodePoint(cp));

/** unicode.IsUpper (category Lu). */
export const isUpper = (cp: number): boolean => (cp < 0x80 ? cp >= 65 && cp <= 90 : test(UPPER, cp));
/** unicode.IsLower (category Ll). */
export const isLower = (cp: number): boolean => (cp < 0x80 ? cp >= 97 && cp <= 122 : test(LOWER, cp));
/** unicode.IsTitle (category Lt). */
export const isTitle = (cp: number): boolean => cp >= 0x80 && test(TITLE, cp);
/** unicode.IsLetter (category L). */
export const isLetter = (cp: number): boolean => test(LETTER, cp);
/** unicode.IsPunct (category P). */
export const isPunct = (cp: number): boolean => test(PUNCT, cp);
/** unicode.IsNumber (category N). */
export const isNumber = (cp: number): boolean => test(NUMBER, cp);

/** Simple mappings JavaScript's full case mapping cannot give one code point at a time. */
const LOWER_EXCEPTIONS = new Map<number, number>([[0x0130, 0x0069]]);
/** Greek letters with ypogegrammeni: full upper case expands (ᾳ -> ΑΙ), the simple one is ᾼ. */
const UPPER_EXCEPTIONS = new Map<number, number>([
  ...[0x1f80, 0x1f90, 0x1fa0].flatMap((base) => Array.from({ length: 8 }, (_, i): [number, number] => [base + i, base + i + 8])),
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
]);
/** Title case of the Latin digraphs DŽ, LJ, NJ, DZ (upper/lower/title forms -> title form). */
const TITLE_DIGRAPHS = new Map<number, number>([
  [0x01c4, 0x01c5], [0x01c5, 0x01c5], [0x01c6, 0x01c5],
  [0x01c7, 0x01c8], [0x01c8, 0x01c8], [0x01c9, 0x01c8],
  [0x01ca, 0x01cb], [0x01cb, 0x01cb], [0x01cc, 0x01cb],
  [0x01f1, 0x01f2], [0x01f2, 0x01f2], [0x01f3, 0x01f2],
]);

function single(mapped: string, cp: number): number {
  if (!knownToGo(cp)) return cp;
  const out = mapped.codePointAt(0)!;
  // An expansion (more than one code point) has no simple mapping: Go keeps the rune.
  if (mapped.length !== String.fromCodePoint(out).length) return cp;
  // A partner added after Unicode 15.0 is no mapping in Go's tables.
  return knownToGo(out) ? out : cp;
}

/** unicode.ToUpper. */
export function toUpper(cp: number): number {
  if (cp < 0x80) return cp >= 97 && cp <= 122 ? cp - 32 : cp;
  const exception = UPPER_EXCEPTIONS.get(cp);
  if (exception !== undefined) return exception;
  return single(String.fromCodePoint(cp).toUpperCase(), cp);
}

/** unicode.ToLower. */
export function toLower(cp: number): number {
  if (cp < 0x80) return cp >= 65 && cp <= 90 ? cp + 32 : cp;
  const exception = LOWER_EXCEPTIONS.get(cp);
  if (exception !== undefined) return exception;
  return single(String.fromCodePoint(cp).toLowerCase(), cp);
}

/** unicode.ToTitle: upper case, except the digraph title forms and Georgian (title of itself). */
export function toTitle(cp: number): number {
  const digraph = TITLE_DIGRAPHS.get(cp);
  if (digraph !== undefined) return digraph;
  if ((cp >= 0x10d0 && cp <= 0x10fa) || (cp >= 0x10fd && cp <= 0x10ff)) return cp;
  return toUpper(cp);
}

/** The runes of a string as Go's `range` yields them: an invalid byte is U+FFFD (RuneError). */
export function codePoints(s: string): number[] {
  // An array per character: refuse lengths V8 cannot hold rather than abort the process.
  checkEngineElements(s.length);
  return goRunes(s);
}

/**
 * The code points of a normalized Go string, escaped bytes kept as their escapes: for functions
 * that test runes but slice the original string (Trim, TrimSpace), so kept bytes stay raw.
 */
export function rawCodePoints(s: string): number[] {
  checkEngineElements(s.length);
  const out: number[] = [];
  for (const ch of normalizeGoString(s)) out.push(ch.codePointAt(0)!);
  return out;
}

/** A string from code points (an escape code point stays the raw byte it stands for). */
export function fromCodePoints(cps: readonly number[]): string {
  let out = '';
  for (const cp of cps) out += String.fromCodePoint(cp);
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;

/** strings.ToUpper. */
export function goToUpper(s: string): string {
  if (ASCII.test(s)) return s.toUpperCase();
  return fromCodePoints(codePoints(s).map(toUpper));
}

/** strings.ToLower. */
export function goToLower(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  return fromCodePoints(codePoints(s).map(toLower));
}

/** strings.TrimSpace with unicode.IsSpace (JavaScript's trim also strips U+FEFF, Go does not). */
export function goTrimSpace(s: string): string {
  // Every unicode.IsSpace rune is in the BMP and an escaped invalid byte is a lone surrogate
  // (never a space), so UTF-16 units can be tested directly, without a code-point array.
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}
