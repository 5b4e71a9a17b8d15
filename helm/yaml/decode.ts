/**
 * go-yaml v2's Unmarshal into `interface{}` (decode.go): events → node tree (with anchors) →
 * Go values, keeping go-yaml's quirks: only the first document is read, duplicate keys silently
 * overwrite, `<<` merges in place (keys after it win, keys before it lose), aliases are expanded
 * with the "excessive aliasing" ratio check, timestamps stay strings, `!!binary` is base64-decoded.
 */
import { LibyamlError } from './libyaml/errors.js';
import { EventParser, EventType, type YamlEvent } from './libyaml/parser.js';
import { Scanner } from './libyaml/scanner.js';
import { utf8Bytes, utf8Text } from './libyaml/chars.js';
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
  alias?: YNode;
}

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
    return { kind, line: e.start.line, tag: '', value: '', implicit: false, children: [] };
  }

  parse(): YNode | null {
    if (!this.started) {
      this.expect(EventType.StreamStart);
      this.started = true;
    }
    const e = this.fetch();
    switch (e.type) {
      case EventType.Scalar: {
        const n = this.node(NodeKind.Scalar, e);
        n.value = utf8Text(e.value ?? []);
        n.tag = e.tag ?? '';
        n.implicit = e.implicit ?? false;
        if (e.anchor !== undefined) this.anchors.set(e.anchor, n);
        this.expect(EventType.Scalar);
        return n;
      }
      case EventType.Alias: {
        const n = this.node(NodeKind.Alias, e);
        n.value = e.anchor ?? '';
        n.alias = this.anchors.get(n.value);
        if (!n.alias) throw new GoYamlError(`unknown anchor '${n.value}' referenced`);
        this.expect(EventType.Alias);
        return n;
      }
      case EventType.MappingStart: {
        const n = this.node(NodeKind.Mapping, e);
        if (e.anchor !== undefined) this.anchors.set(e.anchor, n);
        this.expect(EventType.MappingStart);
        while (this.fetch().type !== EventType.MappingEnd) n.children.push(this.parse()!, this.parse()!);
        this.expect(EventType.MappingEnd);
        return n;
      }
      case EventType.SequenceStart: {
        const n = this.node(NodeKind.Sequence, e);
        if (e.anchor !== undefined) this.anchors.set(e.anchor, n);
        this.expect(EventType.SequenceStart);
        while (this.fetch().type !== EventType.SequenceEnd) n.children.push(this.parse()!);
        this.expect(EventType.SequenceEnd);
        return n;
      }
      case EventType.DocumentStart: {
        const n = this.node(NodeKind.Document, e);
        this.anchors = new Map();
        this.expect(EventType.DocumentStart);
        n.children.push(this.parse()!);
        this.expect(EventType.DocumentEnd);
        return n;
      }
      case EventType.StreamEnd:
        return null;
      default:
        throw new GoYamlError(`attempted to parse unknown event: ${e.type}`);
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

/** Bytes → string with Go's per-byte U+FFFD replacement for invalid UTF-8 (as json.Marshal does). */
export function goBytesToString(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let size = 0;
    let cp = 0;
    if (b < 0x80) {
      size = 1;
      cp = b;
    } else if (b >= 0xc2 && b <= 0xdf) {
      size = 2;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      size = 3;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      size = 4;
      cp = b & 0x07;
    }
    let ok = size > 0 && i + size <= bytes.length;
    for (let k = 1; ok && k < size; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && size === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok && size === 4 && (cp < 0x10000 || cp > 0x10ffff)) ok = false;
    if (!ok) {
      out += '\ufffd';
      i += 1;
    } else {
      out += String.fromCodePoint(cp);
      i += size;
    }
  }
  return out;
}

/** go-yaml's decoder struct, specialised to interface{} targets. */
class Decoder {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly activeAliases = new Set<YNode>();

  unmarshal(n: YNode): YamlValue {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (
      this.aliasCount > ALIAS_CHECK_MIN_ALIASES && this.decodeCount > ALIAS_CHECK_MIN_DECODES &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      throw new GoYamlError('document contains excessive aliasing');
    }
    switch (n.kind) {
      case NodeKind.Document:
        return n.children.length === 1 ? this.unmarshal(n.children[0]!) : null;
      case NodeKind.Alias:
        return this.alias(n);
      case NodeKind.Scalar:
        return this.scalar(n);
      case NodeKind.Mapping: {
        const m = new YamlMap();
        this.fillMapping(n, m);
        return m;
      }
      case NodeKind.Sequence:
        return n.children.map((c) => this.unmarshal(c));
    }
  }

  private alias(n: YNode): YamlValue {
    if (this.activeAliases.has(n)) throw new GoYamlError(`anchor '${n.value}' value contains itself`);
    this.activeAliases.add(n);
    this.aliasDepth++;
    const v = this.unmarshal(n.alias!);
    this.aliasDepth--;
    this.activeAliases.delete(n);
    return v;
  }

  private scalar(n: YNode): YamlValue {
    if (n.tag === '' && !n.implicit) return n.value;
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

  /** Decodes a mapping node into `out` (also used for merges into an existing map). */
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
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (n.kind === NodeKind.Alias) {
      if (this.activeAliases.has(n)) throw new GoYamlError(`anchor '${n.value}' value contains itself`);
      this.activeAliases.add(n);
      this.aliasDepth++;
      this.unmarshalInto(n.alias!, out);
      this.aliasDepth--;
      this.activeAliases.delete(n);
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

function isMerge(n: YNode): boolean {
  return n.kind === NodeKind.Scalar && n.value === '<<' && (n.implicit || n.tag === MERGE_TAG);
}

/** The reader's check (readerc.go): characters YAML does not allow anywhere in a stream. */
function checkReadable(text: string): void {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const ok =
      c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e) || c === 0x85 ||
      (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
    if (!ok) throw new LibyamlError('reader', 'control characters are not allowed', undefined);
  }
}

/** Padding after the input: libyaml sees NUL at the end of the stream, and looks ahead up to 4. */
const END_PADDING = 8;

/**
 * gopkg.in/yaml.v2 `Unmarshal(text, &interface{})`: the first document as go-yaml values.
 * Throws GoYamlError with go-yaml's message (without the `yaml: ` prefix).
 */
export function goYamlUnmarshal(text: string): YamlValue {
  let input = text.length === 0 ? '\n' : text;
  try {
    checkReadable(input);
    if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
    const bytes = utf8Bytes(input);
    const buf = new Uint8Array(bytes.length + END_PADDING);
    buf.set(bytes);
    const composer = new Composer(new EventParser(new Scanner(buf)));
    const root = composer.parse();
    if (root === null) return null;
    return new Decoder().unmarshal(root);
  } catch (e) {
    if (e instanceof LibyamlError) throw new GoYamlError(e.goMessage(), e.goLine());
    throw e;
  }
}

