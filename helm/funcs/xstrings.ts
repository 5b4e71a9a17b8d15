/**
 * The huandu/xstrings v1.5.0 conversions sprig exposes: ToSnakeCase (`snakecase`),
 * ToKebabCase (`kebabcase`), ToPascalCase (`camelcase`, which sprig maps to PascalCase since
 * xstrings 1.5 changed ToCamelCase) and Shuffle (`shuffle`).
 *
 * The word splitter follows xstrings' nextWord: runs of connectors (`-`, `_`, spaces),
 * punctuation, upper-case words ("HTTPServer" -> "HTTP" + "Server"), lower-case words, numbers
 * and other characters. Strings are handled as code points; a literal U+FFFD behaves like Go's
 * utf8.RuneError, as it does in Go, and so does an invalid byte (which snake/kebab case copy raw).
 */
import { codePoints, fromCodePoints, isLetter, isNumber, isPunct, isSpace, isUpper, rawCodePoints, toLower, toUpper } from './go-unicode.js';
import { goRune } from '../template/gostring.js';

const RUNE_ERROR = 0xfffd;

const enum WordType {
  Invalid,
  Number,
  UpperCase,
  Alphabet,
  Connector,
  Punct,
  Other,
}

const isConnector = (r: number): boolean => r === 0x2d || r === 0x5f || isSpace(r);

/** xstrings isAlphabet: a letter that is not a CJK ideograph. */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

/** A word of the input, and where the rest of the input starts (xstrings' `remaining`). */
interface Word {
  wt: WordType;
  word: number[];
  /** Index in the input's code points just after the word. */
  next: number;
}

/**
 * The first rune at or after `from` that is not RuneError, with how many runes were consumed
 * to reach it.
 */
function nextValidRune(str: readonly number[], from: number, prev: number): [number, number] {
  for (let i = from; i < str.length; i++) {
    const r = goRune(str[i]!);
    if (r !== RUNE_ERROR) return [r, i - from + 1];
  }
  return [prev, str.length - from];
}

/**
 * xstrings nextWord on the input from `start`. Go slices `remaining` in O(1); positions in one
 * array do the same here, so splitting stays linear in the input.
 */
function nextWord(str: number[], start: number): Word {
  if (start >= str.length) return { wt: WordType.Invalid, word: [], next: str.length };
  let [r, size] = nextValidRune(str, start, RUNE_ERROR);
  // Invariant below: the word is str[start:offset] and `remaining` is str[offset:].
  let offset = start + size;
  if (r === RUNE_ERROR) return { wt: WordType.Invalid, word: str.slice(start, offset), next: offset };

  // Consumes following runes while `keep` holds.
  const run = (keep: (r: number) => boolean): void => {
    while (offset < str.length) {
      [r, size] = nextValidRune(str, offset, r);
      if (!keep(r)) break;
      offset += size;
    }
  };

  let wt: WordType;
  if (isConnector(r)) {
    wt = WordType.Connector;
    run(isConnector);
  } else if (isPunct(r)) {
    wt = WordType.Punct;
    run(isPunct);
  } else if (isUpper(r)) {
    wt = WordType.UpperCase;
    if (offset < str.length) {
      [r, size] = nextValidRune(str, offset, r);
      if (isUpper(r)) {
        let prevSize = size;
        offset += size;
        while (offset < str.length) {
          [r, size] = nextValidRune(str, offset, r);
          if (!isUpper(r)) break;
          prevSize = size;
          offset += size;
        }
        // "HTTPStatus" splits as "HTTP" + "Status": the last capital starts the next word.
        if (offset < str.length && isAlphabet(r)) offset -= prevSize;
      } else if (isAlphabet(r)) {
        offset += size;
        run((c) => isAlphabet(c) && !isUpper(c));
      }
    }
  } else if (isAlphabet(r)) {
    wt = WordType.Alphabet;
    run((c) => isAlphabet(c) && !isUpper(c));
  } else if (isNumber(r)) {
    wt = WordType.Number;
    run(isNumber);
  } else {
    wt = WordType.Other;
    run((c) => !(isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)));
  }
  return { wt, word: str.slice(start, offset), next: offset };
}

/** xstrings toLower: upper-case and connector words are lowered, connectors replaced. */
function writeLower(buf: number[], wt: WordType, word: readonly number[], connector: number): void {
  if (wt !== WordType.UpperCase && wt !== WordType.Connector) {
    for (const r of word) buf.push(r);
    return;
  }
  for (const r of word) buf.push(isConnector(r) ? connector : isUpper(r) ? toLower(r) : r);
}

