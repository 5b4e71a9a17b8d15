/**
 * Unified diffs through jsdiff (the `diff` package: Myers' algorithm, maintained, no
 * dependencies): the hunks are printed here in git's shape, `--- a/NAME` / `+++ b/NAME`, `@@`
 * headers, 3 lines of context, and "\ No newline at end of file" where a side lacks one.
 */
import { structuredPatch } from 'diff';

/** The unified diff of `base` -> `head` ("" when equal). */
export function unifiedDiff(name: string, base: string, head: string, context = 3): string {
  if (base === head) return '';
  const patch = structuredPatch(`a/${name}`, `b/${name}`, base, head, undefined, undefined, { context });
  let out = `--- ${base === '' ? '/dev/null' : `a/${name}`}\n+++ ${head === '' ? '/dev/null' : `b/${name}`}\n`;
  for (const h of patch.hunks) {
    out += `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n`;
    for (const line of h.lines) out += `${line}\n`;
  }
  return out;
}

function range(start: number, lines: number): string {
  return lines === 1 ? `${start}` : `${lines === 0 ? start : start},${lines}`;
}

/** Only the changed lines (`-old`, `+new`), hunk by hunk, without context or line numbers. */
export function changedLines(base: string, head: string): string[] {
  if (base === head) return [];
  const patch = structuredPatch('a', 'b', base, head, undefined, undefined, { context: 0 });
  const out: string[] = [];
  for (const h of patch.hunks) for (const line of h.lines) if (line[0] === '-' || line[0] === '+') out.push(line);
  return out;
}
