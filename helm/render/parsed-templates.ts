/**
 * Parsed template sets, reused across renders of the same chart text in one process. The webhook's
 * chart workers and the render server's warm worker render the same charts again and again; a
 * set of parse trees depends only on the template names and texts (the function names the parser
 * checks are the same in every render), and execution never changes a tree. Keyed by a SHA-256 of
 * the names and source bytes (the text is the bytes' Go string, so equal bytes are equal text,
 * and a render whose parse is cached never decodes them); a few entries, oldest out first.
 */
import { createHash } from 'node:crypto';
import type { Tree } from '../template/ast.js';

const ENTRIES = 16;
/** Template source kept parsed, in bytes: a hostile chart must not pin a worker's heap. */
const MAX_CACHED_BYTES = 32 * 1024 * 1024;
/** A chart bigger than this is parsed on every render (operator-sized charts are ~2 MB). */
const MAX_CHART_BYTES = 8 * 1024 * 1024;
const cache = new Map<string, { trees: ReadonlyMap<string, Tree>; size: number }>();
let cachedBytes = 0;

/** A chart template as parsed: its full name and source bytes. */
export type TemplateSource = readonly [name: string, data: Uint8Array];

/** Size of a chart's templates, for the bounds above. */
export function templatesSize(templates: readonly TemplateSource[]): number {
  let n = 0;
  for (const [name, data] of templates) n += name.length + data.length;
  return n;
}

/** The key of a chart's templates, given in parse order. */
export function parsedTemplatesKey(templates: readonly TemplateSource[]): string {
  const hash = createHash('sha256');
  for (const [name, data] of templates) hash.update(`${name.length}:${name}${data.length}:`).update(data);
  return hash.digest('hex');
}

export function cachedTrees(key: string): ReadonlyMap<string, Tree> | undefined {
  const entry = cache.get(key);
  if (entry === undefined) return undefined;
  cache.delete(key); // most recently used last
  cache.set(key, entry);
  return entry.trees;
}

export function rememberTrees(key: string, trees: ReadonlyMap<string, Tree>, size: number): void {
  if (size > MAX_CHART_BYTES || cache.has(key)) return;
  while (cache.size > 0 && (cache.size >= ENTRIES || cachedBytes + size > MAX_CACHED_BYTES)) {
    const oldest = cache.keys().next().value!;
    cachedBytes -= cache.get(oldest)!.size;
    cache.delete(oldest);
  }
  cache.set(key, { trees, size });
  cachedBytes += size;
}
