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
const cache = new Map<string, ReadonlyMap<string, Tree>>();

/** The key of a chart's templates, given in parse order. */
export function parsedTemplatesKey(templates: readonly (readonly [name: string, text: string])[]): string {
  const hash = createHash('sha256');
  for (const [name, text] of templates) hash.update(`${name.length}:${name}${text.length}:`).update(text);
  return hash.digest('hex');
}

export function cachedTrees(key: string): ReadonlyMap<string, Tree> | undefined {
  const trees = cache.get(key);
  if (trees !== undefined) {
    cache.delete(key); // most recently used last
    cache.set(key, trees);
  }
  return trees;
}

export function rememberTrees(key: string, trees: ReadonlyMap<string, Tree>): void {
  if (cache.size >= ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, trees);
}
