/**
 * DPF's digests (internal/digest/digest.go): `FromObjects` is sha256 over the concatenated
 * outputs of one Go `json.Encoder` (each value marshalled, HTML-escaped, followed by "\n");
 * `Short` keeps the first n hex digits. Callers pass values already in Go's field order
 * (go-json.ts), so the bytes hashed are the bytes DPF hashes.
 */
import { nodeCrypto } from '../../helm/on-demand.js';
import { goJsonMarshal, type GoJson } from '../go-json.js';

/** The text a json.Encoder writes for the values, one line each. */
export function encoderOutput(values: readonly GoJson[]): string {
  return values.map((v) => `${goJsonMarshal(v)}\n`).join('');
}

/** digest.FromObjects: the sha256 hex of the encoder output. */
export function digestFromObjects(...values: GoJson[]): string {
  return nodeCrypto().createHash('sha256').update(encoderOutput(values), 'utf8').digest('hex');
}

/** digest.Short(FromObjects(values...), length). */
export function shortDigest(length: number, ...values: GoJson[]): string {
  return digestFromObjects(...values).slice(0, length);
}
