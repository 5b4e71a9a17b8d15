/**
 * deployment-references: what a DPUDeployment names must resolve among the objects checked with
 * it (getDependencies, servicesTopologicalSort, resolveSwitchesServiceIDs in DPF's controller):
 * each service's DPUServiceTemplate and DPUServiceConfiguration exist in its namespace and name
 * the service key as deploymentServiceName; dependsOn names other services without a cycle;
 * serviceChains ports name services of the DPUDeployment and interfaces of their configuration.
 * A BFB or DPUFlavor outside the checked objects is a warning (it may live elsewhere).
 */
import { getDependencies, servicesTopologicalSort, type DeploymentDependencies, type DeploymentInputs } from '../../dpf/deployment/dependencies.js';
import type { DpuDeployment } from '../../dpf/deployment/types.js';
import type { Finding, ObjectRef, RuleSpec } from '../types.js';

export const deploymentReferencesRule: RuleSpec = {
  id: 'deployment-references',
  severity: 'error',
  summary: 'What a DPUDeployment names (templates, configurations, dependsOn, service chain ports) exists and matches its service keys.',
  fix: 'add the object, or change {{field}} to name one that exists with deploymentServiceName equal to the service key',
};

export function deploymentRef(d: DpuDeployment): ObjectRef {
  return { apiVersion: 'svc.dpu.nvidia.com/v1alpha1', kind: 'DPUDeployment', namespace: d.namespace, name: d.name };
}

/** The findings and the dependencies that did resolve. */
export function checkDeploymentReferences(d: DpuDeployment, inputs: DeploymentInputs): { deps: DeploymentDependencies; findings: Finding[] } {
  const object = deploymentRef(d);
  const findings: Finding[] = [];
  const push = (severity: 'error' | 'warning', path: (string | number)[], problem: string) => findings.push({ rule: 'deployment-references', severity, object, path, detail: { problem } });
  const { deps, problems } = getDependencies(d, inputs);
  for (const p of problems) push(p.severity, p.path, p.message);
  const sorted = servicesTopologicalSort(d);
  if (sorted instanceof Error) push('error', ['spec', 'services'], `failed to sort DPUService: ${sorted.message}`);
  d.serviceChains?.switches.forEach((sw, i) => {
    sw.ports.forEach((port, j) => {
      if (!port.service) return;
      const path = ['spec', 'serviceChains', 'switches', i, 'ports', j, 'service'];
      if (!d.services.has(port.service.name)) return push('error', [...path, 'name'], `service ${port.service.name} is not defined in the DPUDeployment's services`);
      const conf = deps.configurations.get(port.service.name);
      if (conf && !(conf.interfaces ?? []).some((x) => x.name === port.service!.interface)) {
        push('error', [...path, 'interface'], `interface ${port.service.interface} is not among the interfaces of DPUServiceConfiguration ${conf.namespace}/${conf.name}`);
      }
    });
  });
  return { deps, findings };
}
