/**
 * go-yaml v2's Unmarshal into `interface{}` (decode.go): events → node tree (with anchors) →
 * Go values, keeping go-yaml's quirks: only the first document is read, duplicate keys silently
 * overwrite, `<<` merges in place (keys after it win, keys before it lose), aliases are expanded
 * with the "excessive aliasing" ratio check, timestamps stay strings, `!!binary` is base64-decoded.
 */
import { LibyamlError } from './libyaml/errors.js';
import { EventParser, EventType, type YamlEvent } from './libyaml/parser.js';
import { Scanner } from './libyaml/scanner.js';
import { utf8Text } from './libyaml/chars.js';
import { goStringFromBytes, goStringToBytes, invalidBytesAsRuneError } from '../template/gostring.js';
import {
  BINARY_TAG, MERGE_TAG, ResolveError, resolveScalar, YamlInt, YamlTimestamp,
} from './resolve.js';
import { formatGoSyntax } from './go-syntax.js';

/** A failure inside go-yaml; `message` is the text after `yaml: `. */
export class GoYamlError extends Error {
  constructor(
    message: string,
    /** 1-based line when the failure came from the scanner/parser and go-yaml printed one. */
    readonly line: number = 0,
  ) {
    super(message);
    this.name = 'GoYamlError';
  }
}

/** A decoded map: map[interface{}]interface{} with Go key equality. */
export class YamlMap {
  readonly entries = new Map<string, { key: YamlValue; value: YamlValue }>();
  private nanCount = 0;

  set(key: YamlValue, value: YamlValue): void {
    this.entries.set(this.identity(key), { key, value });
  }

  private identity(key: YamlValue): string {
    if (key === null) return 'n';
    if (typeof key === 'boolean') return 'b' + key;
    if (typeof key === 'string') return 's' + key;
    if (typeof key === 'number') return Number.isNaN(key) ? 'NaN' + this.nanCount++ : 'f' + (key === 0 ? 0 : key);
    if (key instanceof YamlInt) return (key.goType === 'int' ? 'i' : 'u') + key.value;
    throw new Error('unhashable key');
  }
}

export type YamlValue = null | boolean | string | number | YamlInt | YamlMap | YamlValue[];

const enum NodeKind { Document, Mapping, Sequence, Scalar, Alias }

interface YNode {
  kind: NodeKind;
  line: number;
  tag: string;
  value: string;
  implicit: boolean;
  children: YNode[];
  alias: YNode | undefined;
}

const NO_CHILDREN = Object.freeze([]) as unknown as YNode[];

/** go-yaml's parser struct: builds nodes for the first document. */
class Composer {
  private event: YamlEvent | undefined;
  private started = false;
  private anchors = new Map<string, YNode>();

  constructor(private readonly parser: EventParser) {}

  private fetch(): YamlEvent {
    if (!this.event) {
      const e = this.parser.next();
      if (!e) throw new GoYamlError('attempted to go past the end of stream; corrupted value?');
      this.event = e;
    }
    return this.event;
  }

  private expect(type: EventType): YamlEvent {
    const e = this.fetch();
    if (e.type === EventType.StreamEnd) throw new GoYamlError('attempted to go past the end of stream; corrupted value?');
    if (e.type !== type) throw new GoYamlError(`expected event ${type} but got ${e.type}`);
    this.event = undefined;
    return e;
  }

  private node(kind: NodeKind, e: YamlEvent): YNode {
    // Scalars and aliases share one frozen empty list: they never get children.
    const children = kind === NodeKind.Scalar || kind === NodeKind.Alias ? NO_CHILDREN : [];
    return { kind, line: e.start.line, tag: '', value: '', implicit: false, children, alias: undefined };
  }

  /** go-yaml's parser.parse() for the stream: the first document node, or null if none. */
  parse(): YNode | null {
    if (!this.started) {
      this.expect(EventType.StreamStart);
      this.started = true;
    }
    const e = this.fetch();
    if (e.type === EventType.StreamEnd) return null;
    if (e.type !== EventType.DocumentStart) return this.parseNode();
    const n = this.node(NodeKind.Document, e);
    this.anchors = new Map();
    this.expect(EventType.DocumentStart);
    n.children.push(this.parseNode());
    this.expect(EventType.DocumentEnd);
    return n;
  }

