// parseYamlToGo & co. against helm v3.17.3's fromYaml / fromYamlArray / values-file parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlToGo, parseYamlToGoArray, parseYamlToGoMap, YamlParseError } from '../../../helm/yaml/parse.js';
import { marshalJson } from '../../../helm/yaml/json.js';
import { fromYaml, fromYamlArray, toYaml } from '../../../helm/funcs/serialization.js';
import { GoInt } from '../../../helm/template/value.js';
import {
  loadFixture, recordedValues, sortedLines, unstablePaths, valueAt, type ParseFixture, type ScalarFixture,
} from './recorded.js';

const toJson = (v: Parameters<typeof marshalJson>[0]) => marshalJson(v, { escapeHtml: true });
const parse = loadFixture<ParseFixture>('parse.json');
const unstable = unstablePaths();

for (const [name, c] of Object.entries(parse.yaml)) {
  test(`fromYaml ${name}`, () => {
    assert.equal(toJson(fromYaml(c.input)), c.fromYaml);
    const yaml = toYaml(fromYaml(c.input));
    if (unstable.has(`Parse.yaml.${name}.fromYamlToYaml`)) {
      // helm's own key order varies between runs for this key set; the lines must agree.
      assert.deepEqual(sortedLines(yaml), sortedLines(c.fromYamlToYaml));
    } else {
      assert.equal(yaml, c.fromYamlToYaml);
    }
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

test('parse errors keep the line go-yaml printed', () => {
  const recorded = JSON.parse(parse.yaml['errIndent']!.fromYaml).Error as string;
  assert.throws(() => parseYamlToGo(parse.yaml['errIndent']!.input), (e: unknown) => {
    assert.ok(e instanceof YamlParseError);
    assert.equal(e.stage, 'yaml');
    assert.equal(e.message, recorded);
    assert.match(recorded, /yaml: line 2: /);
    assert.equal(e.line, 2);
    return true;
  });
});

test('alias expansion is cut off quickly (billion laughs)', { timeout: 30_000 }, () => {
  const c = parse.yaml['billionLaughs']!;
  assert.throws(() => parseYamlToGo(c.input), (e: unknown) => e instanceof YamlParseError && e.message === JSON.parse(c.fromYaml).Error);
});
