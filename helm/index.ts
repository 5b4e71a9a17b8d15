/**
 * Public API of the renderer: load a chart, render it as `helm template` (helm v3.17.3) would,
 * and get the documents back as text and as parsed objects. The CLI's `template` command prints
 * the same rendering as helm's text (helm/render/template-command.ts).
 */
import type { GoMap, GoValue } from './template/index.js';
import { ExecBudget, GoInt } from './template/index.js';
import { DEFAULT_RENDER_LIMITS, type RenderLimits } from './template/budget.js';
import { defaultCapabilities } from './chart/capabilities.js';
import { loadChart, loadChartSync } from './chart/load.js';
import type { Chart } from './chart/types.js';
import { parsedYamlToGo, parsedYamlToPlain, parseYamlToGo } from './yaml/parse.js';
import type { YamlValue } from './yaml/decode.js';
import { renderRelease, ReleaseError, missingDependencies, type RenderedRelease } from './render/release.js';
import { splitManifests } from './render/manifests.js';
import { templateOutput } from './render/output.js';
import { checkIfInstallable } from './chart/install-checks.js';
import { releaseDocs, type ReleaseDoc } from './render/release-docs.js';

export { loadChart, loadChartSync, type Chart };
export { ReleaseError };
export { renderTemplateCommand, type TemplateCommandOptions, type TemplateCommandResult } from './render/template-command.js';

/** How to render a chart. */
export interface RenderChartOptions {
  releaseName: string;
  /** Default `default`, as helm without `-n`. */
  namespace?: string;
  /** User values (what `-f`/`--set` would give): a Go map, or plain JSON-like data. */
  values?: GoMap | Record<string, unknown>;
  /** `--kube-version`. */
  kubeVersion?: string;
  /** `--api-versions`. */
  apiVersions?: readonly string[];
  isUpgrade?: boolean;
  includeCrds?: boolean;
  skipTests?: boolean;
  noHooks?: boolean;
  skipSchemaValidation?: boolean;
  /** Receives helm's warning lines (e.g. `coalesce.go:237: warning: ...`). */
  log?: (line: string) => void;
  /**
   * Bound on template execution in milliseconds (default DEFAULT_RENDER_LIMITS.timeoutMs). helm
   * has none; the CMP, lint and the webhook render untrusted charts in a shared process, so a
   * runaway `range` must end with an error instead of blocking everyone.
   */
  timeoutMs?: number;
  /** Longest output one template may produce (default DEFAULT_RENDER_LIMITS.maxOutputChars). */
  maxOutputChars?: number;
  /** Longest string one function call may build (default DEFAULT_RENDER_LIMITS.maxStringChars). */
  maxStringChars?: number;
  /** Most list elements one function call may build (default DEFAULT_RENDER_LIMITS.maxListElements). */
  maxListElements?: number;
  /** Characters and elements all function calls of the render may build (default DEFAULT_RENDER_LIMITS.maxAllocation). */
  maxAllocation?: number;
}

export { DEFAULT_RENDER_LIMITS, type RenderLimits };
/** Default execution bound of renderChart: far above any real chart's render (milliseconds). */
export const DEFAULT_RENDER_TIMEOUT_MS = DEFAULT_RENDER_LIMITS.timeoutMs;
/** Default output bound of one template in renderChart (64 Mi UTF-16 code units). */
export const DEFAULT_RENDER_MAX_OUTPUT_CHARS = DEFAULT_RENDER_LIMITS.maxOutputChars;

/** One rendered YAML document. */
export interface RenderedManifest {
  /** Template path, e.g. `mychart/templates/daemonset.yaml` (or the CRD file path). */
  path: string;
  kind: string;
  /** metadata.name, "" when absent. */
  name: string;
  /** metadata.namespace when the document sets one. */
  namespace: string | undefined;
  /** The document text as `helm template` prints it (without the `# Source:` line). */
  doc: string;
  /** The document parsed (maps as plain objects, numbers as JS numbers). */
  object: unknown;
  /** The `helm.sh/hook` annotation of a hook document. */
  hook?: string;
}

export interface RenderChartResult {
  /** Documents in `helm template` order: CRDs (if included), manifests by kind, then hooks. */
  manifests: RenderedManifest[];
  /** The rendered NOTES.txt of the top chart. */
  notes: string;
}

/**
 * Renders a loaded chart exactly as `helm template NAME CHART` would. Throws ReleaseError (with
 * helm's message) for dependency, values, schema and template failures. Mutates the chart
 * (dependency processing), as helm does; load the chart again to render it twice.
 */
