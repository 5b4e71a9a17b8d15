/**
 * helm-lint: what `helm lint` v3.17.3 reports about a chart linted on its own (Chart.yaml,
 * values, templates rendered in lint mode, deprecated APIs, dependencies), with helm's words and
 * severities: helm's ERROR is an error, WARNING a warning (an error under --strict); helm's INFO
 * lines are left out here and kept by `lint --format helm`.
 */
import type { RuleSpec } from '../types.js';

export const helmLintRule: RuleSpec = {
  id: 'helm-lint',
  severity: 'error',
  summary: 'The chart passes helm lint (v3.17.3), as chart authors run it in CI.',
  fix: 'run `dpu-gitops lint --format helm` on the chart for helm lint\'s own report',
};
