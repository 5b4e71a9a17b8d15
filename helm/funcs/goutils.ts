/**
 * The Masterminds/goutils v1.1.1 string helpers sprig exposes: Abbreviate/AbbreviateFull
 * (`abbrev`, `abbrevboth`), Wrap/WrapCustom (`wrap`, `wrapWith`), Initials (`initials`),
 * DeleteWhiteSpace (`nospace`), SwapCase (`swapcase`) and Uncapitalize (`untitle`).
 *
 * Several of them work on Go's bytes, not characters: lengths are UTF-8 byte counts, and
 * Initials/DeleteWhiteSpace turn each kept byte into the rune of the same number, so a
 * non-ASCII input comes out as Latin-1 mojibake ("é x" -> "Ã©x"), exactly as in helm.
 */
import { GrowingResult } from '../template/budget.js';
import { goStringFromBytes, goStringToBytes } from '../template/gostring.js';
import { codePoints, fromCodePoints, isLower, isSpace, isTitle, isUpper, toLower, toTitle, toUpper } from './go-unicode.js';

const SPACE = 0x20;

/** goutils.AbbreviateFull with its error result; widths count bytes. */
export function abbreviateFull(str: string, offset0: number, maxWidth: number): { value: string; error?: string } {
  if (str === '') return { value: '' };
  if (maxWidth < 4) return { value: '', error: 'stringutils illegal argument: Minimum abbreviation width is 4' };
  const b = goStringToBytes(str);
  const len = b.length;
  if (len <= maxWidth) return { value: str };
  let offset = Math.min(offset0, len);
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  const marker = '...';
  if (offset <= 4) return { value: goStringFromBytes(b.subarray(0, maxWidth - 3)) + marker };
  if (maxWidth < 7) return { value: '', error: 'stringutils illegal argument: Minimum abbreviation width with offset is 7' };
  if (offset + maxWidth - 3 < len) {
    return { value: marker + abbreviateFull(goStringFromBytes(b.subarray(offset)), 0, maxWidth - 3).value };
  }
  return { value: marker + goStringFromBytes(b.subarray(len - (maxWidth - 3))) };
}

/**
 * goutils.WrapCustom: breaks a line at spaces so lines fit `wrapLength` bytes; leading spaces
 * of a new line are dropped; long words are cut only when `wrapLongWords`.
 */
export function wrapCustom(str: string, wrapLength0: number, newLineStr: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  const nl = goStringToBytes(newLineStr === '' ? '\n' : newLineStr);
  const wrapLength = Math.max(wrapLength0, 1);
  const s = goStringToBytes(str);
  const len = s.length;
  // Pieces of the input and separators, counted as they are written: a long separator inserted
  // at every space multiplies the input's size.
  const out: Uint8Array[] = [];
  const size = new GrowingResult('characters', 2);
  const write = (from: number, to: number): void => {
    out.push(s.subarray(from, to));
    size.add(to - from);
  };
  const writeNl = (): void => {
    out.push(nl);
    size.add(nl.length);
  };
  let offset = 0;
  while (len - offset > wrapLength) {
    if (s[offset] === SPACE) {
      offset++;
      continue;
    }
    const spaceToWrapAt = s.subarray(offset, wrapLength + offset + 1).lastIndexOf(SPACE) + offset;
    if (spaceToWrapAt >= offset) {
      write(offset, spaceToWrapAt);
      writeNl();
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      write(offset, offset + wrapLength);
      writeNl();
      offset += wrapLength;
    } else {
      const end = wrapLength + offset;
      const index = s.subarray(end).indexOf(SPACE);
      if (index === -1) {
        write(offset, len);
        offset = len;
      } else {
        write(offset, index + end);
        writeNl();
        offset = index + end + 1;
      }
    }
  }
  write(offset, len);
  size.done();
  return goStringFromBytes(Buffer.concat(out));
}

/** goutils.Initials with whitespace delimiters: the first byte of each word, as a rune. */
export function initials(str: string): string {
  let out = '';
  let lastWasGap = true;
  for (const byte of goStringToBytes(str)) {
    if (isSpace(byte)) {
      lastWasGap = true;
    } else if (lastWasGap) {
      out += String.fromCharCode(byte);
      lastWasGap = false;
    }
  }
  return out;
}

/** goutils.DeleteWhiteSpace: drops whitespace bytes; when any is dropped, bytes become runes. */
export function deleteWhiteSpace(str: string): string {
  const bytes = goStringToBytes(str);
  let out = '';
  let kept = 0;
  for (const byte of bytes) {
    if (!isSpace(byte)) {
      out += String.fromCharCode(byte);
      kept++;
    }
  }
  return kept === bytes.length ? str : out;
}

/**
 * goutils.SwapCase: upper and title case become lower; lower case becomes title case at the
 * start of a word (after whitespace) and upper case elsewhere.
 */
export function swapCase(str: string): string {
  let whitespace = true;
  const out = codePoints(str).map((ch) => {
    if (isUpper(ch) || isTitle(ch)) {
      whitespace = false;
      return toLower(ch);
    }
    if (isLower(ch)) {
      if (whitespace) {
        whitespace = false;
        return toTitle(ch);
      }
      return toUpper(ch);
    }
    whitespace = isSpace(ch);
    return ch;
  });
  return fromCodePoints(out);
}

/** goutils.Uncapitalize: lowers the first rune of each whitespace-separated word. */
export function uncapitalize(str: string): string {
  let next = true;
  const out = codePoints(str).map((ch) => {
    if (isSpace(ch)) {
      next = true;
      return ch;
    }
    if (next) {
      next = false;
      return toLower(ch);
    }
    return ch;
  });
  return fromCodePoints(out);
}
