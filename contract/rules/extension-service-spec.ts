/**
 * extension-service-spec: a NICo DPU extension-service definition has the request-body shape of
 * `POST /v2/org/{org}/nico/dpu-extension-service` (seed 000; NICo REST reference): `name`
 * (non-empty string), `serviceType`, `data` (a string holding one Pod manifest in YAML),
 * optional `description`, `siteId`, `credentials`, `observability`. The Pod manifest in `data`
 * is then held to pod-size (its text) and pod-fields.
 */
import { parseUserDocuments } from '../../dpf/yaml-input.js';
import { FieldReporter, unknownFields } from '../field-check.js';
import { field, nonEmptyString } from '../json.js';
import type { Finding, ObjectRef, RuleSpec } from '../types.js';
import { checkExtensionServiceCredentials } from './extension-service-credentials.js';
import { EXTENSION_SERVICE_TYPES } from './extension-service-type.js';
import { checkPodFields } from './pod-fields.js';
import { checkPodSize } from './pod-size.js';

export const extensionServiceSpecRule: RuleSpec = {
  id: 'extension-service-spec',
  severity: 'error',
  summary: 'An extension service has name, serviceType and data (a YAML Pod manifest), in the NICo request-body shape.',
  fix: 'use the NICo request body: name, serviceType: KubernetesPod, data: the Pod manifest as a YAML string',
};

/** The kind name extension-service findings use for their object. */
export const EXTENSION_SERVICE_KIND = 'DpuExtensionService';

/** The request-body fields of "Create DPU Extension Service". */
export const EXTENSION_SERVICE_FIELDS = ['name', 'description', 'serviceType', 'siteId', 'data', 'credentials', 'observability'] as const;

/** True when a decoded document looks like an extension-service definition (not a Kubernetes object). */
export function isExtensionServiceDefinition(doc: unknown): boolean {
  return field(doc, 'kind') === undefined && field(doc, 'serviceType') !== undefined && field(doc, 'data') !== undefined;
}

/** The ObjectRef findings about a definition carry. */
export function extensionServiceRef(definition: unknown): ObjectRef {
  const name = nonEmptyString(field(definition, 'name'));
  return name ? { kind: EXTENSION_SERVICE_KIND, name } : { kind: EXTENSION_SERVICE_KIND };
}

/** Checks one definition: its shape, its type, its credentials and the Pod manifest in data. */
export function checkExtensionService(definition: unknown): Finding[] {
  const ref = extensionServiceRef(definition);
  const r = new FieldReporter('extension-service-spec', ref);
  if (!r.mapping([], definition, true)) return r.findings;
  const findings: Finding[] = [];
  r.string(['name'], field(definition, 'name'), { required: true });
  const description = field(definition, 'description');
  if (description !== null) r.string(['description'], description);
  r.string(['siteId'], field(definition, 'siteId'), {
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    patternText: 'a UUID',
  });
  r.mapping(['observability'], field(definition, 'observability'));
  const type = field(definition, 'serviceType');
  if (type === undefined || typeof type !== 'string' || !EXTENSION_SERVICE_TYPES.includes(type)) {
    findings.push({
      rule: 'extension-service-type',
      severity: 'error',
      object: ref,
      path: ['serviceType'],
      measured: type === undefined ? 'nothing' : String(type),
      limit: EXTENSION_SERVICE_TYPES.join(', '),
    });
  }
  const data = r.string(['data'], field(definition, 'data'), { required: true });
  if (data) findings.push(...checkPodData(r, ref, data));
  findings.push(...checkExtensionServiceCredentials(definition, ref));
  return [...r.findings, ...findings, ...unknownFields(definition, EXTENSION_SERVICE_FIELDS, [], ref)];
}

/** The Pod manifest held as YAML text in `data`. */
function checkPodData(r: FieldReporter, ref: ObjectRef, data: string): Finding[] {
  const findings = checkPodSize({ object: ref, text: data, path: ['data'] });
  const docs = parseUserDocuments(data);
  const list = Array.isArray(docs) ? docs : [docs];
  const errors = list.flatMap((d) => d.errors);
  if (errors.length > 0) {
    r.report(['data'], `is not valid YAML: ${errors[0]?.message.split('\n')[0] ?? 'parse error'}`);
    return findings;
  }
  const nonEmpty = list.filter((d) => d.contents !== null);
  if (nonEmpty.length !== 1) {
    r.reportText(['data'], 'must hold exactly one YAML document (a Pod manifest)', `${nonEmpty.length} documents`);
    return findings;
  }
  findings.push(...checkPodFields({ object: ref, pod: nonEmpty[0]?.toJS(), path: ['data'] }));
  return findings;
}
