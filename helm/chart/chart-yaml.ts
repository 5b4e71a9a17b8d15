/**
 * Chart.yaml, requirements.yaml and Chart.lock decoding as helm v3.17.3 does it:
 * `sigs.k8s.io/yaml.Unmarshal(data, &chart.Metadata{})`. That is go-yaml v2 into interface{},
 * then a conversion to JSON guided by the target struct (a scalar bound for a string field is
 * printed: `version: 1.10` becomes "1.1", float32-style, `appVersion: true` becomes "true"), then
 * encoding/json into the struct: keys matched exactly or case-insensitively, unknown keys dropped,
 * and the first type mismatch (in sorted key order, as json.Marshal sorts map keys) reported as
 * `json: cannot unmarshal array into Go struct field Metadata.name of type string`.
 */
import { goYamlUnmarshal, GoYamlError, YamlMap, type YamlValue } from '../yaml/decode.js';
import { YamlInt } from '../yaml/resolve.js';
import { formatFloat } from '../yaml/go-strconv.js';
import type { GoValue } from '../template/value.js';
import { emptyDependency, emptyMetadata, type Dependency, type Lock, type Maintainer, type Metadata } from './types.js';

/** A Chart.yaml / lock decoding failure with sigs.k8s.io/yaml's full message. */
export class ChartYamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartYamlError';
  }
}

/** The shape of a Go struct field or element the decoder fills. */
type Target =
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'any' }
  | { kind: 'slice'; goType: string; elem: Target }
  | { kind: 'map'; goType: string; elem: Target }
  | { kind: 'struct'; name: string; goType: string; fields: readonly Field[]; nullable: boolean };

interface Field {
  json: string;
  target: Target;
}

const STRING: Target = { kind: 'string' };
const BOOL: Target = { kind: 'bool' };
const STRINGS: Target = { kind: 'slice', goType: '[]string', elem: STRING };

const MAINTAINER: Target = {
  kind: 'struct',
  name: 'Maintainer',
  goType: 'chart.Maintainer',
  nullable: true,
  fields: [
    { json: 'name', target: STRING },
    { json: 'email', target: STRING },
    { json: 'url', target: STRING },
  ],
};

const DEPENDENCY: Target = {
  kind: 'struct',
  name: 'Dependency',
  goType: 'chart.Dependency',
  nullable: true,
  fields: [
    { json: 'name', target: STRING },
    { json: 'version', target: STRING },
    { json: 'repository', target: STRING },
    { json: 'condition', target: STRING },
    { json: 'tags', target: STRINGS },
    { json: 'enabled', target: BOOL },
    { json: 'import-values', target: { kind: 'slice', goType: '[]interface {}', elem: { kind: 'any' } } },
    { json: 'alias', target: STRING },
  ],
};

const DEPENDENCIES: Target = { kind: 'slice', goType: '[]*chart.Dependency', elem: DEPENDENCY };

const METADATA: Target = {
  kind: 'struct',
  name: 'Metadata',
  goType: 'chart.Metadata',
  nullable: false,
  fields: [
    { json: 'name', target: STRING },
    { json: 'home', target: STRING },
    { json: 'sources', target: STRINGS },
    { json: 'version', target: STRING },
    { json: 'description', target: STRING },
    { json: 'keywords', target: STRINGS },
    { json: 'maintainers', target: { kind: 'slice', goType: '[]*chart.Maintainer', elem: MAINTAINER } },
    { json: 'icon', target: STRING },
    { json: 'apiVersion', target: STRING },
    { json: 'condition', target: STRING },
    { json: 'tags', target: STRING },
    { json: 'appVersion', target: STRING },
    { json: 'deprecated', target: BOOL },
    { json: 'annotations', target: { kind: 'map', goType: 'map[string]string', elem: STRING } },
    { json: 'kubeVersion', target: STRING },
    { json: 'dependencies', target: DEPENDENCIES },
    { json: 'type', target: STRING },
  ],
};

const LOCK: Target = {
  kind: 'struct',
  name: 'Lock',
  goType: 'chart.Lock',
  nullable: true,
  fields: [
    // time.Time decodes itself from a JSON string; helm only carries it along.
    { json: 'generated', target: { kind: 'any' } },
    { json: 'digest', target: STRING },
    { json: 'dependencies', target: DEPENDENCIES },
  ],
};

