/**
 * Parsed template sets, reused across renders of the same chart text in one process. The webhook's
 * chart workers and the render server's warm worker render the same charts again and again; a
 * set of parse trees depends only on the template names and texts (the function names the parser
 * checks are the same in every render), and execution never changes a tree. Keyed by a SHA-256 of
 * the names and texts; a few entries, oldest out first.
 */
import { createHash } from 'node:crypto';
import type { Tree } from '../template/ast.js';

const ENTRIES = 16;
/** Template text kept parsed, in UTF-16 units: a hostile chart must not pin a worker's heap. */
const MAX_CACHED_CHARS = 32 * 1024 * 1024;
/** A chart bigger than this is parsed on every render (operator-sized charts are ~2 M). */
const MAX_CHART_CHARS = 8 * 1024 * 1024;
const cache = new Map<string, { trees: ReadonlyMap<string, Tree>; chars: number }>();
let cachedChars = 0;

/** Total text of a chart's templates, for the bounds above. */
export function templateChars(templates: readonly (readonly [name: string, text: string])[]): number {
  let n = 0;
  for (const [name, text] of templates) n += name.length + text.length;
  return n;
}

/** The key of a chart's templates, given in parse order. */
export function parsedTemplatesKey(templates: readonly (readonly [name: string, text: string])[]): string {
  const hash = createHash('sha256');
  for (const [name, text] of templates) hash.update(`${name.length}:${name}${text.length}:`).update(text);
  return hash.digest('hex');
}

export function cachedTrees(key: string): ReadonlyMap<string, Tree> | undefined {
  const entry = cache.get(key);
  if (entry === undefined) return undefined;
  cache.delete(key); // most recently used last
  cache.set(key, entry);
  return entry.trees;
}

export function rememberTrees(key: string, trees: ReadonlyMap<string, Tree>, chars: number): void {
  if (chars > MAX_CHART_CHARS || cache.has(key)) return;
  while (cache.size > 0 && (cache.size >= ENTRIES || cachedChars + chars > MAX_CACHED_CHARS)) {
    const oldest = cache.keys().next().value!;
    cachedChars -= cache.get(oldest)!.chars;
    cache.delete(oldest);
  }
  cache.set(key, { trees, chars });
  cachedChars += chars;
}
