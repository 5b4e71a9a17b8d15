/**
 * helm v3.17.3 pkg/lint/rules/template.go TemplatesWithSkipSchemaValidation: the chart renders
 * in lint mode with release "test-release" (values coalesced, subchart schemas checked), then
 * each of the chart's own templates is checked: extension, crd-install hooks, .Release.Time,
 * and for .yaml files the rendered text: top-level indent, YAML validity per document,
 * metadata.name, deprecated APIs, workload selectors, List annotations.
 */
import { defaultCapabilities } from '../../helm/chart/capabilities.js';
import { coalesceValues } from '../../helm/chart/coalesce.js';
import { processDependencies } from '../../helm/chart/dependencies.js';
import { validateAgainstSchema } from '../../helm/chart/schema.js';
import type { Chart } from '../../helm/chart/types.js';
import { renderTemplates } from '../../helm/render/engine.js';
import { RenderError } from '../../helm/render/errors.js';
import { joinPath } from '../../helm/render/go-text.js';
import { logLine } from '../../helm/render/log-lines.js';
import { toRenderValues } from '../../helm/render/render-values.js';
import { goStringFromBytes } from '../../helm/template/gostring.js';
import { quote } from '../../helm/template/strconv.js';
import type { GoMap } from '../../helm/template/value.js';
import { parseYamlToGo } from '../../helm/yaml/parse.js';
import { inChart, kindOf } from './chart-dir.js';
import type { LintChartLoader } from './chart-load.js';
import { deprecationWarning } from './deprecations.js';
import { metadataNameError } from './k8s-names.js';
import type { MessageSink } from './message.js';
import { decodeK8sYamlStruct, DocumentSeparatorError, splitRenderedDocuments, type DecodedDocument } from './rendered-documents.js';

export interface TemplateLintOptions {
  values: GoMap;
  namespace: string;
  /** `--kube-version` text, "" for helm's default. */
  kubeVersion: string;
  skipSchemaValidation: boolean;
  /** helm's log lines (coalesce warnings, lint-mode [INFO] lines): stderr. */
  log: (line: string) => void;
}

/** One rendered object, for checks that come after helm's (Kubernetes schemas). */
export interface RenderedObject {
  /** The template's full name, `chart/templates/x.yaml` (`chart/charts/sub/templates/y.yaml`). */
  template: string;
  /** 0-based document index inside the rendered template. */
  documentIndex: number;
  /** 1-based line of the document in the rendered text. */
  renderedLine: number;
  value: GoMap;
}

export interface TemplateLintResult {
  /** Every rendered template (subcharts too) by full name; undefined when the chart did not render. */
  rendered: Map<string, string> | undefined;
  chart: Chart | undefined;
  /** The loader's error when the chart did not load (helm reports it under templates/ and again under ""). */
  loadError?: string;
}

const CRD_HOOK = /"?helm\.sh\/hook"?:[\t\n\f\r ]+crd-install/;
const RELEASE_TIME = /\.Release\.Time/;
const ALLOWED_EXTENSIONS = ['.yaml', '.yml', '.tpl', '.txt'];

/** filepath.Ext. */
function extOf(name: string): string {
  for (let i = name.length - 1; i >= 0 && name[i] !== '/'; i--) if (name[i] === '.') return name.slice(i);
  return '';
}

