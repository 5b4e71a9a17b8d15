/**
 * The `yaml` package's parse functions for files users write (DPUServices, inventories, lint
 * inputs, startup contexts), in linear time. The package checks duplicate map keys by comparing
 * each key with every earlier one (`uniqueKeys`: one map of 80k keys took 53 s) and an `!!omap`
 * the same way; here the package parses with `uniqueKeys: false` and a set per map finds the
 * duplicates afterwards, reported as the package reports them: the same code, message, position
 * (`Map keys must be unique at line 3, column 1:` and the source excerpt) and order among the
 * document's other errors. Two more things the package would do in quadratic time are refused
 * as errors before its toJS runs: keys that are collections (their stringification copies the
 * anchor table per key; Kubernetes refuses such keys anyway) and more aliases than the
 * document's size allows (MAX_ALIAS_STEPS). Use these instead of the parse functions of 'yaml'.
 */
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  YAMLParseError,
  type Alias,
  type CollectionTag,
  type Document,
  type DocumentOptions,
  type EmptyStream,
  type Node as YamlNode,
  type ParseOptions,
  type ScalarTag,
  type SchemaOptions,
  type Tags,
  type ToJSOptions,
  type YAMLError,
  type YAMLSeq,
} from 'yaml';

/** The options of yaml's parse functions; duplicate keys are always refused. */
export type UserYamlOptions = Omit<ParseOptions, 'uniqueKeys'> & DocumentOptions & Omit<SchemaOptions, 'customTags'>;

/** yaml's `parseAllDocuments`, duplicate keys checked in linear time. */
export function parseUserDocuments(source: string, options: UserYamlOptions = {}): Document.Parsed[] | EmptyStream {
  const { pretty, lineCounter, libOptions } = prepare(options);
  const docs = parseAllDocuments(source, libOptions);
  for (const doc of docs) finish(doc, source, pretty, lineCounter);
  return docs;
}

/** yaml's `parseDocument`, duplicate keys checked in linear time. */
export function parseUserDocument(source: string, options: UserYamlOptions = {}): Document.Parsed {
  const { pretty, lineCounter, libOptions } = prepare(options);
  const doc = parseDocument(source, libOptions);
  finish(doc, source, pretty, lineCounter);
  return doc;
}

/**
 * yaml's `parse`: the single document as JavaScript, or its first error thrown. The package
 * also prints warnings (process.emitWarning); this leaves them on the document unprinted.
 */
export function parseUserYaml(source: string, options: UserYamlOptions & ToJSOptions = {}): unknown {
  const doc = parseUserDocument(source, options);
  if (doc.errors.length > 0 && doc.options.logLevel !== 'silent') throw doc.errors[0];
  return doc.toJS(options);
}

function prepare(options: UserYamlOptions): { pretty: boolean; lineCounter: LineCounter | undefined; libOptions: ParseOptions & DocumentOptions & SchemaOptions } {
  const pretty = options.prettyErrors !== false;
  const lineCounter = options.lineCounter ?? (pretty ? new LineCounter() : undefined);
  const libOptions: ParseOptions & DocumentOptions & SchemaOptions = { ...options, uniqueKeys: false, prettyErrors: false, customTags: linearOmap };
  if (lineCounter) libOptions.lineCounter = lineCounter;
  return { pretty, lineCounter, libOptions };
}

function finish(doc: Document.Parsed, source: string, pretty: boolean, lineCounter: LineCounter | undefined): void {
  const shape = inspectDocument(doc, source);
  const found = [...shape.duplicates, ...shape.collectionKeys];
  const budget = aliasBudgetError(shape);
  if (budget) found.push(budget);
  if (found.length > 0) doc.errors = mergeByPosition(doc.errors, found.sort((a, b) => a.pos[0] - b.pos[0]));
  doc.options.uniqueKeys = true;
  if (pretty && lineCounter) {
    const prettify = prettifyError(source, lineCounter);
    doc.errors.forEach(prettify);
    doc.warnings.forEach(prettify);
  }
}

