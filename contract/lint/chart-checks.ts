/**
 * The chart checks `lint` runs beside the DPF rules on every chart it is given: helm lint's
 * findings (contract/helm-lint) and Kubernetes schema validation of everything the chart renders
 * (contract/kube-schema), as findings of the rules `helm-lint` and `kube-schema`, each pointing
 * at the chart file — for rendered objects the template and line they came from.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runHelmLint, type HelmLintOptions } from '../helm-lint/command.js';
import type { HelmLintMessage } from '../helm-lint/message.js';
import { decodeK8sYamlStruct, splitRenderedDocuments } from '../helm-lint/rendered-documents.js';
import type { Chart, ChartFile } from '../../helm/chart/types.js';
import { goStringFromBytes } from '../../helm/template/gostring.js';
import { chartCrdSources, kubeVersionTarget } from '../kube-schema/rendered-check.js';
import { collectCrds, validateObjects, type SchemaTarget, type UnknownKinds } from '../kube-schema/validate.js';
import { annotationDisables } from '../../config/rules.js';
import type { Finding } from '../types.js';
import { renderedDocumentCount, templateLine } from './template-lines.js';

export type KubeSchemaMode = 'strict' | 'loose' | 'off';

export interface ChartCheckOptions extends Omit<HelmLintOptions, 'paths' | 'quiet' | 'log'> {
  kubeSchema: KubeSchemaMode;
  unknownKinds: UnknownKinds;
  log?: (line: string) => void;
}

/** Where a rendered document came from. */
interface Origin {
  template: string;
  documentIndex: number;
}

/** helm-lint and kube-schema findings for the given chart paths (directories or .tgz). */
export function chartCheckFindings(chartPaths: readonly string[], opts: ChartCheckOptions): Finding[] {
  if (chartPaths.length === 0) return [];
  const run = runHelmLint({ ...opts, paths: chartPaths, quiet: false, log: opts.log ?? (() => {}) });
  const findings: Finding[] = [];
  for (const result of run.results) {
    const outcome = result.outcome;
    if (outcome.kind === 'error') {
      findings.push({ rule: 'helm-lint', severity: 'error', object: { kind: 'Chart', name: result.path }, file: result.path, detail: { message: outcome.error } });
      continue;
    }
    const { chart, rendered, loadError } = outcome.templates;
    const place = new TemplatePlaces(result.path, chart, rendered);
    for (const m of outcome.messages) {
      if (m.severity === 'INFO') continue;
      // A chart that does not load is the DPF rule chart-render's finding already (same loader).
      if (loadError !== undefined && (m.text === loadError || m.text === `unable to load chart\n\t${loadError}`)) continue;
      findings.push(helmFinding(m, result.path, chart, place, opts.strict));
    }
    if (opts.kubeSchema !== 'off' && chart && rendered) findings.push(...schemaFindings(chart, rendered, place, opts));
  }
  return findings;
}

function helmFinding(m: HelmLintMessage, chartPath: string, chart: Chart | undefined, place: TemplatePlaces, strict: boolean): Finding {
  const severity = m.severity === 'ERROR' || strict ? 'error' : 'warning';
  const f: Finding = { rule: 'helm-lint', severity, object: { kind: 'Chart', name: chart?.name() ?? chartPath }, detail: { message: m.text } };
  if (m.path.startsWith('templates/') && m.path !== 'templates/' && chart) {
    const full = `${chart.name()}/${m.path}`;
    f.template = full;
    f.file = place.fileOf(full);
    if (m.documentIndex !== undefined) f.line = place.lineOf(full, m.documentIndex, []);
    return f;
  }
  f.file = m.path === 'Chart.yaml' || m.path === 'values.yaml' || m.path === 'templates/' ? join(chartPath, m.path) : chartPath;
  return f;
}

function schemaFindings(chart: Chart, rendered: Map<string, string>, place: TemplatePlaces, opts: ChartCheckOptions): Finding[] {
  const targets: SchemaTarget[] = [];
  const crdSources = chartCrdSources(chart);
  for (const [template, text] of rendered) {
    if (template.endsWith('NOTES.txt')) continue;
    let index = 0;
    try {
      splitRenderedDocuments(text, (doc) => {
        const origin: Origin = { template, documentIndex: index++ };
        try {
          const { value } = decodeK8sYamlStruct(doc.text);
          targets.push({ value, origin });
          crdSources.push({ value, source: template });
        } catch {
          // not YAML: helm-lint reports it
        }
        return true;
      });
    } catch {
      // a bad separator: helm-lint reports it
    }
  }
  const kubeVersion = kubeVersionTarget(opts.kubeVersion);
  const results = validateObjects(targets, collectCrds(crdSources), { kubeVersion, strict: opts.kubeSchema === 'strict', unknownKinds: opts.unknownKinds });
  // An object annotated dpu-gitops.nvidia.com/disable: kube-schema settles its own findings.
  const settled = new Set(targets.filter((t) => annotationDisables(t.value).has('kube-schema')).map((t) => t.origin));
  return results.filter((r) => !settled.has(r.origin)).map((r) => {
    const origin = r.origin as Origin;
    return {
      rule: 'kube-schema',
      severity: r.severity,
      object: { apiVersion: r.apiVersion, kind: r.kind, ...(r.name ? { name: r.name } : {}) },
      path: r.problem.path,
      template: origin.template,
      file: place.fileOf(origin.template),
      line: place.lineOf(origin.template, origin.documentIndex, r.problem.path),
      detail: { message: r.problem.message },
    } satisfies Finding;
  });
}

/** Template names (`chart/charts/sub/templates/x.yaml`) to files on disk and source lines. */
class TemplatePlaces {
  private readonly sources = new Map<string, ChartFile>();

  constructor(
    private readonly chartPath: string,
    chart: Chart | undefined,
    private readonly rendered: Map<string, string> | undefined,
  ) {
    const visit = (c: Chart, prefix: string): void => {
      for (const t of c.templates) this.sources.set(`${prefix}/${t.name}`, t);
      for (const d of c.dependencies) visit(d, `${prefix}/charts/${d.name()}`);
    };
    if (chart) visit(chart, chart.name());
  }

  /** The file a template is: under the chart folder (its own name may differ from the chart's). */
  fileOf(template: string): string {
    const inner = template.slice(template.indexOf('/') + 1);
    const candidate = join(this.chartPath, inner);
    return existsSync(candidate) || !this.chartPath.endsWith('.tgz') ? candidate : `${this.chartPath}:${inner}`;
  }

  lineOf(template: string, documentIndex: number, path: (string | number)[]): number {
    const source = this.sources.get(template);
    const text = this.rendered?.get(template);
    if (!source || text === undefined) return 1;
    return templateLine(goStringFromBytes(source.data), renderedDocumentCount(text), documentIndex, path);
  }
}
