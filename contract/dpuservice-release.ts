/**
 * The release DPF's controller would create for a DPUService object, in the shape the chart
 * rules take (checkChart's releaseName/namespace/values): dpf/ composes it (values,
 * `<cluster>-<dpuservice>` names with the 63-character digest rule, derived serviceIDs), this
 * adapts it to the contract and turns what DPF would reject into a finding.
 */
import { dpfReleaseOf, fromGo, type JsonObject as DpfJsonObject } from '../dpf/index.js';
import { isObject, objectRefOf, type JsonObject } from './json.js';
import type { Finding } from './types.js';

/** What checkChart needs to render a DPUService's chart as DPF would. */
export interface DpuServiceRelease {
  releaseName: string;
  namespace: string;
  values: JsonObject;
}

/**
 * The release for `object` on cluster `cluster` (host-side services use `in-cluster`), or a
 * dpuservice-daemonset finding when DPF could not compose its values (e.g. a quantity DPF
 * cannot parse). The object's DPUServiceInterfaces are not known here, so the networks
 * annotation is passed through as written.
 */
export function dpuServiceRelease(object: unknown, opts: { cluster: string; defaultNamespace: string }): DpuServiceRelease | Finding {
  const raw = (isObject(object) ? object : {}) as DpfJsonObject;
  try {
    const release = dpfReleaseOf(raw, { cluster: opts.cluster, defaultNamespace: opts.defaultNamespace });
    return { releaseName: release.releaseName, namespace: release.namespace, values: fromGo(release.values) as JsonObject };
  } catch (err) {
    return {
      rule: 'dpuservice-daemonset',
      severity: 'error',
      object: objectRefOf(object, 'DPUService'),
      path: ['spec', 'serviceDaemonSet'],
      detail: { problem: `cannot be turned into chart values as DPF does: ${err instanceof Error ? err.message : String(err)}` },
    };
  }
}

/** True when dpuServiceRelease gave a finding instead of a release. */
export function isReleaseFinding(r: DpuServiceRelease | Finding): r is Finding {
  return 'rule' in r;
}
