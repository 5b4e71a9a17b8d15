// The live inventory against a real HTTP(S) server speaking the Kubernetes API
// (helpers/fake-kube-api.ts): Nodes and nv-ipam pools, paging, auth, RBAC denial, unreachable
// and stalled servers, CRDs not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterInventoryError, readClusterInventory } from '../../../plugin/per-dpu/cluster-inventory.js';
import { decodeInventory, InventoryError, renderPerDpu, type PerDpuService } from '../../../plugin/per-dpu/index.js';
import { cidrPoolObject, ipPoolObject, nodeObject, startFakeKubeApi, unusedUrl, writeKubeconfig, type FakeCluster } from './helpers/fake-kube-api.js';

const NS = 'dpf-operator-system';
const NODES = [
  nodeObject('worker1-0000-08-00', { role: 'hbn' }, 0),
  nodeObject('worker1-0000-09-00', { role: 'hbn' }, 1),
  nodeObject('worker2-0000-08-00', { role: 'hbn' }, 2),
  nodeObject('worker3-0000-08-00', { role: 'storage' }, 3),
  nodeObject('worker4-0000-08-00', { role: 'hbn', 'feature.node.kubernetes.io/dpu': 'true' }, 4),
];
// Sticky allocations as a long-lived pool has them: not what a fresh computation would give.
const CIDR_POOLS = [
  cidrPoolObject('pool1', NS, { cidr: '10.0.120.0/22', gatewayIndex: 3, perNodeNetworkPrefix: 29, exclusions: [{ startIP: '10.0.120.41', endIP: '10.0.120.42' }] }, [
    { nodeName: 'worker1-0000-08-00', prefix: '10.0.120.40/29', gateway: '10.0.120.43' },
    { nodeName: 'worker1-0000-09-00', prefix: '10.0.120.0/29', gateway: '10.0.120.3' },
  ]),
  cidrPoolObject('loopback', NS, { cidr: '11.0.0.0/24', perNodeNetworkPrefix: 32 }, [
    { nodeName: 'worker1-0000-08-00', prefix: '11.0.0.7/32' },
    { nodeName: 'worker1-0000-09-00', prefix: '11.0.0.1/32' },
  ]),
  cidrPoolObject('other-tenant', 'tenant2', { cidr: '172.16.0.0/16', perNodeNetworkPrefix: 24 }, [{ nodeName: 'worker1-0000-08-00', prefix: '172.16.3.0/24' }]),
];
const IP_POOLS = [ipPoolObject('pool2', NS, { subnet: '192.168.0.0/20', perNodeBlockSize: 100, gateway: '192.168.0.1' }, [{ nodeName: 'worker2-0000-08-00', startIP: '192.168.0.2', endIP: '192.168.0.101' }])];
const CLUSTER: FakeCluster = { nodes: NODES, cidrPools: CIDR_POOLS, ipPools: IP_POOLS, token: 'dpu-cluster-token-3f9a' };

async function withApi<T>(cluster: FakeCluster, fn: (api: Awaited<ReturnType<typeof startFakeKubeApi>>) => Promise<T>): Promise<T> {
  const api = await startFakeKubeApi(cluster);
  try {
    return await fn(api);
  } finally {
    await api.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<ClusterInventoryError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ClusterInventoryError, `expected ClusterInventoryError, got ${String(e)}`);
    return e;
  }
  assert.fail('the read succeeded');
}

