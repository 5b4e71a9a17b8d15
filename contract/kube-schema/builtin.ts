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

/**
 * A model's fields by name and its required field names, made once per model: every rendered
 * object of every run is checked against them (a served generate validates the whole chart on
 * each request; building them per object was most of the check's time).
 */
interface ModelInfo {
  byName: Map<string, Field>;
  required: string[];
}
const models = new Map<string, ModelInfo | null>();

function modelInfo(model: string): ModelInfo | null {
  let info = models.get(model);
  if (info === undefined) {
    const fields = builtin().types[model];
    info = fields ? { byName: new Map(fields.map((f) => [f[0], f])), required: fields.filter((f) => f[3] === 1).map((f) => f[0]) } : null;
    models.set(model, info);
  }
  return info;
}

/** A field type as written in the models: a primitive, `Array<T>`, `{ [key: string]: T; }` or a model. */
type TypeInfo =
  | { kind: 'primitive'; name: string }
  | { kind: 'array'; item: TypeInfo }
  | { kind: 'map'; value: TypeInfo }
  | { kind: 'model'; model: string };
const PRIMITIVES = new Set(['any', 'string', 'number', 'boolean', 'Date', 'V1MicroTime', 'IntOrString']);
const types = new Map<string, TypeInfo>();

function typeInfo(type: string): TypeInfo {
  let info = types.get(type);
  if (info === undefined) {
    const arrayOf = ARRAY_RE.exec(type);
    const mapOf = arrayOf ? null : MAP_RE.exec(type);
    info = PRIMITIVES.has(type)
      ? { kind: 'primitive', name: type }
      : arrayOf
        ? { kind: 'array', item: typeInfo(arrayOf[1] as string) }
        : mapOf
          ? { kind: 'map', value: typeInfo(mapOf[1] as string) }
          : { kind: 'model', model: type };
    types.set(type, info);
  }
  return info;
}

/**
 * One validation: the path of the value being checked is a stack pushed and popped as the walk
 * goes (a copy is made only for a problem), so checking allocates next to nothing.
 */
class Check {
  readonly problems: SchemaProblem[] = [];
  private readonly path: SchemaPath = [];

  private report(message: string, last?: string | number): void {
    const path = [...this.path];
    if (last !== undefined) path.push(last);
    this.problems.push({ path, message });
  }

  model(value: unknown, model: string): void {
    const info = modelInfo(model);
    if (!info) return; // a scalar the client serializes itself (V1MicroTime)
    if (!(value instanceof Map)) {
      this.report(`expected object, but got ${jsonTypeOf(value)}`);
      return;
    }
    for (const [key, v] of value as Map<string, unknown>) {
      const field = info.byName.get(key);
      if (!field) {
        this.report(`additionalProperties '${key}' not allowed`, key);
        continue;
      }
      this.path.push(key);
      this.type(v, typeInfo(field[1]), field[2], QUANTITY_FIELDS.has(key));
      this.path.pop();
    }
    let missing: string[] | undefined;
    for (const name of info.required) if (!(value as Map<string, unknown>).has(name)) (missing ??= []).push(`'${name}'`);
    if (missing !== undefined) this.report(`missing properties: ${missing.join(', ')}`);
  }

  private expect(ok: boolean, expected: string, value: unknown): void {
    if (!ok) this.report(`expected ${expected}, but got ${jsonTypeOf(value)}`);
  }

  private type(value: unknown, type: TypeInfo, format: string, quantity: boolean): void {
    if (value === null || value === undefined) return;
    switch (type.kind) {
      case 'primitive':
        return this.primitive(value, type.name, format, quantity);
      case 'array':
        if (!Array.isArray(value)) return this.expect(false, 'array', value);
        for (let i = 0; i < value.length; i++) {
          this.path.push(i);
          this.type(value[i], type.item, format, quantity);
          this.path.pop();
        }
        return;
      case 'map':
        if (!(value instanceof Map)) return this.expect(false, 'object', value);
        for (const [k, v] of value as Map<string, unknown>) {
          this.path.push(k);
          this.type(v, type.value, format, quantity);
          this.path.pop();
        }
        return;
      case 'model':
        return this.model(value, type.model);
    }
  }

  private primitive(value: unknown, type: string, format: string, quantity: boolean): void {
    const isInteger = typeof value === 'number' && Number.isInteger(value);
    switch (type) {
      case 'any':
        return;
      case 'string':
        return quantity ? this.expect(typeof value === 'string' || typeof value === 'number', 'string or number', value) : this.expect(typeof value === 'string', 'string', value);
      case 'number':
        return format === 'int32' || format === 'int64' ? this.expect(isInteger, 'integer', value) : this.expect(typeof value === 'number', 'number', value);
      case 'boolean':
        return this.expect(typeof value === 'boolean', 'boolean', value);
      case 'Date':
      case 'V1MicroTime':
        return this.expect(typeof value === 'string', 'string', value);
      case 'IntOrString':
        return this.expect(typeof value === 'string' || isInteger, 'integer or string', value);
    }
  }
}

/** Validates `value` (JSON-like: Map objects, arrays, numbers, strings, booleans, null) as the model. */
export function validateBuiltin(value: unknown, model: string): SchemaProblem[] {
  const check = new Check();
  check.model(value, model);
  return check.problems;
}
