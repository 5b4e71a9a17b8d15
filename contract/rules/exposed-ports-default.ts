/**
 * exposed-ports-default (warning): `exposedPorts.ports.<name>` values default to false, and
 * `exposedPorts.labels` exists (seed 002, "Exposing ports": "By default, all ports should be
 * disabled"; labels are needed for the DPUService controller to find the Service).
 * `exposedPorts` itself is optional for chart authors.
 */
import { entriesOf, valueAt, type ChartFacts } from '../chart-facts.js';
import type { Finding, RuleSpec } from '../types.js';

export const exposedPortsDefaultRule: RuleSpec = {
  id: 'exposed-ports-default',
  severity: 'warning',
  summary: 'values.yaml exposedPorts.ports.<name> default to false, with exposedPorts.labels present.',
  fix: '{{#if (eq detail.problem "missing")}}add `labels: {}` under exposedPorts in values.yaml and apply it to the Service{{else}}set {{field}} to false in values.yaml; DPF turns ports on per DPUService{{/if}}',
};

/** Warns about ports exposed by default, non-boolean port switches and a missing labels map. */
export function checkExposedPortsDefault(chart: ChartFacts): Finding[] {
  const exposed = valueAt(chart.values, ['exposedPorts']);
  if (exposed === undefined || exposed === null) return [];
  const object = { kind: 'Chart', name: chart.name };
  const findings: Finding[] = [];
  for (const [name, on] of entriesOf(valueAt(exposed, ['ports']))) {
    if (on === false) continue;
    findings.push({
      rule: 'exposed-ports-default',
      severity: 'warning',
      object,
      path: ['exposedPorts', 'ports', name],
      measured: on === null || on === undefined ? 'null' : typeof on === 'boolean' ? String(on) : JSON.stringify(on) ?? String(on),
      limit: 'false',
      detail: { problem: on === true ? 'enabled by default' : 'not a boolean' },
    });
  }
  if (valueAt(exposed, ['labels']) === undefined) {
    findings.push({
      rule: 'exposed-ports-default',
      severity: 'warning',
      object,
      path: ['exposedPorts', 'labels'],
      detail: { problem: 'missing' },
    });
  }
  return findings;
}
