/**
 * The DPUServiceInterfaces a DPUDeployment generates for a configuration's `interfaces`
 * (generateDPUServiceInterface, constructCurrentDPUServiceInterfaceNamesForService,
 * reconcileNewDPUServiceInterfaceRevision in dpudeployment_controller_dpuserviceinterface.go):
 * name `<service>-<interface name, _ → ->-<5 chars>`, interfaceType service with the DPUService's
 * serviceID, the interface's network and name; DPU-side ones select the service's DPU nodes.
 */
import { DPUSERVICE_INTERFACE_KIND, type JsonObject } from '../dpuservice.js';
import { SERVICE_ID_LABEL } from '../values.js';
import { deploysInCluster, DPUSERVICE_API_VERSION } from './service.js';
import { DPUSERVICE_VERSION_ANNOTATION, INTERFACE_NAME_LABEL, labelSelectorWithOwner, OWNER_LABEL, ownerValue, versionLabelKey } from './selectors.js';
import { deterministicSuffix } from './suffix.js';
import type { DpuDeployment, DpuServiceConfiguration, ServiceInterfaceTemplate } from './types.js';

/** The interface's DPUServiceInterface name; a new revision (as for the DPUService) gets a new one. */
export function dpuServiceInterfaceName(d: DpuDeployment, service: string, iface: ServiceInterfaceTemplate, c: DpuServiceConfiguration, versionDigest: string): string {
  const suffix = deterministicSuffix('DPUServiceInterface', d.namespace, d.name, service, iface.name, c.applyNodeEffect ? versionDigest : '');
  return `${service}-${iface.name.replace(/_/g, '-')}-${suffix}`;
}

/** generateDPUServiceInterface (+ the node selector of a new revision for DPU-side services). */
export function generateDPUServiceInterface(
  d: DpuDeployment,
  service: string,
  iface: ServiceInterfaceTemplate,
  c: DpuServiceConfiguration,
  name: string,
  serviceID: string,
  versionDigest: string,
  dpuServiceName: string,
): JsonObject {
  const svcDef: JsonObject = { serviceID, network: iface.network, interfaceName: iface.name };
  if (iface.virtualNetwork !== undefined) svcDef.virtualNetwork = iface.virtualNetwork;
  const setSpec: JsonObject = {};
  if (!deploysInCluster(c)) setSpec.nodeSelector = labelSelectorWithOwner(versionLabelKey(service), dpuServiceName, d);
  setSpec.template = {
    metadata: { labels: { [SERVICE_ID_LABEL]: serviceID, [INTERFACE_NAME_LABEL]: iface.name } },
    spec: { interfaceType: 'service', service: svcDef },
  };
  return {
    apiVersion: DPUSERVICE_API_VERSION,
    kind: DPUSERVICE_INTERFACE_KIND,
    metadata: {
      name,
      namespace: d.namespace,
      labels: { [OWNER_LABEL]: ownerValue(d) },
      annotations: { [DPUSERVICE_VERSION_ANNOTATION]: versionDigest },
    },
    spec: { template: { spec: setSpec } },
  };
}