export function renderChart(chart: Chart, options: RenderChartOptions): RenderChartResult {
  const log = options.log ?? (() => {});
  const notInstallable = checkIfInstallable(chart);
  if (notInstallable !== undefined) throw new ReleaseError(notInstallable.message, false);
  if (chart.metadata.dependencies !== undefined) {
    const missing = missingDependencies(chart);
    if (missing !== undefined) throw new ReleaseError(missing, false);
  }
  const rel = renderRelease(chart, toGoMap(options.values ?? new Map()), {
    releaseName: options.releaseName,
    namespace: options.namespace ?? 'default',
    isUpgrade: options.isUpgrade ?? false,
    capabilities: defaultCapabilities(options.kubeVersion, options.apiVersions ?? []),
    skipSchemaValidation: options.skipSchemaValidation ?? false,
    includeCrds: options.includeCrds ?? false,
    subNotes: false,
    log,
    budget: ExecBudget.startingNow(limitsOf(options)),
    // Each document becomes its object as soon as it is parsed, so its parse tree dies young
    // instead of being carried (and copied by the collector) to the end of the render.
    keepDocument: (yaml) => parsedYamlToPlain(yaml) ?? new NeedsGoPath(yaml),
  });
  const direct = releaseDocs(rel.manifests, rel.hooks, {
    includeCrds: options.includeCrds ?? false,
    crdCount: rel.crds.length,
    noHooks: options.noHooks ?? false,
    skipTests: options.skipTests ?? false,
  });
  const manifests: RenderedManifest[] = [];
  for (const doc of direct ?? printedDocs(rel, options)) {
    const object = doc.kept === undefined
      ? toPlain(parseYamlToGo(doc.body))
      : doc.kept instanceof NeedsGoPath ? toPlain(parsedYamlToGo(doc.kept.yaml)) : doc.kept;
    const meta = isRecord(object) && isRecord(object.metadata) ? object.metadata : {};
    manifests.push({
      path: doc.path,
      kind: isRecord(object) && typeof object.kind === 'string' ? object.kind : '',
      name: typeof meta.name === 'string' ? meta.name : '',
      namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
      doc: doc.body,
      object,
      ...(doc.hook !== undefined ? { hook: doc.hook.events.join(',') } : {}),
    });
  }
  return { manifests, notes: rel.notes };
}

/**
 * The documents by printing the output as `helm template` does and splitting it again: the
 * general way, for what releaseDocs cannot be sure of.
 */
function printedDocs(rel: RenderedRelease, options: RenderChartOptions): ReleaseDoc[] {
  const text = templateOutput(rel.manifest, rel.hooks, {
    noHooks: options.noHooks ?? false,
    skipTests: options.skipTests ?? false,
    showOnly: [],
  });
  const hooks = new Map(rel.hooks.map((h) => [h.manifest, h] as const));
  // Every document was parsed once already, for its head: reuse what was kept, once (a second
  // document of the same text is parsed again, so no two results share an object).
  const kept = new Map<string, unknown>();
  for (const m of rel.manifests) kept.set(m.content, m.kept);
  for (const h of rel.hooks) kept.set(h.manifest, h.kept);
  const docs: ReleaseDoc[] = [];
  for (const doc of splitManifests(text)) {
    const m = /^# Source: (.*)\n?/.exec(doc);
    if (m === null) continue;
    const body = doc.slice(m[0].length);
    docs.push({ path: m[1] as string, body, kept: kept.get(body), hook: hooks.get(body) });
    kept.delete(body);
  }
  return docs;
}

/** A document parsedYamlToPlain declined: converted at the end through parsedYamlToGo, for its error. */
class NeedsGoPath {
  constructor(readonly yaml: YamlValue) {}
}

/** The limits the options set; the others keep their defaults. */
function limitsOf(options: RenderChartOptions): Partial<RenderLimits> {
  const limits: { -readonly [K in keyof RenderLimits]?: number } = {};
  for (const key of Object.keys(DEFAULT_RENDER_LIMITS) as (keyof RenderLimits)[]) {
    const value = options[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go values → plain data: maps to objects, Go ints to numbers (bigint when unsafe), []byte kept. */
export function toPlain(v: GoValue): unknown {
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[k] = toPlain(x);
    return out;
  }
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof GoInt) return Number.isSafeInteger(Number(v.value)) ? Number(v.value) : v.value;
  return v === undefined ? null : v;
}

/** Plain JSON-like data → Go values as JSON decoding gives them (numbers are float64). */
function toGoMap(v: GoMap | Record<string, unknown>): GoMap {
  if (v instanceof Map) return v;
  return toGo(v) as GoMap;
}

function toGo(v: unknown): GoValue {
  if (v instanceof Map || v instanceof Uint8Array || v instanceof GoInt) return v as GoValue;
  if (Array.isArray(v)) return v.map(toGo);
  if (isRecord(v)) return new Map(Object.entries(v).map(([k, x]) => [k, toGo(x)]));
  if (typeof v === 'bigint') return GoInt.int64(v);
  if (v === undefined) return null;
  return v as GoValue;
}
