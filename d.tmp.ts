import { marshalJson } from './helm/yaml/json.js';
import { marshalYaml } from './helm/yaml/marshal.js';
import { encodeGoYamlV2 } from './helm/yaml/marshal.js';
for (const depth of [2000, 5000, 10000]) {
  let v: any = [];
  for (let i = 0; i < depth; i++) v = [v];
  for (const [name, f] of [['json', () => marshalJson(v, { escapeHtml: true })], ['yaml', () => marshalYaml(v)]] as const) {
    try { f(); console.log(depth, name, 'ok'); } catch (e) { console.log(depth, name, (e as Error).name, (e as Error).message.slice(0, 80)); }
  }
}
