/**
 * Where a rendered object came from in its template: the template's own text is split at its
 * `---` lines like the rendered output; when both have the same number of documents, document
 * N of the output is document N of the source, and a field is found by following its keys down
 * the source lines (`spec:`, then `replicas:` below it...). A key the template does not spell
 * out (it came from `toYaml` or `include`) leaves the nearest enclosing key's line. Segments
 * made only of template actions (`{{- range ... }}`) print no document and are not counted; a
 * template with one document in its source and several in its output (a `range` printing `---`)
 * maps them all to that document; other mismatches point at the template's first line.
 */
import type { FieldPath } from '../types.js';

interface Segment {
  /** 1-based line of the segment's first line. */
  start: number;
  lines: string[];
}

/** A line that prints YAML: not blank, not a comment, not only `{{ ... }}` actions. */
const printsYaml = (l: string): boolean => l.trim() !== '' && !l.trim().startsWith('#') && !/^\s*(\{\{.*?\}\}\s*)+$/.test(l);

function segmentsOf(text: string, keepEmpty: boolean, counts: (l: string) => boolean = (l) => l.trim() !== ''): Segment[] {
  const lines = text.split('\n');
  const out: Segment[] = [];
  let current: Segment = { start: 1, lines: [] };
  lines.forEach((line, i) => {
    if (line.startsWith('---')) {
      if (keepEmpty || current.lines.some(counts)) out.push(current);
      current = { start: i + 2, lines: [] };
      return;
    }
    current.lines.push(line);
  });
  if (keepEmpty || current.lines.some(counts)) out.push(current);
  return out;
}

/** Counts the non-empty documents of a rendered text, as lint's reader sees them. */
export function renderedDocumentCount(rendered: string): number {
  return segmentsOf(rendered, false).length;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The 1-based line in `source` (the template text) for document `documentIndex` of the
 * rendered output (`renderedDocuments` documents in all) and the field `path` inside it.
 */
export function templateLine(source: string, renderedDocuments: number, documentIndex: number, path: FieldPath = []): number {
  const segments = segmentsOf(source, false, printsYaml);
  const loop = segments.length === 1 && renderedDocuments > 1;
  if (segments.length !== renderedDocuments && !loop) return 1;
  const segment = segments[loop ? 0 : documentIndex];
  if (!segment) return 1;
  let at = -1;
  let found = firstContentLine(segment);
  for (const key of path) {
    if (typeof key === 'number') continue;
    const re = new RegExp(`^\\s*(- )?["']?${escapeRe(key)}["']?\\s*:`);
    const next = segment.lines.findIndex((l, i) => i > at && re.test(l));
    if (next < 0) break;
    at = next;
    found = segment.start + next;
  }
  return found;
}

function firstContentLine(segment: Segment): number {
  const i = segment.lines.findIndex(printsYaml);
  return segment.start + Math.max(0, i);
}
