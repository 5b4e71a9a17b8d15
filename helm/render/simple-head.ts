/**
 * `yaml.Unmarshal(doc, &releaseutil.SimpleHead{})` as helm v3.17.3 runs it on every rendered
 * document (pkg/releaseutil/manifest_sorter.go). sigs.k8s.io/yaml first turns the go-yaml v2
 * value into JSON-able values, guided by the target struct (numbers and bools become strings
 * where the target field is a string), marshals that to JSON (sorted keys) and decodes it with
 * encoding/json, which keeps the first type error and goes on. Only the fields helm reads are
 * modelled; the error texts are helm's.
 */
import { GoYamlError, goYamlUnmarshal, YamlMap, type YamlValue } from '../yaml/decode.js';
import { YamlInt } from '../yaml/resolve.js';
import { formatFloat } from '../yaml/go-strconv.js';
import { compareGoStrings } from '../template/gostring.js';

/** The head of one manifest: what sorting by kind and hook detection need. */
export interface SimpleHead {
  apiVersion: string;
  kind: string;
  /** undefined when `metadata` is absent or null (Go's nil pointer). */
  metadata: { name: string; annotations: Map<string, string> | undefined } | undefined;
}

/** A document that is not valid YAML, or does not decode into SimpleHead. `message` is helm's cause text. */
export class ManifestHeadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestHeadError';
  }
}

const METADATA_TYPE =
  'struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }';

/** Converts a YAML document into its SimpleHead, or throws ManifestHeadError with helm's wording. */
export function decodeSimpleHead(doc: string): SimpleHead {
  return decodeSimpleHeadKeepingYaml(doc).head;
}

/**
 * decodeSimpleHead, also giving back the parsed document: renderChart turns the same document
 * into an object afterwards and need not parse it a second time.
 */
export function decodeSimpleHeadKeepingYaml(doc: string): { head: SimpleHead; yaml: YamlValue } {
  let yaml: YamlValue;
  try {
    yaml = goYamlUnmarshal(doc);
  } catch (e) {
    if (e instanceof GoYamlError) throw new ManifestHeadError(`error converting YAML to JSON: yaml: ${e.message}`);
    throw e;
  }
  let json: JsonValue;
  try {
    // Almost every document has only string keys and finite numbers: then converting the whole
    // document and sorting every map's keys to find the first unmarshalable value finds nothing,
    // and only the head fields need converting. Otherwise the full conversion finds helm's error.
    if (keysValidAndAllFinite(yaml)) json = headJson(yaml);
    else {
      json = toJsonable(yaml, 'head');
      checkMarshalable(json);
    }
  } catch (e) {
    if (e instanceof ConvertError) throw new ManifestHeadError(`error converting YAML to JSON: ${e.message}`);
    throw e;
  }
  const decoder = new HeadDecoder();
  const head = decoder.decode(json);
  if (decoder.firstError !== undefined) {
    throw new ManifestHeadError(`error unmarshaling JSON: while decoding JSON: ${decoder.firstError}`);
  }
  return { head, yaml };
}

type JsonValue = null | boolean | string | number | YamlInt | JsonObject | JsonValue[];
type JsonObject = Map<string, JsonValue>;

/** The Go type the JSON decoder will aim a value at (sigs.k8s.io/yaml's jsonTarget). */
type Target = 'head' | 'metadata' | 'annotations' | 'string' | undefined;

class ConvertError extends Error {}

/** sigs.k8s.io/yaml convertToJSONableObject, with SimpleHead as the target. */
function toJsonable(v: YamlValue, target: Target): JsonValue {
  if (v instanceof YamlMap) {
    const out: JsonObject = new Map();
    for (const { key, value } of v.entries.values()) {
      const k = keyString(key, value);
      out.set(k, toJsonable(value, fieldTarget(target, k)));
    }
    return out;
  }
  if (Array.isArray(v)) return v.map((item) => toJsonable(item, undefined));
  if (target === 'string') {
    if (v instanceof YamlInt) return v.value.toString();
    if (typeof v === 'number') return formatFloat(v, 'g', 32);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
  }
  return v;
}

/** Which struct field (exact name first, then case-insensitively, as encoding/json) a key lands in. */
function fieldTarget(target: Target, key: string): Target {
  if (target === 'annotations') return 'string';
  const fields: Record<string, Target> =
    target === 'head'
      ? { apiVersion: 'string', kind: 'string', metadata: 'metadata' }
      : target === 'metadata'
        ? { name: 'string', annotations: 'annotations' }
        : {};
  return fields[matchField(Object.keys(fields), key) ?? ''];
}

function matchField(fields: string[], key: string): string | undefined {
  return fields.find((f) => f === key) ?? fields.find((f) => f.toLowerCase() === key.toLowerCase());
}

