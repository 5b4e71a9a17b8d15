/**
 * The `generate` step for DPUDeployments (issue 13): the DPUServiceTemplates,
 * DPUServiceConfigurations, DPUDeployments, BFBs and DPUFlavors of the app directory are read
 * (never emitted), checked with the deployment-* rules, and each DPUDeployment is composed into
 * the DPUServices and DPUServiceInterfaces DPF's controller would create
 * (dpf/deployment/compose.ts). The composed DPUServices then take the DPUService path of
 * generate.ts (rules, chart, per-DPU values); before a composed service renders, its chart's
 * `dpu.nvidia.com/doca-version` is matched against the BFB's DOCA version (or the doca-version
 * parameter); the DPU inventory gets the labels the DPUDeployment's DPUSets put on the DPUs they
 * pick, so the services' node selectors resolve.
 *
 * Every finding here goes through rule control (config/rules.ts): rules.disable, --disable and
 * rules.severity as generate passes them, and the dpu-gitops.nvidia.com/disable annotation: an
 * input's own findings are settled by its annotation; a DPUDeployment's reference and version
 * findings by the DPUDeployment's (versions: and the template's); a composed DPUService's by
 * its DPUDeployment's, DPUServiceTemplate's and DPUServiceConfiguration's (and its own).
 */
import { annotationDisables, disablesInAll, NO_RULE_CONTROL, settleFindings, type RuleControl } from '../config/rules.js';
import { checkDeploymentObject } from '../contract/deployment.js';
import { checkDpuService } from '../contract/dpuservice.js';
import type { MessageCatalog } from '../contract/messages.js';
import { checkDeploymentReferences } from '../contract/rules/deployment-references.js';
import { checkDeploymentVersions } from '../contract/rules/deployment-version.js';
import type { Finding, Violation } from '../contract/types.js';
import {
  BFB_KIND,
  composeDeployment,
  decodeBfb,
  decodeDpuDeployment,
  decodeDpuFlavor,
  decodeDpuServiceConfiguration,
  decodeDpuServiceTemplate,
  DPUDEPLOYMENT_KIND,
  DPUSERVICE_CONFIGURATION_KIND,
  DPUSERVICE_TEMPLATE_KIND,
  filterVersions,
  isDeploymentInput,
  withDeploymentNodeLabels,
  type Bfb,
  type ComposedDeployment,
  type DeploymentInputs,
  type DocaVersionSource,
  type DpuDeployment,
  type DpuFlavor,
  type DpuServiceConfiguration,
  type DpuServiceTemplate,
} from '../dpf/deployment/index.js';
import { decodeDpuService, decodeDpuServiceInterface, type DpuService, type DpuServiceInterface, type JsonObject, type SourceLocation } from '../dpf/dpuservice.js';
import type { Inventory } from './per-dpu/inventory.js';
import type { Problem } from './problems.js';

export { isDeploymentInput } from '../dpf/deployment/types.js';

/** A composed DPUService and where it came from. */
export interface ComposedOrigin {
  deployment: DpuDeployment;
  service: string;
  template: DpuServiceTemplate;
  configuration: DpuServiceConfiguration;
  /** The DOCA version its chart is matched against, if any is known. */
  doca?: DocaVersionSource;
}

export interface DeploymentStage {
  /** The composed DPUServices, decoded as generate decodes DPUServices. */
  services: DpuService[];
  /** The composed DPUServiceInterfaces. */
  interfaces: DpuServiceInterface[];
  /** Composed service `<namespace>/<name>` → origin. */
  origins: Map<string, ComposedOrigin>;
  composed: ComposedDeployment[];
  /** labelledInventory's result per inventory (computed once per run, not per service). */
  labelled?: WeakMap<Inventory, Inventory>;
}

interface Doc {
  value: unknown;
  location: SourceLocation;
}

const key = (o: { namespace: string; name: string }) => `${o.namespace}/${o.name}`;

/**
 * Reads, checks and composes. Problems go to `errors`/`warnings` at the input's location; a
 * DPUDeployment with an error composes nothing (generate then fails as a whole).
 */
