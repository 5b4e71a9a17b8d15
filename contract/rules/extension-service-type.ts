/**
 * extension-service-type: a NICo DPU extension service's `serviceType` is `KubernetesPod`,
 * "currently, the only supported service type" (seed 000).
 */
import type { RuleSpec } from '../types.js';

export const extensionServiceTypeRule: RuleSpec = {
  id: 'extension-service-type',
  severity: 'error',
  summary: 'An extension service has serviceType KubernetesPod (the only type NICo supports).',
  fix: 'set serviceType: KubernetesPod',
};

export const EXTENSION_SERVICE_TYPES: readonly string[] = ['KubernetesPod'];
