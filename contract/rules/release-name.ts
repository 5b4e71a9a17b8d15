/**
 * release-name: every object a DPUService chart renders has the release name in its
 * `metadata.name` (seed 002: "Each Kubernetes object must have a {{ .Release.Name }} in their
 * .metadata.name"), so several instances of one service can live side by side.
 * CustomResourceDefinitions are exempt: their name must be `<plural>.<group>`, and a CRD in
 * templates/ is already reported by crds-location.
 */
import { field, nonEmptyString } from '../json.js';
import type { RenderedObject } from '../rendered.js';
import type { Finding, RuleSpec } from '../types.js';

export const releaseNameRule: RuleSpec = {
  id: 'release-name',
  severity: 'error',
  summary: 'Every rendered object has the release name in its metadata.name.',
  fix: 'build metadata.name in {{template}} from .Release.Name (e.g. with the chart\'s fullname helper)',
};

/** One finding per object whose name (or generateName) lacks the release name. */
export function checkReleaseName(objects: readonly RenderedObject[], releaseName: string): Finding[] {
  const findings: Finding[] = [];
  for (const o of objects) {
    if (o.kind === 'CustomResourceDefinition') continue;
    const metadata = field(o.object, 'metadata');
    const name = nonEmptyString(field(metadata, 'name')) ?? nonEmptyString(field(metadata, 'generateName')) ?? o.name;
    if (name.includes(releaseName)) continue;
    const finding: Finding = {
      rule: 'release-name',
      severity: releaseNameRule.severity,
      object: o.namespace ? { kind: o.kind, namespace: o.namespace, name } : { kind: o.kind, name },
      path: ['metadata', 'name'],
      template: o.path,
      detail: { release: releaseName, value: name === '' ? '(empty)' : name },
    };
    findings.push(finding);
  }
  return findings;
}
