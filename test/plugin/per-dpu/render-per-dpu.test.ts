// End to end: an HBN-like DPUService over a 4-DPU inventory with overlapping patterns and fresh
// IPAM pools (fixtures/hbn-service.yaml). Expected addresses follow dpf.md §7's worked example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { decodeDpuServiceIpam, decodeInventory, perDpuShards, renderPerDpu, shardOf, type PerDpuService } from '../../../plugin/per-dpu/index.js';

const doc = parse(readFileSync(new URL('./fixtures/hbn-service.yaml', import.meta.url), 'utf8')) as { service: PerDpuService; ipams: unknown[]; inventory: unknown };
const inventory = decodeInventory(doc.inventory, 'hbn-service.yaml');
const ipams = doc.ipams.map((o) => decodeDpuServiceIpam(o));
const withTemplate = (tpl: string): PerDpuService => ({ ...doc.service, values: { configuration: { ...(doc.service.values!.configuration as object), startupYAMLJ2: tpl } } });

test('targets the DPUs the nodeSelector selects, merges matching patterns in order', () => {
  const r = renderPerDpu(doc.service, inventory, { ipams });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.perDpu.map((d) => d.dpu.name), ['worker1-0000-08-00', 'worker1-0000-09-00', 'worker2-0000-08-00']);
  const [w108, w109, w2] = r.perDpu;
  assert.deepEqual(w108!.matchedEntries, [0, 1, 2]);
  assert.deepEqual(w108!.values, { bgp_autonomous_system: 65112, bgp_peer_group: 'hbn', mtu: 1500, bfd: { enable: true, interval: 150 } });
  assert.deepEqual(w109!.values, { bgp_autonomous_system: 65112, bgp_peer_group: 'hbn', mtu: 9000, bfd: { enable: true, interval: 150 } });
  assert.deepEqual(w2!.values, { bgp_autonomous_system: 65111, bgp_peer_group: 'hbn', mtu: 9000, bfd: { enable: true, interval: 300 } });
});

test('ipaddresses come from the fresh pools, nodes sorted by name across the DPU cluster', () => {
  const r = renderPerDpu(doc.service, inventory, { ipams });
  const addr = Object.fromEntries(r.perDpu.map((d) => [d.dpu.name, d.ipaddresses]));
  assert.deepEqual(addr['worker1-0000-08-00']!.ip_lo, { ip: '11.0.0.0', cidr: '11.0.0.0/32', prefixlen: 32, gateway: '' });
  assert.deepEqual(addr['worker1-0000-08-00']!.ip_pf2dpu2, { ip: '10.0.120.3', cidr: '10.0.120.3/29', prefixlen: 29, gateway: '10.0.120.3' });
  assert.equal(addr['worker1-0000-09-00']!.ip_pf2dpu2!.cidr, '10.0.120.11/29');
  // the pools have no nodeSelector: worker2 is the third DPU-cluster node by name
  assert.equal(addr['worker2-0000-08-00']!.ip_lo!.ip, '11.0.0.2');
});

test('the startup config renders with Python printing (True -> true via lower) and parses as YAML', () => {
  const r = renderPerDpu(doc.service, inventory, { ipams });
  const cfg = r.perDpu[0]!.startupConfig!;
  assert.match(cfg, /^ {12}11\.0\.0\.0\/32: \{\}$/m);
  assert.match(cfg, /autonomous-system: 65112\n/);
  assert.match(cfg, /bfd: \{enable: true, min-rx-interval: 150\}/);
  assert.ok(!cfg.endsWith('\n'), 'Jinja2 drops the final newline');
  const nvue = parse(cfg) as unknown[];
  assert.equal(nvue.length, 2);
});

