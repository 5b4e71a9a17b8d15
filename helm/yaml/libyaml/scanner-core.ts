/**
 * The character-level half of go-yaml v2's scanner (scannerc.go): moving through the buffer with
 * libyaml's marks, and scanning scalars (plain, single/double quoted with escapes, literal and
 * folded blocks with chomping and indentation indicators), with libyaml's folding rules and
 * error texts. scanner.ts builds the token stream on top of it.
 */
import { asHex, isBlank, isBlankz, isBreak, isBreakz, isCrlf, isDigit, isHex, isSpace, isTab, isZ, utf8Text, width } from './chars.js';
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
  /**
   * A scalar's text, given instead of `value` when the scalar is an unchanged stretch of the
   * input (no folded line, escape or doubled quote): most scalars, and no byte array to build.
   */
  text?: string;
  /** Tag suffix. */
  suffix?: number[];
  /** %TAG prefix. */
  prefix?: number[];
  style?: ScalarStyle;
  major?: number;
  minor?: number;
}

export const copyMark = (m: Mark): Mark => ({ index: m.index, line: m.line, column: m.column });

/** Buffer state and scalar scanning shared by the scanner (fields are libyaml's parser fields). */
export class ScannerCore {
  protected pos = 0;
  protected mark: Mark = { index: 0, line: 0, column: 0 };
  protected flowLevel = 0;
  protected indent = -1;
  protected simpleKeyAllowed = false;

  /**
   * `source`, when given, is the input as text whose UTF-16 units are exactly the bytes of `buf`
   * (an ASCII input): scalar text is then sliced from it instead of decoded from the bytes.
   */
  constructor(
    protected readonly buf: Uint8Array,
    private readonly source?: string,
  ) {}

  /** The text of the input bytes [from, to): a scalar that is a stretch of the input. */
  protected textOf(from: number, to: number): string {
    if (this.source !== undefined) return this.source.slice(from, to);
    return utf8Text(this.buf.subarray(from, to));
  }

  // ---- buffer movement ----

  protected skip(): void {
    this.mark.index++;
    this.mark.column++;
    this.pos += width(this.buf[this.pos]!);
  }

