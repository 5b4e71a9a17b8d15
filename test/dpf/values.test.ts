// argoCDValuesFromDPUService (doca-platform dpuservice_controller.go) and the multus annotation of
// nad.go (addNetworkAnnotationToServiceDaemonSet / mergeIntoSlice), checked against the
// behaviour documented in ../shared/research/dpf.md §2 (each test names the DPF function).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argoCDValuesFromDPUService, fromGo, serviceDaemonSetValues } from '../../dpf/values.js';
import { decodeDpuService, type DpuServiceInterface, type JsonObject } from '../../dpf/dpuservice.js';
import { networksAnnotation, NetworkAnnotationError } from '../../dpf/network-annotation.js';

const loc = { file: 'svc.yaml', doc: 0, line: 1 };

function svc(spec: JsonObject, labels: JsonObject = {}): ReturnType<typeof decodeDpuService> {
  return decodeDpuService(
    { apiVersion: 'svc.dpu.nvidia.com/v1alpha1', kind: 'DPUService', metadata: { name: 'svc', namespace: 'ns', labels }, spec: { helmChart: { source: { repoURL: 'https://r', chart: 'c', version: '1.0.0' } }, ...spec } },
    loc,
    'default',
  );
}

const values = (s: ReturnType<typeof svc>, interfaces: DpuServiceInterface[] = []) =>
  fromGo(argoCDValuesFromDPUService(s, { serviceID: 'sid', cluster: 'dpu-cluster-1', interfaces }));

test('argoCDValuesFromDPUService: serviceDaemonSet block wins over helmChart.values key by key', () => {
  const v = values(
    svc({
      helmChart: { source: { repoURL: 'https://r', chart: 'c', version: '1' }, values: { serviceDaemonSet: { labels: { a: 'user', b: 'user' }, annotations: { x: 'user' } }, image: { tag: 'v1' } } },
      serviceDaemonSet: { labels: { a: 'sds' } },
    }),
  );
  assert.deepEqual(v, {
    serviceDaemonSet: { labels: { a: 'sds', 'svc.dpu.nvidia.com/service': 'sid', b: 'user' }, annotations: { x: 'user' } },
    image: { tag: 'v1' },
  });
});

test('argoCDValuesFromDPUService: MergeMaps never merges lists (dst list kept whole)', () => {
  const v = values(
    svc({
      helmChart: { source: { repoURL: 'https://r', chart: 'c', version: '1' }, values: { serviceDaemonSet: { nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'u', operator: 'Exists' }] }, {}] } } } },
      serviceDaemonSet: { nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }] } },
    }),
  ) as JsonObject;
  assert.deepEqual((v.serviceDaemonSet as JsonObject).nodeSelector, { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }] });
});

test('argoCDValuesFromDPUService: the service label is always added (svc.dpu.nvidia.com/service)', () => {
  assert.deepEqual(values(svc({})), { serviceDaemonSet: { labels: { 'svc.dpu.nvidia.com/service': 'sid' } } });
});

test('argoCDValuesFromDPUService: dpu.nvidia.com/component services use global.serviceDaemonSet with cluster annotations', () => {
  const v = values(svc({ serviceDaemonSet: { annotations: { a: 'b' } } }, { 'dpu.nvidia.com/component': 'flannel' }));
  assert.deepEqual(v, {
    global: {
      serviceDaemonSet: {
        labels: { 'svc.dpu.nvidia.com/service': 'sid' },
        annotations: { a: 'b', 'dpu.nvidia.com/cluster': 'dpu-cluster-1', 'dpu.nvidia.com/cluster-namespace': 'ns' },
      },
    },
  });
});

