/**
 * The helm values DPF's DPUService controller gives a DPUService's chart
 * (`argoCDValuesFromDPUService` in doca-platform internal/dpuservice/controllers/
 * dpuservice_controller.go; dpf.md §2). In order:
 *
 * 1. `spec.serviceDaemonSet` as the typed Go struct marshals it (ServiceDaemonSetValues:
 *    nodeSelector, updateStrategy, labels, annotations, resources; all omitempty; unknown
 *    fields dropped; quantities canonical), with the interfaces' multus annotation rewritten
 *    (nad.go) and label `svc.dpu.nvidia.com/service=<serviceID>` added;
 * 2. DPF system components (label `dpu.nvidia.com/component`) get annotations
 *    `dpu.nvidia.com/cluster` and `dpu.nvidia.com/cluster-namespace` and the block under
 *    `global.serviceDaemonSet`, everyone else under `serviceDaemonSet`;
 * 3. `MergeMaps(dst=block, src=helmChart.values)` — a copy of helm's coalesceTablesFullKey with
 *    merge (helm/chart `mergeTables`): the block wins key by key, lists are never merged;
 * 4. with `configPorts`: `MergeMaps(dst=values, src={exposedPorts: {labels, ports: {<name>: true}}})`,
 *    so values the user set under `exposedPorts` win.
 */
import { mergeTables } from '../helm/chart/coalesce.js';
import type { GoMap, GoValue } from '../helm/template/value.js';
import type { DpuService, DpuServiceInterface, JsonObject } from './dpuservice.js';
import type { GoJson } from './go-json.js';
import { networksAnnotation, NETWORKS_ANNOTATION } from './network-annotation.js';
import { canonicalQuantity } from './quantity.js';

export const SERVICE_ID_LABEL = 'svc.dpu.nvidia.com/service';
export const COMPONENT_LABEL = 'dpu.nvidia.com/component';
export const CLUSTER_ANNOTATION = 'dpu.nvidia.com/cluster';
export const CLUSTER_NAMESPACE_ANNOTATION = 'dpu.nvidia.com/cluster-namespace';
export const DPUSERVICE_NAME_LABEL = 'dpu.nvidia.com/dpuservice-name';
export const DPUSERVICE_NAMESPACE_LABEL = 'dpu.nvidia.com/dpuservice-namespace';

/** What argoCDValuesFromDPUService needs besides the DPUService. */
export interface ValuesContext {
  /** The resolved serviceID (explicit or derived). */
  serviceID: string;
  /** DPUCluster name (or `in-cluster`). */
  cluster: string;
  /** The DPUServiceInterfaces `spec.interfaces` names, in that order, already resolved. */
  interfaces: readonly DpuServiceInterface[];
  /** Receives helm's coalescing warnings (e.g. a table overwritten by a non-table). */
  warn?: (message: string) => void;
}

/**
 * argoCDValuesFromDPUService: the values as Go data (numbers are float64, as helm reads the
 * values file ArgoCD writes). Throws NetworkAnnotationError / QuantityError on inputs DPF rejects.
 */
export function argoCDValuesFromDPUService(svc: DpuService, ctx: ValuesContext): GoMap {
  const block = serviceDaemonSetValues(svc.serviceDaemonSet ?? {});
  if (svc.interfaces !== undefined && ctx.interfaces.length > 0) {
    const annotations = (block.annotations as Record<string, GoJson> | undefined) ?? {};
    const existing = annotations[NETWORKS_ANNOTATION];
    annotations[NETWORKS_ANNOTATION] = networksAnnotation(ctx.interfaces, typeof existing === 'string' ? existing : undefined);
    block.annotations = annotations;
  }
  block.labels = { ...((block.labels as Record<string, GoJson> | undefined) ?? {}), [SERVICE_ID_LABEL]: ctx.serviceID };
  const isComponent = COMPONENT_LABEL in svc.labels;
  if (isComponent) {
    block.annotations = {
      ...((block.annotations as Record<string, GoJson> | undefined) ?? {}),
      [CLUSTER_ANNOTATION]: ctx.cluster,
      [CLUSTER_NAMESPACE_ANNOTATION]: svc.namespace,
    };
  }
  const ordered = inStructOrder(block);
  const wrapped: GoJson = isComponent ? { global: { serviceDaemonSet: ordered } } : { serviceDaemonSet: ordered };
  const warn = ctx.warn ?? (() => {});
  let values = mergeTables(toGo(wrapped) as GoMap, toGo(svc.values ?? {}) as GoMap, warn) ?? new Map();
  if (svc.configPorts !== undefined) {
    const ports: JsonObject = {};
    for (const p of svc.configPorts.ports) ports[p.name] = true;
    const exposed: GoJson = {
      exposedPorts: {
        labels: { [DPUSERVICE_NAME_LABEL]: svc.name, [DPUSERVICE_NAMESPACE_LABEL]: svc.namespace },
        ports,
      },
    };
    values = mergeTables(values, toGo(exposed) as GoMap, warn) ?? values;
  }
  return values;
}