/** A decoded struct: the fields present in the document (absent keys keep Go's zero values). */
type Decoded = Map<string, unknown>;

/** Decoding state: the first encoding/json error wins, decoding goes on after it. */
class JsonDecoder {
  firstError: string | undefined;

  fail(kindWord: string, structName: string | undefined, path: readonly string[], goType: string): void {
    if (this.firstError !== undefined) return;
    this.firstError =
      structName === undefined
        ? `json: cannot unmarshal ${kindWord} into Go value of type ${goType}`
        : `json: cannot unmarshal ${kindWord} into Go struct field ${structName}.${path.join('.')} of type ${goType}`;
  }

  /**
   * One value into a target. `structName`/`path` locate the enclosing struct field for errors
   * (Go 1.23 names the innermost struct and the JSON path from the root).
   */
  decode(v: YamlValue, t: Target, structName: string | undefined, path: readonly string[]): unknown {
    if (v === null) return undefined; // JSON null leaves the Go value unchanged
    switch (t.kind) {
      case 'any':
        return toAny(v);
      case 'string': {
        const s = scalarToString(v);
        if (s === undefined) this.fail(jsonKindWord(v), structName, path, 'string');
        return s;
      }
      case 'bool':
        if (typeof v === 'boolean') return v;
        this.fail(jsonKindWord(v), structName, path, 'bool');
        return undefined;
      case 'slice': {
        if (!Array.isArray(v)) {
          this.fail(jsonKindWord(v), structName, path, t.goType);
          return undefined;
        }
        return v.map((item) => (item === null ? null : this.decode(item, t.elem, structName, path)));
      }
      case 'map': {
        if (!(v instanceof YamlMap)) {
          this.fail(jsonKindWord(v), structName, path, t.goType);
          return undefined;
        }
        const out = new Map<string, unknown>();
        for (const [key, item] of sortedEntries(v)) {
          const d = this.decode(item, t.elem, structName, path);
          out.set(key, d === undefined ? '' : d);
        }
        return out;
      }
      case 'struct':
        return this.decodeStruct(v, t, structName, path);
    }
  }

  private decodeStruct(
    v: YamlValue,
    t: Extract<Target, { kind: 'struct' }>,
    outerStruct: string | undefined,
    path: readonly string[],
  ): Decoded | undefined {
    if (!(v instanceof YamlMap)) {
      this.fail(jsonKindWord(v), outerStruct, path, t.goType);
      return undefined;
    }
    const out: Decoded = new Map();
    for (const [key, item] of sortedEntries(v)) {
      const field = t.fields.find((f) => f.json === key) ?? t.fields.find((f) => f.json.toLowerCase() === key.toLowerCase());
      if (field === undefined) continue;
      const d = this.decode(item, field.target, t.name, [...path, field.json]);
      if (d !== undefined) out.set(field.json, d);
    }
    return out;
  }
}

/** The text sigs.k8s.io/yaml gives a scalar bound for a string field; undefined for containers. */
function scalarToString(v: YamlValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof YamlInt) return v.value.toString();
  if (typeof v === 'number') return formatFloat(v, 'g', 32);
  return undefined;
}

