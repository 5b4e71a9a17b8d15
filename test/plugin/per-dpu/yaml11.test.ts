// PyYAML safe_load parity: fixtures/yaml11.json and the contexts of fixtures/jinja-parity.json were
// loaded by python3-yaml (scripts/record/jinja/record.py); loadYaml11 must build the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadYaml11, Yaml11Error } from '../../../plugin/per-dpu/yaml11.js';
import { pyRepr } from '../../../plugin/per-dpu/jinja/index.js';
import { decodeTypedFixtureValue, type TypedValue } from './typed-context.js';

const yamlFixture = JSON.parse(readFileSync(new URL('./fixtures/yaml11.json', import.meta.url), 'utf8')) as { cases: { yaml: string; value?: TypedValue; error?: string }[] };
const parity = JSON.parse(readFileSync(new URL('./fixtures/jinja-parity.json', import.meta.url), 'utf8')) as { cases: { name: string; contextYaml: string; context: TypedValue }[] };

// repr compares types too: 1 vs 1.0, True vs 'on', date vs str
const same = (yaml: string, expected: TypedValue) => assert.equal(pyRepr(loadYaml11(yaml)), pyRepr(decodeTypedFixtureValue(expected)), yaml);

for (const [i, c] of yamlFixture.cases.entries()) {
  test(`yaml 1.1 case ${i}: ${JSON.stringify(c.yaml).slice(0, 50)}`, () => {
    if (c.error) assert.throws(() => loadYaml11(c.yaml), Yaml11Error);
    else same(c.yaml, c.value!);
  });
}

test('every parity-corpus context loads as PyYAML loaded it', () => {
  const seen = new Set<string>();
  for (const c of parity.cases) {
    if (seen.has(c.contextYaml)) continue;
    seen.add(c.contextYaml);
    same(c.contextYaml, c.context);
  }
  assert.ok(seen.size >= 3);
});

test('aliases share one object, so a billion-laughs document stays small', { timeout: 30_000 }, () => {
  let doc = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 12; i++) doc += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const v = loadYaml11(doc);
  assert.ok(v !== null);
});

test('deeply nested YAML is refused with a Yaml11Error', () => {
  assert.throws(() => loadYaml11('['.repeat(500) + ']'.repeat(500)), Yaml11Error);
});
