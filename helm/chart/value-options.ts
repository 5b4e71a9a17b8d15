/**
 * helm's values.Options.MergeValues: the `-f` files and `--set*` flags of `helm template` and
 * `helm lint`, merged. Errors carry helm's text (`failed to parse FILE: ...`).
 */
import { readValuesFile } from './read-values.js';
import { mergeUserValues, readLocalFile } from './values.js';
import type { GoMap } from '../template/value.js';

export interface ValueFlags {
  valueFiles: readonly string[];
  set: readonly string[];
  setString: readonly string[];
  setJson: readonly string[];
  setFile: readonly string[];
  setLiteral: readonly string[];
}

/**
 * Throws Error with helm's message when a file is missing or a flag does not parse. Relative
 * paths are taken from `cwd` (default: the process's working directory).
 */
export function userValues(flags: ValueFlags, cwd?: string): GoMap {
  const read = (file: string): Uint8Array => readLocalFile(file, cwd);
  const valueFiles = flags.valueFiles.map((file) => readValuesFile({ name: file, data: read(file) }));
  return mergeUserValues({
    valueFiles,
    values: flags.set,
    stringValues: flags.setString,
    jsonValues: flags.setJson,
    fileValues: flags.setFile,
    literalValues: flags.setLiteral,
  }, read);
}
