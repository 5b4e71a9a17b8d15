/**
 * The object rules of the DPUDeployment inputs, one entry point for generate, lint and the
 * webhook: DPUServiceTemplate (deployment-template + dpuservice-source), DPUServiceConfiguration
 * (deployment-configuration), DPUDeployment (deployment-spec). Cross-object rules
 * (deployment-references, deployment-version) need the other objects and the charts: see
 * contract/rules/deployment-references.ts and deployment-version.ts.
 */
import { DPUDEPLOYMENT_KIND, DPUSERVICE_CONFIGURATION_KIND, DPUSERVICE_TEMPLATE_KIND } from '../dpf/deployment/types.js';
import { checkDeploymentConfiguration } from './rules/deployment-configuration.js';
import { checkDeploymentSpec } from './rules/deployment-spec.js';
import { checkDeploymentTemplate } from './rules/deployment-template.js';
import type { Finding } from './types.js';

/** The kinds checkDeploymentObject knows. */
export const DEPLOYMENT_OBJECT_KINDS: ReadonlySet<string> = new Set([DPUSERVICE_TEMPLATE_KIND, DPUSERVICE_CONFIGURATION_KIND, DPUDEPLOYMENT_KIND]);

/** The object rules for one DPUServiceTemplate, DPUServiceConfiguration or DPUDeployment. */
export function checkDeploymentObject(kind: string, object: unknown): Finding[] {
  switch (kind) {
    case DPUSERVICE_TEMPLATE_KIND:
      return checkDeploymentTemplate(object);
    case DPUSERVICE_CONFIGURATION_KIND:
      return checkDeploymentConfiguration(object);
    case DPUDEPLOYMENT_KIND:
      return checkDeploymentSpec(object);
    default:
      return [];
  }
}

/**
 * The DPUService whose chart stands for a DPUServiceTemplate's in the webhook: the template's
 * helmChart (source and baseline values) under the template's name and namespace, DPU-side, with
 * the security DPF would give it. The webhook sees one object at a time, so the configuration's
 * values and the DPUDeployment's names are not known there; generate and lint render the
 * composed DPUServices instead.
 */
export function templateChartProbe(object: unknown): Record<string, unknown> {
  const o = (typeof object === 'object' && object !== null ? object : {}) as Record<string, unknown>;
  const meta = (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as Record<string, unknown>;
  const spec = (typeof o.spec === 'object' && o.spec !== null ? o.spec : {}) as Record<string, unknown>;
  const security = (typeof spec.security === 'object' && spec.security !== null ? spec.security : {}) as Record<string, unknown>;
  return {
    apiVersion: 'svc.dpu.nvidia.com/v1alpha1',
    kind: 'DPUService',
    metadata: { ...(meta.name !== undefined ? { name: meta.name } : {}), ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}) },
    spec: { helmChart: spec.helmChart, security: { privileged: typeof security.privileged === 'boolean' ? security.privileged : true } },
  };
}
