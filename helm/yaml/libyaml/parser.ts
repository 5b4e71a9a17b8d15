/**
 * The YAML event parser of go-yaml v2 (libyaml's parser.c in Go), in TypeScript: a state machine
 * that turns scanner tokens into events (document, mapping, sequence, scalar, alias). Kept
 * state-for-state with the original so that errors fire on the same token with the same text.
 */
import { LibyamlError, type Mark } from './errors.js';
import { ScalarStyle, Scanner, TokenType, type Token } from './scanner.js';
import { utf8Text } from './chars.js';

export const enum EventType {
  StreamStart, StreamEnd, DocumentStart, DocumentEnd, Alias, Scalar,
  SequenceStart, SequenceEnd, MappingStart, MappingEnd,
}

export interface YamlEvent {
  type: EventType;
  start: Mark;
  end: Mark;
  anchor?: string;
  /** Resolved tag (prefix + suffix), '' when none. */
  tag?: string;
  /** Scalar bytes (UTF-8); absent when `text` holds the scalar. */
  value?: number[];
  /** The scalar's text, when the scanner took it straight from the input. */
  text?: string;
  /** Plain scalar without tag, or a `!` tag: subject to implicit resolution. */
  implicit?: boolean;
  quotedImplicit?: boolean;
  style?: ScalarStyle;
}

const enum State {
  StreamStart, ImplicitDocumentStart, DocumentStart, DocumentContent, DocumentEnd,
  BlockNode, BlockNodeOrIndentlessSequence, FlowNode,
  BlockSequenceFirstEntry, BlockSequenceEntry, IndentlessSequenceEntry,
  BlockMappingFirstKey, BlockMappingKey, BlockMappingValue,
  FlowSequenceFirstEntry, FlowSequenceEntry, FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue, FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey, FlowMappingKey, FlowMappingValue, FlowMappingEmptyValue, End,
}

interface TagDirective {
  handle: string;
  prefix: string;
}

const DEFAULT_TAG_DIRECTIVES: TagDirective[] = [
  { handle: '!', prefix: '!' },
  { handle: '!!', prefix: 'tag:yaml.org,2002:' },
];

const bytesText = (b: number[] | undefined): string => (b ? utf8Text(b) : '');

/** Pulls events from a scanner, one `next()` at a time. */
export class EventParser {
  private state = State.StreamStart;
  private states: State[] = [];
  private marks: Mark[] = [];
  private tagDirectives: TagDirective[] = [];
  private done = false;

  constructor(private readonly scanner: Scanner) {}

  /** The next event; throws LibyamlError on bad input. */
  next(): YamlEvent | undefined {
    if (this.done || this.scanner.streamEnded || this.state === State.End) return undefined;
    return this.dispatch();
  }

