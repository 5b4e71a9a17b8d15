/**
 * A DPU's entry in startup shards already emitted (a generate stream, or `kubectl get configmap
 * -o yaml` output, a List): the reading side of per-dpu/shards.ts, for `render-startup --shards`
 * and tools that compare two streams. The entry is found by its keys, not by recomputing the
 * shard, so it works whatever shard count the stream was made with.
 */
import { CONTEXT_SUFFIX, SHARD_COUNT_ANNOTATION, STARTUP_SUFFIX } from './shards.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ShardEntry {
  /** `namespace/name` of the ConfigMap holding the entry. */
  configMap: string;
  /** The shard count recorded on it (annotation), when present. */
  shards?: number;
  /** `<dpu>.context.json`: the template context as JSON. */
  context?: string;
  /** `<dpu>.startup.yaml`: the rendered startup config. */
  startup?: string;
}

/** ConfigMaps among `objects`, List items included. */
function configMaps(objects: readonly unknown[]): Obj[] {
  const out: Obj[] = [];
  for (const o of objects) {
    if (!isObj(o)) continue;
    if (o.kind === 'ConfigMap') out.push(o);
    else if (Array.isArray(o.items)) out.push(...configMaps(o.items));
  }
  return out;
}

/**
 * The entries of DPU node `dpu` (one per service whose shards hold it; a stream of several
 * services can hold one DPU several times), in stream order.
 */
export function findShardEntries(objects: readonly unknown[], dpu: string): ShardEntry[] {
  const found: ShardEntry[] = [];
  for (const cm of configMaps(objects)) {
    if (!isObj(cm.data)) continue;
    const context = cm.data[`${dpu}${CONTEXT_SUFFIX}`];
    const startup = cm.data[`${dpu}${STARTUP_SUFFIX}`];
    if (typeof context !== 'string' && typeof startup !== 'string') continue;
    const meta = isObj(cm.metadata) ? cm.metadata : {};
    const shards = isObj(meta.annotations) ? Number(meta.annotations[SHARD_COUNT_ANNOTATION]) : NaN;
    found.push({
      configMap: `${typeof meta.namespace === 'string' ? meta.namespace : ''}/${typeof meta.name === 'string' ? meta.name : ''}`,
      ...(Number.isInteger(shards) ? { shards } : {}),
      ...(typeof context === 'string' ? { context } : {}),
      ...(typeof startup === 'string' ? { startup } : {}),
    });
  }
  return found;
}
