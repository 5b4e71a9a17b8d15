/**
 * dpuservice-daemonset: `spec.serviceDaemonSet` fields have the types DPF's
 * ServiceDaemonSetValues declares (dpf.md §1.1): nodeSelector a corev1.NodeSelector,
 * updateStrategy an appsv1.DaemonSetUpdateStrategy, labels and annotations string maps,
 * resources a corev1.ResourceList of quantities. The controller JSON-marshals this block into
 * the chart values, so a wrong type here breaks the chart's values.schema.json or templates.
 */
import { canonicalQuantity } from '../../dpf/quantity.js';
import { FieldReporter, unknownFields } from '../field-check.js';
import { field, isObject, objectRefOf } from '../json.js';
import type { Finding, RuleSpec } from '../types.js';

export const dpuServiceDaemonSetRule: RuleSpec = {
  id: 'dpuservice-daemonset',
  severity: 'error',
  summary: 'spec.serviceDaemonSet fields have the types DPF expects (NodeSelector, update strategy, string maps, quantities).',
  fix: 'give {{field}} the type DPF expects: NodeSelector, DaemonSetUpdateStrategy, string maps, quantities',
};

const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

export function checkDpuServiceDaemonSet(object: unknown): Finding[] {
  const ref = objectRefOf(object, 'DPUService');
  const r = new FieldReporter('dpuservice-daemonset', ref);
  const base = ['spec', 'serviceDaemonSet'];
  const sds = r.mapping(base, field(field(object, 'spec'), 'serviceDaemonSet'));
  if (!sds) return r.findings;
  checkNodeSelector(r, [...base, 'nodeSelector'], sds.nodeSelector);
  const strategy = r.mapping([...base, 'updateStrategy'], sds.updateStrategy);
  if (strategy) {
    r.oneOf([...base, 'updateStrategy', 'type'], strategy.type, ['RollingUpdate', 'OnDelete']);
    const rolling = r.mapping([...base, 'updateStrategy', 'rollingUpdate'], strategy.rollingUpdate);
    for (const key of ['maxUnavailable', 'maxSurge']) {
      const v = field(rolling, key);
      if (v !== undefined && !(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))) {
        r.report([...base, 'updateStrategy', 'rollingUpdate', key], 'must be an integer or a percentage string', v);
      }
    }
  }
  r.stringMap([...base, 'labels'], sds.labels);
  r.stringMap([...base, 'annotations'], sds.annotations);
  const resources = r.mapping([...base, 'resources'], sds.resources);
  for (const [name, q] of Object.entries(resources ?? {})) {
    const ok = (typeof q === 'number' || typeof q === 'string') && isQuantity(q);
    if (!ok) r.report([...base, 'resources', name], 'must be a quantity such as 1, "500m" or "2Gi"', q);
  }
  return [...r.findings, ...unknownFields(sds, ['nodeSelector', 'updateStrategy', 'labels', 'annotations', 'resources'], base, ref)];
}

/** corev1.NodeSelector: nodeSelectorTerms [{matchExpressions, matchFields: [{key, operator, values}]}]. */
function checkNodeSelector(r: FieldReporter, path: (string | number)[], value: unknown): void {
  if (value === undefined || value === null) return;
  if (!r.mapping(path, value)) return;
  const terms = field(value, 'nodeSelectorTerms');
  if (!Array.isArray(terms)) return r.report([...path, 'nodeSelectorTerms'], 'must be a list', terms ?? 'nothing');
  terms.forEach((term, i) => {
    const tp = [...path, 'nodeSelectorTerms', i];
    if (!isObject(term)) return r.report(tp, 'must be a mapping', term);
    for (const list of ['matchExpressions', 'matchFields']) {
      const reqs = term[list];
      if (reqs === undefined) continue;
      if (!Array.isArray(reqs)) {
        r.report([...tp, list], 'must be a list', reqs);
        continue;
      }
      reqs.forEach((req, j) => {
        const rp = [...tp, list, j];
        if (!isObject(req)) return r.report(rp, 'must be a mapping', req);
        r.string([...rp, 'key'], req.key, { required: true });
        r.oneOf([...rp, 'operator'], req.operator, NODE_SELECTOR_OPERATORS, true);
        if (req.values !== undefined && !(Array.isArray(req.values) && req.values.every((v) => typeof v === 'string'))) {
          r.report([...rp, 'values'], 'must be a list of strings', req.values);
        }
      });
    }
  });
}

/** resource.ParseQuantity accepts it (the parser DPF's values composition uses, dpf/quantity.ts). */
function isQuantity(q: string | number): boolean {
  try {
    canonicalQuantity(q);
    return true;
  } catch {
    return false;
  }
}
