/**
 * The `generate` step for DPUServices with per-DPU configuration (issues 7, 18): a service whose
 * helm values hold `configuration.perDPUValuesYAML` or `configuration.startupYAMLJ2` gets, next
 * to its chart's objects, its N startup shards (ConfigMaps holding every targeted DPU's rendered
 * startup config and template context, per-dpu/shards.ts), N = `startupConfig.shards`; the
 * chart must mount exactly those N (checked here against its rendered pods). The DPU inventory comes from the `inventory` parameter (a
 * file in the repository) or, when that is unset, from the DPU cluster whose kubeconfig the
 * sidecar mounts ($DPU_GITOPS_DPU_KUBECONFIG). Any per-DPU error fails the whole generate.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { DpuService, SourceLocation } from '../dpf/dpuservice.js';
import { ConfinementError, confinedRealPath, confinement, isWithin } from '../helm/chart/confine.js';
import { decodeDpuServiceIpam, DPU_KUBECONFIG_ENV, InventoryError, perDpuShards, renderPerDpu, shardCountOf, ShardError, type Inventory, type PerDpuProblem, type ShardConfigMap } from './per-dpu/index.js';
import { mountedShards } from './per-dpu/shard-mounts.js';
import { RenderModeError, renderModeOf } from './per-dpu/render-mode.js';
import type { RenderModeName } from './per-dpu/jinja/index.js';
import { hasInventorySource, isDpuServiceIpam, loadInventory, type InventorySource } from './per-dpu/inventory-source.js';
import type { DpuServiceIpam } from './per-dpu/ipam.js';
import { setDocumentPrinter, type StreamEntry } from './output.js';
import { printShard } from './per-dpu/shard-yaml.js';
import type { Problem } from './problems.js';

export interface PerDpuSettings {
  /** `inventory` parameter / --inventory: a file relative to the app dir ('' = none). */
  inventory: string;
  /** The DPU cluster kubeconfig the sidecar mounts (not an Application setting). */
  kubeconfigPath?: string;
  poolNamespaces?: readonly string[];
}

/**
 * Where the inventory comes from, checked: a file must stay inside the repository copy, as
 * written and through any symlink (the file is read with the same confinement).
 */
export function inventorySource(s: PerDpuSettings, appDir: string, repoRoot: string): InventorySource {
  if (s.inventory !== '') {
    if (isAbsolute(s.inventory)) throw new Error(`inventory path ${s.inventory} must be relative to the app directory`);
    const path = resolve(appDir, s.inventory);
    const repo = confinement(repoRoot);
    if (!isWithin(repo.root, path) && !isWithin(repo.realRoot, path)) throw new Error(`inventory path ${s.inventory} leaves the repository`);
    try {
      confinedRealPath(path, repo);
    } catch (err) {
      if (err instanceof ConfinementError) throw new Error(`inventory path ${s.inventory}: ${err.detail}`);
      throw err;
    }
    return { inventoryPath: path, confine: repo };
  }
  const src: InventorySource = {};
  if (s.kubeconfigPath) src.kubeconfigPath = s.kubeconfigPath;
  if (s.poolNamespaces?.length) src.poolNamespaces = s.poolNamespaces;
  return src;
}

/**
 * Loads the inventory for a run that has per-DPU services. Returns a Problem instead of
 * throwing; `warn` gets non-fatal notes (e.g. nv-ipam CRDs not installed).
 */
export async function loadRunInventory(s: PerDpuSettings, appDir: string, repoRoot: string, services: readonly DpuService[], warn: (m: string) => void): Promise<Inventory | Problem> {
  const object = 'DPU inventory';
  let src: InventorySource;
  try {
    src = inventorySource(s, appDir, repoRoot);
  } catch (err) {
    return { severity: 'error', object, field: 'parameter inventory', message: (err as Error).message };
  }
  // The sidecar sets the kubeconfig path even when its (optional) Secret is not mounted.
  const unmounted = src.kubeconfigPath !== undefined && !existsSync(src.kubeconfigPath) ? src.kubeconfigPath : undefined;
  if (!hasInventorySource(src) || unmounted) {
    return {
      severity: 'error',
      object,
      message: `${services.map((x) => `DPUService ${x.namespace}/${x.name}`).join(', ')} use${services.length === 1 ? 's' : ''} per-DPU configuration (perDPUValuesYAML/startupYAMLJ2), which needs the DPU inventory${unmounted ? ` (no DPU cluster kubeconfig at ${unmounted})` : ''}`,
      fix: `set the plugin parameter inventory to an inventory file in the repository, or mount the DPU cluster kubeconfig in the sidecar ($${DPU_KUBECONFIG_ENV})`,
    };
  }
  try {
    return await loadInventory({ ...src, onWarning: warn });
  } catch (err) {
    return { severity: 'error', object, message: err instanceof Error ? err.message : String(err) };
  }
}

