/**
 * The `generate` pipeline: app dir → DPUServices → (values, release name, chart) → helm render
 * → contract rules (+ per-DPU startup ConfigMaps, per-dpu-stage.ts) → one YAML stream. Every
 * problem is collected; if any is an error the result has no output at all, so the CLI exits
 * non-zero and ArgoCD never sees a partial stream (with auto-sync and prune, a partial stream
 * deletes what runs).
 */
import { checkChartRender, type RenderFn } from '../contract/chart.js';
import { checkDpuService } from '../contract/dpuservice.js';
import type { JsonObject as ContractJsonObject } from '../contract/json.js';
import { MessageCatalog } from '../contract/messages.js';
import { freshChartCopy } from '../contract/render-helm.js';
import type { RenderedObject } from '../contract/rendered.js';
import type { Violation } from '../contract/types.js';
import { renderChart } from '../helm/index.js';
import { checkRenderedSchemas } from '../contract/kube-schema/rendered-check.js';
import type { ChartRequest, ResolvedChart } from './chart-source/types.js';
import { resolveLocalChart } from './chart-source/local.js';
import type { CmpEnv } from './cmp-env.js';
import { withDefaultNamespace } from './cluster-scope.js';
import { scanInputs, type InputDocument } from './discover.js';
import {
  decodeDpuService,
  decodeDpuServiceInterface,
  DPUSERVICE_INTERFACE_KIND,
  DPUSERVICE_KIND,
  INPUT_ONLY_KINDS,
  isDpfKind,
  type DpuService,
  type DpuServiceInterface,
  type JsonObject,
} from '../dpf/dpuservice.js';
import type { GoJson } from '../dpf/go-json.js';
import { clusterFor } from '../dpf/release.js';
import { releaseNameOf, serviceIdOf } from '../dpf/release-name.js';
import { argoCDValuesFromDPUService, COMPONENT_LABEL, fromGo } from '../dpf/values.js';
import { yamlStream, type StreamEntry } from './output.js';
import type { PluginSettings } from './parameters.js';
import { usesPerDpu } from './per-dpu-use.js';
import type { Inventory } from './per-dpu/index.js';
import type { DpuServiceIpam } from './per-dpu/ipam.js';
import { composeDeploymentStage, composedAnnotationIds, isDeploymentInput, labelledInventory, matchServiceVersion } from './deployment-stage.js';
import type { Problem } from './problems.js';
import { annotatedObjects, annotationDisables, annotationLookup, NO_RULE_CONTROL, settleFindings, type RuleControl } from '../config/rules.js';

/** The annotation DPF puts on a DPUServiceInterface a DPUService consumes. */
export const CONSUMED_BY_ANNOTATION = 'dpu.nvidia.com/consumed-by';
/** What paused services get on every object, so ArgoCD never prunes them. */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/** Minimal logger (pino-compatible calls). */
export interface Log {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface GenerateOptions {
  appDir: string;
  /** Root of the repository copy (local chart paths must stay inside). */
  repoRoot: string;
  env: CmpEnv;
  settings: PluginSettings;
  /** Fetches charts from https/OCI repositories (chart-source/remote.ts). */
  fetchRemote: (req: ChartRequest) => Promise<ResolvedChart>;
  log: Log;
  messages?: MessageCatalog;
  /** The DPU cluster kubeconfig the sidecar mounts, for per-DPU services without an inventory file. */
  dpuKubeconfig?: string;
  /** Namespaces of the DPU cluster's nv-ipam pools (default: all). */
  poolNamespaces?: readonly string[];
  /** Reuses a service's render when its inputs are identical (`dpu-gitops diff` renders two trees). */
  serviceCache?: ServiceRenderCache;
  /** false: the caller reads `entries` and the stream is not printed (`output` is ""). */
  printStream?: boolean;
  /** Disabled rules and severity overrides (repository config, --disable); the per-object annotation always applies. */
  rules?: RuleControl;
}

/** What one DPUService's render depends on, beyond the run's settings and environment. */
export interface ServiceRenderInput {
  svc: DpuService;
  serviceID: string;
  cluster: string;
  releaseName: string;
  interfaces: readonly DpuServiceInterface[];
  chart: ResolvedChart;
  /** The inventory (DPUSets' labels applied) and DPUServiceIPAMs, for per-DPU services. */
  inventory?: Inventory;
  ipams: readonly DpuServiceIpam[];
  settings: PluginSettings;
  env: CmpEnv;
}

/**
 * Wraps a service's render: returns the entries `render` returns (or a stored copy), and leaves
 * in `errors`/`warnings` the problems that render pushed (replayed on a hit).
 */
export interface ServiceRenderCache {
  through(input: ServiceRenderInput, errors: Problem[], warnings: Problem[], render: () => StreamEntry[] | undefined): StreamEntry[] | undefined;
}

export interface GenerateResult {
  /** The YAML stream; "" when there are errors. */
  output: string;
  errors: Problem[];
  warnings: Problem[];
  /** DPUServices rendered (namespace/name). */
  rendered: string[];
  /** The stream's entries, in order (none when there are errors). */
  entries?: readonly StreamEntry[];
  /** DPUs given a per-DPU config (perDPUValuesYAML / startupYAMLJ2), over every service. */
  dpuConfigs: number;
}

interface Job {
  svc: DpuService;
  serviceID: string;
  cluster: string;
  releaseName: string;
  interfaces: DpuServiceInterface[];
}

/** Runs the pipeline. Never throws for input problems: they come back in `errors`. */
export async function generate(opts: GenerateOptions): Promise<GenerateResult> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  let dpuConfigs = 0;
  const messages = opts.messages ?? MessageCatalog.load();
  const scan = scanInputs(opts.appDir, { repoRoot: opts.repoRoot });
  // A file not read may hold a DPUService: generating without it would prune that service.
  for (const u of scan.unread) errors.push({ severity: 'error', object: u.file, message: `not read: ${u.message}`, fix: u.fix });
  for (const e of scan.errors) errors.push({ severity: 'error', location: e.location, message: `not valid YAML: ${e.message}` });

