// The serialization template functions (helm funcs.go + sprig defaults.go) on values built the
// way templates build them (Go ints from literals, int64, typed slices), against helm v3.17.3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serializationFuncs } from '../../../helm/funcs/serialization.js';
import { sprint } from '../../../helm/template/gofmt.js';
import { GoInt, tagSliceType, typeOf, type GoValue } from '../../../helm/template/value.js';

interface Built {
  cases: Record<string, Record<string, string>>;
  specials: Record<string, string>;
}
const built = JSON.parse(readFileSync(new URL('../yaml/fixtures/built.json', import.meta.url), 'utf8')) as Built;
const errors = (JSON.parse(readFileSync(new URL('../yaml/fixtures/errors.json', import.meta.url), 'utf8')) as {
  cases: Record<string, { template: string; stderr: string }>;
}).cases;

const fn = new Map(serializationFuncs.map((f) => [f.name, f]));
function call(name: string, ...args: GoValue[]): GoValue {
  const f = fn.get(name);
  if (!f) throw new Error(`no function ${name}`);
  return f.impl(...args);
}

const int = (n: number) => GoInt.int(n);
const map = (entries: Record<string, GoValue>) => new Map(Object.entries(entries));

/** The values of scripts/record/serialization/chart/templates/built.yaml, as Go builds them. */
const cases: Record<string, GoValue> = {
  intList: [int(1), int(2), int(3)],
  int64: GoInt.int64(5),
  bigInt64: GoInt.int64(9223372036854775807n),
  negInt: int(-42),
  float64: 3,
  float64Frac: 2.5,
  dictInts: map({ b: int(2), a: int(1), c: [int(0), int(-1)] }),
  emptyList: [],
  emptyDict: new Map(),
  nilInList: [null, int(1)],
  boolList: [true, false],
  str: 'plain',
  strMultiline: 'a\nb',
  splitList: tagSliceType(['a', 'b', 'c'], '[]string'),
  nestedEmpty: map({ a: new Map(), b: [], c: map({ d: [new Map()] }) }),
  b64dec: 'hello',
  mixed: [int(1), '1', 1.5, true, null, map({ k: 'v' })],
  int64Max: GoInt.int64(9223372036854775807n),
  tildeStr: '~',
};

test('every built case is covered', () => {
  assert.deepEqual(Object.keys(cases).sort(), Object.keys(built.cases).sort());
});

for (const [name, value] of Object.entries(cases)) {
  test(`printers on ${name}`, () => {
    const want = built.cases[name]!;
    for (const printer of ['toYaml', 'toJson', 'toRawJson', 'toPrettyJson', 'toYamlPretty']) {
      assert.equal(call(printer, value), want[printer], `${printer} ${name}`);
    }
    assert.equal(call('toToml', map({ v: value })), want['toToml'], `toToml ${name}`);
  });
}

test('nil and NaN', () => {
  const s = built.specials;
  assert.equal(call('toYaml', null), s['toYamlNil']);
  assert.equal(call('toJson', null), s['toJsonNil']);
  assert.equal(call('toPrettyJson', null), s['toPrettyJsonNil']);
  assert.equal(call('toYamlPretty', null), s['toYamlPrettyNil']);
  assert.equal(call('toYaml', NaN), s['toYamlNaN']);
  assert.equal(call('toJson', NaN), s['toJsonNaN']);
  assert.equal(call('toPrettyJson', NaN), s['toPrettyJsonNaN']);
  assert.equal(call('toYaml', map({ f: new Map() })), s['toYamlFunc']);
});