export function lintTemplates(sink: MessageSink, chartDir: string, loader: LintChartLoader, opts: TemplateLintOptions): TemplateLintResult {
  const none: TemplateLintResult = { rendered: undefined, chart: undefined };
  let fpath = 'templates/';
  if (!sink.rule('WARNING', fpath, kindOf(inChart(chartDir, 'templates')) === 'file' ? 'not a directory' : undefined)) return none;
  const outcome = loader.load();
  if ('error' in outcome) {
    sink.rule('ERROR', fpath, outcome.error);
    return { ...none, loadError: outcome.error };
  }
  const chart = outcome.chart;
  const warn = (message: string): void => opts.log(logLine(message));
  const capabilities = defaultCapabilities(opts.kubeVersion === '' ? undefined : opts.kubeVersion);
  let renderValues: GoMap;
  try {
    processDependencies(chart, opts.values, warn);
    const cvals = coalesceValues(chart, opts.values, warn);
    // ToRenderValues coalesces once more, then checks every chart's schema.
    const vals = coalesceValues(chart, cvals, warn);
    if (!opts.skipSchemaValidation) {
      const invalid = validateAgainstSchema(chart, vals);
      if (invalid) {
        sink.rule('ERROR', fpath, invalid.message);
        return none;
      }
    }
    renderValues = toRenderValues(chart, vals, { name: 'test-release', namespace: opts.namespace, revision: 0, isInstall: false, isUpgrade: false }, capabilities);
  } catch {
    // Dependency and coalescing failures end the template rules without a message, as in helm.
    return { rendered: undefined, chart };
  }
  let rendered: Map<string, string>;
  try {
    rendered = renderTemplates(chart, renderValues, undefined, opts.log);
  } catch (e) {
    if (!(e instanceof RenderError)) throw e;
    sink.rule('ERROR', fpath, e.message);
    return { rendered: undefined, chart };
  }
  const target = { major: Number(capabilities.kubeVersion.major), minor: Number(capabilities.kubeVersion.minor) };
  for (const template of chart.templates) {
    fpath = template.name;
    const source = goStringFromBytes(template.data);
    const ext = extOf(fpath);
    sink.rule('ERROR', fpath, ALLOWED_EXTENSIONS.includes(ext) ? undefined : `file extension '${ext}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt`);
    sink.rule('WARNING', fpath, CRD_HOOK.test(source) ? 'manifest is a crd-install hook. This hook is no longer supported in v3 and all CRDs should also exist the crds/ directory at the top level of the chart' : undefined);
    sink.rule('ERROR', fpath, RELEASE_TIME.test(source) ? '.Release.Time has been removed in v3, please replace with the `now` function in your templates' : undefined);
    if (ext !== '.yaml') continue;
    const content = rendered.get(joinPath(chart.name(), fpath)) ?? '';
    if (content.trim() === '') continue;
    sink.rule('WARNING', fpath, topIndentError(content));
    if (!lintDocuments(sink, fpath, content, target)) return { rendered, chart };
  }
  return { rendered, chart };
}

/** The per-document rules of one rendered file; false when a document did not parse (helm stops there). */
function lintDocuments(sink: MessageSink, fpath: string, content: string, target: { major: number; minor: number }): boolean {
  let index = 0;
  let ok = true;
  const each = (text: string): boolean => {
    let decoded: DecodedDocument;
    try {
      decoded = decodeK8sYamlStruct(text);
    } catch (e) {
      sink.rule('ERROR', fpath, `unable to parse YAML: ${(e as Error).message}`, index);
      ok = false;
      return false;
    }
    const head = decoded.head;
    if (head) {
      sink.rule('WARNING', fpath, metadataNameError(head.kind, head.name), index);
      sink.rule('WARNING', fpath, deprecationWarning(head.apiVersion, head.kind, target), index);
      sink.rule('ERROR', fpath, matchSelectorError(head.kind, head.name, content), index);
      sink.rule('ERROR', fpath, head.kind === 'List' ? listAnnotationError(content) : undefined, index);
    }
    index++;
    return true;
  };
  try {
    splitRenderedDocuments(content, (doc) => each(doc.text));
  } catch (e) {
    if (!(e instanceof DocumentSeparatorError)) throw e;
    sink.rule('ERROR', fpath, `unable to parse YAML: ${e.message}`, index);
    return false;
  }
  return ok;
}

/** validateTopIndentLevel: the first non-blank line must not start with a space or tab. */
function topIndentError(content: string): string | undefined {
  for (let line of content.split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    if (line.startsWith(' ') || line.startsWith('\t')) return `document starts with an illegal indent: ${quote(line)}, which may cause parsing problems`;
    return undefined;
  }
  return undefined;
}

/** validateMatchSelector: looks at the whole rendered file, as helm does. */
function matchSelectorError(kind: string, name: string, content: string): string | undefined {
  if (!['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].includes(kind)) return undefined;
  if (content.includes('matchLabels') || content.includes('matchExpressions')) return undefined;
  return `a ${kind} must contain matchLabels or matchExpressions, and ${quote(name)} does not`;
}

/** validateListAnnotations: the file's first document read as a List. */
function listAnnotationError(content: string): string | undefined {
  let doc;
  try {
    doc = parseYamlToGo(content);
  } catch (e) {
    return `unable to parse YAML: ${(e as Error).message}`;
  }
  const items = doc instanceof Map ? doc.get('items') ?? doc.get('Items') : undefined;
  if (!Array.isArray(items)) return undefined;
  for (const item of items) {
    const md = item instanceof Map ? item.get('metadata') : undefined;
    const annotations = md instanceof Map ? md.get('annotations') : undefined;
    if (annotations instanceof Map && annotations.has('helm.sh/resource-policy')) return "Annotation 'helm.sh/resource-policy' within List objects are ignored";
  }
  return undefined;
}
