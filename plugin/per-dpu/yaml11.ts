/**
 * Loads YAML the way the DPU's Python does (PyYAML `yaml.safe_load`, YAML 1.1): plain `on`/`yes`
 * are True, `010` is 8, `1:30` is 90, `1.0` stays a float, `1e3` (no dot) stays a string,
 * `2024-01-02` is a date, `<<` merges, a later duplicate key wins. The result is the Jinja
 * engine's Python value model, so `{{ config.x }}` prints what the DPU would print.
 * Parsing uses the `yaml` package with the failsafe schema (every scalar a string) and resolves
 * plain scalars with PyYAML's implicit resolver patterns.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Alias, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import { inspectDocument } from '../../dpf/yaml-input.js';
import { PyDate, PyDict, hashKey, type PyValue } from './jinja/index.js';

/** A YAML document PyYAML would reject (or that uses a type the DPU values cannot hold). */
export class Yaml11Error extends Error {
  override readonly name = 'Yaml11Error';
  constructor(
    readonly detail: string,
    readonly line?: number,
  ) {
    super(line !== undefined ? `${detail} (line ${line})` : detail);
  }
}

// PyYAML resolver.py implicit resolvers (YAML 1.1).
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

function sexagesimal(text: string): { sign: number; parts: string[] } {
  const sign = text.startsWith('-') ? -1 : 1;
  return { sign, parts: text.replace(/^[-+]/, '').split(':') };
}

/** PyYAML construct_yaml_int. */
function constructInt(raw: string): bigint {
  let v = raw.replace(/_/g, '');
  let sign = 1n;
  if (v[0] === '-') sign = -1n;
  if (v[0] === '-' || v[0] === '+') v = v.slice(1);
  if (v === '0') return 0n;
  if (v.startsWith('0b')) return sign * BigInt(v);
  if (v.startsWith('0x')) return sign * BigInt(v);
  if (v[0] === '0') return sign * BigInt('0o' + v.slice(1));
  if (v.includes(':')) {
    let n = 0n;
    for (const d of v.split(':')) n = n * 60n + BigInt(d);
    return sign * n;
  }
  return sign * BigInt(v);
}

/** PyYAML construct_yaml_float. */
function constructFloat(raw: string): number {
  const v = raw.replace(/_/g, '').toLowerCase();
  if (v.endsWith('.inf')) return v.startsWith('-') ? -Infinity : Infinity;
  if (v === '.nan') return NaN;
  if (v.includes(':')) {
    const { sign, parts } = sexagesimal(v);
    let n = 0;
    for (const d of parts) n = n * 60 + Number(d);
    return sign * n;
  }
  return Number(v);
}

function constructTimestamp(raw: string, line: number | undefined): PyDate {
  const m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/.exec(raw);
  if (!m) throw new Yaml11Error(`bad timestamp ${raw}`, line);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    throw new Yaml11Error(`day is out of range for month: ${raw}`, line);
  }
  if (m[4] === undefined) return new PyDate(y, mo, d);
  const time: { hour: number; minute: number; second: number; micro: number; utcOffsetMin?: number } = {
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    micro: m[7] ? Number(m[7].slice(0, 6).padEnd(6, '0')) : 0,
  };
  if (m[8] === 'Z') time.utcOffsetMin = 0;
  else if (m[8]) time.utcOffsetMin = (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0));
  return new PyDate(y, mo, d, time);
}

/** Resolves a plain scalar as PyYAML's implicit resolvers do. */
export function resolvePlainScalar(text: string, line?: number): PyValue {
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return /^(?:yes|true|on)$/i.test(text);
  if (INT.test(text)) return constructInt(text);
  if (FLOAT.test(text)) return constructFloat(text);
  if (TIMESTAMP.test(text)) return constructTimestamp(text, line);
  if (text === '=') throw new Yaml11Error("could not determine a constructor for the tag 'tag:yaml.org,2002:value'", line);
  return text;
}

function lineOf(doc: Document, node: { range?: [number, number, number] | null }, lines: number[]): number | undefined {
  const offset = node.range?.[0];
  if (offset === undefined) return undefined;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  void doc;
  return lo + 1;
}

