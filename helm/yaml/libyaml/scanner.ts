/**
 * The YAML scanner of go-yaml v2 (a Go port of libyaml's scanner.c), re-expressed in TypeScript.
 *
 * helm reads values files and `fromYaml` input through sigs.k8s.io/yaml, which runs go-yaml v2
 * (sigs.k8s.io/yaml/goyaml.v2). What it accepts, how it folds scalars and the exact text and line of
 * its errors come from this scanner, so we follow its algorithm step by step (simple keys,
 * indentation stack, plain/quoted/block scalar rules) instead of using a YAML 1.2 library.
 * The whole input is held in memory, so libyaml's incremental buffer refills are not needed.
 */
import {
  asHex, isAlpha, isBlank, isBlankz, isBomAt, isBreak, isBreakz, isCrlf, isDigit, isHex, isSpace, isTab, isZ, width,
} from './chars.js';
import { LibyamlError, type Mark } from './errors.js';

export const enum TokenType {
  StreamStart, StreamEnd, VersionDirective, TagDirective, DocumentStart, DocumentEnd,
  BlockSequenceStart, BlockMappingStart, BlockEnd, FlowSequenceStart, FlowSequenceEnd,
  FlowMappingStart, FlowMappingEnd, BlockEntry, FlowEntry, Key, Value, Alias, Anchor, Tag, Scalar,
}

export const enum ScalarStyle { Any, Plain, SingleQuoted, DoubleQuoted, Literal, Folded }

export interface Token {
  type: TokenType;
  start: Mark;
  end: Mark;
  /** Anchor/alias name, tag handle, scalar bytes, %TAG handle. */
  value?: number[];
  /** Tag suffix. */
  suffix?: number[];
  /** %TAG prefix. */
  prefix?: number[];
  style?: ScalarStyle;
  major?: number;
  minor?: number;
}

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

const copyMark = (m: Mark): Mark => ({ index: m.index, line: m.line, column: m.column });

/** Scans a UTF-8 buffer (already checked by the reader, NUL-padded) into libyaml tokens. */
export class Scanner {
  private pos = 0;
  private mark: Mark = { index: 0, line: 0, column: 0 };
  private tokens: Token[] = [];
  private tokensHead = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;
  private flowLevel = 0;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByTok = new Map<number, number>();

  constructor(private readonly buf: Uint8Array) {}

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

  private skip(): void {
    this.mark.index++;
    this.mark.column++;
    this.pos += width(this.buf[this.pos]!);
  }

  private skipLine(): void {
    if (isCrlf(this.buf, this.pos)) {
      this.mark.index += 2;
      this.mark.column = 0;
      this.mark.line++;
      this.pos += 2;
    } else if (isBreak(this.buf, this.pos)) {
      this.mark.index++;
      this.mark.column = 0;
      this.mark.line++;
      this.pos += width(this.buf[this.pos]!);
    }
  }

  private read(s: number[]): void {
    const w = width(this.buf[this.pos]!);
    for (let k = 0; k < w; k++) s.push(this.buf[this.pos + k]!);
    this.pos += w;
    this.mark.index++;
    this.mark.column++;
  }

  private readLine(s: number[]): void {
    const b = this.buf;
    const p = this.pos;
    if (b[p] === 0x0d && b[p + 1] === 0x0a) {
      s.push(0x0a);
      this.pos += 2;
      this.mark.index++;
    } else if (b[p] === 0x0d || b[p] === 0x0a) {
      s.push(0x0a);
      this.pos += 1;
    } else if (b[p] === 0xc2 && b[p + 1] === 0x85) {
      s.push(0x0a);
      this.pos += 2;
    } else if (b[p] === 0xe2 && b[p + 1] === 0x80 && (b[p + 2] === 0xa8 || b[p + 2] === 0xa9)) {
      s.push(b[p]!, b[p + 1]!, b[p + 2]!);
      this.pos += 3;
    } else {
      return;
    }
    this.mark.index++;
    this.mark.column = 0;
    this.mark.line++;
  }

  private ch(offset = 0): number {
    return this.buf[this.pos + offset]!;
  }

  private scannerError(context: string, contextMark: Mark, problem: string): never {
    throw new LibyamlError('scanner', problem, copyMark(this.mark), context, copyMark(contextMark));
  }

  // ---- token queue ----

