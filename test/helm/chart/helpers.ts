// Test helpers for helm/chart: typed dumps matching scripts/record/chart/helm.mjs DUMP_TEMPLATE,
// and fixture paths.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { GoInt, type GoValue } from '../../../helm/template/value.js';
import { readLocalFile } from '../../../helm/chart/values.js';
import { JsonStruct } from '../../../helm/yaml/json.js';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
export const GOLDEN = new URL('./golden/', import.meta.url).pathname;

/** Reads a golden JSON file recorded from real helm. */
export function golden<T>(name: string): T {
  return JSON.parse(readFileSync(join(GOLDEN, name), 'utf8')) as T;
}

/** The typed JSON that DUMP_TEMPLATE prints for a value: {"t": %T, "v": toJson} for scalars. */
export function typedDump(v: GoValue): unknown {
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of v) out[k] = typedDump(item);
    return out;
  }
  if (Array.isArray(v)) return v.map(typedDump);
  if (v === null || v === undefined) return { t: '<nil>', v: null };
  if (v instanceof GoInt) return { t: v.type, v: Number(v.value) };
  if (typeof v === 'number') return { t: 'float64', v };
  if (typeof v === 'string') return { t: 'string', v };
  if (typeof v === 'boolean') return { t: 'bool', v };
  throw new Error(`typedDump: unexpected value ${String(v)}`);
}

/** A --set-file / -f reader relative to a fixture directory, with Go's relative-path errors. */
export function fixtureReader(dir: string): (path: string) => Uint8Array {
  return (path: string) => {
    try {
      return readLocalFile(isAbsolute(path) ? path : join(dir, path));
    } catch (e) {
      throw new Error((e as Error).message.replace(dir + '/', ''));
    }
  };
}

/** A Go value as the plain JSON value `toJson` would print (maps as objects, structs through toJSONValue). */
export function plainJson(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of v) out[k] = plainJson(item);
    return out;
  }
  if (Array.isArray(v)) return v.map(plainJson);
  if (v instanceof GoInt) return Number(v.value);
  if (v instanceof JsonStruct) return Object.fromEntries(v.fields.map(([k, item]) => [k, plainJson(item)]));
  if (typeof v === 'object' && typeof (v as { toJSONValue?: unknown }).toJSONValue === 'function') {
    return plainJson((v as { toJSONValue: () => unknown }).toJSONValue());
  }
  return v;
}
