/**
 * Per-DPU rendering of a DPUService (issue 7): which DPUs the service targets, each DPU's merged
 * perDPUValuesYAML values, its `iprequest` addresses, and its rendered startupYAMLJ2.
 * The pipeline calls `renderPerDpu` once per DPUService; templates are parsed once per service.
 */
import { configJson, contextJsonOf } from './context-json.js';
import { fromPyValue, type JinjaLimits, type PyDict, type RenderModeName } from './jinja/index.js';
import { allocatePool, IpamError, podAddress, type DpuServiceIpam, type InterfaceAddress, type IpRequestArgs, type NodeAllocation } from './ipam.js';
import type { Inventory, InventoryDpu } from './inventory.js';
import { decodeNodeSelector, matchesNodeSelector, NodeSelectorError } from './node-selector.js';
import { parsePerDpuValues, PerDpuValuesError, valuesForHostname, type PerDpuValuesEntry } from './per-dpu-values.js';
import { compileStartupTemplate, renderStartupConfig, StartupTemplateError, YamlCheckCache, type StartupErrorKind } from './startup-template.js';

export { loadInventoryFile, decodeInventory, decodeDpuServiceIpam, InventoryError, INVENTORY_KIND } from './inventory.js';
export type { Inventory, InventoryDpu, ObservedPools } from './inventory.js';
export type { DpuServiceIpam, InterfaceAddress, NodeAllocation } from './ipam.js';
export { perDpuShards, shardCountOf, shardOf, shardName, startupKey, contextKey, fnv1a32, ShardError, DEFAULT_SHARDS, DEFAULT_SHARD_BUDGET_BYTES, CONFIGMAP_MAX_BYTES } from './shards.js';
export type { Shard, ShardConfigMap, ShardOptions } from './shards.js';
export { StartupTemplateError } from './startup-template.js';
export { RENDER_MODE_ANNOTATION, renderModeOf, RenderModeError } from './render-mode.js';
export { readClusterInventory, ClusterInventoryError, DPU_KUBECONFIG_ENV, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS } from './cluster-inventory.js';
export type { ClusterInventoryOptions, ClusterInventoryFailure } from './cluster-inventory.js';
export { loadInventory, hasInventorySource, collectIpams, isDpuServiceIpam, InventorySourceError } from './inventory-source.js';
export type { InventorySource } from './inventory-source.js';
export { loadStartupContextFile, decodeStartupContext, StartupContextError } from './startup-context.js';

/** The DPUService fields per-DPU rendering reads (dpf/dpuservice.ts DpuService fits). */
export interface PerDpuService {
  name: string;
  namespace: string;
  /** helm values: `configuration.perDPUValuesYAML` and `configuration.startupYAMLJ2` live here. */
  values?: Record<string, unknown>;
  /** `spec.serviceDaemonSet`: nodeSelector and the `k8s.v1.cni.cncf.io/networks` annotation. */
  serviceDaemonSet?: Record<string, unknown>;
  /** How startupYAMLJ2 renders (jinja/mode.ts): 'strict' (default) or 'dpf'. */
  renderMode?: RenderModeName;
}

export interface RenderPerDpuOptions {
  /** DPUServiceIPAM objects, for pools the inventory has no observed allocations of. */
  ipams?: readonly DpuServiceIpam[];
  /** Render only this DPU (by name or hostname), e.g. for `preview --dpu`. */
  onlyDpu?: string;
  limits?: Partial<JinjaLimits>;
}

export interface PerDpuResult {
  dpu: InventoryDpu;
  /** Indexes of the perDPUValuesYAML entries that matched, in merge order. */
  matchedEntries: number[];
  /** The merged values as plain JSON (what `config` holds), merged again on each read. */
  readonly values: Record<string, unknown>;
  /**
   * The template's context (hostname, config with Python's types, ipaddresses) as JSON
   * (context-json.ts), what a startup shard stores. Kept as text: at 100,000 DPUs the Python
   * value graphs cost more memory, and garbage-collector time, than everything else.
   */
  contextJson: string;
  ipaddresses: Record<string, InterfaceAddress>;
  /** The rendered startup config; absent when the service has no startupYAMLJ2. */
  startupConfig?: string;
}

