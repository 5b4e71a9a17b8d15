/**
 * deployment-template: a DPUServiceTemplate as DPF's CRD validates it
 * (api/dpuservice/v1alpha1/dpuservicetemplate_types.go, dpf.md §1.2): deploymentServiceName
 * 1..28 characters, helmChart (checked by dpuservice-source, the same HelmChart type),
 * resourceRequirements a ResourceList, security.privileged a boolean.
 */
import { checkDpuServiceSource } from './dpuservice-source.js';
import { FieldReporter, unknownFields } from '../field-check.js';
import { field, objectRefOf } from '../json.js';
import type { Finding, RuleSpec } from '../types.js';
import { checkObjectHead, checkResourceList, SVC_API_VERSION } from './deployment-shared.js';

export const deploymentTemplateRule: RuleSpec = {
  id: 'deployment-template',
  severity: 'error',
  summary: 'A DPUServiceTemplate has deploymentServiceName (1-28), helmChart, resourceRequirements and security as DPF\'s CRD requires.',
  fix: 'change {{field}} to satisfy the DPUServiceTemplate API (svc.dpu.nvidia.com/v1alpha1)',
};

export function checkDeploymentTemplate(object: unknown): Finding[] {
  const ref = objectRefOf(object, 'DPUServiceTemplate');
  const r = new FieldReporter('deployment-template', ref);
  const spec = checkObjectHead(r, object, SVC_API_VERSION);
  if (!spec) return r.findings;
  r.string(['spec', 'deploymentServiceName'], field(spec, 'deploymentServiceName'), { required: true, maxLength: 28 });
  checkResourceList(r, ['spec', 'resourceRequirements'], field(spec, 'resourceRequirements'));
  const security = r.mapping(['spec', 'security'], field(spec, 'security'));
  if (security) r.boolean(['spec', 'security', 'privileged'], field(security, 'privileged'));
  return [
    ...r.findings,
    ...checkDpuServiceSource(object),
    ...unknownFields(spec, ['deploymentServiceName', 'helmChart', 'resourceRequirements', 'security'], ['spec'], ref),
    ...unknownFields(security, ['privileged'], ['spec', 'security'], ref),
  ];
}
