/**
 * The composition, test names after the DPF functions they follow
 * (internal/dpuservice/controllers/dpudeployment_controller_dpuservice.go, utils.go,
 * dpudeployment_controller_dpuservicechain.go, ..._dpuserviceinterface.go). Expected objects are
 * written by hand from DPF's code; the version digest and suffix are recomputed here from their
 * definitions (digest.test.ts checks the hashed bytes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregatedDpuClusterSelector,
  calculateDPUServiceVersionDigest,
  composeDeployment,
  deterministicSuffix,
  generateDPUService,
  generateDPUServiceDaemonSetValues,
  getDependencies,
  inClusterNodeSelector,
  nodeSelectorWithOwner,
  servicesTopologicalSort,
  withDeploymentNodeLabels,
} from '../../../dpf/deployment/index.js';
import { decodeDpuDeployment } from '../../../dpf/deployment/decode.js';
import { deployment, deploymentRaw, hbnConfig, hbnTemplate, loc } from './fixtures.js';

test('generateDPUServiceDaemonSetValues: configuration labels plus the deployment-service label, the rest copied', () => {
  const ns = { nodeSelectorTerms: [] };
  assert.deepEqual(generateDPUServiceDaemonSetValues('hbn', undefined, ns), { nodeSelector: ns, labels: { 'svc.dpu.nvidia.com/dpudeployment-service': 'hbn' } });
  assert.deepEqual(generateDPUServiceDaemonSetValues('hbn', { labels: { a: 'b' }, annotations: { c: 'd' }, updateStrategy: { type: 'OnDelete' }, resources: { cpu: '1000m' } }, ns), {
    nodeSelector: ns,
    updateStrategy: { type: 'OnDelete' },
    labels: { a: 'b', 'svc.dpu.nvidia.com/dpudeployment-service': 'hbn' },
    annotations: { c: 'd' },
    resources: { cpu: '1' },
  });
});

test('newObjectNodeSelectorWithOwner: version label and owner label, one term', () => {
  assert.deepEqual(nodeSelectorWithOwner('svc.dpu.nvidia.com/dpuservice-hbn-version', 'hbn-abcde', { namespace: 'ns', name: 'd' }), {
    nodeSelectorTerms: [
      {
        matchExpressions: [
          { key: 'svc.dpu.nvidia.com/dpuservice-hbn-version', operator: 'In', values: ['hbn-abcde'] },
          { key: 'svc.dpu.nvidia.com/owned-by-dpudeployment', operator: 'In', values: ['ns_d'] },
        ],
      },
    ],
  });
});

test('newInClusterNodeSelectorFromDPUSetSelector: the deprecated nodeSelector only; none means the version label alone', () => {
  const only = { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }] };
  assert.deepEqual(inClusterNodeSelector('k', 'v', []), only);
  assert.deepEqual(inClusterNodeSelector('k', 'v', [{ nameSuffix: 'a', dpuNodeSelector: { matchLabels: { x: 'y' } } }]), only);
  assert.deepEqual(inClusterNodeSelector('k', 'v', [{ nameSuffix: 'a', nodeSelector: { matchLabels: { z: '1', x: 'y' } } }]), {
    nodeSelectorTerms: [
      { matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }, { key: 'x', operator: 'In', values: ['y'] }] },
      { matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }, { key: 'z', operator: 'In', values: ['1'] }] },
    ],
  });
});

test('getAggregatedDPUClusterSelector: DPF\'s test table', () => {
  const set = (s?: Record<string, string>) => ({ nameSuffix: 'x', ...(s ? { dpuClusterSelector: s } : {}) });
  assert.equal(aggregatedDpuClusterSelector([]), undefined);
  assert.equal(aggregatedDpuClusterSelector([set({ region: 'us-west' }), set()]), undefined);
  assert.equal(aggregatedDpuClusterSelector([set({ region: 'us-west' }), set({})]), undefined);
  assert.deepEqual(aggregatedDpuClusterSelector([set({ region: 'us-west' }), set({ region: 'us-east' }), set({ region: 'eu-west' })]), {
    matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west', 'us-east', 'us-west'] }],
  });
  assert.deepEqual(aggregatedDpuClusterSelector([set({ region: 'us-west', env: 'prod' }), set({ region: 'us-west', env: 'dev' })]), {
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['dev', 'prod'] },
      { key: 'region', operator: 'In', values: ['us-west'] },
    ],
  });
});

test('generateDPUService: the DPUService DPF creates for the hbn service', () => {
  const d = deployment();
  const digest = calculateDPUServiceVersionDigest(hbnConfig(), hbnTemplate());
  const name = `hbn-${deterministicSuffix('DPUService', 'dpf-operator-system', 'ovn-hbn', 'hbn', digest)}`;
  const got = generateDPUService(d, 'hbn', hbnConfig(), hbnTemplate(), ['hbn-p1-if-zzzzz', 'hbn-p0-if-zzzzz']);
  assert.equal(got.name, name);
  assert.deepEqual(got.object, {
    apiVersion: 'svc.dpu.nvidia.com/v1alpha1',
    kind: 'DPUService',
    metadata: {
      name,
      namespace: 'dpf-operator-system',
      labels: { 'svc.dpu.nvidia.com/owned-by-dpudeployment': 'dpf-operator-system_ovn-hbn', 'svc.dpu.nvidia.com/dpudeployment-service': 'hbn' },
      annotations: { 'svc.dpu.nvidia.com/dpuservice-version': digest },
    },
    spec: {
      helmChart: {
        source: { repoURL: 'https://helm.ngc.nvidia.com/nvidia/doca', version: '1.0.1', chart: 'doca-hbn' },
        // MergeMaps(config, template): the configuration's resources.memory wins, the rest merges in.
        values: {
          resources: { memory: '8Gi', 'nvidia.com/bf_sf': 3 },
          configuration: { perDPUValuesYAML: '- hostnamePattern: "*"\n' },
          image: { repository: 'nvcr.io/nvidia/doca/doca_hbn', tag: '2.4.1-doca2.9.1' },
        },
      },
      serviceID: `ovn-hbn_hbn_${digest}`,
      serviceDaemonSet: {
        nodeSelector: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'svc.dpu.nvidia.com/dpuservice-hbn-version', operator: 'In', values: [name] },
                { key: 'svc.dpu.nvidia.com/owned-by-dpudeployment', operator: 'In', values: ['dpf-operator-system_ovn-hbn'] },
              ],
            },
          ],
        },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        labels: { app: 'hbn', 'svc.dpu.nvidia.com/dpudeployment-service': 'hbn' },
        annotations: { note: 'x' },
        resources: { memory: '1Gi' },
      },
      interfaces: ['hbn-p0-if-zzzzz', 'hbn-p1-if-zzzzz'],
      security: { privileged: true },
    },
  });
});

test('generateDPUService: in-cluster services get no security, no cluster selector, the in-cluster version label', () => {
  const d = deployment();
  const c = { ...hbnConfig(), deployInCluster: true, interfaces: undefined };
  const got = generateDPUService(d, 'hbn', c, { ...hbnTemplate(), privileged: false, hasSecurity: true }, []);
  const spec = got.object.spec as Record<string, unknown>;
  assert.equal(spec.security, undefined);
  assert.equal(spec.deployInCluster, true);
  assert.equal(spec.interfaces, undefined);
  const term = (spec.serviceDaemonSet as { nodeSelector: { nodeSelectorTerms: { matchExpressions: { key: string }[] }[] } }).nodeSelector.nodeSelectorTerms[0]!;
  assert.match(term.matchExpressions[0]!.key, /^svc\.dpu\.nvidia\.com\/dpuservice-in-cluster-version-[0-9a-f]{10}$/);
});

test('generateDPUService: the template\'s security.privileged is honoured for DPU-side services', () => {
  const got = generateDPUService(deployment(), 'hbn', hbnConfig(), { ...hbnTemplate(), privileged: false, hasSecurity: true }, []);
  assert.deepEqual((got.object.spec as Record<string, unknown>).security, { privileged: false });
});

test('a disruptive change gets a new name, a non-disruptive one keeps it (DPF\'s revisions)', () => {
  const d = deployment();
  const a = generateDPUService(d, 'hbn', hbnConfig(), hbnTemplate(), []);
  const changed = { ...hbnConfig(), values: { x: 1 } };
  assert.notEqual(generateDPUService(d, 'hbn', changed, hbnTemplate(), []).name, a.name);
  const calm = { ...hbnConfig(), applyNodeEffect: false };
  assert.equal(generateDPUService(d, 'hbn', { ...calm, values: { x: 1 } }, hbnTemplate(), []).name, generateDPUService(d, 'hbn', calm, hbnTemplate(), []).name);
});

test('servicesTopologicalSort: dependencies first, DPF\'s errors', () => {
  const raw = (services: Record<string, unknown>) => decodeDpuDeployment({ ...deploymentRaw, spec: { ...(deploymentRaw.spec as object), services } } as never, loc('d.yaml'), 'ns');
  const s = (deps: string[] = []) => ({ serviceTemplate: 't', serviceConfiguration: 'c', ...(deps.length ? { dependsOn: deps.map((name) => ({ name })) } : {}) });
  assert.deepEqual(servicesTopologicalSort(raw({ b: s(['a']), a: s(), c: s(['b']) })), ['a', 'b', 'c']);
  assert.equal((servicesTopologicalSort(raw({ a: s(['x']) })) as Error).message, 'service a depends on x which is not defined in the DPUDeployment');
  assert.equal((servicesTopologicalSort(raw({ a: s(['a']) })) as Error).message, 'service a cannot depend on itself');
  assert.match((servicesTopologicalSort(raw({ a: s(['b']), b: s(['a']) })) as Error).message, /^failed to sort Service: /);
});

test('getDependencies: missing objects and deploymentServiceName mismatches, DPF\'s wording', () => {
  const d = deployment();
  const t = hbnTemplate();
  const empty = { templates: new Map(), configurations: new Map(), bfbs: new Map(), flavors: new Map() };
  const r1 = getDependencies(d, empty);
  assert.deepEqual(
    r1.problems.map((p) => [p.severity, p.message]),
    [
      ['warning', 'error while getting provisioning.dpu.nvidia.com/v1alpha1, Kind=BFB dpf-operator-system/bf-bundle: not found in the app directory (versions are matched only with the doca-version parameter)'],
      ['warning', 'error while getting provisioning.dpu.nvidia.com/v1alpha1, Kind=DPUFlavor dpf-operator-system/dpf-provisioning-hbn-ovn: not found in the app directory'],
      ['error', 'error while getting svc.dpu.nvidia.com/v1alpha1, Kind=DPUServiceTemplate dpf-operator-system/hbn: not found in the app directory'],
      ['error', 'error while getting svc.dpu.nvidia.com/v1alpha1, Kind=DPUServiceConfiguration dpf-operator-system/hbn: not found in the app directory'],
    ],
  );
  const wrong = { ...t, deploymentServiceName: 'ovn' };
  const r2 = getDependencies(d, { ...empty, templates: new Map([['dpf-operator-system/hbn', wrong]]), configurations: new Map([['dpf-operator-system/hbn', hbnConfig()]]) });
  assert.match(r2.problems.find((p) => p.severity === 'error')!.message, /^service in DPUServiceTemplate dpf-operator-system\/hbn doesn't match requested service in DPUDeployment/);
});

test('composeDeployment: DPUService, DPUServiceInterfaces, DPUServiceChain and DPU node labels', () => {
  const d = deployment();
  const { deps } = getDependencies(d, { templates: new Map([['dpf-operator-system/hbn', hbnTemplate()]]), configurations: new Map([['dpf-operator-system/hbn', hbnConfig()]]), bfbs: new Map(), flavors: new Map() });
  const { composed, problems } = composeDeployment(d, deps);
  assert.deepEqual(problems, []);
  const svc = composed!.services[0]!;
  const digest = calculateDPUServiceVersionDigest(hbnConfig(), hbnTemplate());
  const ifName = `hbn-p0-if-${deterministicSuffix('DPUServiceInterface', 'dpf-operator-system', 'ovn-hbn', 'hbn', 'p0_if', digest)}`;
  assert.deepEqual(svc.interfaces[0], {
    apiVersion: 'svc.dpu.nvidia.com/v1alpha1',
    kind: 'DPUServiceInterface',
    metadata: { name: ifName, namespace: 'dpf-operator-system', labels: { 'svc.dpu.nvidia.com/owned-by-dpudeployment': 'dpf-operator-system_ovn-hbn' }, annotations: { 'svc.dpu.nvidia.com/dpuservice-version': digest } },
    spec: {
      template: {
        spec: {
          nodeSelector: {
            matchExpressions: [
              { key: 'svc.dpu.nvidia.com/dpuservice-hbn-version', operator: 'In', values: [svc.name] },
              { key: 'svc.dpu.nvidia.com/owned-by-dpudeployment', operator: 'In', values: ['dpf-operator-system_ovn-hbn'] },
            ],
          },
          template: {
            metadata: { labels: { 'svc.dpu.nvidia.com/service': `ovn-hbn_hbn_${digest}`, 'svc.dpu.nvidia.com/interface': 'p0_if' } },
            spec: { interfaceType: 'service', service: { serviceID: `ovn-hbn_hbn_${digest}`, network: 'mybrhbn', interfaceName: 'p0_if' } },
          },
        },
      },
    },
  });
  assert.deepEqual((svc.dpuService.spec as { interfaces: string[] }).interfaces, [ifName, `hbn-p1-if-${deterministicSuffix('DPUServiceInterface', 'dpf-operator-system', 'ovn-hbn', 'hbn', 'p1_if', digest)}`].sort());
  const chain = composed!.chain as { metadata: { name: string }; spec: { template: { spec: { template: { spec: { switches: unknown } } } } } };
  assert.match(chain.metadata.name, /^ovn-hbn-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.deepEqual(chain.spec.template.spec.template.spec.switches, [
    { ports: [{ serviceInterface: { matchLabels: { uplink: 'p0' } } }, { serviceInterface: { matchLabels: { 'svc.dpu.nvidia.com/service': `ovn-hbn_hbn_${digest}`, 'svc.dpu.nvidia.com/interface': 'p0_if' } } }] },
  ]);
  assert.deepEqual(composed!.nodeLabels, {
    'svc.dpu.nvidia.com/owned-by-dpudeployment': 'dpf-operator-system_ovn-hbn',
    'svc.dpu.nvidia.com/dpuservice-hbn-version': svc.name,
    'svc.dpu.nvidia.com/dpuservicechain-version': chain.metadata.name,
  });
  const picked = withDeploymentNodeLabels({ name: 'a', labels: { 'feature.node.kubernetes.io/dpu-enabled': 'true' } as Record<string, string> }, [composed!]);
  assert.equal(picked.labels['svc.dpu.nvidia.com/dpuservice-hbn-version'], svc.name);
  const other = { name: 'b', labels: { role: 'storage' } };
  assert.equal(withDeploymentNodeLabels(other, [composed!]), other);
});

test('composeDeployment is byte-stable: the same inputs give the same names twice', () => {
  const run = () => {
    const d = deployment();
    const { deps } = getDependencies(d, { templates: new Map([['dpf-operator-system/hbn', hbnTemplate()]]), configurations: new Map([['dpf-operator-system/hbn', hbnConfig()]]), bfbs: new Map(), flavors: new Map() });
    return JSON.stringify(composeDeployment(d, deps).composed);
  };
  assert.equal(run(), run());
});
