// marshalYaml (toYaml) and marshalYamlPretty (toYamlPretty) against helm v3.17.3's output for
// every scalar and structure of the recording chart, alone and nested in maps and lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marshalYaml, YamlMarshalError } from '../../../helm/yaml/marshal.js';
import { marshalYamlPretty } from '../../../helm/yaml/marshal-pretty.js';
import type { GoValue } from '../../../helm/template/value.js';
import { loadFixture, recordedValues, sortedLines, unstablePaths, valueCases, type StructureFixture } from './recorded.js';

/** helm's toYaml: "" on error, final newline trimmed. */
function toYaml(v: GoValue): string {
  try {
    return marshalYaml(v).replace(/\n$/, '');
  } catch (e) {
    if (e instanceof YamlMarshalError) return '';
    throw e;
  }
}

const pretty = (v: GoValue) => marshalYamlPretty(v).replace(/\n$/, '');
const wrappers: Record<string, (v: GoValue) => string> = {
  toYaml,
  toYamlMap: (v) => toYaml(new Map([['v', v]])),
  toYamlList: (v) => toYaml([v]),
  toYamlNested: (v) => toYaml(new Map([['a', new Map([['b', [v, new Map([['c', v]])]]])]])),
  toYamlPretty: pretty,
};

const unstableCases = unstablePaths();

for (const [name, value, outputs] of valueCases()) {
  test(`toYaml ${name}`, () => {
    for (const [fn, print] of Object.entries(wrappers)) {
      if (outputs[fn] === undefined) continue;
      const path = `${name.startsWith('structures.') ? 'Structures.' + name.slice(11) : name}.${fn}`;
      // helm's own key order for this map changes between runs: compare the lines only.
      if (unstableCases.has(path)) assert.deepEqual(sortedLines(print(value)), sortedLines(outputs[fn]), path);
      else assert.equal(print(value), outputs[fn], `${fn} of ${name}`);
    }
  });
}

test('whole maps: key order, quoting of keys, complex keys', () => {
  const values = recordedValues();
  const structures = loadFixture<StructureFixture>('structures.json');
  const unstable = unstablePaths();
  const keysMap = structures['keysMap'] as Record<string, string>;
  const all = structures['allStructures'] as Record<string, string>;
  const check = (path: string, got: string, want: string) => {
    if (unstable.has(path)) assert.deepEqual(sortedLines(got), sortedLines(want), path);
    else assert.equal(got, want, path);
  };
  check('Structures.keysMap.toYaml', toYaml(values.get('keys')), keysMap['toYaml']!);
  check('Structures.keysMap.toYamlPretty', pretty(values.get('keys')), keysMap['toYamlPretty']!);
  check('Structures.allStructures.toYaml', toYaml(values.get('structures')), all['toYaml']!);
});

test('marshal errors are Go errors (toYaml prints "")', () => {
  const built = loadFixture<{ specials: Record<string, string> }>('built.json').specials;
  assert.equal(built['toYamlNaN'], '');
  assert.throws(() => marshalYaml(NaN), (e: unknown) => e instanceof YamlMarshalError && /unsupported value: NaN/.test(e.message));
  assert.equal(pretty(NaN), built['toYamlPrettyNaN']);
  assert.equal(pretty(-Infinity), built['toYamlPrettyInf']);
});
