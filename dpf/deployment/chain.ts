/**
 * The DPUServiceChain a DPUDeployment generates from `spec.serviceChains`
 * (generateDPUServiceChain, convertToSFCSwitch, withResolvedSwitchesServiceIDs,
 * calculateDPUServiceChainVersionDigest in dpudeployment_controller_dpuservicechain.go):
 * each `service` port becomes a serviceInterface matching the service's serviceID and interface
 * name (its ipam kept), `serviceInterface` ports are copied; the version digest hashes the
 * switches with service names replaced by their serviceIDs; name `<dpudeployment>-<5 chars>`.
 */
import type { JsonObject } from '../dpuservice.js';
import { sortedKeys, type GoJson } from '../go-json.js';
import { SERVICE_ID_LABEL } from '../values.js';
import { shortDigest } from './digest.js';
import { DPUSERVICE_API_VERSION } from './service.js';
import { aggregatedDpuClusterSelector, CHAIN_VERSION_KEY, INTERFACE_NAME_LABEL, labelSelectorWithOwner, OWNER_LABEL, ownerValue } from './selectors.js';
import { deterministicSuffix } from './suffix.js';
import { DPUSERVICE_CHAIN_KIND, type DeploymentSwitch, type DpuDeployment } from './types.js';

/** ServiceIfc as written: matchLabels first, other fields after in sorted order. */
function serviceIfcJson(si: JsonObject): GoJson {
  const out: JsonObject = {};
  if (si.matchLabels !== undefined) out.matchLabels = sortedKeys(si.matchLabels as GoJson);
  for (const k of Object.keys(si).sort()) if (k !== 'matchLabels') out[k] = sortedKeys(si[k] as GoJson);
  return out;
}

/** []DPUDeploymentSwitch with each service name replaced by its serviceID, as Go encodes it. */
export function resolvedSwitchesJson(switches: readonly DeploymentSwitch[], serviceIDs: ReadonlyMap<string, string>): GoJson {
  return switches.map((sw) => {
    const out: JsonObject = {
      ports: sw.ports.map((p) => {
        const port: JsonObject = {};
        if (p.service) {
          const s: JsonObject = { name: serviceIDs.get(p.service.name) ?? p.service.name, interface: p.service.interface };
          if (p.service.ipam) s.ipam = sortedKeys(p.service.ipam);
          port.service = s;
        }
        if (p.serviceInterface) port.serviceInterface = serviceIfcJson(p.serviceInterface);
        return port;
      }),
    };
    if (sw.serviceMTU !== undefined) out.serviceMTU = sw.serviceMTU;
    return out;
  });
}

/** convertToSFCSwitch. */
function sfcSwitch(sw: DeploymentSwitch, serviceIDs: ReadonlyMap<string, string>): JsonObject {
  const out: JsonObject = {
    ports: sw.ports.map((p) => {
      if (p.service) {
        const si: JsonObject = { matchLabels: { [SERVICE_ID_LABEL]: serviceIDs.get(p.service.name) ?? '', [INTERFACE_NAME_LABEL]: p.service.interface } };
        if (p.service.ipam) si.ipam = p.service.ipam;
        return { serviceInterface: si };
      }
      return { serviceInterface: p.serviceInterface ?? {} };
    }),
  };
  if (sw.serviceMTU !== undefined) out.serviceMTU = sw.serviceMTU;
  return out;
}

export interface GeneratedChain {
  name: string;
  versionDigest: string;
  object: JsonObject;
}

/** generateDPUServiceChain (with the node selector of a new revision). */
export function generateDPUServiceChain(d: DpuDeployment, serviceIDs: ReadonlyMap<string, string>): GeneratedChain | undefined {
  const chains = d.serviceChains;
  if (!chains) return undefined;
  const versionDigest = shortDigest(10, resolvedSwitchesJson(chains.switches, serviceIDs));
  const name = `${d.name}-${deterministicSuffix('DPUServiceChain', d.namespace, d.name, chains.applyNodeEffect ? versionDigest : '')}`;
  const spec: JsonObject = {};
  const clusterSelector = aggregatedDpuClusterSelector(d.dpuSets);
  if (clusterSelector !== undefined) spec.dpuClusterSelector = clusterSelector;
  spec.template = {
    spec: {
      nodeSelector: labelSelectorWithOwner(CHAIN_VERSION_KEY, name, d),
      template: { spec: { switches: chains.switches.map((sw) => sfcSwitch(sw, serviceIDs)) } },
    },
  };
  const object: JsonObject = {
    apiVersion: DPUSERVICE_API_VERSION,
    kind: DPUSERVICE_CHAIN_KIND,
    metadata: { name, namespace: d.namespace, labels: { [OWNER_LABEL]: ownerValue(d) }, annotations: { [CHAIN_VERSION_KEY]: versionDigest } },
    spec,
  };
  return { name, versionDigest, object };
}
