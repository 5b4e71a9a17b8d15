/**
 * sigs.k8s.io/yaml.Marshal (v1.4.0) as helm's `toYaml` calls it: encoding/json first (so structs
 * use their JSON names, []byte becomes base64 and every number becomes JSON text), then
 * JSONToYAML, which decodes that JSON with go-yaml v2 (JSON numbers become int when integral,
 * else float64) and re-encodes it with go-yaml v2's encoder and emitter.
 */
import type { GoValue } from '../template/value.js';
import { ScalarStyle } from './libyaml/scanner.js';
import { CollectionStyle, Emitter, EmitEventType, type EmitEvent } from './emitter.js';
import { formatFloat } from './go-strconv.js';
import { GoYamlError, goYamlUnmarshal, YamlMap, type YamlValue } from './decode.js';
import { JsonMarshalError, marshalJson } from './json.js';
import { jsonTextAsYaml } from './json-as-yaml.js';
import { resolveScalar, STR_TAG, YamlInt } from './resolve.js';
import { sortGoYamlKeys } from './sorter.js';

/** sigs.k8s.io/yaml.Marshal's error: `error marshaling into JSON: json: unsupported value: NaN`. */
export class YamlMarshalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlMarshalError';
  }
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** go-yaml v2's isBase60Float: YAML 1.1 sexagesimal numbers, quoted on output for old parsers. */
function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0]!;
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

function scalarEvent(value: string, style: ScalarStyle): EmitEvent {
  return { type: EmitEventType.Scalar, value, implicit: true, quotedImplicit: true, scalarStyle: style };
}

/** go-yaml v2 encoder.stringv: plain unless the text would read back as another type. */
function stringEvent(s: string): EmitEvent {
  const canUsePlain = resolveScalar('', s).tag === STR_TAG && !isBase60Float(s);
  let style: ScalarStyle;
  if (s.includes('\n')) style = ScalarStyle.Literal;
  else if (canUsePlain) style = ScalarStyle.Plain;
  else style = ScalarStyle.DoubleQuoted;
  return scalarEvent(s, style);
}

/** go-yaml v2 encoder.floatv for float64. */
export function goYamlFloatText(f: number): string {
  const s = formatFloat(f, 'g', 64);
  if (s === '+Inf') return '.inf';
  if (s === '-Inf') return '-.inf';
  if (s === 'NaN') return '.nan';
  return s;
}

/** A ready event on the work stack (as opposed to a value still to be expanded). */
class Ready {
  constructor(readonly event: EmitEvent) {}
}

/** go-yaml v2 encoder.marshal, as events; iterative so deep values cannot overflow the stack. */
function nodeEvents(root: YamlValue, out: EmitEvent[]): void {
  const work: (YamlValue | Ready)[] = [root];
  while (work.length > 0) {
    const v = work.pop()!;
    if (v instanceof Ready) {
      out.push(v.event);
    } else if (v === null) {
      out.push(scalarEvent('null', ScalarStyle.Plain));
    } else if (typeof v === 'boolean') {
      out.push(scalarEvent(v ? 'true' : 'false', ScalarStyle.Plain));
    } else if (typeof v === 'string') {
      out.push(stringEvent(v));
    } else if (typeof v === 'number') {
      out.push(scalarEvent(goYamlFloatText(v), ScalarStyle.Plain));
    } else if (v instanceof YamlInt) {
      out.push(scalarEvent(v.value.toString(), ScalarStyle.Plain));
    } else if (Array.isArray(v)) {
      out.push({ type: EmitEventType.SequenceStart, implicit: true, collectionStyle: CollectionStyle.Block });
      work.push(new Ready({ type: EmitEventType.SequenceEnd }));
      for (let i = v.length - 1; i >= 0; i--) work.push(v[i]!);
    } else {
      const byKey = new Map<string, YamlValue>();
      for (const { key, value } of (v as YamlMap).entries.values()) byKey.set(String(key), value);
      out.push({ type: EmitEventType.MappingStart, implicit: true, collectionStyle: CollectionStyle.Block });
      work.push(new Ready({ type: EmitEventType.MappingEnd }));
      const keys = sortGoYamlKeys([...byKey.keys()]);
      for (let i = keys.length - 1; i >= 0; i--) {
        work.push(byKey.get(keys[i]!)!, new Ready(stringEvent(keys[i]!)));
      }
    }
  }
}

/**
 * gopkg.in/yaml.v2 Marshal of a value decoded from JSON (string keys only): one document,
 * ending in a newline.
 */
export function encodeGoYamlV2(v: YamlValue): string {
  const events: EmitEvent[] = [{ type: EmitEventType.StreamStart }, { type: EmitEventType.DocumentStart, implicit: true }];
  nodeEvents(v, events);
  events.push({ type: EmitEventType.DocumentEnd, implicit: true }, { type: EmitEventType.StreamEnd });
  return new Emitter().emitAll(events);
}

/**
 * sigs.k8s.io/yaml.Marshal(v): YAML text with a final newline (helm's toYaml trims it).
 * Throws YamlMarshalError with Go's message when json.Marshal or the YAML re-read fails.
 */
export function marshalYaml(v: GoValue): string {
  let json: string;
  try {
    json = marshalJson(v, { escapeHtml: true });
  } catch (e) {
    if (e instanceof JsonMarshalError) throw new YamlMarshalError(`error marshaling into JSON: ${e.message}`);
    throw e;
  }
  let decoded: YamlValue;
  try {
    decoded = jsonTextAsYaml(json) ?? goYamlUnmarshal(json);
  } catch (e) {
    if (e instanceof GoYamlError) throw new YamlMarshalError(`yaml: ${e.message}`);
    throw e;
  }
  return encodeGoYamlV2(decoded);
}
