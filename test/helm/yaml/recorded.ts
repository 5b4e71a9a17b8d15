// Loads the serialization fixtures recorded from real helm v3.17.3 by
// scripts/record/serialization/record.mjs (helm template of scripts/record/serialization/chart).
import { readFileSync } from 'node:fs';
import { parseYamlToGoMap } from '../../../helm/yaml/parse.js';
import type { GoMap, GoValue } from '../../../helm/template/value.js';

/** Outputs helm printed for one input, by printer name (toYaml, toJson, ...). */
export type Outputs = Record<string, string>;

export function loadFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** The chart's values.yaml, parsed by our parser (its correctness is checked in parse.test.ts). */
export function recordedValues(): GoMap {
  return parseYamlToGoMap(readFileSync(new URL('./fixtures/values.yaml', import.meta.url), 'utf8'));
}

/** One `.Values.<group>.<key>`. */
export function valueAt(values: GoMap, group: string, key: string): GoValue {
  return (values.get(group) as GoMap).get(key);
}

export interface ScalarFixture {
  strings: Record<string, Outputs>;
  numbers: Record<string, Outputs>;
}

export type StructureFixture = Record<string, Outputs | string>;

export interface ParseFixture {
  yaml: Record<string, { input: string; fromYaml: string; fromYamlToYaml: string; fromYamlArray: string }>;
  json: Record<string, { input: string; fromJson: string; fromJsonArray: string }>;
}

/** The scalar and structure cases: [test name, input value, helm outputs]. */
export function valueCases(): [string, GoValue, Outputs][] {
  const values = recordedValues();
  const scalars = loadFixture<ScalarFixture>('scalars.json');
  const structures = loadFixture<StructureFixture>('structures.json');
  const cases: [string, GoValue, Outputs][] = [];
  for (const group of ['strings', 'numbers'] as const) {
    for (const [k, out] of Object.entries(scalars[group])) cases.push([`${group}.${k}`, valueAt(values, group, k), out]);
  }
  for (const [k, out] of Object.entries(structures)) {
    if (typeof out === 'string' || k === 'keysMap' || k === 'allStructures') continue;
    cases.push([`structures.${k}`, valueAt(values, 'structures', k), out]);
  }
  return cases;
}

/** Fixture fields whose helm output changed between recording runs (non-transitive key order). */
export function unstablePaths(): Set<string> {
  return new Set(loadFixture<{ paths: string[] }>('unstable.json').paths);
}

/** Lines of a YAML text, sorted: what must still agree when helm's key order is unstable. */
export function sortedLines(text: string): string[] {
  return text.split('\n').sort();
}