  const services: DpuService[] = [];
  const dsis = new Map<string, DpuServiceInterface>();
  const passThrough: InputDocument[] = [];
  const ipamDocs: InputDocument[] = [];
  const deploymentDocs: InputDocument[] = [];
  const defaultNs = opts.env.appNamespace || 'default';
  for (const d of scan.documents) {
    if (d.value === null) continue;
    if (typeof d.value !== 'object' || Array.isArray(d.value) || typeof d.value.kind !== 'string' || typeof d.value.apiVersion !== 'string') {
      opts.log.debug({ file: d.location.file, doc: d.location.doc }, 'skipping a document that is not a Kubernetes object');
      continue;
    }
    const raw = d.value as JsonObject;
    if (isDpfKind(raw, DPUSERVICE_KIND)) {
      const findings = settleFindings(checkDpuService(raw), opts.rules ?? NO_RULE_CONTROL, () => annotationDisables(raw));
      report(messages.renderAll(findings), d, errors, warnings);
      if (!findings.some((f) => f.severity === 'error')) services.push(decodeDpuService(raw, d.location, defaultNs));
    } else if (isDpfKind(raw, DPUSERVICE_INTERFACE_KIND)) {
      const dsi = decodeDpuServiceInterface(raw, d.location, defaultNs);
      dsis.set(`${dsi.namespace}/${dsi.name}`, dsi);
    } else if (isDeploymentInput(raw)) {
      deploymentDocs.push(d);
    } else if (INPUT_ONLY_KINDS.has(raw.kind as string) && isDpfKind(raw, raw.kind as string)) {
      if (raw.kind === 'DPUServiceIPAM') ipamDocs.push(d);
      continue;
    } else if (!isKustomizeConfig(raw)) passThrough.push(d);
  }

