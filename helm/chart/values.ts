/**
 * User-supplied values: `-f` files and the `--set*` flags, merged as helm v3.17.3
 * pkg/cli/values/options.go (Options.MergeValues) does. Reading YAML is in read-values.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GoMap, GoValue } from '../template/value.js';
import { parseInto, parseIntoFile, parseIntoString, parseJson, parseLiteralInto, type RunesValueReader } from './strvals.js';
import { goStringFromBytes } from '../template/gostring.js';

/** A values failure with helm's full message (`failed parsing --set data: ...`, `failed to parse f.yaml: ...`). */
export class ValuesError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ValuesError';
  }
}

/** The five `--set*` flags. */
export type SetKind = 'set' | 'set-string' | 'set-json' | 'set-file' | 'set-literal';

/**
 * values.Options: each list in command-line order. `valueFiles` are the `-f` files already
 * read and parsed (see readValuesFile), so that this module needs no YAML parser.
 */
export interface ValueOptions {
  valueFiles?: readonly GoMap[];
  values?: readonly string[];
  stringValues?: readonly string[];
  jsonValues?: readonly string[];
  fileValues?: readonly string[];
  literalValues?: readonly string[];
}

/**
 * Reads a `--set-file` path (or `-f` path). Returns the bytes or throws an Error whose message
 * is used verbatim after `failed parsing --set-file data: `.
 */
export type ReadFile = (path: string) => Uint8Array | string;

/**
 * Options.MergeValues: `-f` files in order (deep-merged maps, later wins), then every
 * `--set-json`, `--set`, `--set-string`, `--set-file`, `--set-literal`, in that fixed order of
 * kinds whatever the order on the command line.
 */
export function mergeUserValues(opts: ValueOptions, readFile: ReadFile = readLocalFile): GoMap {
  let base: GoMap = new Map();
  for (const file of opts.valueFiles ?? []) base = mergeMaps(base, file);
  for (const v of opts.jsonValues ?? []) parseSetValues(base, 'set-json', v, readFile);
  for (const v of opts.values ?? []) parseSetValues(base, 'set', v, readFile);
  for (const v of opts.stringValues ?? []) parseSetValues(base, 'set-string', v, readFile);
  for (const v of opts.fileValues ?? []) parseSetValues(base, 'set-file', v, readFile);
  for (const v of opts.literalValues ?? []) parseSetValues(base, 'set-literal', v, readFile);
  return base;
}

/**
 * One `--set*` flag value parsed into base (mutated), with MergeValues' error text:
 * `failed parsing --set data: CAUSE`, except `--set-json`, whose cause helm drops
 * (`failed parsing --set-json data EXPR`).
 */
export function parseSetValues(base: GoMap, kind: SetKind, expr: string, readFile: ReadFile = readLocalFile): void {
  try {
    switch (kind) {
      case 'set':
        return parseInto(expr, base);
      case 'set-string':
        return parseIntoString(expr, base);
      case 'set-json':
        return parseJson(expr, base);
      case 'set-file':
        return parseIntoFile(expr, base, fileReader(readFile));
      case 'set-literal':
        return parseLiteralInto(expr, base);
    }
  } catch (e) {
    if (kind === 'set-json') throw new ValuesError(`failed parsing --set-json data ${expr}`, e);
    throw new ValuesError(`failed parsing --${kind} data: ${e instanceof Error ? e.message : String(e)}`, e);
  }
}

/** The --set-file value reader: the file's content as a string. */
function fileReader(readFile: ReadFile): RunesValueReader {
  return (path: string): GoValue => {
    const data = readFile(path);
    return typeof data === 'string' ? data : goStringFromBytes(data);
  };
}

/**
 * values.mergeMaps: a copy of a with b laid over it; maps present in both are merged
 * recursively, anything else from b replaces a's value.
 */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = new Map(a);
  for (const [k, v] of b) {
    const existing = out.get(k);
    if (v instanceof Map && existing instanceof Map) out.set(k, mergeMaps(existing, v));
    else out.set(k, v);
  }
  return out;
}

/**
 * os.ReadFile with Go's error texts (`open PATH: no such file or directory`), the reader
 * helm uses for `--set-file` and `-f` paths that are not URLs. A relative path is taken from
 * `cwd` (default: the process's); messages name the path as given, as helm's do.
 */
export function readLocalFile(path: string, cwd?: string): Uint8Array {
  try {
    return readFileSync(cwd === undefined ? path : resolve(cwd, path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new ValuesError(`read ${path}: is a directory`, e);
    throw new ValuesError(`open ${path}: ${goErrnoText(code)}`, e);
  }
}

function goErrnoText(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return code ?? 'unknown error';
  }
}
