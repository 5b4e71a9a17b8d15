/**
 * helm v3.17.3's serialization functions (pkg/engine/funcs.go) and sprig v3.3.0's JSON ones
 * (defaults.go), with their error rules:
 * - toYaml / toYamlPretty / toJson swallow errors and print "" (toYaml also trims the final
 *   newline); toToml prints the encoder's error text instead of the document;
 * - fromYaml / fromJson / fromToml put the error text under the "Error" key of the result map;
 *   fromYamlArray / fromJsonArray return it as the only element;
 * - toRawJson panics and the must* functions return errors, failing the template with
 *   `error calling NAME: ...`.
 * helm's toJson/fromJson replace sprig's functions of the same name.
 *
 * Encoders first reserve a lower bound of their output's length (budget.ts printedSizeAtLeast),
 * so a value too large to print, or one that shares sub-values exponentially, fails before it
 * is encoded.
 */
import {
  GoError, tagMapType, tagSliceType, T_INTERFACE, T_MAP, T_SLICE, T_STRING, type GoFunc, type GoMap, type GoValue,
} from '../template/value.js';
import { define } from './define.js';
import { pollWork, reservePrinted } from '../template/budget.js';
import { GoTime } from './date-time.js';
import { fixedZone, UTC } from './date-zone.js';
import { parseYamlToGoArray, parseYamlToGoMap, YamlParseError } from '../yaml/parse.js';
import { marshalYaml, YamlMarshalError } from '../yaml/marshal.js';
import { marshalYamlPretty } from '../yaml/marshal-pretty.js';
import { decodeJson, JsonMarshalError, marshalJson } from '../yaml/json.js';
import { marshalToml, TomlEncodeError } from '../yaml/toml.js';
import { parseToml, TomlDatetime, TomlParseError } from '../yaml/toml-parse.js';

/** `m` with helm's "Error" key set to the error text. */
function withError(m: GoMap, message: string): GoMap {
  m.set('Error', message);
  return m;
}

/** helm toYAML: sigs.k8s.io/yaml.Marshal, "" on error, final newline trimmed. */
export function toYaml(v: GoValue): string {
  reservePrinted(v, true);
  try {
    return marshalYaml(v).replace(/\n$/, '');
  } catch (e) {
    if (e instanceof YamlMarshalError) return '';
    throw e;
  }
}

/**
 * helm toYAMLPretty: yaml.v3 encoder with indent 2, final newline trimmed. yaml.v3 has no
 * error path for our values; what it cannot encode (funcs) panics, failing the template.
 */
export function toYamlPretty(v: GoValue): string {
  reservePrinted(v, true);
  return marshalYamlPretty(v).replace(/\n$/, '');
}

/** helm fromYAML: the document as a map, or {"Error": text}. */
export function fromYaml(s: string): GoMap {
  pollWork(s.length);
  try {
    return parseYamlToGoMap(s);
  } catch (e) {
    if (e instanceof YamlParseError) return withError(new Map(), e.message);
    throw e;
  }
}

/** helm fromYAMLArray: the document as a list, or [text]. */
export function fromYamlArray(s: string): GoValue[] {
  pollWork(s.length);
  try {
    return parseYamlToGoArray(s);
  } catch (e) {
    if (e instanceof YamlParseError) return [e.message];
    throw e;
  }
}

/** helm toJSON: json.Marshal, "" on error. */
export function toJson(v: GoValue): string {
  reservePrinted(v);
  try {
    return marshalJson(v, { escapeHtml: true });
  } catch (e) {
    if (e instanceof JsonMarshalError) return '';
    throw e;
  }
}

/**
 * helm fromJSON: json.Unmarshal into a map; {"Error": text} added on error. `null` sets Go's map
 * to nil, which we return as null (toJson prints `null` for both).
 */
export function fromJson(s: string): GoMap | null {
  pollWork(s.length);
  const r = decodeJson(s, 'map');
  const m = r.value as GoMap | null;
  if (r.error) return withError(m ?? new Map(), r.error.message);
  return m;
}

/** helm fromJSONArray: json.Unmarshal into a list, or [text] on error; `null` gives nil. */
export function fromJsonArray(s: string): GoValue[] | null {
  pollWork(s.length);
  const r = decodeJson(s, 'array');
  if (r.error) return [r.error.message];
  return r.value as GoValue[] | null;
}

