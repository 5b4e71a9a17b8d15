/** One realistic finding per rule, shared by the message tests. */
import type { Finding, RuleId } from '../../contract/index.js';

const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'dpf', name: 'rel-svc' };
const svc = { apiVersion: 'svc.dpu.nvidia.com/v1alpha1', kind: 'DPUService', namespace: 'dpf', name: 'svc' };
const chart = { kind: 'Chart', name: 'svc-chart-0.1.0' };
const ext = { kind: 'DpuExtensionService', name: 'telemetry' };

export const SAMPLE_FINDINGS: Record<RuleId, Finding> = {
  'pod-size': { rule: 'pod-size', severity: 'error', object: ext, path: ['data'], measured: 70000, limit: 65536, detail: { measuredFrom: 'text' } },
  'pod-fields': { rule: 'pod-fields', severity: 'error', object: { kind: 'Pod', name: 'p' }, path: ['kind'], detail: { problem: 'must be Pod', found: 'Deployment' } },
  'one-daemonset': { rule: 'one-daemonset', severity: 'error', object: chart, measured: 2, limit: 1, detail: { found: ['rel-a (c/templates/a.yaml)', 'rel-b (c/templates/b.yaml)'] } },
  'release-name': { rule: 'release-name', severity: 'error', object: { kind: 'ConfigMap', namespace: 'dpf', name: 'config' }, path: ['metadata', 'name'], template: 'c/templates/cm.yaml', detail: { release: 'rel', value: 'config' } },
  'doca-version': { rule: 'doca-version', severity: 'error', object: chart, path: ['annotations', 'dpu.nvidia.com/doca-version'], measured: 'latest', detail: { problem: 'invalid', reason: 'improper constraint: latest' } },
  'dpf-annotation': { rule: 'dpf-annotation', severity: 'warning', object: chart, path: ['annotations', 'dpu.nvidia.com/bfb'], detail: { key: 'dpu.nvidia.com/bfb' } },
  'image-pull-secrets': { rule: 'image-pull-secrets', severity: 'warning', object: { kind: 'DaemonSet' }, template: 'c/templates/ds.yaml', path: ['spec', 'template', 'spec', 'imagePullSecrets'] },
  'exposed-service-traffic-policy': { rule: 'exposed-service-traffic-policy', severity: 'warning', object: { kind: 'Service', name: 'rel-svc' }, template: 'c/templates/svc.yaml', path: ['spec', 'externalTrafficPolicy'], measured: 'Cluster', limit: 'Local' },
  'exposed-ports-default': { rule: 'exposed-ports-default', severity: 'warning', object: chart, path: ['exposedPorts', 'ports', 'grpc'], measured: 'true', limit: 'false', detail: { problem: 'enabled by default' } },
  'crds-location': { rule: 'crds-location', severity: 'warning', object: { kind: 'CustomResourceDefinition' }, template: 'c/templates/crd.yaml' },
  'arm64-image': { rule: 'arm64-image', severity: 'warning', object: ds, template: 'c/templates/ds.yaml', path: ['spec', 'template', 'spec', 'containers'], measured: 'nvcr.io/x/svc:1', detail: { images: ['nvcr.io/x/svc:1'] } },
  'chart-render': { rule: 'chart-render', severity: 'error', object: chart, detail: { error: 'template: c/templates/ds.yaml:3:4: executing "c/templates/ds.yaml" at <.Values.x.y>: nil pointer evaluating interface {}.y' } },
  'chart-unavailable': { rule: 'chart-unavailable', severity: 'error', object: svc, path: ['spec', 'helmChart', 'source'], detail: { source: 'https://charts.example.com svc-chart 0.1.0', reason: 'timed out after 2000 ms' } },
  'dpuservice-spec': { rule: 'dpuservice-spec', severity: 'error', object: svc, path: ['spec', 'serviceID'], detail: { problem: 'must be set when spec.interfaces is set' } },
  'dpuservice-source': { rule: 'dpuservice-source', severity: 'error', object: svc, path: ['spec', 'helmChart', 'source', 'repoURL'], detail: { problem: 'must match oci://... or https://...', found: '"http://x"' } },
  'dpuservice-config-ports': { rule: 'dpuservice-config-ports', severity: 'error', object: svc, path: ['spec', 'configPorts', 'ports', 1, 'nodePort'], detail: { problem: 'must be between 30000 and 32767', found: '8080' } },
  'dpuservice-interfaces': { rule: 'dpuservice-interfaces', severity: 'error', object: svc, path: ['spec', 'interfaces', 0], detail: { problem: 'must match a DNS-1123 name (lowercase letters, digits, - and .)', found: '"P0"' } },
  'dpuservice-daemonset': { rule: 'dpuservice-daemonset', severity: 'error', object: svc, path: ['spec', 'serviceDaemonSet', 'labels', 'tier'], detail: { problem: 'must be a string (quote it)', found: '1' } },
  'unknown-field': { rule: 'unknown-field', severity: 'warning', object: svc, path: ['spec', 'serviceDeamonSet'], detail: { known: ['helmChart', 'serviceID'] } },
  'extension-service-spec': { rule: 'extension-service-spec', severity: 'error', object: ext, path: ['data'], detail: { problem: 'is missing' } },
  'extension-service-type': { rule: 'extension-service-type', severity: 'error', object: ext, path: ['serviceType'], measured: 'Helm', limit: 'KubernetesPod' },
  'extension-service-credentials': { rule: 'extension-service-credentials', severity: 'error', object: ext, path: ['credentials', 'registryUrl'], detail: { problem: 'must not end with / (it is an image prefix)', found: '"nvcr.io/x/"' } },
  'extension-service-name-unique': { rule: 'extension-service-name-unique', severity: 'error', object: { kind: 'DpuExtensionService', name: 'TELEMETRY' }, path: ['name'], file: 'b.yaml', line: 3, detail: { other: 'telemetry', otherAt: 'a.yaml:1' } },
  'extension-service-registry-conflict': { rule: 'extension-service-registry-conflict', severity: 'error', object: ext, path: ['credentials', 'registryUrl'], measured: 'nvcr.io/nvforge/team', detail: { otherUrl: 'nvcr.io/nvforge', other: 'agent', otherAt: 'a.yaml' } },
  'deployment-template': { rule: 'deployment-template', severity: 'error', object: { kind: 'DPUServiceTemplate', name: 'hbn' }, path: ['spec', 'deploymentServiceName'], detail: { problem: 'must be at most 28 characters', found: '30 characters' } },
  'deployment-configuration': { rule: 'deployment-configuration', severity: 'error', object: { kind: 'DPUServiceConfiguration', name: 'hbn' }, path: ['spec', 'interfaces'], detail: { problem: 'interfaces are not supported when deploying in cluster' } },
  'deployment-spec': { rule: 'deployment-spec', severity: 'error', object: { kind: 'DPUDeployment', name: 'a-very-long-deployment-name' }, path: ['metadata', 'name'], detail: { problem: "name length can't be bigger than 20 chars", found: '27 characters' } },
  'deployment-references': { rule: 'deployment-references', severity: 'error', object: { kind: 'DPUDeployment', namespace: 'ns', name: 'ovn-hbn' }, path: ['spec', 'services', 'hbn', 'serviceTemplate'], detail: { problem: 'error while getting svc.dpu.nvidia.com/v1alpha1, Kind=DPUServiceTemplate ns/hbn: not found in the app directory' } },
  'deployment-version': { rule: 'deployment-version', severity: 'error', object: { kind: 'DPUDeployment', namespace: 'ns', name: 'ovn-hbn' }, path: ['spec', 'dpus', 'bfb'], detail: { problem: "version constraint for 'dpu.nvidia.com/doca-version' found in DPUServiceTemplate 'hbn' is not satisfied by the version '2.8.0' found in the given BFB", from: 'BFB ns/bf-bundle spec.versions.doca', template: 'hbn' } },
  'manifest-parse': { rule: 'manifest-parse', severity: 'error', object: { kind: 'File' }, file: 'x.yaml', line: 3, detail: { error: 'Nested mappings are not allowed in compact mappings' } },
  'helm-lint': { rule: 'helm-lint', severity: 'warning', object: { kind: 'Chart', name: 'demo' }, file: 'demo/templates/svc.yaml', line: 4, detail: { message: 'object name does not conform to Kubernetes naming requirements: "a.b"' } },
  'kube-schema': { rule: 'kube-schema', severity: 'error', object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, path: ['spec', 'replicas'], template: 'demo/templates/deploy.yaml', detail: { message: 'expected integer, but got string' } },
};
