/**
 * kube-schema: a rendered object does not match its Kubernetes schema, as `kubeconform -strict`
 * checks it for the target Kubernetes version: built-in kinds by the Kubernetes API's structure,
 * custom resources by their CRD's openAPIV3Schema (CRDs in the chart), kinds the version does
 * not serve, and kinds without a schema (per --unknown-kinds).
 */
import type { RuleSpec } from '../types.js';

export const kubeSchemaRule: RuleSpec = {
  id: 'kube-schema',
  severity: 'error',
  summary: 'Every rendered object matches its Kubernetes schema (built-in kinds and the chart\'s CRDs), strictly.',
  fix: 'fix the field in the template (or the values it reads); `dpu-gitops template` shows the rendered object',
};
