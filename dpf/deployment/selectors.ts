/**
 * The label keys and selectors DPF's DPUDeployment controller uses to tie its children to the
 * DPU nodes it provisions (internal/dpuservice/controllers/utils.go, dpudeployment_controller*.go).
 * The DPUSets it creates label their DPU nodes (`cluster.nodeLabels`) with the owner label and one
 * version label per service (and one for the service chain); the children select on them.
 */
import type { JsonObject } from '../dpuservice.js';
import { compareBytes, type GoJson } from '../go-json.js';
import { shortDigest } from './digest.js';
import type { DeploymentDpuSet, DpuDeployment } from './types.js';

/** ParentDPUDeploymentNameLabel. */
export const OWNER_LABEL = 'svc.dpu.nvidia.com/owned-by-dpudeployment';
/** ServiceReferenceInDPUDeploymentLabelKey. */
export const DEPLOYMENT_SERVICE_LABEL = 'svc.dpu.nvidia.com/dpudeployment-service';
/** dpuServiceVersionAnnotationKey. */
export const DPUSERVICE_VERSION_ANNOTATION = 'svc.dpu.nvidia.com/dpuservice-version';
/** dpuServiceChainVersionLabelAnnotationKey. */
export const CHAIN_VERSION_KEY = 'svc.dpu.nvidia.com/dpuservicechain-version';
/** inClusterDPUServiceVersionLabelKeyPrefix. */
export const IN_CLUSTER_VERSION_PREFIX = 'svc.dpu.nvidia.com/dpuservice-in-cluster-version';
/** ServiceInterfaceInterfaceNameLabel. */
export const INTERFACE_NAME_LABEL = 'svc.dpu.nvidia.com/interface';

/** getParentDPUDeploymentLabelValue: `<namespace>_<name>`. */
export function ownerValue(d: Pick<DpuDeployment, 'namespace' | 'name'>): string {
  return `${d.namespace}_${d.name}`;
}

/** getDPUServiceVersionLabelKey. */
export function versionLabelKey(service: string): string {
  return `svc.dpu.nvidia.com/dpuservice-${service}-version`;
}

/**
 * getInClusterDPUServiceVersionLabelKey: the prefix and a 10-digit digest of the DPUDeployment's
 * types.NamespacedName (no json tags: {"Namespace","Name"}) and the service key.
 */
export function inClusterVersionLabelKey(d: Pick<DpuDeployment, 'namespace' | 'name'>, service: string): string {
  return `${IN_CLUSTER_VERSION_PREFIX}-${shortDigest(10, { Namespace: d.namespace, Name: d.name }, service)}`;
}

function requirement(key: string, value: string): JsonObject {
  return { key, operator: 'In', values: [value] };
}

/** newObjectNodeSelectorWithOwner: one term, version label In [value] and owner In [owner]. */
export function nodeSelectorWithOwner(key: string, value: string, d: Pick<DpuDeployment, 'namespace' | 'name'>): JsonObject {
  return { nodeSelectorTerms: [{ matchExpressions: [requirement(key, value), requirement(OWNER_LABEL, ownerValue(d))] }] };
}

/** newObjectLabelSelectorWithOwner: the same as a metav1.LabelSelector. */
export function labelSelectorWithOwner(key: string, value: string, d: Pick<DpuDeployment, 'namespace' | 'name'>): JsonObject {
  return { matchExpressions: [requirement(key, value), requirement(OWNER_LABEL, ownerValue(d))] };
}

/**
 * newInClusterNodeSelectorFromDPUSetSelector: reads only the deprecated `nodeSelector` of each
 * DPUSet. A DPUSet without one means every node (the version label alone); otherwise one term
 * per matchLabels entry (DPF ranges over a Go map, in random order; here keys are sorted so the
 * output is stable); no term at all falls back to the version label alone.
 */
export function inClusterNodeSelector(versionKey: string, value: string, dpuSets: readonly DeploymentDpuSet[]): JsonObject {
  const only = (): JsonObject => ({ nodeSelectorTerms: [{ matchExpressions: [requirement(versionKey, value)] }] });
  const terms: GoJson[] = [];
  for (const set of dpuSets) {
    if (set.nodeSelector === undefined) return only();
    const labels = set.nodeSelector.matchLabels ?? {};
    for (const key of Object.keys(labels).sort(compareBytes)) {
      terms.push({ matchExpressions: [requirement(versionKey, value), requirement(key, labels[key]!)] });
    }
  }
  return terms.length === 0 ? only() : { nodeSelectorTerms: terms };
}

/**
 * getAggregatedDPUClusterSelector (behaviour from DPF's unit test table, the function itself is
 * not public): nil without DPUSets or when any DPUSet's dpuClusterSelector is unset or empty;
 * otherwise one `In` requirement per key, keys sorted, values deduplicated and sorted.
 */
export function aggregatedDpuClusterSelector(dpuSets: readonly DeploymentDpuSet[]): JsonObject | undefined {
  if (dpuSets.length === 0) return undefined;
  const values = new Map<string, Set<string>>();
  for (const set of dpuSets) {
    const sel = set.dpuClusterSelector;
    if (sel === undefined || Object.keys(sel).length === 0) return undefined;
    for (const [k, v] of Object.entries(sel)) {
      if (!values.has(k)) values.set(k, new Set());
      values.get(k)!.add(v);
    }
  }
  return {
    matchExpressions: [...values.keys()].sort(compareBytes).map((key) => ({ key, operator: 'In', values: [...values.get(key)!].sort(compareBytes) })),
  };
}