  /**
   * One node and its children, in go-yaml's order (anchors are registered when a node starts).
   * Iterative, with the open collections on a stack: nesting is bounded only by the scanner.
   */
  private parseNode(): YNode {
    const open: YNode[] = [];
    for (;;) {
      const e = this.fetch();
      let done: YNode;
      switch (e.type) {
        case EventType.Scalar: {
          done = this.node(NodeKind.Scalar, e);
          done.value = e.text ?? utf8Text(e.value ?? []);
          done.tag = e.tag ?? '';
          done.implicit = e.implicit ?? false;
          if (e.anchor !== undefined) this.anchors.set(e.anchor, done);
          this.expect(EventType.Scalar);
          break;
        }
        case EventType.Alias: {
          done = this.node(NodeKind.Alias, e);
          done.value = e.anchor ?? '';
          done.alias = this.anchors.get(done.value);
          if (!done.alias) throw new GoYamlError(`unknown anchor '${done.value}' referenced`);
          this.expect(EventType.Alias);
          break;
        }
        case EventType.MappingStart:
        case EventType.SequenceStart: {
          const n = this.node(e.type === EventType.MappingStart ? NodeKind.Mapping : NodeKind.Sequence, e);
          if (e.anchor !== undefined) this.anchors.set(e.anchor, n);
          this.expect(e.type);
          open.push(n);
          continue;
        }
        case EventType.MappingEnd:
        case EventType.SequenceEnd: {
          const top = open[open.length - 1];
          if (!top) throw new GoYamlError(`attempted to parse unknown event: ${e.type}`);
          this.expect(e.type);
          done = open.pop()!;
          break;
        }
        default:
          throw new GoYamlError(`attempted to parse unknown event: ${e.type}`);
      }
      const parent = open[open.length - 1];
      if (!parent) return done;
      parent.children.push(done);
    }
  }
}

/** go-yaml's alias_ratio_range_low/high: documents this large get less alias expansion. */
export const ALIAS_RATIO_RANGE_LOW = 400000;
export const ALIAS_RATIO_RANGE_HIGH = 4000000;
/** Below these counts the excessive-aliasing check never fires. */
export const ALIAS_CHECK_MIN_ALIASES = 100;
export const ALIAS_CHECK_MIN_DECODES = 1000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_RANGE_LOW) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
}

/** Decodes base64 the way Go's StdEncoding.DecodeString accepts it (padding required, \r\n skipped). */
function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  return Uint8Array.from(Buffer.from(clean, 'base64'));
}

/**
 * A `!!binary` value as sigs.k8s.io/yaml hands it on: go-yaml makes the bytes a Go string, and
 * the JSON step then replaces each byte outside valid UTF-8 with U+FFFD (json.Marshal).
 */
export function goBytesToString(bytes: Uint8Array): string {
  return invalidBytesAsRuneError(goStringFromBytes(bytes));
}

/** go-yaml's decoder struct, specialised to interface{} targets. */
class Decoder {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly activeAliases = new Set<YNode>();