test('must* and from* functions', () => {
  const s = built.specials;
  const toJson = (v: GoValue) => call('toJson', v);
  assert.equal(toJson(call('mustFromJson', '{"a":[1,2]}')), s['mustFromJsonObj']);
  assert.equal(toJson(call('mustFromJson', '[1,{"b":null}]')), s['mustFromJsonArr']);
  assert.equal(toJson(call('mustFromJson', '"s"')), s['mustFromJsonStr']);
  assert.equal(toJson(call('mustFromJson', 'null')), s['mustFromJsonNull']);
  assert.equal(call('mustToJson', map({ a: '<&>' })), s['mustToJson']);
  assert.equal(call('mustToRawJson', map({ a: '<&>' })), s['mustToRawJson']);
  assert.equal(call('mustToPrettyJson', map({ a: [int(1), new Map()] })), s['mustToPrettyJson']);
  assert.equal(toJson(call('fromToml', 'a = 1\nb = "x"\n[c]\nd = [1, 2]\n')), s['fromTomlSimple']);
});

test('result types as printf %T shows them', () => {
  const json = /^(\S+) (.+)$/.exec(built.specials['fromJsonTypeOf']!)!;
  assert.equal(typeOf((call('fromJson', '{"a":1}') as Map<string, GoValue>).get('a')), json[1]);
  assert.equal(typeOf(call('fromJsonArray', '[1]')), json[2]);
  const yaml = /^(\S+) (\[\]interface \{\}) (\[\]interface \{\})$/.exec(built.specials['fromYamlTypeOf']!)!;
  assert.equal(typeOf((call('fromYaml', 'a: 1') as Map<string, GoValue>).get('a')), yaml[1]);
  assert.equal(typeOf(call('fromYamlArray', '- 1')), yaml[2]);
  assert.equal(typeOf((call('fromYaml', 'a: [1]') as Map<string, GoValue>).get('a')), yaml[3]);
});

test('fromToml: int64, typed arrays of tables, time.Time with BurntSushi\'s zones', () => {
  const t = call('fromToml', 'i = 1\nf = 1.5\na = [1]\n[[t]]\nx = 1\n') as Map<string, GoValue>;
  assert.equal(['i', 'f', 'a', 't'].map((k) => typeOf(t.get(k))).join(' '), built.specials['fromTomlTypes']);
  const times = call('fromToml', 'a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00.999999-07:00\nc = 1979-05-27T07:32:00\nd = 1979-05-27\ne = 07:32:00.5\n');
  assert.equal(sprint([times]), built.specials['fromTomlTimes']);
});

/** `error calling NAME: DETAIL` from a recorded helm failure. */
function recordedDetail(name: string): { fn: string; detail: string } {
  const m = /error calling (\w+): (.*)\n/.exec(errors[name]!.stderr)!;
  return { fn: m[1]!, detail: m[2]! };
}

test('functions that fail the template', () => {
  const throwsDetail = (name: string, run: () => GoValue) => {
    const { detail } = recordedDetail(name);
    assert.throws(run, (e: unknown) => e instanceof Error && e.message === detail, name);
  };
  throwsDetail('toTomlNil', () => call('toToml', null));
  throwsDetail('toRawJsonNaN', () => call('toRawJson', NaN));
  throwsDetail('mustToJsonNaN', () => call('mustToJson', NaN));
  throwsDetail('mustToJsonInf', () => call('mustToJson', map({ a: Infinity })));
  throwsDetail('mustToPrettyJsonNaN', () => call('mustToPrettyJson', [-Infinity]));
  throwsDetail('mustToRawJsonNaN', () => call('mustToRawJson', NaN));
  throwsDetail('mustFromJsonBad', () => call('mustFromJson', '{'));
  throwsDetail('mustFromJsonBad2', () => call('mustFromJson', '[1,]'));
  throwsDetail('mustFromJsonEmpty', () => call('mustFromJson', ''));
});

test('helm registers its names over sprig and has every serialization function', () => {
  const names = serializationFuncs.map((f) => f.name).sort();
  assert.deepEqual(names, [
    'fromJson', 'fromJsonArray', 'fromToml', 'fromYaml', 'fromYamlArray', 'mustFromJson', 'mustToJson',
    'mustToPrettyJson', 'mustToRawJson', 'toJson', 'toPrettyJson', 'toRawJson', 'toToml', 'toYaml', 'toYamlPretty',
  ]);
});
