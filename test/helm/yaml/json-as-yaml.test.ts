// jsonTextAsYaml reads json.Marshal's compact text as go-yaml v2 would (YAML 1.1 resolution of
// each number; strings and keys quoted, so never resolved), and declines (undefined) whatever
// go-yaml might read otherwise, which toYaml then hands to go-yaml itself. Expected values are
// go-yaml v2's rules written out by hand; toYaml's output for them is covered against helm's
// recordings in marshal.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonTextAsYaml } from '../../../helm/yaml/json-as-yaml.js';
import { YamlMap } from '../../../helm/yaml/decode.js';
import { YamlInt } from '../../../helm/yaml/resolve.js';

function map(entries: [string, unknown][]): YamlMap {
  const m = new YamlMap();
  for (const [k, v] of entries) m.set(k, v as never);
  return m;
}

test('objects, arrays, literals and numbers as go-yaml resolves them', () => {
  assert.deepEqual(
    jsonTextAsYaml('{"a":1,"b":"true","c":[true,false,null,1.5,1e+21,-0,18446744073709551615],"d":{},"e":[]}'),
    map([
      ['a', new YamlInt(1n, 'int')],
      ['b', 'true'],
      ['c', [true, false, null, 1.5, 1e21, new YamlInt(0n, 'int'), new YamlInt(18446744073709551615n, 'uint64')]],
      ['d', new YamlMap()],
      ['e', []],
    ]),
  );
  assert.equal(jsonTextAsYaml('"x: y"'), 'x: y');
  assert.equal(jsonTextAsYaml('null'), null);
});

test('the escapes json.Marshal writes are decoded', () => {
  assert.equal(jsonTextAsYaml('"q\\"b\\\\n\\nt\\tu\\u003c\\u0000\\b\\f\\r"'), 'q"b\\n\nt\tu<\u0000\b\f\r');
  assert.deepEqual(jsonTextAsYaml('{"\\u0026k":"é😀"}'), map([['&k', 'é😀']]));
});

test('text go-yaml could read otherwise is declined', () => {
  for (const text of [
    '"a\u007fb"', // DEL: the reader's "control characters are not allowed"
    '"a\u0085b"', // NEL: a line break inside a double-quoted scalar
    '"a\u2028b"',
    '"\ufffe"',
    '"\ud800"', // a lone surrogate (an invalid byte in a Go string)
    '"\\/"', // go-yaml has no \/ escape
    '"\\ud83d\\ude00"', // nor surrogate \u escapes
    `{"${'k'.repeat(1000)}":1}`, // beyond the simple-key length
    `${'['.repeat(1002)}${']'.repeat(1002)}`,
    '{"a": 1}', // whitespace json.Marshal never writes
    '[1,]',
    '{"a":1}x',
    '01',
  ]) {
    assert.equal(jsonTextAsYaml(text), undefined, text);
  }
});