  /** Counts one decode step and applies go-yaml's excessive-aliasing check. */
  private count(): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (
      this.aliasCount > ALIAS_CHECK_MIN_ALIASES && this.decodeCount > ALIAS_CHECK_MIN_DECODES &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      throw new GoYamlError('document contains excessive aliasing');
    }
  }

  private enterAlias(n: YNode): void {
    if (this.activeAliases.has(n)) throw new GoYamlError(`anchor '${n.value}' value contains itself`);
    this.activeAliases.add(n);
    this.aliasDepth++;
  }

  private leaveAlias(n: YNode): void {
    this.aliasDepth--;
    this.activeAliases.delete(n);
  }

  /**
   * go-yaml's d.unmarshal(n, interface{}): decodes in the same order (and with the same step
   * counts) as its recursion, but with an explicit stack so deep documents cannot overflow.
   */
  unmarshal(root: YNode): YamlValue {
    type Frame =
      | { kind: 'alias'; node: YNode }
      | { kind: 'seq'; node: YNode; out: YamlValue[]; i: number }
      | { kind: 'map'; node: YNode; out: YamlMap; pair: number; key: YamlValue; awaiting: 'start' | 'key' | 'value' };
    const stack: Frame[] = [];
    let next: YNode | undefined = root;
    let result: YamlValue = null;
    for (;;) {
      if (next) {
        const n: YNode = next;
        next = undefined;
        this.count();
        if (n.kind === NodeKind.Document) {
          if (n.children.length === 1) next = n.children[0];
          else result = null;
          if (next) continue;
        } else if (n.kind === NodeKind.Alias) {
          this.enterAlias(n);
          stack.push({ kind: 'alias', node: n });
          next = n.alias!;
          continue;
        } else if (n.kind === NodeKind.Scalar) {
          result = this.scalar(n);
        } else if (n.kind === NodeKind.Sequence) {
          const out: YamlValue[] = [];
          if (n.children.length > 0) {
            stack.push({ kind: 'seq', node: n, out, i: 0 });
            next = n.children[0];
            continue;
          }
          result = out;
        } else {
          stack.push({ kind: 'map', node: n, out: new YamlMap(), pair: 0, key: null, awaiting: 'start' });
        }
      }
      // Deliver `result` to the innermost open collection; close the ones that are complete.
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) return result;
        if (top.kind === 'alias') {
          this.leaveAlias(top.node);
          stack.pop();
          continue;
        }
        if (top.kind === 'seq') {
          top.out.push(result);
          top.i++;
          if (top.i < top.node.children.length) {
            next = top.node.children[top.i];
            break;
          }
          result = top.out;
          stack.pop();
          continue;
        }
        const children = top.node.children;
        if (top.awaiting === 'key') {
          if (result instanceof YamlMap || Array.isArray(result)) throw new GoYamlError(`invalid map key: ${formatGoSyntax(result)}`);
          top.key = result;
          top.awaiting = 'value';
          next = children[top.pair * 2 + 1];
          break;
        }
        if (top.awaiting === 'value') {
          top.out.set(top.key, result);
          top.pair++;
        }
        while (top.pair * 2 < children.length && isMerge(children[top.pair * 2]!)) {
          this.merge(children[top.pair * 2 + 1]!, top.out);
          top.pair++;
        }
        if (top.pair * 2 >= children.length) {
          result = top.out;
          stack.pop();
          continue;
        }
        top.awaiting = 'key';
        next = children[top.pair * 2];
        break;
      }
    }
  }

  private scalar(n: YNode): YamlValue {
    if (n.tag === '') return n.implicit ? resolvePlainScalar(n.value) : n.value;
    let resolved;
    try {
      resolved = resolveScalar(n.tag, n.value);
    } catch (e) {
      if (e instanceof ResolveError) throw new GoYamlError(e.message);
      throw e;
    }
    if (resolved.tag === BINARY_TAG) {
      const bytes = decodeBase64(String(resolved.value));
      if (!bytes) throw new GoYamlError('!!binary value contains invalid base64 data');
      return goBytesToString(bytes);
    }
    const v = resolved.value;
    if (v instanceof YamlTimestamp) return n.value;
    return v;
  }

  /** Decodes a mapping node into an existing map (a merge source). */
  private fillMapping(n: YNode, out: YamlMap): void {
    for (let i = 0; i < n.children.length; i += 2) {
      const keyNode = n.children[i]!;
      if (isMerge(keyNode)) {
        this.merge(n.children[i + 1]!, out);
        continue;
      }
      const key = this.unmarshal(keyNode);
      if (key instanceof YamlMap || Array.isArray(key)) throw new GoYamlError(`invalid map key: ${formatGoSyntax(key)}`);
      const value = this.unmarshal(n.children[i + 1]!);
      out.set(key, value);
    }
  }

  /** Decodes n into an existing map (go-yaml's d.unmarshal(n, out) with a map `out`). */
  private unmarshalInto(n: YNode, out: YamlMap): void {
    this.count();
    if (n.kind === NodeKind.Alias) {
      this.enterAlias(n);
      this.unmarshalInto(n.alias!, out);
      this.leaveAlias(n);
      return;
    }
    if (n.kind === NodeKind.Mapping) this.fillMapping(n, out);
  }

  private merge(n: YNode, out: YamlMap): void {
    const wantMap = (): never => {
      throw new GoYamlError('map merge requires map or sequence of maps as the value');
    };
    switch (n.kind) {
      case NodeKind.Mapping:
        this.unmarshalInto(n, out);
        return;
      case NodeKind.Alias:
        if (n.alias && n.alias.kind !== NodeKind.Mapping) wantMap();
        this.unmarshalInto(n, out);
        return;
      case NodeKind.Sequence:
        for (let i = n.children.length - 1; i >= 0; i--) {
          const c = n.children[i]!;
          if (c.kind === NodeKind.Alias) {
            if (c.alias && c.alias.kind !== NodeKind.Mapping) wantMap();
          } else if (c.kind !== NodeKind.Mapping) {
            wantMap();
          }
          this.unmarshalInto(c, out);
        }
        return;
      default:
        wantMap();
    }
  }
}

/**
 * An untagged plain scalar's value: go-yaml's resolve() of the text, timestamps kept as text
 * (as decoding into interface{} does). Resolution without a tag never fails.
 */
export function resolvePlainScalar(text: string): YamlValue {
  if (plainStringOnly(text)) return text;
  const v = resolveScalar('', text).value;
  return v instanceof YamlTimestamp ? text : v;
}

/**
 * True when resolve() leaves this untagged plain text a string without looking further: its
 * first character gives go-yaml no hint (not a sign, digit, dot, or the first letter of a
 * YAML 1.1 bool/null word), as most keys and names. Saves the resolution's two objects.
 */
