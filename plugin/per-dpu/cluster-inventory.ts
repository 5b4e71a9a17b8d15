/**
 * The DPU inventory read from the live DPU cluster (issue 7, inventory source (b)), through
 * @kubernetes/client-node with a kubeconfig file (in the CMP: a mounted Secret):
 * - Nodes: each node is a DPU; its name is both `name` and `hostname` (a DPF DPU node is named
 *   after the DPU, which is the hostname HBN matches `hostnamePattern` against), labels as is;
 * - nv-ipam pools (`nv-ipam.nvidia.com/v1alpha1` CIDRPool and IPPool): `status.allocations`,
 *   the observed, sticky allocations that win over a fresh computation from a DPUServiceIPAM.
 * The result has exactly the shape `loadInventoryFile` returns: the reads are turned into an
 * inventory document and decoded by the same decoder, so both sources are validated alike.
 *
 * Every request is bounded (`requestTimeoutMs`) and so is the whole read (`totalTimeoutMs`);
 * lists are paged (`limit`/`continue`) so 10,000-node clusters are read in bounded chunks.
 * Failures throw ClusterInventoryError naming the API server, what was being read and why
 * (unreachable, timeout, unauthorized, forbidden with the server's RBAC message, ...).
 */
import type { ConfigurationOptions, CustomObjectsApi, KubeConfig, RequestContext, ResponseContext } from '@kubernetes/client-node';
import { decodeInventory, InventoryError, type Inventory } from './inventory.js';
import { formatIpv4, parseCidr, parseIpv4 } from './ipam.js';

/** nv-ipam's API group and version (github.com/Mellanox/nvidia-k8s-ipam api/v1alpha1). */
export const NV_IPAM_GROUP = 'nv-ipam.nvidia.com';
export const NV_IPAM_VERSION = 'v1alpha1';
/** Environment variable naming the DPU cluster kubeconfig file (the mounted Secret's path). */
export const DPU_KUBECONFIG_ENV = 'DPU_GITOPS_DPU_KUBECONFIG';
/** One HTTP request (connect + response body) may take this long. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** All reads together may take this long: well inside the CMP's 50 s generate deadline. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 30_000;
/** Items per list page. */
export const DEFAULT_PAGE_SIZE = 500;
/** Excluded addresses kept per node range (enough for the first-free-address walk). */
export const MAX_EXCLUSIONS_PER_NODE = 4096;

export type ClusterInventoryFailure = 'kubeconfig' | 'unreachable' | 'timeout' | 'unauthorized' | 'forbidden' | 'http' | 'invalid-response';

