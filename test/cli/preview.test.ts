// `dpu-gitops preview`: one DPU's view of the example app dir, from the inventory file and from
// a live (fake, real HTTPS) DPU cluster; the startup config equals what Python rendered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { captureIO } from '../../cli/io.js';
import { run } from '../../cli/preview.js';
import { cidrPoolObject, nodeObject, startFakeKubeApi } from '../plugin/per-dpu/helpers/fake-kube-api.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SERVICES = join(ROOT, 'examples/services');
const INVENTORY = join(ROOT, 'examples/inventory.yaml');
const EXPECTED = readFileSync(join(ROOT, 'examples/expected/hbn-startup.worker1-0000-09-00.yaml'), 'utf8');

async function preview(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await run([...args, '--log-format', 'text'], io, { env, cwd: ROOT });
  return { code, out: io.out(), err: io.err() };
}

test('shows matched patterns, merged values (Python types), addresses and the startup config of one DPU', async () => {
  // examples/dpu-gitops.yaml names the inventory and the cluster: no flag needed.
  const r = await preview(['examples/services', '--dpu', 'worker1-0000-09-00']);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  assert.match(r.out, /^# DPUService dpf-operator-system\/doca-hbn \(hbn\.yaml\) on DPU worker1-0000-09-00\n/);
  const doc = parseAllDocuments(r.out)[0]!.toJS() as Record<string, unknown>;
  assert.deepEqual(doc, {
    dpuService: 'dpf-operator-system/doca-hbn',
    dpu: 'worker1-0000-09-00',
    hostname: 'worker1-0000-09-00',
    targeted: true,
    renderMode: 'strict',
    matchedPatterns: ['*', 'worker1*', 'worker?-0000-09-00'],
    values: { bgp_autonomous_system: 65112, bgp_peer_group: 'hbn', mtu: 9000, bfd: { enable: true, interval: 150 }, vlans: [10, 20], description: 'second DPU of its host' },
    ipaddresses: {
      ip_lo: { ip: '11.0.0.1', cidr: '11.0.0.1/32', prefixlen: 32, gateway: '' },
      ip_pf2dpu2: { ip: '10.0.120.11', cidr: '10.0.120.11/29', prefixlen: 29, gateway: '10.0.120.11' },
    },
    // fnv1a32('worker1-0000-09-00') mod 4 = 2 (tests/plugin/per-dpu/shards.test.ts); the config's cluster names the ConfigMap
    shard: { index: 2, of: 4, configMap: 'dpf-operator-system/dpu-cplane-tenant1-doca-hbn-startup-2', keys: ['worker1-0000-09-00.context.json', 'worker1-0000-09-00.startup.yaml'] },
    startupConfig: EXPECTED,
  });
});

test('--cluster names the ConfigMap generate puts the entry in; startupConfig.shards is read as generate reads it', async () => {
  const r = await preview([SERVICES, '--dpu', 'worker1-0000-09-00', '--inventory', INVENTORY, '--cluster', 'dpu-cplane-tenant1']);
  assert.equal(r.code, 0, r.err);
  const doc = parseAllDocuments(r.out)[0]!.toJS() as { shard: unknown };
  assert.deepEqual(doc.shard, { index: 2, of: 4, configMap: 'dpf-operator-system/dpu-cplane-tenant1-doca-hbn-startup-2', keys: ['worker1-0000-09-00.context.json', 'worker1-0000-09-00.startup.yaml'] });
  const dir = mkdtempSync(join(tmpdir(), 'preview-'));
  const hbn = readFileSync(join(SERVICES, 'hbn.yaml'), 'utf8');
  writeFileSync(join(dir, 'hbn.yaml'), hbn.replace('      configuration:\n', '      startupConfig: {shards: 16}\n      configuration:\n'));
  cpSync(join(SERVICES, 'ipam.yaml'), join(dir, 'ipam.yaml'));
  const sixteen = await preview([dir, '--dpu', 'worker1-0000-09-00', '--inventory', INVENTORY]);
  // 0xcd843f92 mod 16 = 2
  const { index, of } = (parseAllDocuments(sixteen.out)[0]!.toJS() as { shard: { index: number; of: number } }).shard;
  assert.deepEqual([index, of], [2, 16]);
  writeFileSync(join(dir, 'hbn.yaml'), hbn.replace('      configuration:\n', '      startupConfig: {shards: 0}\n      configuration:\n'));
  const bad = await preview([dir, '--dpu', 'worker1-0000-09-00', '--inventory', INVENTORY]);
  assert.equal(bad.code, 1);
  assert.equal(bad.err, 'error: DPUService dpf-operator-system/doca-hbn (hbn.yaml): spec.helmChart.values.startupConfig.shards: must be an integer from 1 to 4096, not 0\n');
});

test('--startup-only prints the startup config byte for byte (Python Jinja2\'s output)', async () => {
  const r = await preview([SERVICES, '--dpu', 'worker1-0000-09-00', '--inventory', INVENTORY, '--startup-only']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, EXPECTED);
});

test('floats stay floats in the values shown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'preview-'));
  const svc = readFileSync(join(SERVICES, 'hbn.yaml'), 'utf8').replace(/^( +)mtu: 9000\n/m, '$1mtu: 9000\n$1ratio: 1.0\n');
  writeFileSync(join(dir, 'hbn.yaml'), svc);
  cpSync(join(SERVICES, 'ipam.yaml'), join(dir, 'ipam.yaml'));
  const r = await preview([dir, '--dpu', 'worker2-0000-08-00', '--inventory', INVENTORY]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\n {2}ratio: 1\.0\n/);
  assert.match(r.out, /\nmatchedPatterns:\n {2}- "\*"\nvalues:/);
});

