/**
 * Strict structural validation of built-in Kubernetes objects against the models recorded from
 * @kubernetes/client-node (builtin-data.ts, made by scripts/record/kube-schema/from-client-node.mjs):
 * unknown fields are errors (kubeconform -strict), values must have their field's type (int32 and
 * int64 fields integers, IntOrString an integer or a string), required fields must be there.
 * null is accepted for any field, as kubeconform's schemas do.
 *
 * The client's models type resource.Quantity as a string; Kubernetes (and kubeconform) accept a
 * number there too. Fields known to hold quantities are listed by name below.
 */
import { BUILTIN_JSON } from './builtin-data.js';
import { jsonTypeOf, type SchemaPath, type SchemaProblem } from './problem.js';

type Field = [name: string, type: string, format: string, required: 0 | 1];

interface BuiltinData {
  source: string;
  kinds: Record<string, string>;
  types: Record<string, Field[]>;
}

let data: BuiltinData | undefined;
function builtin(): BuiltinData {
  return (data ??= JSON.parse(BUILTIN_JSON) as BuiltinData);
}

/** Where the structure comes from (for messages and docs). */
export function builtinSource(): string {
  return builtin().source;
}

/** The model for `apiVersion` + `kind`, when the client knows the kind. */
export function builtinModel(apiVersion: string, kind: string): string | undefined {
  return builtin().kinds[`${apiVersion}/${kind}`];
}

/** Fields whose values are resource.Quantity (or maps of them): a number is allowed there. */
const QUANTITY_FIELDS = new Set([
  'limits', 'requests', 'hard', 'used', 'capacity', 'allocatable', 'allocatedResources', 'podFixed', 'default',
  'defaultRequest', 'max', 'min', 'maxLimitRequestRatio', 'sizeLimit', 'maximumVolumeSize', 'storage',
]);

const MAP_RE = /^\{ \[key: string\]: (.*); \}$/;
const ARRAY_RE = /^Array<(.*)>$/;

/** Validates `value` (JSON-like: Map objects, arrays, numbers, strings, booleans, null) as the model. */
export function validateBuiltin(value: unknown, model: string): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  checkModel(value, model, [], problems);
  return problems;
}

function checkModel(value: unknown, model: string, path: SchemaPath, out: SchemaProblem[]): void {
  const fields = builtin().types[model];
  if (!fields) return; // a scalar the client serializes itself (V1MicroTime)
  if (!(value instanceof Map)) {
    out.push({ path, message: `expected object, but got ${jsonTypeOf(value)}` });
    return;
  }
  const byName = new Map(fields.map((f) => [f[0], f]));
  for (const [key, v] of value as Map<string, unknown>) {
    const field = byName.get(key);
    if (!field) {
      out.push({ path: [...path, key], message: `additionalProperties '${key}' not allowed` });
      continue;
    }
    checkType(v, field[1], field[2], [...path, key], QUANTITY_FIELDS.has(key), out);
  }
  const missing = fields.filter((f) => f[3] === 1 && !(value as Map<string, unknown>).has(f[0])).map((f) => `'${f[0]}'`);
  if (missing.length > 0) out.push({ path, message: `missing properties: ${missing.join(', ')}` });
}

function checkType(value: unknown, type: string, format: string, path: SchemaPath, quantity: boolean, out: SchemaProblem[]): void {
  if (value === null || value === undefined || type === 'any') return;
  const expect = (ok: boolean, expected: string) => {
    if (!ok) out.push({ path, message: `expected ${expected}, but got ${jsonTypeOf(value)}` });
  };
  const isInteger = typeof value === 'number' && Number.isInteger(value);
  switch (type) {
    case 'string':
      return quantity ? expect(typeof value === 'string' || typeof value === 'number', 'string or number') : expect(typeof value === 'string', 'string');
    case 'number':
      return format === 'int32' || format === 'int64' ? expect(isInteger, 'integer') : expect(typeof value === 'number', 'number');
    case 'boolean':
      return expect(typeof value === 'boolean', 'boolean');
    case 'Date':
    case 'V1MicroTime':
      return expect(typeof value === 'string', 'string');
    case 'IntOrString':
      return expect(typeof value === 'string' || isInteger, 'integer or string');
  }
  const arrayOf = ARRAY_RE.exec(type);
  if (arrayOf) {
    if (!Array.isArray(value)) return expect(false, 'array');
    value.forEach((item, i) => checkType(item, arrayOf[1] as string, format, [...path, i], quantity, out));
    return;
  }
  const mapOf = MAP_RE.exec(type);
  if (mapOf) {
    if (!(value instanceof Map)) return expect(false, 'object');
    for (const [k, v] of value as Map<string, unknown>) checkType(v, mapOf[1] as string, format, [...path, k], quantity, out);
    return;
  }
  checkModel(value, type, path, out);
}