/** Reading the DPU cluster failed; the message names the server, the read and the cause. */
export class ClusterInventoryError extends Error {
  override readonly name = 'ClusterInventoryError';
  constructor(
    readonly reason: ClusterInventoryFailure,
    /** The API server URL ('' when the kubeconfig could not be read). */
    readonly server: string,
    /** What was being read, e.g. "list nodes" or "list cidrpools.nv-ipam.nvidia.com in namespace x". */
    readonly operation: string,
    readonly detail: string,
    /** The HTTP status, for answers from the server. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`DPU cluster${server ? ` ${server}` : ''}: ${operation}: ${detail}`, options);
  }
}

export interface ClusterInventoryOptions {
  /** Path of the kubeconfig file of the DPU cluster. */
  kubeconfigPath: string;
  /** kubeconfig context to use (default: its current-context). */
  context?: string;
  /**
   * Namespaces holding the nv-ipam pools (nv-ipam watches one namespace; DPF creates each pool
   * with its DPUServiceIPAM's namespace). Default: all namespaces, one cluster-wide list.
   */
  poolNamespaces?: readonly string[];
  requestTimeoutMs?: number;
  totalTimeoutMs?: number;
  pageSize?: number;
  /** Told about conditions that are not errors (e.g. the nv-ipam CRDs are not installed). */
  onWarning?: (message: string) => void;
}

type K8s = typeof import('@kubernetes/client-node');
let k8sModule: Promise<K8s> | undefined;
/** @kubernetes/client-node, loaded on first use: its import costs ~0.5 s every CLI run would pay. */
const loadK8s = (): Promise<K8s> => (k8sModule ??= import('@kubernetes/client-node'));

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Loads the kubeconfig; errors become ClusterInventoryError('kubeconfig'). */
function loadKubeConfig(k8s: K8s, path: string, context: string | undefined): { kc: KubeConfig; server: string } {
  const kc = new k8s.KubeConfig();
  const fail = (detail: string, cause?: unknown): never => {
    throw new ClusterInventoryError('kubeconfig', '', `read kubeconfig ${path}`, detail, undefined, { cause });
  };
  try {
    kc.loadFromFile(path);
  } catch (e) {
    fail((e as Error).message.split('\n')[0]!, e);
  }
  if (context !== undefined) {
    if (!kc.getContextObject(context)) fail(`has no context '${context}' (contexts: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'})`);
    kc.setCurrentContext(context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) fail(`its current context ('${kc.getCurrentContext() || 'unset'}') names no cluster`);
  if (!/^https?:\/\//.test(cluster!.server)) fail(`cluster '${cluster!.name}' has no http(s) server URL (got '${cluster!.server}')`);
  // @kubernetes/client-node refuses plain http unless TLS checks are off; say so up front.
  if (cluster!.server.startsWith('http:') && !cluster!.skipTLSVerify) fail(`cluster '${cluster!.name}' uses plain http (${cluster!.server}); use https, or set insecure-skip-tls-verify: true`);
  return { kc, server: cluster!.server };
}

/** The API server's own words from a Status body (e.g. the RBAC denial), if any. */
function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.trim() ? body.trim().slice(0, 300) : undefined;
    }
  }
  return isObj(parsed) && typeof parsed.message === 'string' ? parsed.message : undefined;
}

/** Sequences requests under one deadline, each with its own timeout signal. */
class Reader {
  private readonly deadline: number;
  constructor(
    private readonly k8s: K8s,
    readonly server: string,
    private readonly requestTimeoutMs: number,
    private readonly totalTimeoutMs: number,
  ) {
    this.deadline = Date.now() + totalTimeoutMs;
  }

  /** Runs one API call with a timeout; maps every failure to ClusterInventoryError. */
  async call<T>(operation: string, fn: (options: ConfigurationOptions) => Promise<T>): Promise<T> {
    const left = this.deadline - Date.now();
    if (left <= 0) throw new ClusterInventoryError('timeout', this.server, operation, `the reads did not finish within ${this.totalTimeoutMs} ms (total timeout)`);
    const ms = Math.min(this.requestTimeoutMs, left);
    const signal = AbortSignal.timeout(ms);
    // Call-time middleware replaces the (empty) configured one: it only attaches the signal.
    const options: ConfigurationOptions = {
      middleware: [
        {
          pre: (ctx: RequestContext) => {
            ctx.setSignal(signal);
            return new this.k8s.Observable(Promise.resolve(ctx));
          },
          post: (ctx: ResponseContext) => new this.k8s.Observable(Promise.resolve(ctx)),
        },
      ],
    };
    try {
      return await fn(options);
    } catch (e) {
      throw this.failure(operation, e, ms, ms < this.requestTimeoutMs);
    }
  }

