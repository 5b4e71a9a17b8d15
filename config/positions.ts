/**
 * Lines of keys and values in a parsed YAML document, for messages that say `file:line`. A path
 * is the list of keys and indexes down to a node; `key` asks for the line of the last key
 * itself (an unknown key) rather than its value.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type NodePath = readonly (string | number)[];

export function lineOf(doc: Document, counter: LineCounter, path: NodePath, opts: { key?: boolean } = {}): number {
  let node: unknown = doc.contents;
  let line = node && typeof node === 'object' && 'range' in node ? lineAt(counter, (node as Node).range?.[0]) : 1;
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(part));
      if (!pair) return line;
      const keyLine = isScalar(pair.key) ? lineAt(counter, pair.key.range?.[0]) : line;
      if (last && opts.key) return keyLine;
      line = keyLine;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else {
      return line;
    }
    if (node && typeof node === 'object' && 'range' in node && (node as Node).range) line = lineAt(counter, (node as Node).range![0]);
  }
  return line;
}

function lineAt(counter: LineCounter, offset: number | undefined): number {
  return offset === undefined ? 1 : counter.linePos(offset).line;
}
