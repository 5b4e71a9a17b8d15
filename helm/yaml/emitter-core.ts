/**
 * The output half of go-yaml's emitter (emitterc.go): columns, indentation and indicators, the
 * analysis of which styles can hold a scalar, and the writers for plain, quoted, literal and
 * folded scalars with libyaml's 80-column folding. emitter.ts runs the event state machine on top.
 */
import {
  isAlpha, isBlank, isBlankz, isBomAtStart, isBreak, isPrintable, isSpace, utf8Bytes, width,
} from './libyaml/chars.js';
import { ScalarStyle } from './libyaml/scanner.js';
import { OutputBytes } from './output-bytes.js';

/** libyaml's emitter states. */
export const enum EmitState {
  StreamStart, FirstDocumentStart, DocumentStart, DocumentContent, DocumentEnd,
  FlowSequenceFirstItem, FlowSequenceItem, FlowMappingFirstKey, FlowMappingKey,
  FlowMappingSimpleValue, FlowMappingValue, BlockSequenceFirstItem, BlockSequenceItem,
  BlockMappingFirstKey, BlockMappingKey, BlockMappingSimpleValue, BlockMappingValue, End,
}

/** Emitter settings (go-yaml v2 defaults: indent 2, width 80). */
export interface EmitterOptions {
  bestIndent?: number;
  /** Line width for folding; negative means never fold (yaml.v3's default). */
  bestWidth?: number;
  /**
   * 'v2' (gopkg.in/yaml.v2, helm's toYaml) or 'v3' (gopkg.in/yaml.v3, helm's toYamlPretty):
   * v3 indents sequences under mapping keys, aligns indents to multiples of the indent, allows
   * tabs in literal blocks and sets the indention flag on every line break.
   */
  flavor?: 'v2' | 'v3';
}

interface ScalarData {
  value: Uint8Array;
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  style: ScalarStyle;
}

/** Emitter output state and scalar writing (fields are libyaml's emitter fields). */
export class EmitterCore {
  protected out = new OutputBytes();
  protected indents: number[] = [];
  protected indent = -1;
  protected flowLevel = 0;
  protected rootContext = false;
  protected mappingContext = false;
  protected simpleKeyContext = false;
  protected line = 0;
  protected column = 0;
  protected whitespace = true;
  protected indention = true;
  protected openEnded = false;
  protected scalar: ScalarData = emptyScalarData();
  protected readonly bestIndent: number;
  protected readonly bestWidth: number;
  protected readonly v3: boolean;
  /** The state stack (read by yaml.v3's indentation rule). */
  protected states: EmitState[] = [];

  constructor(opts: EmitterOptions = {}) {
    this.v3 = opts.flavor === 'v3';
    let indent = opts.bestIndent ?? 2;
    if (indent < 2 || indent > 9) indent = 2;
    let w = opts.bestWidth ?? 80;
    if (w >= 0 && w <= indent * 2) w = 80;
    if (w < 0) w = 2 ** 31 - 1;
    this.bestIndent = indent;
    this.bestWidth = w;
  }

  // ---- output primitives ----

  protected put(b: number): void {
    this.out.push(b);
    this.column++;
  }

  protected putBreak(): void {
    this.out.push(0x0a);
    this.column = 0;
    this.line++;
    if (this.v3) this.indention = true;
  }

  protected write(s: Uint8Array, i: number): number {
    const w = width(s[i]!);
    for (let k = 0; k < w; k++) this.out.push(s[i + k]!);
    this.column++;
    return i + w;
  }

  /** Writes an indicator or anchor/tag text (ASCII in practice; one column per character). */
  protected writeAll(s: string): void {
    let ascii = true;
    for (let i = 0; i < s.length && ascii; i++) ascii = s.charCodeAt(i) <= 0x7f;
    if (ascii) {
      for (let i = 0; i < s.length; i++) this.out.push(s.charCodeAt(i));
      this.column += s.length;
      return;
    }
    const b = utf8Bytes(s);
    for (let i = 0; i < b.length; ) i = this.write(b, i);
  }

  protected writeBreak(s: Uint8Array, i: number): number {
    if (s[i] === 0x0a) {
      this.putBreak();
      return i + 1;
    }
    const next = this.write(s, i);
    this.column = 0;
    this.line++;
    if (this.v3) this.indention = true;
    return next;
  }

