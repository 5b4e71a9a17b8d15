/**
 * helm's `toYamlPretty`: a yaml.v3 Encoder (sigs.k8s.io/yaml/goyaml.v3) with SetIndent(2)
 * encoding the Go value directly (no JSON step): float64 prints as Go's %g (`1e+06`),
 * sequences are indented under their key, long strings are never folded, and YAML 1.1 bool
 * words (`yes`, `on`, `n`...) are still quoted.
 */
import { GoInt, GoStruct, typeOf, type GoValue } from '../template/value.js';
import { ScalarStyle } from './libyaml/scanner.js';
import { CollectionStyle, Emitter, EmitEventType, type EmitEvent } from './emitter.js';
import { jsonView, JsonStruct } from './json.js';
import { goYamlFloatText } from './marshal.js';
import { BINARY_TAG, resolveScalar, STR_TAG } from './resolve.js';
import { goStringToBytes, isValidUtf8String } from '../template/gostring.js';
import { sortGoYamlKeys } from './sorter.js';

/** yaml.v3 panics on values it cannot encode (`cannot marshal type: func() string`). */
export class YamlPrettyMarshalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlPrettyMarshalError';
  }
}

const OLD_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function scalar(value: string, style: ScalarStyle): EmitEvent {
  return { type: EmitEventType.Scalar, value, implicit: true, quotedImplicit: true, scalarStyle: style };
}

/** yaml.v3 encodeBase64: standard base64, broken into lines of 70 when longer than one line. */
function base64Lines(s: string): string {
  const LINE = 70;
  const enc = Buffer.from(goStringToBytes(s)).toString('base64');
  const lines = Math.floor(enc.length / LINE) + 1;
  if (lines === 1) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += LINE) out += enc.slice(i, i + LINE) + '\n';
  return out;
}

/**
 * yaml.v3 encoder.stringv. Its YAML 1.2 resolver plus isOldBool quotes what v2's resolver would.
 * A string that is not valid UTF-8 cannot be YAML text: it is written as `!!binary` base64.
 */
function stringEvent(s: string): EmitEvent {
  if (!isValidUtf8String(s)) {
    const value = base64Lines(s);
    const style = value.includes('\n') ? ScalarStyle.Literal : ScalarStyle.Plain;
    return { type: EmitEventType.Scalar, value, tag: BINARY_TAG, implicit: false, quotedImplicit: false, scalarStyle: style };
  }
  const base60 = s !== '' && /^[-+0-9]/.test(s) && s.includes(':') && BASE60_FLOAT.test(s);
  const canUsePlain = resolveScalar('', s).tag === STR_TAG && !base60 && !OLD_BOOLS.has(s);
  if (s.includes('\n')) return scalar(s, ScalarStyle.Literal);
  return scalar(s, canUsePlain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted);
}

/** A ready event on the work stack (as opposed to a value still to be expanded). */
class Ready {
  constructor(readonly event: EmitEvent) {}
}

const seqStart: EmitEvent = { type: EmitEventType.SequenceStart, implicit: true, collectionStyle: CollectionStyle.Block };
const mapStart: EmitEvent = { type: EmitEventType.MappingStart, implicit: true, collectionStyle: CollectionStyle.Block };

/**
 * Implemented by GoStructs yaml.v3 writes as one plain scalar before any other hook (its
 * encoder's special case for time.Time, formatted as RFC 3339 with nanoseconds).
 */
export interface YamlV3PlainScalar {
  yamlV3PlainScalar(): string;
}

function isYamlV3Plain(v: unknown): v is YamlV3PlainScalar {
  return v instanceof GoStruct && typeof (v as Partial<YamlV3PlainScalar>).yamlV3PlainScalar === 'function';
}

/** yaml.v3 encoder.marshal, as events; iterative so deep values cannot overflow the stack. */
function nodeEvents(root: GoValue, out: EmitEvent[]): void {
  const work: (GoValue | JsonStruct | Ready)[] = [root];
  const pushEntries = (entries: readonly (readonly [string, GoValue])[]) => {
    out.push(mapStart);
    work.push(new Ready({ type: EmitEventType.MappingEnd }));
    for (let i = entries.length - 1; i >= 0; i--) work.push(entries[i]![1], new Ready(stringEvent(entries[i]![0])));
  };
  while (work.length > 0) {
    const item = work.pop()!;
    if (item instanceof Ready) {
      out.push(item.event);
      continue;
    }
    if (isYamlV3Plain(item)) {
      out.push(scalar(item.yamlV3PlainScalar(), ScalarStyle.Plain));
      continue;
    }
    const v = item instanceof GoStruct ? jsonView(item) : item;
    if (v instanceof JsonStruct) {
      // Structs keep their field order (yaml.v3 structv); names follow the JSON hook here.
      pushEntries(v.fields);
    } else if (v === undefined || v === null) {
      out.push(scalar('null', ScalarStyle.Plain));
    } else if (typeof v === 'boolean') {
      out.push(scalar(v ? 'true' : 'false', ScalarStyle.Plain));
    } else if (typeof v === 'string') {
      out.push(stringEvent(v));
    } else if (typeof v === 'number') {
      out.push(scalar(goYamlFloatText(v), ScalarStyle.Plain));
    } else if (v instanceof GoInt) {
      out.push(scalar(v.value.toString(), ScalarStyle.Plain));
    } else if (v instanceof Uint8Array) {
      // []byte is just a slice of uint8 to yaml.v3.
      out.push(seqStart);
      for (const b of v) out.push(scalar(String(b), ScalarStyle.Plain));
      out.push({ type: EmitEventType.SequenceEnd });
    } else if (Array.isArray(v)) {
      out.push(seqStart);
      work.push(new Ready({ type: EmitEventType.SequenceEnd }));
      for (let i = v.length - 1; i >= 0; i--) work.push(v[i]);
    } else if (v instanceof Map) {
      pushEntries(sortGoYamlKeys([...v.keys()], true).map((k) => [k, v.get(k)] as const));
    } else {
      throw new YamlPrettyMarshalError(`cannot marshal type: ${typeOf(v)}`);
    }
  }
}

/**
 * yaml.v3 `NewEncoder(w); SetIndent(2); Encode(v)` output (helm never calls Close, so there is
 * no stream end). Ends with a newline; helm's toYamlPretty trims it.
 */
export function marshalYamlPretty(v: GoValue): string {
  const events: EmitEvent[] = [{ type: EmitEventType.StreamStart }, { type: EmitEventType.DocumentStart, implicit: true }];
  nodeEvents(v, events);
  events.push({ type: EmitEventType.DocumentEnd, implicit: true });
  return new Emitter({ flavor: 'v3', bestIndent: 2, bestWidth: -1 }).emitAll(events);
}
