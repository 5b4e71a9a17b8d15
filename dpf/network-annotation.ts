/**
 * The multus `k8s.v1.cni.cncf.io/networks` annotation DPF writes into `serviceDaemonSet`
 * for a DPUService's interfaces (doca-platform internal/dpuservice/controllers/nad.go:
 * addNetworkAnnotationToServiceDaemonSet, newNetworkSelectionElement, mergeIntoSlice;
 * dpf.md §2.1). Each DPUServiceInterface of type `service` gives `{name, namespace, interface}`;
 * an entry already in the annotation with the same `interface` wins field by field
 * (mergo WithOverride of non-empty fields); the list is sorted by (name, interface) and
 * written as compact JSON (multus NetworkSelectionElement field order).
 */
import { compareBytes, goJsonMarshal, sortedKeys, type GoJson } from './go-json.js';
import type { DpuServiceInterface } from './dpuservice.js';

export const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';

/** multus NetworkSelectionElement JSON fields, in struct order. */
const ELEMENT_FIELDS = [
  'name',
  'namespace',
  'ips',
  'mac',
  'infiniband-guid',
  'interface',
  'portMappings',
  'bandwidth',
  'cni-args',
  'default-route',
  'ipam-claim-reference',
] as const;

type Element = { [K in (typeof ELEMENT_FIELDS)[number]]?: GoJson };

/** An annotation DPF cannot parse (the text DPF's error has). */
export class NetworkAnnotationError extends Error {
  constructor(detail: string) {
    super(`failed to unmarshal existing networks: ${detail}, expected format is a list of objects`);
    this.name = 'NetworkAnnotationError';
  }
}

/** DPUServiceInterface `service.network` "ns/name" or "name" → (namespace, name). */
export function splitNetwork(network: string): { namespace: string; name: string } {
  const i = network.indexOf('/');
  return i < 0 ? { namespace: '', name: network } : { namespace: network.slice(0, i), name: network.slice(i + 1) };
}

/** newNetworkSelectionElement: one interface's element. */
export function networkSelectionElement(dsi: DpuServiceInterface): Element {
  const { namespace, name } = splitNetwork(dsi.service?.network ?? '');
  const e: Element = { name };
  if (namespace !== '') e.namespace = namespace;
  const iface = dsi.service?.interfaceName ?? '';
  if (iface !== '') e.interface = iface;
  return e;
}

/**
 * The annotation value for `interfaces` merged over the `existing` annotation text (undefined
 * when absent). Throws NetworkAnnotationError when the existing text is not a JSON list of objects.
 */
export function networksAnnotation(interfaces: readonly DpuServiceInterface[], existing: string | undefined): string {
  const byInterface = new Map<string, Element>();
  for (const dsi of interfaces) {
    const e = networkSelectionElement(dsi);
    byInterface.set(typeof e.interface === 'string' ? e.interface : '', e);
  }
  const result: Element[] = [];
  for (const old of existing === undefined ? [] : parseExisting(existing)) {
    const key = typeof old.interface === 'string' ? old.interface : '';
    const fresh = byInterface.get(key);
    result.push(fresh === undefined ? old : overrideNonEmpty(fresh, old));
    byInterface.delete(key);
  }
  result.push(...byInterface.values());
  result.sort((a, b) => compareBytes(String(a.name ?? ''), String(b.name ?? '')) || compareBytes(String(a.interface ?? ''), String(b.interface ?? '')));
  return goJsonMarshal(result.map(inFieldOrder));
}

function parseExisting(text: string): Element[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new NetworkAnnotationError(err instanceof Error ? err.message : String(err));
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) throw new NetworkAnnotationError(`json: cannot unmarshal ${jsonKind(parsed)} into Go value of type []types.NetworkSelectionElement`);
  return parsed.map((item) => {
    if (item === null) return { name: '' };
    if (typeof item !== 'object' || Array.isArray(item)) {
      throw new NetworkAnnotationError(`json: cannot unmarshal ${jsonKind(item)} into Go value of type types.NetworkSelectionElement`);
    }
    // Go's struct decoding keeps only known fields (matched case-insensitively; exact match here).
    const e: Element = { name: '' };
    for (const f of ELEMENT_FIELDS) if (f in item) e[f] = (item as Record<string, GoJson>)[f]!;
    return e;
  });
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool';
}

/** mergo.Merge(dst, src, WithOverride): src's non-empty fields replace dst's. */
function overrideNonEmpty(dst: Element, src: Element): Element {
  const out: Element = { ...dst };
  for (const f of ELEMENT_FIELDS) {
    const v = src[f];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[f] = v;
  }
  return out;
}

/** Field order and omitempty of the struct; `cni-args` is a Go map, so its keys are sorted. */
function inFieldOrder(e: Element): GoJson {
  const out: { [key: string]: GoJson } = { name: e.name ?? '' };
  for (const f of ELEMENT_FIELDS) {
    if (f === 'name') continue;
    const v = e[f];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[f] = f === 'cni-args' ? sortedKeys(v) : v;
  }
  return out;
}
