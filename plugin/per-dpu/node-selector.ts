/**
 * Kubernetes `corev1.NodeSelector` matching, as the DaemonSet controller applies
 * `serviceDaemonSet.nodeSelector` (k8s.io/component-helpers nodeaffinity): terms are ORed, the
 * requirements of a term ANDed; an empty term matches nothing; operators In, NotIn, Exists,
 * DoesNotExist, Gt, Lt (integer comparison; a value that is not an integer does not match);
 * matchFields supports `metadata.name` with In/NotIn. No selector at all selects every DPU.
 */

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface NodeSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

export interface NodeSelectorTerm {
  matchExpressions: NodeSelectorRequirement[];
  matchFields: NodeSelectorRequirement[];
}

export interface NodeSelector {
  nodeSelectorTerms: NodeSelectorTerm[];
}

/** A selector that Kubernetes' validation would reject. */
export class NodeSelectorError extends Error {
  override readonly name = 'NodeSelectorError';
  constructor(readonly path: string, readonly detail: string) {
    super(`${path}: ${detail}`);
  }
}

const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);
const INT64 = /^[+-]?\d+$/;

function decodeRequirement(raw: unknown, path: string, fields: boolean): NodeSelectorRequirement {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new NodeSelectorError(path, 'must be an object');
  const r = raw as Record<string, unknown>;
  if (typeof r.key !== 'string' || r.key === '') throw new NodeSelectorError(`${path}.key`, 'must be a non-empty string');
  if (typeof r.operator !== 'string' || !OPERATORS.has(r.operator)) throw new NodeSelectorError(`${path}.operator`, `must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt (got ${JSON.stringify(r.operator)})`);
  const values = r.values === undefined || r.values === null ? [] : r.values;
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw new NodeSelectorError(`${path}.values`, 'must be a list of strings');
  const op = r.operator as SelectorOperator;
  if ((op === 'In' || op === 'NotIn') && values.length === 0) throw new NodeSelectorError(`${path}.values`, `must be non-empty for ${op}`);
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length) throw new NodeSelectorError(`${path}.values`, `must be empty for ${op}`);
  if (op === 'Gt' || op === 'Lt') {
    if (values.length !== 1) throw new NodeSelectorError(`${path}.values`, `must have exactly one value for ${op}`);
    if (!INT64.test(values[0] as string)) throw new NodeSelectorError(`${path}.values[0]`, `must be an integer for ${op}`);
  }
  if (fields) {
    if (r.key !== 'metadata.name') throw new NodeSelectorError(`${path}.key`, "only 'metadata.name' is a supported field");
    if (op !== 'In' && op !== 'NotIn') throw new NodeSelectorError(`${path}.operator`, 'must be In or NotIn for a field');
  }
  return { key: r.key, operator: op, values: values as string[] };
}

/** Decodes `serviceDaemonSet.nodeSelector`; undefined/null means "no selector". */
export function decodeNodeSelector(raw: unknown, path = 'serviceDaemonSet.nodeSelector'): NodeSelector | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new NodeSelectorError(path, 'must be an object');
  const terms = (raw as Record<string, unknown>).nodeSelectorTerms;
  if (terms === undefined || terms === null) return undefined; // `{}` selects every node, as DPF's chart renders no affinity for it
  if (!Array.isArray(terms)) throw new NodeSelectorError(`${path}.nodeSelectorTerms`, 'must be a list');
  return {
    nodeSelectorTerms: terms.map((t, i) => {
      const tp = `${path}.nodeSelectorTerms[${i}]`;
      if (typeof t !== 'object' || t === null) throw new NodeSelectorError(tp, 'must be an object');
      const term = t as Record<string, unknown>;
      const list = (v: unknown, p: string) => {
        if (v === undefined || v === null) return [];
        if (!Array.isArray(v)) throw new NodeSelectorError(p, 'must be a list');
        return v;
      };
      return {
        matchExpressions: list(term.matchExpressions, `${tp}.matchExpressions`).map((r, j) => decodeRequirement(r, `${tp}.matchExpressions[${j}]`, false)),
        matchFields: list(term.matchFields, `${tp}.matchFields`).map((r, j) => decodeRequirement(r, `${tp}.matchFields[${j}]`, true)),
      };
    }),
  };
}

function matchesRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  switch (r.operator) {
    case 'In':
      return value !== undefined && r.values.includes(value);
    case 'NotIn':
      return value === undefined || !r.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !INT64.test(value)) return false;
      const have = BigInt(value);
      const want = BigInt(r.values[0]!);
      return r.operator === 'Gt' ? have > want : have < want;
    }
  }
}

/** True when a node (DPU) with `name` and `labels` is selected. */
export function matchesNodeSelector(selector: NodeSelector | undefined, name: string, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  return selector.nodeSelectorTerms.some((term) => {
    if (!term.matchExpressions.length && !term.matchFields.length) return false;
    const own = (k: string) => (Object.prototype.hasOwnProperty.call(labels, k) ? labels[k] : undefined);
    return term.matchExpressions.every((r) => matchesRequirement(r, own(r.key))) && term.matchFields.every((r) => matchesRequirement(r, name));
  });
}
