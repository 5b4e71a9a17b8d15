/**
 * The documents of a rendered release as renderChart returns them: what splitting the printed
 * `helm template` text (output.ts) at its separators would give, built from the release's own
 * lists instead. Printing 1.6 MB and scanning it again cost a tenth of a warm render of an
 * operator-sized chart.
 *
 * Only when every printed chunk `---\n# Source: NAME\nCONTENT\n` is certain to come back as the
 * one document `# Source: NAME\nCONTENT`: CONTENT is a trimmed, non-empty document that neither
 * starts with `---` nor holds a `\n---` (which the splitter would cut at), and NAME has no line
 * terminator (the `# Source: (.*)` match would stop there). Otherwise, and whenever CRD files
 * (printed as they are) are in the output, the caller prints and re-splits as before.
 */
import type { Hook, Manifest } from './manifests.js';
import { goTrimSpace } from './go-text.js';

/** One document of the output: its `# Source:` path, text, what was kept of its parse, and hook. */
export interface ReleaseDoc {
  path: string;
  body: string;
  /** Manifest.kept / Hook.kept; undefined when the document has to be parsed again. */
  kept: unknown;
  hook: Hook | undefined;
}

export interface ReleaseDocsOptions {
  includeCrds: boolean;
  crdCount: number;
  noHooks: boolean;
  skipTests: boolean;
}

/** The documents in output order, or undefined when re-splitting the printed text is needed. */
export function releaseDocs(manifests: readonly Manifest[], hooks: readonly Hook[], options: ReleaseDocsOptions): ReleaseDoc[] | undefined {
  if (options.includeCrds && options.crdCount > 0) return undefined;
  const docs: ReleaseDoc[] = [];
  for (const m of manifests) {
    if (!splitsBack(m.name, m.content)) return undefined;
    docs.push({ path: m.name, body: m.content, kept: m.kept, hook: undefined });
  }
  if (options.noHooks) return docs;
  for (const h of hooks) {
    if (options.skipTests && h.events.includes('test')) continue;
    if (!splitsBack(h.path, h.manifest)) return undefined;
    docs.push({ path: h.path, body: h.manifest, kept: h.kept, hook: h });
  }
  return docs;
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function splitsBack(name: string, content: string): boolean {
  return (
    content !== '' &&
    !content.startsWith('---') &&
    !content.includes('\n---') &&
    goTrimSpace(content) === content &&
    !LINE_TERMINATOR.test(name)
  );
}
