/**
 * The YAML stream `generate` prints. ArgoCD re-reads it with go-yaml v2 (YAML 1.1), so every
 * string scalar that YAML 1.1 could read as something else (y/n/yes/no/on/off, numbers such as
 * `08` or `1_000`, `~`, timestamps, the empty string) is double-quoted unless it spans lines
 * (block scalars are always strings); other strings keep their plain or block style. Objects
 * keep their key order, so equal input gives equal bytes.
 */
import { Document, isScalar, visit } from 'yaml';
import { printYamlDocument } from './yaml-printer.js';

/**
 * Strings to quote: YAML 1.1 booleans and nulls, and anything starting like a number,
 * sign, dot, or special value (a superset of go-yaml v2's resolve table, on purpose).
 */
const RISKY = /^(?:$|[-+.0-9~=<]|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$)/;

/**
 * Specialised printers for objects, which print what yamlDocument would print, or undefined to
 * leave the object to it (per-DPU startup shards, too large for the document model at fleet
 * scale). Keyed by the object itself: a copy (e.g. with a sync option added) is printed the
 * generic way. The printer runs when the stream is printed, so no second copy of the text waits.
 */
const printers = new WeakMap<object, () => string | undefined>();

/** Registers `print` for `object`; the caller guarantees its text equals yamlDocument(object). */
export function setDocumentPrinter(object: object, print: () => string | undefined): void {
  printers.set(object, print);
}

/** One object as a YAML document body (no `---`), ending in a newline. */
export function yamlDocument(value: unknown): string {
  const pre = typeof value === 'object' && value !== null ? printers.get(value)?.() : undefined;
  if (pre !== undefined) return pre;
  // Plain data goes through the direct printer (same bytes, a fraction of the time); the
  // Document below stays the definition, and prints what the printer declines (aliases, Dates).
  const direct = printYamlDocument(value);
  if (direct !== undefined) return direct;
  const doc = new Document(value, { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      // Multi-line strings print as block scalars, which YAML never resolves to another type: a
      // startup config starting with `- ` stays a readable, diffable block.
      if (typeof node.value === 'string' && RISKY.test(node.value) && !node.value.includes('\n')) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true, defaultKeyType: 'PLAIN' });
}

/** A stream entry: the object and comment lines printed above it. */
export interface StreamEntry {
  comments: readonly string[];
  object: unknown;
}

/** The whole stream: `---` before each document, comments as `# ` lines. "" for no entries. */
export function yamlStream(entries: readonly StreamEntry[]): string {
  let out = '';
  for (const e of entries) {
    out += '---\n';
    for (const c of e.comments) out += `# ${c.replace(/\n/g, ' ')}\n`;
    out += yamlDocument(e.object);
  }
  return out;
}

/** True for a scalar node (re-exported for tests that walk documents). */
export { isScalar };