/** encoding/json's word for the JSON kind of a value in UnmarshalTypeError. */
function jsonKindWord(v: YamlValue): string {
  if (Array.isArray(v)) return 'array';
  if (v instanceof YamlMap) return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

/** A map's entries with keys as sigs.k8s.io/yaml prints them, in json.Marshal's sorted order. */
function sortedEntries(m: YamlMap): [string, YamlValue][] {
  const out: [string, YamlValue][] = [];
  for (const { key, value } of m.entries.values()) out.push([keyToString(key), value]);
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function keyToString(key: YamlValue): string {
  if (typeof key === 'string') return key;
  if (key instanceof YamlInt) return key.value.toString();
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (typeof key === 'number') {
    const s = formatFloat(key, 'g', 32);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  throw new ChartYamlError(`error converting YAML to JSON: unsupported map key of type: ${key === null ? '<nil>' : 'interface'}`);
}

/** An untyped value after the YAML → JSON → interface{} round trip (numbers become float64). */
function toAny(v: YamlValue): GoValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (v instanceof YamlInt) return Number(v.value);
  if (Array.isArray(v)) return v.map(toAny);
  const m = new Map<string, GoValue>();
  for (const [k, item] of sortedEntries(v)) m.set(k, toAny(item));
  return m;
}

/** go-yaml parse, with sigs.k8s.io/yaml's `error converting YAML to JSON: yaml: ...` wording. */
function parseYaml(text: string): YamlValue {
  try {
    return goYamlUnmarshal(text);
  } catch (e) {
    if (e instanceof GoYamlError) throw new ChartYamlError(`error converting YAML to JSON: yaml: ${e.message}`);
    throw e;
  }
}

function decodeDocument(text: string, target: Target): Decoded | undefined {
  const yaml = parseYaml(text);
  const dec = new JsonDecoder();
  const decoded = dec.decode(yaml, target, undefined, []) as Decoded | undefined;
  if (dec.firstError !== undefined) {
    throw new ChartYamlError(`error unmarshaling JSON: while decoding JSON: ${dec.firstError}`);
  }
  return decoded;
}

/**
 * yaml.Unmarshal(data, md): Chart.yaml (or requirements.yaml) laid over an existing Metadata.
 * Fields absent from the document keep their values. Throws ChartYamlError.
 */
export function unmarshalMetadataInto(text: string, md: Metadata): void {
  const d = decodeDocument(text, METADATA);
  if (d === undefined) return;
  for (const [key, value] of d) assignMetadataField(md, key, value);
}

/** A fresh Metadata from Chart.yaml text. */
export function decodeMetadata(text: string): Metadata {
  const md = emptyMetadata();
  unmarshalMetadataInto(text, md);
  return md;
}

/** yaml.Unmarshal(data, &chart.Lock{}): Chart.lock or requirements.lock. */
export function decodeLock(text: string): Lock {
  const lock: Lock = { generated: '', digest: '', dependencies: [] };
  const d = decodeDocument(text, LOCK);
  if (d === undefined) return lock;
  const generated = d.get('generated');
  if (typeof generated === 'string') lock.generated = generated;
  const digest = d.get('digest');
  if (typeof digest === 'string') lock.digest = digest;
  const deps = d.get('dependencies');
  if (Array.isArray(deps)) lock.dependencies = deps.map(toDependency);
  return lock;
}

function assignMetadataField(md: Metadata, key: string, value: unknown): void {
  switch (key) {
    case 'sources':
    case 'keywords':
      md[key] = (value as (string | null)[]).map((s) => s ?? '');
      return;
    case 'maintainers':
      md.maintainers = (value as (Decoded | null)[]).map(toMaintainer);
      return;
    case 'annotations':
      md.annotations = value as Map<string, string>;
      return;
    case 'dependencies':
      md.dependencies = (value as (Decoded | null)[]).map(toDependency);
      return;
    case 'deprecated':
      md.deprecated = value as boolean;
      return;
    default:
      (md as unknown as Record<string, unknown>)[key] = value;
  }
}

function toMaintainer(d: Decoded | null): Maintainer | null {
  if (d === null) return null;
  return { name: str(d.get('name')), email: str(d.get('email')), url: str(d.get('url')) };
}

function toDependency(d: Decoded | null): Dependency | null {
  if (d === null) return null;
  const dep = emptyDependency();
  dep.name = str(d.get('name'));
  dep.version = str(d.get('version'));
  dep.repository = str(d.get('repository'));
  dep.condition = str(d.get('condition'));
  dep.alias = str(d.get('alias'));
  const tags = d.get('tags');
  if (Array.isArray(tags)) dep.tags = tags.map((t) => (typeof t === 'string' ? t : ''));
  const enabled = d.get('enabled');
  if (typeof enabled === 'boolean') dep.enabled = enabled;
  const iv = d.get('import-values');
  if (Array.isArray(iv)) dep.importValues = iv as GoValue[];
  return dep;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