test('a DPU the nodeSelector does not select is shown as not targeted; an unknown DPU is an error', async () => {
  const storage = await preview([SERVICES, '--dpu', 'worker3-0000-08-00', '--inventory', INVENTORY]);
  assert.equal(storage.code, 0);
  assert.match(storage.out, /does not select DPU worker3-0000-08-00\ndpuService: dpf-operator-system\/doca-hbn\ndpu: worker3-0000-08-00\ntargeted: false\n/);
  const unknown = await preview([SERVICES, '--dpu', 'worker9', '--inventory', INVENTORY]);
  assert.equal(unknown.code, 1);
  assert.equal(unknown.err, "error: DPU 'worker9' is not in the inventory (5 DPUs: worker1-0000-08-00, worker1-0000-09-00, worker2-0000-08-00, worker2-0000-09-00, worker3-0000-08-00)\n");
});

test('a template error for this DPU: exit 1 naming service, DPU, line and variable', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'preview-'));
  writeFileSync(join(dir, 'hbn.yaml'), readFileSync(join(SERVICES, 'hbn.yaml'), 'utf8').replace('{{ config.mtu }}', '{{ config.mtu_p0 }}'));
  cpSync(join(SERVICES, 'ipam.yaml'), join(dir, 'ipam.yaml'));
  const r = await preview([dir, '--dpu', 'worker1-0000-08-00', '--inventory', INVENTORY]);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /^error: DPUService dpf-operator-system\/doca-hbn \(hbn\.yaml\): DPU 'worker1-0000-08-00', startupYAMLJ2 line 25: undefined variable 'mtu_p0'/);
});

test('--kubeconfig: the DPU cluster\'s Nodes and observed pool allocations (sticky, not fresh)', async () => {
  const ns = 'dpf-operator-system';
  const api = await startFakeKubeApi({
    nodes: [nodeObject('worker1-0000-08-00', { role: 'hbn' }, 0), nodeObject('worker1-0000-09-00', { role: 'hbn' }, 1)],
    cidrPools: [
      cidrPoolObject('loopback', ns, { cidr: '11.0.0.0/24', perNodeNetworkPrefix: 32 }, [
        { nodeName: 'worker1-0000-09-00', prefix: '11.0.0.9/32' },
        { nodeName: 'worker1-0000-08-00', prefix: '11.0.0.4/32' },
      ]),
      cidrPoolObject('pool1', ns, { cidr: '10.0.120.0/22', gatewayIndex: 3, perNodeNetworkPrefix: 29 }, [
        { nodeName: 'worker1-0000-09-00', prefix: '10.0.120.64/29', gateway: '10.0.120.67' },
        { nodeName: 'worker1-0000-08-00', prefix: '10.0.120.0/29', gateway: '10.0.120.3' },
      ]),
    ],
    ipPools: [],
  });
  try {
    const r = await preview([SERVICES, '--dpu', 'worker1-0000-09-00', '--kubeconfig', api.kubeconfigPath, '--pool-namespace', ns, '--startup-only']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, EXPECTED.replace(/11\.0\.0\.1\b/g, '11.0.0.9').replace('10.0.120.11/29', '10.0.120.67/29'));
    // the kubeconfig path may come from the environment (the mounted Secret) when no config names an inventory
    const fromEnv = await preview([SERVICES, '--no-config', '--dpu', 'worker1-0000-09-00', '--startup-only'], { DPU_GITOPS_DPU_KUBECONFIG: api.kubeconfigPath });
    assert.equal(fromEnv.out, r.out);
  } finally {
    await api.close();
  }
});

test('an unreachable DPU cluster is a clear error', async () => {
  const api = await startFakeKubeApi({ nodes: [], forbid: /nodes/ });
  try {
    const r = await preview([SERVICES, '--dpu', 'x', '--kubeconfig', api.kubeconfigPath]);
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`^error: DPU cluster ${api.url.replace(/\./g, '\\.')}: list nodes: 403 Forbidden: nodes is forbidden`));
  } finally {
    await api.close();
  }
});

test('usage errors exit 2', async () => {
  assert.equal((await preview([SERVICES, '--inventory', INVENTORY])).code, 2);
  assert.match((await preview([SERVICES, '--no-config', '--dpu', 'x'])).err, /^error: a DPU inventory is needed/);
  assert.equal((await preview([SERVICES, '--dpu', 'x', '--inventory', INVENTORY, '--kubeconfig', 'k'])).code, 2);
  assert.equal((await preview(['--help'])).code, 0);
});

test('preview shows the render mode: the annotation, else --startup-render-mode', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'preview-'));
  cpSync(join(SERVICES, 'ipam.yaml'), join(dir, 'ipam.yaml'));
  const hbn = readFileSync(join(SERVICES, 'hbn.yaml'), 'utf8');
  writeFileSync(join(dir, 'hbn.yaml'), hbn.replace('  namespace: dpf-operator-system\nspec:', '  namespace: dpf-operator-system\n  annotations:\n    dpu-gitops.nvidia.com/startup-render-mode: dpf\nspec:'));
  const mode = async (args: string[] = []) => (parseAllDocuments((await preview([dir, '--dpu', 'worker1-0000-09-00', '--inventory', INVENTORY, ...args])).out)[0]!.toJS() as { renderMode: string }).renderMode;
  assert.equal(await mode(), 'dpf');
  writeFileSync(join(dir, 'hbn.yaml'), hbn);
  assert.equal(await mode(), 'strict');
  assert.equal(await mode(['--startup-render-mode', 'dpf']), 'dpf');
  assert.equal((await preview([dir, '--dpu', 'x', '--inventory', INVENTORY, '--startup-render-mode', 'loose'])).code, 2);
});