  // DPUDeployments: composed into DPUServices (and their DPUServiceInterfaces) that take the path below.
  const deployments = composeDeploymentStage(deploymentDocs, defaultNs, opts.settings.docaVersion, messages, errors, warnings, opts.rules ?? NO_RULE_CONTROL);
  services.push(...deployments.services);
  for (const dsi of deployments.interfaces) dsis.set(`${dsi.namespace}/${dsi.name}`, dsi);
  const jobs = planJobs(services, dsis, opts, errors, warnings);
  // Per-DPU services need the DPU inventory: read it while the charts resolve.
  const perDpuJobs = jobs.filter((j) => usesPerDpu(j.svc));
  // The per-DPU stage is loaded only by runs that have per-DPU services (per-dpu-use.ts).
  const perDpuStage = perDpuJobs.length ? await import('./per-dpu-stage.js') : undefined;
  const ipams = perDpuStage ? perDpuStage.inputIpams(ipamDocs, defaultNs, errors) : [];
  const perDpuSettings = { inventory: opts.settings.inventory, ...(opts.dpuKubeconfig ? { kubeconfigPath: opts.dpuKubeconfig } : {}), ...(opts.poolNamespaces ? { poolNamespaces: opts.poolNamespaces } : {}) };
  const inventoryLoad = perDpuStage
    ? perDpuStage.loadRunInventory(perDpuSettings, opts.appDir, opts.repoRoot, perDpuJobs.map((j) => j.svc), (m) => warnings.push({ severity: 'warning', object: 'DPU inventory', message: m }))
    : undefined;
  const [resolved, inventory] = await Promise.all([Promise.all(jobs.map((j) => resolveChart(j, opts).catch((err: unknown) => err))), inventoryLoad]);
  if (inventory && 'severity' in inventory) errors.push(inventory);
  const entries: StreamEntry[] = [];
  if (opts.settings.passThrough) {
    for (const d of passThrough) entries.push({ comments: [`Source: ${d.location.file}#${d.location.doc}`], object: d.value });
  }
  const rendered: string[] = [];
  jobs.forEach((job, i) => {
    const r = resolved[i];
    const where = { severity: 'error' as const, location: job.svc.location, object: `DPUService ${job.svc.namespace}/${job.svc.name}` };
    if (!(r && typeof r === 'object' && 'chart' in r)) {
      errors.push({ ...where, field: 'spec.helmChart.source', message: r instanceof Error ? r.message : String(r) });
      return;
    }
    if (!matchServiceVersion(job.svc, (r as ResolvedChart).chart.metadata.annotations, deployments, messages, errors, warnings, opts.rules ?? NO_RULE_CONTROL)) return;
    const perDpuInventory = usesPerDpu(job.svc) && inventory && !('severity' in inventory) ? labelledInventory(inventory, deployments) : undefined;
    const renderService = (): StreamEntry[] | undefined => {
      const out = renderJob(job, r as ResolvedChart, opts, messages, errors, warnings, composedAnnotationIds(deployments, job.svc));
      if (!out) return undefined;
      if (usesPerDpu(job.svc)) {
        if (!perDpuInventory || !perDpuStage) return undefined;
        const perDpu = perDpuStage.perDpuEntries(job, perDpuInventory, ipams, errors, warnings, out, opts.settings.startupRenderMode, (n) => void (dpuConfigs += n));
        if (!perDpu) return undefined;
        out.push(...(job.svc.paused ? perDpu.map((e) => ({ ...e, object: withSyncOption(e.object, 'Prune=false') })) : perDpu));
      }
      return out;
    };
    const input = { ...job, chart: r as ResolvedChart, ...(perDpuInventory ? { inventory: perDpuInventory } : {}), ipams, settings: opts.settings, env: opts.env };
    const out = opts.serviceCache ? opts.serviceCache.through(input, errors, warnings, renderService) : renderService();
    if (!out) return;
    entries.push(...out);
    rendered.push(`${job.svc.namespace}/${job.svc.name}`);
  });
  if (errors.length > 0) return { output: '', errors, warnings, rendered: [], dpuConfigs };
  if (entries.length === 0) {
    errors.push({
      severity: 'error',
      message: `no manifests: the app directory has no ${opts.settings.deployInCluster ? 'host-side (deployInCluster: true)' : 'DPU-side'} DPUService and no other objects (an empty stream would make ArgoCD prune everything)`,
    });
    return { output: '', errors, warnings, rendered: [], dpuConfigs };
  }
  return { output: opts.printStream === false ? '' : yamlStream(entries), errors, warnings, rendered, entries, dpuConfigs };
}

