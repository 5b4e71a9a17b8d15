/**
 * The YAML scanner of go-yaml v2 (a Go port of libyaml's scanner.c), re-expressed in TypeScript.
 *
 * helm reads values files and `fromYaml` input through sigs.k8s.io/yaml, which runs go-yaml v2
 * (sigs.k8s.io/yaml/goyaml.v2). What it accepts, how it folds scalars and the exact text and line of
 * its errors come from this scanner, so we follow its algorithm step by step (simple keys,
 * indentation stack, plain/quoted/block scalar rules) instead of using a YAML 1.2 library.
 * The whole input is held in memory, so libyaml's incremental buffer refills are not needed.
 */
import { asHex, isAlpha, isBlank, isBlankz, isBomAt, isBreak, isBreakz, isDigit, isHex, isZ, width } from './chars.js';
import type { Mark } from './errors.js';
import { copyMark, ScannerCore, TokenType, type Token } from './scanner-core.js';

export { ScalarStyle, TokenType, type Token } from './scanner-core.js';

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

/** go-yaml's max_flow_level and max_indents: nesting limits against stack exhaustion. */
export const MAX_FLOW_LEVEL = 10000;
export const MAX_INDENTS = 10000;
/** A simple (implicit) key must end within this many characters (YAML 1.2 §7.4). */
export const MAX_SIMPLE_KEY_LENGTH = 1024;

/** Scans a UTF-8 buffer (already checked by the reader, NUL-padded) into libyaml tokens. */
export class Scanner extends ScannerCore {
  private tokens: Token[] = [];
  private tokensHead = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;
  private indents: number[] = [];
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByTok = new Map<number, number>();

  /** `source`: the input as text when each UTF-16 unit is one byte of `buf` (see ScannerCore). */
  constructor(buf: Uint8Array, source?: string) {
    super(buf, source);
  }