/** DPUServiceIPAMs among the inputs, decoded; bad ones become errors at their location. */
export function inputIpams(docs: readonly { value: unknown; location: SourceLocation }[], defaultNamespace: string, errors: Problem[]): DpuServiceIpam[] {
  const ipams: DpuServiceIpam[] = [];
  for (const d of docs) {
    if (!isDpuServiceIpam(d.value)) continue;
    try {
      ipams.push(decodeDpuServiceIpam(d.value, defaultNamespace));
    } catch (err) {
      if (!(err instanceof InventoryError)) throw err;
      errors.push({ severity: 'error', location: d.location, object: 'DPUServiceIPAM', message: err.problems.join('; ') });
    }
  }
  return ipams;
}

const FIELD: Partial<Record<PerDpuProblem['kind'], string>> = {
  'per-dpu-values': 'spec.helmChart.values.configuration.perDPUValuesYAML',
  'no-matching-pattern': 'spec.helmChart.values.configuration.perDPUValuesYAML',
  'node-selector': 'spec.serviceDaemonSet.nodeSelector',
  'network-annotation': 'spec.serviceDaemonSet.annotations',
};

export interface PerDpuJob {
  svc: DpuService;
  releaseName: string;
  serviceID: string;
}

/**
 * Renders one service for every DPU it targets and packs the result into its shards. Returns
 * the shards' stream entries, or undefined after pushing one error per problem (DPU, line and
 * variable in the message). `chartObjects`, the service's rendered chart, is checked to mount
 * exactly the shards emitted.
 */
export function perDpuEntries(
  job: PerDpuJob,
  inventory: Inventory,
  ipams: readonly DpuServiceIpam[],
  errors: Problem[],
  warnings: Problem[],
  chartObjects?: readonly StreamEntry[],
  defaultRenderMode: RenderModeName = 'strict',
  /** Told how many DPUs got a config (the run's summary counts them). */
  onRendered?: (dpus: number) => void,
): StreamEntry[] | undefined {
  const { svc } = job;
  const base = { location: svc.location, object: `DPUService ${svc.namespace}/${svc.name}` };
  let shards: number;
  let renderMode: RenderModeName;
  try {
    shards = shardCountOf(svc.values);
    renderMode = renderModeOf(svc.raw, defaultRenderMode);
  } catch (err) {
    if (err instanceof ShardError) errors.push({ severity: 'error', ...base, field: err.field, message: err.detail });
    else if (err instanceof RenderModeError) errors.push({ severity: 'error', ...base, field: err.where, message: err.detail });
    else throw err;
    return undefined;
  }
  const render = renderPerDpu({ ...svc, renderMode }, inventory, { ipams });
  for (const e of render.errors) {
    errors.push({ severity: 'error', ...base, field: FIELD[e.kind] ?? 'spec.helmChart.values.configuration.startupYAMLJ2', message: e.message, ...(e.dpu !== undefined ? { subject: { kind: 'DPU', name: e.dpu } } : {}) });
  }
  if (render.errors.length) return undefined;
  onRendered?.(render.perDpu.length);
  if (render.perDpu.length === 0) {
    warnings.push({ severity: 'warning', ...base, field: 'spec.serviceDaemonSet.nodeSelector', message: `selects none of the ${inventory.dpus.length} DPUs of the inventory: its startup shards are empty` });
  }
  if (chartObjects) {
    const mounted = mountedShards(chartObjects.map((e) => e.object), job.releaseName);
    const expected = Array.from({ length: shards }, (_, i) => i);
    const prefix = `${job.releaseName}-startup-`;
    if (mounted.length === 0) {
      warnings.push({ severity: 'warning', ...base, message: `the chart's pods mount none of the ${shards} startup shards (${prefix}0 .. ${prefix}${shards - 1}): they cannot read their per-DPU config without API access (plugin/per-dpu/README.md)` });
    } else if (mounted.join() !== expected.join()) {
      errors.push({
        severity: 'error',
        ...base,
        field: 'spec.helmChart.values.startupConfig.shards',
        message: `the chart mounts startup shards ${mounted.join(', ')} but generate emits ${shards} (0 .. ${shards - 1}): DPUs in the others would find no config`,
        fix: 'set startupConfig.shards in the DPUService values; the chart and generate must read the same value',
      });
      return undefined;
    }
  }
  let packed;
  try {
    packed = perDpuShards(render, { releaseName: job.releaseName, namespace: svc.namespace, serviceID: job.serviceID, shards, renderMode });
  } catch (err) {
    if (!(err instanceof ShardError)) throw err;
    errors.push({ severity: 'error', ...base, field: err.field, message: err.detail });
    return undefined;
  }
  return packed.map((s) => ({
    comments: [`DPUService: ${svc.namespace}/${svc.name}`, `Source: per-DPU startup shard ${s.index} of ${shards} (${s.dpus.length} DPUs, ${s.bytes} bytes)`],
    object: printedShard(s.object),
  }));
}

/** The shard, frozen, printed by the shard printer when it can (same bytes, far faster). */
function printedShard(cm: ShardConfigMap): ShardConfigMap {
  Object.freeze(cm.data);
  Object.freeze(cm.metadata.labels);
  Object.freeze(cm.metadata.annotations);
  Object.freeze(cm.metadata);
  Object.freeze(cm);
  setDocumentPrinter(cm, () => printShard(cm));
  return cm;
}
