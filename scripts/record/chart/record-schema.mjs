// Records real helm v3.17.3 values.schema.json validation errors (gojsonschema wording).
//
//   node scripts/record/chart/record-schema.mjs
//
// Writes the charts to test/helm/chart/fixtures/schema/<case>/ and helm's outcome to
// test/helm/chart/golden/schema.json. Each case runs 5 times: gojsonschema visits object
// properties in Go map order, so when runs disagree the case is marked `ordered: false` and
// tests compare the error lines of each chart as a set.
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { helm, helmError, helmVersion, writeTree } from './helm.mjs';

const root = resolve(new URL('../../..', import.meta.url).pathname);
const fixtures = join(root, 'test/helm/chart/fixtures/schema');
const out = join(root, 'test/helm/chart/golden/schema.json');

const chartYaml = (name) => `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`;
const tpl = '# ok\n';
/** A chart with a schema (object or raw text) and values. */
const chart = (prefix, name, schema, values = '') => ({
  [`${prefix}Chart.yaml`]: chartYaml(name),
  [`${prefix}templates/t.yaml`]: tpl,
  [`${prefix}values.yaml`]: values,
  ...(schema === undefined ? {} : { [`${prefix}values.schema.json`]: typeof schema === 'string' ? schema : JSON.stringify(schema, null, 2) }),
});
const obj = (properties, extra = {}) => ({ type: 'object', properties, ...extra });

