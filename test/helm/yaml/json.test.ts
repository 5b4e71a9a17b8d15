// marshalJson (toJson / toRawJson / toPrettyJson) and the JSON decoders against helm v3.17.3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJson, JsonMarshalError, JsonStruct, marshalJson, parseJsonToGo } from '../../../helm/yaml/json.js';
import { GoInt, GoStruct, NO_FIELD, type GoValue } from '../../../helm/template/value.js';
import { marshalYaml } from '../../../helm/yaml/marshal.js';
import { loadFixture, recordedValues, valueCases, type ParseFixture, type StructureFixture } from './recorded.js';

const printers: Record<string, (v: GoValue) => string> = {
  toJson: (v) => marshalJson(v, { escapeHtml: true }),
  toRawJson: (v) => marshalJson(v, { escapeHtml: false }),
  toPrettyJson: (v) => marshalJson(v, { escapeHtml: true, indent: '  ' }),
};

for (const [name, value, outputs] of valueCases()) {
  test(`json ${name}`, () => {
    for (const [fn, print] of Object.entries(printers)) assert.equal(print(value), outputs[fn], `${fn} of ${name}`);
  });
}

test('json of a map with every kind of key (Go byte order, escapes)', () => {
  const keys = (loadFixture<StructureFixture>('structures.json')['keysMap'] as Record<string, string>);
  const v = recordedValues().get('keys');
  assert.equal(printers['toJson']!(v), keys['toJson']);
  assert.equal(printers['toPrettyJson']!(v), keys['toPrettyJson']);
});

const parse = loadFixture<ParseFixture>('parse.json');
/** helm's fromJson / fromJsonArray as toJson prints their result. */
function fromJsonPrinted(input: string, target: 'map' | 'array'): string {
  const r = decodeJson(input, target);
  let v: GoValue = r.value;
  if (r.error) v = target === 'map' ? new Map([...(v as Map<string, GoValue>), ['Error', r.error.message]]) : [r.error.message];
  return marshalJson(v, { escapeHtml: true });
}

for (const [name, c] of Object.entries(parse.json)) {
  test(`fromJson ${name}`, () => {
    assert.equal(fromJsonPrinted(c.input, 'map'), c.fromJson);
    assert.equal(fromJsonPrinted(c.input, 'array'), c.fromJsonArray);
  });
}

test('mustFromJson errors', () => {
  const errors = loadFixture<{ cases: Record<string, { template?: string; stderr: string }> }>('errors.json').cases;
  for (const name of ['mustFromJsonBad', 'mustFromJsonBad2', 'mustFromJsonEmpty']) {
    const c = errors[name]!;
    const input = JSON.parse(/mustFromJson (".*") \}\}/.exec(c.template!)![1]!) as string;
    const want = /error calling mustFromJson: (.*)\n/.exec(c.stderr)![1]!;
    assert.throws(() => parseJsonToGo(input), (e: unknown) => (e as Error).message === want, name);
  }
});

test('NaN and infinities cannot be encoded', () => {
  const errors = loadFixture<{ cases: Record<string, { stderr: string }> }>('errors.json').cases;
  const want = (name: string) => /error calling \w+: (.*)\n/.exec(errors[name]!.stderr)![1]!;
  assert.throws(() => marshalJson(NaN, { escapeHtml: true }), (e: unknown) => e instanceof JsonMarshalError && e.message === want('mustToJsonNaN'));
  assert.throws(() => marshalJson(new Map([['a', Infinity]]), { escapeHtml: true }), (e: unknown) => (e as Error).message === want('mustToJsonInf'));
  assert.throws(() => marshalJson([-Infinity], { escapeHtml: true, indent: '  ' }), (e: unknown) => (e as Error).message === want('mustToPrettyJsonNaN'));
});

/** A struct whose JSON form comes from the toJSONValue hook, like helm's chart metadata. */
class ChartLike extends GoStruct {
  readonly goType = '*chart.Metadata';
  constructor(private readonly fields: [string, GoValue][]) {
    super();
  }
  fieldNames(): readonly string[] {
    return this.fields.map(([k]) => k);
  }
  field(name: string): GoValue | typeof NO_FIELD {
    const f = this.fields.find(([k]) => k === name);
    return f ? f[1] : NO_FIELD;
  }
  toJSONValue(): JsonStruct {
    return new JsonStruct(this.fields.map(([k, v]) => [k === 'IsRoot' ? k : k.charAt(0).toLowerCase() + k.slice(1), v] as const));
  }
}

test('struct fields keep declaration order (toJson .Chart)', () => {
  const built = loadFixture<{ specials: Record<string, string> }>('built.json').specials;
  const chart = new ChartLike([
    ['Name', 'serialization'], ['Version', '0.1.0'],
    ['Description', "Records helm's toYaml/toJson/toToml/fromYaml/fromJson output for our fixtures."],
    ['ApiVersion', 'v2'], ['IsRoot', true],
  ]);
  assert.equal(marshalJson(chart, { escapeHtml: true }), built['toJsonChart']);
  // toYaml goes through JSON, so the struct's JSON names are what YAML shows (sorted as keys).
  assert.equal(marshalYaml(chart).replace(/\n$/, ''), built['toYamlChart']);
});

test('Go ints print exactly', () => {
  const built = loadFixture<{ cases: Record<string, Record<string, string>> }>('built.json').cases;
  assert.equal(marshalJson(new GoInt(9223372036854775807n, 'int64'), { escapeHtml: true }), built['bigInt64']!['toJson']);
});