export function composeDeploymentStage(
  docs: readonly Doc[],
  defaultNs: string,
  docaParameter: string,
  messages: MessageCatalog,
  errors: Problem[],
  warnings: Problem[],
  rules: RuleControl = NO_RULE_CONTROL,
): DeploymentStage {
  const stage: DeploymentStage = { services: [], interfaces: [], origins: new Map(), composed: [] };
  const templates = new Map<string, DpuServiceTemplate>();
  const configurations = new Map<string, DpuServiceConfiguration>();
  const bfbs = new Map<string, Bfb>();
  const flavors = new Map<string, DpuFlavor>();
  const deployments: DpuDeployment[] = [];
  for (const d of docs) {
    const raw = d.value as JsonObject;
    const kind = raw.kind as string;
    const findings = settleFindings(checkDeploymentObject(kind, raw), rules, () => annotationDisables(raw));
    report(messages.renderAll(findings), d.location, describe(raw), errors, warnings);
    if (findings.some((f) => f.severity === 'error')) continue;
    const add = <T extends { namespace: string; name: string; location: SourceLocation }>(map: Map<string, T>, o: T): void => {
      const first = map.get(key(o));
      if (first) errors.push({ severity: 'error', location: o.location, object: `${kind} ${key(o)}`, field: 'metadata.name', message: `is defined twice (also in ${first.location.file}#${first.location.doc})` });
      else map.set(key(o), o);
    };
    if (kind === DPUSERVICE_TEMPLATE_KIND) add(templates, decodeDpuServiceTemplate(raw, d.location, defaultNs));
    else if (kind === DPUSERVICE_CONFIGURATION_KIND) add(configurations, decodeDpuServiceConfiguration(raw, d.location, defaultNs));
    else if (kind === DPUDEPLOYMENT_KIND) deployments.push(decodeDpuDeployment(raw, d.location, defaultNs));
    else if (kind === BFB_KIND) add(bfbs, decodeBfb(raw, d.location, defaultNs));
    else add(flavors, decodeDpuFlavor(raw, d.location, defaultNs));
  }
  const inputs: DeploymentInputs = { templates, configurations, bfbs, flavors };
  const seen = new Map<string, DpuDeployment>();
  for (const dep of deployments.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))) {
    const object = `DPUDeployment ${key(dep)}`;
    if (seen.has(key(dep))) {
      errors.push({ severity: 'error', location: dep.location, object, field: 'metadata.name', message: `is defined twice (also in ${seen.get(key(dep))!.location.file}#${seen.get(key(dep))!.location.doc})` });
      continue;
    }
    seen.set(key(dep), dep);
    const refs = checkDeploymentReferences(dep, inputs);
    const refFindings = settleFindings(refs.findings, rules, () => disablesInAll([dep.annotations]));
    report(messages.renderAll(refFindings), dep.location, object, errors, warnings);
    if (refFindings.some((f) => f.severity === 'error')) continue;
    // A reference that does not resolve cannot be composed, whatever the rule's setting: say so
    // rather than drop its services silently.
    if (refs.findings.some((f) => f.severity === 'error')) {
      warnings.push({ severity: 'warning', location: dep.location, object, message: 'not composed: what it names does not resolve (deployment-references is disabled or lowered to warning, so this does not fail the run)' });
      continue;
    }
    const { composed, problems } = composeDeployment(dep, refs.deps, (m) => warnings.push({ severity: 'warning', location: dep.location, object, message: `values: ${m}` }));
    for (const p of problems) errors.push({ severity: 'error', location: dep.location, object, field: p.path.join('.'), message: p.message });
    if (!composed) continue;
    stage.composed.push(composed);
    const doca = docaVersionFor(refs.deps.bfb, docaParameter);
    for (const s of composed.services) {
      const svcObject = `DPUService ${dep.namespace}/${s.name} (DPUDeployment ${key(dep)} service ${s.service})`;
      // Located at the configuration: the composed values and DaemonSet settings come from it.
      const annotated = disablesInAll([dep.annotations, s.template.annotations, s.configuration.annotations]);
      for (const id of annotationDisables(s.dpuService)) annotated.add(id);
      const findings = settleFindings(checkDpuService(s.dpuService), rules, () => annotated);
      report(messages.renderAll(findings), s.configuration.location, svcObject, errors, warnings);
      if (findings.some((f) => f.severity === 'error')) continue;
      const svc = decodeDpuService(s.dpuService, s.configuration.location, defaultNs);
      stage.services.push(svc);
      stage.origins.set(key(svc), { deployment: dep, service: s.service, template: s.template, configuration: s.configuration, ...(doca ? { doca } : {}) });
      for (const dsi of s.interfaces) stage.interfaces.push(decodeDpuServiceInterface(dsi, dep.location, defaultNs));
    }
  }
  return stage;
}

