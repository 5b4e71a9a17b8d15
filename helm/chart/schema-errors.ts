/**
 * ajv errors → gojsonschema v1.2.0 error lines (`field: description`, locales.go wording), in
 * gojsonschema's order as far as it is defined: at one value, combinators (anyOf, oneOf, allOf,
 * not, dependencies, if) first, then the type-specific keywords, then const/enum, then string
 * keywords, then the values inside. A type mismatch hides the other errors of that schema, as
 * gojsonschema stops there. anyOf/oneOf list only the errors of the branch that came closest
 * (gojsonschema keeps the best-scoring branch; we keep the branch with the fewest errors).
 */
import type { ErrorObject } from 'ajv';
import { formatFloat } from '../yaml/go-strconv.js';

interface Described {
  path: string[];
  schemaPath: string;
  keyword: string;
  text: string;
}

/** The gojsonschema lines for ajv's errors on `data`. */
export function describeErrors(errors: readonly ErrorObject[], data: unknown): string[] {
  const kept = dropAfterTypeMismatch(errors);
  const described: Described[] = [];
  for (const e of kept) described.push(...describe(e, data));
  return order(groupCombinators(described)).map((d) => `${field(d.path)}: ${d.text}`);
}

/** gojsonschema returns after a type error, so no other error comes from that schema object. */
function dropAfterTypeMismatch(errors: readonly ErrorObject[]): ErrorObject[] {
  const typeFailures = errors.filter((e) => e.keyword === 'type').map((e) => ({ inst: e.instancePath, schema: e.schemaPath.slice(0, -'/type'.length) }));
  return errors.filter((e) => {
    if (e.keyword === 'type') return true;
    return !typeFailures.some((t) => e.instancePath.startsWith(t.inst) && e.schemaPath.startsWith(t.schema + '/'));
  });
}

function segments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** gojsonschema's Field(): the JSON context without `(root).`, or `(root)`. */
function field(path: readonly string[]): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

/** Go big.Float %v of a schema bound. */
function num(n: unknown): string {
  return typeof n === 'number' ? formatFloat(n, 'g') : String(n);
}

/** gojsonschema's marshalWithoutNumber: json.Marshal, sorted keys, HTML-escaped. */
function goJson(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x !== null && typeof x === 'object') {
      return Object.fromEntries(Object.keys(x as object).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])]));
    }
    return x;
  };
  return JSON.stringify(sorted(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'object') return 'object';
  return 'string';
}

/** The value at a JSON path of the document. */
function valueAt(data: unknown, path: readonly string[]): unknown {
  let cur = data;
  for (const p of path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

function describe(e: ErrorObject, data: unknown): Described[] {
  const path = segments(e.instancePath);
  const one = (text: string, at: string[] = path): Described[] => [{ path: at, schemaPath: e.schemaPath, keyword: e.keyword, text }];
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = Array.isArray(e.schema) ? (e.schema as string[]) : [String(e.schema)];
      const expected = types.length > 1 ? `[${types.join(',')}]` : (types[0] as string);
      return one(`Invalid type. Expected: ${expected}, given: ${jsonTypeOf(e.data)}`);
    }
    case 'required':
      return one(`${String(p.missingProperty)} is required`);
    case 'additionalProperties':
      return one(`Additional property ${String(p.additionalProperty)} is not allowed`);
    case 'enum':
      return one(`${field(path)} must be one of the following: ${(e.schema as unknown[]).map(goJson).join(', ')}`);
    case 'const':
      return one(`${field(path)} does not match: ${goJson(e.schema)}`);
    case 'minimum':
      return one(`Must be greater than or equal to ${num(p.limit)}`);
    case 'exclusiveMinimum':
      return one(`Must be greater than ${num(p.limit)}`);
    case 'maximum':
      return one(`Must be less than or equal to ${num(p.limit)}`);
    case 'exclusiveMaximum':
      return one(`Must be less than ${num(p.limit)}`);
    case 'multipleOf':
      return one(`Must be a multiple of ${num(p.multipleOf)}`);
    case 'minLength':
      return one(`String length must be greater than or equal to ${String(p.limit)}`);
    case 'maxLength':
      return one(`String length must be less than or equal to ${String(p.limit)}`);
    case 'pattern':
      return one(`Does not match pattern '${String(p.pattern)}'`);
    case 'format':
      return one(`Does not match format '${String(p.format)}'`);
    case 'minItems':
      return one(`Array must have at least ${String(p.limit)} items`);
    case 'maxItems':
      return one(`Array must have at most ${String(p.limit)} items`);
    case 'uniqueItems':
      return duplicatePairs(valueAt(data, path)).map(([i, j]) => ({ path, schemaPath: e.schemaPath, keyword: e.keyword, text: `array items[${i},${j}] must be unique` }));
    case 'minProperties':
      return one(`Must have at least ${String(p.limit)} properties`);
    case 'maxProperties':
      return one(`Must have at most ${String(p.limit)} properties`);
    case 'anyOf':
      return one('Must validate at least one schema (anyOf)');
    case 'oneOf':
      return one('Must validate one and only one schema (oneOf)');
    case 'not':
      return one('Must not validate the schema (not)');
    case 'if':
      return one(p.failingKeyword === 'else' ? 'Must validate "else" as "if" was not valid' : 'Must validate "then" as "if" was valid');
    case 'dependencies':
    case 'dependentRequired':
      return one(`Has a dependency on ${String(p.missingProperty)}`);
    case 'additionalItems':
      return one('No additional items allowed on array');
    case 'contains':
      return one('At least one of the items must match');
    case 'propertyNames':
      return one(`Property name of "${String(p.propertyName)}" does not match`);
    case 'false schema':
      return one('False always fails validation');
    default:
      return one(e.message ?? e.keyword);
  }
}

