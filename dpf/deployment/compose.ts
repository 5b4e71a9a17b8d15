/**
 * A DPUDeployment composed into the objects DPF's controller would create (reconcile in
 * dpudeployment_controller.go, first revision of each child): services in dependency order
 * (dependsOn values rendered with the names of the services before them), each service's
 * DPUServiceInterfaces and DPUService, the DPUServiceChain, and the labels its DPUSets put on
 * the DPU nodes they pick (owner, one version label per service, the chain version).
 */
import type { JsonObject } from '../dpuservice.js';
import { servicesTopologicalSort, type DeploymentDependencies } from './dependencies.js';
import { DependsOnTemplateError, renderDependsOnValues } from './depends-on.js';
import { dpuServiceInterfaceName, generateDPUServiceInterface } from './interfaces.js';
import { generateDPUServiceChain } from './chain.js';
import { CHAIN_VERSION_KEY, OWNER_LABEL, ownerValue } from './selectors.js';
import { calculateDPUServiceVersionDigest, generateDPUService, getServiceID, serviceNodeLabel } from './service.js';
import type { DpuDeployment, DpuServiceConfiguration, DpuServiceTemplate } from './types.js';

export interface ComposedService {
  /** The key in spec.services. */
  service: string;
  template: DpuServiceTemplate;
  /** The configuration, with dependsOn values already rendered. */
  configuration: DpuServiceConfiguration;
  name: string;
  versionDigest: string;
  serviceID: string;
  /** The DPUService object. */
  dpuService: JsonObject;
  /** Its DPUServiceInterface objects, in the configuration's order. */
  interfaces: JsonObject[];
}

export interface ComposedDeployment {
  deployment: DpuDeployment;
  /** In dependency order. */
  services: ComposedService[];
  chain?: JsonObject;
  /** What the DPUSets' `cluster.nodeLabels` hold: owner, version labels, chain version. */
  nodeLabels: Record<string, string>;
}

export interface CompositionProblem {
  service?: string;
  path: (string | number)[];
  message: string;
}

/** Composes a DPUDeployment whose dependencies all resolved. */
export function composeDeployment(d: DpuDeployment, deps: DeploymentDependencies, warn?: (m: string) => void): { composed?: ComposedDeployment; problems: CompositionProblem[] } {
  const sorted = servicesTopologicalSort(d);
  if (sorted instanceof Error) return { problems: [{ path: ['spec', 'services'], message: `failed to sort DPUService: ${sorted.message}` }] };
  const problems: CompositionProblem[] = [];
  const names = new Map<string, { name: string; namespace: string }>();
  const services: ComposedService[] = [];
  const nodeLabels: Record<string, string> = { [OWNER_LABEL]: ownerValue(d) };
  for (const service of sorted) {
    const template = deps.templates.get(service);
    let configuration = deps.configurations.get(service);
    if (!template || !configuration) continue;
    const dependsOn = d.services.get(service)!.dependsOn;
    if (dependsOn.length > 0 && configuration.values !== undefined) {
      try {
        configuration = { ...configuration, values: renderDependsOnValues(configuration.values, dependsOn, names, configuration.annotations) };
      } catch (err) {
        if (!(err instanceof DependsOnTemplateError)) throw err;
        problems.push({ service, path: ['spec', 'services', service, 'dependsOn'], message: `failed to template DPUService ${service}: ${err.message}` });
        continue;
      }
    }
    const versionDigest = calculateDPUServiceVersionDigest(configuration, template);
    const serviceID = getServiceID(d, service, versionDigest);
    const ifaceNames = (configuration.interfaces ?? []).map((i) => dpuServiceInterfaceName(d, service, i, configuration!, versionDigest));
    const generated = generateDPUService(d, service, configuration, template, ifaceNames, warn);
    const interfaces = (configuration.interfaces ?? []).map((i, n) => generateDPUServiceInterface(d, service, i, configuration!, ifaceNames[n]!, serviceID, versionDigest, generated.name));
    const [labelKey, labelValue] = serviceNodeLabel(d, service, configuration, generated.name);
    nodeLabels[labelKey] = labelValue;
    names.set(service, { name: generated.name, namespace: d.namespace });
    services.push({ service, template, configuration, name: generated.name, versionDigest, serviceID, dpuService: generated.object, interfaces });
  }
  if (problems.length > 0) return { problems };
  const composed: ComposedDeployment = { deployment: d, services, nodeLabels };
  if (d.serviceChains) {
    const ids = new Map(services.map((s) => [s.service, s.serviceID]));
    for (const [i, sw] of d.serviceChains.switches.entries()) {
      sw.ports.forEach((p, j) => {
        if (p.service && !ids.has(p.service.name)) {
          problems.push({ path: ['spec', 'serviceChains', 'switches', i, 'ports', j, 'service', 'name'], message: `failed to resolve service chain switches: service ${p.service.name} not found in patched services` });
        }
      });
    }
    if (problems.length > 0) return { problems };
    const chain = generateDPUServiceChain(d, ids);
    if (chain) {
      composed.chain = chain.object;
      nodeLabels[CHAIN_VERSION_KEY] = chain.name;
    }
  }
  return { composed, problems };
}
