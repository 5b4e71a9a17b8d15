// A real HTTPS server on 127.0.0.1 answering the Kubernetes API reads the live inventory
// makes (list Nodes, list nv-ipam CIDRPools/IPPools, cluster-wide or per namespace), with the
// API server's paging (limit/continue), bearer-token auth, 401/403/404 Status bodies and an
// optional stall, plus a kubeconfig file pointing at it (CA data + token, as a mounted Secret
// holds it). HTTPS only: @kubernetes/client-node refuses plain http unless TLS checks are off.
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

const TLS_DIR = new URL('../fixtures/kube-api-tls/', import.meta.url);
export const TLS_CERT = readFileSync(new URL('tls.crt', TLS_DIR), 'utf8');
const TLS_KEY = readFileSync(new URL('tls.key', TLS_DIR), 'utf8');

type Obj = Record<string, unknown>;

export interface FakeCluster {
  nodes: Obj[];
  cidrPools?: Obj[];
  ipPools?: Obj[];
  /** Paths (without query) answered 403 with an RBAC Status. */
  forbid?: RegExp;
  /** Resource plurals whose CRD is not installed (404). */
  notServed?: ('cidrpools' | 'ippools')[];
  /** Requests matching this path never get an answer. */
  stall?: RegExp;
  /** The bearer token the server accepts (default: none needed). */
  token?: string;
  /** The service account the RBAC denial names. */
  user?: string;
}

export interface FakeKubeApi {
  url: string;
  kubeconfigPath: string;
  requests: { method: string; path: string; query: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/** A Node object as the API server returns it (trimmed of nothing the reader could rely on). */
export function nodeObject(name: string, labels: Record<string, string>, i = 0): Obj {
  return {
    metadata: {
      name,
      uid: `6b1c0e3a-0000-4000-8000-${String(100000000000 + i).slice(-12)}`,
      resourceVersion: String(40000 + i),
      creationTimestamp: '2025-01-14T09:12:44Z',
      labels: { 'kubernetes.io/arch': 'arm64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: `10.244.${i % 256}.0/24`, podCIDRs: [`10.244.${i % 256}.0/24`] },
    status: {
      capacity: { cpu: '16', memory: '32588136Ki', pods: '110', 'nvidia.com/bf_sf': '20' },
      allocatable: { cpu: '16', memory: '32485736Ki', pods: '110', 'nvidia.com/bf_sf': '20' },
      conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2025-01-15T10:00:00Z', lastTransitionTime: '2025-01-14T09:13:30Z', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [{ type: 'InternalIP', address: `10.0.110.${10 + (i % 200)}` }, { type: 'Hostname', address: name }],
      nodeInfo: { architecture: 'arm64', containerRuntimeVersion: 'containerd://1.7.13', kernelVersion: '5.15.0-1035-bluefield', kubeletVersion: 'v1.30.4', operatingSystem: 'linux', osImage: 'Ubuntu 22.04.4 LTS' },
    },
  };
}

/** An nv-ipam CIDRPool with its status. */
export function cidrPoolObject(name: string, namespace: string, spec: Obj, allocations: Obj[]): Obj {
  return { apiVersion: 'nv-ipam.nvidia.com/v1alpha1', kind: 'CIDRPool', metadata: { name, namespace, uid: `c1d4-${name}`, resourceVersion: '5121', generation: 1, labels: { 'svc.dpu.nvidia.com/dpuserviceipam-name': name } }, spec, status: { allocations } };
}

/** An nv-ipam IPPool with its status. */
export function ipPoolObject(name: string, namespace: string, spec: Obj, allocations: Obj[]): Obj {
  return { apiVersion: 'nv-ipam.nvidia.com/v1alpha1', kind: 'IPPool', metadata: { name, namespace, uid: `1pp0-${name}`, resourceVersion: '5122', generation: 1 }, spec, status: { allocations } };
}

function status(res: ServerResponse, code: number, reason: string, message: string, details: Obj = {}): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code }));
}

