/**
 * dpuservice-spec: the DPUService object as a whole — apiVersion, metadata.name (a DNS-1123 name
 * of at most 63 characters, the CRD's CEL rule), metadata.namespace (a DNS-1123 label) and the spec-level CEL rules of DPF's
 * api/dpuservice/v1alpha1/dpuservice_types.go (dpf.md §1.1): serviceID is required with
 * interfaces; configPorts, dpuClusterSelector and security.privileged are forbidden with
 * deployInCluster: true; serviceID/deployInCluster/paused/security/dpuClusterSelector types.
 * The other parts of the spec have their own rules (source, config ports, interfaces,
 * serviceDaemonSet); `checkDpuService` in contract/dpuservice.ts runs them all.
 */
import { FieldReporter, unknownFields } from '../field-check.js';
import { field, isObject, objectRefOf } from '../json.js';
import type { Finding, RuleSpec } from '../types.js';
import { DNS1123_SUBDOMAIN } from './dpuservice-interfaces.js';

/** Kubernetes' IsDNS1123Label: what a namespace name must be. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const dpuServiceSpecRule: RuleSpec = {
  id: 'dpuservice-spec',
  severity: 'error',
  summary: 'A DPUService has a valid apiVersion, metadata.name and spec (DPF CRD rules).',
  fix: 'change {{field}} to satisfy the DPUService API (svc.dpu.nvidia.com/v1alpha1)',
};

export const DPUSERVICE_API_VERSION = 'svc.dpu.nvidia.com/v1alpha1';

/** The fields of DPUServiceSpec (newest DPF API, dpf.md §1.1). */
export const DPUSERVICE_SPEC_FIELDS = [
  'helmChart',
  'serviceID',
  'serviceDaemonSet',
  'deployInCluster',
  'interfaces',
  'paused',
  'configPorts',
  'dpuClusterSelector',
  'security',
] as const;

/** Checks the object-level and cross-field rules of a DPUService. */
export function checkDpuServiceSpec(object: unknown): Finding[] {
  const ref = objectRefOf(object, 'DPUService');
  const r = new FieldReporter('dpuservice-spec', ref);
  const apiVersion = field(object, 'apiVersion');
  if (apiVersion !== DPUSERVICE_API_VERSION) r.report(['apiVersion'], `must be ${DPUSERVICE_API_VERSION}`, apiVersion ?? 'nothing');
  const metadata = r.mapping(['metadata'], field(object, 'metadata'), true);
  // The API server refuses a custom resource whose name is not a DNS-1123 subdomain.
  if (metadata) r.string(['metadata', 'name'], field(metadata, 'name'), { required: true, maxLength: 63, pattern: DNS1123_SUBDOMAIN, patternText: 'a DNS-1123 name (lowercase letters, digits, - and .)' });
  if (metadata) r.string(['metadata', 'namespace'], field(metadata, 'namespace'), { maxLength: 63, pattern: DNS1123_LABEL, patternText: 'a DNS-1123 label (lowercase letters, digits and -)' });
  const spec = r.mapping(['spec'], field(object, 'spec'), true);
  if (!spec) return r.findings;
  const serviceID = r.string(['spec', 'serviceID'], field(spec, 'serviceID'));
  const deployInCluster = r.boolean(['spec', 'deployInCluster'], field(spec, 'deployInCluster'));
  r.boolean(['spec', 'paused'], field(spec, 'paused'));
  const security = r.mapping(['spec', 'security'], field(spec, 'security'));
  if (security) r.boolean(['spec', 'security', 'privileged'], field(security, 'privileged'));
  checkLabelSelector(r, field(spec, 'dpuClusterSelector'));
  if (field(spec, 'interfaces') !== undefined && (serviceID === undefined || serviceID === '')) {
    r.report(['spec', 'serviceID'], 'must be set when spec.interfaces is set');
  }
  if (deployInCluster === true) {
    for (const forbidden of ['configPorts', 'dpuClusterSelector'] as const) {
      if (field(spec, forbidden) !== undefined) r.report(['spec', forbidden], 'is not allowed with deployInCluster: true');
    }
    if (field(security, 'privileged') !== undefined) {
      r.report(['spec', 'security', 'privileged'], 'is not allowed with deployInCluster: true');
    }
  }
  return [...r.findings, ...unknownFields(spec, DPUSERVICE_SPEC_FIELDS, ['spec'], ref), ...unknownFields(security, ['privileged'], ['spec', 'security'], ref)];
}

/** metav1.LabelSelector: matchLabels (string map) and matchExpressions [{key, operator, values}]. */
function checkLabelSelector(r: FieldReporter, selector: unknown): void {
  const path = ['spec', 'dpuClusterSelector'];
  if (!r.mapping(path, selector)) return;
  r.stringMap([...path, 'matchLabels'], field(selector, 'matchLabels'));
  const expressions = field(selector, 'matchExpressions');
  if (expressions === undefined) return;
  if (!Array.isArray(expressions)) {
    r.report([...path, 'matchExpressions'], 'must be a list', expressions);
    return;
  }
  expressions.forEach((e, i) => {
    const p = [...path, 'matchExpressions', i];
    if (!isObject(e)) return r.report(p, 'must be a mapping', e);
    r.string([...p, 'key'], e.key, { required: true });
    r.oneOf([...p, 'operator'], e.operator, ['In', 'NotIn', 'Exists', 'DoesNotExist'], true);
    if (e.values !== undefined && !(Array.isArray(e.values) && e.values.every((v) => typeof v === 'string'))) {
      r.report([...p, 'values'], 'must be a list of strings', e.values);
    }
  });
}
