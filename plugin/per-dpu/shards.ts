/**
 * The per-DPU output of one DPUService, packed into a fixed number of ConfigMaps ("shards"):
 * DPU `d` lives in shard `fnv1a32(d) mod N`, N being the service's `startupConfig.shards` helm
 * value (DEFAULT_SHARDS when unset; the chart mounts the same N, see plugin/per-dpu/README.md).
 *
 * Why this layout (measured in bench/per-dpu-layouts.ts, figures in docs/scale.md): the object
 * count is N per service whatever the fleet size; a DPU's shard depends only on its own name and
 * N, so adding or removing a DPU changes only the keys of that DPU, and one DPU's change rewrites
 * one shard; every shard is always emitted (empty ones too), so the names a pod mounts always
 * exist. Packing in order up to a budget, or splitting shards when they fill, both move other
 * DPUs when one is added.
 *
 * Shard `i` is ConfigMap `<release>-startup-<i>`, with two keys per DPU, sorted:
 *   `<dpu>.startup.yaml`  the rendered startup config (services with startupYAMLJ2)
 *   `<dpu>.context.json`  the template's context: hostname, merged values, ipaddresses
 * Each shard must stay under the size budget (DEFAULT_SHARD_BUDGET_BYTES, half of Kubernetes'
 * 1 MiB object limit, leaving room for the fleet to grow between syncs), measured as the API
 * server's JSON of the object.
 */
import { compactJsonLength } from '../../contract/json.js';
import type { PerDpuRender } from './index.js';
import { RENDER_MODE_ANNOTATION } from './render-mode.js';

export const SERVICE_LABEL = 'svc.dpu.nvidia.com/service';
export const SHARD_LABEL = 'dpu-gitops.nvidia.com/startup-shard';
export const SHARD_COUNT_ANNOTATION = 'dpu-gitops.nvidia.com/startup-shards';
/** Kubernetes' limit on a ConfigMap (the API server's JSON of it). */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;
export const DEFAULT_SHARD_BUDGET_BYTES = 512 * 1024;
export const DEFAULT_SHARDS = 4;
export const MAX_SHARDS = 4096;
export const STARTUP_SUFFIX = '.startup.yaml';
export const CONTEXT_SUFFIX = '.context.json';
/** ConfigMap data keys: at most 253 characters of [-._a-zA-Z0-9]. */
const KEY_PATTERN = /^[-._a-zA-Z0-9]{1,253}$/;

/** 32-bit FNV-1a over the UTF-8 bytes of `s` (stable across runs, versions and languages). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  // node names are ASCII: their UTF-16 units are their bytes (no Buffer per DPU)
  const bytes: ArrayLike<number> | undefined = /^[\x00-\x7f]*$/.test(s) ? undefined : Buffer.from(s, 'utf8');
  const n = bytes ? bytes.length : s.length;
  for (let i = 0; i < n; i++) {
    h ^= bytes ? bytes[i]! : s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The shard of DPU node `dpu` among `shards`. */
export function shardOf(dpu: string, shards: number): number {
  return fnv1a32(dpu) % shards;
}

export function shardName(releaseName: string, index: number): string {
  return `${releaseName}-startup-${index}`;
}

export const startupKey = (dpu: string): string => `${dpu}${STARTUP_SUFFIX}`;
export const contextKey = (dpu: string): string => `${dpu}${CONTEXT_SUFFIX}`;

/** A shard layout that cannot be emitted; `detail` says why and what to change. */
export class ShardError extends Error {
  override readonly name = 'ShardError';
  constructor(
    readonly field: string,
    readonly detail: string,
    /** For a full shard: the shard count that fits the data with 30 % headroom. */
    readonly suggestedShards?: number,
  ) {
    super(detail);
  }
}

/**
 * The shard count a DPUService asks for: its helm value `startupConfig.shards`, else
 * DEFAULT_SHARDS. Throws ShardError for anything but an integer in 1..MAX_SHARDS.
 */
export function shardCountOf(values: Readonly<Record<string, unknown>> | undefined): number {
  const sc = values?.startupConfig;
  const raw = typeof sc === 'object' && sc !== null && !Array.isArray(sc) ? (sc as Record<string, unknown>).shards : undefined;
  if (raw === undefined || raw === null) return DEFAULT_SHARDS;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_SHARDS) {
    throw new ShardError('spec.helmChart.values.startupConfig.shards', `must be an integer from 1 to ${MAX_SHARDS}, not ${JSON.stringify(raw)}`);
  }
  return n;
}

