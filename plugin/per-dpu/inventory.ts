/**
 * The DPU inventory: which DPUs exist (name, hostname, labels), and what nv-ipam has already
 * allocated to them. Read from a YAML file in the repo (schema in plugin/per-dpu/README.md);
 * cluster-inventory.ts reads the same from the live DPU cluster and decodes it here.
 */
import { InputFileError, readInputText } from '../../dpf/input-file.js';
import { parseUserYaml } from '../../dpf/yaml-input.js';
import type { Confinement } from '../../helm/chart/confine.js';
import { decodeNodeSelector, NodeSelectorError } from './node-selector.js';
import { formatIpv4, parseCidr, parseIpv4, type DpuServiceIpam, type InterfaceAddress, type NodeAllocation } from './ipam.js';

export const INVENTORY_KIND = 'DPUInventory';

export interface InventoryDpu {
  /** DPU node name in the DPU cluster (what nv-ipam allocates to). */
  name: string;
  /** What `hostnamePattern` is matched against and `hostname` in templates; defaults to name. */
  hostname: string;
  labels: Record<string, string>;
  /** Addresses fixed by the inventory, overriding IPAM for these interfaces. */
  ipaddresses: Record<string, InterfaceAddress>;
}

/** Observed nv-ipam allocations, keyed by pool name then node name. */
export type ObservedPools = Map<string, Map<string, NodeAllocation>>;

export interface Inventory {
  dpus: InventoryDpu[];
  pools: ObservedPools;
}