test('a missing variable names the DPU, the variable and the line', () => {
  const r = renderPerDpu(withTemplate('a: 1\nb: {{ ipaddresses.ip_pf0hpf.cidr }}\n'), inventory, { ipams });
  assert.equal(r.perDpu.length, 0);
  assert.equal(r.errors.length, 3);
  const e = r.errors[0]!;
  assert.equal(e.kind, 'template-render');
  assert.equal(e.dpu, 'worker1-0000-08-00');
  assert.equal(e.line, 2);
  assert.equal(e.variable, 'ip_pf0hpf');
  assert.match(e.message, /DPU 'worker1-0000-08-00', startupYAMLJ2 line 2: undefined variable 'ip_pf0hpf'/);
});

test('a template error is reported once for the service; output that is not YAML per DPU', () => {
  const bad = renderPerDpu(withTemplate('{% if x %}'), inventory, { ipams });
  assert.deepEqual(bad.errors.map((e) => [e.kind, e.dpu, e.line]), [['template-syntax', undefined, 1]]);
  const notYaml = renderPerDpu(withTemplate('key: [unclosed {{ hostname }}'), inventory, { ipams, onlyDpu: 'worker2-0000-08-00' });
  assert.deepEqual(notYaml.errors.map((e) => [e.kind, e.dpu]), [['output-not-yaml', 'worker2-0000-08-00']]);
});

test('a DPU no pattern matches is reported', () => {
  const svc: PerDpuService = { ...doc.service, values: { configuration: { perDPUValuesYAML: '- hostnamePattern: "worker1*"\n  values: {a: 1}\n' } } };
  const r = renderPerDpu(svc, inventory, { ipams });
  assert.deepEqual(r.errors.map((e) => [e.kind, e.dpu]), [['no-matching-pattern', 'worker2-0000-08-00']]);
  assert.equal(r.perDpu.length, 2);
  assert.equal(r.perDpu[0]!.startupConfig, undefined);
});

test('inventory addresses and observed pool status win over computed allocations', () => {
  const inv = decodeInventory(
    {
      dpus: [{ name: 'worker1-0000-08-00', labels: { role: 'hbn' }, ipaddresses: { ip_lo: { cidr: '11.0.0.77/32' } } }],
      pools: [{ name: 'pool1', kind: 'CIDRPool', allocations: [{ nodeName: 'worker1-0000-08-00', prefix: '10.0.121.0/29', gateway: '10.0.121.3' }] }],
    },
    'inline',
  );
  const r = renderPerDpu(doc.service, inv, { ipams });
  assert.deepEqual(r.errors, []);
  assert.equal(r.perDpu[0]!.ipaddresses.ip_lo!.ip, '11.0.0.77');
  assert.equal(r.perDpu[0]!.ipaddresses.ip_pf2dpu2!.cidr, '10.0.121.3/29');
});

test('a pool with neither IPAM object nor observed status is an ipam error for each DPU', () => {
  const r = renderPerDpu(doc.service, inventory, { ipams: ipams.filter((i) => i.name !== 'pool1') });
  assert.equal(r.errors.length, 3);
  assert.ok(r.errors.every((e) => e.kind === 'ipam' && /pool1/.test(e.message)));
});

test('a service without per-DPU configuration is not a per-DPU service', () => {
  const r = renderPerDpu({ name: 's', namespace: 'n', values: { image: 'x' } }, inventory);
  assert.equal(r.perDpuService, false);
  assert.deepEqual(r.perDpu, []);
});

test('the DPUs land in startup shards named after the release, labelled with the service', () => {
  const r = renderPerDpu(doc.service, inventory, { ipams });
  const shards = perDpuShards(r, { releaseName: 'doca-hbn', namespace: 'dpf-operator-system', serviceID: 'doca-hbn', shards: 2 });
  assert.deepEqual(shards.map((s) => s.object.metadata.name), ['doca-hbn-startup-0', 'doca-hbn-startup-1']);
  assert.deepEqual(shards[0]!.object.metadata.labels, { 'svc.dpu.nvidia.com/service': 'doca-hbn', 'dpu-gitops.nvidia.com/startup-shard': '0' });
  const first = r.perDpu[0]!;
  assert.equal(shards[shardOf(first.dpu.name, 2)]!.object.data[`${first.dpu.name}.startup.yaml`], first.startupConfig);
});
