/**
 * nvidia-k8s-ipam allocation for a fresh DPUServiceIPAM (dpf.md §7), and the pod address a DPU's
 * `iprequest` interface gets from it:
 * - ipv4Network -> CIDRPool: nodes (matching the pool's nodeSelector) sorted by name; each node
 *   takes its static allocation, else the next free /prefixSize of the network ascending from its
 *   start, skipping prefixes reserved for another node or fully excluded; gateway = prefix base +
 *   gatewayIndex (none when unset, 0 outside /31-/32, or outside the prefix).
 * - ipv4Subnet -> IPPool: node i by name takes the next perNodeIPCount block starting at subnet+1
 *   (the base for /31-/32), skipping the gateway for blocks of one; a block may not reach the
 *   broadcast address. Gateway = spec.gateway.
 * - pod IP: `allocateDefaultGateway` -> the gateway; `allocateIPWithIndex: n` -> range start + n;
 *   otherwise the first free address of the node's range (what a fresh node hands out first).
 * Real pools are sticky (history-dependent); observed allocations from the inventory win.
 */
import { matchesNodeSelector, type NodeSelector } from './node-selector.js';

export interface Ipv4Network {
  network: string;
  prefixSize: number;
  gatewayIndex?: number;
  exclusions?: string[];
  /** static allocations: node name -> prefix */
  allocations?: Record<string, string>;
}

export interface Ipv4Subnet {
  subnet: string;
  gateway: string;
  perNodeIPCount: number;
}

/** The parts of a DPUServiceIPAM the allocation needs. */
export interface DpuServiceIpam {
  name: string;
  namespace: string;
  ipv4Network?: Ipv4Network;
  ipv4Subnet?: Ipv4Subnet;
  nodeSelector?: NodeSelector;
}

/** One node's share of a pool. */
export interface NodeAllocation {
  pool: string;
  kind: 'CIDRPool' | 'IPPool';
  node: string;
  /** CIDRPool prefix (e.g. 10.0.120.0/29) or IPPool subnet. */
  network: string;
  /** First and last address pods on this node may get. */
  rangeStart: string;
  rangeEnd: string;
  prefixlen: number;
  gateway: string;
  exclusions: string[];
}

/** A pool that cannot serve a node. */
export class IpamError extends Error {
  override readonly name = 'IpamError';
  constructor(readonly pool: string, readonly detail: string, readonly node?: string) {
    super(`IPAM pool '${pool}'${node ? ` for node '${node}'` : ''}: ${detail}`);
  }
}

/** Parses dotted IPv4 to an unsigned 32-bit number. */
export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p, i) => p > 255 || (m[i + 1]!.length > 1 && m[i + 1]!.startsWith('0')))) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses a.b.c.d/len; `base` is the network address (host bits cleared). */
export function parseCidr(text: string): { base: number; prefixlen: number; size: number } | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const ip = parseIpv4(m[1]!);
  const prefixlen = Number(m[2]);
  if (ip === undefined || prefixlen > 32) return undefined;
  const size = 2 ** (32 - prefixlen);
  return { base: ip - (ip % size), prefixlen, size };
}

/** nv-ipam GetGatewayForSubnet: prefix base + index, or '' when not applicable. */
export function gatewayForPrefix(base: number, prefixlen: number, index: number | undefined): string {
  if (index === undefined || index < 0) return '';
  const size = 2 ** (32 - prefixlen);
  if (prefixlen >= 31) return index < size ? formatIpv4(base + index) : '';
  if (index === 0 || index >= size - 1) return '';
  return formatIpv4(base + index);
}

function poolNodes(ipam: DpuServiceIpam, nodes: readonly { name: string; labels: Record<string, string> }[]): string[] {
  return nodes.filter((n) => matchesNodeSelector(ipam.nodeSelector, n.name, n.labels)).map((n) => n.name).sort();
}

/** CIDRPool allocation for a fresh pool. */
export function allocateCidrPool(ipam: DpuServiceIpam, nodes: readonly { name: string; labels: Record<string, string> }[]): Map<string, NodeAllocation> {
  const spec = ipam.ipv4Network!;
  const net = parseCidr(spec.network);
  if (!net) throw new IpamError(ipam.name, `network '${spec.network}' is not an IPv4 CIDR`);
  if (!Number.isInteger(spec.prefixSize) || spec.prefixSize < net.prefixlen || spec.prefixSize > 32) {
    throw new IpamError(ipam.name, `prefixSize ${spec.prefixSize} must be between ${net.prefixlen} and 32`);
  }
  const step = 2 ** (32 - spec.prefixSize);
  const excluded = (spec.exclusions ?? []).map((x) => {
    const ip = parseIpv4(x);
    if (ip === undefined) throw new IpamError(ipam.name, `exclusion '${x}' is not an IPv4 address`);
    return ip;
  });
  const statics = new Map<string, number>();
  for (const [node, prefix] of Object.entries(spec.allocations ?? {})) {
    const p = parseCidr(prefix);
    if (!p || p.prefixlen !== spec.prefixSize || p.base < net.base || p.base >= net.base + net.size) {
      throw new IpamError(ipam.name, `static allocation '${prefix}' is not a /${spec.prefixSize} of ${spec.network}`, node);
    }
    statics.set(node, p.base);
  }
  const reserved = new Set(statics.values());
  const fullyExcluded = (base: number) => {
    // usable range of a prefix: base+1..broadcast-1, or the whole prefix for /31 and /32
    const [lo, hi] = spec.prefixSize >= 31 ? [base, base + step - 1] : [base + 1, base + step - 2];
    if (excluded.length < hi - lo + 1) return false;
    for (let ip = lo; ip <= hi; ip++) if (!excluded.includes(ip)) return false;
    return true;
  };
  const used = new Set<number>();
  const out = new Map<string, NodeAllocation>();
  let next = net.base;
  for (const node of poolNodes(ipam, nodes)) {
    let base = statics.get(node);
    if (base === undefined) {
      while (next < net.base + net.size && (used.has(next) || reserved.has(next) || fullyExcluded(next))) next += step;
      if (next >= net.base + net.size) throw new IpamError(ipam.name, `no free /${spec.prefixSize} prefix left in ${spec.network}`, node);
      base = next;
      next += step;
    }
    used.add(base);
    const [lo, hi] = spec.prefixSize >= 31 ? [base, base + step - 1] : [base + 1, base + step - 2];
    out.set(node, {
      pool: ipam.name,
      kind: 'CIDRPool',
      node,
      network: `${formatIpv4(base)}/${spec.prefixSize}`,
      rangeStart: formatIpv4(lo),
      rangeEnd: formatIpv4(hi),
      prefixlen: spec.prefixSize,
      gateway: gatewayForPrefix(base, spec.prefixSize, spec.gatewayIndex),
      exclusions: excluded.filter((ip) => ip >= base! && ip < base! + step).map(formatIpv4),
    });
  }
  return out;
}

