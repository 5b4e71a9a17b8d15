/**
 * Custom resources validated by their CustomResourceDefinition's openAPIV3Schema, as kubeconform
 * does with schemas converted from CRDs: in strict mode an object schema with `properties` and no
 * `additionalProperties` (and no x-kubernetes-preserve-unknown-fields) refuses other fields;
 * x-kubernetes-int-or-string is an integer or a string; `nullable` allows null; apiVersion, kind
 * and metadata are always allowed at the top and in x-kubernetes-embedded-resource objects.
 * Formats are not checked (kubeconform's validator does not know Kubernetes' formats either).
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { jsonTypeOf, type SchemaProblem } from './problem.js';

/** One served version of a CRD. */
export interface CrdVersion {
  group: string;
  version: string;
  kind: string;
  /** The openAPIV3Schema as decoded (Maps), undefined when the CRD gives none; made plain when a resource is checked. */
  schema: unknown;
  /** Where the CRD came from (a crds/ file or a template). */
  source: string;
}

/**
 * `value.key` of the plain form of a decoded value, without making the whole value plain: a
 * rendered CRD is mostly its schema (895 KB in one operator chart), which only a custom resource
 * of that kind needs, and converting every CRD on every render cost a served generate ~11 ms.
 */
function member(value: unknown, key: string): unknown {
  if (value instanceof Map) {
    let found: unknown;
    for (const [k, v] of value) if (String(k) === key) found = v; // toPlain: the last such key wins
    return found;
  }
  if (value === null || value === undefined || Array.isArray(value) || typeof value !== 'object') return undefined;
  return (value as Record<string, unknown>)[key];
}

/** The served versions a CRD object (any apiextensions.k8s.io version) declares. */
export function crdVersionsOf(crd: unknown, source: string): CrdVersion[] {
  if (member(crd, 'kind') !== 'CustomResourceDefinition') return [];
  const spec = member(crd, 'spec') ?? {};
  const group = String(toPlain(member(spec, 'group')) ?? '');
  const kind = String(toPlain(member(member(spec, 'names'), 'kind')) ?? '');
  if (group === '' || kind === '') return [];
  const listed = member(spec, 'versions');
  const single = member(spec, 'version');
  const versions: unknown[] = Array.isArray(listed) ? listed : single ? [new Map<string, unknown>([['name', single], ['served', true]])] : [];
  return versions
    .filter((v) => v && typeof member(v, 'name') === 'string' && member(v, 'served') !== false)
    .map((v) => ({ group, version: member(v, 'name') as string, kind, schema: member(member(v, 'schema'), 'openAPIV3Schema') ?? member(member(spec, 'validation'), 'openAPIV3Schema'), source }));
}

let ajvClass: typeof AjvClass | undefined;
function loadAjv(): typeof AjvClass {
  return (ajvClass ??= (createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass }).Ajv);
}

const compiled = new WeakMap<object, Map<boolean, ValidateFunction>>();

/** Validates a custom resource (JSON-like value) against its CRD version's schema. */
export function validateCustomResource(value: unknown, crd: CrdVersion, strict: boolean): SchemaProblem[] {
  if (crd.schema === undefined || crd.schema === null || typeof crd.schema !== 'object') return [];
  let byMode = compiled.get(crd.schema as object);
  if (!byMode) compiled.set(crd.schema as object, (byMode = new Map()));
  let validate = byMode.get(strict);
  if (!validate) {
    const ajv = new (loadAjv())({ allErrors: true, strict: false, logger: false, validateFormats: false, validateSchema: false });
    validate = ajv.compile(toJsonSchema(toPlain(crd.schema), strict, true) as object);
    byMode.set(strict, validate);
  }
  const data = toPlain(value);
  if (validate(data)) return [];
  return ((validate.errors ?? []) as ErrorObject[]).map((e) => problemOf(e, data));
}

/** An ajv error in kubeconform's words, at the field it is about. */
function problemOf(e: ErrorObject, data: unknown): SchemaProblem {
  const path = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], message: `additionalProperties '${String(params.additionalProperty)}' not allowed` };
    case 'required':
      return { path, message: `missing properties: '${String(params.missingProperty)}'` };
    case 'type':
      return { path, message: `expected ${String(params.type).replace(',', ' or ')}, but got ${jsonTypeOf(valueAt(data, path))}` };
    case 'enum':
      return { path, message: `value must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { path, message: e.message ?? e.keyword };
  }
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v: any = data;
  for (const p of path) v = v?.[p];
  return v;
}

const ALWAYS_ALLOWED_TOP = ['apiVersion', 'kind', 'metadata'];

/** openAPIV3Schema (structural, with Kubernetes' extensions) → a JSON schema ajv checks as kubeconform would. */
function toJsonSchema(s: unknown, strict: boolean, top: boolean): unknown {
  if (Array.isArray(s)) return s.map((x) => toJsonSchema(x, strict, false));
  if (s === null || typeof s !== 'object') return s;
  const src = s as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable' || k === 'description' || k === 'example' || k === 'externalDocs') continue;
    if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([name, sub]) => [name, toJsonSchema(sub, strict, false)]));
    } else if (k === 'items' || k === 'additionalProperties' || k === 'not') {
      out[k] = typeof v === 'boolean' ? v : toJsonSchema(v, strict, false);
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      out[k] = (v as unknown[]).map((x) => toJsonSchema(x, strict, false));
    } else {
      out[k] = v;
    }
  }
  if (src['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }, ...(Array.isArray(out.anyOf) ? (out.anyOf as unknown[]) : [])];
  }
  const embedded = src['x-kubernetes-embedded-resource'] === true;
  if ((top || embedded) && out.properties && typeof out.properties === 'object') {
    const props = out.properties as Record<string, unknown>;
    for (const name of ALWAYS_ALLOWED_TOP) props[name] ??= {};
  }
  const preserve = src['x-kubernetes-preserve-unknown-fields'] === true;
  if (strict && out.properties !== undefined && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  if (src.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

/** Go-ish values (Maps) → plain JSON for ajv. */
export function toPlain(v: unknown): unknown {
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) {
      const key = String(k);
      // `__proto__` as a key must be an own property, not the object's prototype.
      if (key === '__proto__') Object.defineProperty(o, key, { value: toPlain(x), enumerable: true, writable: true, configurable: true });
      else o[key] = toPlain(x);
    }
    return o;
  }
  if (Array.isArray(v)) return v.map(toPlain);
  return v;
}
