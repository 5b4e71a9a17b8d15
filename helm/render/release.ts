/**
 * Rendering one release client-side, as helm v3.17.3 action.Install.RunWithContext does for
 * `helm template` (ClientOnly, dry run): release-name check, dependency processing, capabilities,
 * ToRenderValues (coalescing + schema), then renderResources (kubeVersion check, engine,
 * NOTES.txt, manifest sorting, CRDs). Each failure keeps helm's message; `afterRender` tells
 * whether helm had already created the release (it then adds the `--debug` hint).
 */
import type { GoMap } from '../template/index.js';
import type { Chart } from '../chart/types.js';
import { checkDependencies, processDependencies } from '../chart/dependencies.js';
import { coalesceValues, CoalesceError } from '../chart/coalesce.js';
import { type CapabilitiesStruct } from '../chart/capabilities.js';
import { validateAgainstSchema } from '../chart/schema.js';
import { renderTemplates } from './engine.js';
import { RenderError } from './errors.js';
import { ManifestParseError, sortManifests, type Hook, type Manifest } from './manifests.js';
import { releaseManifest, type CrdFile } from './output.js';
import { toRenderValues } from './render-values.js';
import { joinPath } from './go-text.js';
import { logLine } from './log-lines.js';
import { goByteLength, goStringFromBytes } from '../template/gostring.js';
import { quote } from '../template/strconv.js';
import type { ExecBudget } from '../template/budget.js';
import type { YamlValue } from '../yaml/decode.js';
import { checkKubeVersion } from '../chart/install-checks.js';

/** How to render a release. */
export interface ReleaseOptions {
  releaseName: string;
  namespace: string;
  /** `--is-upgrade`: .Release.IsUpgrade instead of .Release.IsInstall. */
  isUpgrade: boolean;
  capabilities: CapabilitiesStruct;
  skipSchemaValidation: boolean;
  includeCrds: boolean;
  /** `--render-subchart-notes`. */
  subNotes: boolean;
  /** Receives helm's log lines (coalescing warnings, skipped hooks...), `file.go:N: ` prefixed. */
  log: (line: string) => void;
  /** Bounds template execution (library callers); absent for `dpu-gitops template`, as in helm. */
  budget?: ExecBudget;
  /** What to keep of each parsed manifest and hook document (Manifest.kept); nothing by default. */
  keepDocument?: (yaml: YamlValue) => unknown;
}

/** A rendered release: what `helm template` prints from. */
export interface RenderedRelease {
  /** rel.Manifest: CRDs (if included) and manifests as `---\n# Source: ...` text. */
  manifest: string;
  manifests: Manifest[];
  hooks: Hook[];
  crds: CrdFile[];
  notes: string;
  /** Every rendered template by path, before splitting (partials excluded). */
  files: Map<string, string>;
}

/** A release failure; `message` is helm's text after `Error: `. */
export class ReleaseError extends Error {
  constructor(
    message: string,
    /** True once rendering started: helm then appends the `--debug` hint. */
    readonly afterRender: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReleaseError';
  }
}

const VALID_RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_RELEASE_NAME_LEN = 53;

/** chartutil.ValidateReleaseName wrapped as availableName does. */
export function releaseNameError(name: string): string | undefined {
  if (name === '') return `release name ${quote(name)}: no name provided`;
  if (goByteLength(name) > MAX_RELEASE_NAME_LEN || !VALID_RELEASE_NAME.test(name)) {
    return (
      `release name ${quote(name)}: invalid release name, must match regex ` +
      `${VALID_RELEASE_NAME.source} and the length must not be longer than 53`
    );
  }
  return undefined;
}

/** runInstall's dependency check: the `helm dependency build` error, or undefined. */
export function missingDependencies(chart: Chart): string | undefined {
  return checkDependencies(chart)?.message;
}

/**
 * Install.RunWithContext for a client-only dry run. `values` are the merged user values.
 * Mutates the chart (dependency processing), as helm does. Throws ReleaseError.
 */
export function renderRelease(chart: Chart, values: GoMap, opts: ReleaseOptions): RenderedRelease {
  const warn = (message: string): void => opts.log(logLine(message));
  const nameError = releaseNameError(opts.releaseName);
  if (nameError !== undefined) throw new ReleaseError(nameError, false);

  try {
    processDependencies(chart, values, warn);
  } catch (e) {
    throw new ReleaseError(messageOf(e), false, { cause: e });
  }

  const isUpgrade = opts.isUpgrade;
  let coalesced: GoMap;
  try {
    coalesced = coalesceValues(chart, values, warn);
  } catch (e) {
    if (e instanceof CoalesceError) throw new ReleaseError(e.message, false, { cause: e });
    throw e;
  }
  if (!opts.skipSchemaValidation) {
    const schemaError = validateAgainstSchema(chart, coalesced);
    if (schemaError !== undefined) throw new ReleaseError(schemaError.message, false, { cause: schemaError });
  }
  const renderValues = toRenderValues(
    chart,
    coalesced,
    { name: opts.releaseName, namespace: opts.namespace, revision: 1, isInstall: !isUpgrade, isUpgrade },
    opts.capabilities,
  );
  return renderResources(chart, renderValues, opts, warn);
}

/** action.Configuration.renderResources without output-dir and post-renderer. */
function renderResources(
  chart: Chart,
  renderValues: GoMap,
  opts: ReleaseOptions,
  warn: (message: string) => void,
): RenderedRelease {
  const incompatible = checkKubeVersion(chart, opts.capabilities.kubeVersion.version);
  if (incompatible !== undefined) throw new ReleaseError(incompatible.message, true);

  let files: Map<string, string>;
  try {
    files = renderTemplates(chart, renderValues, opts.budget);
  } catch (e) {
    if (e instanceof RenderError) throw new ReleaseError(e.message, true, { cause: e });
    throw e;
  }

  // NOTES.txt is rendered like any template, then taken out of the manifests.
  const notesParts: string[] = [];
  const rootNotes = joinPath(chart.name(), 'templates', 'NOTES.txt');
  for (const [name, text] of [...files]) {
    if (!name.endsWith('NOTES.txt')) continue;
    if (opts.subNotes || name === rootNotes) notesParts.push(text);
    files.delete(name);
  }

  let sorted: { hooks: Hook[]; manifests: Manifest[] };
  try {
    sorted = sortManifests(files, (message) => warn(message), opts.keepDocument);
  } catch (e) {
    if (e instanceof ManifestParseError) throw new ReleaseError(e.message, true, { cause: e });
    throw e;
  }

  const crds: CrdFile[] = chart.crdObjects().map((c) => ({
    filename: c.filename,
    content: goStringFromBytes(c.file.data),
  }));
  return {
    manifest: releaseManifest(sorted.manifests, crds, opts.includeCrds),
    manifests: sorted.manifests,
    hooks: sorted.hooks,
    crds,
    notes: notesParts.join('\n'),
    files,
  };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
