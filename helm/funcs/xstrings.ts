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

interface Word {
  wt: WordType;
  word: number[];
  remaining: number[];
}

/** The first rune that is not RuneError, with how many runes were consumed to reach it. */
function nextValidRune(str: readonly number[], prev: number): [number, number] {
  let size = 0;
  for (const raw of str) {
    size++;
    const r = goRune(raw);
    if (r !== RUNE_ERROR) return [r, size];
  }
  return [prev, size];
}

function nextWord(str: number[]): Word {
  if (str.length === 0) return { wt: WordType.Invalid, word: [], remaining: [] };
  let offset = 0;
  let remaining = str;
  let [r, size] = nextValidRune(remaining, RUNE_ERROR);
  offset += size;
  if (r === RUNE_ERROR) return { wt: WordType.Invalid, word: str.slice(0, offset), remaining: str.slice(offset) };

  // Consumes following runes while `keep` holds.
  const run = (keep: (r: number) => boolean): void => {
    while (remaining.length > 0) {
      [r, size] = nextValidRune(remaining, r);
      if (!keep(r)) break;
      offset += size;
      remaining = remaining.slice(size);
    }
  };

  let wt: WordType;
  if (isConnector(r)) {
    wt = WordType.Connector;
    remaining = remaining.slice(size);
    run(isConnector);
  } else if (isPunct(r)) {
    wt = WordType.Punct;
    remaining = remaining.slice(size);
    run(isPunct);
  } else if (isUpper(r)) {
    wt = WordType.UpperCase;
    remaining = remaining.slice(size);
    if (remaining.length > 0) {
      [r, size] = nextValidRune(remaining, r);
      if (isUpper(r)) {
        let prevSize = size;
        offset += size;
        remaining = remaining.slice(size);
        while (remaining.length > 0) {
          [r, size] = nextValidRune(remaining, r);
          if (!isUpper(r)) break;
          prevSize = size;
          offset += size;
          remaining = remaining.slice(size);
        }
        // "HTTPStatus" splits as "HTTP" + "Status": the last capital starts the next word.
        if (remaining.length > 0 && isAlphabet(r)) {
          offset -= prevSize;
          remaining = str.slice(offset);
        }
      } else if (isAlphabet(r)) {
        offset += size;
        remaining = remaining.slice(size);
        run((c) => isAlphabet(c) && !isUpper(c));
      }
    }
  } else if (isAlphabet(r)) {
    wt = WordType.Alphabet;
    remaining = remaining.slice(size);
    run((c) => isAlphabet(c) && !isUpper(c));
  } else if (isNumber(r)) {
    wt = WordType.Number;
    remaining = remaining.slice(size);
    run(isNumber);
  } else {
    wt = WordType.Other;
    remaining = remaining.slice(size);
    run((c) => !(isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)));
  }
  return { wt, word: str.slice(0, offset), remaining };
}

/** xstrings toLower: upper-case and connector words are lowered, connectors replaced. */
function writeLower(buf: number[], wt: WordType, word: readonly number[], connector: number): void {
  if (wt !== WordType.UpperCase && wt !== WordType.Connector) {
    buf.push(...word);
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
      w = nextWord(w.remaining);
    }
    return w;
  };
  // Words are copied from the input as they are (Go writes substrings), so an invalid byte stays raw.
  let cur = nextWord(rawCodePoints(s));
  while (cur.remaining.length > 0) {
    if (cur.wt !== WordType.Connector) writeLower(buf, cur.wt, cur.word, connector);
    const prev = cur;
    cur = nextWord(cur.remaining);
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
        if (cur.remaining.length === 0) break;
        const number = cur.word;
        cur = nextWord(cur.remaining);
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
