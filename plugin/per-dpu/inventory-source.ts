/**
 * Where a run's DPU inventory comes from, as `generate` and `preview` are told: an inventory
 * file in the repository (`--inventory`, plugin parameter `inventory`), or the live DPU cluster
 * through a kubeconfig (`--kubeconfig`, parameter `dpu-kubeconfig`, or $DPU_GITOPS_DPU_KUBECONFIG:
 * the path of a mounted Secret). Plus the DPUServiceIPAM objects found among the inputs, which
 * give fresh pools their allocation.
 */
import type { Confinement } from '../../helm/chart/confine.js';
import { readClusterInventory, type ClusterInventoryOptions } from './cluster-inventory.js';
import { decodeDpuServiceIpam, InventoryError, loadInventoryFile, type Inventory } from './inventory.js';
import type { DpuServiceIpam } from './ipam.js';

export interface InventorySource {
  /** Inventory file path (already resolved against the repo/app dir). */
  inventoryPath?: string;
  /** The directory the inventory file must resolve inside (generate: the repository copy). */
  confine?: Confinement;
  /** Kubeconfig file of the DPU cluster. */
  kubeconfigPath?: string;
  /** Namespaces of the nv-ipam pools (default: all). */
  poolNamespaces?: readonly string[];
  /** Bounds for the cluster reads (defaults in cluster-inventory.ts). */
  requestTimeoutMs?: number;
  totalTimeoutMs?: number;
  onWarning?: (message: string) => void;
}

/** Both or neither source given. */
export class InventorySourceError extends Error {
  override readonly name = 'InventorySourceError';
}

/** True when a source is configured. */
export function hasInventorySource(s: InventorySource): boolean {
  return s.inventoryPath !== undefined || s.kubeconfigPath !== undefined;
}

/**
 * Loads the inventory from the one configured source. Throws InventorySourceError (none or
 * both configured), InventoryError (a file or cluster data off the schema) or
 * ClusterInventoryError (the cluster could not be read).
 */
export async function loadInventory(s: InventorySource): Promise<Inventory> {
  if (s.inventoryPath !== undefined && s.kubeconfigPath !== undefined) {
    throw new InventorySourceError('give the DPU inventory either as a file (inventory) or as the DPU cluster (kubeconfig), not both');
  }
  if (s.inventoryPath !== undefined) return loadInventoryFile(s.inventoryPath, s.confine ? { confine: s.confine } : {});
  if (s.kubeconfigPath !== undefined) {
    const o: ClusterInventoryOptions = { kubeconfigPath: s.kubeconfigPath };
    if (s.poolNamespaces) o.poolNamespaces = s.poolNamespaces;
    if (s.requestTimeoutMs !== undefined) o.requestTimeoutMs = s.requestTimeoutMs;
    if (s.totalTimeoutMs !== undefined) o.totalTimeoutMs = s.totalTimeoutMs;
    if (s.onWarning) o.onWarning = s.onWarning;
    return readClusterInventory(o);
  }
  throw new InventorySourceError('no DPU inventory: give an inventory file (--inventory / parameter inventory) or the DPU cluster kubeconfig (--kubeconfig / parameter dpu-kubeconfig)');
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for a DPUServiceIPAM object (svc.dpu.nvidia.com, any version). */
export function isDpuServiceIpam(v: unknown): boolean {
  return isObj(v) && v.kind === 'DPUServiceIPAM' && typeof v.apiVersion === 'string' && v.apiVersion.split('/')[0] === 'svc.dpu.nvidia.com';
}

/** Decodes the DPUServiceIPAMs among `objects`; `where(i)` names object i in problems. */
export function collectIpams(objects: readonly unknown[], defaultNamespace: string, where: (i: number) => string): { ipams: DpuServiceIpam[]; problems: string[] } {
  const ipams: DpuServiceIpam[] = [];
  const problems: string[] = [];
  objects.forEach((o, i) => {
    if (!isDpuServiceIpam(o)) return;
    try {
      ipams.push(decodeDpuServiceIpam(o, defaultNamespace));
    } catch (e) {
      if (!(e instanceof InventoryError)) throw e;
      problems.push(`${where(i)}: ${e.problems.join('; ')}`);
    }
  });
  return { ipams, problems };
}
