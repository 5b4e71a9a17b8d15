/**
 * Go's strings.TrimSpace and path.Base/path.Join on `/` paths, as helm's render code uses them.
 * JavaScript's trim() removes a different set of characters (it strips U+FEFF, Go strips U+0085).
 */
import { clean } from '../funcs/paths.js';

/** unicode.IsSpace. */
export function isGoSpace(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  switch (c) {
    case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20: case 0x85: case 0xa0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
      return true;
  }
  return c >= 0x2000 && c <= 0x200a;
}

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s[start] as string)) start++;
  while (end > start && isGoSpace(s[end - 1] as string)) end--;
  return s.slice(start, end);
}

/** path.Clean for `/`-separated paths (the one implementation lives with sprig's `clean`). */
export const cleanPath = clean;

/** path.Join: the non-empty elements joined with `/`, cleaned. */
export function joinPath(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length === 0 ? '' : cleanPath(nonEmpty.join('/'));
}

/** path.Base. */
export function baseName(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
