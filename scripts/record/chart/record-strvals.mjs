// Records how real helm v3.17.3 parses --set/--set-string/--set-json/--set-file/--set-literal
// (and -f merging) by rendering a chart that prints .Values as typed JSON.
//
//   node scripts/record/chart/record-strvals.mjs
//
// Writes test/helm/chart/golden/strvals.json. Each case: flags [[kind, text]...] and either
// `values` (typed JSON: {"t": Go type, "v": JSON value} for scalars) or helm's `error`.
// --set-file and -f paths are relative to test/helm/chart/fixtures/strvals (helm runs there).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DUMP_TEMPLATE, helm, helmError, helmVersion, tempDir, writeTree } from './helm.mjs';

const root = resolve(new URL('../../..', import.meta.url).pathname);
const fixtures = join(root, 'test/helm/chart/fixtures/strvals');
const out = join(root, 'test/helm/chart/golden/strvals.json');

const deep = Array.from({ length: 32 }, (_, i) => `k${i}`).join('.') + '=1';
const ok30 = Array.from({ length: 30 }, (_, i) => `k${i}`).join('.') + '=1';

/** [name, [[flag, value], ...]] */
const cases = [
  ['int', [['set', 'a=1']]],
  ['zero', [['set', 'a=0']]],
  ['leading zero stays string', [['set', 'a=007']]],
  ['negative leading zero', [['set', 'a=-01']]],
  ['plus sign', [['set', 'a=+5']]],
  ['negative', [['set', 'a=-42']]],
  ['float stays string', [['set', 'a=1.5']]],
  ['bools any case', [['set', 'a=true,b=FALSE,c=True']]],
  ['null', [['set', 'a=null']]],
  ['NULL upper', [['set', 'a=NULL']]],
  ['empty value', [['set', 'a=']]],
  ['int64 bounds', [['set', 'a=9223372036854775807,b=9223372036854775808,c=-9223372036854775808']]],
  ['nested map', [['set', 'a.b.c=x']]],
  ['list index', [['set', 'a[0]=x']]],
  ['list padding', [['set', 'a[2]=x']]],
  ['list of maps', [['set', 'a[0].b=1,a[0].c=2']]],
  ['list maps out of order', [['set', 'a[1].b=1,a[0]=z']]],
  ['brace list', [['set', 'a={x,y,z}']]],
  ['empty brace list', [['set', 'a={}']]],
  ['typed brace list', [['set', 'a={1,true,null,007}']]],
  ['brace list then key', [['set', 'a={x,y},b=2']]],
  ['escaped comma', [['set', 'a=x\\,y']]],
  ['escaped dot in key', [['set', 'a\\.b=1']]],
  ['escaped equals', [['set', 'a=x\\=y']]],
  ['spaces kept', [['set', 'name=value with spaces']]],
  ['equals in value', [['set', 'a=b=c']]],
  ['no value', [['set', 'a']]],
  ['trailing comma key', [['set', 'a,']]],
  ['dotted no value', [['set', 'a.b']]],
  ['empty inner key', [['set', 'a.=1']]],
  ['bad index', [['set', 'a[x]=1']]],
  ['negative index', [['set', 'a[-1]=1']]],
  ['index too large', [['set', 'a[65537]=1']]],
  ['unterminated index', [['set', 'a[1']]],
  ['data after index', [['set', 'a[0]x=1']]],
  ['data after index, several runes', [['set', "a[0]x'\\n=1"]]],
  ['literal: data after index', [['set-literal', 'a[0]xy=1']]],
  ['int then map', [['set', 'a=1,a.b=2']]],
  ['int then list', [['set', 'a=1,a[0]=2']]],
  ['null then map', [['set', 'a=null,a.b=1']]],
  ['list item then nested list', [['set', 'a[0]=1,a[0][0]=2']]],
  ['nested lists', [['set', 'a[0][1]=x']]],
  ['max nesting ok', [['set', ok30]]],
  ['nesting too deep', [['set', deep]]],
  ['unterminated brace', [['set', 'a={x,y']]],
  ['double comma', [['set', 'a=1,,b=2']]],
  ['trailing comma', [['set', 'a=1,']]],
  ['leading comma', [['set', ',a=1']]],
  ['empty key', [['set', '=1']]],
  ['later set overrides', [['set', 'a=1'], ['set', 'a=2']]],
  ['later set merges maps', [['set', 'a.b=1'], ['set', 'a.c=2']]],
  ['later set merges lists', [['set', 'a[1]=x'], ['set', 'a[0]=y']]],
  ['list then map', [['set', 'a[0]=1'], ['set', 'a.b=2']]],
  ['list index into map list item', [['set', 'a[0].b=1'], ['set', 'a[0].c[1]=2']]],
  ['unicode', [['set', 'ключ=значение,emoji=😀']]],
  ['escaped backslash', [['set', 'a=x\\\\y']]],
  ['key only dot', [['set', '.a=1']]],
  ['string: typed things stay strings', [['set-string', 'a=1,b=true,c=null,d=']]],
  ['string: list', [['set-string', 'a={1,2}']]],
  ['string: index', [['set-string', 'a[1]=0']]],
  ['json: object', [['set-json', 'a={"b":1,"c":[1,2.5,"x"]}']]],
  ['json: array', [['set-json', 'a=[1,"x",null,true]']]],
  ['json: numbers are float64', [['set-json', 'a=1,b=1.5,c=1e3']]],
  ['json: empty is null', [['set-json', 'a=,b=1']]],
  ['json: spaces separate', [['set-json', 'a="x" b=2']]],
  ['json: list index', [['set-json', 'a[1]={"x":1}']]],
  ['json: nested key', [['set-json', 'a.b=true']]],
  ['json: bad literal', [['set-json', 'a=tru']]],
  ['json: unterminated object', [['set-json', 'a={"x":1']]],
  ['json: number then key', [['set-json', 'a=1b=2']]],
  ['json: overflow', [['set-json', 'a=1e400']]],
  ['json: string with comma', [['set-json', 'a="x,y",b=2']]],
  ['json: whole map', [['set-json', 'a={"b":{"c":null}}']]],
  ['literal: everything after equals', [['set-literal', 'a=x,y=z']]],
  ['literal: backslash kept', [['set-literal', 'a.b=c\\,d']]],
  ['literal: index', [['set-literal', 'a[0]=1']]],
  ['literal: no value', [['set-literal', 'a']]],
  ['literal: index then EOF', [['set-literal', 'a[0]']]],
  ['literal: empty value', [['set-literal', 'a=']]],
  ['literal: nested list', [['set-literal', 'a[1][0]=true']]],
  ['literal: map into int', [['set', 'a=1'], ['set-literal', 'a.b=2']]],
  ['file: content', [['set-file', 'a=f1.txt']]],
  ['file: missing', [['set-file', 'a=missing.txt']]],
  ['file: list of files', [['set-file', 'a={f1.txt,num.txt}']]],
  ['file: two keys', [['set-file', 'a=f2.txt,b.c=num.txt']]],
  ['order: json then set then string', [['set-string', 'a=s'], ['set', 'a=1'], ['set-json', 'a=2']]],
  ['order: set then file then literal', [['set-literal', 'a=lit'], ['set-file', 'a=num.txt'], ['set', 'a=1']]],
  ['order: string after set', [['set', 'b.x=1'], ['set-string', 'b.y=2']]],
  ['values files merge', [['values', 'values1.yaml'], ['values', 'values2.yaml']]],
  ['values file then set', [['values', 'values1.yaml'], ['set', 'b.c=y,b.e=z']]],
  ['set into values list', [['values', 'values2.yaml'], ['set', 'b.d[0]=1']]],
  ['values file bad yaml', [['values', 'bad.yaml']]],
  ['values file unclosed flow', [['values', 'unclosed.yaml']]],
  ['values file is a list', [['values', 'list.yaml']]],
  ['values file only comment', [['values', 'empty.yaml'], ['set', 'a=1']]],
  ['values file missing', [['values', 'missing.yaml']]],
  ['values file error before set error', [['values', 'bad.yaml'], ['set', 'a']]],
];

const chart = tempDir('strvals-chart-');
writeTree(chart, {
  'Chart.yaml': 'apiVersion: v2\nname: dump\nversion: 0.1.0\n',
  'templates/dump.yaml': `${DUMP_TEMPLATE}\n# {{ include "dump" .Values }}\n`,
});

const results = [];
for (const [name, flags] of cases) {
  const args = ['template', 'x', chart];
  for (const [flag, value] of flags) args.push(flag === 'values' ? '-f' : `--${flag}`, value);
  const r = helm(args, fixtures);
  if (r.code === 0) {
    const line = r.stdout.split('\n').find((l) => l.startsWith('# {'));
    results.push({ name, flags, values: JSON.parse(line.slice(2)) });
  } else {
    results.push({ name, flags, error: helmError(r.stderr) });
  }
}

writeFileSync(
  out,
  JSON.stringify({ recordedWith: helmVersion(), command: 'node scripts/record/chart/record-strvals.mjs', cases: results }, null, 1) + '\n',
);
process.stdout.write(`wrote ${results.length} cases to ${out}\n`);
