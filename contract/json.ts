/**
 * Small helpers for looking at decoded YAML/JSON (`unknown`) without casting: rules receive
 * user input and must never assume its shape.
 */
import { GoInt, type GoValue } from '../helm/template/value.js';
import { marshalJson } from '../helm/yaml/json.js';
import type { ObjectRef } from './types.js';

/** A plain JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (a YAML mapping). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when value is an object, else undefined. */
export function field(value: unknown, key: string): unknown {
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** A non-empty string, else undefined. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The JSON type name used in messages (`string`, `number`, `boolean`, `array`, `object`, `null`). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value === undefined) return 'nothing';
  return typeof value;
}

/** Byte length of a string encoded as UTF-8 (what a size limit on a manifest counts). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Byte length of the compact JSON the API server writes for a value: Go's encoding/json
 * (json.Marshal), which escapes `<`, `>`, `&` as \u003c, \u003e, \u0026 and U+2028/U+2029
 * as \u2028/\u2029 (6 bytes where JSON.stringify writes 1 or 3). Measured over the Go value of
 * the object with helm/yaml/json.ts's port of encoding/json, so the count is exact.
 */
export function compactJsonLength(value: unknown): number {
  return utf8Length(marshalJson(goValueOf(value), { escapeHtml: true }));
}

/**
 * Decoded JSON/YAML → the Go value encoding/json decodes it to (objects → map[string]any,
 * numbers → float64). Like JSON.stringify, undefined members are left out and non-finite
 * numbers (YAML's .inf/.nan, which JSON cannot hold) count as null.
 */
function goValueOf(value: unknown): GoValue {
  if (Array.isArray(value)) return value.map((x) => (x === undefined ? null : goValueOf(x)));
  if (value instanceof Date) return value.toISOString(); // a YAML timestamp, as JSON.stringify writes it
  if (isObject(value)) {
    const m = new Map<string, GoValue>();
    for (const [k, x] of Object.entries(value)) if (x !== undefined) m.set(k, goValueOf(x));
    return m;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return GoInt.int64(value);
  if (typeof value === 'string' || typeof value === 'boolean' || value === null || value instanceof Uint8Array || value instanceof GoInt) return value;
  return null;
}

/** The apiVersion/kind/namespace/name of a Kubernetes object, as far as it has them. */
export function objectRefOf(object: unknown, fallbackKind = 'object'): ObjectRef {
  const metadata = field(object, 'metadata');
  const ref: ObjectRef = { kind: nonEmptyString(field(object, 'kind')) ?? fallbackKind };
  const apiVersion = nonEmptyString(field(object, 'apiVersion'));
  const namespace = nonEmptyString(field(metadata, 'namespace'));
  const name = nonEmptyString(field(metadata, 'name')) ?? nonEmptyString(field(metadata, 'generateName'));
  if (apiVersion) ref.apiVersion = apiVersion;
  if (namespace) ref.namespace = namespace;
  if (name) ref.name = name;
  return ref;
}
