/**
 * Validates a parsed `dpu-gitops.yaml` against config/dpu-gitops.schema.json (shipped with the
 * npm package for editors) and says where each problem is. The validator is ajv's standalone
 * code for that schema (schema-validator.generated.ts, scripts/config-validator.mjs): loading
 * and compiling ajv itself cost a cold `generate` ~140 ms, and ArgoCD starts one per request.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import { formatPath } from '../contract/types.js';
import { lineOf, type NodePath } from './positions.js';
import type { ConfigIssue } from './types.js';
import { validate as generatedValidate } from './schema-validator.generated.js';

export const SCHEMA_FILE_NAME = 'dpu-gitops.schema.json';

/** The schema file: config/ in the source tree, found upwards from dist/ and the bundle too. */
export function schemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    for (const candidate of [join(dir, SCHEMA_FILE_NAME), join(dir, 'config', SCHEMA_FILE_NAME)]) if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`${SCHEMA_FILE_NAME} not found beside the program (a broken install)`);
}

/** Compiled with allErrors, strict and verbose (each error carries its schema: known keys). */
const validateConfig = generatedValidate as unknown as ValidateFunction;

/** The schema file's object (tests compare it with the registry and the generated validator). */
export function loadSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(), 'utf8')) as Record<string, unknown>;
}

/** Every schema problem of `value`, with the line in `doc` it is about. */
export function schemaIssues(value: unknown, doc: Document, counter: LineCounter): ConfigIssue[] {
  const validate = validateConfig;
  if (validate(value)) return [];
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    // propertyNames reports twice (the name, then the object); keep the one naming the key.
    if (e.keyword === 'propertyNames') continue;
    const issue = issueOf(e, doc, counter);
    const id = `${issue.line}\0${issue.key}\0${issue.message}`;
    if (!seen.has(id)) issues.push(issue), seen.add(id);
  }
  return issues.sort((a, b) => a.line - b.line);
}

function issueOf(e: ErrorObject, doc: Document, counter: LineCounter): ConfigIssue {
  const path: (string | number)[] = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    const at: NodePath = [...path, String(params.additionalProperty)];
    return { line: lineOf(doc, counter, at, { key: true }), key: formatPath(at), message: `unknown key (known: ${knownKeys(e).join(', ')})` };
  }
  if (typeof e.propertyName === 'string') {
    const at: NodePath = [...path, e.propertyName];
    return { line: lineOf(doc, counter, at, { key: true }), key: formatPath(at), message: `key ${describe(e)}` };
  }
  return { line: lineOf(doc, counter, path), key: formatPath(path), message: describe(e) };
}

function knownKeys(e: ErrorObject): string[] {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

function describe(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'enum' && Array.isArray(params.allowedValues)) return `must be one of ${params.allowedValues.map(String).join(', ')}`;
  if (e.keyword === 'type') return `must be ${e.params.type === 'object' ? 'a map' : e.params.type === 'array' ? 'a list' : `a ${String(params.type)}`}`;
  return e.message ?? e.keyword;
}
