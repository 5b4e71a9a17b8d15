/**
 * What Kubernetes schema validation reports about one object: the field (as a path of keys and
 * indexes) and the problem in kubeconform's words (`expected integer, but got string`,
 * `additionalProperties 'x' not allowed`, `missing properties: 'name'`).
 */
export type SchemaPath = (string | number)[];

export interface SchemaProblem {
  path: SchemaPath;
  message: string;
}

/** JSON's name for a value's type, as JSON Schema validators say it. */
export function jsonTypeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map || typeof v === 'object') return 'object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
