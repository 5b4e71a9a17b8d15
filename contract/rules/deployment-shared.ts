/**
 * Checks the deployment-* rules share: DPF's label/annotation key CEL rule, resource lists and
 * the apiVersion/metadata of the svc.dpu.nvidia.com inputs.
 */
import { canonicalQuantity } from '../../dpf/quantity.js';
import type { FieldReporter } from '../field-check.js';
import { field, isObject } from '../json.js';
import type { FieldPath } from '../types.js';

export const SVC_API_VERSION = 'svc.dpu.nvidia.com/v1alpha1';

/** The CEL test of DPF's label/annotation rules: the key is in DPF's own domain. */
export function isDpfDomainKey(key: string): boolean {
  return key.includes('dpu.nvidia.com/') || key.endsWith('dpu.nvidia.com');
}

/** apiVersion and metadata.name; returns the spec mapping when present. */
export function checkObjectHead(r: FieldReporter, object: unknown, apiVersion: string, maxName?: { max: number; message: string }): Record<string, unknown> | undefined {
  const v = field(object, 'apiVersion');
  if (v !== apiVersion) r.report(['apiVersion'], `must be ${apiVersion}`, v ?? 'nothing');
  const metadata = r.mapping(['metadata'], field(object, 'metadata'), true);
  if (metadata) {
    const name = r.string(['metadata', 'name'], field(metadata, 'name'), { required: true });
    if (maxName && name !== undefined && name.length > maxName.max) r.reportText(['metadata', 'name'], maxName.message, `${name.length} characters`);
  }
  return r.mapping(['spec'], field(object, 'spec'), true);
}

/** A string map with at most `max` entries whose keys pass `keyOk` (else `keyMessage`). */
export function checkKeyedMap(r: FieldReporter, path: FieldPath, value: unknown, max: number, keyOk: (k: string) => boolean, keyMessage: string): void {
  r.stringMap(path, value);
  if (!isObject(value)) return;
  const keys = Object.keys(value);
  if (keys.length > max) r.reportText(path, `must have at most ${max} entries`, `${keys.length} entries`);
  for (const k of keys) if (!keyOk(k)) r.report([...path, k], keyMessage);
}

/** A corev1.ResourceList: quantities Kubernetes parses. */
export function checkResourceList(r: FieldReporter, path: FieldPath, value: unknown): void {
  const map = r.mapping(path, value);
  if (!map) return;
  for (const [k, q] of Object.entries(map)) {
    if (typeof q !== 'string' && typeof q !== 'number') {
      r.report([...path, k], 'must be a quantity such as "1Gi" or 2', q);
      continue;
    }
    try {
      canonicalQuantity(q);
    } catch {
      r.report([...path, k], 'is not a Kubernetes quantity', q);
    }
  }
}

/** A list with min..max items; returns it when it is one. */
export function checkList(r: FieldReporter, path: FieldPath, value: unknown, min: number, max: number, required = false): unknown[] | undefined {
  if (value === undefined) {
    if (required) r.report(path, 'is missing');
    return undefined;
  }
  if (!Array.isArray(value)) {
    r.report(path, 'must be a list', value);
    return undefined;
  }
  if (value.length < min || value.length > max) r.reportText(path, `must have ${min} to ${max} items`, `${value.length} items`);
  return value;
}