function plainStringOnly(text: string): boolean {
  if (text === '') return false;
  const c = text.charCodeAt(0);
  if (c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39)) return false;
  return !HINTED_LETTERS.includes(text[0]!);
}

/** The letters go-yaml's resolve table hints at (yes/no/true/false/on/off/null's ~). */
const HINTED_LETTERS = 'yYnNtTfFoO~';

function isMerge(n: YNode): boolean {
  return n.kind === NodeKind.Scalar && n.value === '<<' && (n.implicit || n.tag === MERGE_TAG);
}

/**
 * The reader's checks (readerc.go yaml_parser_update_buffer) over the whole UTF-8 input: the
 * first malformed sequence or character YAML does not allow, with go-yaml's problem text.
 * (go-yaml decodes in chunks as the scanner asks for them, so a syntax error before the bad
 * byte can win there; here the reader's problem always wins.)
 */
function checkReadable(b: Uint8Array): void {
  const fail = (problem: string): never => {
    throw new LibyamlError('reader', problem, undefined);
  };
  let i = 0;
  while (i < b.length) {
    const lead = b[i]!;
    if (lead >= 0x20 && lead <= 0x7e) {
      i++;
      continue;
    }
    const width = (lead & 0x80) === 0 ? 1 : (lead & 0xe0) === 0xc0 ? 2 : (lead & 0xf0) === 0xe0 ? 3 : (lead & 0xf8) === 0xf0 ? 4 : 0;
    if (width === 0) fail('invalid leading UTF-8 octet');
    if (width > b.length - i) fail('incomplete UTF-8 octet sequence');
    let value = width === 1 ? lead : width === 2 ? lead & 0x1f : width === 3 ? lead & 0x0f : lead & 0x07;
    for (let k = 1; k < width; k++) {
      const octet = b[i + k]!;
      if ((octet & 0xc0) !== 0x80) fail('invalid trailing UTF-8 octet');
      value = (value << 6) + (octet & 0x3f);
    }
    const shortest = width === 1 || (width === 2 && value >= 0x80) || (width === 3 && value >= 0x800) || (width === 4 && value >= 0x10000);
    if (!shortest) fail('invalid length of a UTF-8 sequence');
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) fail('invalid Unicode character');
    const allowed =
      value === 0x09 || value === 0x0a || value === 0x0d || (value >= 0x20 && value <= 0x7e) || value === 0x85 ||
      (value >= 0xa0 && value <= 0xd7ff) || (value >= 0xe000 && value <= 0xfffd) || (value >= 0x10000 && value <= 0x10ffff);
    if (!allowed) fail('control characters are not allowed');
    i += width;
  }
}

const ASCII = /^[\x00-\x7f]*$/;
const PRINTABLE_ASCII = /^[\x09\x0a\x0d\x20-\x7e]*$/;
const asciiEncoder = new TextEncoder();

/** Padding after the input: libyaml sees NUL at the end of the stream, and looks ahead up to 4. */
const END_PADDING = 8;

/**
 * gopkg.in/yaml.v2 `Unmarshal(text, &interface{})`: the first document as go-yaml values.
 * Throws GoYamlError with go-yaml's message (without the `yaml: ` prefix).
 */
export function goYamlUnmarshal(text: string): YamlValue {
  // An ASCII text is its own bytes: written straight into the padded buffer, and the scanner
  // slices scalars from the text instead of decoding them.
  // Tab, line breaks and printable ASCII are all the reader accepts without looking closer.
  const readable = PRINTABLE_ASCII.test(text);
  const source = text.length > 0 && (readable || ASCII.test(text)) ? text : undefined;
  let bytes: Uint8Array;
  let buf: Uint8Array | undefined;
  if (source !== undefined) {
    buf = new Uint8Array(source.length + END_PADDING);
    asciiEncoder.encodeInto(source, buf);
    bytes = buf.subarray(0, source.length);
  } else {
    // The Go string's bytes: raw invalid bytes reach the reader, which reports them as go-yaml does.
    bytes = goStringToBytes(text.length === 0 ? '\n' : text);
  }
  try {
    // A UTF-8 byte order mark is skipped before reading (yaml_parser_determine_encoding).
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (!readable) checkReadable(bytes);
    if (buf === undefined) {
      buf = new Uint8Array(bytes.length + END_PADDING);
      buf.set(bytes);
    }
    const composer = new Composer(new EventParser(new Scanner(buf, source)));
    const root = composer.parse();
    if (root === null) return null;
    return new Decoder().unmarshal(root);
  } catch (e) {
    if (e instanceof LibyamlError) throw new GoYamlError(e.goMessage(), e.goLine());
    throw e;
  }
}

