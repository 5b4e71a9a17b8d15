/**
 * The text `helm template` prints (helm v3.17.3 pkg/action/action.go renderResources and
 * cmd/helm/template.go): CRDs when asked, the sorted manifests and then the hooks, each as
 * `---\n# Source: PATH\nCONTENT\n`; `--show-only` re-splits that text and keeps the documents
 * whose source path matches one of the patterns, pattern by pattern.
 */
import { goMatch } from '../chart/glob.js';
import type { Hook, Manifest } from './manifests.js';
import { splitManifests } from './manifests.js';
import { goTrimSpace } from './go-text.js';

/** A CRD file of the chart or a subchart (Chart.CRDObjects()). */
export interface CrdFile {
  /** Path from the chart root, e.g. `mychart/charts/sub/crds/a.yaml`. */
  filename: string;
  content: string;
}

export interface TemplateOutputOptions {
  includeCrds: boolean;
  /** `--no-hooks`: leave hooks out. */
  noHooks: boolean;
  /** `--skip-tests`: leave `test` hooks out. */
  skipTests: boolean;
  /** `--show-only` patterns (filepath.Match against the path below the chart name). */
  showOnly: readonly string[];
}

/** `--show-only PATTERN` matched no rendered document. */
export class ShowOnlyError extends Error {
  constructor(readonly pattern: string) {
    super(`could not find template ${pattern} in chart`);
    this.name = 'ShowOnlyError';
  }
}

/** renderResources' manifest buffer: CRDs (if included) then the manifests. */
export function releaseManifest(manifests: readonly Manifest[], crds: readonly CrdFile[], includeCrds: boolean): string {
  let b = '';
  if (includeCrds) for (const crd of crds) b += source(crd.filename, crd.content);
  for (const m of manifests) b += source(m.name, m.content);
  return b;
}

/** The whole stdout of `helm template`. Throws ShowOnlyError. */
export function templateOutput(
  manifest: string,
  hooks: readonly Hook[],
  options: Pick<TemplateOutputOptions, 'noHooks' | 'skipTests' | 'showOnly'>,
): string {
  let out = goTrimSpace(manifest) + '\n';
  if (!options.noHooks) {
    for (const h of hooks) {
      if (options.skipTests && h.events.includes('test')) continue;
      out += source(h.path, h.manifest);
    }
  }
  if (options.showOnly.length === 0) return out;
  return showOnly(out, options.showOnly);
}

const SOURCE_LINE = /# Source: [^/]+\/(.+)/;

function showOnly(all: string, patterns: readonly string[]): string {
  const docs = splitManifests(all);
  const selected: string[] = [];
  for (const pattern of patterns) {
    let missing = true;
    for (const doc of docs) {
      const m = SOURCE_LINE.exec(doc);
      if (m === null) continue;
      if (!safeMatch(pattern, m[1] as string)) continue;
      selected.push(doc);
      missing = false;
    }
    if (missing) throw new ShowOnlyError(pattern);
  }
  return selected.map((d) => `---\n${d}\n`).join('');
}

/** filepath.Match, whose bad-pattern error helm ignores (no match). */
function safeMatch(pattern: string, name: string): boolean {
  try {
    return goMatch(pattern, name);
  } catch {
    return false;
  }
}

function source(name: string, content: string): string {
  return `---\n# Source: ${name}\n${content}\n`;
}
