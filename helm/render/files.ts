/**
 * `.Files`: helm v3.17.3 pkg/engine/files.go. In Go it is `type files map[string][]byte` with
 * methods, so templates can both call `.Files.Get "x"` and `range $path, $bytes := .Files`.
 * Here it is a Map of Uint8Array tagged `engine.files`, with its methods registered on that type.
 */
import {
  GoError, type GoFunc, type GoMap, registerTypeMethods, tagMapType, tagSliceType,
} from '../template/value.js';
import { goStringFromBytes } from '../template/gostring.js';
import { registerNamedType } from '../template/index.js';
import { define } from '../funcs/define.js';
import { compileGlob, GlobSyntaxError } from './files-glob.js';
import { baseName } from './go-text.js';
import { toYamlText } from './yaml-text.js';
import type { ChartFile } from '../chart/types.js';

/** The Go type name `%T` prints for `.Files` and for what `.Files.Glob` returns. */
export const FILES_TYPE = 'engine.files';

registerNamedType(FILES_TYPE, 'map[string][]uint8');

/** newFiles: the chart's non-template files by path (later duplicates win, as in the Go loop). */
export function newFiles(from: readonly ChartFile[]): GoMap {
  const files: GoMap = new Map();
  for (const f of from) files.set(f.name, f.data);
  return tagMapType(files, FILES_TYPE);
}

/** files.GetBytes: the file's bytes, or an empty []byte. */
export function getBytes(files: GoMap, name: string): Uint8Array {
  const v = files.get(name);
  return v instanceof Uint8Array ? v : new Uint8Array(0);
}

/** files.Get: the file as a Go string (bytes that are not UTF-8 stay raw, see template/gostring.ts). */
export function get(files: GoMap, name: string): string {
  return decode(getBytes(files, name));
}

/** files.Glob: the files whose path matches a gobwas/glob pattern; a bad pattern matches everything. */
export function glob(files: GoMap, pattern: string): GoMap {
  let match: (name: string) => boolean;
  try {
    match = compileGlob(pattern);
  } catch (e) {
    if (!(e instanceof GlobSyntaxError)) throw e;
    match = () => true;
  }
  const out: GoMap = new Map();
  for (const [name, data] of files) if (match(name)) out.set(name, data);
  return tagMapType(out, FILES_TYPE);
}

/** files.AsConfig: `base name: content` pairs as YAML (sorted keys, no trailing newline). */
export function asConfig(files: GoMap): string {
  const m: GoMap = new Map();
  for (const [name, data] of files) m.set(baseName(name), decode(data as Uint8Array));
  return toYamlText(tagMapType(m, 'map[string]string'));
}

/** files.AsSecrets: `base name: base64(content)` pairs as YAML. */
export function asSecrets(files: GoMap): string {
  const m: GoMap = new Map();
  for (const [name, data] of files) m.set(baseName(name), Buffer.from(data as Uint8Array).toString('base64'));
  return toYamlText(tagMapType(m, 'map[string]string'));
}

/** files.Lines: the file split on "\n" after dropping one trailing "\n"; [] for a missing file. */
export function lines(files: GoMap, path: string): string[] {
  const data = files.get(path);
  if (!(data instanceof Uint8Array)) return tagSliceType([], '[]string');
  let s = decode(data);
  // Go indexes s[len(s)-1] here: an empty file panics, which text/template reports as the call error.
  if (s.length === 0) throw new GoError('runtime error: index out of range [-1]');
  if (s.endsWith('\n')) s = s.slice(0, -1);
  return tagSliceType(s.split('\n'), '[]string');
}

/** Go's string(data): the bytes as a Go string (invalid UTF-8 stays raw). */
function decode(data: Uint8Array): string {
  return goStringFromBytes(data);
}

/** The bound methods of one `engine.files` value, as Go's method set. */
function filesMethod(receiver: GoMap, name: string): GoFunc | undefined {
  switch (name) {
    case 'AsConfig':
      return define('AsConfig', [], 'string', () => asConfig(receiver));
    case 'AsSecrets':
      return define('AsSecrets', [], 'string', () => asSecrets(receiver));
    case 'Get':
      return define('Get', ['string'], 'string', (n: string) => get(receiver, n));
    case 'GetBytes':
      return define('GetBytes', ['string'], '[]uint8', (n: string) => getBytes(receiver, n));
    case 'Glob':
      return define('Glob', ['string'], FILES_TYPE, (p: string) => glob(receiver, p));
    case 'Lines':
      return define('Lines', ['string'], '[]string', (p: string) => lines(receiver, p));
  }
  return undefined;
}

registerTypeMethods(FILES_TYPE, (receiver, name) =>
  receiver instanceof Map ? filesMethod(receiver, name) : undefined,
);