/** An inventory file that does not follow the schema; `problems` lists every path at fault. */
export class InventoryError extends Error {
  override readonly name = 'InventoryError';
  constructor(readonly source: string, readonly problems: string[]) {
    super(`${source}: invalid DPU inventory: ${problems.join('; ')}`);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function decodeAddress(raw: unknown, path: string, problems: string[]): InterfaceAddress | undefined {
  if (!isObj(raw)) {
    problems.push(`${path}: must be a mapping with ip/prefixlen or cidr`);
    return undefined;
  }
  let ip: string | undefined;
  let prefixlen: number | undefined;
  if (typeof raw.cidr === 'string') {
    const [a, l] = raw.cidr.split('/');
    if (a !== undefined && parseIpv4(a) !== undefined && l !== undefined && /^\d{1,2}$/.test(l) && Number(l) <= 32) {
      ip = a;
      prefixlen = Number(l);
    } else problems.push(`${path}.cidr: '${raw.cidr}' is not ip/prefixlen`);
  } else {
    if (typeof raw.ip === 'string' && parseIpv4(raw.ip) !== undefined) ip = raw.ip;
    else problems.push(`${path}.ip: must be an IPv4 address`);
    if (typeof raw.prefixlen === 'number' && Number.isInteger(raw.prefixlen) && raw.prefixlen >= 0 && raw.prefixlen <= 32) prefixlen = raw.prefixlen;
    else problems.push(`${path}.prefixlen: must be an integer 0-32`);
  }
  const gateway = raw.gateway === undefined ? '' : raw.gateway;
  if (typeof gateway !== 'string' || (gateway !== '' && parseIpv4(gateway) === undefined)) {
    problems.push(`${path}.gateway: must be an IPv4 address`);
    return undefined;
  }
  if (ip === undefined || prefixlen === undefined) return undefined;
  return { ip, cidr: `${ip}/${prefixlen}`, prefixlen, gateway };
}

function decodePool(raw: unknown, path: string, problems: string[]): [string, Map<string, NodeAllocation>] | undefined {
  if (!isObj(raw) || typeof raw.name !== 'string' || !raw.name) {
    problems.push(`${path}: needs a name`);
    return undefined;
  }
  const kind = raw.kind;
  if (kind !== 'CIDRPool' && kind !== 'IPPool') {
    problems.push(`${path}.kind: must be CIDRPool or IPPool`);
    return undefined;
  }
  const name = raw.name;
  const out = new Map<string, NodeAllocation>();
  const subnet = kind === 'IPPool' && typeof raw.subnet === 'string' ? parseCidr(raw.subnet) : undefined;
  if (kind === 'IPPool' && !subnet) problems.push(`${path}.subnet: an IPPool needs its subnet (a.b.c.d/len)`);
  const gateway = typeof raw.gateway === 'string' ? raw.gateway : '';
  const allocs = Array.isArray(raw.allocations) ? raw.allocations : [];
  if (!Array.isArray(raw.allocations)) problems.push(`${path}.allocations: must be a list (status.allocations of the pool)`);
  allocs.forEach((a, i) => {
    const ap = `${path}.allocations[${i}]`;
    if (!isObj(a) || typeof a.nodeName !== 'string') {
      problems.push(`${ap}: needs nodeName`);
      return;
    }
    if (kind === 'CIDRPool') {
      const p = typeof a.prefix === 'string' ? parseCidr(a.prefix) : undefined;
      if (!p) {
        problems.push(`${ap}.prefix: must be a.b.c.d/len`);
        return;
      }
      const whole = p.prefixlen >= 31;
      out.set(a.nodeName, {
        pool: name, kind, node: a.nodeName, network: `${formatIpv4(p.base)}/${p.prefixlen}`,
        rangeStart: formatIpv4(whole ? p.base : p.base + 1), rangeEnd: formatIpv4(whole ? p.base + p.size - 1 : p.base + p.size - 2),
        prefixlen: p.prefixlen, gateway: typeof a.gateway === 'string' ? a.gateway : '', exclusions: [],
      });
    } else if (subnet) {
      if (typeof a.startIP !== 'string' || parseIpv4(a.startIP) === undefined || typeof a.endIP !== 'string' || parseIpv4(a.endIP) === undefined) {
        problems.push(`${ap}: needs startIP and endIP`);
        return;
      }
      out.set(a.nodeName, {
        pool: name, kind, node: a.nodeName, network: String(raw.subnet), rangeStart: a.startIP, rangeEnd: a.endIP,
        prefixlen: subnet.prefixlen, gateway, exclusions: [],
      });
    }
  });
  return [name, out];
}

/** Decodes an inventory document; throws InventoryError naming every problem. */
export function decodeInventory(raw: unknown, source: string): Inventory {
  const problems: string[] = [];
  if (!isObj(raw)) throw new InventoryError(source, ['the document must be a mapping']);
  if (raw.kind !== undefined && raw.kind !== INVENTORY_KIND) problems.push(`kind: must be ${INVENTORY_KIND}`);
  const dpus: InventoryDpu[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(raw.dpus)) problems.push('dpus: must be a list');
  (Array.isArray(raw.dpus) ? raw.dpus : []).forEach((d, i) => {
    const path = `dpus[${i}]`;
    if (!isObj(d) || typeof d.name !== 'string' || !d.name) {
      problems.push(`${path}.name: required`);
      return;
    }
    if (seen.has(d.name)) problems.push(`${path}.name: '${d.name}' is listed twice`);
    seen.add(d.name);
    const labels: Record<string, string> = {};
    if (d.labels !== undefined) {
      if (!isObj(d.labels)) problems.push(`${path}.labels: must be a mapping of strings`);
      else for (const [k, v] of Object.entries(d.labels)) {
        if (typeof v === 'string') labels[k] = v;
        else problems.push(`${path}.labels.${k}: must be a string (quote it)`);
      }
    }
    const ipaddresses: Record<string, InterfaceAddress> = {};
    if (d.ipaddresses !== undefined) {
      if (!isObj(d.ipaddresses)) problems.push(`${path}.ipaddresses: must be a mapping`);
      else for (const [iface, a] of Object.entries(d.ipaddresses)) {
        const addr = decodeAddress(a, `${path}.ipaddresses.${iface}`, problems);
        if (addr) ipaddresses[iface] = addr;
      }
    }
    if (d.hostname !== undefined && typeof d.hostname !== 'string') problems.push(`${path}.hostname: must be a string`);
    dpus.push({ name: d.name, hostname: typeof d.hostname === 'string' ? d.hostname : d.name, labels, ipaddresses });
  });
  const pools: ObservedPools = new Map();
  if (raw.pools !== undefined && !Array.isArray(raw.pools)) problems.push('pools: must be a list');
  (Array.isArray(raw.pools) ? raw.pools : []).forEach((p, i) => {
    const r = decodePool(p, `pools[${i}]`, problems);
    if (r) pools.set(r[0], r[1]);
  });
  if (problems.length) throw new InventoryError(source, problems);
  return { dpus, pools };
}

/**
 * Reads and decodes an inventory YAML file: one that cannot be read whole (too big, not UTF-8,
 * a symlink out of `confine`) is an InventoryError like one off the schema.
 */
export function loadInventoryFile(path: string, options: { confine?: Confinement } = {}): Inventory {
  let raw: unknown;
  try {
    raw = parseUserYaml(readInputText(path, options.confine ? { confine: options.confine } : {}));
  } catch (e) {
    // A missing or unreadable file keeps the system's own message (ENOENT: ..., open '...').
    if (e instanceof InputFileError) throw new InventoryError(path, [e.reason === 'unreadable' && e.cause instanceof Error ? e.cause.message : `${e.detail} (fix: ${e.fix})`]);
    throw new InventoryError(path, [(e as Error).message.split('\n')[0]!]);
  }
  return decodeInventory(raw, path);
}

/** Decodes a DPUServiceIPAM object (svc.dpu.nvidia.com/v1alpha1). */
export function decodeDpuServiceIpam(raw: unknown, defaultNamespace = 'default'): DpuServiceIpam {
  const fail = (d: string): never => {
    throw new InventoryError('DPUServiceIPAM', [d]);
  };
  if (!isObj(raw) || raw.kind !== 'DPUServiceIPAM') fail('not a DPUServiceIPAM');
  const o = raw as Obj;
  const meta = isObj(o.metadata) ? o.metadata : {};
  const spec = isObj(o.spec) ? o.spec : {};
  const name = typeof meta.name === 'string' ? meta.name : fail('metadata.name is required');
  const out: DpuServiceIpam = { name, namespace: typeof meta.namespace === 'string' ? meta.namespace : defaultNamespace };
  if (isObj(spec.ipv4Network)) {
    const n = spec.ipv4Network;
    if (typeof n.network !== 'string' || typeof n.prefixSize !== 'number') fail(`${name}: ipv4Network needs network and prefixSize`);
    out.ipv4Network = { network: n.network as string, prefixSize: n.prefixSize as number };
    if (typeof n.gatewayIndex === 'number') out.ipv4Network.gatewayIndex = n.gatewayIndex;
    if (Array.isArray(n.exclusions)) out.ipv4Network.exclusions = n.exclusions.map(String);
    if (isObj(n.allocations)) out.ipv4Network.allocations = Object.fromEntries(Object.entries(n.allocations).map(([k, v]) => [k, String(v)]));
  }
  if (isObj(spec.ipv4Subnet)) {
    const s = spec.ipv4Subnet;
    if (typeof s.subnet !== 'string' || typeof s.perNodeIPCount !== 'number') fail(`${name}: ipv4Subnet needs subnet and perNodeIPCount`);
    out.ipv4Subnet = { subnet: s.subnet as string, gateway: typeof s.gateway === 'string' ? s.gateway : '', perNodeIPCount: s.perNodeIPCount as number };
  }
  try {
    const sel = decodeNodeSelector(spec.nodeSelector, `${name}.spec.nodeSelector`);
    if (sel) out.nodeSelector = sel;
  } catch (e) {
    if (e instanceof NodeSelectorError) fail(e.message);
    throw e;
  }
  return out;
}
