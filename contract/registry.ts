/**
 * Every rule's fixed facts (id, severity, summary, fix hint), looked up by id. The message
 * wording lives in templates/messages/<id>.hbs.
 */
import type { RuleId, RuleSpec } from './types.js';
import { arm64ImageRule } from './rules/arm64-image.js';
import { chartRenderRule } from './rules/chart-render.js';
import { chartUnavailableRule } from './rules/chart-unavailable.js';
import { crdsLocationRule } from './rules/crds-location.js';
import { deploymentConfigurationRule } from './rules/deployment-configuration.js';
import { deploymentReferencesRule } from './rules/deployment-references.js';
import { deploymentSpecRule } from './rules/deployment-spec.js';
import { deploymentTemplateRule } from './rules/deployment-template.js';
import { deploymentVersionRule } from './rules/deployment-version.js';
import { docaVersionRule, dpfAnnotationRule } from './rules/doca-version.js';
import { dpuServiceConfigPortsRule } from './rules/dpuservice-config-ports.js';
import { dpuServiceDaemonSetRule } from './rules/dpuservice-daemonset.js';
import { dpuServiceInterfacesRule } from './rules/dpuservice-interfaces.js';
import { dpuServiceSourceRule } from './rules/dpuservice-source.js';
import { dpuServiceSpecRule } from './rules/dpuservice-spec.js';
import { exposedPortsDefaultRule } from './rules/exposed-ports-default.js';
import { exposedServiceTrafficPolicyRule } from './rules/exposed-service-traffic-policy.js';
import { extensionServiceCredentialsRule } from './rules/extension-service-credentials.js';
import { extensionServiceNameUniqueRule, extensionServiceRegistryConflictRule } from './rules/extension-service-repo.js';
import { extensionServiceSpecRule } from './rules/extension-service-spec.js';
import { extensionServiceTypeRule } from './rules/extension-service-type.js';
import { imagePullSecretsRule } from './rules/image-pull-secrets.js';
import { manifestParseRule } from './rules/manifest-parse.js';
import { helmLintRule } from './rules/helm-lint.js';
import { kubeSchemaRule } from './rules/kube-schema.js';
import { oneDaemonSetRule } from './rules/one-daemonset.js';
import { podFieldsRule } from './rules/pod-fields.js';
import { podSizeRule } from './rules/pod-size.js';
import { releaseNameRule } from './rules/release-name.js';
import { unknownFieldRule } from './rules/unknown-field.js';

/** All rules, keyed by id (the Record type makes a missing rule a compile error). */
export const RULES: Readonly<Record<RuleId, RuleSpec>> = {
  'pod-size': podSizeRule,
  'pod-fields': podFieldsRule,
  'one-daemonset': oneDaemonSetRule,
  'release-name': releaseNameRule,
  'doca-version': docaVersionRule,
  'dpf-annotation': dpfAnnotationRule,
  'image-pull-secrets': imagePullSecretsRule,
  'exposed-service-traffic-policy': exposedServiceTrafficPolicyRule,
  'exposed-ports-default': exposedPortsDefaultRule,
  'crds-location': crdsLocationRule,
  'arm64-image': arm64ImageRule,
  'chart-render': chartRenderRule,
  'chart-unavailable': chartUnavailableRule,
  'dpuservice-spec': dpuServiceSpecRule,
  'dpuservice-source': dpuServiceSourceRule,
  'dpuservice-config-ports': dpuServiceConfigPortsRule,
  'dpuservice-interfaces': dpuServiceInterfacesRule,
  'dpuservice-daemonset': dpuServiceDaemonSetRule,
  'unknown-field': unknownFieldRule,
  'deployment-template': deploymentTemplateRule,
  'deployment-configuration': deploymentConfigurationRule,
  'deployment-spec': deploymentSpecRule,
  'deployment-references': deploymentReferencesRule,
  'deployment-version': deploymentVersionRule,
  'extension-service-spec': extensionServiceSpecRule,
  'extension-service-type': extensionServiceTypeRule,
  'extension-service-credentials': extensionServiceCredentialsRule,
  'extension-service-name-unique': extensionServiceNameUniqueRule,
  'extension-service-registry-conflict': extensionServiceRegistryConflictRule,
  'manifest-parse': manifestParseRule,
  'helm-lint': helmLintRule,
  'kube-schema': kubeSchemaRule,
};

/** Rule ids in a stable order (the order above). */
export const RULE_IDS: readonly RuleId[] = Object.keys(RULES) as RuleId[];
