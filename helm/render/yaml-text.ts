/**
 * helm's engine toYAML (pkg/engine/funcs.go): sigs.k8s.io/yaml.Marshal without the final
 * newline, and "" when marshalling fails. `.Files.AsConfig`/`AsSecrets` print through it.
 */
import type { GoValue } from '../template/value.js';
import { marshalYaml, YamlMarshalError } from '../yaml/marshal.js';

/** toYAML: the YAML text of v, trailing newline removed; "" on a marshal error. */
export function toYamlText(v: GoValue): string {
  try {
    const text = marshalYaml(v);
    return text.endsWith('\n') ? text.slice(0, -1) : text;
  } catch (e) {
    if (e instanceof YamlMarshalError) return '';
    throw e;
  }
}
