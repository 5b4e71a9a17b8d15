/**
 * The YAML emitter of go-yaml v2 (libyaml's emitter.c as ported in emitterc.go), in TypeScript.
 * It decides every byte of helm's `toYaml`: scalar style selection (plain / single / double
 * quoted / literal), line folding at 80 columns, `- ` items at the parent key's indentation,
 * `? ` complex keys for multi-line or over-128-byte keys, `{}`/`[]` for empty collections.
 * Settings are go-yaml v2's for Marshal: indent 2, width 80, unicode output, LF breaks.
 */
import { utf8Bytes } from './libyaml/chars.js';
import { goStringFromBytes } from '../template/gostring.js';
import { ScalarStyle } from './libyaml/scanner.js';
import { EmitState, EmitterCore, emptyScalarData } from './emitter-core.js';

export type { EmitterOptions } from './emitter-core.js';

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

/** A failure the emitter reports (go-yaml's emitter.problem). */
export class EmitterError extends Error {}

/** go-yaml's longest simple key: longer keys are written as `? key`. */
export const MAX_SIMPLE_KEY_BYTES = 128;

const DEFAULT_TAG_DIRECTIVES = [
  { handle: '!', prefix: '!' },
  { handle: '!!', prefix: 'tag:yaml.org,2002:' },
];

/** Runs a complete event list through go-yaml's emitter state machine. */
export class Emitter extends EmitterCore {
  private state = EmitState.StreamStart;
  private events: EmitEvent[] = [];
  private head = 0;
  private tagDirectives: { handle: string; prefix: string }[] = [];
  private anchorData: { anchor: string; alias: boolean } | undefined;
  private tagHandle = '';
  private tagSuffix = '';

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
    return goStringFromBytes(this.out.bytes());
  }

  private popState(): void {
    this.state = this.states.pop()!;
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
    const byteLength = (t: string) => (t === '' ? 0 : utf8Bytes(t).length);
    const props = (this.anchorData ? byteLength(this.anchorData.anchor) : 0) + byteLength(this.tagHandle) + byteLength(this.tagSuffix);
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
}
