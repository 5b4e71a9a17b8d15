// parseYamlToGo & co. against helm v3.17.3's fromYaml / fromYamlArray / values-file parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlToGo, parseYamlToGoArray, parseYamlToGoMap, YamlParseError } from '../../../helm/yaml/parse.js';
import { marshalJson } from '../../../helm/yaml/json.js';
import { fromYaml, fromYamlArray, toYaml } from '../../../helm/funcs/serialization.js';
import { GoInt } from '../../../helm/template/value.js';
import { loadFixture, recordedValues, valueAt, type ParseFixture, type ScalarFixture } from './recorded.js';

const toJson = (v: Parameters<typeof marshalJson>[0]) => marshalJson(v, { escapeHtml: true });
const parse = loadFixture<ParseFixture>('parse.json');

for (const [name, c] of Object.entries(parse.yaml)) {
  test(`fromYaml ${name}`, () => {
    assert.equal(toJson(fromYaml(c.input)), c.fromYaml);
    assert.equal(toYaml(fromYaml(c.input)), c.fromYamlToYaml);
  });
  test(`fromYamlArray ${name}`, () => {
    assert.equal(toJson(fromYamlArray(c.input)), c.fromYamlArray);
  });
}

test('values.yaml scalars parse to what helm saw (its toJson of each value)', () => {
  const values = recordedValues();
  const scalars = loadFixture<ScalarFixture>('scalars.json');
  for (const group of ['strings', 'numbers'] as const) {
    for (const [k, out] of Object.entries(scalars[group])) {
      assert.equal(toJson(valueAt(values, group, k)), out.toJson, `${group}.${k}`);
    }
  }
});

test('helm values-file errors carry the same message', () => {
  const errors = loadFixture<{ cases: Record<string, { valuesFile?: string; stderr: string }> }>('errors.json').cases;
  for (const c of Object.values(errors)) {
    if (!c.valuesFile || !c.stderr.startsWith('Error: failed to parse')) continue;
    const input = parse.yaml[c.valuesFile]!.input;
    const want = c.stderr.replace(/^Error: failed to parse [^:]+: /, '').trimEnd();
    assert.throws(() => parseYamlToGoMap(input, `${c.valuesFile}.yaml`), (e: unknown) => {
      assert.ok(e instanceof YamlParseError);
      assert.equal(e.message, want);
      assert.equal(e.source, `${c.valuesFile}.yaml`);
      return true;
    });
  }
});

test('numbers are float64, empty documents are null', () => {
  assert.equal(parseYamlToGo(''), null);
  assert.equal(parseYamlToGo('# only a comment\n'), null);
  assert.deepEqual(parseYamlToGoMap(''), new Map());
  assert.deepEqual(parseYamlToGoArray('~'), []);
  const v = parseYamlToGoMap('a: 1\nb: 0x10\nc: 123456789012345678\n');
  assert.equal(v.get('a'), 1);
  assert.ok(!(v.get('a') instanceof GoInt));
  assert.equal(v.get('b'), 16);
  assert.equal(v.get('c'), 123456789012345680);
});

test('parse errors report the line go-yaml prints', () => {
  assert.throws(() => parseYamlToGo('a: 1\nb: [\n'), (e: unknown) => {
    assert.ok(e instanceof YamlParseError);
    assert.equal(e.stage, 'yaml');
    assert.equal(e.message, 'error converting YAML to JSON: yaml: line 3: did not find expected node content');
    assert.equal(e.line, 3);
    return true;
  });
});

test('alias expansion is limited (billion laughs)', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    levels.push(`${cur}: &${cur} [${Array(10).fill('*' + prev).join(', ')}]`);
  }
  const started = Date.now();
  assert.throws(() => parseYamlToGo(levels.join('\n')), /document contains excessive aliasing/);
  assert.ok(Date.now() - started < 2000);
});