test('reads Nodes and pools over HTTPS (CA + token from the kubeconfig) into the file loader\'s shape, page by page', async () => {
  await withApi(CLUSTER, async (api) => {
    const inv = await readClusterInventory({ kubeconfigPath: api.kubeconfigPath, pageSize: 2 });
    const fromFile = decodeInventory(
      {
        dpus: NODES.map((n) => ({ name: (n.metadata as { name: string }).name, labels: (n.metadata as { labels: object }).labels })),
        pools: [
          { name: 'pool1', kind: 'CIDRPool', allocations: (CIDR_POOLS[0]!.status as { allocations: unknown }).allocations },
          { name: 'loopback', kind: 'CIDRPool', allocations: (CIDR_POOLS[1]!.status as { allocations: unknown }).allocations },
          { name: 'other-tenant', kind: 'CIDRPool', allocations: (CIDR_POOLS[2]!.status as { allocations: unknown }).allocations },
          { name: 'pool2', kind: 'IPPool', subnet: '192.168.0.0/20', gateway: '192.168.0.1', allocations: (IP_POOLS[0]!.status as { allocations: unknown }).allocations },
        ],
      },
      'same data as a file',
    );
    // the exclusions inside worker1-0000-08-00's prefix are the one thing a file cannot say
    assert.deepEqual(inv.pools.get('pool1')!.get('worker1-0000-08-00')!.exclusions, ['10.0.120.41', '10.0.120.42']);
    fromFile.pools.get('pool1')!.get('worker1-0000-08-00')!.exclusions = ['10.0.120.41', '10.0.120.42'];
    assert.deepEqual(inv, fromFile);
    assert.equal(inv.dpus[4]!.hostname, 'worker4-0000-08-00');
    assert.equal(inv.dpus[4]!.labels['feature.node.kubernetes.io/dpu'], 'true');
    assert.deepEqual(
      api.requests.map((r) => `${r.path}${r.query}`),
      [
        '/api/v1/nodes?limit=2',
        '/api/v1/nodes?continue=Mg%3D%3D&limit=2',
        '/api/v1/nodes?continue=NA%3D%3D&limit=2',
        '/apis/nv-ipam.nvidia.com/v1alpha1/cidrpools?limit=2',
        '/apis/nv-ipam.nvidia.com/v1alpha1/cidrpools?continue=Mg%3D%3D&limit=2',
        '/apis/nv-ipam.nvidia.com/v1alpha1/ippools?limit=2',
      ],
    );
    assert.ok(api.requests.every((r) => r.authorization === 'Bearer dpu-cluster-token-3f9a'));
  });
});

test('pool namespaces: per-namespace lists, pools elsewhere are not read', async () => {
  await withApi(CLUSTER, async (api) => {
    const inv = await readClusterInventory({ kubeconfigPath: api.kubeconfigPath, poolNamespaces: [NS] });
    assert.deepEqual([...inv.pools.keys()], ['pool1', 'loopback', 'pool2']);
    assert.deepEqual(
      api.requests.map((r) => r.path),
      ['/api/v1/nodes', `/apis/nv-ipam.nvidia.com/v1alpha1/namespaces/${NS}/cidrpools`, `/apis/nv-ipam.nvidia.com/v1alpha1/namespaces/${NS}/ippools`],
    );
  });
});

