/**
 * Decoders for the DPUDeployment inputs. They run after the contract's deployment-* rules found
 * no error, so they read fields without re-validating shapes (as decodeDpuService does).
 * `defaultNamespace` applies when metadata.namespace is unset (ArgoCD's destination namespace).
 */
import type { ChartSourceSpec, JsonObject, SourceLocation } from '../dpuservice.js';
import type {
  Bfb,
  DeploymentDpuSet,
  DeploymentPort,
  DeploymentService,
  DeploymentSwitch,
  DpuDeployment,
  DpuFlavor,
  DpuServiceConfiguration,
  DpuServiceTemplate,
  InputMeta,
  LabelSelector,
  ServiceInterfaceTemplate,
} from './types.js';

function obj(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function stringMap(v: unknown): Record<string, string> | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) if (typeof x === 'string') out[k] = x;
  return out;
}

function meta(raw: JsonObject, location: SourceLocation, defaultNamespace: string): InputMeta {
  const m = obj(raw.metadata) ?? {};
  return { name: str(m.name) ?? '', namespace: str(m.namespace) || defaultNamespace, annotations: stringMap(m.annotations) ?? {}, location };
}

/** helmChart.source with only the fields that are set (Go omits chart/releaseName when empty). */
export function decodeChartSource(v: unknown): ChartSourceSpec {
  const src = obj(v) ?? {};
  const out: ChartSourceSpec = { repoURL: str(src.repoURL) ?? '', version: str(src.version) ?? '' };
  if (str(src.path) !== undefined) out.path = str(src.path);
  if (str(src.chart)) out.chart = str(src.chart);
  if (str(src.releaseName)) out.releaseName = str(src.releaseName);
  return out;
}

export function decodeDpuServiceTemplate(raw: JsonObject, location: SourceLocation, defaultNamespace: string): DpuServiceTemplate {
  const spec = obj(raw.spec) ?? {};
  const helmChart = obj(spec.helmChart) ?? {};
  const security = obj(spec.security);
  const t: DpuServiceTemplate = {
    ...meta(raw, location, defaultNamespace),
    deploymentServiceName: str(spec.deploymentServiceName) ?? '',
    source: decodeChartSource(helmChart.source),
    hasSecurity: security !== undefined,
  };
  const values = obj(helmChart.values);
  if (values) t.values = values;
  const rr = obj(spec.resourceRequirements);
  if (rr) t.resourceRequirements = rr;
  if (security && typeof security.privileged === 'boolean') t.privileged = security.privileged;
  return t;
}

export function decodeDpuServiceConfiguration(raw: JsonObject, location: SourceLocation, defaultNamespace: string): DpuServiceConfiguration {
  const spec = obj(raw.spec) ?? {};
  const sc = obj(spec.serviceConfiguration) ?? {};
  const c: DpuServiceConfiguration = {
    ...meta(raw, location, defaultNamespace),
    deploymentServiceName: str(spec.deploymentServiceName) ?? '',
    applyNodeEffect: obj(spec.upgradePolicy)?.applyNodeEffect !== false,
  };
  const values = obj(obj(sc.helmChart)?.values);
  if (values) c.values = values;
  const sds = obj(sc.serviceDaemonSet);
  if (sds) c.serviceDaemonSet = sds;
  if (typeof sc.deployInCluster === 'boolean') c.deployInCluster = sc.deployInCluster;
  const cp = obj(sc.configPorts);
  if (cp) c.configPorts = cp;
  if (Array.isArray(spec.interfaces)) {
    c.interfaces = spec.interfaces.map((x): ServiceInterfaceTemplate => {
      const i = obj(x) ?? {};
      const out: ServiceInterfaceTemplate = { name: str(i.name) ?? '', network: str(i.network) ?? '' };
      if (str(i.virtualNetwork) !== undefined) out.virtualNetwork = str(i.virtualNetwork);
      return out;
    });
  }
  return c;
}

