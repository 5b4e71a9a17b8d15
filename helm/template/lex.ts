/**
 * The lexer of Go text/template (mirrors src/text/template/parse/lex.go as of Go 1.23).
 *
 * Pull-based, as in Go since 1.20: the parser calls `nextItem()`, which runs state functions
 * until one of them emits an item. Each state scans a little and returns the next state, or
 * null after emitting. Trim markers (`{{- ` and ` -}}`, the space is required) are applied
 * here, so the parser never sees them. A lexing error becomes an `error` item whose text is
 * Go's message; the lexer then stops (its input is dropped, as Go does).
 *
 * Positions are UTF-16 indices into the source; line numbers count '\n' as Go does.
 */
import { goRune } from './gostring.js';
import { quote } from './strconv.js';
import { formatRuneU, type Item, type ItemKind, KEYWORDS } from './token.js';

/** What the parser tells the lexer (Go's lexOptions). All default to false. */
export interface LexOptions {
  /** Emit `comment` items (parse.ParseComments). */
  emitComment: boolean;
  /** `break` is a keyword (false when a function named "break" exists). */
  breakOK: boolean;
  /** `continue` is a keyword (false when a function named "continue" exists). */
  continueOK: boolean;
}

/** A state of the scanner: scans, then returns the next state, or null once an item is set. */
type StateFn = (l: Lexer) => StateFn | null;

/** End of input, as a rune value. */
const EOF = -1;

export const DEFAULT_LEFT_DELIM = '{{';
export const DEFAULT_RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
/** A trim marker is '-' plus the space before (right) or after (left) it. */
const TRIM_MARKER_LEN = 2;

/** The scanner state (Go's lexer struct). */
export class Lexer {
  /** The string being scanned; emptied after an error. */
  input: string;
  readonly leftDelim: string;
  readonly rightDelim: string;
  /** Current position in the input. */
  pos = 0;
  /** Start position of the pending item. */
  start = 0;
  /** next() has hit the end of input (backup is then a no-op, as in Go). */
  atEOF = false;
  /** Nesting depth of ( ) inside the current action. */
  parenDepth = 0;
  /** 1 + newlines seen up to pos. */
  line = 1;
  /** Line of the pending item's start. */
  startLine = 1;
  /** The item to hand to the parser. */
  item: Item;
  insideAction = false;
  options: LexOptions;

  /** Go's lex(): empty delimiters mean the defaults `{{` and `}}`. */
  constructor(
    readonly name: string,
    input: string,
    leftDelim = '',
    rightDelim = '',
    options: LexOptions = { emitComment: false, breakOK: true, continueOK: true },
  ) {
    this.input = input;
    this.leftDelim = leftDelim === '' ? DEFAULT_LEFT_DELIM : leftDelim;
    this.rightDelim = rightDelim === '' ? DEFAULT_RIGHT_DELIM : rightDelim;
    this.options = options;
    this.item = { kind: 'eof', pos: 0, text: 'EOF', line: 1 };
  }

  /** The next item from the input (called by the parser). */
  nextItem(): Item {
    this.item = { kind: 'eof', pos: this.pos, text: 'EOF', line: this.startLine };
    let state: StateFn | null = this.insideAction ? lexInsideAction : lexText;
    while (state !== null) state = state(this);
    return this.item;
  }

