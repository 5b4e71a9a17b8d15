/**
 * chart-render: the chart could not be loaded or rendered (a template error, a bad
 * Chart.yaml, a values.schema.json failure). Nothing else about the chart can be checked, and
 * DPF's ArgoCD Application would fail the same way at sync.
 */
import type { Finding, ObjectRef, RuleSpec } from '../types.js';

export const chartRenderRule: RuleSpec = {
  id: 'chart-render',
  severity: 'error',
  summary: 'The chart loads and renders with the values DPF would give it.',
  fix: 'run `dpu-gitops template` on the chart with the same values and fix the error it prints',
};

/** A chart-render finding carrying the renderer's error text. */
export function chartRenderFinding(chart: ObjectRef, error: unknown, template?: string): Finding {
  const message = error instanceof Error ? error.message : String(error);
  const finding: Finding = { rule: 'chart-render', severity: 'error', object: chart, detail: { error: message } };
  if (template) finding.template = template;
  return finding;
}