/** gojsonschema reports every repeat: (index of the previous equal item, index of the repeat). */
function duplicatePairs(list: unknown): [number, number][] {
  if (!Array.isArray(list)) return [];
  const seen = new Map<string, number>();
  const out: [number, number][] = [];
  list.forEach((item, j) => {
    const key = goJson(item);
    const i = seen.get(key);
    if (i !== undefined) out.push([i, j]);
    seen.set(key, j);
  });
  return out;
}

/**
 * anyOf/oneOf: the combinator's error, then only its closest branch's errors. allOf: the branch
 * errors, then `Must validate all the schemas (allOf)`.
 */
function groupCombinators(list: Described[]): Described[] {
  let out = [...list];
  for (const combo of list.filter((d) => d.keyword === 'anyOf' || d.keyword === 'oneOf')) {
    const prefix = combo.schemaPath + '/';
    const branches = new Map<string, Described[]>();
    for (const d of out) {
      if (!d.schemaPath.startsWith(prefix)) continue;
      const branch = d.schemaPath.slice(prefix.length).split('/')[0] as string;
      branches.set(branch, [...(branches.get(branch) ?? []), d]);
    }
    // gojsonschema keeps the best-scoring branch (first on ties); a type mismatch scores lowest,
    // as it stops that branch's validation at once.
    let best: Described[] = [];
    let bestScore = -Infinity;
    for (const errs of branches.values()) {
      const score = -errs.length - 2 * errs.filter((d) => d.keyword === 'type').length;
      if (score > bestScore) {
        best = errs;
        bestScore = score;
      }
    }
    out = out.filter((d) => !d.schemaPath.startsWith(prefix) && d !== combo);
    const at = Math.min(out.length, list.indexOf(combo));
    out.splice(at, 0, combo, ...best);
  }
  const allOfSchemas = new Set<string>();
  for (const d of out) {
    const m = /^(.*\/allOf)\/\d+\//.exec(d.schemaPath);
    if (m !== null) allOfSchemas.add(`${m[1]}|${d.path.join('/')}`);
  }
  for (const key of allOfSchemas) {
    const [schemaPath, inst] = key.split('|') as [string, string];
    const last = out.map((d) => d.schemaPath.startsWith(schemaPath + '/')).lastIndexOf(true);
    const path = inst === '' ? [] : inst.split('/');
    out.splice(last + 1, 0, { path, schemaPath, keyword: 'allOf', text: 'Must validate all the schemas (allOf)' });
  }
  return out;
}

/** gojsonschema's keyword order at one value. */
const RANK: Record<string, number> = {
  anyOf: 0, oneOf: 1, allOf: 2, not: 3, dependencies: 4, dependentRequired: 4, if: 5,
  additionalItems: 10, minItems: 11, maxItems: 12, uniqueItems: 13, contains: 14,
  minProperties: 10, maxProperties: 11, required: 12, additionalProperties: 13, propertyNames: 14,
  multipleOf: 10, maximum: 11, exclusiveMaximum: 12, minimum: 13, exclusiveMinimum: 14,
  const: 20, enum: 21,
  minLength: 30, maxLength: 31, pattern: 32, format: 33,
};

/**
 * Stable ordering: errors of a value before those of values inside it, each value's by keyword
 * rank; combinator groups keep their internal order.
 */
function order(list: Described[]): Described[] {
  const firstSeen = new Map<string, number>();
  list.forEach((d, i) => {
    const k = d.path.join('\u0000');
    if (!firstSeen.has(k)) firstSeen.set(k, i);
  });
  const grouped = new Set(['anyOf', 'oneOf', 'allOf']);
  const inGroup = (d: Described) => list.some((c) => grouped.has(c.keyword) && c !== d && d.schemaPath.startsWith(c.schemaPath + '/'));
  const top = list.filter((d) => !inGroup(d));
  const sorted = [...top].sort((a, b) => {
    const depth = a.path.length - b.path.length;
    if (a.path.join('/') !== b.path.join('/') && (isPrefix(a.path, b.path) || isPrefix(b.path, a.path))) return depth;
    const pa = firstSeen.get(a.path.join('\u0000')) ?? 0;
    const pb = firstSeen.get(b.path.join('\u0000')) ?? 0;
    if (pa !== pb) return pa - pb;
    return (RANK[a.keyword] ?? 50) - (RANK[b.keyword] ?? 50);
  });
  const out: Described[] = [];
  for (const d of sorted) {
    const inner = list.filter((x) => x !== d && grouped.has(d.keyword) && x.schemaPath.startsWith(d.schemaPath + '/'));
    // anyOf/oneOf print their own line first; allOf's line follows its branches' errors.
    if (d.keyword === 'allOf') out.push(...inner, d);
    else out.push(d, ...inner);
  }
  return out;
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  return a.length <= b.length && a.every((x, i) => b[i] === x);
}