  /** The next token without consuming it (parser's peek_token). */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.tokensHead]!;
  }

  /** Consumes the token returned by peek (parser's skip_token). */
  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.tokensHead]!.type === TokenType.StreamEnd;
    this.tokensHead++;
    // Drop consumed tokens (positions are relative to tokensHead; simple keys use token numbers).
    if (this.tokensHead >= 256) {
      this.tokens = this.tokens.slice(this.tokensHead);
      this.tokensHead = 0;
    }
  }

  get streamEnded(): boolean {
    return this.streamEndProduced;
  }

  // ---- buffer movement ----
  // ---- token queue ----

  private insertToken(pos: number, token: Token): void {
    if (pos < 0) this.tokens.push(token);
    else {
      // splice(i, 0, token) without the array of removed items splice returns.
      const at = this.tokensHead + pos;
      const tokens = this.tokens;
      tokens.push(token);
      for (let i = tokens.length - 1; i > at; i--) tokens[i] = tokens[i - 1]!;
      tokens[at] = token;
    }
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.tokensHead !== this.tokens.length) {
        const headIdx = this.simpleKeysByTok.get(this.tokensParsed);
        if (headIdx === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[headIdx]!)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.unrollIndent(this.mark.column);
    const b = this.buf;
    const p = this.pos;
    const c = b[p]!;
    if (isZ(b, p)) return this.fetchStreamEnd();
    if (this.mark.column === 0 && c === 0x25 /* % */) return this.fetchDirective();
    if (this.mark.column === 0 && c === 0x2d && b[p + 1] === 0x2d && b[p + 2] === 0x2d && isBlankz(b, p + 3)) {
      return this.fetchDocumentIndicator(TokenType.DocumentStart);
    }
    if (this.mark.column === 0 && c === 0x2e && b[p + 1] === 0x2e && b[p + 2] === 0x2e && isBlankz(b, p + 3)) {
      return this.fetchDocumentIndicator(TokenType.DocumentEnd);
    }
    if (c === 0x5b) return this.fetchFlowCollectionStart(TokenType.FlowSequenceStart);
    if (c === 0x7b) return this.fetchFlowCollectionStart(TokenType.FlowMappingStart);
    if (c === 0x5d) return this.fetchFlowCollectionEnd(TokenType.FlowSequenceEnd);
    if (c === 0x7d) return this.fetchFlowCollectionEnd(TokenType.FlowMappingEnd);
    if (c === 0x2c) return this.fetchFlowEntry();
    if (c === 0x2d && isBlankz(b, p + 1)) return this.fetchBlockEntry();
    if (c === 0x3f && (this.flowLevel > 0 || isBlankz(b, p + 1))) return this.fetchKey();
    if (c === 0x3a && (this.flowLevel > 0 || isBlankz(b, p + 1))) return this.fetchValue();
    if (c === 0x2a) return this.fetchAnchor(TokenType.Alias);
    if (c === 0x26) return this.fetchAnchor(TokenType.Anchor);
    if (c === 0x21) return this.fetchTag();
    if (c === 0x7c && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === 0x3e && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === 0x27) return this.fetchFlowScalar(true);
    if (c === 0x22) return this.fetchFlowScalar(false);
    // A plain scalar may not start with an indicator, except '-', '?', ':' followed by non-space.
    const indicator = '-?:,[]{}#&*!|>\'"%@`'.includes(String.fromCharCode(c));
    if (
      !(isBlankz(b, p) || indicator) ||
      (c === 0x2d && !isBlank(b, p + 1)) ||
      (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !isBlankz(b, p + 1))
    ) {
      return this.fetchPlainScalar();
    }
    this.scannerError('while scanning for the next token', this.mark, 'found character that cannot start any token');
  }

  // ---- simple keys ----

  /** yaml_simple_key_is_valid: false when the key can no longer be simple (errors if required). */
  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.mark.line || key.mark.index + MAX_SIMPLE_KEY_LENGTH < this.mark.index) {
      if (key.required) this.scannerError('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = {
        possible: true,
        required,
        tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead),
        mark: copyMark(this.mark),
      };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = key;
      this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (key.possible) {
      if (key.required) this.scannerError('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead),
      mark: copyMark(this.mark),
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      this.scannerError('while increasing flow level', this.simpleKeys[this.simpleKeys.length - 1]!.mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop()!;
      this.simpleKeysByTok.delete(last.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        this.scannerError('while increasing indent level', this.simpleKeys[this.simpleKeys.length - 1]!.mark, `exceeded max depth of ${MAX_INDENTS}`);
      }
      // Token marks are never written to, so one copy serves as start and end; only the live
      // position (this.mark) needs copying at all.
      const at = mark === this.mark ? copyMark(mark) : mark;
      const token: Token = { type, start: at, end: at };
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, token);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const at = copyMark(this.mark);
      this.insertToken(-1, { type: TokenType.BlockEnd, start: at, end: at });
      this.indent = this.indents.pop()!;
    }
  }

  // ---- fetchers ----

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: { index: 0, line: 0, column: 0 } });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insertToken(-1, { type: TokenType.StreamStart, start: copyMark(this.mark), end: copyMark(this.mark) });
  }

  private fetchStreamEnd(): void {
    if (this.mark.column !== 0) {
      this.mark.column = 0;
      this.mark.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, { type: TokenType.StreamEnd, start: copyMark(this.mark), end: copyMark(this.mark) });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = copyMark(this.mark);
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { type, start, end: copyMark(this.mark) });
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type, start, end: copyMark(this.mark) });
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type, start, end: copyMark(this.mark) });
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type: TokenType.FlowEntry, start, end: copyMark(this.mark) });
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.scannerError('', this.mark, 'block sequence entries are not allowed in this context');
      this.rollIndent(this.mark.column, -1, TokenType.BlockSequenceStart, this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type: TokenType.BlockEntry, start, end: copyMark(this.mark) });
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.scannerError('', this.mark, 'mapping keys are not allowed in this context');
      this.rollIndent(this.mark.column, -1, TokenType.BlockMappingStart, this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type: TokenType.Key, start, end: copyMark(this.mark) });
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (this.simpleKeyIsValid(key)) {
      // The key's mark is its own copy and never written to: the token can hold it as it is.
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: TokenType.Key, start: key.mark, end: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, TokenType.BlockMappingStart, key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.scannerError('', this.mark, 'mapping values are not allowed in this context');
        this.rollIndent(this.mark.column, -1, TokenType.BlockMappingStart, this.mark);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type: TokenType.Value, start, end: copyMark(this.mark) });
  }

  private fetchAnchor(type: TokenType): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  // ---- scanners ----

  private scanToNextToken(): void {
    const b = this.buf;
    for (;;) {
      if (this.mark.column === 0 && isBomAt(b, this.pos)) this.skip();
      while (b[this.pos] === 0x20 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && b[this.pos] === 0x09)) this.skip();
      if (b[this.pos] === 0x23) {
        while (!isBreakz(b, this.pos)) this.skip();
      }
      if (isBreak(b, this.pos)) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else {
        break;
      }
    }
  }

  private scanDirective(): Token {
    const start = copyMark(this.mark);
    this.skip();
    const name = this.scanDirectiveName(start);
    let token: Token;
    if (name === 'YAML') {
      const [major, minor] = this.scanVersionDirectiveValue(start);
      token = { type: TokenType.VersionDirective, start, end: copyMark(this.mark), major, minor };
    } else if (name === 'TAG') {
      const [handle, prefix] = this.scanTagDirectiveValue(start);
      token = { type: TokenType.TagDirective, start, end: copyMark(this.mark), value: handle, prefix };
    } else {
      this.scannerError('while scanning a directive', start, 'found unknown directive name');
    }
    this.skipToLineEnd(start, 'while scanning a directive');
    return token;
  }

  private scanDirectiveName(start: Mark): string {
    const s: number[] = [];
    while (isAlpha(this.buf, this.pos)) this.read(s);
    if (s.length === 0) this.scannerError('while scanning a directive', start, 'could not find expected directive name');
    if (!isBlankz(this.buf, this.pos)) this.scannerError('while scanning a directive', start, 'found unexpected non-alphabetical character');
    return String.fromCharCode(...s);
  }

  private scanVersionDirectiveValue(start: Mark): [number, number] {
    while (isBlank(this.buf, this.pos)) this.skip();
    const major = this.scanVersionDirectiveNumber(start);
    if (this.ch() !== 0x2e) this.scannerError('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
    this.skip();
    const minor = this.scanVersionDirectiveNumber(start);
    return [major, minor];
  }

  private scanVersionDirectiveNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.buf, this.pos)) {
      length++;
      if (length > 2) this.scannerError('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + (this.ch() - 0x30);
      this.skip();
    }
    if (length === 0) this.scannerError('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [number[], number[]] {
    while (isBlank(this.buf, this.pos)) this.skip();
    const handle = this.scanTagHandle(true, start);
    if (!isBlank(this.buf, this.pos)) this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace');
    while (isBlank(this.buf, this.pos)) this.skip();
    const prefix = this.scanTagUri(true, null, start);
    if (!isBlankz(this.buf, this.pos)) this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
    return [handle, prefix];
  }

  private scanAnchor(type: TokenType): Token {
    const s: number[] = [];
    const start = copyMark(this.mark);
    this.skip();
    while (isAlpha(this.buf, this.pos)) this.read(s);
    const end = copyMark(this.mark);
    const c = this.ch();
    const endsWell = isBlankz(this.buf, this.pos) || c === 0x3f || c === 0x3a || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x25 || c === 0x40 || c === 0x60;
    if (s.length === 0 || !endsWell) {
      const context = type === TokenType.Anchor ? 'while scanning an anchor' : 'while scanning an alias';
      this.scannerError(context, start, 'did not find expected alphabetic or numeric character');
    }
    return { type, start, end, value: s };
  }

  private scanTag(): Token {
    const start = copyMark(this.mark);
    let handle: number[];
    let suffix: number[];
    if (this.ch(1) === 0x3c /* < */) {
      handle = [];
      this.skip();
      this.skip();
      suffix = this.scanTagUri(false, null, start);
      if (this.ch() !== 0x3e) this.scannerError('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle[0] === 0x21 && handle.length > 1 && handle[handle.length - 1] === 0x21) {
        suffix = this.scanTagUri(false, null, start);
      } else {
        suffix = this.scanTagUri(false, handle, start);
        handle = [0x21];
        if (suffix.length === 0) [handle, suffix] = [suffix, handle];
      }
    }
    if (!isBlankz(this.buf, this.pos)) this.scannerError('while scanning a tag', start, 'did not find expected whitespace or line break');
    return { type: TokenType.Tag, start, end: copyMark(this.mark), value: handle, suffix };
  }

  private tagError(directive: boolean, start: Mark, problem: string): never {
    this.scannerError(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, problem);
  }

  private scanTagHandle(directive: boolean, start: Mark): number[] {
    if (this.ch() !== 0x21) this.tagError(directive, start, "did not find expected '!'");
    const s: number[] = [];
    this.read(s);
    while (isAlpha(this.buf, this.pos)) this.read(s);
    if (this.ch() === 0x21) {
      this.read(s);
    } else if (directive && !(s.length === 1 && s[0] === 0x21)) {
      this.tagError(directive, start, "did not find expected '!'");
    }
    return s;
  }

  private scanTagUri(directive: boolean, head: number[] | null, start: Mark): number[] {
    const s: number[] = head && head.length > 1 ? head.slice(1) : [];
    let hasTag = head !== null && head.length > 0;
    const uriChars = ";/?:@&=+$,.!~*'()[]%";
    while (isAlpha(this.buf, this.pos) || uriChars.includes(String.fromCharCode(this.ch()))) {
      if (this.ch() === 0x25) this.scanUriEscapes(directive, start, s);
      else this.read(s);
      hasTag = true;
    }
    if (!hasTag) this.tagError(directive, start, 'did not find expected tag URI');
    return s;
  }

  private scanUriEscapes(directive: boolean, start: Mark, s: number[]): void {
    let w = 1024;
    while (w > 0) {
      if (!(this.ch() === 0x25 && isHex(this.buf, this.pos + 1) && isHex(this.buf, this.pos + 2))) {
        this.tagError(directive, start, 'did not find URI escaped octet');
      }
      const octet = (asHex(this.buf, this.pos + 1) << 4) + asHex(this.buf, this.pos + 2);
      if (w === 1024) {
        w = width(octet);
        if (w === 0) this.tagError(directive, start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        this.tagError(directive, start, 'found an incorrect trailing UTF-8 octet');
      }
      s.push(octet);
      this.skip();
      this.skip();
      this.skip();
      w--;
    }
  }
}