  private insertToken(pos: number, token: Token): void {
    if (pos < 0) this.tokens.push(token);
    else this.tokens.splice(this.tokensHead + pos, 0, token);
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
      const token: Token = { type, start: copyMark(mark), end: copyMark(mark) };
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, token);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insertToken(-1, { type: TokenType.BlockEnd, start: copyMark(this.mark), end: copyMark(this.mark) });
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
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: TokenType.Key, start: copyMark(key.mark), end: copyMark(key.mark) });
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

  private skipToLineEnd(startMark: Mark, context: string): void {
    const b = this.buf;
    while (isBlank(b, this.pos)) this.skip();
    if (b[this.pos] === 0x23) {
      while (!isBreakz(b, this.pos)) this.skip();
    }
    if (!isBreakz(b, this.pos)) this.scannerError(context, startMark, 'did not find expected comment or line break');
    if (isBreak(b, this.pos)) this.skipLine();
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

  private scanBlockScalar(literal: boolean): Token {
    const b = this.buf;
    const start = copyMark(this.mark);
    this.skip();
    let chomping = 0;
    let increment = 0;
    const zeroIndent = (): never => this.scannerError('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
    if (this.ch() === 0x2b || this.ch() === 0x2d) {
      chomping = this.ch() === 0x2b ? 1 : -1;
      this.skip();
      if (isDigit(b, this.pos)) {
        if (this.ch() === 0x30) zeroIndent();
        increment = this.ch() - 0x30;
        this.skip();
      }
    } else if (isDigit(b, this.pos)) {
      if (this.ch() === 0x30) zeroIndent();
      increment = this.ch() - 0x30;
      this.skip();
      if (this.ch() === 0x2b || this.ch() === 0x2d) {
        chomping = this.ch() === 0x2b ? 1 : -1;
        this.skip();
      }
    }
    this.skipToLineEnd(start, 'while scanning a block scalar');
    const endMark = { mark: copyMark(this.mark) };
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;

    const s: number[] = [];
    let leadingBreak: number[] = [];
    let trailingBreaks: number[] = [];
    indent = this.scanBlockScalarBreaks(indent, trailingBreaks, start, endMark);
    let leadingBlank = false;
    let trailingBlank = false;
    while (this.mark.column === indent && !isZ(b, this.pos)) {
      trailingBlank = isBlank(b, this.pos);
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak[0] === 0x0a) {
        if (trailingBreaks.length === 0) s.push(0x20);
      } else {
        s.push(...leadingBreak);
      }
      leadingBreak = [];
      s.push(...trailingBreaks);
      trailingBreaks = [];
      leadingBlank = isBlank(b, this.pos);
      while (!isBreakz(b, this.pos)) this.read(s);
      this.readLine(leadingBreak);
      indent = this.scanBlockScalarBreaks(indent, trailingBreaks, start, endMark);
    }
    if (chomping !== -1) s.push(...leadingBreak);
    if (chomping === 1) s.push(...trailingBreaks);
    return {
      type: TokenType.Scalar, start, end: endMark.mark, value: s,
      style: literal ? ScalarStyle.Literal : ScalarStyle.Folded,
    };
  }

  private scanBlockScalarBreaks(indent: number, breaks: number[], start: Mark, endMark: { mark: Mark }): number {
    const b = this.buf;
    endMark.mark = copyMark(this.mark);
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || this.mark.column < indent) && isSpace(b, this.pos)) this.skip();
      if (this.mark.column > maxIndent) maxIndent = this.mark.column;
      if ((indent === 0 || this.mark.column < indent) && isTab(b, this.pos)) {
        this.scannerError('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
      }
      if (!isBreak(b, this.pos)) break;
      this.readLine(breaks);
      endMark.mark = copyMark(this.mark);
    }
    if (indent === 0) {
      indent = maxIndent;
      if (indent < this.indent + 1) indent = this.indent + 1;
      if (indent < 1) indent = 1;
    }
    return indent;
  }

  private atDocumentIndicator(): boolean {
    const b = this.buf;
    const p = this.pos;
    return (
      this.mark.column === 0 &&
      ((b[p] === 0x2d && b[p + 1] === 0x2d && b[p + 2] === 0x2d) || (b[p] === 0x2e && b[p + 1] === 0x2e && b[p + 2] === 0x2e)) &&
      isBlankz(b, p + 3)
    );
  }

  private scanFlowScalar(single: boolean): Token {
    const b = this.buf;
    const start = copyMark(this.mark);
    this.skip();
    const s: number[] = [];
    let leadingBreak: number[] = [];
    let trailingBreaks: number[] = [];
    let whitespaces: number[] = [];
    for (;;) {
      if (this.atDocumentIndicator()) this.scannerError('while scanning a quoted scalar', start, 'found unexpected document indicator');
      if (isZ(b, this.pos)) this.scannerError('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      while (!isBlankz(b, this.pos)) {
        const c = this.ch();
        if (single && c === 0x27 && this.ch(1) === 0x27) {
          s.push(0x27);
          this.skip();
          this.skip();
        } else if (single && c === 0x27) {
          break;
        } else if (!single && c === 0x22) {
          break;
        } else if (!single && c === 0x5c && isBreak(b, this.pos + 1)) {
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 0x5c) {
          this.scanEscape(s, start);
        } else {
          this.read(s);
        }
      }
      if (single ? this.ch() === 0x27 : this.ch() === 0x22) break;
      while (isBlank(b, this.pos) || isBreak(b, this.pos)) {
        if (isBlank(b, this.pos)) {
          if (!leadingBlanks) this.read(whitespaces);
          else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = [];
          this.readLine(leadingBreak);
          leadingBlanks = true;
        } else {
          this.readLine(trailingBreaks);
        }
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak[0] === 0x0a) {
          if (trailingBreaks.length === 0) s.push(0x20);
          else s.push(...trailingBreaks);
        } else {
          s.push(...leadingBreak, ...trailingBreaks);
        }
        trailingBreaks = [];
        leadingBreak = [];
      } else {
        s.push(...whitespaces);
        whitespaces = [];
      }
    }
    this.skip();
    return {
      type: TokenType.Scalar, start, end: copyMark(this.mark), value: s,
      style: single ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted,
    };
  }

  private scanEscape(s: number[], start: Mark): void {
    const simple: Record<string, number[]> = {
      '0': [0], a: [7], b: [8], t: [9], '\t': [9], n: [10], v: [11], f: [12], r: [13], e: [0x1b],
      ' ': [0x20], '"': [0x22], "'": [0x27], '\\': [0x5c], N: [0xc2, 0x85], _: [0xc2, 0xa0],
      L: [0xe2, 0x80, 0xa8], P: [0xe2, 0x80, 0xa9],
    };
    const e = String.fromCharCode(this.ch(1));
    let codeLength = 0;
    const direct = simple[e];
    if (direct) s.push(...direct);
    else if (e === 'x') codeLength = 2;
    else if (e === 'u') codeLength = 4;
    else if (e === 'U') codeLength = 8;
    else this.scannerError('while parsing a quoted scalar', start, 'found unknown escape character');
    this.skip();
    this.skip();
    if (codeLength === 0) return;
    let value = 0;
    for (let k = 0; k < codeLength; k++) {
      if (!isHex(this.buf, this.pos + k)) this.scannerError('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
      value = value * 16 + asHex(this.buf, this.pos + k);
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
      this.scannerError('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
    }
    if (value <= 0x7f) s.push(value);
    else if (value <= 0x7ff) s.push(0xc0 + (value >> 6), 0x80 + (value & 0x3f));
    else if (value <= 0xffff) s.push(0xe0 + (value >> 12), 0x80 + ((value >> 6) & 0x3f), 0x80 + (value & 0x3f));
    else s.push(0xf0 + (value >> 18), 0x80 + ((value >> 12) & 0x3f), 0x80 + ((value >> 6) & 0x3f), 0x80 + (value & 0x3f));
    for (let k = 0; k < codeLength; k++) this.skip();
  }

  private scanPlainScalar(): Token {
    const b = this.buf;
    const s: number[] = [];
    let leadingBreak: number[] = [];
    let trailingBreaks: number[] = [];
    let whitespaces: number[] = [];
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = copyMark(this.mark);
    let endIndex = this.mark.index;
    let endLine = this.mark.line;
    let endColumn = this.mark.column;
    for (;;) {
      if (this.atDocumentIndicator()) break;
      if (this.ch() === 0x23) break;
      while (!isBlankz(b, this.pos)) {
        const c = this.ch();
        if (
          (c === 0x3a && isBlankz(b, this.pos + 1)) ||
          (this.flowLevel > 0 && (c === 0x2c || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d))
        ) {
          break;
        }
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak[0] === 0x0a) {
              if (trailingBreaks.length === 0) s.push(0x20);
              else s.push(...trailingBreaks);
            } else {
              s.push(...leadingBreak, ...trailingBreaks);
            }
            trailingBreaks = [];
            leadingBreak = [];
            leadingBlanks = false;
          } else {
            s.push(...whitespaces);
            whitespaces = [];
          }
        }
        this.read(s);
        endIndex = this.mark.index;
        endLine = this.mark.line;
        endColumn = this.mark.column;
      }
      if (!(isBlank(b, this.pos) || isBreak(b, this.pos))) break;
      while (isBlank(b, this.pos) || isBreak(b, this.pos)) {
        if (isBlank(b, this.pos)) {
          if (leadingBlanks && this.mark.column < indent && isTab(b, this.pos)) {
            this.scannerError('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) this.read(whitespaces);
          else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = [];
          this.readLine(leadingBreak);
          leadingBlanks = true;
        } else {
          this.readLine(trailingBreaks);
        }
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    const end: Mark = { index: endIndex, line: endLine, column: endColumn };
    return { type: TokenType.Scalar, start, end, value: s, style: ScalarStyle.Plain };
  }
}