/** sprig mustFromJson: json.Unmarshal into interface{}, failing on error. */
export function mustFromJson(s: string): GoValue {
  pollWork(s.length);
  const r = decodeJson(s, 'any');
  if (r.error) throw new GoError(r.error.message);
  return r.value;
}

function mustMarshal(v: GoValue, escapeHtml: boolean, indent?: string): string {
  reservePrinted(v, indent !== undefined);
  try {
    return marshalJson(v, indent === undefined ? { escapeHtml } : { escapeHtml, indent });
  } catch (e) {
    if (e instanceof JsonMarshalError) throw new GoError(e.message);
    throw e;
  }
}

/** sprig toPrettyJson: json.MarshalIndent(v, "", "  "), "" on error. */
export function toPrettyJson(v: GoValue): string {
  reservePrinted(v, true);
  try {
    return marshalJson(v, { escapeHtml: true, indent: '  ' });
  } catch (e) {
    if (e instanceof JsonMarshalError) return '';
    throw e;
  }
}

/** helm toTOML: the BurntSushi/toml document, or the encoder's error text. */
export function toToml(v: GoValue): string {
  // Inline TOML arrays are not indented per element: the flat bound is the safe one.
  reservePrinted(v);
  try {
    return marshalToml(v);
  } catch (e) {
    if (e instanceof TomlEncodeError) return e.message;
    throw e;
  }
}

const DATETIME_LOCAL = fixedZone('datetime-local', 0);
const DATE_LOCAL = fixedZone('date-local', 0);
const TIME_LOCAL = fixedZone('time-local', 0);

/** BurntSushi's time.Time for a TOML date-time (its internal Local* zones for local kinds). */
function tomlTime(d: TomlDatetime): GoValue {
  let loc = UTC;
  if (d.kind === 'local-datetime') loc = DATETIME_LOCAL;
  else if (d.kind === 'local-date') loc = DATE_LOCAL;
  else if (d.kind === 'local-time') loc = TIME_LOCAL;
  else if (d.offsetMinutes !== 0) loc = fixedZone('', (d.offsetMinutes ?? 0) * 60);
  return GoTime.date(d.year, d.month, d.day, d.hour, d.minute, d.second, d.nanos, loc);
}

/** helm fromTOML: the document as a map, or {"Error": text}. */
export function fromToml(s: string): GoMap {
  pollWork(s.length);
  try {
    return parseToml(s, tomlTime);
  } catch (e) {
    if (e instanceof TomlParseError) return withError(new Map(), e.message);
    throw e;
  }
}

const typedMap = (m: GoMap | null): GoValue => (m === null ? null : tagMapType(m, T_MAP));
const typedSlice = (a: GoValue[] | null): GoValue => (a === null ? null : tagSliceType(a, T_SLICE));

/** The functions, as helm's funcMap registers them (helm's names win over sprig's). */
export const serializationFuncs: readonly GoFunc[] = [
  define('toYaml', [T_INTERFACE], T_STRING, toYaml),
  define('toYamlPretty', [T_INTERFACE], T_STRING, toYamlPretty),
  define('fromYaml', [T_STRING], T_MAP, (s: string) => typedMap(fromYaml(s))),
  define('fromYamlArray', [T_STRING], T_SLICE, (s: string) => typedSlice(fromYamlArray(s))),
  define('toJson', [T_INTERFACE], T_STRING, toJson),
  define('fromJson', [T_STRING], T_MAP, (s: string) => typedMap(fromJson(s))),
  define('fromJsonArray', [T_STRING], T_SLICE, (s: string) => typedSlice(fromJsonArray(s))),
  define('toToml', [T_INTERFACE], T_STRING, toToml),
  define('fromToml', [T_STRING], T_MAP, (s: string) => typedMap(fromToml(s))),
  define('toPrettyJson', [T_INTERFACE], T_STRING, toPrettyJson),
  // sprig's toRawJson panics on error; text/template reports the panic like a returned error.
  define('toRawJson', [T_INTERFACE], T_STRING, (v: GoValue) => mustMarshal(v, false)),
  define('mustFromJson', [T_STRING], T_INTERFACE, mustFromJson, { returnsError: true }),
  define('mustToJson', [T_INTERFACE], T_STRING, (v: GoValue) => mustMarshal(v, true), { returnsError: true }),
  define('mustToPrettyJson', [T_INTERFACE], T_STRING, (v: GoValue) => mustMarshal(v, true, '  '), { returnsError: true }),
  define('mustToRawJson', [T_INTERFACE], T_STRING, (v: GoValue) => mustMarshal(v, false), { returnsError: true }),
];
