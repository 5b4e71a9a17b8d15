/**
 * YAML text → Go values exactly as helm reads values files and `fromYaml` input:
 * sigs.k8s.io/yaml.Unmarshal (v1.4.0), i.e. go-yaml v2 decoding (YAML 1.1 scalars, first document
 * only), then the YAML→JSON conversion (non-string keys become strings, NaN/±Inf fail), then
 * encoding/json decoding (every number becomes a float64, maps become map[string]interface{}).
 */
import type { GoMap, GoValue } from '../template/value.js';
import { compareGoStrings } from '../template/gostring.js';
import { formatFloat } from './go-strconv.js';
import { formatGoSyntax, goTypeName } from './go-syntax.js';
import { GoYamlError, goYamlUnmarshal, YamlMap, type YamlValue } from './decode.js';
import { YamlInt } from './resolve.js';

/** Which stage of sigs.k8s.io/yaml.Unmarshal failed (decides the message prefix). */
export type YamlParseStage = 'yaml' | 'convert' | 'json-marshal' | 'json-target';

/**
 * A YAML input helm would reject. `message` is the exact Go error text, e.g.
 * `error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context`.
 */
export class YamlParseError extends Error {
  constructor(
    message: string,
    readonly stage: YamlParseStage,
    /** 1-based line go-yaml printed, 0 when none. */
    readonly line: number,
    /** The file name the caller gave, if any (not part of the message). */
    readonly source?: string,
  ) {
    super(message);
    this.name = 'YamlParseError';
  }
}

const CONVERT_PREFIX = 'error converting YAML to JSON: ';
const JSON_PREFIX = 'error unmarshaling JSON: while decoding JSON: ';

class ConversionError extends Error {}

/** sigs.k8s.io/yaml's map-key conversion: ints and bools to text, floats via FormatFloat(f,'g',-1,32). */
function keyToString(key: YamlValue, value: YamlValue): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (typeof key === 'number') {
    // Formatted as float32 first, so a float64 beyond float32's range becomes an infinity too.
    const s = formatFloat(key, 'g', 32);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  if (key instanceof YamlInt && key.goType === 'int') return key.value.toString();
  const shown = key === null ? '<nil>' : formatGoSyntax(key);
  throw new ConversionError(`unsupported map key of type: ${goTypeName(key)}, key: ${shown}, value: ${formatGoSyntax(value)}`);
}

function scalarToJson(v: YamlValue): GoValue | undefined {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (v instanceof YamlInt) return Number(v.value);
  return undefined;
}

/**
 * YAML-typed value → the Go value json.Unmarshal would give after the JSON round trip. Keys are
 * converted in document order, depth first (as convertToJSONableObject recurses); iterative.
 */
function toJsonValue(root: YamlValue): GoValue {
  const rootScalar = scalarToJson(root);
  if (rootScalar !== undefined) return rootScalar;
  // A frame walks a sequence's items, or a map's entries (as listed once when it is opened).
  type Frame = { items: readonly YamlValue[] | undefined; entries: { key: YamlValue; value: YamlValue }[] | undefined; i: number; out: GoMap | GoValue[] };
  const open = (src: YamlValue): Frame => {
    if (Array.isArray(src)) return { items: src, entries: undefined, i: 0, out: [] };
    return { items: undefined, entries: [...(src as YamlMap).entries.values()], i: 0, out: new Map() };
  };
  const first = open(root);
  const stack: Frame[] = [first];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const length = top.items !== undefined ? top.items.length : top.entries!.length;
    if (top.i >= length) {
      stack.pop();
      continue;
    }
    const index = top.i++;
    let name: string | undefined;
    let value: YamlValue;
    if (top.items !== undefined) {
      value = top.items[index]!;
    } else {
      const entry = top.entries![index]!;
      name = keyToString(entry.key, entry.value);
      value = entry.value;
    }
    let converted = scalarToJson(value);
    let child: Frame | undefined;
    if (converted === undefined) {
      child = open(value);
      converted = child.out;
    }
    if (top.out instanceof Map) top.out.set(name!, converted);
    else top.out[index] = converted;
    if (child) stack.push(child);
  }
  return first.out;
}

/** True when any float in v is NaN or infinite (unsorted walk: cheap, decides if order matters). */
function hasNonFinite(root: GoValue): boolean {
  const stack: GoValue[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number' && !Number.isFinite(v)) return true;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v instanceof Map) for (const x of v.values()) stack.push(x);
  }
  return false;
}

