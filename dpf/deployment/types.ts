/**
 * The typed view of DPF's DPUDeployment inputs (`svc.dpu.nvidia.com/v1alpha1` DPUServiceTemplate,
 * DPUServiceConfiguration, DPUDeployment; `provisioning.dpu.nvidia.com/v1alpha1` BFB and
 * DPUFlavor; dpf.md §1.2-1.4). Decoding (decode.ts) happens after the contract's deployment-*
 * rules passed, so these carry only valid shapes. Field comments name the Go field they mirror
 * (api/dpuservice/v1alpha1/*_types.go of doca-platform).
 */
import type { ChartSourceSpec, JsonObject, SourceLocation } from '../dpuservice.js';

export const DPUSERVICE_TEMPLATE_KIND = 'DPUServiceTemplate';
export const DPUSERVICE_CONFIGURATION_KIND = 'DPUServiceConfiguration';
export const DPUDEPLOYMENT_KIND = 'DPUDeployment';
export const DPUSERVICE_CHAIN_KIND = 'DPUServiceChain';
export const PROVISIONING_API_GROUP = 'provisioning.dpu.nvidia.com';
export const BFB_KIND = 'BFB';
export const DPUFLAVOR_KIND = 'DPUFlavor';

/**
 * True for the inputs this module reads: the svc.dpu.nvidia.com templates, configurations and
 * deployments, the provisioning.dpu.nvidia.com BFBs and DPUFlavors (any version). They are
 * inputs only, never emitted to the DPU cluster's stream.
 */
export function isDeploymentInput(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const o = value as JsonObject;
  const group = typeof o.apiVersion === 'string' ? o.apiVersion.split('/')[0] : '';
  if (o.kind === DPUSERVICE_TEMPLATE_KIND || o.kind === DPUSERVICE_CONFIGURATION_KIND || o.kind === DPUDEPLOYMENT_KIND) return group === 'svc.dpu.nvidia.com';
  return (o.kind === BFB_KIND || o.kind === DPUFLAVOR_KIND) && group === PROVISIONING_API_GROUP;
}

/** What every decoded input carries. */
export interface InputMeta {
  name: string;
  namespace: string;
  annotations: Record<string, string>;
  location: SourceLocation;
}

/** DPUServiceTemplateSpec. */
export interface DpuServiceTemplate extends InputMeta {
  deploymentServiceName: string;
  /** helmChart.source, as written (Go struct order: repoURL, path, version, chart, releaseName). */
  source: ChartSourceSpec;
  /** helmChart.values (RawExtension), or undefined. */
  values?: JsonObject;
  /** resourceRequirements (corev1.ResourceList), as written. */
  resourceRequirements?: JsonObject;
  /** security.privileged; undefined when security or privileged is unset. */
  privileged?: boolean;
  /** security given at all (`security: {}` marshals as `"security":{}`). */
  hasSecurity: boolean;
}

/** ServiceInterfaceTemplate. */
export interface ServiceInterfaceTemplate {
  name: string;
  network: string;
  virtualNetwork?: string;
}

/** DPUServiceConfigurationSpec. */
export interface DpuServiceConfiguration extends InputMeta {
  deploymentServiceName: string;
  /** serviceConfiguration.helmChart.values. */
  values?: JsonObject;
  /** serviceConfiguration.serviceDaemonSet (updateStrategy, labels, annotations, resources). */
  serviceDaemonSet?: JsonObject;
  /** serviceConfiguration.deployInCluster as written (undefined = unset). */
  deployInCluster?: boolean;
  /** serviceConfiguration.configPorts as written. */
  configPorts?: JsonObject;
  interfaces?: ServiceInterfaceTemplate[];
  /** upgradePolicy.applyNodeEffect (default true). */
  applyNodeEffect: boolean;
}

/** metav1.LabelSelector as written. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** DPUDeployment's DPUSet. */
export interface DeploymentDpuSet {
  nameSuffix: string;
  /** dpuNodeSelector, else the deprecated nodeSelector (generateDPUSet's preference). */
  dpuNodeSelector?: LabelSelector;
  /** The deprecated nodeSelector alone (newInClusterNodeSelectorFromDPUSetSelector reads only it). */
  nodeSelector?: LabelSelector;
  dpuClusterSelector?: Record<string, string>;
}

export interface DeploymentService {
  serviceTemplate: string;
  serviceConfiguration: string;
  dependsOn: string[];
}

/** DPUDeploymentPort: exactly one of service or serviceInterface. */
export interface DeploymentPort {
  service?: { name: string; interface: string; ipam?: JsonObject };
  serviceInterface?: JsonObject;
}

export interface DeploymentSwitch {
  ports: DeploymentPort[];
  serviceMTU?: number;
}

/** DPUDeploymentSpec. */
export interface DpuDeployment extends InputMeta {
  bfb?: string;
  blueFieldSoftware?: string;
  flavor?: string;
  flavorTemplate?: string;
  dpuSets: DeploymentDpuSet[];
  /** spec.services in key order as written (DPF iterates a Go map; order never matters). */
  services: Map<string, DeploymentService>;
  serviceChains?: { applyNodeEffect: boolean; switches: DeploymentSwitch[]; raw: JsonObject[] };
  revisionHistoryLimit: number;
}

/** The BFB fields version matching reads. */
export interface Bfb extends InputMeta {
  /** spec.versions.doca (newest API), else status.versions.doca; undefined when neither. */
  docaVersion?: string;
  /** Which field docaVersion came from. */
  docaVersionField?: 'spec.versions.doca' | 'status.versions.doca';
}

/** A DPUFlavor: only its existence is checked (resource fitting is not implemented). */
export type DpuFlavor = InputMeta;
