/**
 * Argo CD health checks for DPF kinds: one Lua script (templates/install/health/dpf-conditions.lua)
 * registered in argocd-cm under `resource.customizations.health.<group>_<kind>` for every DPF
 * kind whose controller reports status conditions. Argo CD shows such objects as health
 * "unknown" without it. The per-kind key form is used (not the wildcard form of
 * `resource.customizations`), so these keys add to an argocd-cm without touching anyone else's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinTemplatesDir } from '../contract/messages.js';

export interface HealthKind {
  group: string;
  kind: string;
}

/**
 * DPF kinds with status conditions (api/*\/v1alpha1/*_types.go of NVIDIA/doca-platform), plus
 * DPUServiceConfiguration, which has no status: its check reports Healthy instead of unknown.
 * provisioning.dpu.nvidia.com kinds (DPU, DPUCluster, BFB) report a phase and are not covered.
 */
export const DPF_HEALTH_KINDS: readonly HealthKind[] = [
  { group: 'svc.dpu.nvidia.com', kind: 'DPUService' },
  { group: 'svc.dpu.nvidia.com', kind: 'DPUDeployment' },
  { group: 'svc.dpu.nvidia.com', kind: 'DPUServiceIPAM' },
  { group: 'svc.dpu.nvidia.com', kind: 'DPUServiceChain' },
  { group: 'svc.dpu.nvidia.com', kind: 'DPUServiceInterface' },
  { group: 'svc.dpu.nvidia.com', kind: 'DPUServiceCredentialRequest' },
  { group: 'svc.dpu.nvidia.com', kind: 'DPUServiceTemplate' },
  { group: 'svc.dpu.nvidia.com', kind: 'DPUServiceConfiguration' },
  { group: 'svc.dpu.nvidia.com', kind: 'ServiceChainSet' },
  { group: 'svc.dpu.nvidia.com', kind: 'ServiceInterfaceSet' },
  { group: 'operator.dpu.nvidia.com', kind: 'DPFOperatorConfig' },
];

export function healthScriptPath(templatesDir = builtinTemplatesDir()): string {
  return join(templatesDir, 'install', 'health', 'dpf-conditions.lua');
}

/** The argocd-cm key Argo CD reads a kind's health script from. */
export function healthKey({ group, kind }: HealthKind): string {
  return `resource.customizations.health.${group}_${kind}`;
}

/** [argocd-cm key, script] for every DPF kind, in DPF_HEALTH_KINDS order. */
export function healthCustomizations(templatesDir?: string): [string, string][] {
  const script = readFileSync(healthScriptPath(templatesDir), 'utf8');
  return DPF_HEALTH_KINDS.map((k) => [healthKey(k), script]);
}