  private failure(operation: string, e: unknown, ms: number, byTotal: boolean): ClusterInventoryError {
    const mk = (reason: ClusterInventoryFailure, detail: string, status?: number) => new ClusterInventoryError(reason, this.server, operation, detail, status, { cause: e });
    if (e instanceof this.k8s.ApiException) {
      const code = e.code as number;
      const said = statusMessage(e.body);
      if (code === 401) return mk('unauthorized', `401 Unauthorized: the kubeconfig's credentials were rejected${said ? ` (${said})` : ''}`, code);
      if (code === 403) return mk('forbidden', `403 Forbidden: ${said ?? 'the kubeconfig user may not do this'}; grant list on this resource to the kubeconfig's user`, code);
      return mk('http', `HTTP ${code}${said ? `: ${said}` : ''}`, code);
    }
    const err = e as { name?: string; type?: string; code?: string; message?: string } | undefined;
    if (err?.name === 'AbortError' || err?.type === 'aborted') {
      return mk('timeout', `no complete answer within ${ms} ms (${byTotal ? 'total timeout' : 'request timeout'})`);
    }
    if (err?.type === 'system' || (typeof err?.code === 'string' && /^E[A-Z]+$/.test(err.code))) {
      return mk('unreachable', `cannot reach the API server: ${err.code ?? ''} ${(err.message ?? '').replace(/^request to \S+ failed, reason: /, '')}`.replace(/\s+/g, ' ').trim());
    }
    if (e instanceof SyntaxError || err?.type === 'invalid-json') return mk('invalid-response', `the answer is not Kubernetes JSON: ${err?.message ?? String(e)}`);
    return mk('unreachable', err?.message ?? String(e));
  }
}

const continueOf = (list: unknown): string | undefined => {
  const meta = isObj(list) && isObj(list.metadata) ? list.metadata : undefined;
  const c = meta?.continue ?? meta?._continue;
  return typeof c === 'string' && c !== '' ? c : undefined;
};

/** Reads every page of a list. */
async function listAll(reader: Reader, operation: string, page: (cont: string | undefined, options: ConfigurationOptions) => Promise<unknown>): Promise<Obj[]> {
  const items: Obj[] = [];
  let cont: string | undefined;
  for (let n = 1; ; n++) {
    const what = n === 1 ? operation : `${operation} (page ${n})`;
    const list = await reader.call(what, (o) => page(cont, o));
    if (!isObj(list) || !Array.isArray(list.items)) throw new ClusterInventoryError('invalid-response', reader.server, what, 'the answer has no items list');
    for (const it of list.items) if (isObj(it)) items.push(it);
    cont = continueOf(list);
    if (cont === undefined) return items;
  }
}

type PoolKind = 'CIDRPool' | 'IPPool';
const PLURAL: Record<PoolKind, string> = { CIDRPool: 'cidrpools', IPPool: 'ippools' };

interface PoolRead {
  kind: PoolKind;
  name: string;
  namespace: string;
  spec: Obj;
  status: Obj;
}

/** Lists one pool kind; a 404 (CRD not served) means no pools of that kind. */
async function listPools(reader: Reader, api: CustomObjectsApi, kind: PoolKind, namespaces: readonly string[] | undefined, pageSize: number, warn: (m: string) => void): Promise<PoolRead[]> {
  const plural = PLURAL[kind];
  const out: PoolRead[] = [];
  for (const ns of namespaces ?? [undefined]) {
    const operation = `list ${plural}.${NV_IPAM_GROUP}${ns === undefined ? ' in all namespaces' : ` in namespace ${ns}`}`;
    let items: Obj[];
    try {
      items = await listAll(reader, operation, (cont, o) => {
        const base = { group: NV_IPAM_GROUP, version: NV_IPAM_VERSION, plural, limit: pageSize, ...(cont !== undefined ? { _continue: cont } : {}) };
        return ns === undefined ? api.listClusterCustomObject(base, o) : api.listNamespacedCustomObject({ ...base, namespace: ns }, o);
      });
    } catch (e) {
      if (e instanceof ClusterInventoryError && e.status === 404) {
        warn(`DPU cluster ${reader.server}: ${plural}.${NV_IPAM_GROUP} is not served (nvidia-k8s-ipam not installed?): no observed ${kind} allocations`);
        return [];
      }
      throw e;
    }
    for (const it of items) {
      const meta = isObj(it.metadata) ? it.metadata : {};
      out.push({ kind, name: String(meta.name ?? ''), namespace: String(meta.namespace ?? ns ?? ''), spec: isObj(it.spec) ? it.spec : {}, status: isObj(it.status) ? it.status : {} });
    }
  }
  return out;
}