function labelSelector(v: unknown): LabelSelector | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const out: LabelSelector = {};
  const ml = stringMap(o.matchLabels);
  if (ml) out.matchLabels = ml;
  if (Array.isArray(o.matchExpressions)) {
    out.matchExpressions = o.matchExpressions.map((e) => {
      const r = obj(e) ?? {};
      const req: { key: string; operator: string; values?: string[] } = { key: str(r.key) ?? '', operator: str(r.operator) ?? '' };
      if (Array.isArray(r.values)) req.values = r.values.filter((x): x is string => typeof x === 'string');
      return req;
    });
  }
  return out;
}

function decodePort(v: unknown): DeploymentPort {
  const p = obj(v) ?? {};
  const out: DeploymentPort = {};
  const s = obj(p.service);
  if (s) {
    out.service = { name: str(s.name) ?? '', interface: str(s.interface) ?? '' };
    const ipam = obj(s.ipam);
    if (ipam) out.service.ipam = ipam;
  }
  const si = obj(p.serviceInterface);
  if (si) out.serviceInterface = si;
  return out;
}

export function decodeDpuDeployment(raw: JsonObject, location: SourceLocation, defaultNamespace: string): DpuDeployment {
  const spec = obj(raw.spec) ?? {};
  const dpus = obj(spec.dpus) ?? {};
  const services = new Map<string, DeploymentService>();
  for (const [key, v] of Object.entries(obj(spec.services) ?? {})) {
    const s = obj(v) ?? {};
    const dependsOn = (Array.isArray(s.dependsOn) ? s.dependsOn : []).map((d) => str(obj(d)?.name) ?? '');
    services.set(key, { serviceTemplate: str(s.serviceTemplate) ?? '', serviceConfiguration: str(s.serviceConfiguration) ?? '', dependsOn });
  }
  const dpuSets = (Array.isArray(dpus.dpuSets) ? dpus.dpuSets : []).map((x): DeploymentDpuSet => {
    const s = obj(x) ?? {};
    const out: DeploymentDpuSet = { nameSuffix: str(s.nameSuffix) ?? '' };
    const sel = labelSelector(s.dpuNodeSelector) ?? labelSelector(s.nodeSelector);
    if (sel) out.dpuNodeSelector = sel;
    const deprecated = labelSelector(s.nodeSelector);
    if (deprecated) out.nodeSelector = deprecated;
    const cs = stringMap(s.dpuClusterSelector);
    if (cs) out.dpuClusterSelector = cs;
    return out;
  });
  const d: DpuDeployment = {
    ...meta(raw, location, defaultNamespace),
    dpuSets,
    services,
    revisionHistoryLimit: typeof spec.revisionHistoryLimit === 'number' ? spec.revisionHistoryLimit : 10,
  };
  for (const k of ['bfb', 'blueFieldSoftware', 'flavor', 'flavorTemplate'] as const) if (str(dpus[k]) !== undefined) d[k] = str(dpus[k]);
  const chains = obj(spec.serviceChains);
  if (chains) {
    const rawSwitches = (Array.isArray(chains.switches) ? chains.switches : []).map((s) => obj(s) ?? {});
    const switches = rawSwitches.map((s): DeploymentSwitch => {
      const out: DeploymentSwitch = { ports: (Array.isArray(s.ports) ? s.ports : []).map(decodePort) };
      if (typeof s.serviceMTU === 'number') out.serviceMTU = s.serviceMTU;
      return out;
    });
    d.serviceChains = { applyNodeEffect: obj(chains.upgradePolicy)?.applyNodeEffect !== false, switches, raw: rawSwitches };
  }
  return d;
}

/** A BFB's DOCA version: `spec.versions.doca` (newest API) first, then `status.versions.doca`. */
export function decodeBfb(raw: JsonObject, location: SourceLocation, defaultNamespace: string): Bfb {
  const b: Bfb = meta(raw, location, defaultNamespace);
  const fromSpec = str(obj(obj(raw.spec)?.versions)?.doca);
  const fromStatus = str(obj(obj(raw.status)?.versions)?.doca);
  if (fromSpec) {
    b.docaVersion = fromSpec;
    b.docaVersionField = 'spec.versions.doca';
  } else if (fromStatus) {
    b.docaVersion = fromStatus;
    b.docaVersionField = 'status.versions.doca';
  }
  return b;
}

export function decodeDpuFlavor(raw: JsonObject, location: SourceLocation, defaultNamespace: string): DpuFlavor {
  return meta(raw, location, defaultNamespace);
}
