/**
 * One DPUService of a DPUDeployment, as generateDPUService / generateDPUServiceDaemonSetValues /
 * calculateDPUServiceVersionDigest / getServiceID (dpudeployment_controller_dpuservice.go) and
 * reconcileNewDPUServiceRevision (its node selector) build it. The result is the DPUService
 * object as JSON, in Go field order, so it takes the same path as a DPUService written by hand.
 */
import { mergeTables } from '../../helm/chart/coalesce.js';
import type { GoMap } from '../../helm/template/value.js';
import { DPUSERVICE_KIND, type JsonObject } from '../dpuservice.js';
import type { GoJson } from '../go-json.js';
import { fromGo, toGo } from '../values.js';
import { shortDigest } from './digest.js';
import {
  aggregatedDpuClusterSelector,
  DEPLOYMENT_SERVICE_LABEL,
  DPUSERVICE_VERSION_ANNOTATION,
  inClusterNodeSelector,
  inClusterVersionLabelKey,
  nodeSelectorWithOwner,
  OWNER_LABEL,
  ownerValue,
  versionLabelKey,
} from './selectors.js';
import { configPortsJson, configurationSpecForDigest, resourceListJson, templateSpecForDigest, updateStrategyJson } from './spec-json.js';
import { deterministicSuffix } from './suffix.js';
import type { DpuDeployment, DpuServiceConfiguration, DpuServiceTemplate } from './types.js';

export const DPUSERVICE_API_VERSION = 'svc.dpu.nvidia.com/v1alpha1';
/** privilegedDefaultForUnsetSecurity (true until DPF flips it, "after v26.7"). */
export const PRIVILEGED_DEFAULT = true;

/** calculateDPUServiceVersionDigest: Short(FromObjects(configuration spec w/o upgradePolicy, template spec), 10). */
export function calculateDPUServiceVersionDigest(c: DpuServiceConfiguration, t: DpuServiceTemplate): string {
  return shortDigest(10, configurationSpecForDigest(c), templateSpecForDigest(t));
}

/** getServiceID: `<dpudeployment>_<service>_<versionDigest>`. */
export function getServiceID(d: Pick<DpuDeployment, 'name'>, service: string, versionDigest: string): string {
  return `${d.name}_${service}_${versionDigest}`;
}

/**
 * The name of the DPUService revision: `<service>-<5 chars>`. DPF keeps a revision's name while
 * its version digest is unchanged, and creates a new revision (new name) on a change unless the
 * configuration's upgradePolicy.applyNodeEffect is false; the derived suffix follows that.
 */
export function dpuServiceName(d: DpuDeployment, service: string, c: DpuServiceConfiguration, versionDigest: string): string {
  return `${service}-${deterministicSuffix('DPUService', d.namespace, d.name, service, c.applyNodeEffect ? versionDigest : '')}`;
}

/** True when the configuration deploys on the host cluster (ShouldDeployInCluster). */
export function deploysInCluster(c: DpuServiceConfiguration): boolean {
  return c.deployInCluster === true;
}

/** The node label DPF's DPUSets put on the DPU nodes for this service's revision. */
export function serviceNodeLabel(d: DpuDeployment, service: string, c: DpuServiceConfiguration, dpuServiceName: string): [string, string] {
  return [deploysInCluster(c) ? inClusterVersionLabelKey(d, service) : versionLabelKey(service), dpuServiceName];
}

/**
 * generateDPUServiceDaemonSetValues plus the node selector: ServiceDaemonSetValues in Go order
 * (nodeSelector, updateStrategy, labels, annotations, resources), labels = the configuration's
 * plus `svc.dpu.nvidia.com/dpudeployment-service: <service>`.
 */
