import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkDpuService, dpuServiceRelease, isReleaseFinding, type DpuServiceRelease, type Finding } from '../../contract/index.js';

const example = parse(readFileSync(new URL('../../examples/services/dummydpuservice.yaml', import.meta.url), 'utf8'));
const clone = (): any => structuredClone(example);
const brief = (findings: Finding[]) => findings.map((f) => [f.rule, f.severity, (f.path ?? []).join('.'), f.detail?.problem ?? '', f.detail?.found ?? '']);

test('the example DPUService passes every spec rule', () => {
  assert.deepEqual(checkDpuService(example), []);
});

test('dpuservice-spec: apiVersion, name length, serviceID with interfaces, deployInCluster conflicts', () => {
  const s = clone();
  s.apiVersion = 'svc.dpu.nvidia.com/v1';
  s.metadata.name = 'x'.repeat(64);
  s.spec.interfaces = ['p0'];
  delete s.spec.serviceID;
  s.spec.deployInCluster = true;
  s.spec.paused = 'yes';
  assert.deepEqual(brief(checkDpuService(s)), [
    ['dpuservice-spec', 'error', 'apiVersion', 'must be svc.dpu.nvidia.com/v1alpha1', '"svc.dpu.nvidia.com/v1"'],
    ['dpuservice-spec', 'error', 'metadata.name', 'must be at most 63 characters', '64 characters'],
    ['dpuservice-spec', 'error', 'spec.paused', 'must be a boolean (true or false)', '"yes"'],
    ['dpuservice-spec', 'error', 'spec.serviceID', 'must be set when spec.interfaces is set', ''],
    ['dpuservice-spec', 'error', 'spec.configPorts', 'is not allowed with deployInCluster: true', ''],
  ]);
});

test('dpuservice-spec: metadata.name is a DNS-1123 name and metadata.namespace a DNS-1123 label, as the API server requires', () => {
  const s = clone();
  s.metadata.name = 'Typo_Svc';
  s.metadata.namespace = 'dpf.system';
  assert.deepEqual(brief(checkDpuService(s)), [
    ['dpuservice-spec', 'error', 'metadata.name', 'must match a DNS-1123 name (lowercase letters, digits, - and .)', '"Typo_Svc"'],
    ['dpuservice-spec', 'error', 'metadata.namespace', 'must match a DNS-1123 label (lowercase letters, digits and -)', '"dpf.system"'],
  ]);
  const ok = clone();
  ok.metadata.name = 'svc.v2-a';
  assert.deepEqual(checkDpuService(ok), []);
});

test('dpuservice-source: repoURL scheme, version, chart or path, releaseName', () => {
  const s = clone();
  s.spec.helmChart.source = { repoURL: 'http://insecure.example.com', version: '', releaseName: 'Bad_Name', extra: 1 };
  assert.deepEqual(brief(checkDpuService(s)), [
    ['dpuservice-source', 'error', 'spec.helmChart.source.repoURL', 'must match oci://... or https://...', '"http://insecure.example.com"'],
    ['dpuservice-source', 'error', 'spec.helmChart.source.version', 'must not be empty', ''],
    ['dpuservice-source', 'error', 'spec.helmChart.source.chart', 'is missing (set chart for a Helm repository, or path for a git repository)', ''],
    ['dpuservice-source', 'error', 'spec.helmChart.source.releaseName', 'must match a DNS-1123 name (lowercase letters, digits, - and .)', '"Bad_Name"'],
    ['unknown-field', 'warning', 'spec.helmChart.source.extra', '', ''],
  ]);
});

test('dpuservice-source: a missing helmChart is one error', () => {
  const s = clone();
  delete s.spec.helmChart;
  assert.deepEqual(brief(checkDpuService(s)), [['dpuservice-source', 'error', 'spec.helmChart', 'is missing', '']]);
});