const DUPLICATE_KEY = 'Map keys must be unique';

/**
 * Alias resolution budget of one document: aliases × nodes. The package resolves each alias by
 * scanning the document's anchors and aliases from its start (and counts nested aliases with a
 * walk of the whole document), so its toJS is quadratic in aliases; 8,000 aliases took 4.3 s
 * on a 210 KB file. 20 million steps is about half a second there, and leaves real documents
 * (tens of aliases, or hundreds in a 100k-node file) untouched.
 */
export const MAX_ALIAS_STEPS = 20_000_000;

/** What one pre-order walk of a document finds (the order of the package's `visit`). */
export interface DocumentShape {
  /** Keys equal to an earlier key of the same map, in source order. */
  duplicates: YAMLParseError[];
  /** Keys that are collections (or aliases of one), which Kubernetes cannot read. */
  collectionKeys: YAMLParseError[];
  /** Each alias and the node it names (the last anchor of that name before it), if any. */
  aliases: Map<Alias, YamlNode | undefined>;
  nodes: number;
}

/**
 * Walks a document once, without recursion (deep nesting cannot overflow the stack). A key
 * repeats an earlier key of its map as the package's default comparison decides: both scalars
 * with `===` values (NaN never repeats, objects such as dates never do, each `<<` merge key is
 * its own symbol).
 */
export function inspectDocument(doc: Document.Parsed, source?: string): DocumentShape {
  const shape: DocumentShape = { duplicates: [], collectionKeys: [], aliases: new Map(), nodes: 0 };
  const anchors = new Map<string, YamlNode>();
  const aliasKeys = new Set<Alias>();
  const collectionKey = (key: YamlNode): YAMLParseError =>
    new YAMLParseError([key.range![0], key.range![0] + 1], 'NON_STRING_KEY', 'Map keys must be scalars: a sequence or mapping as a key cannot be read (Kubernetes: invalid map key)');
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined || typeof node !== 'object') continue;
    shape.nodes++;
    if (isAlias(node)) {
      // resolved where the walk reaches it: the anchor may be defined after the map starts
      const target = anchors.get(node.source);
      shape.aliases.set(node, target);
      if (aliasKeys.has(node) && isCollection(target) && node.range) shape.collectionKeys.push(collectionKey(node));
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor && (isScalar(node) || isCollection(node))) anchors.set(anchor, node);
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        if (isScalar(key) && comparable(key.value) && key.range) {
          if (seen.has(key.value)) {
            const at = keyStart(key.range, source);
            shape.duplicates.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', DUPLICATE_KEY));
          }
          else seen.add(key.value);
        } else if (isCollection(key) && key.range) shape.collectionKeys.push(collectionKey(key));
        else if (isAlias(key)) aliasKeys.add(key);
      }
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value, node.items[i]!.key);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    }
  }
  return shape;
}

/**
 * Where the package reports a key: where the key starts, after the indentation, comments and
 * line breaks before it. For an empty key its node starts before those, so skip them.
 */
function keyStart(range: readonly [number, number, number], source: string | undefined): number {
  let i = range[0];
  if (source === undefined || range[1] !== i) return i;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#') while (i < source.length && source[i] !== '\n') i++;
    else break;
  }
  return i;
}

/** The budget error, at the first alias, when resolving the aliases would take too long. */
function aliasBudgetError(shape: DocumentShape): YAMLParseError | undefined {
  const count = shape.aliases.size;
  if (count === 0 || count * shape.nodes <= MAX_ALIAS_STEPS) return undefined;
  let first = Infinity;
  for (const alias of shape.aliases.keys()) first = Math.min(first, alias.range?.[0] ?? Infinity);
  const allowed = Math.floor(MAX_ALIAS_STEPS / shape.nodes);
  return new YAMLParseError(
    [Number.isFinite(first) ? first : 0, Number.isFinite(first) ? first + 1 : 1],
    'RESOURCE_EXHAUSTION',
    `Too many aliases: ${count} in a document of ${shape.nodes} nodes, which may hold at most ${allowed} (resolving aliases takes time in proportion to both)`,
  );
}

