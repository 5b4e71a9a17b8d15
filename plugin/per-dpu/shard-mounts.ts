/**
 * Which startup shards a chart's pods mount: the indexes `i` of ConfigMaps named
 * `<release>-startup-<i>` in pod volumes (`configMap` or `projected.sources[].configMap`) of
 * Pods and workload pod templates. generate compares them with the shards it emits, so a chart
 * and a DPUService that disagree on `startupConfig.shards` fail the sync instead of leaving
 * some DPUs without a config.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function podSpecOf(object: unknown): Obj | undefined {
  if (!isObj(object) || !isObj(object.spec)) return undefined;
  if (object.kind === 'Pod') return object.spec;
  // CronJob: spec.jobTemplate.spec.template; the others: spec.template
  const holder = object.kind === 'CronJob' && isObj(object.spec.jobTemplate) && isObj(object.spec.jobTemplate.spec) ? object.spec.jobTemplate.spec : object.spec;
  return isObj(holder.template) && isObj(holder.template.spec) ? holder.template.spec : undefined;
}

function configMapNames(volume: unknown): string[] {
  if (!isObj(volume)) return [];
  const names: string[] = [];
  if (isObj(volume.configMap) && typeof volume.configMap.name === 'string') names.push(volume.configMap.name);
  if (isObj(volume.projected) && Array.isArray(volume.projected.sources)) {
    for (const src of volume.projected.sources) if (isObj(src) && isObj(src.configMap) && typeof src.configMap.name === 'string') names.push(src.configMap.name);
  }
  return names;
}

/** Sorted, distinct shard indexes the objects' pods mount for release `releaseName`. */
export function mountedShards(objects: readonly unknown[], releaseName: string): number[] {
  const prefix = `${releaseName}-startup-`;
  const found = new Set<number>();
  for (const o of objects) {
    const spec = podSpecOf(o);
    if (!spec || !Array.isArray(spec.volumes)) continue;
    for (const v of spec.volumes) {
      for (const name of configMapNames(v)) {
        if (name.startsWith(prefix) && /^(0|[1-9]\d{0,5})$/.test(name.slice(prefix.length))) found.add(Number(name.slice(prefix.length)));
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}