  protected skipLine(): void {
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

  protected read(s: number[]): void {
    const w = width(this.buf[this.pos]!);
    for (let k = 0; k < w; k++) s.push(this.buf[this.pos + k]!);
    this.pos += w;
    this.mark.index++;
    this.mark.column++;
  }

  protected readLine(s: number[]): void {
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

  protected ch(offset = 0): number {
    return this.buf[this.pos + offset]!;
  }

  protected scannerError(context: string, contextMark: Mark, problem: string): never {
    throw new LibyamlError('scanner', problem, copyMark(this.mark), context, copyMark(contextMark));
  }

  protected skipToLineEnd(startMark: Mark, context: string): void {
    const b = this.buf;
    while (isBlank(b, this.pos)) this.skip();
    if (b[this.pos] === 0x23) {
      while (!isBreakz(b, this.pos)) this.skip();
    }
    if (!isBreakz(b, this.pos)) this.scannerError(context, startMark, 'did not find expected comment or line break');
    if (isBreak(b, this.pos)) this.skipLine();
  }

  protected scanBlockScalar(literal: boolean): Token {
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

  protected scanBlockScalarBreaks(indent: number, breaks: number[], start: Mark, endMark: { mark: Mark }): number {
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

  protected atDocumentIndicator(): boolean {
    const b = this.buf;
    const p = this.pos;
    return (
      this.mark.column === 0 &&
      ((b[p] === 0x2d && b[p + 1] === 0x2d && b[p + 2] === 0x2d) || (b[p] === 0x2e && b[p + 1] === 0x2e && b[p + 2] === 0x2e)) &&
      isBlankz(b, p + 3)
    );
  }

  protected scanFlowScalar(single: boolean): Token {
    const b = this.buf;
    const start = copyMark(this.mark);
    this.skip();
    // While `contiguous`, the scalar is the input from `from` up to the current position and
    // nothing is copied; a doubled quote, an escape or a line break copies that stretch into `s`.
    let contiguous = true;
    const from = this.pos;
    let s: number[] = [];
    const copyOut = (): void => {
      if (!contiguous) return;
      s = Array.from(b.subarray(from, this.pos));
      contiguous = false;
    };
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
          copyOut();
          s.push(0x27);
          this.skip();
          this.skip();
        } else if (single && c === 0x27) {
          break;
        } else if (!single && c === 0x22) {
          break;
        } else if (!single && c === 0x5c && isBreak(b, this.pos + 1)) {
          copyOut();
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 0x5c) {
          copyOut();
          this.scanEscape(s, start);
        } else if (contiguous) {
          this.skip();
        } else {
          this.read(s);
        }
      }
      if (single ? this.ch() === 0x27 : this.ch() === 0x22) break;
      // Blanks before a line break are dropped: the stretch ends at the last one kept.
      if (isBreak(b, this.pos) || (isBlank(b, this.pos) && !leadingBlanks && this.blanksEndInBreak())) copyOut();
      while (isBlank(b, this.pos) || isBreak(b, this.pos)) {
        if (isBlank(b, this.pos)) {
          if (!leadingBlanks) {
            if (contiguous) this.skip();
            else this.read(whitespaces);
          } else this.skip();
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
      } else if (!contiguous) {
        s.push(...whitespaces);
        whitespaces = [];
      }
    }
    const text = contiguous ? this.textOf(from, this.pos) : undefined;
    this.skip();
    const style = single ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted;
    if (text !== undefined) return { type: TokenType.Scalar, start, end: copyMark(this.mark), text, style };
    return { type: TokenType.Scalar, start, end: copyMark(this.mark), value: s, style };
  }

  /** True when the blanks at the current position are followed by a line break (not content). */
  private blanksEndInBreak(): boolean {
    let p = this.pos;
    while (isBlank(this.buf, p)) p++;
    return isBreak(this.buf, p);
  }

  protected scanEscape(s: number[], start: Mark): void {
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

  protected scanPlainScalar(): Token {
    const b = this.buf;
    // While `contiguous`, the scalar is the input from `from` to `endPos` and nothing is copied;
    // the first folded line break copies that stretch into `s`, which then grows as libyaml's does.
    // Blanks within a line are then only counted (`blanks`): they are the input's own bytes.
    let contiguous = true;
    const from = this.pos;
    let endPos = from;
    // The byte buffers start as UNALLOCATED and get an array of their own before the first push:
    // most scalars are one stretch of one line and never need one.
    let s = UNALLOCATED;
    let leadingBreak: readonly number[] = NO_BREAK;
    let trailingBreaks = UNALLOCATED;
    let whitespaces = UNALLOCATED;
    let blanks = 0;
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
        // Fast path: a run of printable ASCII bytes that can neither end the scalar nor need a
        // pending blank flushed first is taken as read() would take it, one byte per mark step.
        if (!leadingBlanks && blanks === 0) {
          const runFrom = this.pos;
          const inFlow = this.flowLevel > 0;
          let p = runFrom;
          for (; p < b.length; p++) {
            const ch = b[p]!;
            if (ch <= 0x20 || ch >= 0x7f || ch === 0x3a) break;
            if (inFlow && (ch === 0x2c || ch === 0x3f || ch === 0x5b || ch === 0x5d || ch === 0x7b || ch === 0x7d)) break;
            if (!contiguous) s.push(ch);
          }
          if (p > runFrom) {
            this.pos = p;
            this.mark.index += p - runFrom;
            this.mark.column += p - runFrom;
            endPos = p;
            endIndex = this.mark.index;
            endLine = this.mark.line;
            endColumn = this.mark.column;
            continue;
          }
        }
        const c = this.ch();
        if (
          (c === 0x3a && isBlankz(b, this.pos + 1)) ||
          (this.flowLevel > 0 && (c === 0x2c || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d))
        ) {
          break;
        }
        if (leadingBlanks || blanks > 0) {
          if (leadingBlanks) {
            if (contiguous) {
              s = Array.from(b.subarray(from, endPos));
              contiguous = false;
            }
            if (leadingBreak[0] === 0x0a) {
              if (trailingBreaks.length === 0) s.push(0x20);
              else s.push(...trailingBreaks);
            } else {
              s.push(...leadingBreak, ...trailingBreaks);
            }
            trailingBreaks = UNALLOCATED;
            leadingBreak = NO_BREAK;
            leadingBlanks = false;
          } else {
            if (!contiguous) s.push(...whitespaces);
            whitespaces = UNALLOCATED;
            blanks = 0;
          }
        }
        if (contiguous) this.skip();
        else this.read(s);
        endPos = this.pos;
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
          if (!leadingBlanks) {
            blanks++;
            if (contiguous) this.skip();
            else {
              if (whitespaces === UNALLOCATED) whitespaces = [];
              this.read(whitespaces);
            }
          } else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = UNALLOCATED;
          blanks = 0;
          leadingBreak = this.takeLineBreak();
          leadingBlanks = true;
        } else {
          if (trailingBreaks === UNALLOCATED) trailingBreaks = [];
          this.readLine(trailingBreaks);
        }
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    const end: Mark = { index: endIndex, line: endLine, column: endColumn };
    if (contiguous) return { type: TokenType.Scalar, start, end, text: this.textOf(from, endPos), style: ScalarStyle.Plain };
    return { type: TokenType.Scalar, start, end, value: s, style: ScalarStyle.Plain };
  }

  /**
   * readLine into a fresh buffer, without the buffer: moves past the line break and gives its
   * bytes as a shared constant (never written to), or NO_BREAK when there is none.
   */
  protected takeLineBreak(): readonly number[] {
    const b = this.buf;
    const p = this.pos;
    let lineBreak: readonly number[];
    if (b[p] === 0x0d && b[p + 1] === 0x0a) {
      this.pos += 2;
      this.mark.index++;
      lineBreak = LF_BREAK;
    } else if (b[p] === 0x0d || b[p] === 0x0a) {
      this.pos += 1;
      lineBreak = LF_BREAK;
    } else if (b[p] === 0xc2 && b[p + 1] === 0x85) {
      this.pos += 2;
      lineBreak = LF_BREAK;
    } else if (b[p] === 0xe2 && b[p + 1] === 0x80 && (b[p + 2] === 0xa8 || b[p + 2] === 0xa9)) {
      this.pos += 3;
      lineBreak = b[p + 2] === 0xa8 ? LS_BREAK : PS_BREAK;
    } else {
      return NO_BREAK;
    }
    this.mark.index++;
    this.mark.column = 0;
    this.mark.line++;
    return lineBreak;
  }
}

const NO_BREAK: readonly number[] = Object.freeze([]);
/** A byte buffer not allocated yet; frozen, so a push that skipped allocating fails loudly. */
const UNALLOCATED = Object.freeze([]) as unknown as number[];
const LF_BREAK: readonly number[] = Object.freeze([0x0a]);
const LS_BREAK: readonly number[] = Object.freeze([0xe2, 0x80, 0xa8]);
const PS_BREAK: readonly number[] = Object.freeze([0xe2, 0x80, 0xa9]);
