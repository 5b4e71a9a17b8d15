import { parseYamlToGoMap } from './helm/yaml/parse.js';
import { marshalToml } from './helm/yaml/toml.js';
import { marshalYamlPretty } from './helm/yaml/marshal-pretty.js';
import { marshalYaml } from './helm/yaml/marshal.js';
import { marshalJson } from './helm/yaml/json.js';
import { readFileSync } from 'node:fs';
const vals = parseYamlToGoMap(readFileSync('test/helm/yaml/fixtures/values.yaml', 'utf8'));
const sc = JSON.parse(readFileSync('test/helm/yaml/fixtures/scalars.json', 'utf8'));
const st = JSON.parse(readFileSync('test/helm/yaml/fixtures/structures.json', 'utf8'));
const toYaml = (v: any) => { try { return marshalYaml(v).replace(/\n$/, ''); } catch { return ''; } };
const fns: Record<string, (v: any) => string> = {
  toYaml,
  toToml: (v) => { try { return marshalToml(new Map([['v', v]])); } catch (e) { return (e as Error).message; } },
  toYamlPretty: (v) => { try { return marshalYamlPretty(v).replace(/\n$/, ''); } catch (e) { return 'ERR ' + (e as Error).message; } },
  toJson: (v) => { try { return marshalJson(v, {escapeHtml: true}); } catch { return ''; } },
  toRawJson: (v) => marshalJson(v, {escapeHtml: false}),
  toPrettyJson: (v) => marshalJson(v, {escapeHtml: true, indent: '  '}),
  toYamlMap: (v) => toYaml(new Map([['v', v]])),
  toYamlList: (v) => toYaml([v]),
  toYamlNested: (v) => toYaml(new Map([['a', new Map([['b', [v, new Map([['c', v]])]]])]])),
};
let ok = 0, bad = 0;
const check = (name: string, fn: string, v: any, want: string) => {
  const f = fns[fn]; if (!f) return;
  const got = f(v);
  if (got === want) ok++; else { bad++; if (bad < 40) console.log(name, fn, JSON.stringify(v instanceof Map ? 'map' : v)?.slice(0,80), '\n  want', JSON.stringify(want).slice(0, 300), '\n  got ', JSON.stringify(got).slice(0, 300)); }
};
for (const group of ['strings', 'numbers']) {
  for (const [k, c] of Object.entries<any>(sc[group])) {
    const v = (vals.get(group) as Map<string, any>).get(k);
    for (const fn of Object.keys(c)) check(group + '.' + k, fn, v, c[fn]);
  }
}
for (const [k, c] of Object.entries<any>(st)) {
  if (typeof c !== 'object') continue;
  const v = k === 'keysMap' ? vals.get('keys') : k === 'allStructures' ? vals.get('structures') : (vals.get('structures') as Map<string, any>).get(k);
  for (const fn of Object.keys(c)) check('struct.' + k, fn, v, c[fn]);
}
console.log(ok, bad);
