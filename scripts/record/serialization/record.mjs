#!/usr/bin/env node
// Re-records the serialization fixtures from a real helm v3.17.3 binary.
//   HELM=/tmp/helm-bins/v3/helm node scripts/record/serialization/record.mjs
// 1. Regenerates the chart inputs (values.yaml from mkvalues.mjs + structures.yaml, files/ from mkdocs.mjs).
// 2. Renders chart/ with `helm template`; every printed value is base64 so the bytes survive.
// 3. Renders small one-template charts for functions whose errors abort rendering.
// 4. Repeats the main render to find outputs whose map-key order helm itself varies (unstable.json).
// Writes test/helm/yaml/fixtures/*.json. Never runs our code.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const chart = join(here, 'chart');
const out = join(root, 'test/helm/yaml/fixtures');
const helm = process.env.HELM ?? '/tmp/helm-bins/v3/helm';
const home = mkdtempSync(join(tmpdir(), 'helm-home-'));
const env = { ...process.env, HELM_CONFIG_HOME: join(home, 'c'), HELM_CACHE_HOME: join(home, 'ca'), HELM_DATA_HOME: join(home, 'd') };

const values = execFileSync('node', [join(here, 'mkvalues.mjs')], { encoding: 'utf8' }) + readFileSync(join(here, 'structures.yaml'), 'utf8');
writeFileSync(join(chart, 'values.yaml'), values);
rmSync(join(chart, 'files'), { recursive: true, force: true });
execFileSync('node', [join(here, 'mkdocs.mjs'), join(chart, 'files')]);

const version = execFileSync(helm, ['version', '--short'], { env, encoding: 'utf8' }).trim();
// helm prints maps whose go-yaml key order is not transitive (e.g. "9", "10", "1a") in a
// different order from run to run (Go's random map iteration feeds sort.Sort). Render a few
// times and list the outputs that changed, so tests know not to expect one fixed order there.
const RUNS = 4;
const runs = [];
for (let r = 0; r < RUNS; r++) {
  const rendered = execFileSync(helm, ['template', 'rec', chart], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const docs = {};
  for (const d of parseAllDocuments(rendered)) {
    const js = d.toJS();
    if (js && js.kind) docs[js.kind] = js;
  }
  runs.push(docs);
}
const docs = runs[0];
const unstable = [];
function collectUnstable(path, values) {
  if (typeof values[0] === 'string' || values[0] === null) {
    if (values.some((v) => v !== values[0])) unstable.push(path.join('.'));
    return;
  }
  for (const k of Object.keys(values[0])) collectUnstable([...path, k], values.map((v) => v[k]));
}
for (const kind of Object.keys(docs)) collectUnstable([kind], runs.map((r) => r[kind]));

/** Decodes every base64 leaf back to the exact text helm printed. */
function decode(v) {
  if (typeof v === 'string') return Buffer.from(v, 'base64').toString('utf8');
  // `key: ` with nothing after it: helm printed an empty string.
  if (v === null) return '';
  if (typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'kind').map(([k, x]) => [k, decode(x)]));
}

const header = { recordedWith: version, command: 'helm template rec scripts/record/serialization/chart' };
const write = (name, data) => writeFileSync(join(out, name), JSON.stringify({ ...header, ...data }, null, 1) + '\n');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'values.yaml'), values);

write('scalars.json', decode(docs.Scalars));
write('structures.json', decode(docs.Structures));
write('built.json', decode(docs.Built));
// helm's chart loader strips a UTF-8 BOM from every file, so the templates saw the text without it.
const readDocs = (sub) => Object.fromEntries(readdirSync(join(chart, 'files', sub)).sort().map((f) => [f.replace(/\.(yaml|json|toml)$/, ''), readFileSync(join(chart, 'files', sub, f), 'utf8').replace(/^\ufeff/, '')]));
const parse = decode(docs.Parse);
const yamlInputs = readDocs('yaml');
const jsonInputs = readDocs('json');
for (const k of Object.keys(parse.yaml)) parse.yaml[k] = { input: yamlInputs[k], ...parse.yaml[k] };
for (const k of Object.keys(parse.json)) parse.json[k] = { input: jsonInputs[k], ...parse.json[k] };
const tomlInputs = readDocs('toml');
for (const k of Object.keys(parse.toml)) parse.toml[k] = { input: tomlInputs[k], ...parse.toml[k] };
write('parse.json', parse);

// Templates whose failure aborts the render: one chart per case, the error text recorded.
const errorCases = {
  toTomlNil: '{{ toToml nil }}',
  toRawJsonNaN: '{{ toRawJson (float64 "NaN") }}',
  mustToJsonNaN: '{{ mustToJson (float64 "NaN") }}',
  mustToJsonInf: '{{ mustToJson (dict "a" (float64 "Inf")) }}',
  mustToPrettyJsonNaN: '{{ mustToPrettyJson (list (float64 "-Inf")) }}',
  mustToRawJsonNaN: '{{ mustToRawJson (float64 "NaN") }}',
  mustFromJsonBad: '{{ mustFromJson "{" }}',
  mustFromJsonBad2: '{{ mustFromJson "[1,]" }}',
  mustFromJsonEmpty: '{{ mustFromJson "" }}',
};
const errors = {};
for (const [name, tpl] of Object.entries(errorCases)) {
  const dir = mkdtempSync(join(tmpdir(), 'ser-err-'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: e\nversion: 0.1.0\n');
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'templates', 'e.yaml'), tpl + '\n');
  const r = spawnSync(helm, ['template', 'rec', dir], { env, encoding: 'utf8' });
  errors[name] = { template: tpl, exitCode: r.status, stdout: r.stdout, stderr: r.stderr };
  rmSync(dir, { recursive: true, force: true });
}
// Broken values files: the wrapper text helm prints around the YAML error.
for (const f of ['errMappingValues', 'tabIndent', 'nan', 'topList', 'nullKey']) {
  const r = spawnSync(helm, ['template', 'rec', chart, '--show-only', 'templates/built.yaml', '-f', join(chart, 'files/yaml', f + '.yaml')], { env, encoding: 'utf8' });
  errors['valuesFile_' + f] = { valuesFile: f, exitCode: r.status, stderr: r.stderr.split(join(chart, 'files/yaml')).join('FILES') };
}
write('errors.json', { cases: errors });
write('unstable.json', { runs: RUNS, paths: unstable });
rmSync(home, { recursive: true, force: true });