/** Characters whose JSON size is not one byte plus at most one escape byte. */
const RARE = /[\x00-\x08\x0b\x0c\x0e-\x1f<>&\u0080-\uffff]/;

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Bytes a string takes in the API server's JSON (Go encoding/json, HTML escaping on): quotes,
 * two-byte escapes for " \\ \n \r \t, \u00XX for other controls and < > & (and U+2028/9),
 * raw UTF-8 for the rest (a lone surrogate becomes U+FFFD, 3 bytes). Startup configs are plain
 * ASCII with newlines and quotes: one native scan for the rare characters, then native counts;
 * at 100,000 DPUs this reads 190 MB.
 */
export function goJsonStringBytes(s: string): number {
  if (!RARE.test(s)) return s.length + 2 + count(s, '\n') + count(s, '"') + count(s, '\\') + count(s, '\t') + count(s, '\r');
  let n = s.length + 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x0a || c === 0x0d || c === 0x09 || c === 0x22 || c === 0x5c) n += 1;
      else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) n += 5;
    } else if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: 4 bytes for 2 code units
      i++;
    } else n += c === 0x2028 || c === 0x2029 ? 5 : 2;
  }
  return n;
}

export interface ShardOptions {
  releaseName: string;
  namespace: string;
  serviceID: string;
  shards: number;
  /** Recorded on each shard (annotation), so a diff shows a change of renderer. */
  renderMode?: string;
  budgetBytes?: number;
}

export interface Shard {
  index: number;
  /** The DPU node names it holds, sorted. */
  dpus: string[];
  /** Its size as the API server's JSON. */
  bytes: number;
  object: ShardConfigMap;
}

export interface ShardConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  data: Record<string, string>;
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * All N shards of a render, empty ones included, in index order. Throws ShardError when a DPU
 * name cannot be a data key or a shard passes the budget (naming the shard count that fits).
 */
export function perDpuShards(render: PerDpuRender, o: ShardOptions): Shard[] {
  const budgetBytes = o.budgetBytes ?? DEFAULT_SHARD_BUDGET_BYTES;
  const buckets: { dpus: string[]; entries: { key: string; value: string }[] }[] = Array.from({ length: o.shards }, () => ({ dpus: [], entries: [] }));
  for (const r of render.perDpu) {
    const dpu = r.dpu.name;
    if (!KEY_PATTERN.test(contextKey(dpu))) throw new ShardError('inventory', `DPU '${dpu}': '${contextKey(dpu)}' cannot be a ConfigMap key (at most 253 characters of a-z, A-Z, 0-9, '-', '.', '_')`);
    const bucket = buckets[shardOf(dpu, o.shards)]!;
    bucket.dpus.push(dpu);
    bucket.entries.push({ key: contextKey(dpu), value: r.contextJson });
    if (r.startupConfig !== undefined) bucket.entries.push({ key: startupKey(dpu), value: r.startupConfig });
  }
  const shards: Shard[] = [];
  let total = 0;
  let over: Shard | undefined;
  buckets.forEach(({ dpus, entries }, index) => {
    dpus.sort(cmpStr);
    entries.sort((a, b) => cmpStr(a.key, b.key));
    const data: Record<string, string> = {};
    let dataBytes = 0;
    for (const e of entries) {
      data[e.key] = e.value;
      dataBytes += goJsonStringBytes(e.key) + 1 + goJsonStringBytes(e.value);
    }
    if (entries.length > 1) dataBytes += entries.length - 1; // commas
    const object: ShardConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: shardName(o.releaseName, index),
        namespace: o.namespace,
        labels: { [SERVICE_LABEL]: o.serviceID.length <= 63 ? o.serviceID : o.serviceID.slice(0, 63).replace(/[-._]+$/, ''), [SHARD_LABEL]: String(index) },
        annotations: { [SHARD_COUNT_ANNOTATION]: String(o.shards), ...(o.renderMode ? { [RENDER_MODE_ANNOTATION]: o.renderMode } : {}) },
      },
      data: {},
    };
    // the frame measured once with empty data, the entries added by arithmetic
    const bytes = compactJsonLength(object) + dataBytes;
    object.data = data;
    const shard: Shard = { index, dpus, bytes, object };
    total += dataBytes;
    if (bytes > budgetBytes && (!over || bytes > over.bytes)) over = shard;
    shards.push(shard);
  });
  if (over) {
    const need = Math.min(MAX_SHARDS, Math.ceil((total * 1.3) / budgetBytes));
    throw new ShardError(
      'spec.helmChart.values.startupConfig.shards',
      `ConfigMap ${over.object.metadata.name} (shard ${over.index} of ${o.shards}) holds ${over.dpus.length} DPUs in ${over.bytes} bytes, over the shard budget of ${budgetBytes} bytes (Kubernetes' limit is ${CONFIGMAP_MAX_BYTES}); the ${render.perDpu.length} DPUs need about ${need} shards: set startupConfig.shards to ${need} or more (the chart mounts the same value; changing it restarts the service's pods once)`,
      need,
    );
  }
  return shards;
}
