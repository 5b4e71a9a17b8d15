/**
 * Values YAML as helm v3.17.3 reads it: chartutil.ReadValues and `yaml.Unmarshal` into a
 * map[string]interface{} (sigs.k8s.io/yaml), for values.yaml and `-f` files. The YAML work is
 * helm/yaml's; this file adds helm's error wording around it.
 */
import type { GoMap } from '../template/value.js';
import { parseYamlToGoMap } from '../yaml/parse.js';
import { ValuesError } from './values.js';
import { goStringFromBytes } from '../template/gostring.js';

/** A `-f` values file: its name as given on the command line (for errors) and its bytes. */
export interface ValuesFile {
  name: string;
  data: Uint8Array | string;
}

/**
 * Options.MergeValues' reading of one `-f` file: a map (empty for an empty document). Errors read
 * `failed to parse NAME: error converting YAML to JSON: yaml: line 2: ...` like helm's.
 */
export function readValuesFile(file: ValuesFile): GoMap {
  try {
    return readValues(file.data);
  } catch (e) {
    throw new ValuesError(`failed to parse ${file.name}: ${e instanceof Error ? e.message : String(e)}`, e);
  }
}

/**
 * chartutil.ReadValues: YAML that must be a map or empty. Throws helm/yaml's YamlParseError
 * (`error unmarshaling JSON: ... cannot unmarshal array into Go value of type map[string]interface {}`).
 */
export function readValues(data: Uint8Array | string): GoMap {
  const text = typeof data === 'string' ? data : goStringFromBytes(data);
  return parseYamlToGoMap(text);
}
