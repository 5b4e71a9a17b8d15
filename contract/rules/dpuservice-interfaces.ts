/**
 * dpuservice-interfaces: `spec.interfaces` lists 1 to 50 DPUServiceInterface names (DPF's
 * `MinItems=1, MaxItems=50`, dpf.md §1.1); each is a Kubernetes object name, so a DNS-1123
 * subdomain (at most 253 characters), and listing one twice is a mistake.
 */
import { FieldReporter } from '../field-check.js';
import { field, objectRefOf } from '../json.js';
import type { Finding, RuleSpec } from '../types.js';

export const dpuServiceInterfacesRule: RuleSpec = {
  id: 'dpuservice-interfaces',
  severity: 'error',
  summary: 'spec.interfaces lists 1-50 unique DPUServiceInterface names (DNS-1123).',
  fix: 'list 1-50 distinct DPUServiceInterface names (lowercase DNS-1123) in spec.interfaces',
};

/** Kubernetes' IsDNS1123Subdomain. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function checkDpuServiceInterfaces(object: unknown): Finding[] {
  const r = new FieldReporter('dpuservice-interfaces', objectRefOf(object, 'DPUService'));
  const base = ['spec', 'interfaces'];
  const interfaces = field(field(object, 'spec'), 'interfaces');
  if (interfaces === undefined) return [];
  if (!Array.isArray(interfaces)) {
    r.report(base, 'must be a list of DPUServiceInterface names', interfaces);
    return r.findings;
  }
  if (interfaces.length < 1 || interfaces.length > 50) r.reportText(base, 'must list between 1 and 50 names', `${interfaces.length} names`);
  const seen = new Map<string, number>();
  interfaces.forEach((name, i) => {
    const value = r.string([...base, i], name, {
      required: true,
      maxLength: 253,
      pattern: DNS1123_SUBDOMAIN,
      patternText: 'a DNS-1123 name (lowercase letters, digits, - and .)',
    });
    if (value === undefined) return;
    const first = seen.get(value);
    if (first !== undefined) r.report([...base, i], `repeats interfaces[${first}]`, value);
    else seen.set(value, i);
  });
  return r.findings;
}
