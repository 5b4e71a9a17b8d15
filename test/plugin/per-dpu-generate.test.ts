// generate with per-DPU configuration (issues 7, 18) through cli/generate's run(): the HBN
// example gets its startup shards (worker1-0000-09-00's entry equal to what Python Jinja2
// rendered), from the inventory parameter or from a live DPU cluster; any per-DPU error fails
// the whole run with nothing on stdout. (Line 55 below is where Python Jinja2 3.1.2 reports it.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { run } from '../../cli/generate.js';
import { captureIO } from '../../cli/io.js';
import { cidrPoolObject, nodeObject, startFakeKubeApi, unusedUrl, writeKubeconfig } from './per-dpu/helpers/fake-kube-api.js';

const EX = new URL('../../examples/', import.meta.url).pathname;
const HBN = readFileSync(join(EX, 'services/hbn.yaml'), 'utf8');
const EXPECTED = readFileSync(join(EX, 'expected/hbn-startup.worker1-0000-09-00.yaml'), 'utf8');
const CHART_PATHS = { 'https://helm.example.com/dpf/hbn-like-chart': '../charts/hbn-like' };

/** A repo copy: charts/, inventory.yaml at the root, services/ (the app dir) with `files`. */
function repo(files: Record<string, string> = { 'hbn.yaml': HBN }): string {
  const root = mkdtempSync(join(tmpdir(), 'dpu-perdpu-'));
  cpSync(join(EX, 'charts/hbn-like'), join(root, 'charts/hbn-like'), { recursive: true });
  cpSync(join(EX, 'inventory.yaml'), join(root, 'inventory.yaml'));
  const app = join(root, 'services');
  mkdirSync(app);
  cpSync(join(EX, 'services/ipam.yaml'), join(app, 'ipam.yaml'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(app, name), text);
  return app;
}

async function gen(app: string, params: object[] = [{ name: 'inventory', string: '../inventory.yaml' }], env: Record<string, string> = {}, argv: string[] = []) {
  const io = captureIO();
  const code = await run(['--log-level', 'silent', ...argv], io, {
    cwd: app,
    env: {
      ARGOCD_APP_SOURCE_PATH: 'services',
      ARGOCD_APP_NAMESPACE: 'dest',
      ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'cluster', string: 'dpu-cplane-tenant1' }, { name: 'chart-paths', map: CHART_PATHS }, ...params]),
      DPU_GITOPS_CACHE_DIR: join(app, '..', '.cache'),
      DPU_GITOPS_LOG_FORMAT: 'text',
      ...env,
    },
  });
  return { code, out: io.out(), err: io.err() };
}

type Obj = { kind: string; metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> }; data?: Record<string, string> };
const objects = (out: string): Obj[] => parseAllDocuments(out).map((d) => d.toJS() as Obj);
const configMaps = (out: string): Obj[] => objects(out).filter((o) => o.kind === 'ConfigMap');

const SHARDS = [0, 1, 2, 3].map((i) => `ConfigMap dpf-operator-system/dpu-cplane-tenant1-doca-hbn-startup-${i}`);
const entry = (out: string, dpu: string): string | undefined => configMaps(out).find((c) => c.data?.[`${dpu}.startup.yaml`] !== undefined)?.data![`${dpu}.startup.yaml`];

