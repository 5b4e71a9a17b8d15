/**
 * The YAML emitter of go-yaml v2 (libyaml's emitter.c as ported in emitterc.go), in TypeScript.
 * It decides every byte of helm's `toYaml`: scalar style selection (plain / single / double
 * quoted / literal), line folding at 80 columns, `- ` items at the parent key's indentation,
 * `? ` complex keys for multi-line or over-128-byte keys, `{}`/`[]` for empty collections.
 * Settings are go-yaml v2's for Marshal: indent 2, width 80, unicode output, LF breaks.
 */
import {
  isAlpha, isBlank, isBlankz, isBomAtStart, isBreak, isPrintable, isSpace, utf8Bytes, width,
} from './libyaml/chars.js';
import { ScalarStyle } from './libyaml/scanner.js';

export const enum EmitEventType {
  StreamStart, StreamEnd, DocumentStart, DocumentEnd, Alias, Scalar,
  SequenceStart, SequenceEnd, MappingStart, MappingEnd,
}

export const enum CollectionStyle { Any, Block, Flow }

export interface EmitEvent {
  type: EmitEventType;
  anchor?: string;
  tag?: string;
  value?: string;
  implicit?: boolean;
  quotedImplicit?: boolean;
  scalarStyle?: ScalarStyle;
  collectionStyle?: CollectionStyle;
}

