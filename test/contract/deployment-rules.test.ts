/**
 * The deployment-* object rules, one test per CRD rule and CEL rule of DPF's types
 * (dpuservicetemplate_types.go, dpuserviceconfiguration_types.go, dpudeployment_types.go);
 * CEL messages are DPF's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDeploymentObject } from '../../contract/deployment.js';
import { checkDeploymentReferences } from '../../contract/rules/deployment-references.js';
import { checkDeploymentVersions } from '../../contract/rules/deployment-version.js';
import type { Finding } from '../../contract/types.js';
import { formatPath } from '../../contract/types.js';
import { deploymentRaw, hbnConfigRaw, hbnTemplateRaw, deployment, hbnConfig, hbnTemplate } from '../dpf/deployment/fixtures.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path ? formatPath(f.path) : ''}: ${String(f.detail?.problem ?? '')}`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const with_ = (raw: object, edit: (o: any) => void): any => {
  const o = clone(raw);
  edit(o);
  return o;
};

test('the guide-shaped inputs pass', () => {
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceTemplate', hbnTemplateRaw)), []);
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceConfiguration', hbnConfigRaw)), []);
  assert.deepEqual(errors(checkDeploymentObject('DPUDeployment', deploymentRaw)), []);
});

test('DPUServiceTemplate: deploymentServiceName required, at most 28; helmChart source checked; security.privileged boolean', () => {
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceTemplate', with_(hbnTemplateRaw, (o) => delete o.spec.deploymentServiceName))), ['deployment-template spec.deploymentServiceName: is missing']);
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceTemplate', with_(hbnTemplateRaw, (o) => (o.spec.deploymentServiceName = 'x'.repeat(29))))), ['deployment-template spec.deploymentServiceName: must be at most 28 characters']);
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceTemplate', with_(hbnTemplateRaw, (o) => (o.spec.helmChart.source.repoURL = 'http://x')))), ['dpuservice-source spec.helmChart.source.repoURL: must match oci://... or https://...']);
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceTemplate', with_(hbnTemplateRaw, (o) => (o.spec.security = { privileged: 'yes' })))), ['deployment-template spec.security.privileged: must be a boolean (true or false)']);
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceTemplate', with_(hbnTemplateRaw, (o) => (o.spec.resourceRequirements = { memory: 'lots' })))), ['deployment-template spec.resourceRequirements.memory: is not a Kubernetes quantity']);
});

test('DPUServiceConfiguration: CEL interfaces/configPorts with deployInCluster', () => {
  const inCluster = with_(hbnConfigRaw, (o) => {
    o.spec.serviceConfiguration.deployInCluster = true;
    o.spec.serviceConfiguration.configPorts = { ports: [] };
  });
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceConfiguration', inCluster)), [
    'deployment-configuration spec.serviceConfiguration.configPorts: configPorts cannot be set when deployInCluster is true',
    'deployment-configuration spec.interfaces: interfaces are not supported when deploying in cluster',
  ]);
});

test('DPUServiceConfiguration: label and annotation keys outside DPF\'s domain (custom-flows label excepted), at most 50', () => {
  const bad = with_(hbnConfigRaw, (o) => {
    o.spec.serviceConfiguration.serviceDaemonSet.labels = { 'svc.dpu.nvidia.com/custom-flows': 'x', 'dpu.nvidia.com/x': 'y', 'a.dpu.nvidia.com': 'z' };
    o.spec.serviceConfiguration.serviceDaemonSet.annotations = { 'svc.dpu.nvidia.com/custom-flows': 'x' };
  });
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceConfiguration', bad)), [
    'deployment-configuration spec.serviceConfiguration.serviceDaemonSet.labels["dpu.nvidia.com/x"]: labels should not contain dpu.nvidia.com/ and should not end with dpu.nvidia.com',
    'deployment-configuration spec.serviceConfiguration.serviceDaemonSet.labels["a.dpu.nvidia.com"]: labels should not contain dpu.nvidia.com/ and should not end with dpu.nvidia.com',
    'deployment-configuration spec.serviceConfiguration.serviceDaemonSet.annotations["svc.dpu.nvidia.com/custom-flows"]: annotations should not contain dpu.nvidia.com/ and should not end with dpu.nvidia.com',
  ]);
  const many = with_(hbnConfigRaw, (o) => (o.spec.serviceConfiguration.serviceDaemonSet.labels = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))));
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceConfiguration', many)), ['deployment-configuration spec.serviceConfiguration.serviceDaemonSet.labels: must have at most 50 entries']);
});

test('DPUServiceConfiguration: interfaces 1..50, name 1..15, network required', () => {
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceConfiguration', with_(hbnConfigRaw, (o) => (o.spec.interfaces = [])))), ['deployment-configuration spec.interfaces: must have 1 to 50 items']);
  assert.deepEqual(errors(checkDeploymentObject('DPUServiceConfiguration', with_(hbnConfigRaw, (o) => (o.spec.interfaces = [{ name: 'a_very_long_name_x' }])))), [
    'deployment-configuration spec.interfaces[0].name: must be at most 15 characters',
    'deployment-configuration spec.interfaces[0].network: is missing',
  ]);
});

test('DPUDeployment: name at most 20 characters (DPF\'s CEL message)', () => {
  assert.deepEqual(errors(checkDeploymentObject('DPUDeployment', with_(deploymentRaw, (o) => (o.metadata.name = 'x'.repeat(21))))), ["deployment-spec metadata.name: name length can't be bigger than 20 chars"]);
});

test('DPUDeployment: exactly one of bfb/blueFieldSoftware and of flavor/flavorTemplate; nodeEffect and dpuSetStrategy required', () => {
  const o = with_(deploymentRaw, (x) => {
    x.spec.dpus.blueFieldSoftware = 'bfs';
    delete x.spec.dpus.flavor;
    delete x.spec.dpus.nodeEffect;
    delete x.spec.dpus.dpuSetStrategy;
  });
  assert.deepEqual(errors(checkDeploymentObject('DPUDeployment', o)), [
    'deployment-spec spec.dpus: exactly one of bfb or blueFieldSoftware must be specified',
    'deployment-spec spec.dpus: exactly one of flavor or flavorTemplate must be set',
    'deployment-spec spec.dpus.nodeEffect: is missing',
    'deployment-spec spec.dpus.dpuSetStrategy: is missing',
  ]);
});

test('DPUDeployment: dpuSets unique nameSuffix, selector exclusivity, dpuAnnotations keys', () => {
  const o = with_(deploymentRaw, (x) => {
    x.spec.dpus.dpuSets = [
      { nameSuffix: 'a', nodeSelector: {}, dpuNodeSelector: {}, dpuAnnotations: { 'provisioning.dpu.nvidia.com/force-fw-update': 'true', 'noderesources.dpu.nvidia.com/x': '1', 'dpu.nvidia.com/y': '2' } },
      { nameSuffix: 'a', dpuSelector: { a: 'b' }, dpuDeviceSelector: {} },
    ];
  });
  assert.deepEqual(errors(checkDeploymentObject('DPUDeployment', o)), [
    'deployment-spec spec.dpus.dpuSets[0]: only one of nodeSelector or dpuNodeSelector can be specified',
    'deployment-spec spec.dpus.dpuSets[0].dpuAnnotations["dpu.nvidia.com/y"]: should not contain dpu.nvidia.com/ and should not end with dpu.nvidia.com',
    'deployment-spec spec.dpus.dpuSets[1]: only one of dpuSelector or dpuDeviceSelector can be specified',
    'deployment-spec spec.dpus.dpuSets: DPUSet.NameSuffix values must be unique',
  ]);
});

test('DPUDeployment: services 1..50 with keys of at most 28 characters', () => {
  assert.deepEqual(errors(checkDeploymentObject('DPUDeployment', with_(deploymentRaw, (x) => (x.spec.services = {})))), ['deployment-spec spec.services: must have 1 to 50 services']);
  const long = 'x'.repeat(29);
  assert.deepEqual(errors(checkDeploymentObject('DPUDeployment', with_(deploymentRaw, (x) => (x.spec.services = { [long]: { serviceTemplate: 't', serviceConfiguration: 'c' } })))), [
    "deployment-spec spec.services: service names can't be bigger than 28 chars",
  ]);
});

test('DPUDeployment: serviceChains ports need exactly one of service/serviceInterface; MTU range; the v24.10 list form', () => {
  const o = with_(deploymentRaw, (x) => (x.spec.serviceChains = { switches: [{ serviceMTU: 100, ports: [{}, { service: { name: 'hbn', interface: 'p0_if' }, serviceInterface: {} }] }] }));
  assert.deepEqual(errors(checkDeploymentObject('DPUDeployment', o)), [
    'deployment-spec spec.serviceChains.switches[0].serviceMTU: must be between 1280 and 9216',
    'deployment-spec spec.serviceChains.switches[0].ports[0]: either service or serviceInterface must be specified',
    'deployment-spec spec.serviceChains.switches[0].ports[1]: either service or serviceInterface must be specified',
  ]);
  assert.match(errors(checkDeploymentObject('DPUDeployment', with_(deploymentRaw, (x) => (x.spec.serviceChains = [])))).join(), /v24\.10 API/);
});

test('deployment-references: templates and configurations resolve; chain ports name interfaces of the configuration', () => {
  const d = deployment(with_(deploymentRaw, (x) => (x.spec.serviceChains.switches[0].ports[1].service.interface = 'p9_if')));
  const inputs = { templates: new Map([['dpf-operator-system/hbn', hbnTemplate()]]), configurations: new Map([['dpf-operator-system/hbn', hbnConfig()]]), bfbs: new Map(), flavors: new Map() };
  const { findings } = checkDeploymentReferences(d, inputs);
  assert.deepEqual(errors(findings), ['deployment-references spec.serviceChains.switches[0].ports[1].service.interface: interface p9_if is not among the interfaces of DPUServiceConfiguration dpf-operator-system/hbn']);
  assert.equal(findings.filter((f) => f.severity === 'warning').length, 2);
  const missing = checkDeploymentReferences(deployment(), { ...inputs, templates: new Map() });
  assert.deepEqual(errors(missing.findings), ['deployment-references spec.services.hbn.serviceTemplate: error while getting svc.dpu.nvidia.com/v1alpha1, Kind=DPUServiceTemplate dpf-operator-system/hbn: not found in the app directory']);
});

test('deployment-version: an error per unsatisfied template, a warning when no DOCA version is known', () => {
  const d = deployment();
  const t = [{ template: 'hbn', versions: new Map([['dpu.nvidia.com/doca-version', '>= 2.9']]) }];
  assert.deepEqual(errors(checkDeploymentVersions(d, { version: '2.8.0', from: 'parameter doca-version' }, t)), [
    "deployment-version spec.dpus.bfb: version constraint for 'dpu.nvidia.com/doca-version' found in DPUServiceTemplate 'hbn' is not satisfied by the version '2.8.0' found in the given BFB",
  ]);
  assert.deepEqual(checkDeploymentVersions(d, { version: '2.9.1', from: 'x' }, t), []);
  assert.equal(checkDeploymentVersions(d, undefined, t)[0]!.severity, 'warning');
});
