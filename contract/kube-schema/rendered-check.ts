/**
 * The Kubernetes schema check of a chart's rendered objects where the chart is rendered for a
 * DPUService (generate): built-in kinds strictly, custom resources by the chart's own CRDs,
 * kinds without a schema left alone (a chart may create resources of operators installed
 * elsewhere). Findings carry the template they came from.
 */
import { parseYamlToGo } from '../../helm/yaml/parse.js';
import { parseKubeVersion, KubeVersionError, DEFAULT_KUBE_VERSION } from '../../helm/chart/capabilities.js';
import type { Chart } from '../../helm/chart/types.js';
import { goStringFromBytes } from '../../helm/template/gostring.js';
import { splitRenderedDocuments } from '../helm-lint/rendered-documents.js';
import type { Finding } from '../types.js';
import { collectCrds, validateObjects } from './validate.js';

/** JSON objects → the Map form the validators read. */
function asMaps(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(asMaps);
  if (v !== null && typeof v === 'object' && !(v instanceof Map)) return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, asMaps(x)]));
  return v;
}

/** The target version: `--kube-version` text (helm's default v1.32.0 when empty or bad). */
export function kubeVersionTarget(text: string | undefined): { major: number; minor: number } {
  const v = text ? parseKubeVersion(text) : undefined;
  if (v === undefined || v instanceof KubeVersionError) return { major: Number(DEFAULT_KUBE_VERSION.major), minor: Number(DEFAULT_KUBE_VERSION.minor) };
  return { major: Number(v.major), minor: Number(v.minor) };
}

/** kube-schema findings (at `severity`) for the rendered objects of `chart`. */
export function checkRenderedSchemas(
  chart: Chart,
  objects: readonly { path: string; object: unknown }[],
  opts: { kubeVersion?: string; severity: 'error' | 'warning' },
): Finding[] {
  const crdSources = chartCrdSources(chart);
  const targets = objects.map((o) => ({ value: asMaps(o.object), origin: o.path }));
  for (const t of targets) crdSources.push({ value: t.value, source: t.origin });
  const found = validateObjects(targets, collectCrds(crdSources), { kubeVersion: kubeVersionTarget(opts.kubeVersion), strict: true, unknownKinds: 'ignore' });
  return found.map((r) => ({
    rule: 'kube-schema',
    severity: opts.severity,
    object: { apiVersion: r.apiVersion, kind: r.kind, ...(r.name ? { name: r.name } : {}) },
    path: r.problem.path,
    template: r.origin as string,
    detail: { message: r.problem.message },
  }));
}

/** The chart's crds/ documents (subcharts' too) as parsed values with their file, for CRD schemas. */
export function chartCrdSources(chart: Chart): { value: unknown; source: string }[] {
  const sources: { value: unknown; source: string }[] = [];
  for (const crd of chart.crdObjects()) {
    splitRenderedDocuments(goStringFromBytes(crd.file.data), (doc) => {
      try {
        sources.push({ value: parseYamlToGo(doc.text), source: crd.filename });
      } catch {
        // not YAML: helm refuses such a CRD file at install; nothing to validate with it
      }
      return true;
    });
  }
  return sources;
}