export function generateDPUServiceDaemonSetValues(service: string, sds: JsonObject | undefined, nodeSelector: JsonObject): JsonObject {
  const out: JsonObject = { nodeSelector };
  const us = updateStrategyJson(sds?.updateStrategy);
  if (us !== undefined) out.updateStrategy = us;
  const labels: JsonObject = {};
  const given = sds?.labels;
  if (typeof given === 'object' && given !== null && !Array.isArray(given)) Object.assign(labels, given);
  labels[DEPLOYMENT_SERVICE_LABEL] = service;
  out.labels = labels;
  const annotations = sds?.annotations;
  if (typeof annotations === 'object' && annotations !== null && !Array.isArray(annotations) && Object.keys(annotations).length > 0) out.annotations = annotations;
  const res = resourceListJson(sds?.resources);
  if (res !== undefined) out.resources = res;
  return out;
}

/** `utils.MergeMaps(configuration values, template values)`: the configuration wins key by key. */
export function mergeServiceValues(config: JsonObject | undefined, template: JsonObject | undefined, warn: (m: string) => void = () => {}): JsonObject | undefined {
  if (config === undefined && template === undefined) return undefined;
  const merged = mergeTables(config === undefined ? null : (toGo(config) as GoMap), template === undefined ? null : (toGo(template) as GoMap), warn);
  return merged === null ? undefined : (fromGo(merged) as JsonObject);
}

export interface GeneratedDpuService {
  name: string;
  versionDigest: string;
  serviceID: string;
  object: JsonObject;
}

/**
 * generateDPUService for one service key. `interfaceNames` are the DPUServiceInterface names of
 * the configuration's interfaces (sorted into spec.interfaces, as DPF does).
 */
export function generateDPUService(d: DpuDeployment, service: string, c: DpuServiceConfiguration, t: DpuServiceTemplate, interfaceNames: readonly string[], warn?: (m: string) => void): GeneratedDpuService {
  const versionDigest = calculateDPUServiceVersionDigest(c, t);
  const name = dpuServiceName(d, service, c, versionDigest);
  const serviceID = getServiceID(d, service, versionDigest);
  const inCluster = deploysInCluster(c);
  const nodeSelector = inCluster ? inClusterNodeSelector(inClusterVersionLabelKey(d, service), name, d.dpuSets) : nodeSelectorWithOwner(versionLabelKey(service), name, d);
  const spec: JsonObject = {};
  const clusterSelector = inCluster ? undefined : aggregatedDpuClusterSelector(d.dpuSets);
  if (clusterSelector !== undefined) spec.dpuClusterSelector = clusterSelector;
  const helmChart: JsonObject = { source: sourceJson(t) };
  const values = mergeServiceValues(c.values, t.values, warn);
  if (values !== undefined) helmChart.values = values;
  spec.helmChart = helmChart;
  spec.serviceID = serviceID;
  spec.serviceDaemonSet = generateDPUServiceDaemonSetValues(service, c.serviceDaemonSet, nodeSelector);
  if (c.deployInCluster !== undefined) spec.deployInCluster = c.deployInCluster;
  if (interfaceNames.length > 0) spec.interfaces = [...interfaceNames].sort();
  if (c.configPorts !== undefined) spec.configPorts = configPortsJson(c.configPorts);
  if (!inCluster) spec.security = { privileged: t.privileged ?? PRIVILEGED_DEFAULT };
  const object: JsonObject = {
    apiVersion: DPUSERVICE_API_VERSION,
    kind: DPUSERVICE_KIND,
    metadata: {
      name,
      namespace: d.namespace,
      labels: { [OWNER_LABEL]: ownerValue(d), [DEPLOYMENT_SERVICE_LABEL]: service },
      annotations: { [DPUSERVICE_VERSION_ANNOTATION]: versionDigest },
    },
    spec,
  };
  return { name, versionDigest, serviceID, object };
}

/** helmChart.source as the DPUService carries it (the template's, fields that are set). */
function sourceJson(t: DpuServiceTemplate): GoJson {
  const s = t.source;
  const out: JsonObject = { repoURL: s.repoURL };
  if (s.path !== undefined && s.path !== '') out.path = s.path;
  out.version = s.version;
  if (s.chart) out.chart = s.chart;
  if (s.releaseName) out.releaseName = s.releaseName;
  return out;
}
