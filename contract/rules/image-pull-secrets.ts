/**
 * image-pull-secrets (warning): pod controllers (DaemonSets, Deployments, ...) should let the
 * user configure imagePullSecrets (seed 002, Recommendations), or air-gapped sites with a
 * private registry cannot pull the image.
 *
 * A static check of the template text: a template that declares a pod controller must mention
 * `imagePullSecrets`, or include a partial whose file does. It cannot prove the value reaches
 * the pod spec; it catches charts that never thought about it.
 */
import type { ChartFacts } from '../chart-facts.js';
import type { Finding, RuleSpec } from '../types.js';

export const imagePullSecretsRule: RuleSpec = {
  id: 'image-pull-secrets',
  severity: 'warning',
  summary: 'Pod controllers in a DPUService chart should take imagePullSecrets from values.',
  fix: 'set the pod spec\'s imagePullSecrets in {{template}} from a value (e.g. .Values.imagePullSecrets)',
};

const CONTROLLER_KIND = /^kind:\s*["']?(DaemonSet|Deployment|StatefulSet|ReplicaSet|Job|CronJob)["']?\s*$/m;
const INCLUDES_PARTIAL = /\{\{-?\s*(include|template)\s/;

/** One warning per controller template that never mentions imagePullSecrets. */
export function checkImagePullSecrets(chart: ChartFacts): Finding[] {
  const helperMentions = chart.helpers.some((h) => h.text.includes('imagePullSecrets'));
  const findings: Finding[] = [];
  for (const t of chart.templates) {
    const kind = CONTROLLER_KIND.exec(t.text);
    if (!kind) continue;
    if (t.text.includes('imagePullSecrets')) continue;
    if (helperMentions && INCLUDES_PARTIAL.test(t.text)) continue;
    findings.push({
      rule: 'image-pull-secrets',
      severity: 'warning',
      object: { kind: kind[1] ?? 'DaemonSet' },
      template: t.path,
      path: ['spec', 'template', 'spec', 'imagePullSecrets'],
    });
  }
  return findings;
}
