// Byte parity with Python Jinja2: every case of scripts/record/jinja/corpus.yaml, rendered by
// python3-jinja2 (Environment(undefined=StrictUndefined)) into fixtures/jinja-parity.json by
// scripts/record/jinja/record.py, must render to the same bytes here, or fail with the same
// exception type, message and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileTemplate, JinjaError } from '../../../plugin/per-dpu/jinja/index.js';
import { decodeTypedFixtureValue, type TypedValue } from './typed-context.js';

interface ParityCase {
  group: string;
  name: string;
  template: string;
  context: TypedValue;
  output?: string;
  error?: { type: string; message: string; lineno: number | null };
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/jinja-parity.json', import.meta.url), 'utf8')) as { recordedWith: string; cases: ParityCase[] };

test('the parity fixture was recorded from Python', () => {
  assert.match(fixture.recordedWith, /^python 3\.\d+\.\d+, jinja2 3\.1\.\d+, pyyaml/);
  assert.ok(fixture.cases.length >= 80);
});

for (const c of fixture.cases) {
  test(`jinja2 parity: ${c.group}/${c.name}`, () => {
    const context = decodeTypedFixtureValue(c.context);
    let output: string | undefined;
    let error: unknown;
    try {
      output = compileTemplate(c.template).render(context as never);
    } catch (e) {
      error = e;
    }
    if (c.output !== undefined) {
      if (error) throw error;
      assert.equal(output, c.output);
      return;
    }
    assert.ok(error instanceof JinjaError, `expected ${c.error!.type}, got output ${JSON.stringify(output)}`);
    assert.deepEqual({ type: error.pythonType, message: error.detail, lineno: error.lineno ?? null }, c.error);
  });
}