  protected increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) {
      this.indent = flow ? this.bestIndent : 0;
    } else if (!indentless) {
      if (!this.v3) {
        this.indent += this.bestIndent;
      } else if (this.states[this.states.length - 1] === EmitState.BlockSequenceItem) {
        // yaml.v3: the first indent inside a sequence item just skips the "- " indicator.
        this.indent += 2;
      } else {
        this.indent = this.bestIndent * Math.floor((this.indent + this.bestIndent) / this.bestIndent);
      }
    }
  }

  protected popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  protected writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(0x20);
    this.whitespace = true;
    if (!this.v3) this.indention = true;
  }

  protected writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(0x20);
    this.writeAll(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  protected writeTagHandle(handle: string): void {
    if (!this.whitespace) this.put(0x20);
    this.writeAll(handle);
    this.whitespace = false;
    this.indention = false;
  }

  protected writeTagContent(content: string, needWhitespace: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(0x20);
    const v = utf8Bytes(content);
    for (let i = 0; i < v.length; ) {
      if (";/?:@&=+$,_.~*'()[]".includes(String.fromCharCode(v[i]!)) || isAlpha(v, i)) {
        i = this.write(v, i);
      } else {
        const w = width(v[i]!);
        for (let k = 0; k < w; k++, i++) {
          const hex = v[i]!.toString(16).toUpperCase().padStart(2, '0');
          this.put(0x25);
          this.put(hex.charCodeAt(0));
          this.put(hex.charCodeAt(1));
        }
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  protected analyzeScalar(value: Uint8Array): void {
    const s = this.scalar;
    s.value = value;
    if (value.length === 0) {
      s.multiline = false;
      s.flowPlainAllowed = false;
      s.blockPlainAllowed = true;
      s.singleQuotedAllowed = true;
      s.blockAllowed = false;
      return;
    }
    let blockIndicators = false;
    let flowIndicators = false;
    let lineBreaks = false;
    let specialCharacters = false;
    let tabCharacters = false;
    let leadingSpace = false;
    let leadingBreak = false;
    let trailingSpace = false;
    let trailingBreak = false;
    let breakSpace = false;
    let spaceBreak = false;
    let previousSpace = false;
    let previousBreak = false;
    if (value.length >= 3 && ((value[0] === 0x2d && value[1] === 0x2d && value[2] === 0x2d) || (value[0] === 0x2e && value[1] === 0x2e && value[2] === 0x2e))) {
      blockIndicators = true;
      flowIndicators = true;
    }
    let precededByWhitespace = true;
    for (let i = 0, w = 0; i < value.length; i += w) {
      w = width(value[i]!);
      const followedByWhitespace = i + w >= value.length || isBlank(value, i + w);
      const c = String.fromCharCode(value[i]!);
      if (i === 0) {
        if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
          flowIndicators = true;
          blockIndicators = true;
        } else if (c === '?' || c === ':') {
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
        } else if (c === '-' && followedByWhitespace) {
          flowIndicators = true;
          blockIndicators = true;
        }
      } else if (',?[]{}'.includes(c)) {
        flowIndicators = true;
      } else if (c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '#' && precededByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
      // go-yaml sets unicode output, so only non-printable characters are special; v3 tracks tabs apart.
      if (this.v3 && value[i] === 0x09) tabCharacters = true;
      else if (!isPrintable(value, i)) specialCharacters = true;
      if (isSpace(value, i)) {
        if (i === 0) leadingSpace = true;
        if (i + w === value.length) trailingSpace = true;
        if (previousBreak) breakSpace = true;
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(value, i)) {
        lineBreaks = true;
        if (i === 0) leadingBreak = true;
        if (i + w === value.length) trailingBreak = true;
        if (previousSpace) spaceBreak = true;
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isBlankz(value, i);
    }
    s.multiline = lineBreaks;
    s.flowPlainAllowed = true;
    s.blockPlainAllowed = true;
    s.singleQuotedAllowed = true;
    s.blockAllowed = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      s.flowPlainAllowed = false;
      s.blockPlainAllowed = false;
    }
    if (trailingSpace) s.blockAllowed = false;
    if (breakSpace) {
      s.flowPlainAllowed = false;
      s.blockPlainAllowed = false;
      s.singleQuotedAllowed = false;
    }
    if (spaceBreak || tabCharacters || specialCharacters) {
      s.flowPlainAllowed = false;
      s.blockPlainAllowed = false;
      s.singleQuotedAllowed = false;
    }
    if (spaceBreak || specialCharacters) s.blockAllowed = false;
    if (lineBreaks) {
      s.flowPlainAllowed = false;
      s.blockPlainAllowed = false;
    }
    if (flowIndicators) s.flowPlainAllowed = false;
    if (blockIndicators) s.blockPlainAllowed = false;
  }

  // ---- scalar writers ----

  protected writePlainScalar(v: Uint8Array, allowBreaks: boolean): void {
    if ((!this.v3 || v.length > 0) && !this.whitespace) this.put(0x20);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; ) {
      if (isSpace(v, i)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && !isSpace(v, i + 1)) {
          this.writeIndent();
          i += width(v[i]!);
        } else {
          i = this.write(v, i);
        }
        spaces = true;
      } else if (isBreak(v, i)) {
        if (!breaks && v[i] === 0x0a) this.putBreak();
        i = this.writeBreak(v, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        i = this.write(v, i);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (!this.v3 || v.length > 0) this.whitespace = false;
    this.indention = false;
    if (this.rootContext) this.openEnded = true;
  }

  protected writeSingleQuotedScalar(v: Uint8Array, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; ) {
      if (isSpace(v, i)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < v.length - 1 && !isSpace(v, i + 1)) {
          this.writeIndent();
          i += width(v[i]!);
        } else {
          i = this.write(v, i);
        }
        spaces = true;
      } else if (isBreak(v, i)) {
        if (!breaks && v[i] === 0x0a) this.putBreak();
        i = this.writeBreak(v, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (v[i] === 0x27) this.put(0x27);
        i = this.write(v, i);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  protected writeDoubleQuotedScalar(v: Uint8Array, allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    for (let i = 0; i < v.length; ) {
      if (!isPrintable(v, i) || isBomAtStart(v) || isBreak(v, i) || v[i] === 0x22 || v[i] === 0x5c) {
        const w = width(v[i]!);
        let cp = w === 1 ? v[i]! & 0x7f : w === 2 ? v[i]! & 0x1f : w === 3 ? v[i]! & 0x0f : v[i]! & 0x07;
        for (let k = 1; k < w; k++) cp = (cp << 6) + (v[i + k]! & 0x3f);
        i += w;
        this.put(0x5c);
        const named: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
          0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        };
        const n = named[cp];
        if (n !== undefined) {
          this.put(n.charCodeAt(0));
        } else {
          let digits: number;
          if (cp <= 0xff) {
            this.put(0x78);
            digits = 2;
          } else if (cp <= 0xffff) {
            this.put(0x75);
            digits = 4;
          } else {
            this.put(0x55);
            digits = 8;
          }
          const hex = cp.toString(16).toUpperCase().padStart(digits, '0');
          for (const h of hex) this.put(h.charCodeAt(0));
        }
        spaces = false;
      } else if (isSpace(v, i)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < v.length - 1) {
          this.writeIndent();
          if (isSpace(v, i + 1)) this.put(0x5c);
          i += width(v[i]!);
        } else {
          i = this.write(v, i);
        }
        spaces = true;
      } else {
        i = this.write(v, i);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  protected writeBlockScalarHints(v: Uint8Array): void {
    if (isSpace(v, 0) || isBreak(v, 0)) this.writeIndicator(String(this.bestIndent), false, false, false);
    this.openEnded = false;
    let chomp = '';
    if (v.length === 0) {
      chomp = '-';
    } else {
      let i = v.length - 1;
      while ((v[i]! & 0xc0) === 0x80) i--;
      if (!isBreak(v, i)) {
        chomp = '-';
      } else if (i === 0) {
        chomp = '+';
        this.openEnded = true;
      } else {
        i--;
        while ((v[i]! & 0xc0) === 0x80) i--;
        if (isBreak(v, i)) {
          chomp = '+';
          this.openEnded = true;
        }
      }
    }
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
  }

  protected writeLiteralScalar(v: Uint8Array): void {
    this.writeIndicator('|', true, false, false);
    this.writeBlockScalarHints(v);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < v.length; ) {
      if (isBreak(v, i)) {
        i = this.writeBreak(v, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        i = this.write(v, i);
        this.indention = false;
        breaks = false;
      }
    }
  }

  protected writeFoldedScalar(v: Uint8Array): void {
    this.writeIndicator('>', true, false, false);
    this.writeBlockScalarHints(v);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    let leadingSpaces = true;
    for (let i = 0; i < v.length; ) {
      if (isBreak(v, i)) {
        if (!breaks && !leadingSpaces && v[i] === 0x0a) {
          let k = 0;
          while (isBreak(v, k)) k += width(v[k]!);
          if (!isBlankz(v, k)) this.putBreak();
        }
        i = this.writeBreak(v, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          leadingSpaces = isBlank(v, i);
        }
        if (!breaks && isSpace(v, i) && !isSpace(v, i + 1) && this.column > this.bestWidth) {
          this.writeIndent();
          i += width(v[i]!);
        } else {
          i = this.write(v, i);
        }
        this.indention = false;
        breaks = false;
      }
    }
  }
}

const NO_BYTES = new Uint8Array(0);

export function emptyScalarData(): ScalarData {
  return {
    value: NO_BYTES, multiline: false, flowPlainAllowed: false, blockPlainAllowed: false,
    singleQuotedAllowed: false, blockAllowed: false, style: ScalarStyle.Any,
  };
}
