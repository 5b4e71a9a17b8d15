// marshalToml (toToml) and parseToml (fromToml) against helm v3.17.3's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marshalToml, TomlEncodePanic } from '../../../helm/yaml/toml.js';
import { fromToml, toToml } from '../../../helm/funcs/serialization.js';
import { marshalJson } from '../../../helm/yaml/json.js';
import { GoInt } from '../../../helm/template/value.js';
import { loadFixture, recordedValues, valueCases, type StructureFixture } from './recorded.js';

for (const [name, value, outputs] of valueCases()) {
  test(`toToml ${name}`, () => {
    assert.equal(toToml(new Map([['v', value]])), outputs['toToml']);
  });
}

test('toToml of whole maps (plain keys first, nested tables, arrays of tables)', () => {
  const structures = loadFixture<StructureFixture>('structures.json');
  const values = recordedValues();
  assert.equal(toToml(values.get('keys')), (structures['keysMap'] as Record<string, string>)['toToml']);
  assert.equal(toToml(values.get('structures')), (structures['allStructures'] as Record<string, string>)['toToml']);
});

test('toToml of top-level non-maps, NaN and nil', () => {
  const built = loadFixture<{ specials: Record<string, string> }>('built.json').specials;
  const errors = loadFixture<{ cases: Record<string, { stderr: string }> }>('errors.json').cases;
  assert.equal(marshalToml([GoInt.int(1), GoInt.int(2)]), built['toTomlList']);
  assert.equal(toToml('x'), built['toTomlString']);
  assert.equal(toToml(new Map()), built['toTomlEmptyDict']);
  assert.equal(toToml(new Map([['a', NaN], ['b', Infinity], ['c', -Infinity]])), built['toTomlNaN']);
  const panic = /error calling toToml: (.*)\n/.exec(errors['toTomlNil']!.stderr)![1];
  assert.throws(() => toToml(null), (e: unknown) => e instanceof TomlEncodePanic && e.message === panic);
});

const parse = loadFixture<{ toml: Record<string, { input: string; fromToml: string }> }>('parse.json');
for (const [name, c] of Object.entries(parse.toml)) {
  test(`fromToml ${name}`, () => {
    let printed: string;
    try {
      printed = marshalJson(fromToml(c.input), { escapeHtml: true });
    } catch {
      printed = '';
    }
    assert.equal(printed, c.fromToml);
  });
}
