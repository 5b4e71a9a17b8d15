/**
 * unknown-field (warning): a key the DPUService API (or the NICo extension-service request
 * body) does not define. The API server prunes unknown fields of a structural CRD without a
 * word, so a misspelt `serviceDeamonSet` silently does nothing; say so before it is applied.
 */
import type { RuleSpec } from '../types.js';

export const unknownFieldRule: RuleSpec = {
  id: 'unknown-field',
  severity: 'warning',
  summary: 'Fields the DPUService / extension-service API does not define are dropped; check the spelling.',
  fix: 'remove {{field}} or fix its spelling; known fields here: {{join detail.known}}',
};
