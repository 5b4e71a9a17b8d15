/**
 * How helm lint reads one rendered template (pkg/lint/rules/template.go): k8s.io/apimachinery
 * v0.32.2's YAMLOrJSONDecoder splits it into documents (lines, a line starting with `---` ends
 * a document; anything but a comment after the `---` is an error) and sigs.k8s.io/yaml decodes
 * each into helm's K8sYamlStruct {apiVersion, Kind, Metadata {Namespace, Name}}, with
 * encoding/json's case-insensitive field matching and its type-error texts.
 *
 * Known approximation: a file whose first non-space character is `{` is a JSON stream to
 * apimachinery; here it is read as YAML (JSON objects are YAML), so a JSON syntax error is
 * reported with go-yaml's words instead of encoding/json's.
 */
import { compareGoStrings } from '../../helm/template/gostring.js';
import type { GoValue } from '../../helm/template/value.js';
import { formatFloat } from '../../helm/yaml/go-strconv.js';
import { jsonKindName, parseYamlToGo, YamlParseError } from '../../helm/yaml/parse.js';

/** One document of a rendered file, as its lines. */
export interface RenderedDocument {
  /** The document's text as the decoder passes it on (every line ends with "\n"). */
  text: string;
  /** 1-based line of the rendered file where the document's first line is. */
  startLine: number;
}

/** A document separator apimachinery refuses (`--- text`). */
export class DocumentSeparatorError extends Error {}

/**
 * YAMLReader.Read over the whole file: the non-empty documents in order. Throws
 * DocumentSeparatorError (`invalid Yaml document separator: X`) where the reader would stop,
 * after returning the documents before it through `onDocument`.
 */
export function splitRenderedDocuments(content: string, onDocument: (doc: RenderedDocument) => boolean): void {
  // bufio.Reader.ReadLine drops "\n" or "\r\n"; LineReader adds "\n" back.
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let buffer = '';
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && !rest.startsWith('#')) throw new DocumentSeparatorError(`invalid Yaml document separator: ${rest}`);
      if (buffer !== '') {
        if (!onDocument({ text: buffer, startLine: start })) return;
        buffer = '';
      }
      continue;
    }
    if (buffer === '') start = i + 1;
    buffer += `${line}\n`;
  }
  if (buffer !== '') onDocument({ text: buffer, startLine: start });
}

/** helm's K8sYamlStruct after decoding. */
export interface K8sYamlStruct {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** A decoded document: the struct (undefined for a null document) and the whole object. */
export interface DecodedDocument {
  head: K8sYamlStruct | undefined;
  /** The document as JSON-like Go values (what kube-schema validation reads). */
  value: GoValue;
}

const TOP_FIELDS = [
  { json: 'apiVersion', key: 'apiVersion' },
  { json: 'Kind', key: 'kind' },
  { json: 'Metadata', key: 'metadata' },
] as const;
const METADATA_FIELDS = [
  { json: 'Namespace', key: 'namespace' },
  { json: 'Name', key: 'name' },
] as const;

/**
 * yaml.Unmarshal(doc, &*K8sYamlStruct): the decoded document, or throws Error with helm's
 * message (`error converting YAML to JSON: yaml: line 3: ...`, `error unmarshaling JSON: while
 * decoding JSON: json: cannot unmarshal ...`).
 */
export function decodeK8sYamlStruct(text: string): DecodedDocument {
  let value: GoValue;
  try {
    value = parseYamlToGo(text);
  } catch (e) {
    if (e instanceof YamlParseError) throw new Error(e.message);
    throw e;
  }
  if (value === null || value === undefined) return { head: undefined, value: null };
  const typeError = (jsonKind: string, field: string, goType: string) =>
    new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind} into ${field} of type ${goType}`);
  if (!(value instanceof Map)) throw typeError(jsonKindName(value), 'Go value', 'rules.K8sYamlStruct');
  const head: K8sYamlStruct = { apiVersion: '', kind: '', namespace: '', name: '' };
  // encoding/json keeps the first type error and decodes the rest; keys arrive sorted.
  let firstError: Error | undefined;
  for (const key of [...value.keys()].sort(compareGoStrings)) {
    const field = TOP_FIELDS.find((f) => f.json.toLowerCase() === key.toLowerCase());
    if (!field) continue;
    const v = value.get(key);
    if (field.key === 'metadata') {
      if (v === null || v === undefined) continue;
      if (!(v instanceof Map)) {
        firstError ??= typeError(jsonKindName(v), 'Go struct field K8sYamlStruct.Metadata', 'rules.k8sYamlMetadata');
        continue;
      }
      for (const mk of [...v.keys()].sort(compareGoStrings)) {
        const mf = METADATA_FIELDS.find((f) => f.json.toLowerCase() === mk.toLowerCase());
        if (!mf) continue;
        const text = asGoString(v.get(mk));
        if (text instanceof Error) firstError ??= typeError(text.message, `Go struct field k8sYamlMetadata.Metadata.${mf.json}`, 'string');
        else if (text !== undefined) head[mf.key] = text;
      }
      continue;
    }
    const text = asGoString(v);
    if (text instanceof Error) firstError ??= typeError(text.message, `Go struct field K8sYamlStruct.${field.json}`, 'string');
    else if (text !== undefined) head[field.key] = text;
  }
  if (firstError) throw firstError;
  return { head, value };
}

/**
 * A value bound for a Go string field: sigs.k8s.io/yaml prints scalars (numbers as float32 'g'
 * text, booleans as true/false); null leaves the field alone (undefined); a map or list is a
 * type error (an Error whose message is the JSON kind).
 */
function asGoString(v: GoValue): string | undefined | Error {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 53 ? String(v) : formatFloat(v, 'g', 32);
  return new Error(jsonKindName(v));
}
