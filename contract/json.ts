/**
 * Small helpers for looking at decoded YAML/JSON (`unknown`) without casting: rules receive
 * user input and must never assume its shape.
 */
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

/** Byte length of the compact JSON encoding of a value (no spaces, as the API server stores it). */
export function compactJsonLength(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
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