export type PerDpuProblemKind = 'per-dpu-values' | 'no-matching-pattern' | 'node-selector' | 'network-annotation' | 'ipam' | StartupErrorKind;

export interface PerDpuProblem {
  kind: PerDpuProblemKind;
  /** The DPU concerned; absent for problems of the service as a whole. */
  dpu?: string;
  message: string;
  line?: number;
  variable?: string;
}

export interface PerDpuRender {
  service: string;
  /** False when the service has neither perDPUValuesYAML nor startupYAMLJ2. */
  perDpuService: boolean;
  perDpu: PerDpuResult[];
  errors: PerDpuProblem[];
}

const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface IpRequest extends IpRequestArgs {
  iface: string;
  pool: string;
}

/** The `iprequest` elements of the service's multus annotation (DPF HBN convention). */
function ipRequests(service: PerDpuService): IpRequest[] {
  const ann = isObj(service.serviceDaemonSet?.annotations) ? service.serviceDaemonSet.annotations[NETWORKS_ANNOTATION] : undefined;
  if (typeof ann !== 'string' || !ann.trim()) return [];
  let list: unknown;
  try {
    list = JSON.parse(ann);
  } catch (e) {
    throw new Error(`annotation ${NETWORKS_ANNOTATION} is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(list)) return [];
  const out: IpRequest[] = [];
  for (const el of list) {
    if (!isObj(el) || typeof el.name !== 'string' || el.name.split('/').pop() !== 'iprequest') continue;
    const args = isObj(el['cni-args']) ? el['cni-args'] : {};
    const pools = Array.isArray(args.poolNames) ? args.poolNames : [];
    if (typeof el.interface !== 'string' || typeof pools[0] !== 'string') {
      throw new Error(`annotation ${NETWORKS_ANNOTATION}: an iprequest element needs "interface" and "cni-args".poolNames`);
    }
    const req: IpRequest = { iface: el.interface, pool: pools[0] };
    if (args.allocateDefaultGateway === true) req.allocateDefaultGateway = true;
    if (typeof args.allocateIPWithIndex === 'number') req.allocateIPWithIndex = args.allocateIPWithIndex;
    out.push(req);
  }
  return out;
}

/**
 * Renders every DPU the service targets. Never throws for template or data problems: they are
 * returned in `errors` (one per DPU and cause), so a caller can stop the sync and list them all.
 */
export function renderPerDpu(service: PerDpuService, inventory: Inventory, options: RenderPerDpuOptions = {}): PerDpuRender {
  const result: PerDpuRender = { service: `${service.namespace}/${service.name}`, perDpuService: false, perDpu: [], errors: [] };
  const configuration = isObj(service.values?.configuration) ? service.values.configuration : {};
  const valuesYaml = configuration.perDPUValuesYAML;
  const templateText = configuration.startupYAMLJ2;
  if (typeof valuesYaml !== 'string' && typeof templateText !== 'string') return result;
  result.perDpuService = true;

  let entries: PerDpuValuesEntry[] = [];
  if (typeof valuesYaml === 'string') {
    try {
      entries = parsePerDpuValues(valuesYaml);
    } catch (e) {
      if (!(e instanceof PerDpuValuesError)) throw e;
      result.errors.push({ kind: 'per-dpu-values', message: e.message, ...(e.line !== undefined ? { line: e.line } : {}) });
      return result;
    }
  }
  let template;
  if (typeof templateText === 'string') {
    try {
      template = compileStartupTemplate(templateText, options.limits, service.renderMode);
    } catch (e) {
      if (!(e instanceof StartupTemplateError)) throw e;
      result.errors.push(problem(e));
      return result;
    }
  }
  let selector;
  let requests: IpRequest[];
  try {
    selector = decodeNodeSelector(service.serviceDaemonSet?.nodeSelector);
    requests = ipRequests(service);
  } catch (e) {
    const kind = e instanceof NodeSelectorError ? 'node-selector' : 'network-annotation';
    result.errors.push({ kind, message: (e as Error).message });
    return result;
  }

  const pools = new PoolResolver(inventory, options.ipams ?? []);
  const yamlCache = new YamlCheckCache();
  const configJsons = new Map<string, string>();
  for (const dpu of inventory.dpus) {
    if (!matchesNodeSelector(selector, dpu.name, dpu.labels)) continue;
    if (options.onlyDpu !== undefined && options.onlyDpu !== dpu.name && options.onlyDpu !== dpu.hostname) continue;
    const { values, matched } = valuesForHostname(entries, dpu.hostname);
    if (typeof valuesYaml === 'string' && !matched.length) {
      result.errors.push({ kind: 'no-matching-pattern', dpu: dpu.name, message: `DPU '${dpu.name}': hostname '${dpu.hostname}' matches no hostnamePattern of perDPUValuesYAML` });
      continue;
    }
    const ipaddresses: Record<string, InterfaceAddress> = {};
    let ipamFailed = false;
    for (const req of requests) {
      const fixed = dpu.ipaddresses[req.iface];
      if (fixed) {
        ipaddresses[req.iface] = fixed;
        continue;
      }
      try {
        ipaddresses[req.iface] = podAddress(pools.allocationFor(req.pool, dpu.name), req);
      } catch (e) {
        if (!(e instanceof IpamError)) throw e;
        result.errors.push({ kind: 'ipam', dpu: dpu.name, message: `DPU '${dpu.name}' interface ${req.iface}: ${e.message}` });
        ipamFailed = true;
      }
    }
    for (const [iface, a] of Object.entries(dpu.ipaddresses)) ipaddresses[iface] ??= a;
    if (ipamFailed) continue;
    // DPUs that matched the same entries have the same values: their JSON is made once (before
    // the template runs: a template can append to its own copy of a list)
    const valuesKey = matched.join(',');
    let valuesJson = configJsons.get(valuesKey);
    if (valuesJson === undefined) {
      valuesJson = configJson(values);
      if (configJsons.size < 10_000) configJsons.set(valuesKey, valuesJson);
    }
    const context = contextJsonOf(valuesJson, dpu.hostname, ipaddresses);
    // `values` is made on demand: at 100,000 DPUs a JSON copy of every merge is memory generate never reads
    const out: PerDpuResult = {
      dpu,
      matchedEntries: matched,
      get values() {
        return fromPyValue(valuesForHostname(entries, dpu.hostname).values) as Record<string, unknown>;
      },
      contextJson: context,
      ipaddresses,
    };
    if (template) {
      try {
        out.startupConfig = renderStartupConfig(template, { hostname: dpu.hostname, config: values as PyDict, ipaddresses }, dpu.name, options.limits, yamlCache);
      } catch (e) {
        if (!(e instanceof StartupTemplateError)) throw e;
        result.errors.push(problem(e));
        continue;
      }
    }
    result.perDpu.push(out);
  }
  return result;
}

function problem(e: StartupTemplateError): PerDpuProblem {
  const p: PerDpuProblem = { kind: e.kind, message: e.message };
  if (e.dpu !== undefined) p.dpu = e.dpu;
  if (e.line !== undefined) p.line = e.line;
  if (e.variable !== undefined) p.variable = e.variable;
  return p;
}

/** Node allocations: observed (inventory) first, else computed once per fresh pool. */
class PoolResolver {
  private readonly computed = new Map<string, Map<string, NodeAllocation>>();
  constructor(
    private readonly inventory: Inventory,
    private readonly ipams: readonly DpuServiceIpam[],
  ) {}

  allocationFor(pool: string, node: string): NodeAllocation {
    const observed = this.inventory.pools.get(pool);
    if (observed) {
      const a = observed.get(node);
      if (!a) throw new IpamError(pool, 'the observed pool status has no allocation for this node', node);
      return a;
    }
    let allocs = this.computed.get(pool);
    if (!allocs) {
      const ipam = this.ipams.find((i) => i.name === pool);
      if (!ipam) throw new IpamError(pool, 'no DPUServiceIPAM and no observed pool of this name', node);
      allocs = allocatePool(ipam, this.inventory.dpus);
      this.computed.set(pool, allocs);
    }
    const a = allocs.get(node);
    if (!a) throw new IpamError(pool, "the pool's nodeSelector does not select this node", node);
    return a;
  }
}
