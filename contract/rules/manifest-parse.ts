/**
 * manifest-parse: a file lint was asked to check is not valid YAML/JSON, so none of its
 * objects can be checked (and ArgoCD would fail to read it too).
 */
import type { RuleSpec } from '../types.js';

export const manifestParseRule: RuleSpec = {
  id: 'manifest-parse',
  severity: 'error',
  summary: 'Input files are valid YAML or JSON.',
  fix: 'fix the YAML syntax at the reported line',
};