/** The first float json.Marshal refuses, visiting maps in sorted key order as it does. */
function firstUnsupportedFloat(root: GoValue): number | undefined {
  const stack: GoValue[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return v;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v instanceof Map) {
      const keys = [...v.keys()].sort(compareGoStrings);
      for (let i = keys.length - 1; i >= 0; i--) stack.push(v.get(keys[i]!));
    }
  }
  return undefined;
}

/**
 * sigs.k8s.io/yaml.Unmarshal(text, &interface{}): the document as a Go value (null for an empty
 * document). Throws YamlParseError with helm's exact message.
 */
export function parseYamlToGo(text: string, source?: string): GoValue {
  let yamlValue: YamlValue;
  try {
    yamlValue = goYamlUnmarshal(text);
  } catch (e) {
    if (e instanceof GoYamlError) throw new YamlParseError(`${CONVERT_PREFIX}yaml: ${e.message}`, 'yaml', e.line, source);
    throw e;
  }
  return parsedYamlToGo(yamlValue, source);
}

/** parseYamlToGo for a document go-yaml already parsed (goYamlUnmarshal's result). */
export function parsedYamlToGo(yamlValue: YamlValue, source?: string): GoValue {
  let value: GoValue;
  try {
    value = toJsonValue(yamlValue);
  } catch (e) {
    if (e instanceof ConversionError) throw new YamlParseError(CONVERT_PREFIX + e.message, 'convert', 0, source);
    throw e;
  }
  const bad = hasNonFinite(value) ? firstUnsupportedFloat(value) : undefined;
  if (bad !== undefined) {
    throw new YamlParseError(`${CONVERT_PREFIX}json: unsupported value: ${formatFloat(bad, 'g', 64)}`, 'json-marshal', 0, source);
  }
  return value;
}

class NotPlainFast extends Error {}

/**
 * parsedYamlToGo's value as plain data (maps as objects, numbers as numbers), without building
 * the Go maps in between: what renderChart gives for a document. undefined when parsedYamlToGo
 * would reject the document (a key it cannot convert, a NaN or infinity): its error is wanted.
 */
export function parsedYamlToPlain(yamlValue: YamlValue): unknown {
  try {
    return yamlToPlain(yamlValue);
  } catch (e) {
    // A RangeError (nesting beyond the stack) is left to parsedYamlToGo's path to meet again.
    if (e instanceof NotPlainFast || e instanceof ConversionError || e instanceof RangeError) return undefined;
    throw e;
  }
}

function yamlToPlain(v: YamlValue): unknown {
  if (v instanceof YamlMap) {
    const out: Record<string, unknown> = {};
    for (const { key, value } of v.entries.values()) out[keyToString(key, value)] = yamlToPlain(value);
    return out;
  }
  if (Array.isArray(v)) return v.map(yamlToPlain);
  if (v instanceof YamlInt) return Number(v.value);
  if (typeof v === 'number' && !Number.isFinite(v)) throw new NotPlainFast();
  return v;
}

/** encoding/json's name for the JSON kind of a value, as in "cannot unmarshal array into ...". */
export function jsonKindName(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'null';
}

/**
 * sigs.k8s.io/yaml.Unmarshal into `map[string]interface{}`: helm's values files and `fromYaml`.
 * An empty document gives an empty map; a list or scalar document is a JSON type error.
 */
export function parseYamlToGoMap(text: string, source?: string): GoMap {
  const v = parseYamlToGo(text, source);
  if (v === null) return new Map();
  if (v instanceof Map) return v;
  throw new YamlParseError(
    `${JSON_PREFIX}json: cannot unmarshal ${jsonKindName(v)} into Go value of type map[string]interface {}`,
    'json-target', 0, source,
  );
}

/** sigs.k8s.io/yaml.Unmarshal into `[]interface{}`: helm's `fromYamlArray`. */
export function parseYamlToGoArray(text: string, source?: string): GoValue[] {
  const v = parseYamlToGo(text, source);
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  throw new YamlParseError(
    `${JSON_PREFIX}json: cannot unmarshal ${jsonKindName(v)} into Go value of type []interface {}`,
    'json-target', 0, source,
  );
}
