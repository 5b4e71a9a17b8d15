/**
 * exposed-service-traffic-policy (warning): a NodePort Service a DPUService chart renders sets
 * both internalTrafficPolicy and externalTrafficPolicy to Local (seed 002, "Exposing ports":
 * "must be set to Local to ensure correct routing behavior"). Lint renders charts a second
 * time with every `exposedPorts.ports` switch on so these Services are seen.
 */
import { field } from '../json.js';
import type { RenderedObject } from '../rendered.js';
import type { Finding, RuleSpec } from '../types.js';

export const exposedServiceTrafficPolicyRule: RuleSpec = {
  id: 'exposed-service-traffic-policy',
  severity: 'warning',
  summary: 'NodePort Services set internalTrafficPolicy and externalTrafficPolicy to Local.',
  fix: 'set spec.internalTrafficPolicy: Local and spec.externalTrafficPolicy: Local in {{template}}',
};

/** One warning per NodePort Service policy that is not Local. */
export function checkExposedServiceTrafficPolicy(objects: readonly RenderedObject[]): Finding[] {
  const findings: Finding[] = [];
  for (const o of objects) {
    if (o.kind !== 'Service') continue;
    const spec = field(o.object, 'spec');
    if (field(spec, 'type') !== 'NodePort') continue;
    for (const policy of ['internalTrafficPolicy', 'externalTrafficPolicy']) {
      const value = field(spec, policy);
      if (value === 'Local') continue;
      findings.push({
        rule: 'exposed-service-traffic-policy',
        severity: 'warning',
        object: o.namespace ? { kind: 'Service', namespace: o.namespace, name: o.name } : { kind: 'Service', name: o.name },
        template: o.path,
        path: ['spec', policy],
        measured: typeof value === 'string' ? value : 'unset',
        limit: 'Local',
      });
    }
  }
  return findings;
}