  /** Consumes and returns the next rune, or EOF. */
  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    if (cp === 10) this.line++;
    // An invalid byte (an escape, see gostring.ts) decodes as utf8.RuneError, as in Go.
    return goRune(cp);
  }

  /** The next rune, not consumed. */
  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  /** Steps back one rune (never past the end-of-input, as in Go). */
  backup(): void {
    if (this.atEOF || this.pos === 0) return;
    const c = this.input.charCodeAt(this.pos - 1);
    const pair = c >= 0xdc00 && c < 0xe000 && this.pos >= 2 && isHighSurrogate(this.input.charCodeAt(this.pos - 2));
    this.pos -= pair ? 2 : 1;
    if (c === 10) this.line--;
  }

  /** The item from start to pos, of the given kind; the next item starts here. */
  thisItem(kind: ItemKind): Item {
    const item: Item = { kind, pos: this.start, text: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return item;
  }

  emit(kind: ItemKind): StateFn | null {
    return this.emitItem(this.thisItem(kind));
  }

  emitItem(item: Item): StateFn | null {
    this.item = item;
    return null;
  }

  /** Skips the pending input, counting its newlines (only for text skipped without next()). */
  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  /** Consumes the next rune if it is in `valid`. */
  accept(valid: string): boolean {
    if (inSet(valid, this.next())) return true;
    this.backup();
    return false;
  }

  /** Consumes a run of runes from `valid`. */
  acceptRun(valid: string): void {
    while (inSet(valid, this.next()));
    this.backup();
  }

  /** Emits an error item and stops the scan: the input is dropped, as Go does. */
  errorf(message: string): StateFn | null {
    this.item = { kind: 'error', pos: this.start, text: message, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  /** Whether a right delimiter, possibly trim-marked, starts here: [delim, trimSpaces]. */
  atRightDelim(): [boolean, boolean] {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(this.rightDelim, this.pos + TRIM_MARKER_LEN)) {
      return [true, true];
    }
    return [this.input.startsWith(this.rightDelim, this.pos), false];
  }

  /**
   * Whether the input is at a character that may end an identifier, field or variable:
   * space, end of input, `. , | : ( )` or the right delimiter. (So `$x+2` and `.a=b` fail.)
   */
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }

  /**
   * Scans a number: sign, 0x/0o/0b prefix, digits with '_', fraction, e or p exponent,
   * imaginary 'i'. Accepts some bad numbers (`.`, `089`), which the parser rejects; false when
   * an alphanumeric follows (that rune is consumed, for the message).
   */
  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      // A leading 0 does not mean octal in floats.
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 10 + 1 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 16 + 6 + 1 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

// ---- state functions ----

/** Scans text up to the next left delimiter, trimming its trailing space for `{{- `. */
function lexText(l: Lexer): StateFn | null {
  const x = l.input.indexOf(l.leftDelim, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      if (hasLeftTrimMarker(l.input, l.pos + l.leftDelim.length)) {
        trimLength = rightTrimLength(l.input, l.start, l.pos);
      }
      l.pos -= trimLength;
      l.line += countNewlines(l.input, l.start, l.pos);
      const item = l.thisItem('text');
      l.pos += trimLength;
      l.ignore();
      if (item.text.length > 0) return l.emitItem(item);
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  // Correctly reached EOF.
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    return l.emit('text');
  }
  return l.emit('eof');
}

/** Scans the left delimiter (known to be present), its trim marker, or a comment opening. */
function lexLeftDelim(l: Lexer): StateFn | null {
  l.pos += l.leftDelim.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? TRIM_MARKER_LEN : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const item = l.thisItem('leftDelim');
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return l.emitItem(item);
}

/** Scans a comment; `/*` is known to be present. The `*\/` must touch the right delimiter. */
function lexComment(l: Lexer): StateFn | null {
  l.pos += LEFT_COMMENT.length;
  const x = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + RIGHT_COMMENT.length;
  const [delim, trimSpace] = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  // Go 1.23 does not count the comment's own newlines (fixed in later Go): every line number
  // after a multi-line comment is that much too small, and helm v3.17.3 reports them so.
  const item = l.thisItem('comment');
  if (trimSpace) l.pos += TRIM_MARKER_LEN;
  l.pos += l.rightDelim.length;
  if (trimSpace) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  if (l.options.emitComment) return l.emitItem(item);
  return lexText;
}

/** Scans the right delimiter (known to be present), trimming following space after ` -}}`. */
function lexRightDelim(l: Lexer): StateFn | null {
  const [, trimSpace] = l.atRightDelim();
  if (trimSpace) {
    l.pos += TRIM_MARKER_LEN;
    l.ignore();
  }
  l.pos += l.rightDelim.length;
  const item = l.thisItem('rightDelim');
  if (trimSpace) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  l.insideAction = false;
  return l.emitItem(item);
}

/** Scans the elements inside an action. */
function lexInsideAction(l: Lexer): StateFn | null {
  const [delim] = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup(); // Put the space back in case this is " -}}".
    return lexSpace;
  }
  switch (r) {
    case 0x3d: // =
      return l.emit('assign');
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      return l.emit('declare');
    case 0x7c: // |
      return l.emit('pipe');
    case 0x22: // "
      return lexQuote;
    case 0x60: // `
      return lexRawQuote;
    case 0x24: // $
      return lexVariable;
    case 0x27: // '
      return lexChar;
    case 0x2e: {
      // '.': a field unless a digit follows (then it starts a number).
      if (l.pos < l.input.length) {
        const c = l.input.charCodeAt(l.pos);
        if (c < 0x30 || c > 0x39) return lexField;
      }
      l.backup();
      return lexNumber;
    }
    case 0x28: // (
      l.parenDepth++;
      return l.emit('leftParen');
    case 0x29: // )
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return l.emit('rightParen');
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r <= 0x7f && r >= 0x20 && r !== 0x7f) return l.emit('char');
  return l.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
}

