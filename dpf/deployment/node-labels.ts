/**
 * The DPU nodes a DPUDeployment provisions carry the labels its DPUSets set (`cluster.nodeLabels`
 * in generateDPUSet): the owner label and one version label per service (and the chain's). The
 * composed DPUServices select on them, so per-DPU rendering resolves them over the inventory:
 * each inventory DPU that a DPUSet's dpuNodeSelector (else the deprecated nodeSelector) matches
 * gets those labels. A DPUSet without a selector picks every DPU; a DPUDeployment without DPUSets
 * picks none. The selector is matched against the inventory DPU's labels, standing in for the
 * DPUNode labels DPF matches (the inventory has no DPUNode objects).
 */
import type { DpuDeployment, LabelSelector } from './types.js';

/** metav1.LabelSelector matching (matchLabels ANDed with matchExpressions; empty selects all). */
export function matchesLabelSelector(sel: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!sel) return true;
  const own = (k: string): string | undefined => (Object.prototype.hasOwnProperty.call(labels, k) ? labels[k] : undefined);
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (own(k) !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const have = own(e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (have === undefined || !values.includes(have)) return false;
        break;
      case 'NotIn':
        if (have !== undefined && values.includes(have)) return false;
        break;
      case 'Exists':
        if (have === undefined) return false;
        break;
      case 'DoesNotExist':
        if (have !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** True when one of the DPUDeployment's DPUSets picks a DPU with these labels. */
export function dpuSetsPick(d: DpuDeployment, labels: Readonly<Record<string, string>>): boolean {
  return d.dpuSets.some((s) => matchesLabelSelector(s.dpuNodeSelector, labels));
}

/** A DPU with the node labels of every deployment whose DPUSets pick it added. */
export function withDeploymentNodeLabels<T extends { labels: Record<string, string> }>(dpu: T, deployments: readonly { deployment: DpuDeployment; nodeLabels: Readonly<Record<string, string>> }[]): T {
  let labels = dpu.labels;
  for (const { deployment, nodeLabels } of deployments) {
    if (dpuSetsPick(deployment, dpu.labels)) labels = { ...labels, ...nodeLabels };
  }
  return labels === dpu.labels ? dpu : { ...dpu, labels };
}
