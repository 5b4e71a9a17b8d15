#!/usr/bin/env node
// Records Masterminds/semver's answers for the constraint/version pairs of ./semver-cases.mjs
// into test/helm/funcs/fixtures/semver-constraints.json (npm test needs neither tool).
//
//   node scripts/record/funcs-b/record-semver.mjs
//
// Env: SEMVER_ORACLE (default /tmp/semver-oracle; build it with
// /work/shared/tools/semver-oracle/build.sh), HELM_BIN (default /tmp/helm-bins/v3/helm).
//
// The oracle links Debian's Masterminds/semver 3.2.0. helm v3.17.3 links 3.3.0, whose only
// constraint change is the trailing space rewriteRange adds after `A - B` (so `1 - 2 3 - 4`
// parses). Every pair whose constraint holds a hyphen range is therefore answered by real helm
// (`semverCompare`) instead, and marked "helm" in the fixture.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { semverCases } from './semver-cases.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const oracle = process.env.SEMVER_ORACLE ?? '/tmp/semver-oracle';
const helmBin = process.env.HELM_BIN ?? '/tmp/helm-bins/v3/helm';
const home = mkdtempSync(join(tmpdir(), 'funcs-b-semver-'));

const lines = semverCases();
const res = spawnSync(oracle, { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
if (res.status !== 0) throw new Error(`oracle failed: ${res.stderr}`);
const answers = res.stdout.trimEnd().split('\n');
if (answers.length !== lines.length) throw new Error(`oracle gave ${answers.length} answers for ${lines.length} lines`);

const rows = lines.map((line, i) => {
  const [constraint, version] = line.split('\t');
  const [valid, result] = answers[i].split('\t');
  return { constraint, version, valid, result, source: 'oracle' };
});

const env = { ...process.env, HELM_CONFIG_HOME: join(home, 'c'), HELM_CACHE_HOME: join(home, 'k'), HELM_DATA_HOME: join(home, 'd') };

/** semverCompare of one constraint against versions through helm: null when the constraint fails. */
async function helmCompare(constraint, versions) {
  const chart = join(home, 'chart');
  rmSync(chart, { recursive: true, force: true });
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: semver\nversion: 0.1.0\n');
  const body = versions.map((v, i) => `r${i}: {{ semverCompare ${JSON.stringify(constraint)} ${JSON.stringify(v)} }}`).join('\n');
  writeFileSync(join(chart, 'templates', 'x.yaml'), body + '\n');
  try {
    const { stdout } = await run(helmBin, ['template', 'rel', chart], { env });
    return versions.map((_, i) => new RegExp(`^r${i}: (true|false)$`, 'm').exec(stdout)[1]);
  } catch (err) {
    const text = String(err.stderr);
    if (!/improper constraint|constraint Parser Error/.test(text)) throw new Error(`unexpected helm error for ${constraint}: ${text}`);
    return null;
  }
}

/** Versions semver.NewVersion rejects (asked with the always-valid constraint "*"). */
const versions = [...new Set(rows.map((r) => r.version))].filter((v) => v !== '');
const probe = spawnSync(oracle, { input: versions.map((v) => `*\t${v}`).join('\n') + '\n', encoding: 'utf8' });
const badVersions = new Set(versions.filter((_, i) => probe.stdout.trimEnd().split('\n')[i] === 'valid\tbadversion'));

const isRange = (c) => /\s-\s/.test(c);
const rangeConstraints = [...new Set(rows.filter((r) => isRange(r.constraint)).map((r) => r.constraint))];
for (const constraint of rangeConstraints) {
  const mine = rows.filter((r) => r.constraint === constraint);
  // Versions the oracle could not parse fail the same way in 3.3.0 (NewVersion did not change).
  const parsable = mine.filter((r) => !badVersions.has(r.version) && r.version !== '');
  const answers = await helmCompare(constraint, parsable.map((r) => r.version));
  for (const r of mine) {
    r.source = 'helm';
    if (answers === null) {
      r.valid = 'invalid';
      r.result = '-';
    } else {
      r.valid = 'valid';
      const k = parsable.indexOf(r);
      r.result = k >= 0 ? answers[k] : r.version === '' ? '-' : 'badversion';
    }
  }
}

const { stdout: helmVersion } = await run(helmBin, ['version', '--short'], { env });
const text =
  '{\n' +
  `  "recordedWith": ${JSON.stringify(`Masterminds/semver oracle (${oracle}) and, for hyphen ranges, ${helmVersion.trim()} semverCompare (scripts/record/funcs-b/record-semver.mjs)`)},\n` +
  '  "columns": ["constraint", "version", "valid|invalid", "true|false|-|badversion", "source"],\n' +
  '  "cases": [\n' +
  rows.map((r) => '    ' + JSON.stringify([r.constraint, r.version, r.valid, r.result, r.source])).join(',\n') +
  '\n  ]\n}\n';
const file = join(repo, 'test/helm/funcs/fixtures/semver-constraints.json');
writeFileSync(file, text);
rmSync(home, { recursive: true, force: true });
process.stdout.write(`${rows.length} pairs (${rangeConstraints.length} range constraints via helm) -> ${file}\n`);
