/**
 * Go's `%#v` (and `%+#v`) text for go-yaml decoded values, as it appears inside go-yaml and
 * sigs.k8s.io/yaml error messages (`invalid map key: []interface {}{"a", "b"}`).
 */
import { quote } from '../template/strconv.js';
import { formatFloat } from './go-strconv.js';
import { YamlInt } from './resolve.js';
import type { YamlMap, YamlValue } from './decode.js';

/** strconv.Quote (the one port, in template/strconv.ts): Go escapes, invalid bytes as \xNN. */
export const goQuote: (s: string) => string = quote;

function isContainer(v: YamlValue): boolean {
  return Array.isArray(v) || (typeof v === 'object' && v !== null && !(v instanceof YamlInt));
}

function elem(v: YamlValue): string {
  return v === null ? 'interface {}(nil)' : formatGoSyntax(v);
}

/** `%#v` of an interface{} holding v. */
export function formatGoSyntax(v: YamlValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return formatFloat(v, 'g', 64);
  if (v instanceof YamlInt) return v.goType === 'uint64' ? '0x' + v.value.toString(16) : v.value.toString();
  if (Array.isArray(v)) return `[]interface {}{${v.map(elem).join(', ')}}`;
  const map = v as YamlMap;
  const items = [...map.entries.values()].map(({ key, value }) => ({ k: elem(key), v: elem(value) }));
  items.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return `map[interface {}]interface {}{${items.map((i) => `${i.k}:${i.v}`).join(', ')}}`;
}

/** `%s` of reflect.TypeOf(v), as sigs.k8s.io/yaml prints an unsupported key's type. */
export function goTypeName(v: YamlValue): string {
  if (v === null) return '%!s(<nil>)';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (v instanceof YamlInt) return v.goType;
  if (isContainer(v)) return Array.isArray(v) ? '[]interface {}' : 'map[interface {}]interface {}';
  return 'interface {}';
}