test('argoCDValuesForConfigPorts: exposedPorts added, but user-set exposedPorts keys win (dst wins)', () => {
  const v = values(
    svc({
      helmChart: { source: { repoURL: 'https://r', chart: 'c', version: '1' }, values: { exposedPorts: { ports: { tcp: false } } } },
      configPorts: { serviceType: 'NodePort', ports: [{ name: 'tcp', port: 1, protocol: 'TCP' }, { name: 'udp', port: 2, protocol: 'UDP' }] },
    }),
  ) as JsonObject;
  assert.deepEqual(v.exposedPorts, {
    ports: { tcp: false, udp: true },
    labels: { 'dpu.nvidia.com/dpuservice-name': 'svc', 'dpu.nvidia.com/dpuservice-namespace': 'ns' },
  });
});

test('MergeMaps (coalesceTablesFullKey with merge): tables in both are merged recursively', () => {
  const v = values(
    svc({
      helmChart: { source: { repoURL: 'https://r', chart: 'c', version: '1' }, values: { serviceDaemonSet: { updateStrategy: { type: 'OnDelete' } } } },
      serviceDaemonSet: { updateStrategy: { rollingUpdate: { maxUnavailable: 2 } } },
    }),
  ) as JsonObject;
  assert.deepEqual((v.serviceDaemonSet as JsonObject).updateStrategy, { rollingUpdate: { maxUnavailable: 2 }, type: 'OnDelete' });
});

test('ServiceDaemonSetValues marshal: omitempty, unknown fields dropped, nodeSelectorTerms null when unset, quantities canonical', () => {
  assert.deepEqual(
    serviceDaemonSetValues({ nodeSelector: {}, labels: {}, annotations: {}, resources: { cpu: '1000m', memory: '1024Mi', 'nvidia.com/bf_sf': 1 }, bogus: 1 }),
    { nodeSelector: { nodeSelectorTerms: null }, resources: { cpu: '1', memory: '1Gi', 'nvidia.com/bf_sf': '1' } },
  );
});

const dsi = (name: string, network: string, iface: string): DpuServiceInterface => ({
  name,
  namespace: 'ns',
  interfaceType: 'service',
  service: { serviceID: 'sid', network, interfaceName: iface },
  location: loc,
});

test('addNetworkAnnotationToServiceDaemonSet: elements sorted by (name, interface), compact JSON', () => {
  const text = networksAnnotation([dsi('a', 'mybrhbn', 'p1_if'), dsi('b', 'ns2/iprequest', 'ip_lo'), dsi('c', 'mybrhbn', 'p0_if')], undefined);
  assert.equal(text, '[{"name":"iprequest","namespace":"ns2","interface":"ip_lo"},{"name":"mybrhbn","interface":"p0_if"},{"name":"mybrhbn","interface":"p1_if"}]');
});

test('mergeIntoSlice: an existing entry with the same interface wins field by field; others kept', () => {
  const existing = '[{"name":"old","interface":"p0_if","cni-args":{"z":1,"a":true}},{"name":"keep","interface":"x","bogus":1}]';
  const text = networksAnnotation([dsi('a', 'mybrhbn', 'p0_if'), dsi('b', 'ns2/iprequest', 'ip_lo')], existing);
  assert.equal(text, '[{"name":"iprequest","namespace":"ns2","interface":"ip_lo"},{"name":"keep","interface":"x"},{"name":"old","interface":"p0_if","cni-args":{"a":true,"z":1}}]');
});

test('addNetworkAnnotationToServiceDaemonSet: a malformed existing annotation is an error', () => {
  assert.throws(() => networksAnnotation([dsi('a', 'n', 'i')], '{"name":"x"}'), NetworkAnnotationError);
  assert.throws(() => networksAnnotation([dsi('a', 'n', 'i')], 'not json'), /failed to unmarshal existing networks/);
});

test('argoCDValuesFromDPUService: interfaces rewrite the networks annotation inside serviceDaemonSet', () => {
  const v = values(svc({ interfaces: ['a'], serviceDaemonSet: { annotations: { keep: 'me' } } }), [dsi('a', 'mybrhbn', 'p0_if')]) as JsonObject;
  assert.deepEqual((v.serviceDaemonSet as JsonObject).annotations, { keep: 'me', 'k8s.v1.cni.cncf.io/networks': '[{"name":"mybrhbn","interface":"p0_if"}]' });
});
