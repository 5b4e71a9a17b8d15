#!/usr/bin/env node
// Records what real helm v3.17.3 prints for the templates in ./coverage-cases.mjs and writes
// test/helm/funcs/fixtures/coverage-extra.json (read by registry-coverage.test.ts).
//
//   node scripts/record/funcs-list/record-coverage.mjs
//
// Env: HELM_BIN (default /tmp/helm-bins/v3/helm). Helm runs with TZ=America/New_York and its
// config/cache/data homes under /tmp.
//
// How: every case becomes `templates/cN.yaml` of one chart, its output captured through
// `include` and `toJson` (so any text survives helm's YAML parsing; text/template's own
// "<no value>" is protected from helm's final replacement). `defines` is the chart's
// templates/_defs.tpl. A failing case stops helm; it is
// re-run alone as `cov/templates/case.yaml` to record helm's exact error text (after `Error: `),
// and the batch is retried without it.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cases, defines, RECORD_TZ, values } from './coverage-cases.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const helmBin = process.env.HELM_BIN ?? '/tmp/helm-bins/v3/helm';
const home = mkdtempSync(join(tmpdir(), 'funcs-cov-helm-home-'));
const NO_VALUE_MARK = '@@NOVALUE@@';
const CHART = 'cov';

function helmEnv() {
  return {
    ...process.env,
    TZ: RECORD_TZ,
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_DATA_HOME: join(home, 'data'),
  };
}

function writeChart(dir, templates) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${CHART}\nversion: 0.1.0\n`);
  writeFileSync(join(dir, 'values.yaml'), JSON.stringify(values, null, 2) + '\n');
  writeFileSync(join(dir, 'templates', '_defs.tpl'), defines + '\n');
  for (const [name, text] of Object.entries(templates)) writeFileSync(join(dir, 'templates', name), text);
}

async function helmTemplate(dir) {
  try {
    const { stdout } = await run(helmBin, ['template', 'rel', dir], { env: helmEnv(), maxBuffer: 64 << 20 });
    return { ok: true, stdout };
  } catch (err) {
    return { ok: false, stderr: String(err.stderr ?? err.message) };
  }
}

function batchTemplate(index, tpl) {
  return (
    `{{- define "cov.o${index}" }}${tpl}{{ end }}\n` +
    `o: {{ include "cov.o${index}" . | replace "<no value>" "${NO_VALUE_MARK}" | toJson }}\n`
  );
}

function parseBatch(stdout) {
  const results = new Map();
  for (const doc of stdout.split(/^---\n/m)) {
    const src = /^# Source: [^/]+\/templates\/c(\d+)\.yaml$/m.exec(doc);
    if (!src) continue;
    const out = /^o: (.*)$/m.exec(doc);
    results.set(Number(src[1]), { out: JSON.parse(out[1]).split(NO_VALUE_MARK).join('<no value>') });
  }
  return results;
}

async function recordError(tpl) {
  const dir = join(home, 'single', CHART);
  writeChart(dir, { 'case.yaml': tpl + '\n' });
  const res = await helmTemplate(dir);
  if (res.ok) throw new Error(`case ${tpl} failed in the batch but not alone`);
  const error = res.stderr
    .replace(/^Error: /, '')
    .replace(/\n+$/, '')
    .replace(/\n\nUse --debug flag to render out invalid YAML$/, '');
  return { error };
}

async function main() {
  const { stdout } = await run(helmBin, ['version', '--short'], { env: helmEnv() });
  const version = stdout.trim();
  const dir = join(home, 'batch', CHART);
  const pending = new Map(cases.map(([, tpl], i) => [i, tpl]));
  const results = new Map();
  for (;;) {
    const templates = {};
    for (const [i, tpl] of pending) templates[`c${i}.yaml`] = batchTemplate(i, tpl);
    writeChart(dir, templates);
    const res = await helmTemplate(dir);
    if (res.ok) {
      for (const [i, r] of parseBatch(res.stdout)) results.set(i, r);
      break;
    }
    const failed = /templates\/c(\d+)\.yaml/.exec(res.stderr);
    if (!failed) throw new Error(`unattributable helm failure: ${res.stderr}`);
    const index = Number(failed[1]);
    results.set(index, await recordError(pending.get(index)));
    pending.delete(index);
  }
  const recorded = cases.map(([group, tpl], i) => {
    const r = results.get(i);
    if (!r) throw new Error(`no result for case ${i}: ${tpl}`);
    return { group, tpl, ...r };
  });
  const lines = [
    '{',
    `  "recordedWith": ${JSON.stringify(`${version} helm template, TZ=${RECORD_TZ} (scripts/record/funcs-list/record-coverage.mjs)`)},`,
    `  "templateName": ${JSON.stringify(`${CHART}/templates/case.yaml`)},`,
    `  "values": ${JSON.stringify(values)},`,
    `  "defines": ${JSON.stringify(defines)},`,
    '  "cases": [',
    recorded.map((c) => '    ' + JSON.stringify(c)).join(',\n'),
    '  ]',
    '}',
  ];
  const file = join(repo, 'test/helm/funcs/fixtures/coverage-extra.json');
  writeFileSync(file, lines.join('\n') + '\n');
  process.stdout.write(`${recorded.length} cases -> ${file}\n`);
  rmSync(home, { recursive: true, force: true });
}

await main();