function keyString(key: YamlValue, value: YamlValue): string {
  if (typeof key === 'string') return key;
  if (key instanceof YamlInt) return key.value.toString();
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (typeof key === 'number') {
    const s = formatFloat(key, 'g', 32);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  if (key === null) {
    throw new ConvertError(`unsupported map key of type: %!s(<nil>), key: <nil>, value: ${plainValue(value)}`);
  }
  throw new ConvertError('unsupported map key of type: ' + (Array.isArray(key) ? '[]interface {}' : 'map[interface {}]interface {}'));
}

/** `%+#v` of simple scalar values (the rest never reaches here in practice). */
function plainValue(v: YamlValue): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof YamlInt) return v.value.toString();
  if (v === null) return '<nil>';
  return String(v);
}

/**
 * True when the whole document converts without error and holds no NaN or infinity; false when a
 * key cannot convert or a non-finite number exists (the full path then reports it as helm does).
 */
function keysValidAndAllFinite(v: YamlValue): boolean {
  if (v instanceof YamlMap) {
    for (const { key, value } of v.entries.values()) {
      if (key === null || typeof key === 'object') {
        if (!(key instanceof YamlInt)) return false;
      } else if (typeof key === 'number' && !Number.isFinite(key)) {
        // A non-finite key converts to .inf/.nan text: legal, but keep the rare case on the full path.
        return false;
      }
      if (!keysValidAndAllFinite(value)) return false;
    }
    return true;
  }
  if (Array.isArray(v)) return v.every(keysValidAndAllFinite);
  return typeof v !== 'number' || Number.isFinite(v);
}

/** toJsonable restricted to what HeadDecoder reads: the top-level keys that match a SimpleHead field. */
function headJson(v: YamlValue): JsonValue {
  if (!(v instanceof YamlMap)) return toJsonable(v, 'head');
  const out: JsonObject = new Map();
  for (const { key, value } of v.entries.values()) {
    const k = keyString(key, value);
    const target = fieldTarget('head', k);
    if (target !== undefined) out.set(k, toJsonable(value, target));
  }
  return out;
}

/** json.Marshal refuses NaN and infinities; keys are visited in sorted order. */
function checkMarshalable(v: JsonValue): void {
  if (typeof v === 'number' && !Number.isFinite(v)) {
    throw new ConvertError(`json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`);
  }
  if (Array.isArray(v)) v.forEach(checkMarshalable);
  else if (v instanceof Map) [...v.keys()].sort(compareGoStrings).forEach((k) => checkMarshalable(v.get(k) as JsonValue));
}


function jsonKind(v: JsonValue): string {
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

/** encoding/json Unmarshal into SimpleHead: first type error kept, decoding continues. */
class HeadDecoder {
  firstError: string | undefined;

  decode(v: JsonValue): SimpleHead {
    const head: SimpleHead = { apiVersion: '', kind: '', metadata: undefined };
    if (v === null) return head;
    if (!(v instanceof Map)) {
      this.fail(`json: cannot unmarshal ${jsonKind(v)} into Go value of type releaseutil.SimpleHead`);
      return head;
    }
    for (const key of [...v.keys()].sort(compareGoStrings)) {
      const value = v.get(key) as JsonValue;
      const field = matchField(['apiVersion', 'kind', 'metadata'], key);
      if (field === 'apiVersion' || field === 'kind') {
        const s = this.string(value, `SimpleHead.${field}`);
        if (s !== undefined) head[field] = s;
      } else if (field === 'metadata') {
        if (value === null) head.metadata = undefined;
        else if (!(value instanceof Map)) this.fail(typeError(value, 'SimpleHead.metadata', METADATA_TYPE));
        else head.metadata = this.metadata(value, head.metadata ?? { name: '', annotations: undefined });
      }
    }
    return head;
  }

  private metadata(v: JsonObject, into: NonNullable<SimpleHead['metadata']>): NonNullable<SimpleHead['metadata']> {
    for (const key of [...v.keys()].sort(compareGoStrings)) {
      const value = v.get(key) as JsonValue;
      const field = matchField(['name', 'annotations'], key);
      if (field === 'name') {
        const s = this.string(value, '.metadata.name');
        if (s !== undefined) into.name = s;
      } else if (field === 'annotations') {
        if (value === null) into.annotations = undefined;
        else if (!(value instanceof Map)) this.fail(typeError(value, '.metadata.annotations', 'map[string]string'));
        else {
          into.annotations ??= new Map();
          for (const k of [...value.keys()].sort(compareGoStrings)) {
            const s = this.string(value.get(k) as JsonValue, '.metadata.annotations');
            // A JSON null leaves a zero value in the map entry.
            into.annotations.set(k, s ?? '');
          }
        }
      }
    }
    return into;
  }

  /** A string field: null leaves it unchanged (undefined), other kinds are type errors. */
  private string(v: JsonValue, field: string): string | undefined {
    if (v === null) return undefined;
    if (typeof v === 'string') return v;
    this.fail(typeError(v, field, 'string'));
    return undefined;
  }

  private fail(message: string): void {
    this.firstError ??= message;
  }
}

function typeError(v: JsonValue, field: string, goType: string): string {
  return `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type ${goType}`;
}
