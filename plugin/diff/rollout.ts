/**
 * Rollout impact of a change. A DaemonSet whose pod template changes replaces its pod on every
 * node it runs on: the DPUs of the head inventory that the template's nodeSelector and required
 * node affinity select. With updateStrategy RollingUpdate the controller replaces
 * maxUnavailable pods at a time (default 1; a percentage is of the selected count, rounded up,
 * as the DaemonSet controller scales it), or, when that is 0, maxSurge extra pods at a time;
 * OnDelete replaces nothing until pods are deleted. Startup configs are read at pod start
 * (plugin/per-dpu/README.md): when they change and the pod template does not, no pod restarts.
 */
import type { Inventory } from '../per-dpu/index.js';
import { decodeNodeSelector, matchesNodeSelector, NodeSelectorError, type NodeSelector } from '../per-dpu/node-selector.js';
import type { DaemonSetRollout, Rollout, ServiceDiff } from './report.js';
import type { ServiceObjects } from './side-objects.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), o);

export function rolloutImpact(services: readonly ServiceDiff[], base: Map<string, ServiceObjects>, head: Map<string, ServiceObjects>, inventory: Inventory | undefined): Rollout {
  const daemonSets: DaemonSetRollout[] = [];
  const startupWithoutRestart: Rollout['startupWithoutRestart'] = [];
  for (const s of services) {
    let rolled = false;
    for (const c of s.objects) {
      if (c.kind !== 'DaemonSet') continue;
      const key = `${c.kind}\0${c.namespace ?? ''}\0${c.name}`;
      const h = head.get(s.service)?.objects.get(key)?.object;
      if (s.status === 'replaced' && h && c.change !== 'removed') {
        rolled = true;
        daemonSets.push(replacedRollout(s.service, c.namespace, c.name, h, inventory));
        continue;
      }
      if (c.change !== 'changed') continue;
      const b = base.get(s.service)?.objects.get(key)?.object;
      if (!b || !h || JSON.stringify(get(b, 'spec', 'template')) === JSON.stringify(get(h, 'spec', 'template'))) continue;
      rolled = true;
      daemonSets.push(daemonSetRollout(s.service, c.namespace, c.name, h, inventory));
    }
    const changedDpus = s.perDpu ? s.perDpu.groups.reduce((n, g) => n + (g.startup.length ? g.count : 0), 0) : 0;
    if (changedDpus > 0 && !rolled) startupWithoutRestart.push({ service: s.service, dpus: changedDpus });
  }
  return { daemonSets, startupWithoutRestart };
}

function daemonSetRollout(service: string, namespace: string | undefined, name: string, ds: Obj, inventory: Inventory | undefined): DaemonSetRollout {
  const notes: string[] = [];
  const pod = get(ds, 'spec', 'template', 'spec');
  const dpus = inventory ? selectedCount(pod, inventory, notes) : null;
  if (!inventory) notes.push('no DPU inventory (--inventory or --kubeconfig): DPU count unknown');
  const out: DaemonSetRollout = { service, ...(namespace !== undefined ? { namespace } : {}), name, dpus, strategy: 'RollingUpdate', notes };
  if (get(ds, 'spec', 'updateStrategy', 'type') === 'OnDelete') {
    out.strategy = 'OnDelete';
    notes.push('updateStrategy OnDelete: pods change only when deleted');
    return out;
  }
  const total = dpus ?? 0;
  const unavailable = scaled(get(ds, 'spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'), total, 1);
  const surge = scaled(get(ds, 'spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'), total, 0);
  out.maxUnavailable = unavailable;
  out.maxSurge = surge;
  const atATime = unavailable > 0 ? unavailable : surge;
  if (dpus !== null && atATime > 0) {
    out.atATime = Math.min(atATime, Math.max(dpus, 1));
    out.waves = dpus === 0 ? 0 : Math.ceil(dpus / atATime);
  }
  return out;
}

/** A new DPUDeployment revision's DaemonSet: ArgoCD creates it and prunes the old one; no rolling update paces that. */
function replacedRollout(service: string, namespace: string | undefined, name: string, ds: Obj, inventory: Inventory | undefined): DaemonSetRollout {
  const notes: string[] = ['a new DPUDeployment revision: a new DaemonSet is created and the old one pruned, so every selected DPU\'s pod is replaced in one step; updateStrategy does not pace it'];
  const dpus = inventory ? selectedCount(get(ds, 'spec', 'template', 'spec'), inventory, notes) : null;
  if (!inventory) notes.push('no DPU inventory (--inventory or --kubeconfig): DPU count unknown');
  return { service, ...(namespace !== undefined ? { namespace } : {}), name, dpus, strategy: 'Replaced', ...(dpus !== null ? { atATime: dpus, waves: dpus === 0 ? 0 : 1 } : {}), notes };
}

/** An IntOrString of the update strategy: an integer, or `N%` of `total` rounded up. */
function scaled(raw: unknown, total: number, fallback: number): number {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) return raw;
  if (typeof raw === 'string' && /^\d+%$/.test(raw)) return Math.ceil((Number(raw.slice(0, -1)) * total) / 100);
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return Number(raw);
  return fallback;
}

function selectedCount(pod: unknown, inventory: Inventory, notes: string[]): number {
  const nodeSelector = get(pod, 'nodeSelector');
  const labels = isObj(nodeSelector) ? Object.entries(nodeSelector).filter((e): e is [string, string] => typeof e[1] === 'string') : [];
  let affinity: NodeSelector | undefined;
  try {
    affinity = decodeNodeSelector(get(pod, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'), 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution');
  } catch (err) {
    if (!(err instanceof NodeSelectorError)) throw err;
    notes.push(`node affinity not evaluated: ${err.message}`);
  }
  return inventory.dpus.filter((d) => labels.every(([k, v]) => d.labels[k] === v) && matchesNodeSelector(affinity, d.name, d.labels)).length;
}