/** [name, files, flags] */
const cases = [
  ['valid', chart('', 'demo', obj({ replicas: { type: 'integer' } }), 'replicas: 3\n'), []],
  ['type integer given string', chart('', 'demo', obj({ replicas: { type: 'integer' } }), 'replicas: "3"\n'), []],
  ['type integer given number', chart('', 'demo', obj({ replicas: { type: 'integer' } }), 'replicas: 3.5\n'), []],
  ['type string given integer', chart('', 'demo', obj({ name: { type: 'string' } }), 'name: 3\n'), []],
  ['type string given null', chart('', 'demo', obj({ name: { type: 'string' } }), 'name: null\n'), []],
  ['type list of types', chart('', 'demo', obj({ name: { type: ['string', 'null'] } }), 'name: [1]\n'), []],
  ['type boolean given object', chart('', 'demo', obj({ on: { type: 'boolean' } }), 'enabled: {a: 1}\n'), []],
  ['type boolean given object 2', chart('', 'demo', obj({ enabled: { type: 'boolean' } }), 'enabled: {a: 1}\n'), []],
  ['set int satisfies integer', chart('', 'demo', obj({ num: { type: 'integer' } }), 'num: 1\n'), [['set', 'num=5']]],
  ['set string fails integer', chart('', 'demo', obj({ num: { type: 'integer' } }), 'num: 1\n'), [['set-string', 'num=5']]],
  ['required at root', chart('', 'demo', obj({}, { required: ['image'] }), 'a: 1\n'), []],
  ['required nested', chart('', 'demo', obj({ image: obj({}, { required: ['repository'] }) }), 'image:\n  tag: x\n'), []],
  ['required two', chart('', 'demo', obj({}, { required: ['a', 'b'] }), 'c: 1\n'), []],
  ['additional property', chart('', 'demo', obj({ a: {} }, { additionalProperties: false }), 'a: 1\nb: 2\n'), []],
  ['enum', chart('', 'demo', obj({ policy: { enum: ['Always', 'IfNotPresent', 'Never'] } }), 'policy: Sometimes\n'), []],
  ['enum numbers', chart('', 'demo', obj({ num: { enum: [1, 2, 'x'] } }), 'num: 3\n'), []],
  ['const', chart('', 'demo', obj({ k: { const: 'fixed' } }), 'k: other\n'), []],
  ['minimum', chart('', 'demo', obj({ num: { minimum: 1 } }), 'num: 0\n'), []],
  ['maximum', chart('', 'demo', obj({ num: { maximum: 10 } }), 'num: 11\n'), []],
  ['exclusive minimum draft7', chart('', 'demo', obj({ num: { exclusiveMinimum: 1 } }), 'num: 1\n'), []],
  ['exclusive maximum draft4', chart('', 'demo', { $schema: 'http://json-schema.org/draft-04/schema#', ...obj({ num: { maximum: 5, exclusiveMaximum: true } }) }, 'num: 5\n'), []],
  ['multipleOf', chart('', 'demo', obj({ num: { multipleOf: 2.5 } }), 'num: 3\n'), []],
  ['big minimum', chart('', 'demo', obj({ num: { minimum: 1000000 } }), 'num: 3\n'), []],
  ['minLength', chart('', 'demo', obj({ s: { minLength: 3 } }), 's: ab\n'), []],
  ['maxLength', chart('', 'demo', obj({ s: { maxLength: 3 } }), 's: abcd\n'), []],
  ['pattern', chart('', 'demo', obj({ s: { pattern: '^[a-z]+$' } }), 's: ABC\n'), []],
  ['format email', chart('', 'demo', obj({ e: { format: 'email' } }), 'e: not-an-email\n'), []],
  ['format date-time ok as date', chart('', 'demo', obj({ d: { format: 'date-time' } }), 'd: "2024-01-02"\n'), []],
  ['format ipv4', chart('', 'demo', obj({ ip: { format: 'ipv4' } }), 'ip: "300.1.1.1"\n'), []],
  ['format hostname', chart('', 'demo', obj({ h: { format: 'hostname' } }), 'h: "-bad.example"\n'), []],
  ['unknown format passes', chart('', 'demo', obj({ x: { format: 'whatever' } }), 'x: anything\n'), []],
  ['minItems', chart('', 'demo', obj({ l: { type: 'array', minItems: 2 } }), 'l: [1]\n'), []],
  ['maxItems', chart('', 'demo', obj({ l: { type: 'array', maxItems: 1 } }), 'l: [1, 2]\n'), []],
  ['uniqueItems', chart('', 'demo', obj({ l: { type: 'array', uniqueItems: true } }), 'l: [a, b, a, a]\n'), []],
  ['items type', chart('', 'demo', obj({ l: { type: 'array', items: { type: 'string' } } }), 'l: [a, 1, b]\n'), []],
  ['items object required', chart('', 'demo', obj({ l: { type: 'array', items: obj({}, { required: ['name'] }) } }), 'l:\n- name: a\n- other: b\n'), []],
  ['minProperties', chart('', 'demo', obj({ m: { type: 'object', minProperties: 2 } }), 'm: {a: 1}\n'), []],
  ['anyOf', chart('', 'demo', obj({ v: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 5 }] } }), 'v: 3\n'), []],
  ['oneOf none', chart('', 'demo', obj({ v: { oneOf: [{ type: 'string' }, { type: 'boolean' }] } }), 'v: 3\n'), []],
  ['oneOf two', chart('', 'demo', obj({ v: { oneOf: [{ type: 'integer' }, { type: 'number' }] } }), 'v: 3\n'), []],
  ['allOf', chart('', 'demo', obj({ v: { allOf: [{ type: 'integer' }, { minimum: 5 }] } }), 'v: 3\n'), []],
  ['not', chart('', 'demo', obj({ v: { not: { type: 'integer' } } }), 'v: 3\n'), []],
  ['if then', chart('', 'demo', obj({ v: { if: { type: 'integer' }, then: { minimum: 10 } } }), 'v: 3\n'), []],
  ['dependencies', chart('', 'demo', obj({}, { dependencies: { a: ['b'] } }), 'a: 1\n'), []],
  ['ref definitions', chart('', 'demo', { definitions: { port: { type: 'integer', maximum: 65535 } }, ...obj({ p: { $ref: '#/definitions/port' } }) }, 'p: 70000\n'), []],
  ['nested path', chart('', 'demo', obj({ a: obj({ b: obj({ c: { type: 'string' } }) }) }), 'a:\n  b:\n    c: 1\n'), []],
  ['array index path', chart('', 'demo', obj({ l: { items: obj({ num: { type: 'string' } }) } }), 'l:\n- num: a\n- num: 2\n'), []],
  ['type and enum only type', chart('', 'demo', obj({ v: { type: 'string', enum: ['a'] } }), 'v: 3\n'), []],
  ['default null value', chart('', 'demo', obj({ v: { type: 'object' } }), 'v: null\n'), []],
  ['user null deletes', chart('', 'demo', obj({}, { required: ['v'] }), 'v: 1\n'), [['set', 'v=null']]],
  ['invalid schema json', chart('', 'demo', '{ not json', 'a: 1\n'), []],
  ['two errors root', chart('', 'demo', obj({ a: { type: 'string' } }, { required: ['b'] }), 'a: 1\n'), []],
  ['two properties', chart('', 'demo', obj({ a: { type: 'string' }, b: { type: 'string' } }), 'a: 1\nb: 2\n'), []],
  ['subchart schema', { ...chart('', 'demo', undefined, 'sub:\n  num: x\n'), ...chart('charts/sub/', 'sub', obj({ num: { type: 'integer' } }), 'num: 1\n') }, []],
  [
    'parent and subchart',
    { ...chart('', 'demo', obj({ p: { type: 'integer' } }), 'p: x\nsub:\n  num: x\n'), ...chart('charts/sub/', 'sub', obj({ num: { type: 'integer' } }), 'num: 1\n') },
    [],
  ],
  ['subchart sees globals', { ...chart('', 'demo', undefined, 'global:\n  g: 1\n'), ...chart('charts/sub/', 'sub', obj({ global: obj({ g: { type: 'string' } }) })) }, []],
  ['skip schema validation', chart('', 'demo', obj({ num: { type: 'integer' } }), 'num: x\n'), [['skip-schema-validation', '']]],
  // Patterns are Go regexps (RE2 syntax), where JS RegExp answers differently.
  ['re2 lookahead is invalid', chart('', 'demo', obj({ s: { pattern: '^(?=a)a+$' } }), 's: aa\n'), []],
  ['re2 backreference is invalid', chart('', 'demo', obj({ s: { pattern: '(a)\\1' } }), 's: aa\n'), []],
  ['re2 no \\Z', chart('', 'demo', obj({ s: { pattern: 'a\\Z' } }), 's: a\n'), []],
  ['re2 posix class matches', chart('', 'demo', obj({ s: { pattern: '^[[:alpha:]]+$' } }), 's: abc\n'), []],
  ['re2 posix class fails', chart('', 'demo', obj({ s: { pattern: '^[[:alpha:]]+$' } }), 's: ab1\n'), []],
  ['re2 \\pL and \\z', chart('', 'demo', obj({ s: { pattern: '^\\pL+\\z' }, t: { pattern: '^\\pL+\\z' } }), 's: "ü"\nt: "ü\\n"\n'), []],
  ['re2 (?i) flag', chart('', 'demo', obj({ s: { pattern: '(?i)^abc$' } }), 's: ABC\n'), []],
  ['re2 patternProperties flag', chart('', 'demo', { patternProperties: { '(?i)^x': { type: 'integer' } } }, 'X: a\n'), []],
  ['re2 patternProperties invalid', chart('', 'demo', { patternProperties: { '(?=x)': { type: 'integer' } } }, 'X: a\n'), []],
  ['re2 additionalProperties with patternProperties', chart('', 'demo', { patternProperties: { '^[[:upper:]]': {} }, additionalProperties: false }, 'A: 1\nb: 2\n'), []],
  ['re2 format regex', chart('', 'demo', obj({ s: { format: 'regex' }, t: { format: 'regex' } }), 's: "(?=x)"\nt: "[[:alpha:]]"\n'), []],
];

rmSync(fixtures, { recursive: true, force: true });
const results = [];
for (const [name, files, flags] of cases) {
  const slug = name.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase();
  const dir = join(fixtures, slug);
  writeTree(dir, files);
  const args = ['template', 'rel', '.'];
  for (const [flag, value] of flags) {
    if (value === '') args.push(`--${flag}`);
    else args.push(`--${flag}`, value);
  }
  const runs = Array.from({ length: 5 }, () => helm(args, dir));
  const r = runs[0];
  if (r.code === 0) {
    results.push({ name, path: slug, flags, ok: true });
    continue;
  }
  const errors = runs.map((x) => x.stderr);
  const full = r.stderr.replace(/^Error: /, '').replace(/\n$/, '');
  results.push({ name, path: slug, flags, error: full, ordered: errors.every((e) => e === errors[0]), first: helmError(r.stderr) });
}

writeFileSync(
  out,
  JSON.stringify({ recordedWith: helmVersion(), command: 'node scripts/record/chart/record-schema.mjs', cases: results }, null, 1) + '\n',
);
process.stdout.write(`wrote ${results.length} cases to ${out}\n`);
