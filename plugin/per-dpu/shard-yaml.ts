/**
 * A startup shard printed as generate's stream prints any object (plugin/output.ts,
 * yamlDocument: the `yaml` package, YAML 1.1 risky strings double-quoted, lineWidth 0), byte for
 * byte, without building a YAML document model: at 100,000 DPUs the generic printer took longer
 * than rendering them (bench/per-dpu.ts). Only the shapes a shard has are handled: plain keys,
 * the context JSON (single-quoted), startup configs as literal block scalars with `|` or `|-`.
 * Anything else (control characters, leading or trailing blanks, several trailing newlines,
 * non-ASCII ...)
 * returns undefined and the caller prints the object the generic way.
 * test/plugin/per-dpu/shard-yaml.test.ts compares both printers on generated shards.
 */
import type { ShardConfigMap } from './shards.js';

/** output.ts's rule: strings YAML 1.1 could read as something else are double-quoted. */
const RISKY = /^(?:$|[-+.0-9~=<]|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$)/;
/** Strings printed as plain scalars (or, when risky, double-quoted without escapes). */
const SIMPLE = /^[A-Za-z0-9._/-]+$/;
/** A single-line JSON object as the context key holds it: printable ASCII, no single quote. */
const SINGLE_QUOTABLE = /^\{[\x20-\x26\x28-\x7e]*\}$/;
/** A block literal body: starts with a visible character, ASCII printable, tabs and newlines. */
const BLOCKABLE = /^[\x21-\x7e][\x20-\x7e\t\n]*$/;
const TRAILING_BLANK = /[ \t](?:\n|$)/;

function simple(s: string): string | undefined {
  if (!SIMPLE.test(s)) return undefined;
  return RISKY.test(s) ? `"${s}"` : s;
}

/** `key: value` lines at `indent` for a map of simple strings; undefined when one is not simple. */
function simpleMap(m: Readonly<Record<string, string>>, indent: string): string | undefined {
  let out = '';
  for (const [k, v] of Object.entries(m)) {
    const key = simple(k);
    const value = simple(v);
    if (key === undefined || value === undefined) return undefined;
    out += `${indent}${key}: ${value}\n`;
  }
  return out;
}

function blockLiteral(v: string, indent: string): string | undefined {
  // trailing blanks on a line change the chomping the generic printer picks: leave them to it
  if (!BLOCKABLE.test(v) || TRAILING_BLANK.test(v)) return undefined;
  const clip = v.endsWith('\n');
  if (clip && v.endsWith('\n\n')) return undefined;
  const body = clip ? v.slice(0, -1) : v;
  // every line indented but empty ones (the first is never empty: BLOCKABLE)
  return `${clip ? '|' : '|-'}\n${indent}${body.replace(/\n(?=[^\n])/g, `\n${indent}`)}\n`;
}

function dataValue(v: string): string | undefined {
  if (v === '') return '""';
  if (v.includes('\n')) return blockLiteral(v, '    ');
  // the generic printer single-quotes a string that holds " and no '
  if (SINGLE_QUOTABLE.test(v) && v.includes('"')) return `'${v}'`;
  return simple(v);
}

/** The shard's YAML document body, or undefined when it holds a shape this printer leaves to the generic one. */
export function printShard(cm: ShardConfigMap): string | undefined {
  const name = simple(cm.metadata.name);
  const namespace = simple(cm.metadata.namespace);
  const labels = simpleMap(cm.metadata.labels, '    ');
  const annotations = simpleMap(cm.metadata.annotations, '    ');
  if (name === undefined || namespace === undefined || labels === undefined || annotations === undefined) return undefined;
  // one string built by += (V8 joins the pieces once, when the stream is written)
  let out = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n`;
  out += Object.keys(cm.metadata.labels).length ? `  labels:\n${labels}` : '  labels: {}\n';
  out += Object.keys(cm.metadata.annotations).length ? `  annotations:\n${annotations}` : '  annotations: {}\n';
  const keys = Object.keys(cm.data);
  if (!keys.length) return `${out}data: {}\n`;
  out += 'data:\n';
  for (const k of keys) {
    const key = simple(k);
    const value = dataValue(cm.data[k]!);
    if (key === undefined || value === undefined) return undefined;
    out += value.endsWith('\n') ? `  ${key}: ${value}` : `  ${key}: ${value}\n`;
  }
  return out;
}
