import { parseYamlToGoMap } from './helm/yaml/parse.js';
import { marshalYamlPretty } from './helm/yaml/marshal-pretty.js';
import { readFileSync } from 'node:fs';
const vals = parseYamlToGoMap(readFileSync('test/helm/yaml/fixtures/values.yaml', 'utf8'));
const st = JSON.parse(readFileSync('test/helm/yaml/fixtures/structures.json', 'utf8'));
const want: string = st.keysMap.toYamlPretty; const got = marshalYamlPretty(vals.get('keys')).replace(/\n$/, '');
let i = 0; while (want[i] === got[i]) i++;
console.log(JSON.stringify(want.slice(i - 200, i + 200))); console.log(JSON.stringify(got.slice(i - 200, i + 200)));
