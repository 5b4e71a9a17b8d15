/**
 * helm's `toYamlPretty`: a yaml.v3 Encoder (sigs.k8s.io/yaml/goyaml.v3) with SetIndent(2)
 * encoding the Go value directly (no JSON step): float64 prints as Go's %g (`1e+06`),
 * sequences are indented under their key, long strings are never folded, and YAML 1.1 bool
 * words (`yes`, `on`, `n`...) are still quoted.
 */
import { GoFunc, GoInt, GoStruct, typeOf, type GoValue } from '../template/value.js';
import { ScalarStyle } from './libyaml/scanner.js';
import { CollectionStyle, Emitter, EmitEventType, type EmitEvent } from './emitter.js';
import { jsonView, JsonStruct } from './json.js';
import { goYamlFloatText } from './marshal.js';
import { resolveScalar, STR_TAG } from './resolve.js';
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

/** yaml.v3 encoder.stringv. Its YAML 1.2 resolver plus isOldBool quotes what v2's resolver would. */
function stringEvent(s: string): EmitEvent {
  const base60 = s !== '' && /^[-+0-9]/.test(s) && s.includes(':') && BASE60_FLOAT.test(s);
  const canUsePlain = resolveScalar('', s).tag === STR_TAG && !base60 && !OLD_BOOLS.has(s);
  if (s.includes('\n')) return scalar(s, ScalarStyle.Literal);
  return scalar(s, canUsePlain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted);
}

function nodeEvents(raw: GoValue | JsonStruct, out: EmitEvent[]): void {
  const v = raw instanceof GoStruct ? jsonView(raw) : raw;
  if (v instanceof JsonStruct) {
    // Structs keep their field order (yaml.v3 structv); names follow the JSON hook here.
    out.push({ type: EmitEventType.MappingStart, implicit: true, collectionStyle: CollectionStyle.Block });
    for (const [k, x] of v.fields) {
      out.push(stringEvent(k));
      nodeEvents(x, out);
    }
    out.push({ type: EmitEventType.MappingEnd });
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
    out.push({ type: EmitEventType.SequenceStart, implicit: true, collectionStyle: CollectionStyle.Block });
    for (const b of v) out.push(scalar(String(b), ScalarStyle.Plain));
    out.push({ type: EmitEventType.SequenceEnd });
  } else if (Array.isArray(v)) {
    out.push({ type: EmitEventType.SequenceStart, implicit: true, collectionStyle: CollectionStyle.Block });
    for (const x of v) nodeEvents(x, out);
    out.push({ type: EmitEventType.SequenceEnd });
  } else if (v instanceof Map) {
    out.push({ type: EmitEventType.MappingStart, implicit: true, collectionStyle: CollectionStyle.Block });
    for (const k of sortGoYamlKeys([...v.keys()], true)) {
      out.push(stringEvent(k));
      nodeEvents(v.get(k), out);
    }
    out.push({ type: EmitEventType.MappingEnd });
  } else if (v instanceof GoFunc) {
    throw new YamlPrettyMarshalError(`cannot marshal type: ${typeOf(v)}`);
  } else {
    throw new YamlPrettyMarshalError(`cannot marshal type: ${typeOf(v)}`);
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
