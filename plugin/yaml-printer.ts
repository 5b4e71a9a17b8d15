/**
 * A direct printer for the documents `generate` emits, byte-identical to what plugin/output.ts's
 * `yaml` Document path prints (yaml 2.x, YAML 1.1 schema, lineWidth 0, indentSeq, risky strings
 * double-quoted), without building a node tree: on a 1.6 MB operator-sized stream the Document
 * path (createNode, visit, generic stringify) was a third of warm `generate` time.
 *
 * It covers plain data (objects, arrays, strings, finite numbers, bigints, booleans, null). For
 * anything else — a repeated object (the library would print an anchor and alias), a Date, a Map,
 * an undefined array item, a key the library would print as an explicit `? key` — it returns
 * undefined and the caller takes the library path. The string style decisions follow the
 * library's stringifyString (plain, single, double, literal block) step by step; the library
 * itself is the oracle in test/plugin/yaml-printer.test.ts.
 */
import { Document } from 'yaml';

/** Strings plugin/output.ts double-quotes for go-yaml v2 (kept equal to its RISKY). */
const RISKY = /^(?:$|[-+.0-9~=<]|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$)/;

/** The YAML 1.1 schema's non-string tags: a plain scalar they would resolve must be quoted (one regex for all). */
const NON_STRING = new RegExp(
  (new Document(null, { version: '1.1' }).schema as unknown as { tags: { default?: unknown; tag: string; test?: RegExp }[] }).tags
    .filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test instanceof RegExp && t.test.flags === '')
    .map((t) => `(?:${t.test!.source})`)
    .join('|'),
);

/**
 * Most strings (names, labels, image references) start with a letter and hold no indicator: not
 * RISKY, no non-string tag can match them (those all start with a digit, sign, dot, `<` or are
 * RISKY's words), so they print as they are.
 */
const SIMPLE = /^[A-Za-z][A-Za-z0-9_./-]*$/;

const INDENT_STEP = '  ';
const MERGE_KEY = '<<';
const MAX_IMPLICIT_KEY = 1024;
const DOUBLE_QUOTED_MIN_MULTILINE = 40;

class Unsupported extends Error {}

/** `value` as the library would print it, or undefined when it is not plain data this printer covers. */
export function printYamlDocument(value: unknown): string | undefined {
  if (!isPlainObject(value) && !Array.isArray(value)) return undefined;
  try {
    return `${printCollection(value, '', new Set())}\n`;
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A block map or sequence whose lines (after the first) start at `indent`. */
function printCollection(value: Record<string, unknown> | unknown[], indent: string, seen: Set<object>): string {
  if (seen.has(value)) throw new Unsupported(); // the library would alias it
  seen.add(value);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    const itemIndent = indent + INDENT_STEP;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === undefined || !(i in value)) throw new Unsupported();
      lines.push(`- ${printNode(item, itemIndent, seen)}`);
    }
    if (lines.length === 0) return '[]';
  } else {
    const valueIndent = indent + INDENT_STEP;
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v === undefined) continue; // createNode leaves undefined values out
      const keyText = printString(key, valueIndent, true);
      if (keyText.length > MAX_IMPLICIT_KEY) throw new Unsupported();
      lines.push(`${keyText}:${pairSeparator(v, valueIndent, seen)}`);
    }
    if (lines.length === 0) return '{}';
  }
  let out = lines[0]!;
  for (let i = 1; i < lines.length; i++) out += `\n${indent}${lines[i]}`;
  return out;
}

/** What follows `key:` — a space and a scalar or empty collection, or a newline and a block. */
function pairSeparator(v: unknown, indent: string, seen: Set<object>): string {
  const text = printNode(v, indent, seen);
  if (typeof v === 'object' && v !== null) {
    const empty = Array.isArray(v) ? v.length === 0 : Object.keys(v).every((k) => (v as Record<string, unknown>)[k] === undefined);
    return empty && !text.includes('\n') ? ` ${text}` : `\n${indent}${text}`;
  }
  return text === '' || text[0] === '\n' ? text : ` ${text}`;
}

function printNode(v: unknown, indent: string, seen: Set<object>): string {
  switch (typeof v) {
    case 'string':
      return printString(v, indent, false);
    case 'number':
      if (!Number.isFinite(v)) return Number.isNaN(v) ? '.nan' : v < 0 ? '-.inf' : '.inf';
      return Object.is(v, -0) ? '-0' : JSON.stringify(v);
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      if (v === null) return 'null';
      if (Array.isArray(v) || isPlainObject(v)) return printCollection(v, indent, seen);
      throw new Unsupported();
    default:
      throw new Unsupported();
  }
}

