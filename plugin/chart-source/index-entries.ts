/**
 * The entries of one chart in a Helm repository index.yaml, without building the whole
 * document: public indexes reach tens of MiB (bitnami's was 14 MB in 2022 and ~27 MB in 2026,
 * truecharts' over 50 MB), and the `yaml` package holds ~60 bytes of AST per byte of text
 * (a 60 MiB index: 3.4 GB, 35 s). Indexes written by helm (and chartmuseum, chart-releaser,
 * Harbor, which use helm's code) are block YAML: `entries:` at column 0, one `name:` line per
 * chart at one indentation, one `- ` item per version below it. That layout is found with a
 * line scan over the text, and only the requested chart's items are parsed, one item at a time,
 * each keeping just version, urls and digest. Anything else (JSON, flow style, anchors across
 * items, tabs, several documents) is parsed whole, but only up to INDEX_FULL_PARSE_MAX_BYTES.
 */
import { parseUserYaml } from '../../dpf/yaml-input.js';

export interface IndexEntry {
  version: string;
  urls: string[];
  digest?: string;
}

/** Largest index parsed as a whole document when the line scan does not apply. */
export const INDEX_FULL_PARSE_MAX_BYTES = 4 * 1024 * 1024;

/** Largest text of one index item (one chart version); real ones are 1-3 KB. */
export const INDEX_ITEM_MAX_BYTES = 256 * 1024;

/**
 * Largest text of one chart's items together (several thousand versions of 1-3 KB). Parsing
 * costs ~0.5 s per MiB, so this bounds the time one index can take.
 */
export const INDEX_CHART_MAX_BYTES = 8 * 1024 * 1024;

/** Lines longer than this are never read as a `key:` line (the key pattern stays linear). */
const MAX_KEY_LINE = 4096;

/** Aliases an index item may expand (helm's own indexes use none): billion-laughs bound. */
const INDEX_MAX_ALIASES = 1000;

/** An index that cannot be used, with what is wrong (the size kind is `too-large`). */
export class IndexError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'too-large',
  ) {
    super(message);
    this.name = 'IndexError';
  }
}

/**
 * The entries listed under `entries.<name>`, or undefined when the index has no such chart.
 * Throws IndexError for text that is not a usable index.
 */
export function indexEntriesFor(text: string, name: string): IndexEntry[] | undefined {
  const scanned = scanChartItems(text, name);
  if (scanned === 'unrecognized') return fromWholeDocument(text, name);
  if (scanned === undefined) return undefined;
  const entries: IndexEntry[] = [];
  let total = 0;
  for (const item of scanned) {
    total += item.length;
    if (total > INDEX_CHART_MAX_BYTES) throw new IndexError(`the entries of ${name} are larger than ${INDEX_CHART_MAX_BYTES} bytes`, 'too-large');
    if (item.length > INDEX_ITEM_MAX_BYTES) throw new IndexError(`an entry of ${name} is larger than ${INDEX_ITEM_MAX_BYTES} bytes`, 'too-large');
    let doc: unknown;
    try {
      doc = parseUserYaml(item, { version: '1.1', maxAliasCount: INDEX_MAX_ALIASES });
    } catch {
      // An alias to an anchor in another item, or a layout the scan misread: parse it whole.
      return fromWholeDocument(text, name);
    }
    if (!Array.isArray(doc)) return fromWholeDocument(text, name);
    entries.push(...toEntries(doc));
  }
  return entries;
}