test('dpuservice-config-ports: serviceType, names, duplicates, protocol, port, nodePort range', () => {
  const s = clone();
  s.spec.configPorts = {
    serviceType: 'LoadBalancer',
    ports: [
      { name: 'Web', port: 80, protocol: 'TCP' },
      { name: 'a', port: 0, protocol: 'SCTP' },
      { name: 'a', port: 8080, protocol: 'UDP', nodePort: 29999 },
      { name: 'b', port: 8081, protocol: 'TCP', nodePort: 32767, hostPort: 1 },
    ],
  };
  assert.deepEqual(brief(checkDpuService(s)), [
    ['dpuservice-config-ports', 'error', 'spec.configPorts.serviceType', 'must be one of NodePort, ClusterIP, None', '"LoadBalancer"'],
    ['dpuservice-config-ports', 'error', 'spec.configPorts.ports.0.name', 'must match ^[a-z0-9-]+$', '"Web"'],
    ['dpuservice-config-ports', 'error', 'spec.configPorts.ports.1.port', 'must be between 1 and 65535', '0'],
    ['dpuservice-config-ports', 'error', 'spec.configPorts.ports.1.protocol', 'must be one of TCP, UDP', '"SCTP"'],
    ['dpuservice-config-ports', 'error', 'spec.configPorts.ports.2.name', 'duplicates the name of ports[1]', '"a"'],
    ['dpuservice-config-ports', 'error', 'spec.configPorts.ports.2.nodePort', 'must be between 30000 and 32767', '29999'],
    ['unknown-field', 'warning', 'spec.configPorts.ports.3.hostPort', '', ''],
  ]);
});

test('dpuservice-config-ports: nodePort only with NodePort', () => {
  const s = clone();
  s.spec.configPorts = { serviceType: 'ClusterIP', ports: [{ name: 'a', port: 1, protocol: 'TCP', nodePort: 30000 }] };
  assert.deepEqual(brief(checkDpuService(s)), [
    ['dpuservice-config-ports', 'error', 'spec.configPorts.ports.0.nodePort', 'is only allowed with serviceType NodePort (here ClusterIP)', ''],
  ]);
});

test('dpuservice-interfaces: DNS-1123 names, unique, 1 to 50', () => {
  const s = clone();
  s.spec.interfaces = ['p0', 'P1', 'p0', 7];
  assert.deepEqual(brief(checkDpuService(s)), [
    ['dpuservice-interfaces', 'error', 'spec.interfaces.1', 'must match a DNS-1123 name (lowercase letters, digits, - and .)', '"P1"'],
    ['dpuservice-interfaces', 'error', 'spec.interfaces.2', 'repeats interfaces[0]', '"p0"'],
    ['dpuservice-interfaces', 'error', 'spec.interfaces.3', 'must be a string', '7'],
  ]);
  s.spec.interfaces = [];
  assert.deepEqual(brief(checkDpuService(s)), [['dpuservice-interfaces', 'error', 'spec.interfaces', 'must list between 1 and 50 names', '0 names']]);
});

test('dpuservice-daemonset: field types and unknown fields', () => {
  const s = clone();
  s.spec.serviceDaemonSet = {
    nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'dpu', operator: 'Is', values: ['a'] }] }] },
    updateStrategy: { type: 'Recreate', rollingUpdate: { maxUnavailable: 1.5 } },
    labels: { a: 1 },
    annotations: 'x',
    resources: { cpu: '500m', 'nvidia.com/bf_sf': 1, memory: 'lots' },
    tolerations: [],
  };
  assert.deepEqual(brief(checkDpuService(s)), [
    ['dpuservice-daemonset', 'error', 'spec.serviceDaemonSet.nodeSelector.nodeSelectorTerms.0.matchExpressions.0.operator', 'must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt', '"Is"'],
    ['dpuservice-daemonset', 'error', 'spec.serviceDaemonSet.updateStrategy.type', 'must be one of RollingUpdate, OnDelete', '"Recreate"'],
    ['dpuservice-daemonset', 'error', 'spec.serviceDaemonSet.updateStrategy.rollingUpdate.maxUnavailable', 'must be an integer or a percentage string', '1.5'],
    ['dpuservice-daemonset', 'error', 'spec.serviceDaemonSet.labels.a', 'must be a string (quote it)', '1'],
    ['dpuservice-daemonset', 'error', 'spec.serviceDaemonSet.annotations', 'must be a mapping', '"x"'],
    ['dpuservice-daemonset', 'error', 'spec.serviceDaemonSet.resources.memory', 'must be a quantity such as 1, "500m" or "2Gi"', '"lots"'],
    ['unknown-field', 'warning', 'spec.serviceDaemonSet.tolerations', '', ''],
  ]);
});

