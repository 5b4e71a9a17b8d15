/**
 * Go's strings.TrimSpace and path.Base/path.Join on `/` paths, as helm's render code uses them.
 * JavaScript's trim() removes a different set of characters (it strips U+FEFF, Go strips U+0085).
 */
import { clean } from '../funcs/paths.js';

/** strings.TrimSpace (one implementation, with sprig's `trim`). */
export { goTrimSpace } from '../funcs/go-unicode.js';

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