/** The excluded addresses of `exclusions` ({startIP, endIP} ranges) inside lo..hi, lowest first. */
function excludedWithin(exclusions: unknown, lo: number, hi: number): string[] {
  const out: string[] = [];
  if (!Array.isArray(exclusions)) return out;
  const ranges = exclusions
    .filter(isObj)
    .map((r) => [parseIpv4(String(r.startIP ?? '')), parseIpv4(String(r.endIP ?? ''))] as const)
    .filter((r): r is readonly [number, number] => r[0] !== undefined && r[1] !== undefined)
    .sort((a, b) => a[0] - b[0]);
  for (const [s, e] of ranges) {
    for (let ip = Math.max(s, lo); ip <= Math.min(e, hi) && out.length < MAX_EXCLUSIONS_PER_NODE; ip++) out.push(formatIpv4(ip));
  }
  return [...new Set(out)];
}

/**
 * Reads Nodes and nv-ipam pools from the DPU cluster into an Inventory (the shape the file
 * loader returns). Throws ClusterInventoryError for kubeconfig, network, auth and RBAC
 * failures, and InventoryError when what the cluster holds does not decode.
 */
export async function readClusterInventory(o: ClusterInventoryOptions): Promise<Inventory> {
  const k8s = await loadK8s();
  const { kc, server } = loadKubeConfig(k8s, o.kubeconfigPath, o.context);
  const reader = new Reader(k8s, server, o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, o.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS);
  const pageSize = o.pageSize ?? DEFAULT_PAGE_SIZE;
  const warn = o.onWarning ?? (() => {});
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);

  const nodes = await listAll(reader, 'list nodes', (cont, opts) => core.listNode({ limit: pageSize, ...(cont !== undefined ? { _continue: cont } : {}) }, opts) as Promise<unknown>);
  const cidrPools = await listPools(reader, custom, 'CIDRPool', o.poolNamespaces, pageSize, warn);
  const ipPools = await listPools(reader, custom, 'IPPool', o.poolNamespaces, pageSize, warn);

  const dpus = nodes.map((n) => {
    const meta = isObj(n.metadata) ? n.metadata : {};
    return { name: meta.name, hostname: meta.name, labels: isObj(meta.labels) ? meta.labels : {} };
  });
  const seen = new Map<string, string>();
  const pools: Obj[] = [];
  for (const p of [...cidrPools, ...ipPools]) {
    const other = seen.get(p.name);
    if (other !== undefined) {
      throw new ClusterInventoryError('invalid-response', server, 'read nv-ipam pools', `pool name '${p.name}' is used by ${other} and ${p.kind} ${p.namespace}/${p.name}; iprequest poolNames cannot tell them apart (set the pool namespace)`);
    }
    seen.set(p.name, `${p.kind} ${p.namespace}/${p.name}`);
    const allocations = Array.isArray(p.status.allocations) ? p.status.allocations : [];
    pools.push(p.kind === 'CIDRPool' ? { name: p.name, kind: p.kind, allocations } : { name: p.name, kind: p.kind, subnet: p.spec.subnet, gateway: p.spec.gateway, allocations });
  }
  const source = `DPU cluster ${server}`;
  let inventory: Inventory;
  try {
    inventory = decodeInventory({ dpus, pools }, source);
  } catch (e) {
    if (e instanceof InventoryError) throw new InventoryError(source, e.problems.map((p) => p.replace(/^dpus\[/, 'nodes[').replace(/^pools\[(\d+)\]/, (_m, i: string) => `${String(seen.get(String(pools[Number(i)]!.name)))} (pools[${i}])`)));
    throw e;
  }
  // CIDRPool exclusions (spec.exclusions ranges) apply to each node's range.
  for (const p of cidrPools) {
    for (const alloc of inventory.pools.get(p.name)?.values() ?? []) {
      const net = parseCidr(alloc.network);
      if (!net) continue;
      const [lo, hi] = net.prefixlen >= 31 ? [net.base, net.base + net.size - 1] : [net.base + 1, net.base + net.size - 2];
      alloc.exclusions = excludedWithin(p.spec.exclusions, lo, hi);
    }
  }
  return inventory;
}
