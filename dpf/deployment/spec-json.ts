/**
 * DPUServiceConfigurationSpec and DPUServiceTemplateSpec as Go's encoding/json writes them
 * (field order of the Go structs, omitempty as tagged, maps with sorted keys, RawExtension
 * values compact with sorted keys as the API server stores them, quantities canonical), for
 * `calculateDPUServiceVersionDigest`. Defaults the CRD applies on admission are applied here
 * too (configPorts.serviceType NodePort), because DPF hashes the stored object.
 */
import type { JsonObject } from '../dpuservice.js';
import { sortedKeys, type GoJson } from '../go-json.js';
import { canonicalQuantity } from '../quantity.js';
import type { DpuServiceConfiguration, DpuServiceTemplate } from './types.js';

function obj(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/** A map[string]string, keys sorted; undefined when empty (omitempty). */
function stringMapJson(v: unknown): GoJson | undefined {
  const o = obj(v);
  if (!o || Object.keys(o).length === 0) return undefined;
  return sortedKeys(Object.fromEntries(Object.entries(o).map(([k, x]) => [k, typeof x === 'string' ? x : String(x)])));
}

/** corev1.ResourceList: sorted keys, canonical quantities; undefined when empty. */
export function resourceListJson(v: unknown): GoJson | undefined {
  const o = obj(v);
  if (!o || Object.keys(o).length === 0) return undefined;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(o)) out[k] = canonicalQuantity(typeof x === 'number' ? x : String(x));
  return sortedKeys(out);
}

/** appsv1.DaemonSetUpdateStrategy {type, rollingUpdate{maxUnavailable, maxSurge}} (omitempty). */
export function updateStrategyJson(v: unknown): GoJson | undefined {
  const us = obj(v);
  if (!us) return undefined;
  const out: JsonObject = {};
  if (typeof us.type === 'string' && us.type !== '') out.type = us.type;
  const ru = obj(us.rollingUpdate);
  if (ru) {
    const r: JsonObject = {};
    for (const k of ['maxUnavailable', 'maxSurge']) if (typeof ru[k] === 'number' || typeof ru[k] === 'string') r[k] = ru[k] as GoJson;
    out.rollingUpdate = r;
  }
  return out;
}

/** DPUServiceConfigurationServiceDaemonSetValues: updateStrategy, labels, annotations, resources. */
function configDaemonSetJson(sds: JsonObject): GoJson {
  const out: JsonObject = {};
  const us = updateStrategyJson(sds.updateStrategy);
  if (us !== undefined) out.updateStrategy = us;
  const labels = stringMapJson(sds.labels);
  if (labels !== undefined) out.labels = labels;
  const annotations = stringMapJson(sds.annotations);
  if (annotations !== undefined) out.annotations = annotations;
  const res = resourceListJson(sds.resources);
  if (res !== undefined) out.resources = res;
  return out;
}

/** ConfigPorts {serviceType (default NodePort), ports[{name, port, protocol, nodePort}]}. */
export function configPortsJson(cp: JsonObject): GoJson {
  const ports = Array.isArray(cp.ports)
    ? cp.ports.map((p) => {
        const o = obj(p) ?? {};
        const port: JsonObject = { name: typeof o.name === 'string' ? o.name : '', port: typeof o.port === 'number' ? o.port : 0, protocol: typeof o.protocol === 'string' ? o.protocol : '' };
        if (typeof o.nodePort === 'number') port.nodePort = o.nodePort;
        return port;
      })
    : null;
  return { serviceType: typeof cp.serviceType === 'string' && cp.serviceType !== '' ? cp.serviceType : 'NodePort', ports };
}

/** A RawExtension as the API server hands it back: JSON with sorted keys. */
function rawJson(v: JsonObject): GoJson {
  return sortedKeys(v);
}

/**
 * `specForDigest{DPUServiceConfigurationSpec, UpgradePolicy struct{}}`: the embedded spec's
 * fields, then the shadowing `"upgradePolicy":{}` (the outer field sorts after the embedded ones).
 */
export function configurationSpecForDigest(c: DpuServiceConfiguration): GoJson {
  const helmChart: JsonObject = {};
  if (c.values !== undefined) helmChart.values = rawJson(c.values);
  const sc: JsonObject = { helmChart };
  if (c.serviceDaemonSet !== undefined) sc.serviceDaemonSet = configDaemonSetJson(c.serviceDaemonSet);
  if (c.deployInCluster !== undefined) sc.deployInCluster = c.deployInCluster;
  if (c.configPorts !== undefined) sc.configPorts = configPortsJson(c.configPorts);
  const out: JsonObject = { deploymentServiceName: c.deploymentServiceName, serviceConfiguration: sc };
  if (c.interfaces !== undefined && c.interfaces.length > 0) {
    out.interfaces = c.interfaces.map((i) => ({ name: i.name, network: i.network, ...(i.virtualNetwork !== undefined ? { virtualNetwork: i.virtualNetwork } : {}) }));
  }
  out.upgradePolicy = {};
  return out;
}

/** ApplicationSource {repoURL, path (no omitempty), version, chart, releaseName}. */
export function applicationSourceJson(t: Pick<DpuServiceTemplate, 'source'>): JsonObject {
  const s = t.source;
  const out: JsonObject = { repoURL: s.repoURL, path: s.path ?? '', version: s.version };
  if (s.chart) out.chart = s.chart;
  if (s.releaseName) out.releaseName = s.releaseName;
  return out;
}

/** DPUServiceTemplateSpec {deploymentServiceName, helmChart{source, values}, resourceRequirements, security}. */
export function templateSpecForDigest(t: DpuServiceTemplate): GoJson {
  const helmChart: JsonObject = { source: applicationSourceJson(t) };
  if (t.values !== undefined) helmChart.values = rawJson(t.values);
  const out: JsonObject = { deploymentServiceName: t.deploymentServiceName, helmChart };
  const rr = resourceListJson(t.resourceRequirements);
  if (rr !== undefined) out.resourceRequirements = rr;
  if (t.hasSecurity) out.security = t.privileged === undefined ? {} : { privileged: t.privileged };
  return out;
}