/** xstrings camelCaseToLowerCase, the engine of ToSnakeCase and ToKebabCase. */
function camelCaseToLowerCase(s: string, connector: number): string {
  if (s === '') return '';
  const buf: number[] = [];
  // Writes a run of letter and number words; returns the first word after it.
  const lowerWordRun = (w: Word): Word => {
    while (w.wt === WordType.Alphabet || w.wt === WordType.Number) {
      writeLower(buf, w.wt, w.word, connector);
      w = nextWord(str, w.next);
    }
    return w;
  };
  // Words are copied from the input as they are (Go writes substrings), so an invalid byte stays raw.
  const str = rawCodePoints(s);
  let cur = nextWord(str, 0);
  while (cur.next < str.length) {
    if (cur.wt !== WordType.Connector) writeLower(buf, cur.wt, cur.word, connector);
    const prev = cur;
    cur = nextWord(str, cur.next);
    switch (prev.wt) {
      case WordType.Number:
        cur = lowerWordRun(cur);
        if (cur.wt !== WordType.Invalid && cur.wt !== WordType.Punct && cur.wt !== WordType.Connector) buf.push(connector);
        break;
      case WordType.Connector:
        writeLower(buf, prev.wt, prev.word, connector);
        break;
      case WordType.Punct:
        break;
      default: {
        if (cur.wt !== WordType.Number) {
          if (cur.wt !== WordType.Connector && cur.wt !== WordType.Punct) buf.push(connector);
          break;
        }
        if (cur.next >= str.length) break;
        const number = cur.word;
        cur = nextWord(str, cur.next);
        // A number followed by a non-word ends the previous word: "Bld4Floor" -> "bld4_floor".
        if (cur.wt !== WordType.Alphabet) {
          writeLower(buf, WordType.Number, number, connector);
          if (cur.wt !== WordType.Connector && cur.wt !== WordType.Punct) buf.push(connector);
          break;
        }
        // Letters after the number start a new word with it: "HTTP2xx" -> "http_2xx".
        buf.push(connector);
        writeLower(buf, WordType.Number, number, connector);
        cur = lowerWordRun(cur);
        if (cur.wt !== WordType.Invalid && cur.wt !== WordType.Connector && cur.wt !== WordType.Punct) buf.push(connector);
      }
    }
  }
  writeLower(buf, cur.wt, cur.word, connector);
  return fromCodePoints(buf);
}

/** xstrings.ToSnakeCase: "HTTPServer" -> "http_server". */
export function toSnakeCase(s: string): string {
  return camelCaseToLowerCase(s, 0x5f);
}

/** xstrings.ToKebabCase: "HTTPServer" -> "http-server". */
export function toKebabCase(s: string): string {
  return camelCaseToLowerCase(s, 0x2d);
}

/** xstrings.ToPascalCase: "some_words" -> "SomeWords", "_complex__case_" -> "_Complex_Case_". */
export function toPascalCase(s: string): string {
  if (s === '') return '';
  const str = codePoints(s);
  const buf: number[] = [];
  let i = 0;
  let r0 = 0;
  let firstRuneUpper = false;
  // Leading connectors are kept.
  while (i < str.length) {
    r0 = str[i++]!;
    if (!isConnector(r0)) {
      firstRuneUpper = isUpper(r0);
      r0 = toUpper(r0);
      break;
    }
    buf.push(r0);
  }
  if (i === str.length) {
    // Go writes the last rune again here, so "__" becomes "___".
    buf.push(r0);
    return fromCodePoints(buf);
  }
  while (i < str.length) {
    const r1 = r0;
    r0 = str[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      buf.push(r1);
      continue;
    }
    if (isConnector(r1)) {
      firstRuneUpper = isUpper(r0);
      r0 = toUpper(r0);
    } else {
      // An all-capitals word is lowered after its first letter: "GOLANG" -> "Golang".
      if (firstRuneUpper) {
        if (isUpper(r0)) r0 = toLower(r0);
        else firstRuneUpper = false;
      }
      buf.push(r1);
    }
  }
  buf.push(r0);
  return fromCodePoints(buf);
}

/** xstrings.Shuffle: the runes of s in a random order (Fisher-Yates, as xstrings does). */
export function shuffle(s: string, random: () => number = Math.random): string {
  const runes = codePoints(s);
  for (let i = runes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [runes[i], runes[j]] = [runes[j]!, runes[i]!];
  }
  return fromCodePoints(runes);
}
