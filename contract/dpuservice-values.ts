/**
 * The helm values and release name DPF gives a DPUService's chart, so the webhook and lint
 * render the chart as the DPU cluster will get it. Mirrors DPF's `argoCDValuesFromDPUService`
 * (dpf.md §2.4): the serviceDaemonSet block (plus label `svc.dpu.nvidia.com/service`) merged
 * over `helmChart.values` with DPF's `MergeMaps` (the block wins key by key, lists are never
 * merged), `global.serviceDaemonSet` for DPF system components, and `configPorts` adding
 * `exposedPorts.ports.<name>: true` plus the exposedPorts labels unless the user set them.
 *
 * Not done here (the CMP's job, issue 6): the interfaces' multus annotation rewrite and DPF's
 * digest-shortened Application names above 63 characters.
 */
import { field, isObject, nonEmptyString, type JsonObject } from './json.js';

/** DPF's MergeMaps (a copy of helm's coalesceTablesFullKey with merge): dst wins, maps recurse. */
export function mergeMapsDstWins(dst: JsonObject, src: JsonObject): JsonObject {
  const out: JsonObject = { ...dst };
  for (const [key, value] of Object.entries(src)) {
    if (!(key in out)) out[key] = value;
    else if (isObject(out[key]) && isObject(value)) out[key] = mergeMapsDstWins(out[key] as JsonObject, value);
  }
  return out;
}

/** The values DPF's controller hands to the chart (Application.spec.source.helm.valuesObject). */
export function composeDpuServiceValues(dpuService: unknown): JsonObject {
  const spec = field(dpuService, 'spec');
  const metadata = field(dpuService, 'metadata');
  const userValues = field(field(spec, 'helmChart'), 'values');
  const sds = isObject(field(spec, 'serviceDaemonSet')) ? (field(spec, 'serviceDaemonSet') as JsonObject) : {};
  const block: JsonObject = {};
  // The typed struct is marshalled with omitempty, in field order: nil pointers and empty maps go.
  for (const key of ['nodeSelector', 'updateStrategy', 'labels', 'annotations', 'resources']) {
    const v = sds[key];
    if (v === undefined || v === null) continue;
    const isMapField = key === 'labels' || key === 'annotations' || key === 'resources';
    if (isMapField && isObject(v) && Object.keys(v).length === 0) continue;
    block[key] = v;
  }
  const serviceID = nonEmptyString(field(spec, 'serviceID'));
  if (serviceID) block.labels = { ...(isObject(block.labels) ? block.labels : {}), 'svc.dpu.nvidia.com/service': serviceID };
  const isComponent = field(field(metadata, 'labels'), 'dpu.nvidia.com/component') !== undefined;
  const wrapper: JsonObject = isComponent ? { global: { serviceDaemonSet: block } } : { serviceDaemonSet: block };
  let values = mergeMapsDstWins(wrapper, isObject(userValues) ? userValues : {});
  const ports = field(field(spec, 'configPorts'), 'ports');
  if (Array.isArray(ports)) {
    const enabled: JsonObject = {};
    for (const p of ports) {
      const name = nonEmptyString(field(p, 'name'));
      if (name) enabled[name] = true;
    }
    const labels: JsonObject = {
      'dpu.nvidia.com/dpuservice-name': nonEmptyString(field(metadata, 'name')) ?? '',
      'dpu.nvidia.com/dpuservice-namespace': nonEmptyString(field(metadata, 'namespace')) ?? '',
    };
    values = mergeMapsDstWins(values, { exposedPorts: { labels, ports: enabled } });
  }
  return values;
}

/**
 * The helm release name: `spec.helmChart.source.releaseName`, else ArgoCD's default, the
 * Application name `<cluster>-<dpuservice>` (dpf.md §3).
 */
export function releaseNameFor(dpuService: unknown, cluster: string): string {
  const explicit = nonEmptyString(field(field(field(field(dpuService, 'spec'), 'helmChart'), 'source'), 'releaseName'));
  if (explicit) return explicit;
  return `${cluster}-${nonEmptyString(field(field(dpuService, 'metadata'), 'name')) ?? 'dpuservice'}`;
}