test('observed allocations drive the startup config: the sticky prefix, the pool gateway, the first non-excluded address', async () => {
  await withApi(CLUSTER, async (api) => {
    const inv = await readClusterInventory({ kubeconfigPath: api.kubeconfigPath, poolNamespaces: [NS] });
    const service: PerDpuService = {
      name: 'doca-hbn',
      namespace: NS,
      serviceDaemonSet: {
        nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'role', operator: 'In', values: ['hbn'] }] }] },
        annotations: {
          'k8s.v1.cni.cncf.io/networks': JSON.stringify([
            { name: 'iprequest', interface: 'ip_lo', 'cni-args': { poolNames: ['loopback'], poolType: 'cidrpool' } },
            { name: 'iprequest', interface: 'ip_pf2dpu2', 'cni-args': { poolNames: ['pool1'], poolType: 'cidrpool', allocateDefaultGateway: true } },
            { name: 'iprequest', interface: 'ip_mgmt', 'cni-args': { poolNames: ['pool1'], poolType: 'cidrpool' } },
          ]),
        },
      },
      values: { configuration: { startupYAMLJ2: 'lo: {{ ipaddresses.ip_lo.cidr }}\npf2dpu2: {{ ipaddresses.ip_pf2dpu2.cidr }}\nmgmt: {{ ipaddresses.ip_mgmt.ip }}\n' } },
    };
    const r = renderPerDpu(service, inv, { onlyDpu: 'worker1-0000-08-00' });
    assert.deepEqual(r.errors, []);
    assert.equal(r.perDpu[0]!.startupConfig, 'lo: 11.0.0.7/32\npf2dpu2: 10.0.120.43/29\nmgmt: 10.0.120.44');
    // a DPU the observed pool has no allocation for is an error, not a guess
    const all = renderPerDpu(service, inv);
    assert.deepEqual(all.errors.map((e) => [e.kind, e.dpu]), [['ipam', 'worker2-0000-08-00'], ['ipam', 'worker2-0000-08-00'], ['ipam', 'worker2-0000-08-00'], ['ipam', 'worker4-0000-08-00'], ['ipam', 'worker4-0000-08-00'], ['ipam', 'worker4-0000-08-00']]);
    assert.match(all.errors[0]!.message, /IPAM pool 'loopback' for node 'worker2-0000-08-00': the observed pool status has no allocation for this node/);
  });
});

test('unreachable API server: names the server, the read and the connection error', async () => {
  const url = await unusedUrl();
  const e = await rejection(readClusterInventory({ kubeconfigPath: writeKubeconfig(url) }));
  assert.equal(e.reason, 'unreachable');
  assert.equal(e.server, url);
  assert.equal(e.operation, 'list nodes');
  assert.match(e.message, new RegExp(`^DPU cluster ${url.replace(/\./g, '\\.')}: list nodes: cannot reach the API server: ECONNREFUSED`));
});

test('403 on nodes: the RBAC denial in the server\'s words and what to grant', async () => {
  await withApi({ ...CLUSTER, forbid: /\/nodes$/ }, async (api) => {
    const e = await rejection(readClusterInventory({ kubeconfigPath: api.kubeconfigPath }));
    assert.equal(e.reason, 'forbidden');
    assert.equal(e.status, 403);
    assert.equal(
      e.message,
      `DPU cluster ${api.url}: list nodes: 403 Forbidden: nodes is forbidden: User "system:serviceaccount:argocd:dpu-gitops-cmp" cannot list resource "nodes" in API group "" at the cluster scope; grant list on this resource to the kubeconfig's user`,
    );
  });
});

test('403 on the pools of a namespace names the resource and namespace', async () => {
  await withApi({ ...CLUSTER, forbid: /cidrpools$/ }, async (api) => {
    const e = await rejection(readClusterInventory({ kubeconfigPath: api.kubeconfigPath, poolNamespaces: [NS] }));
    assert.equal(e.reason, 'forbidden');
    assert.equal(e.operation, `list cidrpools.nv-ipam.nvidia.com in namespace ${NS}`);
    assert.match(e.message, /cannot list resource "cidrpools" in API group "nv-ipam.nvidia.com" in the namespace "dpf-operator-system"/);
  });
});