const FORCE_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
const PLAIN_NOT_ALLOWED = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const containsDocumentMarker = (s: string): boolean => /^(%|---|\.\.\.)/m.test(s);

/** A string scalar; `indent` is the context indent of the pair or item that holds it. */
function printString(value: string, indent: string, implicitKey: boolean): string {
  // The library gives the string "<<" the YAML 1.1 merge tag, which prints it bare.
  if (value === MERGE_KEY) return MERGE_KEY;
  if (SIMPLE.test(value) && !RISKY.test(value)) return value;
  // plugin/output.ts's visit: single-line strings YAML 1.1 could misread are double-quoted.
  if ((RISKY.test(value) && !value.includes('\n')) || FORCE_DOUBLE.test(value)) return doubleQuoted(value, indent, implicitKey);
  return plain(value, indent, implicitKey);
}

function plain(value: string, indent: string, implicitKey: boolean): string {
  if (implicitKey && value.includes('\n')) return quoted(value, indent, implicitKey);
  if (PLAIN_NOT_ALLOWED.test(value)) {
    return implicitKey || !value.includes('\n') ? quoted(value, indent, implicitKey) : blockLiteral(value, indent, implicitKey);
  }
  if (!implicitKey && value.includes('\n')) return blockLiteral(value, indent, implicitKey);
  if (containsDocumentMarker(value) && implicitKey && indent === INDENT_STEP) return quoted(value, indent, implicitKey);
  const str = value.replace(/\n+/g, `$&\n${indent}`);
  if (NON_STRING.test(str)) return quoted(value, indent, implicitKey);
  return str;
}

function quoted(value: string, indent: string, implicitKey: boolean): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle ? singleQuoted(value, indent, implicitKey) : doubleQuoted(value, indent, implicitKey);
}

function singleQuoted(value: string, indent: string, implicitKey: boolean): string {
  if ((implicitKey && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, indent, implicitKey);
  const ind = indent || (containsDocumentMarker(value) ? '  ' : '');
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${ind}`)}'`;
}

/** The library's double-quoted style: JSON escapes, YAML's short escapes, real line breaks for long values. */
function doubleQuoted(value: string, indent: string, implicitKey: boolean): string {
  const json = JSON.stringify(value);
  const ind = indent || (containsDocumentMarker(value) ? '  ' : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    switch (json[i + 1]) {
      case 'u': {
        str += json.slice(start, i);
        const code = json.substr(i + 2, 4);
        str += SHORT_ESCAPES[code] ?? (code.startsWith('00') ? `\\x${code.substr(2)}` : json.substr(i, 6));
        i += 5;
        start = i + 1;
        break;
      }
      case 'n':
        if (implicitKey || json[i + 2] === '"' || json.length < DOUBLE_QUOTED_MIN_MULTILINE) {
          i += 1;
        } else {
          str += `${json.slice(start, i)}\n\n`;
          while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
            str += '\n';
            i += 2;
          }
          str += ind;
          if (json[i + 2] === ' ') str += '\\';
          i += 1;
          start = i + 1;
        }
        break;
      default:
        i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}

const SHORT_ESCAPES: Record<string, string> = {
  '0000': '\\0',
  '0007': '\\a',
  '000b': '\\v',
  '001b': '\\e',
  '0085': '\\N',
  '00a0': '\\_',
  '2028': '\\L',
  '2029': '\\P',
};

/** The library's literal block scalar (lineWidth 0 never folds): chomping and indent indicators. */
function blockLiteral(value: string, indent: string, implicitKey: boolean): string {
  if (/\n[\t ]+$/.test(value)) return quoted(value, indent, implicitKey);
  const ind = indent || (containsDocumentMarker(value) ? '  ' : '');
  if (!value) return '|\n';
  let endStart: number;
  for (endStart = value.length; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  const chomp = endNlPos === -1 ? '-' : value === end || endNlPos !== end.length - 1 ? '+' : '';
  let body = value;
  if (end) {
    body = body.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${ind}`);
  }
  let startWithSpace = false;
  let startEnd: number;
  let startNlPos = -1;
  for (startEnd = 0; startEnd < body.length; ++startEnd) {
    const ch = body[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = body.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${ind}`);
  }
  const header = (startWithSpace ? (ind ? '2' : '1') : '') + chomp;
  return `|${header}\n${ind}${start}${body.replace(/\n+/g, `$&${ind}`)}${end}`;
}

const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;