/**
 * json.Marshal of DPF's ServiceDaemonSetValues then json.Unmarshal into a map: known fields
 * only, empty ones omitted, each sub-struct normalized the same way.
 */
export function serviceDaemonSetValues(sds: JsonObject): JsonObject {
  const out: JsonObject = {};
  const ns = asObject(sds.nodeSelector);
  if (ns !== undefined) out.nodeSelector = nodeSelectorJson(ns);
  const us = asObject(sds.updateStrategy);
  if (us !== undefined) out.updateStrategy = updateStrategyJson(us);
  const labels = stringMap(sds.labels);
  if (labels !== undefined) out.labels = labels;
  const annotations = stringMap(sds.annotations);
  if (annotations !== undefined) out.annotations = annotations;
  const res = asObject(sds.resources);
  if (res !== undefined && Object.keys(res).length > 0) {
    const r: JsonObject = {};
    for (const [k, v] of Object.entries(res)) r[k] = canonicalQuantity(typeof v === 'number' ? v : String(v));
    out.resources = r;
  }
  return out;
}

/** corev1.NodeSelector: `nodeSelectorTerms` is not omitempty (null when unset). */
function nodeSelectorJson(ns: JsonObject): GoJson {
  const terms = Array.isArray(ns.nodeSelectorTerms) ? ns.nodeSelectorTerms : null;
  return {
    nodeSelectorTerms:
      terms === null
        ? null
        : terms.map((t) => {
            const term = asObject(t) ?? {};
            const o: JsonObject = {};
            for (const key of ['matchExpressions', 'matchFields']) {
              const reqs = term[key];
              if (Array.isArray(reqs) && reqs.length > 0) o[key] = reqs.map((r) => requirementJson(asObject(r) ?? {}));
            }
            return o;
          }),
  };
}

/** corev1.NodeSelectorRequirement: key, operator, values (omitempty). */
function requirementJson(r: JsonObject): GoJson {
  const o: JsonObject = { key: typeof r.key === 'string' ? r.key : '', operator: typeof r.operator === 'string' ? r.operator : '' };
  if (Array.isArray(r.values) && r.values.length > 0) o.values = r.values.map((v) => String(v));
  return o;
}

/** appsv1.DaemonSetUpdateStrategy: type, rollingUpdate{maxUnavailable, maxSurge} (all omitempty). */
function updateStrategyJson(us: JsonObject): GoJson {
  const o: JsonObject = {};
  if (typeof us.type === 'string' && us.type !== '') o.type = us.type;
  const ru = asObject(us.rollingUpdate);
  if (ru !== undefined) {
    const r: JsonObject = {};
    for (const key of ['maxUnavailable', 'maxSurge']) {
      const v = ru[key];
      if (typeof v === 'number' || typeof v === 'string') r[key] = v;
    }
    o.rollingUpdate = r;
  }
  return o;
}

function stringMap(v: GoJson | undefined): JsonObject | undefined {
  const o = asObject(v);
  if (o === undefined || Object.keys(o).length === 0) return undefined;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(o)) out[k] = typeof x === 'string' ? x : x === null ? '' : String(x);
  return out;
}

function inStructOrder(block: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of ['nodeSelector', 'updateStrategy', 'labels', 'annotations', 'resources']) if (block[key] !== undefined) out[key] = block[key]!;
  return out;
}

function asObject(v: GoJson | undefined): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

/** JSON data → Go values as encoding/json decodes into interface{} (numbers are float64). */
export function toGo(v: GoJson): GoValue {
  if (Array.isArray(v)) return v.map(toGo);
  if (v !== null && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, toGo(x)]));
  return v;
}

/** Go values → JSON data (for logs and the `--print-values` view). */
export function fromGo(v: GoValue): GoJson {
  if (v instanceof Map) {
    const out: JsonObject = {};
    for (const [k, x] of v) out[k] = fromGo(x);
    return out;
  }
  if (Array.isArray(v)) return v.map(fromGo);
  if (v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  return String(v);
}