test('401: the kubeconfig token is rejected', async () => {
  await withApi(CLUSTER, async (api) => {
    const e = await rejection(readClusterInventory({ kubeconfigPath: writeKubeconfig(api.url, { token: 'expired' }) }));
    assert.equal(e.reason, 'unauthorized');
    assert.match(e.message, /list nodes: 401 Unauthorized: the kubeconfig's credentials were rejected/);
  });
});

test('a server that never answers fails at the request timeout, naming it', { timeout: 30_000 }, async () => {
  await withApi({ ...CLUSTER, stall: /ippools$/ }, async (api) => {
    const e = await rejection(readClusterInventory({ kubeconfigPath: api.kubeconfigPath, requestTimeoutMs: 300 }));
    assert.equal(e.reason, 'timeout');
    assert.equal(e.message, `DPU cluster ${api.url}: list ippools.nv-ipam.nvidia.com in all namespaces: no complete answer within 300 ms (request timeout)`);
  });
});

test('the total timeout bounds all reads together', async () => {
  await withApi({ ...CLUSTER, stall: /cidrpools$/ }, async (api) => {
    const e = await rejection(readClusterInventory({ kubeconfigPath: api.kubeconfigPath, requestTimeoutMs: 5000, totalTimeoutMs: 400 }));
    assert.equal(e.reason, 'timeout');
    assert.match(e.message, /list cidrpools\.nv-ipam\.nvidia\.com in all namespaces: no complete answer within \d+ ms \(total timeout\)$/);
  });
});

test('nv-ipam CRDs not installed: a warning, no observed pools (fresh allocation applies)', async () => {
  await withApi({ ...CLUSTER, notServed: ['cidrpools', 'ippools'] }, async (api) => {
    const warnings: string[] = [];
    const inv = await readClusterInventory({ kubeconfigPath: api.kubeconfigPath, onWarning: (m) => warnings.push(m) });
    assert.equal(inv.dpus.length, 5);
    assert.equal(inv.pools.size, 0);
    assert.deepEqual(warnings, [
      `DPU cluster ${api.url}: cidrpools.nv-ipam.nvidia.com is not served (nvidia-k8s-ipam not installed?): no observed CIDRPool allocations`,
      `DPU cluster ${api.url}: ippools.nv-ipam.nvidia.com is not served (nvidia-k8s-ipam not installed?): no observed IPPool allocations`,
    ]);
  });
});

test('kubeconfig problems are named before any request', async () => {
  const e = await rejection(readClusterInventory({ kubeconfigPath: '/nonexistent/kubeconfig' }));
  assert.equal(e.reason, 'kubeconfig');
  assert.match(e.message, /^DPU cluster: read kubeconfig \/nonexistent\/kubeconfig: ENOENT/);
  const ctx = await rejection(readClusterInventory({ kubeconfigPath: writeKubeconfig('https://127.0.0.1:1'), context: 'nope' }));
  assert.equal(ctx.message, "DPU cluster: read kubeconfig " + ctx.operation.replace('read kubeconfig ', '') + ": has no context 'nope' (contexts: dpu-cplane-tenant1)");
});

test('pool status that does not decode is an InventoryError naming the pool', async () => {
  const bad = cidrPoolObject('pool1', NS, { cidr: '10.0.120.0/22', perNodeNetworkPrefix: 29 }, [{ nodeName: 'worker1-0000-08-00', prefix: '10.0.120.40' }]);
  await withApi({ ...CLUSTER, cidrPools: [bad], ipPools: [] }, async (api) => {
    await assert.rejects(readClusterInventory({ kubeconfigPath: api.kubeconfigPath }), (e: unknown) => {
      assert.ok(e instanceof InventoryError);
      assert.equal(e.message, `DPU cluster ${api.url}: invalid DPU inventory: CIDRPool ${NS}/pool1 (pools[0]).allocations[0].prefix: must be a.b.c.d/len`);
      return true;
    });
  });
});

test('the same pool name in two namespaces is ambiguous for iprequest poolNames', async () => {
  const twin = cidrPoolObject('pool1', 'tenant2', { cidr: '10.9.0.0/16', perNodeNetworkPrefix: 24 }, []);
  await withApi({ ...CLUSTER, cidrPools: [...CIDR_POOLS, twin] }, async (api) => {
    const e = await rejection(readClusterInventory({ kubeconfigPath: api.kubeconfigPath }));
    assert.equal(e.reason, 'invalid-response');
    assert.match(e.message, /pool name 'pool1' is used by CIDRPool dpf-operator-system\/pool1 and CIDRPool tenant2\/pool1/);
  });
});