  private error(problem: string, mark: Mark, context = '', contextMark?: Mark): never {
    this.done = true;
    throw new LibyamlError('parser', problem, mark, context, contextMark);
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private skip(): void {
    this.scanner.skipToken();
  }

  private pop(): void {
    this.state = this.states.pop()!;
  }

  private dispatch(): YamlEvent {
    switch (this.state) {
      case State.StreamStart: return this.parseStreamStart();
      case State.ImplicitDocumentStart: return this.parseDocumentStart(true);
      case State.DocumentStart: return this.parseDocumentStart(false);
      case State.DocumentContent: return this.parseDocumentContent();
      case State.DocumentEnd: return this.parseDocumentEnd();
      case State.BlockNode: return this.parseNode(true, false);
      case State.BlockNodeOrIndentlessSequence: return this.parseNode(true, true);
      case State.FlowNode: return this.parseNode(false, false);
      case State.BlockSequenceFirstEntry: return this.parseBlockSequenceEntry(true);
      case State.BlockSequenceEntry: return this.parseBlockSequenceEntry(false);
      case State.IndentlessSequenceEntry: return this.parseIndentlessSequenceEntry();
      case State.BlockMappingFirstKey: return this.parseBlockMappingKey(true);
      case State.BlockMappingKey: return this.parseBlockMappingKey(false);
      case State.BlockMappingValue: return this.parseBlockMappingValue();
      case State.FlowSequenceFirstEntry: return this.parseFlowSequenceEntry(true);
      case State.FlowSequenceEntry: return this.parseFlowSequenceEntry(false);
      case State.FlowSequenceEntryMappingKey: return this.parseFlowSequenceEntryMappingKey();
      case State.FlowSequenceEntryMappingValue: return this.parseFlowSequenceEntryMappingValue();
      case State.FlowSequenceEntryMappingEnd: return this.parseFlowSequenceEntryMappingEnd();
      case State.FlowMappingFirstKey: return this.parseFlowMappingKey(true);
      case State.FlowMappingKey: return this.parseFlowMappingKey(false);
      case State.FlowMappingValue: return this.parseFlowMappingValue(false);
      case State.FlowMappingEmptyValue: return this.parseFlowMappingValue(true);
      default: throw new Error('invalid parser state');
    }
  }

  private parseStreamStart(): YamlEvent {
    const token = this.peek();
    if (token.type !== TokenType.StreamStart) this.error('did not find expected <stream-start>', token.start);
    this.state = State.ImplicitDocumentStart;
    this.skip();
    return { type: EventType.StreamStart, start: token.start, end: token.end };
  }

  private parseDocumentStart(implicit: boolean): YamlEvent {
    let token = this.peek();
    if (!implicit) {
      while (token.type === TokenType.DocumentEnd) {
        this.skip();
        token = this.peek();
      }
    }
    if (
      implicit && token.type !== TokenType.VersionDirective && token.type !== TokenType.TagDirective &&
      token.type !== TokenType.DocumentStart && token.type !== TokenType.StreamEnd
    ) {
      this.processDirectives();
      this.states.push(State.DocumentEnd);
      this.state = State.BlockNode;
      return { type: EventType.DocumentStart, start: token.start, end: token.end, implicit: true };
    }
    if (token.type !== TokenType.StreamEnd) {
      const start = token.start;
      this.processDirectives();
      token = this.peek();
      if (token.type !== TokenType.DocumentStart) this.error('did not find expected <document start>', token.start);
      this.states.push(State.DocumentEnd);
      this.state = State.DocumentContent;
      const end = token.end;
      this.skip();
      return { type: EventType.DocumentStart, start, end, implicit: false };
    }
    this.state = State.End;
    this.skip();
    return { type: EventType.StreamEnd, start: token.start, end: token.end };
  }

  private parseDocumentContent(): YamlEvent {
    const token = this.peek();
    if (
      token.type === TokenType.VersionDirective || token.type === TokenType.TagDirective ||
      token.type === TokenType.DocumentStart || token.type === TokenType.DocumentEnd || token.type === TokenType.StreamEnd
    ) {
      this.pop();
      return this.emptyScalar(token.start);
    }
    return this.parseNode(true, false);
  }

  private parseDocumentEnd(): YamlEvent {
    const token = this.peek();
    const start = token.start;
    let end = token.start;
    let implicit = true;
    if (token.type === TokenType.DocumentEnd) {
      end = token.end;
      this.skip();
      implicit = false;
    }
    this.tagDirectives = [];
    this.state = State.DocumentStart;
    return { type: EventType.DocumentEnd, start, end, implicit };
  }

  private parseNode(block: boolean, indentlessSequence: boolean): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.Alias) {
      this.pop();
      this.skip();
      return { type: EventType.Alias, start: token.start, end: token.end, anchor: bytesText(token.value) };
    }
    let start = token.start;
    let end = token.start;
    let tagToken = false;
    let tagHandle = '';
    let tagSuffix = '';
    let anchor: string | undefined;
    let tagMark = token.start;
    if (token.type === TokenType.Anchor) {
      anchor = bytesText(token.value);
      start = token.start;
      end = token.end;
      this.skip();
      token = this.peek();
      if (token.type === TokenType.Tag) {
        tagToken = true;
        tagHandle = bytesText(token.value);
        tagSuffix = bytesText(token.suffix);
        tagMark = token.start;
        end = token.end;
        this.skip();
        token = this.peek();
      }
    } else if (token.type === TokenType.Tag) {
      tagToken = true;
      tagHandle = bytesText(token.value);
      tagSuffix = bytesText(token.suffix);
      start = token.start;
      tagMark = token.start;
      end = token.end;
      this.skip();
      token = this.peek();
      if (token.type === TokenType.Anchor) {
        anchor = bytesText(token.value);
        end = token.end;
        this.skip();
        token = this.peek();
      }
    }
    let tag = '';
    if (tagToken) {
      if (tagHandle === '') {
        tag = tagSuffix;
      } else {
        const directive = this.tagDirectives.find((d) => d.handle === tagHandle);
        if (directive) tag = directive.prefix + tagSuffix;
        if (tag === '') this.error('found undefined tag handle', tagMark, 'while parsing a node', start);
      }
    }
    const implicit = tag === '';
    if (indentlessSequence && token.type === TokenType.BlockEntry) {
      this.state = State.IndentlessSequenceEntry;
      return { type: EventType.SequenceStart, start, end: token.end, anchor, tag, implicit };
    }
    if (token.type === TokenType.Scalar) {
      let plainImplicit = false;
      let quotedImplicit = false;
      if ((tag === '' && token.style === ScalarStyle.Plain) || tag === '!') plainImplicit = true;
      else if (tag === '') quotedImplicit = true;
      this.pop();
      this.skip();
      return {
        type: EventType.Scalar, start, end: token.end, anchor, tag, value: token.value, text: token.text,
        implicit: plainImplicit, quotedImplicit, style: token.style ?? ScalarStyle.Plain,
      };
    }
    if (token.type === TokenType.FlowSequenceStart) {
      this.state = State.FlowSequenceFirstEntry;
      return { type: EventType.SequenceStart, start, end: token.end, anchor, tag, implicit };
    }
    if (token.type === TokenType.FlowMappingStart) {
      this.state = State.FlowMappingFirstKey;
      return { type: EventType.MappingStart, start, end: token.end, anchor, tag, implicit };
    }
    if (block && token.type === TokenType.BlockSequenceStart) {
      this.state = State.BlockSequenceFirstEntry;
      return { type: EventType.SequenceStart, start, end: token.end, anchor, tag, implicit };
    }
    if (block && token.type === TokenType.BlockMappingStart) {
      this.state = State.BlockMappingFirstKey;
      return { type: EventType.MappingStart, start, end: token.end, anchor, tag, implicit };
    }
    if (anchor !== undefined || tag !== '') {
      this.pop();
      return {
        type: EventType.Scalar, start, end, anchor, tag, value: [], implicit, quotedImplicit: false,
        style: ScalarStyle.Plain,
      };
    }
    const context = block ? 'while parsing a block node' : 'while parsing a flow node';
    this.error('did not find expected node content', token.start, context, start);
  }

  private parseBlockSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let token = this.peek();
    if (token.type === TokenType.BlockEntry) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.BlockEntry && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockSequenceEntry);
        return this.parseNode(true, false);
      }
      this.state = State.BlockSequenceEntry;
      return this.emptyScalar(mark);
    }
    if (token.type === TokenType.BlockEnd) {
      this.pop();
      this.marks.pop();
      this.skip();
      return { type: EventType.SequenceEnd, start: token.start, end: token.end };
    }
    const contextMark = this.marks.pop()!;
    this.error("did not find expected '-' indicator", token.start, 'while parsing a block collection', contextMark);
  }

  private parseIndentlessSequenceEntry(): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.BlockEntry) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.BlockEntry && token.type !== TokenType.Key && token.type !== TokenType.Value && token.type !== TokenType.BlockEnd) {
        this.states.push(State.IndentlessSequenceEntry);
        return this.parseNode(true, false);
      }
      this.state = State.IndentlessSequenceEntry;
      return this.emptyScalar(mark);
    }
    this.pop();
    return { type: EventType.SequenceEnd, start: token.start, end: token.start };
  }

  private parseBlockMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let token = this.peek();
    if (token.type === TokenType.Key) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.Key && token.type !== TokenType.Value && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockMappingValue);
        return this.parseNode(true, true);
      }
      this.state = State.BlockMappingValue;
      return this.emptyScalar(mark);
    }
    if (token.type === TokenType.BlockEnd) {
      this.pop();
      this.marks.pop();
      this.skip();
      return { type: EventType.MappingEnd, start: token.start, end: token.end };
    }
    const contextMark = this.marks.pop()!;
    this.error('did not find expected key', token.start, 'while parsing a block mapping', contextMark);
  }

  private parseBlockMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.Value) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.Key && token.type !== TokenType.Value && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockMappingKey);
        return this.parseNode(true, true);
      }
      this.state = State.BlockMappingKey;
      return this.emptyScalar(mark);
    }
    this.state = State.BlockMappingKey;
    return this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let token = this.peek();
    if (token.type !== TokenType.FlowSequenceEnd) {
      if (!first) {
        if (token.type === TokenType.FlowEntry) {
          this.skip();
          token = this.peek();
        } else {
          const contextMark = this.marks.pop()!;
          this.error("did not find expected ',' or ']'", token.start, 'while parsing a flow sequence', contextMark);
        }
      }
      if (token.type === TokenType.Key) {
        this.state = State.FlowSequenceEntryMappingKey;
        this.skip();
        return { type: EventType.MappingStart, start: token.start, end: token.end, implicit: true, tag: '' };
      }
      if (token.type !== TokenType.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntry);
        return this.parseNode(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.skip();
    return { type: EventType.SequenceEnd, start: token.start, end: token.end };
  }

  private parseFlowSequenceEntryMappingKey(): YamlEvent {
    const token = this.peek();
    if (token.type !== TokenType.Value && token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowSequenceEnd) {
      this.states.push(State.FlowSequenceEntryMappingValue);
      return this.parseNode(false, false);
    }
    const mark = token.end;
    this.skip();
    this.state = State.FlowSequenceEntryMappingValue;
    return this.emptyScalar(mark);
  }

  private parseFlowSequenceEntryMappingValue(): YamlEvent {
    const token = this.peek();
    if (token.type === TokenType.Value) {
      this.skip();
      const next = this.peek();
      if (next.type !== TokenType.FlowEntry && next.type !== TokenType.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntryMappingEnd);
        return this.parseNode(false, false);
      }
    }
    this.state = State.FlowSequenceEntryMappingEnd;
    return this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntryMappingEnd(): YamlEvent {
    const token = this.peek();
    this.state = State.FlowSequenceEntry;
    return { type: EventType.MappingEnd, start: token.start, end: token.start };
  }

  private parseFlowMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let token = this.peek();
    if (token.type !== TokenType.FlowMappingEnd) {
      if (!first) {
        if (token.type === TokenType.FlowEntry) {
          this.skip();
          token = this.peek();
        } else {
          const contextMark = this.marks.pop()!;
          this.error("did not find expected ',' or '}'", token.start, 'while parsing a flow mapping', contextMark);
        }
      }
      if (token.type === TokenType.Key) {
        this.skip();
        token = this.peek();
        if (token.type !== TokenType.Value && token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowMappingEnd) {
          this.states.push(State.FlowMappingValue);
          return this.parseNode(false, false);
        }
        this.state = State.FlowMappingValue;
        return this.emptyScalar(token.start);
      }
      if (token.type !== TokenType.FlowMappingEnd) {
        this.states.push(State.FlowMappingEmptyValue);
        return this.parseNode(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.skip();
    return { type: EventType.MappingEnd, start: token.start, end: token.end };
  }

  private parseFlowMappingValue(empty: boolean): YamlEvent {
    let token = this.peek();
    if (empty) {
      this.state = State.FlowMappingKey;
      return this.emptyScalar(token.start);
    }
    if (token.type === TokenType.Value) {
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowMappingEnd) {
        this.states.push(State.FlowMappingKey);
        return this.parseNode(false, false);
      }
    }
    this.state = State.FlowMappingKey;
    return this.emptyScalar(token.start);
  }

  private emptyScalar(mark: Mark): YamlEvent {
    return { type: EventType.Scalar, start: mark, end: mark, value: [], implicit: true, tag: '', style: ScalarStyle.Plain };
  }

  private processDirectives(): void {
    let sawVersion = false;
    let token = this.peek();
    while (token.type === TokenType.VersionDirective || token.type === TokenType.TagDirective) {
      if (token.type === TokenType.VersionDirective) {
        if (sawVersion) this.error('found duplicate %YAML directive', token.start);
        if (token.major !== 1 || token.minor !== 1) this.error('found incompatible YAML document', token.start);
        sawVersion = true;
      } else {
        this.appendTagDirective({ handle: bytesText(token.value), prefix: bytesText(token.prefix) }, false, token.start);
      }
      this.skip();
      token = this.peek();
    }
    for (const d of DEFAULT_TAG_DIRECTIVES) this.appendTagDirective(d, true, token.start);
  }

  private appendTagDirective(value: TagDirective, allowDuplicates: boolean, mark: Mark): void {
    if (this.tagDirectives.some((d) => d.handle === value.handle)) {
      if (allowDuplicates) return;
      this.error('found duplicate %TAG directive', mark);
    }
    this.tagDirectives.push({ ...value });
  }
}
