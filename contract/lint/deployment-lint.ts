/**
 * lint's DPUDeployment checks across files: the DPUServiceTemplates, DPUServiceConfigurations,
 * DPUDeployments, BFBs and DPUFlavors of all linted files are read together; each DPUDeployment
 * is checked for references that do not resolve and deploymentServiceName mismatches
 * (deployment-references), composed as DPF's controller would (dpf/deployment), its template
 * charts version-matched against the BFB's DOCA version or `docaVersion` (deployment-version), and
 * each composed DPUService goes through the DPUService object rules and, when its chart is local,
 * the chart rules (as a DPUService written in a file does). Findings point at the DPUDeployment's
 * file and line. The object rules of each input ran already with the file's other objects.
 */
import { annotationDisables, NO_RULE_CONTROL, settleFindings } from '../../config/rules.js';
import { checkDpuService } from '../dpuservice.js';
import { chartSourceOf } from '../chart-resolver.js';
import type { LocalChartResolver } from '../local-charts.js';
import { checkDeploymentReferences } from '../rules/deployment-references.js';
import { checkDeploymentVersions } from '../rules/deployment-version.js';
import type { Finding } from '../types.js';
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
  type Bfb,
  type DeploymentInputs,
  type DocaVersionSource,
  type DpuDeployment,
  type DpuFlavor,
  type DpuServiceConfiguration,
  type DpuServiceTemplate,
} from '../../dpf/deployment/index.js';
import type { JsonObject } from '../../dpf/dpuservice.js';
import type { ManifestDocument } from './manifest-file.js';

/** A deployment input found in a linted file, with no error from its own object rules. */
export interface LocatedInput {
  value: JsonObject;
  file: string;
  doc: ManifestDocument;
}

export interface DeploymentLintOptions {
  namespace: string;
  cluster: string;
  docaVersion?: string;
  /** Renders and checks a composed DPUService's chart (lintDpuServiceChart of run-lint.ts). */
  lintChart: (service: JsonObject, doc: ManifestDocument, file: string) => Finding[];
  resolver: LocalChartResolver;
}

/** namespace/name, as maps and messages key objects. */
const key = (o: { namespace: string; name: string }): string => `${o.namespace}/${o.name}`;

export function lintDeployments(inputs: readonly LocatedInput[], opts: DeploymentLintOptions): Finding[] {
  const loc = (i: LocatedInput) => ({ file: i.file, doc: i.doc.index, line: i.doc.line });
  const templates = new Map<string, DpuServiceTemplate>();
  const configurations = new Map<string, DpuServiceConfiguration>();
  const bfbs = new Map<string, Bfb>();
  const flavors = new Map<string, DpuFlavor>();
  const deployments: [DpuDeployment, LocatedInput][] = [];
  for (const i of inputs) {
    const kind = i.value.kind;
    if (kind === DPUSERVICE_TEMPLATE_KIND) {
      const t = decodeDpuServiceTemplate(i.value, loc(i), opts.namespace);
      templates.set(key(t), t);
    } else if (kind === DPUSERVICE_CONFIGURATION_KIND) {
      const c = decodeDpuServiceConfiguration(i.value, loc(i), opts.namespace);
      configurations.set(key(c), c);
    } else if (kind === DPUDEPLOYMENT_KIND) deployments.push([decodeDpuDeployment(i.value, loc(i), opts.namespace), i]);
    else if (kind === BFB_KIND) {
      const b = decodeBfb(i.value, loc(i), opts.namespace);
      bfbs.set(key(b), b);
    } else {
      const f = decodeDpuFlavor(i.value, loc(i), opts.namespace);
      flavors.set(key(f), f);
    }
  }
  const all: DeploymentInputs = { templates, configurations, bfbs, flavors };
  const findings: Finding[] = [];
  for (const [d, at] of deployments) findings.push(...settleFindings(deploymentFindings(d, at, all, opts), NO_RULE_CONTROL, () => annotationDisables(at.value)));
  return findings;
}

/**
 * One DPUDeployment's findings: its references, its composition, its charts' DOCA versions and
 * what each composed DPUService and its chart are found to have. Its annotation
 * dpu-gitops.nvidia.com/disable settles them all (the caller).
 */
function deploymentFindings(d: DpuDeployment, at: LocatedInput, all: DeploymentInputs, opts: DeploymentLintOptions): Finding[] {
  const findings: Finding[] = [];
  const place = (f: Finding): Finding => ({ ...f, file: at.file, line: at.doc.lineOf(f.path) });
  const refs = checkDeploymentReferences(d, all);
  findings.push(...refs.findings.map(place));
  if (refs.findings.some((f) => f.severity === 'error')) return findings;
  const { composed, problems } = composeDeployment(d, refs.deps);
  for (const p of problems) findings.push(place({ rule: 'deployment-references', severity: 'error', object: { kind: 'DPUDeployment', namespace: d.namespace, name: d.name }, path: p.path, detail: { problem: p.message } }));
  if (!composed) return findings;
  const doca: DocaVersionSource | undefined = refs.deps.bfb?.docaVersion
    ? { version: refs.deps.bfb.docaVersion, from: `BFB ${key(refs.deps.bfb)} ${refs.deps.bfb.docaVersionField}` }
    : opts.docaVersion
      ? { version: opts.docaVersion, from: 'parameter doca-version' }
      : undefined;
  const versions = composed.services.flatMap((s) => {
    const source = chartSourceOf(s.dpuService);
    const local = source ? opts.resolver.find(source) : undefined;
    return local ? [{ template: s.template.name, versions: filterVersions(local.chart.metadata.annotations) }] : [];
  });
  findings.push(...checkDeploymentVersions(d, doca, versions).map(place));
  for (const s of composed.services) {
    // The composed DPUService's own path in the message, the DPUDeployment's service entry as the line.
    const own = checkDpuService(s.dpuService).map((f) => ({ ...f, file: at.file, line: at.doc.lineOf(['spec', 'services', s.service]), detail: { ...(f.detail ?? {}), dpuDeployment: `${key(d)} service ${s.service}` } }));
    findings.push(...own);
    if (own.some((f) => f.severity === 'error')) continue;
    findings.push(...opts.lintChart(s.dpuService, at.doc, at.file).map((f) => ({ ...f, detail: { ...(f.detail ?? {}), dpuDeployment: `${key(d)} service ${s.service}` } })));
  }
  return findings;
}
