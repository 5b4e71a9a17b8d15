/**
 * Unified diffs through jsdiff (the `diff` package: Myers' algorithm, maintained, no
 * dependencies): the hunks are printed here in git's shape, `--- a/NAME` / `+++ b/NAME`, `@@`
 * headers, 3 lines of context, and "\ No newline at end of file" where a side lacks one.
 */
import { structuredPatch } from 'diff';

/**
 * Myers' algorithm takes time in (lines x edits): 10,000 lines with 1,000 edits took 0.8 s
 * (10 edits: 21 ms). Past this many edits the diff is not computed and says so.
 */
export const MAX_EDITS = 5000;

const lineCount = (s: string): number => (s === '' ? 0 : s.split('\n').length - (s.endsWith('\n') ? 1 : 0));

/** The unified diff of `base` -> `head` ("" when equal). */
export function unifiedDiff(name: string, base: string, head: string, context = 3): string {
  if (base === head) return '';
  const patch = structuredPatch(`a/${name}`, `b/${name}`, base, head, undefined, undefined, { context, maxEditLength: MAX_EDITS });
  let out = `--- ${base === '' ? '/dev/null' : `a/${name}`}\n+++ ${head === '' ? '/dev/null' : `b/${name}`}\n`;
  if (!patch) return `${out}@@ not computed: more than ${MAX_EDITS} lines change (${lineCount(base)} lines -> ${lineCount(head)} lines) @@\n`;
  for (const h of patch.hunks) {
    out += `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n`;
    for (const line of h.lines) out += `${line}\n`;
  }
  return out;
}

/** `start,lines` as GNU diff and git print it: an empty range names the line before it. */
function range(start: number, lines: number): string {
  return lines === 1 ? `${start}` : `${lines === 0 ? start - 1 : start},${lines}`;
}

/** Only the changed lines (`-old`, `+new`), hunk by hunk, without context or line numbers. */
export function changedLines(base: string, head: string): string[] {
  if (base === head) return [];
  const patch = structuredPatch('a', 'b', base, head, undefined, undefined, { context: 0, maxEditLength: MAX_EDITS });
  if (!patch) return [`@@ not computed: more than ${MAX_EDITS} lines change (${lineCount(base)} lines -> ${lineCount(head)} lines) @@`];
  const out: string[] = [];
  for (const h of patch.hunks) for (const line of h.lines) if (line[0] === '-' || line[0] === '+') out.push(line);
  return out;
}