/** Selects this side's services, checks names, interfaces and the cluster parameter. */
function planJobs(services: DpuService[], dsis: Map<string, DpuServiceInterface>, opts: GenerateOptions, errors: Problem[], warnings: Problem[]): Job[] {
  const jobs: Job[] = [];
  const seen = new Map<string, DpuService>();
  const consumedBy = new Map<string, string>();
  const selected = services
    .filter((s) => s.deployInCluster === opts.settings.deployInCluster)
    .sort((a, b) => (a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace)));
  for (const svc of selected) {
    const key = `${svc.namespace}/${svc.name}`;
    const object = `DPUService ${key}`;
    const err = (field: string | undefined, message: string, fix?: string): void => {
      errors.push({ severity: 'error', location: svc.location, object, ...(field ? { field } : {}), message, ...(fix ? { fix } : {}) });
    };
    const first = seen.get(key);
    if (first) {
      err('metadata.name', `is defined twice (also in ${first.location.file}#${first.location.doc})`);
      continue;
    }
    seen.set(key, svc);
    const cluster = clusterFor(svc, opts.settings.cluster);
    const needsCluster = svc.source.releaseName === undefined || COMPONENT_LABEL in svc.labels;
    if (cluster === '' && needsCluster) {
      err(undefined, 'the cluster parameter is not set: DPF names the release <cluster>-<dpuservice>', 'set the plugin parameter cluster to the DPUCluster name, or spec.helmChart.source.releaseName');
      continue;
    }
    const serviceID = serviceIdOf(svc.serviceID, svc.name, svc.namespace);
    if (svc.serviceID === undefined) {
      warnings.push({ severity: 'warning', location: svc.location, object, field: 'spec.serviceID', message: `is not set; using DPF's derived serviceID ${serviceID}`, fix: 'set spec.serviceID explicitly' });
    }
    const interfaces: DpuServiceInterface[] = [];
    (svc.interfaces ?? []).forEach((name, i) => {
      const field = `spec.interfaces[${i}]`;
      const dsi = dsis.get(`${svc.namespace}/${name}`);
      if (!dsi) return err(field, `DPUServiceInterface ${svc.namespace}/${name} is not in the app directory`);
      if (dsi.interfaceType !== 'service') return err(field, `DPUServiceInterface ${svc.namespace}/${name} has interfaceType ${JSON.stringify(dsi.interfaceType)}, DPF needs "service"`);
      if (dsi.service?.serviceID !== serviceID) {
        return err(field, `DPUServiceInterface ${svc.namespace}/${name} has service.serviceID ${JSON.stringify(dsi.service?.serviceID ?? '')}, not this DPUService's ${JSON.stringify(serviceID)}`);
      }
      const owner = consumedBy.get(`${svc.namespace}/${name}`);
      if (owner !== undefined) return err(field, `DPUServiceInterface ${svc.namespace}/${name} is already used by DPUService ${owner}`);
      consumedBy.set(`${svc.namespace}/${name}`, key);
      interfaces.push(dsi);
    });
    jobs.push({ svc, serviceID, cluster, releaseName: releaseNameOf(svc.source.releaseName, cluster, svc.name), interfaces });
  }
  const other = services.length - selected.length;
  if (other > 0) opts.log.info({ skipped: other }, `skipping DPUServices of the other side (deploy-in-cluster=${!opts.settings.deployInCluster})`);
  return jobs;
}

async function resolveChart(job: Job, opts: GenerateOptions): Promise<ResolvedChart> {
  const req: ChartRequest = { repoURL: job.svc.source.repoURL, version: job.svc.source.version };
  if (job.svc.source.chart !== undefined) req.chart = job.svc.source.chart;
  if (job.svc.source.path !== undefined) req.path = job.svc.source.path;
  const local = resolveLocalChart(req, { appDir: opts.appDir, repoRoot: opts.repoRoot, chartPaths: opts.settings.chartPaths, vendorDir: opts.settings.vendorDir });
  if (local) return local;
  return opts.fetchRemote(req);
}

