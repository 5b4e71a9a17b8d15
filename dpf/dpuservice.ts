/**
 * The typed view of DPF's inputs: DPUService and DPUServiceInterface objects
 * (`svc.dpu.nvidia.com/v1alpha1`, dpf.md §1.1), as the CMP, the webhook and lint read them.
 * Decoding happens only after the contract's DPUService rules passed, so it reads fields
 * without re-validating their shapes.
 */
import type { GoJson } from './go-json.js';

export const DPUSERVICE_API_GROUP = 'svc.dpu.nvidia.com';
export const DPUSERVICE_KIND = 'DPUService';
export const DPUSERVICE_INTERFACE_KIND = 'DPUServiceInterface';
export const DPUSERVICE_IPAM_KIND = 'DPUServiceIPAM';
/** Kinds of the DPF API group that are inputs (of the CMP) and never emitted. */
export const INPUT_ONLY_KINDS: ReadonlySet<string> = new Set([DPUSERVICE_KIND, DPUSERVICE_INTERFACE_KIND, DPUSERVICE_IPAM_KIND]);

export type JsonObject = { [key: string]: GoJson };

/** Where an input object came from: file relative to the app dir, 0-based document index. */
export interface SourceLocation {
  file: string;
  doc: number;
  /** 1-based line of the document start. */
  line: number;
}

/** `spec.helmChart.source` (DPF ApplicationSource). */
export interface ChartSourceSpec {
  repoURL: string;
  chart?: string;
  path?: string;
  version: string;
  releaseName?: string;
}

/** A DPUService with the fields DPF's controller uses to render it. */
export interface DpuService {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  source: ChartSourceSpec;
  /** `spec.helmChart.values`, or undefined. */
  values?: JsonObject;
  serviceID?: string;
  serviceDaemonSet?: JsonObject;
  interfaces?: string[];
  paused: boolean;
  deployInCluster: boolean;
  configPorts?: { serviceType?: string; ports: { name: string; port: number; protocol: string; nodePort?: number }[] };
  location: SourceLocation;
  /** The object as read. */
  raw: JsonObject;
}

/** The `service` part of a DPUServiceInterface's `spec.template.spec.template.spec`. */
export interface DpuServiceInterface {
  name: string;
  namespace: string;
  interfaceType: string;
  service?: { serviceID?: string; network?: string; interfaceName?: string };
  location: SourceLocation;
}

function obj(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** True for an object of kind `kind` in the DPF service API group (any version). */
export function isDpfKind(o: unknown, kind: string): boolean {
  const x = obj(o);
  return x !== undefined && x.kind === kind && typeof x.apiVersion === 'string' && x.apiVersion.split('/')[0] === DPUSERVICE_API_GROUP;
}

/**
 * Reads a DPUService that passed the contract's rules. `defaultNamespace` applies when the
 * file sets no metadata.namespace (kubectl would use its context's namespace; ArgoCD its
 * destination namespace).
 */
export function decodeDpuService(raw: JsonObject, location: SourceLocation, defaultNamespace: string): DpuService {
  const meta = obj(raw.metadata) ?? {};
  const spec = obj(raw.spec) ?? {};
  const helmChart = obj(spec.helmChart) ?? {};
  const src = obj(helmChart.source) ?? {};
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(meta.labels) ?? {})) if (typeof v === 'string') labels[k] = v;
  const source: ChartSourceSpec = { repoURL: str(src.repoURL) ?? '', version: str(src.version) ?? '' };
  if (str(src.chart)) source.chart = str(src.chart);
  if (str(src.path)) source.path = str(src.path);
  if (str(src.releaseName)) source.releaseName = str(src.releaseName);
  const svc: DpuService = {
    name: str(meta.name) ?? '',
    namespace: str(meta.namespace) || defaultNamespace,
    labels,
    source,
    paused: spec.paused === true,
    deployInCluster: spec.deployInCluster === true,
    location,
    raw,
  };
  const values = obj(helmChart.values);
  if (values) svc.values = values;
  if (typeof spec.serviceID === 'string') svc.serviceID = spec.serviceID;
  const sds = obj(spec.serviceDaemonSet);
  if (sds) svc.serviceDaemonSet = sds;
  if (Array.isArray(spec.interfaces)) svc.interfaces = spec.interfaces.filter((x): x is string => typeof x === 'string');
  const cp = obj(spec.configPorts);
  if (cp) {
    const ports = (Array.isArray(cp.ports) ? cp.ports : []).map((p) => {
      const o = obj(p) ?? {};
      const port: { name: string; port: number; protocol: string; nodePort?: number } = {
        name: str(o.name) ?? '',
        port: typeof o.port === 'number' ? o.port : 0,
        protocol: str(o.protocol) ?? '',
      };
      if (typeof o.nodePort === 'number') port.nodePort = o.nodePort;
      return port;
    });
    svc.configPorts = { ports };
    if (str(cp.serviceType)) svc.configPorts.serviceType = str(cp.serviceType);
  }
  return svc;
}

/** Reads a DPUServiceInterface (only what the multus annotation needs). */
export function decodeDpuServiceInterface(raw: JsonObject, location: SourceLocation, defaultNamespace: string): DpuServiceInterface {
  const meta = obj(raw.metadata) ?? {};
  const inner = obj(obj(obj(obj(obj(raw.spec)?.template)?.spec)?.template)?.spec) ?? {};
  const out: DpuServiceInterface = {
    name: str(meta.name) ?? '',
    namespace: str(meta.namespace) || defaultNamespace,
    interfaceType: str(inner.interfaceType) ?? '',
    location,
  };
  const service = obj(inner.service);
  if (service) {
    out.service = {};
    if (str(service.serviceID) !== undefined) out.service.serviceID = str(service.serviceID);
    if (str(service.network) !== undefined) out.service.network = str(service.network);
    if (str(service.interfaceName) !== undefined) out.service.interfaceName = str(service.interfaceName);
  }
  return out;
}