function fromWholeDocument(text: string, name: string): IndexEntry[] | undefined {
  if (Buffer.byteLength(text, 'utf8') > INDEX_FULL_PARSE_MAX_BYTES) {
    throw new IndexError(`index.yaml is not in the block layout helm writes, and larger than ${INDEX_FULL_PARSE_MAX_BYTES} bytes`, 'too-large');
  }
  let doc: unknown;
  try {
    doc = parseUserYaml(text, { version: '1.1', maxAliasCount: INDEX_MAX_ALIASES });
  } catch (err) {
    throw new IndexError(`index.yaml is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, 'invalid');
  }
  const all = (doc as { entries?: unknown } | null)?.entries;
  if (all === null || typeof all !== 'object' || Array.isArray(all)) throw new IndexError('index.yaml has no entries map', 'invalid');
  const list = (all as Record<string, unknown>)[name];
  return Array.isArray(list) ? toEntries(list) : undefined;
}

function toEntries(list: unknown[]): IndexEntry[] {
  return list
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({
      version: String(e.version ?? ''),
      urls: Array.isArray(e.urls) ? e.urls.map(String) : [],
      ...(typeof e.digest === 'string' ? { digest: e.digest } : {}),
    }));
}

/** One line of the text: where it starts and ends (without `\r\n`), its indentation. */
interface Line {
  start: number;
  end: number;
  indent: number;
  /** Blank or a comment: no structure. */
  empty: boolean;
  /** Indented with a tab somewhere: the scan gives up. */
  tab: boolean;
}

function* lines(text: string, from = 0): Generator<Line> {
  let start = from;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    let i = start;
    let tab = false;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) {
      if (text[i] === '\t') tab = true;
      i++;
    }
    yield { start, end, indent: i - start, empty: i === end || text[i] === '#', tab };
    start = next;
  }
}

/** `key:` alone on a line (plain or quoted key, optional comment); the key, else undefined. */
function keyOnly(text: string, line: Line): string | undefined {
  if (line.end - line.start > MAX_KEY_LINE) return undefined;
  const body = text.slice(line.start + line.indent, line.end);
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#&*!|>%@`{[\-?][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+#.*)?\s*$/.exec(body);
  if (!m) return undefined;
  const key = m[1]!;
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return undefined;
    }
  }
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

/**
 * The item texts of `entries.<name>` in helm's block layout; undefined when there is no such
 * chart; 'unrecognized' when the text is not in that layout.
 */
function scanChartItems(text: string, name: string): string[] | undefined | 'unrecognized' {
  const begin = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let entriesAt: number | undefined;
  let topLevelLines = 0;
  for (const line of lines(text, begin)) {
    if (line.empty) continue;
    if (line.tab) return 'unrecognized';
    if (line.indent > 0) continue;
    const body = text.slice(line.start, line.end);
    if (body === '---' && topLevelLines === 0) continue;
    topLevelLines++;
    const key = keyOnly(text, line);
    if (key === undefined) {
      // `key: value` lines are fine at the top level; anything else is not helm's layout.
      if (!/^[A-Za-z_][\w.-]*:\s/.test(body)) return 'unrecognized';
      continue;
    }
    if (key === 'entries') {
      if (entriesAt !== undefined) return 'unrecognized';
      entriesAt = line.end;
    }
  }
  if (entriesAt === undefined) return 'unrecognized';

  let childIndent = -1;
  let items: string[] | undefined;
  let itemIndent = -1;
  let itemStart = -1;
  let inChart = false;
  const closeItem = (at: number): void => {
    if (items && itemStart >= 0) items.push(text.slice(itemStart, at));
    itemStart = -1;
  };
  let last = entriesAt;
  for (const line of lines(text, entriesAt + 1)) {
    if (line.empty) continue;
    if (line.tab) return 'unrecognized';
    if (line.indent === 0) break;
    if (childIndent < 0) childIndent = line.indent;
    if (line.indent < childIndent) return 'unrecognized';
    const isItem = text[line.start + line.indent] === '-' && (line.start + line.indent + 1 === line.end || text[line.start + line.indent + 1] === ' ');
    // helm writes a chart's list at the chart key's own indentation (`  name:` then `  - ...`).
    if (line.indent === childIndent && !isItem) {
      const key = keyOnly(text, line);
      if (key === undefined) return 'unrecognized';
      if (inChart) closeItem(last);
      inChart = key === name;
      if (inChart) {
        if (items !== undefined) return 'unrecognized';
        items = [];
        itemIndent = -1;
      }
      last = line.end;
      continue;
    }
    if (inChart) {
      if (itemIndent < 0) itemIndent = line.indent;
      if (line.indent < itemIndent) return 'unrecognized';
      if (line.indent === itemIndent) {
        if (!isItem) return 'unrecognized';
        closeItem(last);
        itemStart = line.start;
      }
    }
    last = line.end;
  }
  if (inChart) closeItem(last);
  return items;
}