/**
 * Scans a run of spaces (the first is not yet consumed). A run ending in " -}}" leaves its last
 * space for the trim-marked delimiter.
 */
function lexSpace(l: Lexer): StateFn | null {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.rightDelim, l.pos - 1 + TRIM_MARKER_LEN)) {
    l.backup(); // Before the space.
    if (numSpaces === 1) return lexRightDelim; // On the delimiter, so go right to it.
  }
  return l.emit('space');
}

/** Scans an alphanumeric word: a keyword, `true`/`false`, or an identifier. */
function lexIdentifier(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
    const keyword = KEYWORDS.get(word);
    if (keyword !== undefined) {
      if ((keyword === 'break' && !l.options.breakOK) || (keyword === 'continue' && !l.options.continueOK)) {
        return l.emit('identifier');
      }
      return l.emit(keyword);
    }
    if (word[0] === '.') return l.emit('field');
    if (word === 'true' || word === 'false') return l.emit('bool');
    return l.emit('identifier');
  }
}

/** Scans a field `.Alphanumeric`; the '.' has been consumed. */
function lexField(l: Lexer): StateFn | null {
  return lexFieldOrVariable(l, 'field');
}

/** Scans a variable `$Alphanumeric`; the '$' has been consumed. A lone `$` is a variable. */
function lexVariable(l: Lexer): StateFn | null {
  if (l.atTerminator()) return l.emit('variable');
  return lexFieldOrVariable(l, 'variable');
}

/** Scans the name after '.' or '$'; nothing interesting after them means `.` or `$`. */
function lexFieldOrVariable(l: Lexer, kind: 'field' | 'variable'): StateFn | null {
  if (l.atTerminator()) return l.emit(kind === 'variable' ? 'variable' : 'dot');
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
  return l.emit(kind);
}

/** Scans a character constant; the opening quote has been consumed. The parser checks it. */
function lexChar(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      // Backslash: skip the escaped rune unless it ends the line or input.
      r = l.next();
      if (r !== EOF && r !== 10) continue;
    }
    if (r === EOF || r === 10) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  return l.emit('charConstant');
}

/** Scans a number, or a complex `1+2i` (no spaces, ends in 'i'). */
function lexNumber(l: Lexer): StateFn | null {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!l.scanNumber() || l.input[l.pos - 1] !== 'i') {
      return l.errorf(`bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`);
    }
    return l.emit('complex');
  }
  return l.emit('number');
}

/** Scans a quoted string; the opening quote has been consumed. */
function lexQuote(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 10) continue;
    }
    if (r === EOF || r === 10) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  return l.emit('string');
}

/** Scans a raw quoted string; the opening backquote has been consumed. Newlines are allowed. */
function lexRawQuote(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  return l.emit('rawString');
}

// ---- character classes and helpers ----

/** Go's isSpace in the lexer: space, tab, CR, LF. */
function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

/** '_', a Unicode letter or a Unicode decimal digit (unicode.IsLetter / unicode.IsDigit). */
export function isAlphaNumeric(r: number): boolean {
  if (r < 0) return false;
  if (r < 0x80) {
    return r === 0x5f || (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  }
  const ch = String.fromCodePoint(r);
  return LETTER.test(ch) || DIGIT.test(ch);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c < 0xdc00;
}

function inSet(valid: string, r: number): boolean {
  return r >= 0 && r < 0x80 && valid.includes(String.fromCharCode(r));
}

/** `{{- ` : a '-' followed by an ASCII space character, at index i. */
function hasLeftTrimMarker(s: string, i: number): boolean {
  return i + 1 < s.length && s[i] === '-' && isSpace(s.charCodeAt(i + 1));
}

/** ` -}}` : an ASCII space character followed by '-', at index i. */
function hasRightTrimMarker(s: string, i: number): boolean {
  return i >= 0 && i + 1 < s.length && isSpace(s.charCodeAt(i)) && s[i + 1] === '-';
}

/** How many trailing space characters s[start:end] has. */
function rightTrimLength(s: string, start: number, end: number): number {
  let i = end;
  while (i > start && isSpace(s.charCodeAt(i - 1))) i--;
  return end - i;
}

/** How many leading space characters s[start:] has. */
function leftTrimLength(s: string, start: number): number {
  let i = start;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i - start;
}

function countNewlines(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', start); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