test('the startup shards follow the chart; a DPU\'s entry is what Python Jinja2 rendered', async () => {
  const r = await gen(repo());
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    objects(r.out).map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`),
    ['Service dpf-operator-system/dpu-cplane-tenant1-doca-hbn-exposed', 'DaemonSet dpf-operator-system/dpu-cplane-tenant1-doca-hbn', ...SHARDS],
  );
  const cms = configMaps(r.out);
  // fnv1a32(name) mod 4: worker2-0000-08-00 -> 0, worker2-0000-09-00 -> 1, worker1-0000-09-00 -> 2, worker1-0000-08-00 -> 3
  assert.deepEqual(
    cms.map((c) => Object.keys(c.data ?? {})),
    ['worker2-0000-08-00', 'worker2-0000-09-00', 'worker1-0000-09-00', 'worker1-0000-08-00'].map((d) => [`${d}.context.json`, `${d}.startup.yaml`]),
  );
  assert.equal(cms[2]!.data!['worker1-0000-09-00.startup.yaml'], EXPECTED);
  assert.deepEqual(cms[2]!.metadata.labels, { 'svc.dpu.nvidia.com/service': 'doca-hbn', 'dpu-gitops.nvidia.com/startup-shard': '2' });
  // the DaemonSet mounts exactly these four, and reads no API
  const ds = objects(r.out).find((o) => o.kind === 'DaemonSet') as unknown as { spec: { template: { spec: { automountServiceAccountToken: boolean; volumes: { name: string; projected?: { sources: { configMap: { name: string } }[] } }[] } } } };
  const pod = ds.spec.template.spec;
  assert.equal(pod.automountServiceAccountToken, false);
  assert.deepEqual(pod.volumes.find((v) => v.name === 'startup-shards')!.projected!.sources.map((s) => `ConfigMap dpf-operator-system/${s.configMap.name}`), SHARDS);
  // readable in a diff: a block scalar, not a quoted one-liner
  assert.match(r.out, /\n {2}worker1-0000-09-00\.startup\.yaml: \|-\n {4}- header:\n/);
  const again = await gen(repo());
  assert.equal(again.out, r.out);
});

test('rollout: one DPU\'s change rewrites one shard and nothing its pods are made from', async () => {
  const before = await gen(repo());
  const changed = HBN.replace('          - hostnamePattern: "worker?-0000-09-00"', '          - hostnamePattern: "worker2-0000-09-00"\n            values: {mtu: 9100}\n          - hostnamePattern: "worker?-0000-09-00"');
  const after = await gen(repo({ 'hbn.yaml': changed }));
  assert.equal(after.code, 0, after.err);
  const docs = (out: string) => out.split(/^---\n/m).filter(Boolean);
  const [b, a] = [docs(before.out), docs(after.out)];
  assert.equal(a.length, b.length);
  const differ = a.map((d, i) => (d === b[i] ? undefined : (parseAllDocuments(d)[0]!.toJS() as Obj))).filter((o) => o !== undefined);
  // only shard 1 (worker2-0000-09-00's) differs: the DaemonSet's pod template carries no hash of
  // the shards, so the DaemonSet controller replaces no pod; the DPU gets the change at its next pod start
  assert.deepEqual(differ.map((o) => `${o.kind} ${o.metadata.name}`), ['ConfigMap dpu-cplane-tenant1-doca-hbn-startup-1']);
  assert.match(entry(after.out, 'worker2-0000-09-00')!, /mtu: 9100/);
  // changing the shard count is a pod template change: every pod of the DaemonSet is replaced once
  const resharded = await gen(repo({ 'hbn.yaml': HBN.replace('      configuration:\n', '      startupConfig: {shards: 2}\n      configuration:\n') }));
  assert.equal(resharded.code, 0, resharded.err);
  assert.notEqual(docs(resharded.out).find((d) => d.includes('kind: DaemonSet')), b.find((d) => d.includes('kind: DaemonSet')));
  assert.equal(configMaps(resharded.out).length, 2);
});

test('a chart that mounts other shards than generate emits fails the sync, naming both', async () => {
  const app = repo();
  const chart = join(app, '..', 'charts/hbn-like/values.yaml');
  writeFileSync(chart, readFileSync(chart, 'utf8').replace('  shards: 4\n', '  shards: 3\n'));
  const r = await gen(app, undefined, {}, []);
  // the DPUService does not set startupConfig.shards: generate uses 4, the chart's default is 3
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /spec\.helmChart\.values\.startupConfig\.shards: the chart mounts startup shards 0, 1, 2 but generate emits 4 \(0 \.\. 3\): DPUs in the others would find no config \(fix: set startupConfig\.shards in the DPUService values/);
  // set in the DPUService, both agree
  const ok = repo({ 'hbn.yaml': HBN.replace('      configuration:\n', '      startupConfig: {shards: 3}\n      configuration:\n') });
  writeFileSync(join(ok, '..', 'charts/hbn-like/values.yaml'), readFileSync(chart, 'utf8'));
  const r2 = await gen(ok);
  assert.equal(r2.code, 0, r2.err);
  assert.equal(configMaps(r2.out).length, 3);
});

test('the --inventory flag works as the parameter does (relative to the app dir)', async () => {
  const app = repo();
  const r = await gen(app, [], {}, ['--inventory', '../inventory.yaml']);
  assert.equal(r.code, 0, r.err);
  assert.equal(configMaps(r.out).length, 4);
  assert.equal(entry(r.out, 'worker1-0000-09-00'), EXPECTED);
});

test('no inventory: the run fails naming the service and both ways to give one', async () => {
  const r = await gen(repo(), []);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(
    r.err,
    /error: DPU inventory: DPUService dpf-operator-system\/doca-hbn uses per-DPU configuration \(perDPUValuesYAML\/startupYAMLJ2\), which needs the DPU inventory \(fix: set the plugin parameter inventory to an inventory file in the repository, or mount the DPU cluster kubeconfig in the sidecar \(\$DPU_GITOPS_DPU_KUBECONFIG\)\)/,
  );
});

test('a kubeconfig path whose Secret is not mounted counts as no inventory', async () => {
  const r = await gen(repo(), [], { DPU_GITOPS_DPU_KUBECONFIG: '/etc/dpu-gitops/dpu-cluster/kubeconfig' });
  assert.equal(r.code, 1);
  assert.match(r.err, /which needs the DPU inventory \(no DPU cluster kubeconfig at \/etc\/dpu-gitops\/dpu-cluster\/kubeconfig\) \(fix: set the plugin parameter inventory/);
});

test('a template error on one DPU fails the whole generate: DPU, line and variable named', async () => {
  const r = await gen(repo({ 'hbn.yaml': HBN.replace('{{ config.bgp_peer_group }}:', '{{ config.peer_group }}:') }));
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  // the same error on the four DPUs HBN selects: one line, the DPU set aside, the four named
  const lines = r.err.split('\n').filter((l) => l.startsWith('error:'));
  assert.equal(lines.length, 2, r.err);
  assert.equal(
    lines[0],
    "error: hbn.yaml#0 (line 6) DPUService dpf-operator-system/doca-hbn spec.helmChart.values.configuration.startupYAMLJ2: DPU '<DPU>', startupYAMLJ2 line 55: undefined variable 'peer_group': UndefinedError: 'dict object' has no attribute 'peer_group' [4 DPUs: worker1-0000-08-00, worker1-0000-09-00, worker2-0000-08-00, worker2-0000-09-00]",
  );
  assert.equal(lines[1], 'error: 4 problem(s); no manifests printed');
});

test('a DPU no hostnamePattern matches, and bad inventory paths, are errors', async () => {
  const noStar = HBN.replace('- hostnamePattern: "*"', '- hostnamePattern: "worker9*"');
  const r = await gen(repo({ 'hbn.yaml': noStar }));
  assert.equal(r.code, 1);
  assert.match(r.err, /spec\.helmChart\.values\.configuration\.perDPUValuesYAML: DPU 'worker2-0000-08-00': hostname 'worker2-0000-08-00' matches no hostnamePattern of perDPUValuesYAML/);
  const outside = await gen(repo(), [{ name: 'inventory', string: '../../../etc/passwd' }]);
  assert.equal(outside.code, 1);
  assert.match(outside.err, /error: DPU inventory parameter inventory: inventory path \.\.\/\.\.\/\.\.\/etc\/passwd leaves the repository/);
  const missing = await gen(repo(), [{ name: 'inventory', string: 'nope.yaml' }]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /error: DPU inventory: \S+nope\.yaml: invalid DPU inventory: ENOENT/);
});

test('a paused service: its startup shards are never pruned either', async () => {
  const r = await gen(repo({ 'hbn.yaml': HBN.replace('  serviceID: doca-hbn\n', '  serviceID: doca-hbn\n  paused: true\n') }));
  assert.equal(r.code, 0, r.err);
  for (const cm of configMaps(r.out)) assert.equal(cm.metadata.annotations!['argocd.argoproj.io/sync-options'], 'Prune=false');
});

test('without the inventory parameter, the DPU cluster the sidecar has a kubeconfig for', async () => {
  const ns = 'dpf-operator-system';
  const api = await startFakeKubeApi({
    nodes: [nodeObject('worker1-0000-09-00', { role: 'hbn' }, 0), nodeObject('worker7-0000-03-00', { role: 'hbn' }, 1), nodeObject('gpu-node', { role: 'gpu' }, 2)],
    cidrPools: [
      cidrPoolObject('loopback', ns, { cidr: '11.0.0.0/24', perNodeNetworkPrefix: 32 }, [{ nodeName: 'worker1-0000-09-00', prefix: '11.0.0.1/32' }, { nodeName: 'worker7-0000-03-00', prefix: '11.0.0.2/32' }]),
      cidrPoolObject('pool1', ns, { cidr: '10.0.120.0/22', gatewayIndex: 3, perNodeNetworkPrefix: 29 }, [
        { nodeName: 'worker1-0000-09-00', prefix: '10.0.120.8/29', gateway: '10.0.120.11' },
        { nodeName: 'worker7-0000-03-00', prefix: '10.0.120.16/29', gateway: '10.0.120.19' },
      ]),
    ],
    ipPools: [],
    token: 'cmp-token',
  });
  try {
    const r = await gen(repo(), [], { DPU_GITOPS_DPU_KUBECONFIG: api.kubeconfigPath, DPU_GITOPS_POOL_NAMESPACES: ns });
    assert.equal(r.code, 0, r.err);
    const cms = configMaps(r.out);
    assert.deepEqual(cms.map((c) => `ConfigMap ${c.metadata.namespace}/${c.metadata.name}`), SHARDS);
    assert.deepEqual(cms.flatMap((c) => Object.keys(c.data ?? {})).filter((k) => k.endsWith('.startup.yaml')).sort(), ['worker1-0000-09-00.startup.yaml', 'worker7-0000-03-00.startup.yaml']);
    assert.equal(entry(r.out, 'worker1-0000-09-00'), EXPECTED);
    assert.ok(api.requests.every((q) => q.authorization === 'Bearer cmp-token'));
    assert.deepEqual([...new Set(api.requests.map((q) => q.path))], ['/api/v1/nodes', `/apis/nv-ipam.nvidia.com/v1alpha1/namespaces/${ns}/cidrpools`, `/apis/nv-ipam.nvidia.com/v1alpha1/namespaces/${ns}/ippools`]);
  } finally {
    await api.close();
  }
});

test('an unreachable DPU cluster fails the run clearly and prints nothing', async () => {
  const url = await unusedUrl();
  const r = await gen(repo(), [], { DPU_GITOPS_DPU_KUBECONFIG: writeKubeconfig(url) });
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, new RegExp(`error: DPU inventory: DPU cluster ${url.replace(/\./g, '\\.')}: list nodes: cannot reach the API server: ECONNREFUSED`));
});

/** The shards of a stream written as kubelet writes a projected volume: ..data -> a dated dir, one symlink per key. */
function mountShards(out: string): string {
  const vol = mkdtempSync(join(tmpdir(), 'dpu-shards-'));
  const dated = join(vol, '..2026_12_06_00_00_00.000000001');
  mkdirSync(dated);
  for (const cm of configMaps(out)) for (const [k, v] of Object.entries(cm.data ?? {})) {
    writeFileSync(join(dated, k), v);
    symlinkSync(`..data/${k}`, join(vol, k));
  }
  symlinkSync('..2026_12_06_00_00_00.000000001', join(vol, '..data'));
  return vol;
}

type InitContainer = { command: string[]; env: { name: string; value?: string }[]; volumeMounts: { name: string; mountPath: string }[] };

/** Runs the chart's init container script with sh, its two mounts moved to temporary directories. */
function runInit(out: string, node: string): { status: number | null; stderr: string; startup: string | undefined } {
  const ds = objects(out).find((o) => o.kind === 'DaemonSet') as unknown as { spec: { template: { spec: { initContainers: InitContainer[] } } } };
  const init = ds.spec.template.spec.initContainers[0]!;
  assert.deepEqual(init.command.slice(0, 2), ['sh', '-c']);
  assert.deepEqual(init.volumeMounts.map((m) => m.mountPath), ['/startup-shards', '/startup']);
  const shards = mountShards(out);
  const startup = mkdtempSync(join(tmpdir(), 'dpu-startup-'));
  const script = init.command[2]!.replaceAll('/startup-shards', shards).replaceAll('/startup/', `${startup}/`);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_NAME: node };
  for (const e of init.env) if (e.value !== undefined) env[e.name] = e.value;
  const r = spawnSync('sh', ['-c', script], { env, encoding: 'utf8' });
  const file = join(startup, 'startup.yaml');
  // messages name the paths the pod sees
  return { status: r.status, stderr: r.stderr.replaceAll(shards, '/startup-shards'), startup: existsSync(file) ? readFileSync(file, 'utf8') : undefined };
}

test("the chart's init container, run with sh against the generated shards, copies its node's config", async () => {
  const r = await gen(repo());
  assert.equal(r.code, 0, r.err);
  const ok = runInit(r.out, 'worker1-0000-09-00');
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.startup, EXPECTED);
  for (const node of ['worker1-0000-08-00', 'worker2-0000-08-00', 'worker2-0000-09-00']) assert.equal(runInit(r.out, node).startup, entry(r.out, node));
});

test('a DPU that is not in the shards fails its init container with its name, and writes no config', async () => {
  const r = await gen(repo());
  // worker3 is in the inventory but HBN's nodeSelector does not select it; worker9 is unknown
  for (const node of ['worker3-0000-08-00', 'worker9-0000-08-00']) {
    const miss = runInit(r.out, node);
    assert.equal(miss.status, 1);
    assert.equal(miss.startup, undefined);
    assert.equal(
      miss.stderr,
      `no startup config for DPU node ${node} in the 4 shards dpu-cplane-tenant1-doca-hbn-startup-0..3 mounted at /startup-shards: dpu-gitops did not render this node (not in the DPU inventory, or not selected by the DPUService, at the last sync)\n`,
    );
  }
});

test('startup-render-mode: the DPUService annotation, else the parameter, picks the Environment; each shard records it', async () => {
  // a peer group with '&' and a variable that does not exist: strict fails, dpf escapes and prints nothing
  const variant = HBN.replace('bgp_peer_group: hbn', "bgp_peer_group: 'hbn&co'").replace('type: unnumbered', 'type: unnumbered{{ config.nosuch }}');
  const strict = await gen(repo({ 'hbn.yaml': variant }));
  assert.equal(strict.code, 1);
  assert.match(strict.err, /undefined variable 'nosuch'/);
  const annotated = variant.replace('  namespace: dpf-operator-system\nspec:', '  namespace: dpf-operator-system\n  annotations:\n    dpu-gitops.nvidia.com/startup-render-mode: dpf\nspec:');
  for (const r of [await gen(repo({ 'hbn.yaml': annotated })), await gen(repo({ 'hbn.yaml': variant }), [{ name: 'inventory', string: '../inventory.yaml' }, { name: 'startup-render-mode', string: 'dpf' }])]) {
    assert.equal(r.code, 0, r.err);
    const cfg = entry(r.out, 'worker1-0000-09-00')!;
    // markupsafe.escape('hbn&co') = 'hbn&amp;co' (both places it prints); the lenient Undefined prints ''
    assert.match(cfg, /\n {16}peer-group: hbn&amp;co\n {16}type: unnumbered\n/);
    assert.match(cfg, /\n {14}hbn&amp;co:\n/);
    for (const cm of configMaps(r.out)) assert.equal(cm.metadata.annotations!['dpu-gitops.nvidia.com/startup-render-mode'], 'dpf');
  }
  // the annotation wins over the parameter
  const back = await gen(repo({ 'hbn.yaml': annotated.replace('startup-render-mode: dpf', 'startup-render-mode: strict') }), [{ name: 'inventory', string: '../inventory.yaml' }, { name: 'startup-render-mode', string: 'dpf' }]);
  assert.equal(back.code, 1);
  assert.match(back.err, /undefined variable 'nosuch'/);
  const bad = await gen(repo({ 'hbn.yaml': annotated.replace('startup-render-mode: dpf', 'startup-render-mode: lenient') }));
  assert.equal(bad.code, 1);
  assert.match(bad.err, /DPUService dpf-operator-system\/doca-hbn metadata\.annotations\["dpu-gitops\.nvidia\.com\/startup-render-mode"\]: "lenient" is not a startup render mode \(strict or dpf\)/);
  const badParam = await gen(repo(), [{ name: 'inventory', string: '../inventory.yaml' }, { name: 'startup-render-mode', string: 'loose' }]);
  assert.equal(badParam.code, 1);
  assert.match(badParam.err, /startup-render-mode.*must be strict or dpf/);
});
