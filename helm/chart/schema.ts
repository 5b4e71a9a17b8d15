/**
 * values.schema.json validation, mirroring helm v3.17.3 pkg/chartutil/jsonschema.go
 * (ValidateAgainstSchema) and the wording of github.com/xeipuuv/gojsonschema v1.2.0, which helm
 * uses. Validation itself is done by ajv; its errors are translated into gojsonschema's
 * `- field: description` lines (see schema-errors.ts), per chart:
 *
 *     values don't meet the specifications of the schema(s) in the following chart(s):
 *     demo:
 *     - replicas: Invalid type. Expected: integer, given: string
 *
 * The parent's schema checks the parent's coalesced values, each subchart's schema checks its
 * section, recursively.
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { GoInt, GoStruct, type GoMap, type GoValue } from '../template/value.js';
import { parseJsonToGo } from '../yaml/json.js';
import { isTable } from './coalesce.js';
import { addGoJsonSchemaFormats } from './schema-formats.js';
import { goRegExpEngine, schemaRegexpError } from './schema-regex.js';
import { describeErrors } from './schema-errors.js';
import type { Chart } from './types.js';
import { goStringFromBytes } from '../template/gostring.js';

/**
 * ajv, loaded on the first schema: its import costs ~50 ms of every fresh process, and most
 * charts have no values.schema.json. require() because rendering is synchronous (ajv is CJS).
 */
let ajvClass: typeof AjvClass | undefined;
function loadAjv(): typeof AjvClass {
  return (ajvClass ??= (createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass }).Ajv);
}

/** The prefix ToRenderValues puts before the per-chart errors. */
export const SCHEMA_ERROR_PREFIX = "values don't meet the specifications of the schema(s) in the following chart(s):\n";

/** Values that fail a chart's schema; `message` is helm's full text, `detail` the per-chart part. */
export class SchemaError extends Error {
  constructor(readonly detail: string) {
    super(SCHEMA_ERROR_PREFIX + detail);
    this.name = 'SchemaError';
  }
}

/**
 * ValidateAgainstSchema with ToRenderValues' wrapping: undefined when every schema in the chart
 * tree accepts its values, else a SchemaError.
 */
export function validateAgainstSchema(chart: Chart, values: GoMap): SchemaError | undefined {
  const detail = validateTree(chart, values);
  return detail === '' ? undefined : new SchemaError(detail);
}

function validateTree(chart: Chart, values: GoMap): string {
  let out = '';
  if (chart.schema !== undefined) {
    const problems = validateAgainstSingleSchema(values, chart.schema);
    if (problems !== '') out += `${chart.name()}:\n${problems}`;
  }
  for (const sub of chart.dependencies) {
    const section = values.get(sub.name());
    out += validateTree(sub, isTable(section) ? section : new Map());
  }
  return out;
}

/**
 * ValidateAgainstSingleSchema: '' when valid, else gojsonschema's `- field: description\n` lines,
 * or the schema's own load/parse error text.
 */
export function validateAgainstSingleSchema(values: GoMap, schemaJson: Uint8Array | string): string {
  const text = typeof schemaJson === 'string' ? schemaJson : goStringFromBytes(schemaJson);
  let validate: ValidateFunction;
  let schema: unknown;
  try {
    // Go's decoder first, for its syntax error texts; then JS's for ajv.
    parseJsonToGo(text);
    schema = JSON.parse(text);
    // gojsonschema compiles patterns with Go's regexp while loading the schema.
    const regexpError = schemaRegexpError(schema);
    if (regexpError !== undefined) return regexpError;
    validate = compile(schema);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const data = toJson(values);
  if (validate(data)) return '';
  return describeErrors((validate.errors ?? []) as ErrorObject[], data).map((line) => `- ${line}\n`).join('');
}

/**
 * Compiled schemas by source, at most this many: the webhook's chart workers live for many
 * reviews, and every chart version may bring its own schema.
 */
const COMPILED_SCHEMAS = 64;
const compiled = new Map<string, ValidateFunction>();

/**
 * ajv for a gojsonschema schema: drafts 4 to 7 accepted, unknown keywords ignored, `pattern` and
 * `patternProperties` matched by Go's regexp.
 */
function compile(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  const ajv = new (loadAjv())({ allErrors: true, strict: false, logger: false, verbose: true, validateSchema: false, code: { regExp: goRegExpEngine } });
  addGoJsonSchemaFormats(ajv);
  const fn = ajv.compile(normalizeDrafts(schema) as object);
  if (compiled.size >= COMPILED_SCHEMAS) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, fn);
  return fn;
}

/**
 * Schema documents as gojsonschema reads them, in a form ajv's draft-07 accepts: `$schema` dropped
 * (gojsonschema picks the draft itself) and draft-04's boolean exclusiveMinimum/Maximum turned
 * into draft-06 numbers.
 */
function normalizeDrafts(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normalizeDrafts);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === '$schema') continue;
    out[k] = normalizeDrafts(v);
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] === true && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      } else {
        delete out[flag];
      }
    }
  }
  return out;
}

/**
 * The values as the JSON document gojsonschema sees (helm marshals them to YAML, then JSON):
 * maps become objects, ints and floats numbers, []byte base64 text.
 */
export function toJson(v: GoValue): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of v) {
      Object.defineProperty(out, k, { value: toJson(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof GoInt) return Number(v.value);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (v instanceof GoStruct) return null;
  if (typeof v === 'object') return null;
  return v;
}