/** The DOCA version a DPUDeployment's charts are matched against: the BFB's, else the parameter. */
export function docaVersionFor(bfb: Bfb | undefined, docaParameter: string): DocaVersionSource | undefined {
  if (bfb?.docaVersion) return { version: bfb.docaVersion, from: `BFB ${key(bfb)} ${bfb.docaVersionField}` };
  if (docaParameter !== '') return { version: docaParameter, from: 'parameter doca-version' };
  return undefined;
}

/**
 * Version matching for one composed service once its chart is known (the chart's annotations
 * are what DPF's DPUServiceTemplate controller copies into status.versions). Returns false after
 * pushing an error when the versions do not match.
 */
export function matchServiceVersion(
  svc: DpuService,
  chartAnnotations: ReadonlyMap<string, string> | Readonly<Record<string, unknown>> | undefined,
  stage: DeploymentStage,
  messages: MessageCatalog,
  errors: Problem[],
  warnings: Problem[],
  rules: RuleControl = NO_RULE_CONTROL,
): boolean {
  const origin = stage.origins.get(key(svc));
  if (!origin) return true;
  const checked: Finding[] = checkDeploymentVersions(origin.deployment, origin.doca, [{ template: origin.template.name, versions: filterVersions(chartAnnotations) }]);
  const findings = settleFindings(checked, rules, () => disablesInAll([origin.deployment.annotations, origin.template.annotations]));
  report(messages.renderAll(findings), origin.deployment.location, `DPUDeployment ${key(origin.deployment)}`, errors, warnings);
  return !findings.some((f) => f.severity === 'error');
}

/**
 * The rule ids the disable annotation names on the DPUDeployment, DPUServiceTemplate and
 * DPUServiceConfiguration a composed DPUService comes from (empty for any other DPUService):
 * for settling the findings of its chart, whose owner DPF creates and nobody annotates.
 */
export function composedAnnotationIds(stage: DeploymentStage, svc: { namespace: string; name: string }): Set<string> {
  const origin = stage.origins.get(key(svc));
  return origin ? disablesInAll([origin.deployment.annotations, origin.template.annotations, origin.configuration.annotations]) : new Set();
}

/** The inventory with the node labels of the composed DPUDeployments on the DPUs their DPUSets pick. */
export function labelledInventory(inventory: Inventory, stage: DeploymentStage): Inventory {
  if (stage.composed.length === 0) return inventory;
  stage.labelled ??= new WeakMap();
  let out = stage.labelled.get(inventory);
  if (!out) {
    out = { ...inventory, dpus: inventory.dpus.map((dpu) => withDeploymentNodeLabels(dpu, stage.composed)) };
    stage.labelled.set(inventory, out);
  }
  return out;
}

function describe(raw: JsonObject): string {
  const meta = raw.metadata as JsonObject | undefined;
  const name = meta && typeof meta.name === 'string' ? meta.name : '(unnamed)';
  const ns = meta && typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
  return `${String(raw.kind)} ${ns}${name}`;
}

function report(violations: Violation[], location: SourceLocation, object: string, errors: Problem[], warnings: Problem[]): void {
  for (const v of violations) {
    const p: Problem = { severity: v.severity, location, object, message: `[${v.rule}] ${v.message}`, fix: v.fix, rule: v.rule };
    if (v.field) p.field = v.field;
    (v.severity === 'error' ? errors : warnings).push(p);
  }
}

/**
 * For `preview`: the DPUServices composed from the DPUDeployments among `docs` (as objects, with
 * the file of their DPUDeployment) and the stage whose node labels the inventory needs.
 * Problems become lines for stderr; preview shows what does compose.
 */
export function composeForPreview(
  docs: readonly Doc[],
  defaultNs: string,
  docaParameter: string,
  messages: MessageCatalog,
  rules: RuleControl = NO_RULE_CONTROL,
): { objects: { value: unknown; file: string }[]; stage: DeploymentStage; problems: string[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const inputs = docs.filter((d) => isDeploymentInput(d.value));
  const stage = composeDeploymentStage(inputs, defaultNs, docaParameter, messages, errors, warnings, rules);
  const objects = stage.composed.flatMap((c) => c.services.map((s) => ({ value: s.dpuService as unknown, file: c.deployment.location.file })));
  return { objects, stage, problems: errors.map((e) => `${e.object ?? ''}${e.field ? ` ${e.field}` : ''}: ${e.message}`) };
}
