/**
 * getDependencies (dpudeployment_controller.go) over the objects of the app directory: each
 * service's DPUServiceTemplate and DPUServiceConfiguration (same namespace as the DPUDeployment)
 * must exist and name the service key as their deploymentServiceName; the BFB and DPUFlavor are
 * looked up too, but may live outside the repository (a warning, not an error). Messages follow
 * DPF's; "not found in the app directory" stands for the API server's NotFound.
 */
import type { Bfb, DpuDeployment, DpuFlavor, DpuServiceConfiguration, DpuServiceTemplate } from './types.js';

/** The decoded inputs of one app directory, keyed `<namespace>/<name>`. */
export interface DeploymentInputs {
  templates: ReadonlyMap<string, DpuServiceTemplate>;
  configurations: ReadonlyMap<string, DpuServiceConfiguration>;
  bfbs: ReadonlyMap<string, Bfb>;
  flavors: ReadonlyMap<string, DpuFlavor>;
}

/** dpuDeploymentDependencies: per service key. */
export interface DeploymentDependencies {
  bfb?: Bfb;
  flavor?: DpuFlavor;
  templates: Map<string, DpuServiceTemplate>;
  configurations: Map<string, DpuServiceConfiguration>;
}

export interface DependencyProblem {
  severity: 'error' | 'warning';
  /** Field of the DPUDeployment the problem is about. */
  path: (string | number)[];
  message: string;
}

const SVC_GROUP_VERSION = 'svc.dpu.nvidia.com/v1alpha1';
const PROVISIONING_GROUP_VERSION = 'provisioning.dpu.nvidia.com/v1alpha1';

/** Resolves every reference; problems list what does not resolve. */
export function getDependencies(d: DpuDeployment, inputs: DeploymentInputs): { deps: DeploymentDependencies; problems: DependencyProblem[] } {
  const deps: DeploymentDependencies = { templates: new Map(), configurations: new Map() };
  const problems: DependencyProblem[] = [];
  const key = (name: string) => `${d.namespace}/${name}`;
  const notFound = (gvk: string, name: string) => `error while getting ${gvk} ${key(name)}: not found in the app directory`;
  if (d.bfb !== undefined) {
    const bfb = inputs.bfbs.get(key(d.bfb));
    if (bfb) deps.bfb = bfb;
    else problems.push({ severity: 'warning', path: ['spec', 'dpus', 'bfb'], message: `${notFound(`${PROVISIONING_GROUP_VERSION}, Kind=BFB`, d.bfb)} (versions are matched only with the doca-version parameter)` });
  }
  if (d.flavor !== undefined) {
    const flavor = inputs.flavors.get(key(d.flavor));
    if (flavor) deps.flavor = flavor;
    else problems.push({ severity: 'warning', path: ['spec', 'dpus', 'flavor'], message: notFound(`${PROVISIONING_GROUP_VERSION}, Kind=DPUFlavor`, d.flavor) });
  }
  for (const [service, ref] of d.services) {
    const t = inputs.templates.get(key(ref.serviceTemplate));
    if (!t) problems.push({ severity: 'error', path: ['spec', 'services', service, 'serviceTemplate'], message: notFound(`${SVC_GROUP_VERSION}, Kind=DPUServiceTemplate`, ref.serviceTemplate) });
    else if (t.deploymentServiceName !== service) {
      problems.push({ severity: 'error', path: ['spec', 'services', service, 'serviceTemplate'], message: `service in DPUServiceTemplate ${key(ref.serviceTemplate)} doesn't match requested service in DPUDeployment (its deploymentServiceName is ${JSON.stringify(t.deploymentServiceName)}, the service key ${JSON.stringify(service)})` });
    } else deps.templates.set(service, t);
    const c = inputs.configurations.get(key(ref.serviceConfiguration));
    if (!c) problems.push({ severity: 'error', path: ['spec', 'services', service, 'serviceConfiguration'], message: notFound(`${SVC_GROUP_VERSION}, Kind=DPUServiceConfiguration`, ref.serviceConfiguration) });
    else if (c.deploymentServiceName !== service) {
      problems.push({ severity: 'error', path: ['spec', 'services', service, 'serviceConfiguration'], message: `service in DPUServiceConfiguration ${key(ref.serviceConfiguration)} doesn't match requested service in DPUDeployment (its deploymentServiceName is ${JSON.stringify(c.deploymentServiceName)}, the service key ${JSON.stringify(service)})` });
    } else deps.configurations.set(service, c);
  }
  return { deps, problems };
}

/**
 * servicesTopologicalSort: dependencies before dependents. DPF's messages for a dependency
 * that is not a service and for a self-dependency; a cycle fails as "failed to sort Service".
 * Ties are broken by service key, so the order is stable.
 */
export function servicesTopologicalSort(d: DpuDeployment): string[] | Error {
  const keys = [...d.services.keys()].sort();
  for (const service of keys) {
    for (const dep of d.services.get(service)!.dependsOn) {
      if (!d.services.has(dep)) return new Error(`service ${service} depends on ${dep} which is not defined in the DPUDeployment`);
      if (dep === service) return new Error(`service ${service} cannot depend on itself`);
    }
  }
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < keys.length) {
    const next = keys.find((k) => !done.has(k) && d.services.get(k)!.dependsOn.every((dep) => done.has(dep)));
    if (next === undefined) {
      const cyclic = keys.filter((k) => !done.has(k));
      return new Error(`failed to sort Service: no topological ordering: the dependsOn of services ${cyclic.join(', ')} form a cycle`);
    }
    done.add(next);
    order.push(next);
  }
  return order;
}
