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