const enum EmitState {
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

/** A failure the emitter reports (go-yaml's emitter.problem). */
export class EmitterError extends Error {}

/** go-yaml's longest simple key: longer keys are written as `? key`. */
export const MAX_SIMPLE_KEY_BYTES = 128;

const DEFAULT_TAG_DIRECTIVES = [
  { handle: '!', prefix: '!' },
  { handle: '!!', prefix: 'tag:yaml.org,2002:' },
];

interface ScalarData {
  value: Uint8Array;
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  style: ScalarStyle;
}

/** Runs a complete event list through go-yaml v2's emitter state machine. */
export class Emitter {
  private out: number[] = [];
  private state = EmitState.StreamStart;
  private states: EmitState[] = [];
  private events: EmitEvent[] = [];
  private head = 0;
  private indents: number[] = [];
  private indent = -1;
  private flowLevel = 0;
  private rootContext = false;
  private mappingContext = false;
  private simpleKeyContext = false;
  private line = 0;
  private column = 0;
  private whitespace = true;
  private indention = true;
  private openEnded = false;
  private tagDirectives: { handle: string; prefix: string }[] = [];
  private anchorData: { anchor: string; alias: boolean } | undefined;
  private tagHandle = '';
  private tagSuffix = '';
  private scalar: ScalarData = emptyScalarData();
  private readonly bestIndent: number;
  private readonly bestWidth: number;
  private readonly v3: boolean;

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

  /** Emits all events and returns the output text. */
  emitAll(events: EmitEvent[]): string {
    this.events = events;
    for (this.head = 0; this.head < events.length; this.head++) {
      const e = events[this.head]!;
      // go-yaml's encoder.finish() clears open_ended before STREAM-END: no trailing `...`.
      if (e.type === EmitEventType.StreamEnd) this.openEnded = false;
      this.analyzeEvent(e);
      this.stateMachine(e);
    }
    return Buffer.from(this.out).toString('utf8');
  }

  // ---- output primitives ----

  private put(b: number): void {
    this.out.push(b);
    this.column++;
  }

  private putBreak(): void {
    this.out.push(0x0a);
    this.column = 0;
    this.line++;
    if (this.v3) this.indention = true;
  }

  private write(s: Uint8Array, i: number): number {
    const w = width(s[i]!);
    for (let k = 0; k < w; k++) this.out.push(s[i + k]!);
    this.column++;
    return i + w;
  }

  /** Writes an indicator or anchor/tag text (ASCII in practice; one column per character). */
  private writeAll(s: string): void {
    if (/^[\x00-\x7f]*$/.test(s)) {
      for (let i = 0; i < s.length; i++) this.out.push(s.charCodeAt(i));
      this.column += s.length;
      return;
    }
    const b = utf8Bytes(s);
    for (let i = 0; i < b.length; ) i = this.write(b, i);
  }

  private writeBreak(s: Uint8Array, i: number): number {
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

  private increaseIndent(flow: boolean, indentless: boolean): void {
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

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private popState(): void {
    this.state = this.states.pop()!;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(0x20);
    this.whitespace = true;
    if (!this.v3) this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(0x20);
    this.writeAll(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  // ---- state machine ----

  private stateMachine(e: EmitEvent): void {
    switch (this.state) {
      case EmitState.StreamStart: return this.emitStreamStart(e);
      case EmitState.FirstDocumentStart: return this.emitDocumentStart(e, true);
      case EmitState.DocumentStart: return this.emitDocumentStart(e, false);
      case EmitState.DocumentContent: return this.emitDocumentContent(e);
      case EmitState.DocumentEnd: return this.emitDocumentEnd(e);
      case EmitState.FlowSequenceFirstItem: return this.emitFlowSequenceItem(e, true);
      case EmitState.FlowSequenceItem: return this.emitFlowSequenceItem(e, false);
      case EmitState.FlowMappingFirstKey: return this.emitFlowMappingKey(e, true);
      case EmitState.FlowMappingKey: return this.emitFlowMappingKey(e, false);
      case EmitState.FlowMappingSimpleValue: return this.emitFlowMappingValue(e, true);
      case EmitState.FlowMappingValue: return this.emitFlowMappingValue(e, false);
      case EmitState.BlockSequenceFirstItem: return this.emitBlockSequenceItem(e, true);
      case EmitState.BlockSequenceItem: return this.emitBlockSequenceItem(e, false);
      case EmitState.BlockMappingFirstKey: return this.emitBlockMappingKey(e, true);
      case EmitState.BlockMappingKey: return this.emitBlockMappingKey(e, false);
      case EmitState.BlockMappingSimpleValue: return this.emitBlockMappingValue(e, true);
      case EmitState.BlockMappingValue: return this.emitBlockMappingValue(e, false);
      case EmitState.End: throw new EmitterError('expected nothing after STREAM-END');
    }
  }

  private emitStreamStart(e: EmitEvent): void {
    if (e.type !== EmitEventType.StreamStart) throw new EmitterError('expected STREAM-START');
    this.indent = -1;
    this.line = 0;
    this.column = 0;
    this.whitespace = true;
    this.indention = true;
    this.state = EmitState.FirstDocumentStart;
  }

  private emitDocumentStart(e: EmitEvent, first: boolean): void {
    if (e.type === EmitEventType.DocumentStart) {
      for (const d of DEFAULT_TAG_DIRECTIVES) {
        if (!this.tagDirectives.some((t) => t.handle === d.handle)) this.tagDirectives.push(d);
      }
      const implicit = (e.implicit ?? true) && first;
      if (!implicit) {
        this.writeIndent();
        this.writeIndicator('---', true, false, false);
      }
      this.state = EmitState.DocumentContent;
      return;
    }
    if (e.type === EmitEventType.StreamEnd) {
      if (this.openEnded) {
        this.writeIndicator('...', true, false, false);
        this.writeIndent();
      }
      this.state = EmitState.End;
      return;
    }
    throw new EmitterError('expected DOCUMENT-START or STREAM-END');
  }

  private emitDocumentContent(e: EmitEvent): void {
    this.states.push(EmitState.DocumentEnd);
    this.emitNode(e, true, false, false, false);
  }

  private emitDocumentEnd(e: EmitEvent): void {
    if (e.type !== EmitEventType.DocumentEnd) throw new EmitterError('expected DOCUMENT-END');
    this.writeIndent();
    if (!(e.implicit ?? true)) {
      this.writeIndicator('...', true, false, false);
      this.writeIndent();
    }
    this.state = EmitState.DocumentStart;
    this.tagDirectives = [];
  }

  private emitFlowSequenceItem(e: EmitEvent, first: boolean): void {
    if (first) {
      this.writeIndicator('[', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
    }
    if (e.type === EmitEventType.SequenceEnd) {
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator(']', false, false, false);
      this.popState();
      return;
    }
    if (!first) this.writeIndicator(',', false, false, false);
    if (this.column > this.bestWidth) this.writeIndent();
    this.states.push(EmitState.FlowSequenceItem);
    this.emitNode(e, false, true, false, false);
  }

  private emitFlowMappingKey(e: EmitEvent, first: boolean): void {
    if (first) {
      this.writeIndicator('{', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
    }
    if (e.type === EmitEventType.MappingEnd) {
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator('}', false, false, false);
      this.popState();
      return;
    }
    if (!first) this.writeIndicator(',', false, false, false);
    if (this.column > this.bestWidth) this.writeIndent();
    if (this.checkSimpleKey()) {
      this.states.push(EmitState.FlowMappingSimpleValue);
      this.emitNode(e, false, false, true, true);
      return;
    }
    this.writeIndicator('?', true, false, false);
    this.states.push(EmitState.FlowMappingValue);
    this.emitNode(e, false, false, true, false);
  }

  private emitFlowMappingValue(e: EmitEvent, simple: boolean): void {
    if (simple) {
      this.writeIndicator(':', false, false, false);
    } else {
      if (this.column > this.bestWidth) this.writeIndent();
      this.writeIndicator(':', true, false, false);
    }
    this.states.push(EmitState.FlowMappingKey);
    this.emitNode(e, false, false, true, false);
  }

  private emitBlockSequenceItem(e: EmitEvent, first: boolean): void {
    // v2 writes `- ` items at their key's indentation; v3 (without compact mode) indents them.
    if (first) this.increaseIndent(false, !this.v3 && this.mappingContext && !this.indention);
    if (e.type === EmitEventType.SequenceEnd) {
      this.popIndent();
      this.popState();
      return;
    }
    this.writeIndent();
    this.writeIndicator('-', true, false, true);
    this.states.push(EmitState.BlockSequenceItem);
    this.emitNode(e, false, true, false, false);
  }

  private emitBlockMappingKey(e: EmitEvent, first: boolean): void {
    if (first) this.increaseIndent(false, false);
    if (e.type === EmitEventType.MappingEnd) {
      this.popIndent();
      this.popState();
      return;
    }
    this.writeIndent();
    if (this.checkSimpleKey()) {
      this.states.push(EmitState.BlockMappingSimpleValue);
      this.emitNode(e, false, false, true, true);
      return;
    }
    this.writeIndicator('?', true, false, true);
    this.states.push(EmitState.BlockMappingValue);
    this.emitNode(e, false, false, true, false);
  }

  private emitBlockMappingValue(e: EmitEvent, simple: boolean): void {
    if (simple) {
      this.writeIndicator(':', false, false, false);
    } else {
      this.writeIndent();
      this.writeIndicator(':', true, false, true);
    }
    this.states.push(EmitState.BlockMappingKey);
    this.emitNode(e, false, false, true, false);
  }

  /** yaml_emitter_emit_node; `_sequence` (sequence context) is tracked by libyaml but never read. */
  private emitNode(e: EmitEvent, root: boolean, _sequence: boolean, mapping: boolean, simpleKey: boolean): void {
    this.rootContext = root;
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    switch (e.type) {
      case EmitEventType.Alias:
        this.processAnchor();
        this.popState();
        return;
      case EmitEventType.Scalar:
        return this.emitScalar(e);
      case EmitEventType.SequenceStart:
        this.processAnchor();
        this.processTag();
        this.state =
          this.flowLevel > 0 || e.collectionStyle === CollectionStyle.Flow || this.checkEmptySequence()
            ? EmitState.FlowSequenceFirstItem
            : EmitState.BlockSequenceFirstItem;
        return;
      case EmitEventType.MappingStart:
        this.processAnchor();
        this.processTag();
        this.state =
          this.flowLevel > 0 || e.collectionStyle === CollectionStyle.Flow || this.checkEmptyMapping()
            ? EmitState.FlowMappingFirstKey
            : EmitState.BlockMappingFirstKey;
        return;
      default:
        throw new EmitterError('expected SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS');
    }
  }

  private emitScalar(e: EmitEvent): void {
    this.selectScalarStyle(e);
    this.processAnchor();
    this.processTag();
    this.increaseIndent(true, false);
    this.processScalar();
    this.popIndent();
    this.popState();
  }

  private checkEmptySequence(): boolean {
    return this.events[this.head]?.type === EmitEventType.SequenceStart && this.events[this.head + 1]?.type === EmitEventType.SequenceEnd;
  }

  private checkEmptyMapping(): boolean {
    return this.events[this.head]?.type === EmitEventType.MappingStart && this.events[this.head + 1]?.type === EmitEventType.MappingEnd;
  }

  private checkSimpleKey(): boolean {
    const e = this.events[this.head]!;
    let length = 0;
    const props = (this.anchorData ? utf8Bytes(this.anchorData.anchor).length : 0) + utf8Bytes(this.tagHandle).length + utf8Bytes(this.tagSuffix).length;
    switch (e.type) {
      case EmitEventType.Alias:
        length += this.anchorData ? utf8Bytes(this.anchorData.anchor).length : 0;
        break;
      case EmitEventType.Scalar:
        if (this.scalar.multiline) return false;
        length += props + this.scalar.value.length;
        break;
      case EmitEventType.SequenceStart:
        if (!this.checkEmptySequence()) return false;
        length += props;
        break;
      case EmitEventType.MappingStart:
        if (!this.checkEmptyMapping()) return false;
        length += props;
        break;
      default:
        return false;
    }
    return length <= MAX_SIMPLE_KEY_BYTES;
  }

  private selectScalarStyle(e: EmitEvent): void {
    const noTag = this.tagHandle === '' && this.tagSuffix === '';
    if (noTag && !e.implicit && !e.quotedImplicit) throw new EmitterError('neither tag nor implicit flags are specified');
    let style = e.scalarStyle ?? ScalarStyle.Any;
    if (style === ScalarStyle.Any) style = ScalarStyle.Plain;
    if (this.simpleKeyContext && this.scalar.multiline) style = ScalarStyle.DoubleQuoted;
    if (style === ScalarStyle.Plain) {
      if ((this.flowLevel > 0 && !this.scalar.flowPlainAllowed) || (this.flowLevel === 0 && !this.scalar.blockPlainAllowed)) {
        style = ScalarStyle.SingleQuoted;
      }
      if (this.scalar.value.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = ScalarStyle.SingleQuoted;
      if (noTag && !e.implicit) style = ScalarStyle.SingleQuoted;
    }
    if (style === ScalarStyle.SingleQuoted && !this.scalar.singleQuotedAllowed) style = ScalarStyle.DoubleQuoted;
    if ((style === ScalarStyle.Literal || style === ScalarStyle.Folded) && (!this.scalar.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext)) {
      style = ScalarStyle.DoubleQuoted;
    }
    if (noTag && !e.quotedImplicit && style !== ScalarStyle.Plain) this.tagHandle = '!';
    this.scalar.style = style;
  }

  private processAnchor(): void {
    if (!this.anchorData) return;
    this.writeIndicator(this.anchorData.alias ? '*' : '&', true, false, false);
    this.writeAll(this.anchorData.anchor);
    this.whitespace = false;
    this.indention = false;
  }

  private processTag(): void {
    if (this.tagHandle === '' && this.tagSuffix === '') return;
    if (this.tagHandle !== '') {
      this.writeTagHandle(this.tagHandle);
      if (this.tagSuffix !== '') this.writeTagContent(this.tagSuffix, false);
    } else {
      this.writeIndicator('!<', true, false, false);
      this.writeTagContent(this.tagSuffix, false);
      this.writeIndicator('>', false, false, false);
    }
  }

  private writeTagHandle(handle: string): void {
    if (!this.whitespace) this.put(0x20);
    this.writeAll(handle);
    this.whitespace = false;
    this.indention = false;
  }

  private writeTagContent(content: string, needWhitespace: boolean): void {
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

  private processScalar(): void {
    const v = this.scalar.value;
    switch (this.scalar.style) {
      case ScalarStyle.Plain: return this.writePlainScalar(v, !this.simpleKeyContext);
      case ScalarStyle.SingleQuoted: return this.writeSingleQuotedScalar(v, !this.simpleKeyContext);
      case ScalarStyle.DoubleQuoted: return this.writeDoubleQuotedScalar(v, !this.simpleKeyContext);
      case ScalarStyle.Literal: return this.writeLiteralScalar(v);
      case ScalarStyle.Folded: return this.writeFoldedScalar(v);
    }
  }

  // ---- analysis ----

  private analyzeEvent(e: EmitEvent): void {
    this.anchorData = undefined;
    this.tagHandle = '';
    this.tagSuffix = '';
    this.scalar = emptyScalarData();
    if (e.type === EmitEventType.Alias) {
      this.anchorData = { anchor: e.anchor ?? '', alias: true };
      return;
    }
    if (e.type === EmitEventType.Scalar || e.type === EmitEventType.SequenceStart || e.type === EmitEventType.MappingStart) {
      if (e.anchor) this.anchorData = { anchor: e.anchor, alias: false };
      const explicitTag = e.type === EmitEventType.Scalar ? !e.implicit && !e.quotedImplicit : !e.implicit;
      if (e.tag && explicitTag) this.analyzeTag(e.tag);
      if (e.type === EmitEventType.Scalar) this.analyzeScalar(utf8Bytes(e.value ?? ''));
    }
  }

  private analyzeTag(tag: string): void {
    for (const d of this.tagDirectives) {
      if (tag.startsWith(d.prefix)) {
        this.tagHandle = d.handle;
        this.tagSuffix = tag.slice(d.prefix.length);
        return;
      }
    }
    this.tagSuffix = tag;
  }

  /** yaml_emitter_analyze_scalar: which styles can represent the value. */
  private analyzeScalar(value: Uint8Array): void {
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

  private writePlainScalar(v: Uint8Array, allowBreaks: boolean): void {
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

  private writeSingleQuotedScalar(v: Uint8Array, allowBreaks: boolean): void {
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

  private writeDoubleQuotedScalar(v: Uint8Array, allowBreaks: boolean): void {
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

  private writeBlockScalarHints(v: Uint8Array): void {
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

  private writeLiteralScalar(v: Uint8Array): void {
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

  private writeFoldedScalar(v: Uint8Array): void {
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

function emptyScalarData(): ScalarData {
  return {
    value: NO_BYTES, multiline: false, flowPlainAllowed: false, blockPlainAllowed: false,
    singleQuotedAllowed: false, blockAllowed: false, style: ScalarStyle.Any,
  };
}