test('unknown spec fields are warnings', () => {
  const s = clone();
  s.spec.serviceDeamonSet = {};
  assert.deepEqual(brief(checkDpuService(s)), [['unknown-field', 'warning', 'spec.serviceDeamonSet', '', '']]);
});

/** dpuServiceRelease, asserting it composed a release (not a finding). */
function release(object: unknown, cluster = 'dpu-cplane'): DpuServiceRelease {
  const r = dpuServiceRelease(object, { cluster, defaultNamespace: 'default' });
  assert.ok(!isReleaseFinding(r), JSON.stringify(r));
  return r;
}

test('dpuServiceRelease values: serviceDaemonSet block wins over helmChart.values, configPorts add exposedPorts (argoCDValuesFromDPUService)', () => {
  const s = clone();
  // Maps merge key by key (MergeMaps recurses); the block's own keys win.
  s.spec.helmChart.values.serviceDaemonSet = { labels: { user: 'x', 'svc.dpu.nvidia.com/service': 'user' }, extra: true };
  s.spec.helmChart.values.exposedPorts = { ports: { exampletcp: false } };
  assert.deepEqual(release(s).values, {
    serviceDaemonSet: {
      nodeSelector: example.spec.serviceDaemonSet.nodeSelector,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } },
      labels: { 'dpuservice.dpu.nvidia.com/name': 'dummydpuservice', 'svc.dpu.nvidia.com/service': 'dummydpuservice', user: 'x' },
      annotations: { 'dpuservice.dpu.nvidia.com/name': 'dummydpuservice' },
      // corev1.ResourceList marshals each Quantity as its canonical string.
      resources: { 'nvidia.com/bf_sf': '1' },
      extra: true,
    },
    image: { tag: 'v0.1.0', repository: 'example.com/dpf/dummydpuservice' },
    // The user's exposedPorts.ports.exampletcp=false stays: MergeMaps keeps dst.
    exposedPorts: {
      ports: { exampletcp: false, exampleudp: true },
      labels: { 'dpu.nvidia.com/dpuservice-name': 'dummydpuservice', 'dpu.nvidia.com/dpuservice-namespace': 'dummydpuservice' },
    },
  });
});

test('dpuServiceRelease values: DPF components get global.serviceDaemonSet with the cluster annotations (argoCDValuesFromDPUService)', () => {
  const s = { metadata: { name: 'n', labels: { 'dpu.nvidia.com/component': 'x' } }, spec: { serviceID: 'sid', serviceDaemonSet: { labels: { a: 'b' } } } };
  assert.deepEqual(release(s).values, {
    global: {
      serviceDaemonSet: {
        labels: { a: 'b', 'svc.dpu.nvidia.com/service': 'sid' },
        annotations: { 'dpu.nvidia.com/cluster': 'dpu-cplane', 'dpu.nvidia.com/cluster-namespace': 'default' },
      },
    },
  });
});

test('dpuServiceRelease name: releaseName, else <cluster>-<name> (GetApplicationName), in-cluster for host-side services', () => {
  assert.deepEqual([release(example).releaseName, release(example).namespace], ['dpu-cplane-dummydpuservice', 'dummydpuservice']);
  const s = clone();
  s.spec.helmChart.source.releaseName = 'fixed';
  assert.equal(release(s).releaseName, 'fixed');
  const host = clone();
  host.spec.deployInCluster = true;
  assert.equal(release(host).releaseName, 'in-cluster-dummydpuservice');
  // Above 63 characters DPF's GenerateName keeps 57 and appends a digest (test/dpf/naming.test.ts has the recorded rows).
  const long = release(example, 'c'.repeat(50)).releaseName;
  assert.equal(long.length, 63);
  assert.match(long, /^c{50}-dummyd-[0-9a-f]{5}$/);
});

test('dpuServiceRelease: what DPF cannot compose is a dpuservice-daemonset finding, not a throw', () => {
  const s = clone();
  s.spec.serviceDaemonSet.resources = { cpu: '1.2.3' };
  const r = dpuServiceRelease(s, { cluster: 'c', defaultNamespace: 'default' });
  assert.ok(isReleaseFinding(r));
  assert.deepEqual([r.rule, r.severity, r.path], ['dpuservice-daemonset', 'error', ['spec', 'serviceDaemonSet']]);
  assert.match(String(r.detail?.problem), /^cannot be turned into chart values as DPF does: quantities must match the regular expression/);
});