/** Values `===` can find equal (NaN is never equal to itself; objects only to themselves). */
function comparable(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isNaN(v);
  return v === null || v === undefined || (typeof v !== 'object' && typeof v !== 'function');
}

/** Both lists are in source order; the package reports a duplicate when it reaches the key. */
function mergeByPosition(errors: YAMLParseError[], duplicates: YAMLParseError[]): YAMLParseError[] {
  const out: YAMLParseError[] = [];
  let i = 0;
  for (const e of errors) {
    while (i < duplicates.length && duplicates[i]!.pos[0] <= e.pos[0]) out.push(duplicates[i++]!);
    out.push(e);
  }
  while (i < duplicates.length) out.push(duplicates[i++]!);
  return out;
}

/**
 * The package's prettifyError (errors.js, not exported): ` at line L, column C` and, when the
 * line has content, the line (80 columns at most, the error near the middle) with a caret mark.
 */
function prettifyError(src: string, lc: LineCounter): (error: YAMLError) => void {
  return (error) => {
    if (error.pos[0] === -1) return;
    error.linePos = error.pos.map((pos) => lc.linePos(pos)) as YAMLError['linePos'];
    const { line, col } = error.linePos![0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src.substring(lc.lineStarts[line - 1]!, lc.lineStarts[line]).replace(/[\n\r]+$/, '');
    if (ci >= 60 && lineStr.length > 80) {
      const trimStart = Math.min(ci - 39, lineStr.length - 79);
      lineStr = '…' + lineStr.substring(trimStart);
      ci -= trimStart - 1;
    }
    if (lineStr.length > 80) lineStr = lineStr.substring(0, 79) + '…';
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
      let prev = src.substring(lc.lineStarts[line - 2]!, lc.lineStarts[line - 1]);
      if (prev.length > 80) prev = prev.substring(0, 79) + '…\n';
      lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
      let count = 1;
      const end = error.linePos![1];
      if (end?.line === line && end.col > col) count = Math.max(1, Math.min(end.col - col, 80 - ci));
      error.message += `:\n\n${lineStr}\n${' '.repeat(ci)}${'^'.repeat(count)}\n`;
    }
  };
}

const OMAP = 'tag:yaml.org,2002:omap';
const PAIRS = 'tag:yaml.org,2002:pairs';

/**
 * The YAML 1.1 `!!omap` tag with its duplicate check in linear time (the package keeps an array
 * of seen keys and searches it per key), same message. Other schemas pass through unchanged.
 */
function linearOmap(tags: Tags): Tags {
  const omap = tags.find((t): t is CollectionTag => typeof t === 'object' && t.tag === OMAP && 'collection' in t);
  const pairs = tags.find((t): t is CollectionTag => typeof t === 'object' && t.tag === PAIRS && 'collection' in t);
  if (!omap || !pairs?.resolve || !omap.nodeClass) return tags;
  const resolvePairs = pairs.resolve;
  const OMap = omap.nodeClass as unknown as new () => YAMLSeq;
  const linear: CollectionTag = {
    ...omap,
    resolve(seq, onError, options) {
      const resolved = resolvePairs(seq, onError, options) as YAMLSeq;
      const seen = new Set<unknown>();
      for (const item of resolved.items) {
        const key = isPair(item) ? item.key : undefined;
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) onError(`Ordered maps must not include duplicate keys: ${String(key.value)}`);
        else seen.add(key.value);
      }
      return Object.assign(new OMap(), resolved);
    },
  };
  return tags.map((t) => (t === omap ? linear : t)) as (CollectionTag | ScalarTag)[];
}
