/**
 * Hand-written inputs modelled on DPF's HBN + OVN DPUDeployment guide
 * (docs/guides/usecases/hbn_ovn/manifests/05.2-dpudeployment-installation, newest API shape) and
 * DPF's controller test objects; decoded with our decoders for the composition tests.
 */
import { decodeDpuDeployment, decodeDpuServiceConfiguration, decodeDpuServiceTemplate } from '../../../dpf/deployment/decode.js';
import type { JsonObject } from '../../../dpf/dpuservice.js';

export const loc = (file: string) => ({ file, doc: 0, line: 1 });

export const hbnTemplateRaw: JsonObject = {
  apiVersion: 'svc.dpu.nvidia.com/v1alpha1',
  kind: 'DPUServiceTemplate',
  metadata: { name: 'hbn', namespace: 'dpf-operator-system' },
  spec: {
    deploymentServiceName: 'hbn',
    helmChart: {
      source: { repoURL: 'https://helm.ngc.nvidia.com/nvidia/doca', version: '1.0.1', chart: 'doca-hbn' },
      values: { image: { repository: 'nvcr.io/nvidia/doca/doca_hbn', tag: '2.4.1-doca2.9.1' }, resources: { memory: '6Gi', 'nvidia.com/bf_sf': 3 } },
    },
    resourceRequirements: { memory: '6Gi', 'nvidia.com/bf_sf': 3 },
  },
};

export const hbnConfigRaw: JsonObject = {
  apiVersion: 'svc.dpu.nvidia.com/v1alpha1',
  kind: 'DPUServiceConfiguration',
  metadata: { name: 'hbn', namespace: 'dpf-operator-system' },
  spec: {
    deploymentServiceName: 'hbn',
    serviceConfiguration: {
      serviceDaemonSet: { labels: { app: 'hbn' }, annotations: { note: 'x' }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } }, resources: { memory: '1024Mi' } },
      helmChart: { values: { resources: { memory: '8Gi' }, configuration: { perDPUValuesYAML: '- hostnamePattern: "*"\n' } } },
    },
    interfaces: [
      { name: 'p0_if', network: 'mybrhbn' },
      { name: 'p1_if', network: 'mybrhbn' },
    ],
  },
};

export const deploymentRaw: JsonObject = {
  apiVersion: 'svc.dpu.nvidia.com/v1alpha1',
  kind: 'DPUDeployment',
  metadata: { name: 'ovn-hbn', namespace: 'dpf-operator-system' },
  spec: {
    dpus: {
      bfb: 'bf-bundle',
      flavor: 'dpf-provisioning-hbn-ovn',
      nodeEffect: { noEffect: true },
      dpuSetStrategy: { type: 'RollingUpdate' },
      dpuSets: [{ nameSuffix: 'dpuset1', dpuNodeSelector: { matchLabels: { 'feature.node.kubernetes.io/dpu-enabled': 'true' } } }],
    },
    services: { hbn: { serviceTemplate: 'hbn', serviceConfiguration: 'hbn' } },
    serviceChains: {
      switches: [
        { ports: [{ serviceInterface: { matchLabels: { uplink: 'p0' } } }, { service: { name: 'hbn', interface: 'p0_if' } }] },
      ],
    },
  },
};

export const hbnTemplate = () => decodeDpuServiceTemplate(hbnTemplateRaw, loc('t.yaml'), 'default');
export const hbnConfig = () => decodeDpuServiceConfiguration(hbnConfigRaw, loc('c.yaml'), 'default');
export const deployment = (raw: JsonObject = deploymentRaw) => decodeDpuDeployment(raw, loc('d.yaml'), 'default');
