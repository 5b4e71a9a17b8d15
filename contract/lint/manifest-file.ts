/**
 * Reads a YAML/JSON file the way lint needs it: every document with its text, its decoded
 * value and a way to find the line of a field path, so findings print as `file:line`.
 */
import { LineCounter, isMap, isNode, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from 'yaml';
import { parseUserDocuments } from '../../dpf/yaml-input.js';
import type { FieldPath } from '../types.js';

/** One YAML document of a file. */
export interface ManifestDocument {
  index: number;
  /** The document's source text (what pod-size measures for a Pod). */
  text: string;
  /** 1-based line where the document starts. */
  line: number;
  value: unknown;
  /** 1-based line of the deepest node on `path` that exists (the document start if none). */
  lineOf(path: FieldPath | undefined): number;
}

/** A parse error of one document. */
export interface ManifestParseProblem {
  index: number;
  line: number;
  message: string;
}

export interface ManifestFile {
  documents: ManifestDocument[];
  problems: ManifestParseProblem[];
}

/** Splits and decodes a YAML (or JSON) file. Documents with errors are reported, not returned. */
export function readManifestText(source: string): ManifestFile {
  const lineCounter = new LineCounter();
  const docs = parseUserDocuments(source, { lineCounter, prettyErrors: false }) as Document.Parsed[] | { errors: unknown[] };
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const documents: ManifestDocument[] = [];
  const problems: ManifestParseProblem[] = [];
  const keyIndex = new WeakMap<object, Map<unknown, Pair>>();
  list.forEach((doc, index) => {
    const start = doc.range[0];
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const at = err?.pos?.[0] ?? start;
      problems.push({ index, line: lineCounter.linePos(at).line, message: (err?.message ?? 'parse error').split('\n')[0] ?? 'parse error' });
      return;
    }
    if (doc.contents === null) return;
    const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    if (value === null || value === undefined) return;
    const contentStart = doc.contents.range?.[0] ?? start;
    documents.push({
      index,
      // From the first content byte: the `---` marker and leading comments are not the manifest.
      text: source.slice(contentStart, doc.range[1]),
      line: lineCounter.linePos(contentStart).line,
      value,
      lineOf(path) {
        const parts = [...(path ?? [])];
        while (parts.length > 0) {
          const node = nodeAt(doc.contents, parts, keyIndex);
          if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
          parts.pop();
        }
        return lineCounter.linePos(contentStart).line;
      },
    });
  });
  return { documents, problems };
}

/**
 * The node at a field path, as `doc.getIn(path, true)` finds it, but with each map's keys
 * indexed once: getIn scans a map's pairs per lookup, so locating one finding per key of a big
 * map (unknown fields) was quadratic. A key matches a scalar key of equal value (the first, as
 * getIn takes it).
 */
function nodeAt(root: unknown, path: readonly unknown[], index: WeakMap<object, Map<unknown, Pair>>): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (isMap(node)) {
      let keys = index.get(node);
      if (!keys) {
        keys = new Map();
        for (const pair of node.items) {
          const k = isScalar(pair.key) ? pair.key.value : pair.key;
          if (!keys.has(k)) keys.set(k, pair as Pair);
        }
        index.set(node, keys);
      }
      node = keys.get(part)?.value;
    } else if (isSeq(node)) {
      const i = typeof part === 'string' && part !== '' ? Number(part) : part;
      node = typeof i === 'number' && Number.isInteger(i) && i >= 0 ? (node.items[i] as YamlNode | undefined) : undefined;
    } else return undefined;
  }
  return node;
}
