#!/usr/bin/env node
// Records what real helm v3.17.3 prints for the sprig function cases in ./cases.mjs and writes
// them to test/helm/funcs/fixtures/<domain>.json, which the tests read (npm test needs no helm).
//
//   node scripts/record/funcs-a/record.mjs [domain ...]
//
// Env: HELM_BIN (default /tmp/helm-bins/v3/helm). Helm's config/cache/data homes go under /tmp.
//
// How: every case becomes one template file `templates/cN.yaml` of a throw-away chart. Its output
// (`{{ EXPR }}`) and type (`{{ printf "%T" (EXPR) }}`) are rendered through `include` and `toJson`,
// so any text survives helm's YAML check; "<no value>" is protected from helm's final
// "<no value>" -> "" replacement, because text/template itself prints "<no value>".
// A failing case stops helm; it is then re-run alone as `{{ EXPR }}` in `templates/case.yaml` to
// record the exact Go error text, and the batch is retried without it.
import { isUtf8 } from 'node:buffer';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { domains, values, renderExpr } from './cases.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const helmBin = process.env.HELM_BIN ?? '/tmp/helm-bins/v3/helm';
const home = mkdtempSync(join(tmpdir(), 'funcs-a-helm-home-'));
const NO_VALUE_MARK = '@@NOVALUE@@';
const CHART = 'funcs';

async function helmVersion() {
  const { stdout } = await run(helmBin, ['version', '--short'], { env: helmEnv() });
  return stdout.trim();
}

function helmEnv() {
  return {
    ...process.env,
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

/** The template text of a case: `{{ EXPR }}`, or a whole template given as `tpl`. */
function caseSource(c) {
  return c.tpl ?? `{{ ${renderExpr(c.call)} }}`;
}

function batchTemplate(index, c) {
  const lines = [`{{- define "funcsa.o${index}" }}${caseSource(c)}{{ end }}\n`];
  if (!c.tpl) lines.push(`{{- define "funcsa.t${index}" }}{{ printf "%T" (${renderExpr(c.call)}) }}{{ end }}\n`);
  lines.push(`{{- /* case ${index} */ -}}\n`);
  // One execution feeds both lines: `o` as JSON text, `b` as base64 of the exact bytes.
  lines.push(`o: {{ $o := include "funcsa.o${index}" . }}{{ $o | replace "<no value>" "${NO_VALUE_MARK}" | toJson }}\n`);
  lines.push(`b: {{ $o | b64enc | toJson }}\n`);
  if (!c.tpl) lines.push(`t: {{ include "funcsa.t${index}" . | toJson }}\n`);
  return lines.join('');
}

/** Parses `helm template` stdout into {index: {out, type}}. */
function parseBatch(stdout) {
  const results = new Map();
  for (const doc of stdout.split(/^---\n/m)) {
    const src = /^# Source: [^/]+\/templates\/c(\d+)\.yaml$/m.exec(doc);
    if (!src) continue;
    const out = /^o: (.*)$/m.exec(doc);
    const type = /^t: (.*)$/m.exec(doc);
    // toJson turns bytes that are not UTF-8 into U+FFFD; such outputs also keep their bytes.
    const bytes = Buffer.from(JSON.parse(/^b: (.*)$/m.exec(doc)[1]), 'base64');
    results.set(Number(src[1]), {
      out: JSON.parse(out[1]).split(NO_VALUE_MARK).join('<no value>'),
      ...(isUtf8(bytes) ? {} : { outBytes: bytes.toString('base64') }),
      ...(type ? { type: JSON.parse(type[1]) } : {}),
    });
  }
  return results;
}

/**
 * Helm prints `Error: <go error>` plus, without --debug, a hint paragraph of its own; keep the Go
 * text and the part after `at <NODE>: `.
 */
function parseError(stderr) {
  const line = stderr
    .replace(/^Error: /, '')
    .replace(/\n+$/, '')
    .replace(/\n\nUse --debug flag to render out invalid YAML$/, '');
  const m = /^template: [^\n]*? executing "[^"]*" at <.*?>: ([\s\S]*)$/.exec(line);
  return { error: line, detail: m ? m[1] : line };
}

async function recordError(dir, c) {
  writeChart(dir, { 'case.yaml': caseSource(c) + '\n' });
  const res = await helmTemplate(dir);
  if (res.ok) throw new Error(`case ${caseSource(c)} failed in the batch but not alone`);
  return parseError(res.stderr);
}

async function recordDomain(name, cases) {
  const dir = join(home, 'chart-' + name);
  const pending = new Map(cases.map((c, i) => [i, c]));
  const results = new Map();
  for (;;) {
    const templates = {};
    for (const [i, c] of pending) templates[`c${i}.yaml`] = batchTemplate(i, c);
    writeChart(dir, templates);
    const res = await helmTemplate(dir);
    if (res.ok) {
      for (const [i, r] of parseBatch(res.stdout)) results.set(i, r);
      break;
    }
    const failed = /templates\/c(\d+)\.yaml/.exec(res.stderr);
    if (!failed) throw new Error(`unattributable helm failure for ${name}: ${res.stderr}`);
    const index = Number(failed[1]);
    results.set(index, await recordError(join(home, 'single-' + name), pending.get(index)));
    pending.delete(index);
  }
  return cases.map((c, i) => {
    const r = results.get(i);
    if (!r) throw new Error(`no result for ${name} case ${i}`);
    const spec = c.tpl !== undefined ? { tpl: c.tpl } : { expr: renderExpr(c.call), call: c.call };
    return { ...spec, ...(c.execOnly ? { execOnly: true } : {}), ...r };
  });
}

/** One case per line keeps the fixture reviewable in diffs. */
function fixtureText(version, recorded) {
  return (
    '{\n' +
    `  "recordedWith": ${JSON.stringify(`${version} helm template (scripts/record/funcs-a/record.mjs)`)},\n` +
    `  "values": ${JSON.stringify(values)},\n` +
    '  "cases": [\n' +
    recorded.map((c) => '    ' + JSON.stringify(c)).join(',\n') +
    '\n  ]\n}\n'
  );
}

async function main() {
  const wanted = process.argv.slice(2);
  const version = await helmVersion();
  for (const [name, cases] of Object.entries(domains)) {
    if (wanted.length && !wanted.includes(name)) continue;
    const recorded = await recordDomain(name, cases);
    const file = join(repo, 'test/helm/funcs/fixtures', `${name}.json`);
    writeFileSync(file, fixtureText(version, recorded));
    process.stdout.write(`${name}: ${recorded.length} cases -> ${file}\n`);
  }
  rmSync(home, { recursive: true, force: true });
}

await main();
