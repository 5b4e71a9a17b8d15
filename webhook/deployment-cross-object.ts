/**
 * The cross-object half of a DPUDeployment review: the DPUServiceTemplates and
 * DPUServiceConfigurations it names (its namespace) and its BFB are read from the API server,
 * decoded as lint decodes them, and the same rules run: deployment-references
 * (getDependencies, servicesTopologicalSort, service chain ports), the composition problems
 * DPF's controller would hit, and deployment-version (verifyVersionMatching) against each
 * template's `status.versions`, the chart annotations DPF's DPUServiceTemplate controller
 * records there (DPF matches against exactly that field; a template not yet reconciled has none
 * and is skipped, as DPF skips it). DPUFlavors are not read: no check here needs them.
 * When the API server cannot be read, nothing is denied for it: a warning says the checks
 * could not run.
 */
import { checkDeploymentReferences } from '../contract/rules/deployment-references.js';
import { checkDeploymentVersions } from '../contract/rules/deployment-version.js';
import type { Finding } from '../contract/types.js';
import {
  composeDeployment,
  decodeBfb,
  decodeDpuDeployment,
  decodeDpuServiceConfiguration,
  decodeDpuServiceTemplate,
  filterVersions,
  type Bfb,
  type DeploymentInputs,
  type DocaVersionSource,
  type DpuServiceConfiguration,
  type DpuServiceTemplate,
  type TemplateVersions,
} from '../dpf/deployment/index.js';
import type { JsonObject, SourceLocation } from '../dpf/dpuservice.js';
import { ClusterReadError, type ClusterReader, type ObjectAddress } from './cluster-reader.js';

const SVC = { group: 'svc.dpu.nvidia.com', version: 'v1alpha1' };
const PROVISIONING = { group: 'provisioning.dpu.nvidia.com', version: 'v1alpha1' };

/** Objects from the API server have no file: findings point at the reviewed object. */
const FROM_API: SourceLocation = { file: '', doc: 0, line: 0 };

export interface CrossObjectResult {
  findings: Finding[];
  /** Set when the API server could not be read (the findings then hold only the warning). */
  failure?: ClusterReadError;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one DPUDeployment (already past its own CRD/CEL rules) against its siblings in the cluster. */
export async function checkDeploymentAcrossObjects(object: unknown, defaultNamespace: string, reader: ClusterReader): Promise<CrossObjectResult> {
  const d = decodeDpuDeployment(object as JsonObject, FROM_API, defaultNamespace);
  const at = (where: { group: string; version: string }, plural: string, name: string): ObjectAddress => ({ ...where, plural, namespace: d.namespace, name });
  const templateNames = [...new Set([...d.services.values()].map((s) => s.serviceTemplate))];
  const configurationNames = [...new Set([...d.services.values()].map((s) => s.serviceConfiguration))];
  let read: [(Obj | undefined)[], (Obj | undefined)[], Obj | undefined];
  try {
    read = await Promise.all([
      Promise.all(templateNames.map((n) => reader.get(at(SVC, 'dpuservicetemplates', n)))),
      Promise.all(configurationNames.map((n) => reader.get(at(SVC, 'dpuserviceconfigurations', n)))),
      d.bfb !== undefined ? reader.get(at(PROVISIONING, 'bfbs', d.bfb)) : Promise.resolve(undefined),
    ]);
  } catch (err) {
    const failure = err instanceof ClusterReadError ? err : new ClusterReadError('unreachable', 'read the DPUDeployment\'s objects', err instanceof Error ? err.message : String(err), { cause: err });
    const warning: Finding = {
      rule: 'deployment-references',
      severity: 'warning',
      object: { apiVersion: 'svc.dpu.nvidia.com/v1alpha1', kind: 'DPUDeployment', namespace: d.namespace, name: d.name },
      path: ['spec'],
      detail: { problem: `cross-object checks did not run: the API server could not be read (${failure.reason})` },
    };
    return { findings: [warning], failure };
  }
  const [templateObjects, configurationObjects, bfbObject] = read;
  const key = (o: { namespace: string; name: string }) => `${o.namespace}/${o.name}`;
  const templates = new Map<string, DpuServiceTemplate>();
  const statusVersions = new Map<string, unknown>();
  for (const raw of templateObjects) {
    if (!raw) continue;
    const t = decodeDpuServiceTemplate(raw as JsonObject, FROM_API, d.namespace);
    templates.set(key(t), t);
    statusVersions.set(t.name, isObj(raw.status) ? raw.status.versions : undefined);
  }
  const configurations = new Map<string, DpuServiceConfiguration>();
  for (const raw of configurationObjects) {
    if (!raw) continue;
    const c = decodeDpuServiceConfiguration(raw as JsonObject, FROM_API, d.namespace);
    configurations.set(key(c), c);
  }
  const bfbs = new Map<string, Bfb>();
  if (bfbObject) {
    const b = decodeBfb(bfbObject as JsonObject, FROM_API, d.namespace);
    bfbs.set(key(b), b);
  }
  const inputs: DeploymentInputs = { templates, configurations, bfbs, flavors: new Map() };
  const refs = checkDeploymentReferences(d, inputs);
  // The flavor is not read (nothing here needs it), so its "not found" would be untrue.
  const findings = refs.findings.filter((f) => f.path?.join('.') !== 'spec.dpus.flavor').map(admitNotYetApplied);
  if (findings.some((f) => f.severity === 'error' || isNotYetApplied(f))) return { findings };
  const { problems } = composeDeployment(d, refs.deps);
  for (const p of problems) {
    findings.push({ rule: 'deployment-references', severity: 'error', object: { kind: 'DPUDeployment', namespace: d.namespace, name: d.name }, path: p.path, detail: { problem: p.message } });
  }
  const bfb = refs.deps.bfb;
  const doca: DocaVersionSource | undefined = bfb?.docaVersion ? { version: bfb.docaVersion, from: `BFB ${key(bfb)} ${bfb.docaVersionField}` } : undefined;
  const versions: TemplateVersions[] = [...refs.deps.templates.values()].flatMap((t) => {
    const recorded = statusVersions.get(t.name);
    return isObj(recorded) ? [{ template: t.name, versions: filterVersions(recorded) }] : [];
  });
  findings.push(...checkDeploymentVersions(d, doca, versions));
  return { findings };
}

/**
 * A template or configuration the cluster does not hold yet. DPF waits for it (the DPUDeployment
 * stays not ready), and a sync may apply the DPUDeployment first: Argo CD orders custom kinds of
 * one wave by name, `kubectl apply -f DIR` by file name. Denying would fail that sync, so the
 * webhook warns; lint and generate, which see the whole repository, keep it an error.
 */
const NOT_FOUND = /Kind=(\w+) (\S+): not found(?: in the app directory)?$/;
/** Warnings are shortened to a line by the webhook: the point comes first. */
const NOT_YET_APPLIED = 'is not in the cluster yet: admitted, as DPF waits for it (lint and generate report it as an error)';

function admitNotYetApplied(f: Finding): Finding {
  const problem = typeof f.detail?.problem === 'string' ? f.detail.problem : '';
  const m = NOT_FOUND.exec(problem);
  if (f.severity !== 'error' || !m) return f;
  return { ...f, severity: 'warning', detail: { ...f.detail, problem: `${m[1]} ${m[2]} ${NOT_YET_APPLIED}` } };
}

function isNotYetApplied(f: Finding): boolean {
  return typeof f.detail?.problem === 'string' && f.detail.problem.endsWith(NOT_YET_APPLIED);
}