/** IPPool allocation for a fresh pool. */
export function allocateIpPool(ipam: DpuServiceIpam, nodes: readonly { name: string; labels: Record<string, string> }[]): Map<string, NodeAllocation> {
  const spec = ipam.ipv4Subnet!;
  const net = parseCidr(spec.subnet);
  if (!net) throw new IpamError(ipam.name, `subnet '${spec.subnet}' is not an IPv4 CIDR`);
  const block = spec.perNodeIPCount;
  if (!Number.isInteger(block) || block < 1) throw new IpamError(ipam.name, `perNodeIPCount ${block} must be a positive integer`);
  const gw = spec.gateway ? parseIpv4(spec.gateway) : undefined;
  if (spec.gateway && gw === undefined) throw new IpamError(ipam.name, `gateway '${spec.gateway}' is not an IPv4 address`);
  const first = net.prefixlen >= 31 ? net.base : net.base + 1;
  const last = net.prefixlen >= 31 ? net.base + net.size - 1 : net.base + net.size - 2; // no broadcast
  const out = new Map<string, NodeAllocation>();
  let next = first;
  for (const node of poolNodes(ipam, nodes)) {
    if (block === 1 && next === gw) next++;
    const end = next + block - 1;
    if (end > last) throw new IpamError(ipam.name, `no free block of ${block} addresses left in ${spec.subnet}`, node);
    out.set(node, {
      pool: ipam.name,
      kind: 'IPPool',
      node,
      network: spec.subnet,
      rangeStart: formatIpv4(next),
      rangeEnd: formatIpv4(end),
      prefixlen: net.prefixlen,
      gateway: spec.gateway ?? '',
      exclusions: [],
    });
    next = end + 1;
  }
  return out;
}

/** Allocates a fresh DPUServiceIPAM over `nodes`. */
export function allocatePool(ipam: DpuServiceIpam, nodes: readonly { name: string; labels: Record<string, string> }[]): Map<string, NodeAllocation> {
  if (ipam.ipv4Network && ipam.ipv4Subnet) throw new IpamError(ipam.name, 'ipv4Network and ipv4Subnet are exclusive');
  if (ipam.ipv4Network) return allocateCidrPool(ipam, nodes);
  if (ipam.ipv4Subnet) return allocateIpPool(ipam, nodes);
  throw new IpamError(ipam.name, 'needs ipv4Network or ipv4Subnet');
}

/** The CNI args of an `iprequest` network element that nv-ipam reads. */
export interface IpRequestArgs {
  allocateDefaultGateway?: boolean;
  allocateIPWithIndex?: number;
}

/** The `ipaddresses.<iface>` entry a startup template sees. */
export interface InterfaceAddress {
  ip: string;
  cidr: string;
  prefixlen: number;
  gateway: string;
}

/** The address nv-ipam's node agent hands a pod's interface from `alloc`. */
export function podAddress(alloc: NodeAllocation, args: IpRequestArgs): InterfaceAddress {
  const start = parseIpv4(alloc.rangeStart)!;
  const end = parseIpv4(alloc.rangeEnd)!;
  let ip: number | undefined;
  if (args.allocateDefaultGateway) {
    if (!alloc.gateway) throw new IpamError(alloc.pool, 'allocateDefaultGateway needs a pool gateway', alloc.node);
    ip = parseIpv4(alloc.gateway);
  } else if (args.allocateIPWithIndex !== undefined) {
    ip = start + args.allocateIPWithIndex;
    if (ip > end) throw new IpamError(alloc.pool, `allocateIPWithIndex ${args.allocateIPWithIndex} is outside the node's range`, alloc.node);
  } else {
    const gw = alloc.gateway ? parseIpv4(alloc.gateway) : undefined;
    const excluded = new Set(alloc.exclusions.map((x) => parseIpv4(x)));
    for (let c = start; c <= end; c++) {
      if (c !== gw && !excluded.has(c)) {
        ip = c;
        break;
      }
    }
    if (ip === undefined) throw new IpamError(alloc.pool, 'no free address in the node range', alloc.node);
  }
  const text = formatIpv4(ip!);
  return { ip: text, cidr: `${text}/${alloc.prefixlen}`, prefixlen: alloc.prefixlen, gateway: alloc.gateway };
}