function page(res: ServerResponse, apiVersion: string, kind: string, items: Obj[], query: URLSearchParams): void {
  const limit = Number(query.get('limit') ?? 0);
  const start = Number(query.get('continue') ? Buffer.from(query.get('continue')!, 'base64').toString() : 0);
  const end = limit > 0 ? Math.min(items.length, start + limit) : items.length;
  const metadata: Obj = { resourceVersion: '51234' };
  if (end < items.length) {
    metadata.continue = Buffer.from(String(end)).toString('base64');
    metadata.remainingItemCount = items.length - end;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ apiVersion, kind, metadata, items: items.slice(start, end) }));
}

function handler(cluster: FakeCluster, requests: FakeKubeApi['requests']) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.search, authorization: req.headers.authorization });
    if (cluster.stall?.test(url.pathname)) return; // never answers
    if (cluster.token !== undefined && req.headers.authorization !== `Bearer ${cluster.token}`) return status(res, 401, 'Unauthorized', 'Unauthorized');
    const user = cluster.user ?? 'system:serviceaccount:argocd:dpu-gitops-cmp';
    if (req.method !== 'GET') return status(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    if (url.pathname === '/api/v1/nodes') {
      if (cluster.forbid?.test(url.pathname)) return status(res, 403, 'Forbidden', `nodes is forbidden: User "${user}" cannot list resource "nodes" in API group "" at the cluster scope`, { kind: 'nodes' });
      return page(res, 'v1', 'NodeList', cluster.nodes, url.searchParams);
    }
    const m = /^\/apis\/nv-ipam\.nvidia\.com\/v1alpha1\/(?:namespaces\/([^/]+)\/)?(cidrpools|ippools)$/.exec(url.pathname);
    if (m) {
      const [, ns, plural] = m as unknown as [string, string | undefined, 'cidrpools' | 'ippools'];
      if (cluster.notServed?.includes(plural)) return status(res, 404, 'NotFound', 'the server could not find the requested resource');
      if (cluster.forbid?.test(url.pathname)) {
        const scope = ns ? `in the namespace "${ns}"` : 'at the cluster scope';
        return status(res, 403, 'Forbidden', `${plural}.nv-ipam.nvidia.com is forbidden: User "${user}" cannot list resource "${plural}" in API group "nv-ipam.nvidia.com" ${scope}`, { group: 'nv-ipam.nvidia.com', kind: plural });
      }
      const all = (plural === 'cidrpools' ? cluster.cidrPools : cluster.ipPools) ?? [];
      const items = all.filter((p) => ns === undefined || (p.metadata as Obj).namespace === ns);
      return page(res, 'nv-ipam.nvidia.com/v1alpha1', plural === 'cidrpools' ? 'CIDRPoolList' : 'IPPoolList', items, url.searchParams);
    }
    status(res, 404, 'NotFound', 'the server could not find the requested resource');
  };
}

/** A kubeconfig file for `server`, as a mounted Secret would hold it (default CA: the fixture's). */
export function writeKubeconfig(server: string, o: { token?: string; ca?: string } = {}): string {
  o = { ca: TLS_CERT, ...o };
  const dir = mkdtempSync(join(tmpdir(), 'dpu-kubeconfig-'));
  const path = join(dir, 'kubeconfig');
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'dpu-cplane-tenant1', cluster: { server, ...(o.ca ? { 'certificate-authority-data': Buffer.from(o.ca).toString('base64') } : {}) } }],
      users: [{ name: 'dpu-gitops-cmp', user: o.token ? { token: o.token } : {} }],
      contexts: [{ name: 'dpu-cplane-tenant1', context: { cluster: 'dpu-cplane-tenant1', user: 'dpu-gitops-cmp' } }],
      'current-context': 'dpu-cplane-tenant1',
    }),
  );
  return path;
}

/** Starts the server on 127.0.0.1 (an ephemeral port), HTTPS with the fixture certificate. */
export async function startFakeKubeApi(cluster: FakeCluster): Promise<FakeKubeApi> {
  const requests: FakeKubeApi['requests'] = [];
  const server: Server = createHttps({ cert: TLS_CERT, key: TLS_KEY }, handler(cluster, requests));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    kubeconfigPath: writeKubeconfig(url, { ...(cluster.token ? { token: cluster.token } : {}), ca: TLS_CERT }),
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A URL nothing listens on (a port just released). */
export async function unusedUrl(): Promise<string> {
  const s = createHttp();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `https://127.0.0.1:${port}`;
}
