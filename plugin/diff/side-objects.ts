/**
 * One side's generate entries, sorted for comparison: per DPUService (the `DPUService: ns/name`
 * comment generate writes above each of its objects; objects passed through go to
 * OTHER_OBJECTS), its objects by kind/namespace/name, and its startup shards unpacked into
 * one record per DPU, so the diff reports DPUs, not shards.
 */
import type { StreamEntry } from '../output.js';
import { CONTEXT_SUFFIX, SHARD_COUNT_ANNOTATION, SHARD_LABEL, STARTUP_SUFFIX } from '../per-dpu/shards.js';
import { OTHER_OBJECTS } from './report.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  object: Obj;
}

/** A DPU's entry in a service's startup shards. */
export interface DpuEntry {
  context?: string;
  startup?: string;
}

export interface ServiceObjects {
  /** key: `kind\0namespace\0name`. */
  objects: Map<string, ObjectRef>;
  /** DPU node name -> its entry (services with per-DPU configuration). */
  dpus: Map<string, DpuEntry>;
  /** The shard count recorded on the shards, when there are any. */
  shards?: number;
}

const SERVICE_COMMENT = 'DPUService: ';

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\0${namespace ?? ''}\0${name}`;
}

export function sideObjects(entries: readonly StreamEntry[]): Map<string, ServiceObjects> {
  const services = new Map<string, ServiceObjects>();
  for (const e of entries) {
    if (!isObj(e.object)) continue;
    const tag = e.comments.find((c) => c.startsWith(SERVICE_COMMENT));
    const service = tag ? tag.slice(SERVICE_COMMENT.length) : OTHER_OBJECTS;
    let s = services.get(service);
    if (!s) services.set(service, (s = { objects: new Map(), dpus: new Map() }));
    const o = e.object;
    const meta = isObj(o.metadata) ? o.metadata : {};
    const labels = isObj(meta.labels) ? meta.labels : {};
    if (o.kind === 'ConfigMap' && tag && typeof labels[SHARD_LABEL] === 'string' && isObj(o.data)) {
      unpackShard(o.data, s);
      const count = isObj(meta.annotations) ? Number(meta.annotations[SHARD_COUNT_ANNOTATION]) : NaN;
      if (Number.isInteger(count)) s.shards = count;
      continue;
    }
    const ref: ObjectRef = {
      apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
      kind: typeof o.kind === 'string' ? o.kind : '',
      name: typeof meta.name === 'string' ? meta.name : '',
      object: o,
    };
    if (typeof meta.namespace === 'string') ref.namespace = meta.namespace;
    s.objects.set(objectKey(ref.kind, ref.namespace, ref.name), ref);
  }
  return services;
}

function unpackShard(data: Obj, s: ServiceObjects): void {
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') continue;
    const field = key.endsWith(CONTEXT_SUFFIX) ? 'context' : key.endsWith(STARTUP_SUFFIX) ? 'startup' : undefined;
    if (!field) continue;
    const dpu = key.slice(0, key.length - (field === 'context' ? CONTEXT_SUFFIX.length : STARTUP_SUFFIX.length));
    let entry = s.dpus.get(dpu);
    if (!entry) s.dpus.set(dpu, (entry = {}));
    entry[field] = value;
  }
}
