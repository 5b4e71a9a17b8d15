/**
 * dpuservice-source: `spec.helmChart.source` names a chart DPF can fetch (DPF's ApplicationSource,
 * dpf.md §1.1): repoURL required and `oci://` or `https://`, version required and non-empty,
 * chart or path given, releaseName a valid helm release name; `helmChart.values` a mapping.
 */
import { FieldReporter, unknownFields } from '../field-check.js';
import { field, objectRefOf } from '../json.js';
import type { Finding, RuleSpec } from '../types.js';

export const dpuServiceSourceRule: RuleSpec = {
  id: 'dpuservice-source',
  severity: 'error',
  summary: 'spec.helmChart.source has repoURL (oci:// or https://), chart or path, and version.',
  fix: 'set {{field}}: helmChart.source needs repoURL (oci:// or https://), chart (or path) and version',
};

/** helm's release name rule (pkg/chartutil ValidateReleaseName): DNS-1123 subdomain, at most 53. */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function checkDpuServiceSource(object: unknown): Finding[] {
  const ref = objectRefOf(object, 'DPUService');
  const r = new FieldReporter('dpuservice-source', ref);
  const spec = field(object, 'spec');
  const helmChart = r.mapping(['spec', 'helmChart'], field(spec, 'helmChart'), true);
  if (!helmChart) return r.findings;
  const base = ['spec', 'helmChart', 'source'];
  const source = r.mapping(base, field(helmChart, 'source'), true);
  r.mapping(['spec', 'helmChart', 'values'], field(helmChart, 'values'));
  if (!source) return r.findings;
  r.string([...base, 'repoURL'], field(source, 'repoURL'), { required: true, pattern: /^(oci:\/\/|https:\/\/).+$/, patternText: 'oci://... or https://...' });
  r.string([...base, 'version'], field(source, 'version'), { required: true });
  const chart = r.string([...base, 'chart'], field(source, 'chart'));
  const path = r.string([...base, 'path'], field(source, 'path'));
  if (!chart && !path) r.report([...base, 'chart'], 'is missing (set chart for a Helm repository, or path for a git repository)');
  r.string([...base, 'releaseName'], field(source, 'releaseName'), { maxLength: 53, pattern: RELEASE_NAME, patternText: 'a DNS-1123 name (lowercase letters, digits, - and .)' });
  return [
    ...r.findings,
    ...unknownFields(helmChart, ['source', 'values'], ['spec', 'helmChart'], ref),
    ...unknownFields(source, ['repoURL', 'path', 'version', 'chart', 'releaseName'], base, ref),
  ];
}
