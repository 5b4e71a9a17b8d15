#!/usr/bin/env node
// Records what real helm v3.17.3 prints for the sprig function cases in ./cases.mjs (regex,
// encoding, semver, date, url, crypto, network) and writes test/helm/funcs/fixtures/b-<domain>.json,
// which the tests read (npm test needs no helm).
//
//   node scripts/record/funcs-b/record.mjs [domain ...]
//
// Env: HELM_BIN (default /tmp/helm-bins/v3/helm). Helm runs with TZ=America/New_York and its
// config/cache/data homes under /tmp; the networkDns domain adds --enable-dns.
//
// How: every case becomes one template file `templates/cN.yaml` of a throw-away chart whose
// output (`{{ EXPR }}`) and type (`{{ printf "%T" (EXPR) }}`) are captured through `include`
// and `toJson`, so any text survives helm's YAML parsing. A failing case stops helm; it is
// re-run alone to record Go's exact error text, and the batch is retried without it.
// The crypto fixture also gets `generated`: ciphertexts from helm's encryptAES and
// certificates from helm's gen*WithKey, for decryption and structure comparisons.
import { isUtf8 } from 'node:buffer';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { domains, RECORD_TZ, renderExpr, values } from './cases.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const helmBin = process.env.HELM_BIN ?? '/tmp/helm-bins/v3/helm';
const home = mkdtempSync(join(tmpdir(), 'funcs-b-helm-home-'));
const NO_VALUE_MARK = '@@NOVALUE@@';

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
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: funcsb\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), JSON.stringify(values, null, 2) + '\n');
  for (const [name, text] of Object.entries(templates)) writeFileSync(join(dir, 'templates', name), text);
}

/** Extra `helm template` flags per domain: `networkDns` renders with DNS lookups enabled. */
const DOMAIN_FLAGS = { networkDns: ['--enable-dns'] };
let flags = [];

async function helmTemplate(dir) {
  try {
    const { stdout } = await run(helmBin, ['template', 'rel', dir, ...flags], { env: helmEnv(), maxBuffer: 64 << 20 });
    return { ok: true, stdout };
  } catch (err) {
    return { ok: false, stderr: String(err.stderr ?? err.message) };
  }
}

const caseSource = (c) => c.tpl ?? `{{ ${renderExpr(c.call)} }}`;

function batchTemplate(index, c) {
  const lines = [`{{- define "funcsb.o${index}" }}${caseSource(c)}{{ end }}\n`];
  if (!c.tpl) lines.push(`{{- define "funcsb.t${index}" }}{{ printf "%T" (${renderExpr(c.call)}) }}{{ end }}\n`);
  // One execution feeds both lines: `o` as JSON text, `b` as base64 of the exact bytes.
  lines.push(`o: {{ $o := include "funcsb.o${index}" . }}{{ $o | replace "<no value>" "${NO_VALUE_MARK}" | toJson }}\n`);
  lines.push(`b: {{ $o | b64enc | toJson }}\n`);
  if (!c.tpl) lines.push(`t: {{ include "funcsb.t${index}" . | toJson }}\n`);
  return lines.join('');
}

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

/** Helm prints `Error: <go error>` and a hint; keep the Go text and the part after `at <NODE>: `. */
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

async function recordCases(name, cases) {
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
    return { ...spec, ...r };
  });
}

/** Renders one template and returns the JSON value it prints after `v: `. */
async function renderJson(template) {
  const dir = join(home, 'chart-generated');
  writeChart(dir, { 'x.yaml': template });
  const res = await helmTemplate(dir);
  if (!res.ok) throw new Error(res.stderr);
  return JSON.parse(/^v: (.*)$/m.exec(res.stdout)[1]);
}

/** Helm-made ciphertexts and certificates, for the crypto tests. */
async function generatedCrypto() {
  const plaintexts = [
    ['secret', 'hello world'],
    ['', 'sixteen bytes!!!'],
    ['a-password-longer-than-thirty-two-bytes!!', 'x'],
    ['pässwörd', 'ünïcödé ✓'],
  ];
  const encrypted = [];
  for (const [password, plaintext] of plaintexts) {
    const ciphertext = await renderJson(`v: {{ encryptAES ${JSON.stringify(password)} ${JSON.stringify(plaintext)} | toJson }}\n`);
    encrypted.push({ password, plaintext, ciphertext });
  }
  const certs = {
    ca: await renderJson('v: {{ genCAWithKey "funcs-b ca" 30 .Values.rsaPkcs1 | toJson }}\n'),
    signed: await renderJson(
      'v: {{ genSignedCertWithKey "leaf.example.com" .Values.ips .Values.dns 30 (buildCustomCert .Values.caCertB64 .Values.caKeyB64) .Values.ecSec1 | toJson }}\n',
    ),
    sameName: await renderJson('v: {{ genSignedCertWithKey "funcs-b-ca" nil nil 30 (buildCustomCert .Values.caCertB64 .Values.caKeyB64) .Values.ecSec1 | toJson }}\n'),
    selfSignedEd: await renderJson('v: {{ genSelfSignedCertWithKey "ed" (list "1.2.3.4" "::ffff:5.6.7.8" "2001:db8::1") nil 30 .Values.edPkcs8 | toJson }}\n'),
    emptySubject: await renderJson('v: {{ genSelfSignedCertWithKey "" nil (list "only.example") 30 .Values.ecSec1 | toJson }}\n'),
    utf8Subject: await renderJson('v: {{ genSelfSignedCertWithKey "a*b&c é" nil nil 30 .Values.ecSec1 | toJson }}\n'),
    ec384Ca: await renderJson('v: {{ genCAWithKey "p384" 30 .Values.ec384Sec1 | toJson }}\n'),
    longLived: await renderJson('v: {{ genSelfSignedCertWithKey "long" nil nil 36500 .Values.ecSec1 | toJson }}\n'),
  };
  return { encrypted, certs };
}

function fixtureText(version, recorded, extra) {
  const lines = [
    '{',
    `  "recordedWith": ${JSON.stringify(`${version} helm template, TZ=${RECORD_TZ} (scripts/record/funcs-b/record.mjs)`)},`,
    `  "values": ${JSON.stringify(values)},`,
  ];
  if (extra) lines.push(`  "generated": ${JSON.stringify(extra)},`);
  lines.push('  "cases": [', recorded.map((c) => '    ' + JSON.stringify(c)).join(',\n'), '  ]', '}');
  return lines.join('\n') + '\n';
}

async function main() {
  const wanted = process.argv.slice(2);
  const { stdout } = await run(helmBin, ['version', '--short'], { env: helmEnv() });
  const version = stdout.trim();
  for (const [name, cases] of Object.entries(domains)) {
    if (wanted.length && !wanted.includes(name)) continue;
    flags = DOMAIN_FLAGS[name] ?? [];
    const recorded = await recordCases(name, cases);
    const extra = name === 'crypto' ? await generatedCrypto() : undefined;
    const file = join(repo, 'test/helm/funcs/fixtures', `b-${name}.json`);
    writeFileSync(file, fixtureText(version, recorded, extra));
    process.stdout.write(`${name}: ${recorded.length} cases -> ${file}\n`);
  }
  rmSync(home, { recursive: true, force: true });
}

await main();
