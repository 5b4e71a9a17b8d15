/**
 * Parsed template sets, reused across renders of the same chart text in one process. The webhook's
 * chart workers and the render server's warm worker render the same charts again and again; a
 * set of parse trees depends only on the template names and texts (the function names the parser
 * checks are the same in every render), and execution never changes a tree.
 *
 * An entry is found by the names and byte lengths of the templates and then served only if every
 * template's bytes equal the remembered bytes (a native compare), so a changed template is never
 * served from an older parse, whatever an author does to collide. No hash is taken: a one-shot
 * process (`template`, a cold `generate`) renders each chart once and would pay for loading
 * node:crypto (~15 ms) to key an entry it never reads. A few entries, oldest out first.
 */
import type { Tree } from '../template/ast.js';

const ENTRIES = 16;
/** Template source kept parsed, in bytes: a hostile chart must not pin a worker's heap. */
const MAX_CACHED_BYTES = 32 * 1024 * 1024;
/** A chart bigger than this is parsed on every render (operator-sized charts are ~2 MB). */
const MAX_CHART_BYTES = 8 * 1024 * 1024;

/** A chart template as parsed: its full name and source bytes. */
export type TemplateSource = readonly [name: string, data: Uint8Array];

interface Entry {
  sources: readonly TemplateSource[];
  trees: ReadonlyMap<string, Tree>;
  size: number;
}

const cache = new Map<string, Entry>();
let cachedBytes = 0;

/** Size of a chart's templates, for the bounds above. */
export function templatesSize(templates: readonly TemplateSource[]): number {
  let n = 0;
  for (const [name, data] of templates) n += name.length + data.length;
  return n;
}

/** Where an entry for these templates (given in parse order) would be: names and lengths. */
function shapeKey(templates: readonly TemplateSource[]): string {
  let key = '';
  for (const [name, data] of templates) key += `${name.length}:${name}${data.length};`;
  return key;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

function sameSources(a: readonly TemplateSource[], b: readonly TemplateSource[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [nameA, dataA] = a[i]!;
    const [nameB, dataB] = b[i]!;
    if (nameA !== nameB || !sameBytes(dataA, dataB)) return false;
  }
  return true;
}

/** The trees parsed earlier from exactly these templates, if still kept. */
export function cachedTrees(templates: readonly TemplateSource[]): ReadonlyMap<string, Tree> | undefined {
  if (cache.size === 0) return undefined;
  const key = shapeKey(templates);
  const entry = cache.get(key);
  if (entry === undefined || !sameSources(entry.sources, templates)) return undefined;
  cache.delete(key); // most recently used last
  cache.set(key, entry);
  return entry.trees;
}

export function rememberTrees(templates: readonly TemplateSource[], trees: ReadonlyMap<string, Tree>): void {
  const size = templatesSize(templates);
  if (size > MAX_CHART_BYTES) return;
  const key = shapeKey(templates);
  const old = cache.get(key);
  if (old !== undefined) {
    // Same names and lengths, other bytes (a cached entry is never remembered twice).
    cachedBytes -= old.size;
    cache.delete(key);
  }
  while (cache.size > 0 && (cache.size >= ENTRIES || cachedBytes + size > MAX_CACHED_BYTES)) {
    const oldest = cache.keys().next().value!;
    cachedBytes -= cache.get(oldest)!.size;
    cache.delete(oldest);
  }
  // Own copies: a template's bytes may be a view into a whole chart archive, which must not be pinned.
  const sources = templates.map(([name, data]) => [name, data.byteLength === data.buffer.byteLength ? data : data.slice()] as const);
  cache.set(key, { sources, trees, size });
  cachedBytes += size;
}