interface Ctx {
  doc: Document;
  lineStarts: number[];
  depth: number;
  /** Anchored nodes already built: an alias yields the same object, as PyYAML's does, so a
   * "billion laughs" document stays small. */
  anchored: Map<unknown, PyValue>;
  /** Each alias's target, found in one walk (the package's `resolve` walks the document per alias). */
  aliasTargets: Map<Alias, YamlNode | undefined>;
}

const MAX_DEPTH = 200;

function scalarValue(node: Scalar, ctx: Ctx): PyValue {
  const text = String(node.value ?? '');
  const line = lineOf(ctx.doc, node, ctx.lineStarts);
  const tag = node.tag;
  if (tag) {
    switch (tag) {
      case 'tag:yaml.org,2002:str':
        return text;
      case 'tag:yaml.org,2002:int':
        if (!INT.test(text)) throw new Yaml11Error(`invalid literal for int(): ${JSON.stringify(text)}`, line);
        return constructInt(text);
      case 'tag:yaml.org,2002:float':
        return constructFloat(text);
      case 'tag:yaml.org,2002:bool':
        return /^(?:yes|true|on)$/i.test(text);
      case 'tag:yaml.org,2002:null':
        return null;
      case 'tag:yaml.org,2002:timestamp':
        return constructTimestamp(text, line);
      default:
        throw new Yaml11Error(`could not determine a constructor for the tag '${tag}'`, line);
    }
  }
  if (node.type === 'PLAIN') return resolvePlainScalar(text, line);
  return text;
}

function toPy(node: unknown, ctx: Ctx): PyValue {
  if (node === null || node === undefined) return null;
  if (++ctx.depth > MAX_DEPTH) throw new Yaml11Error(`YAML nested deeper than ${MAX_DEPTH}`);
  try {
    if (isAlias(node)) {
      const target = ctx.aliasTargets.get(node);
      if (target === undefined) throw new Yaml11Error(`found undefined alias ${node.source}`);
      const built = ctx.anchored.get(target);
      return built !== undefined ? built : toPy(target, ctx);
    }
    const built = buildNode(node, ctx);
    if ((node as { anchor?: string }).anchor) ctx.anchored.set(node, built);
    return built;
  } finally {
    ctx.depth--;
  }
}

function buildNode(node: unknown, ctx: Ctx): PyValue {
  if (isScalar(node)) return scalarValue(node, ctx);
  if (isSeq(node)) return node.items.map((x) => toPy(x, ctx));
  if (isMap(node)) {
    const out = new PyDict();
    const merged: [PyValue, PyValue][] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && !keyNode.tag) {
        const maps = isSeq(pair.value) ? pair.value.items : [pair.value];
        // earlier maps in a merge sequence win over later ones; explicit keys win over all
        for (const m of [...maps].reverse()) {
          const v = toPy(m, ctx);
          if (!(v instanceof PyDict)) throw new Yaml11Error('expected a mapping for merging', lineOf(ctx.doc, keyNode, ctx.lineStarts));
          for (const entry of v.entries()) merged.push(entry);
        }
        continue;
      }
      const key = toPy(keyNode, ctx);
      try {
        hashKey(key);
      } catch {
        throw new Yaml11Error('found unhashable key', lineOf(ctx.doc, keyNode ?? {}, ctx.lineStarts));
      }
      out.set(key, toPy(pair.value, ctx));
    }
    if (!merged.length) return out;
    const result = new PyDict();
    for (const [k, v] of merged) result.set(k, v);
    for (const [k, v] of out.entries()) result.set(k, v);
    return result;
  }
  throw new Yaml11Error('unsupported YAML node');
}

/** PyYAML `yaml.safe_load(text)` as Python values. Throws Yaml11Error. */
export function loadYaml11(text: string): PyValue {
  const doc = parseDocument(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, prettyErrors: false, strict: false });
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const err = doc.errors[0];
  if (err) throw new Yaml11Error(err.message.split('\n')[0]!, err.linePos?.[0]?.line);
  return toPy(doc.contents, { doc, lineStarts, depth: 0, anchored: new Map(), aliasTargets: inspectDocument(doc).aliases });
}
