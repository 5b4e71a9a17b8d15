/**
 * Content hashes of what a DPUService's render depends on, for `dpu-gitops diff`'s render cache:
 * two inputs with the same hash render the same entries. Hashing is by value (canonical JSON,
 * object keys sorted, Maps and byte arrays included), so two trees' separately loaded copies of
 * one chart or inventory hash alike; a chart or inventory is hashed once per object (WeakMap).
 */
import { createHash, type Hash } from 'node:crypto';
import type { Chart } from '../../helm/chart/types.js';

/** Feeds `value` into `h` as canonical JSON-like text; `skip` names object keys left out. */
export function feedCanonical(h: Hash, value: unknown, skip: ReadonlySet<string> = new Set()): void {
  if (value === undefined) return void h.update('u');
  if (value === null || typeof value !== 'object') return void h.update(JSON.stringify(value) ?? String(value));
  if (value instanceof Uint8Array) {
    h.update(`b${value.length}:`);
    return void h.update(value);
  }
  if (value instanceof Set) {
    h.update('S[');
    for (const v of [...value].map((x) => JSON.stringify(x) ?? String(x)).sort()) h.update(`${v},`);
    return void h.update(']');
  }
  if (value instanceof Map) {
    h.update('M{');
    for (const k of [...value.keys()].sort()) {
      h.update(`${JSON.stringify(String(k))}:`);
      feedCanonical(h, value.get(k), skip);
      h.update(',');
    }
    return void h.update('}');
  }
  if (Array.isArray(value)) {
    h.update('[');
    for (const v of value) {
      feedCanonical(h, v, skip);
      h.update(',');
    }
    return void h.update(']');
  }
  h.update('{');
  for (const k of Object.keys(value).sort()) {
    if (skip.has(k)) continue;
    h.update(`${JSON.stringify(k)}:`);
    feedCanonical(h, (value as Record<string, unknown>)[k], skip);
    h.update(',');
  }
  h.update('}');
}

export function canonicalHash(value: unknown, skip?: ReadonlySet<string>): string {
  const h = createHash('sha256');
  feedCanonical(h, value, skip);
  return h.digest('hex');
}

const chartHashes = new WeakMap<Chart, string>();

/** Every file and the parsed metadata, values and schema of a chart and its dependencies. */
export function chartHash(chart: Chart): string {
  const known = chartHashes.get(chart);
  if (known) return known;
  const h = createHash('sha256');
  const feedChart = (c: Chart): void => {
    feedCanonical(h, { metadata: c.metadata, lock: c.lock, values: c.values, schema: c.schema });
    for (const group of [c.raw, c.templates, c.files]) {
      h.update(`#${group.length}`);
      for (const f of group) {
        h.update(`${f.name}\0`);
        feedCanonical(h, f.data);
      }
    }
    h.update(`deps${c.dependencies.length}`);
    for (const d of c.dependencies) feedChart(d);
  };
  feedChart(chart);
  const digest = h.digest('hex');
  chartHashes.set(chart, digest);
  return digest;
}

const objectHashes = new WeakMap<object, string>();

/** canonicalHash, remembered per object (an inventory is shared by every service of a run). */
export function objectHash(value: object): string {
  const known = objectHashes.get(value);
  if (known) return known;
  const digest = canonicalHash(value);
  objectHashes.set(value, digest);
  return digest;
}