/** Renders one service; pushes problems and returns its stream entries (undefined on error). */
/** `composedFrom`: the disable-annotation ids of the DPUDeployment, template and configuration a composed service came from. */
function renderJob(job: Job, resolved: ResolvedChart, opts: GenerateOptions, messages: MessageCatalog, errors: Problem[], warnings: Problem[], composedFrom: ReadonlySet<string>): StreamEntry[] | undefined {
  const { svc } = job;
  const object = `DPUService ${svc.namespace}/${svc.name}`;
  const base = { location: svc.location, object };
  let values;
  try {
    values = argoCDValuesFromDPUService(svc, {
      serviceID: job.serviceID,
      cluster: job.cluster,
      interfaces: job.interfaces,
      warn: (m) => warnings.push({ severity: 'warning', ...base, field: 'spec.helmChart.values', message: m }),
    });
  } catch (err) {
    errors.push({ severity: 'error', ...base, field: 'spec.serviceDaemonSet', message: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
  const chart = resolved.chart;
  // The contract's chart rules render through this: the CMP's Capabilities, helm's log lines
  // (first render only; the all-ports-exposed check render would repeat them).
  let renders = 0;
  const render: RenderFn = (c, o) => {
    const first = renders++ === 0;
    return renderChart(freshChartCopy(c), {
      releaseName: o.releaseName,
      namespace: o.namespace,
      values: o.values,
      ...(opts.env.kubeVersion ? { kubeVersion: opts.env.kubeVersion } : {}),
      apiVersions: opts.env.apiVersions,
      ...(first ? { log: (line: string) => warnings.push({ severity: 'warning', ...base, message: `helm: ${line.trim()}` }) } : {}),
    }).manifests.map((m): RenderedObject => ({ path: m.path, kind: m.kind, name: m.name, object: m.object, doc: m.doc, ...(m.namespace !== undefined ? { namespace: m.namespace } : {}), ...(m.hook !== undefined ? { hook: m.hook } : {}) }));
  };
  // The same check the webhook and lint run (checkChart), worded by the same templates.
  const checked = checkChartRender(chart, { releaseName: job.releaseName, namespace: svc.namespace, values: fromGo(values) as ContractJsonObject, render });
  // Kubernetes schemas of what the chart rendered (kube-schema parameter).
  const schema = opts.settings.kubeSchema === 'off' || !checked.objects ? [] : checkRenderedSchemas(chart, checked.objects, { kubeVersion: opts.env.kubeVersion, severity: opts.settings.kubeSchema === 'error' ? 'error' : 'warning' });
  let failed = false;
  const settled = settleFindings([...checked.findings, ...schema], opts.rules ?? NO_RULE_CONTROL, annotationLookup(new Set([...annotationDisables(svc.raw), ...composedFrom]), annotatedObjects(checked.objects ?? [])));
  for (const v of messages.renderAll(settled)) {
    const p: Problem = { severity: v.severity, ...base, message: violationText(v), fix: v.fix };
    (v.severity === 'error' ? errors : warnings).push(p);
    failed ||= v.severity === 'error';
  }
  const manifests = checked.objects;
  if (manifests) {
    opts.log.info({ dpuservice: `${svc.namespace}/${svc.name}`, release: job.releaseName, chart: `${chart.metadata.name}-${chart.metadata.version}`, origin: resolved.origin, objects: manifests.length }, 'rendered');
  } else {
    opts.log.warn({ dpuservice: `${svc.namespace}/${svc.name}`, chart: `${chart.metadata.name}-${chart.metadata.version}`, origin: resolved.origin }, 'chart did not render');
  }
  if (failed || !manifests) return undefined;
  if (svc.paused) {
    warnings.push({ severity: 'warning', ...base, field: 'spec.paused', message: 'is true: rendered from the current spec, every object marked Prune=false so ArgoCD never deletes it' });
  }
  return manifests.map((m) => {
    let obj = withDefaultNamespace(m.object, svc.namespace);
    if (svc.paused) obj = withSyncOption(obj, 'Prune=false');
    return { comments: [`DPUService: ${svc.namespace}/${svc.name}`, `Source: ${m.path}`], object: obj };
  });
}

function violationText(v: Violation): string {
  const where = [v.template, v.field].filter((x) => x).join(' ');
  const obj = v.object ? `${v.object.kind}${v.object.name ? ` ${v.object.name}` : ''}` : '';
  return `[${v.rule}] ${[obj, where].filter((x) => x).join(' ')}${obj || where ? ': ' : ''}${v.message}`;
}

function report(violations: Violation[], d: InputDocument, errors: Problem[], warnings: Problem[]): void {
  const kind = (d.value as JsonObject).kind as string;
  const meta = (d.value as JsonObject).metadata as JsonObject | undefined;
  const name = meta && typeof meta.name === 'string' ? meta.name : '(unnamed)';
  const ns = meta && typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
  for (const v of violations) {
    const line = v.path && d.lineOf ? d.lineOf(v.path) : undefined;
    const location = line !== undefined ? { ...d.location, line } : d.location;
    const p: Problem = { severity: v.severity, location, object: `${kind} ${ns}${name}`, message: `[${v.rule}] ${v.message}`, fix: v.fix, rule: v.rule };
    if (v.field) p.field = v.field;
    (v.severity === 'error' ? errors : warnings).push(p);
  }
}

/** kustomization.yaml and KRM function configs are not objects to apply. */
function isKustomizeConfig(raw: JsonObject): boolean {
  const group = String(raw.apiVersion).split('/')[0];
  return group === 'kustomize.config.k8s.io' || group === 'config.kubernetes.io';
}

function withSyncOption(obj: unknown, option: string): unknown {
  if (typeof obj !== 'object' || obj === null) return obj;
  const o = obj as Record<string, GoJson>;
  const meta = (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as Record<string, GoJson>;
  const annotations = (typeof meta.annotations === 'object' && meta.annotations !== null ? meta.annotations : {}) as Record<string, GoJson>;
  const existing = typeof annotations[SYNC_OPTIONS_ANNOTATION] === 'string' ? (annotations[SYNC_OPTIONS_ANNOTATION] as string) : '';
  const merged = existing.split(',').map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('Prune='));
  merged.push(option);
  return { ...o, metadata: { ...meta, annotations: { ...annotations, [SYNC_OPTIONS_ANNOTATION]: merged.join(',') } } };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
