#!/usr/bin/env node
// Records the names of every function helm v3.17.3 hands to templates and writes
// test/helm/funcs/fixtures/helm-func-names.json, which registry-coverage.test.ts reads.
//
//   node --import tsx scripts/record/funcs-list/record.mjs
//
// Env: HELM_BIN (default /tmp/helm-bins/v3/helm); HELM_GIT / SPRIG_GIT: git directories of
// github.com/helm/helm and github.com/Masterminds/sprig holding the tags v3.17.3 and v3.3.0
// (defaults: the mirrors the project's fetch tool makes under /work/.mirror); GOROOT_SRC: Go's
// source tree for text/template's builtins (default `$(go env GOROOT)/src`).
//
// Two independent answers, which must agree or the script fails:
//  1. from the sources: sprig v3.3.0's genericMap (TxtFuncMap copies it whole), minus what helm's
//     pkg/engine/funcs.go deletes, plus its `extra` map and the names engine.go's initFunMap
//     binds; text/template's builtins from Go's funcs.go;
//  2. from real helm: each candidate name (the names above, the deleted ones, helm v4's and our
//     registry's names, and a made-up control) becomes `{{ if false }}{{ NAME }}{{ end }}` in a
//     template of its own. Go's parser rejects an unknown function (`function "x" not defined`)
//     without executing anything, so the chart renders exactly when every name is defined; the
//     rejected template is dropped and the chart re-rendered until it passes.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { baseFuncMap } from '../../../helm/funcs/registry.ts';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const helmBin = process.env.HELM_BIN ?? '/tmp/helm-bins/v3/helm';
const helmGit = process.env.HELM_GIT ?? '/work/.mirror/helm+helm/repo';
const sprigGit = process.env.SPRIG_GIT ?? '/work/.mirror/Masterminds+sprig/repo';
const goSrc = process.env.GOROOT_SRC ?? join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'src');
const HELM_TAG = 'v3.17.3';
const SPRIG_TAG = 'v3.3.0';
const home = mkdtempSync(join(tmpdir(), 'funcs-list-helm-home-'));

const gitShow = (gitDir, rev, path) => execFileSync('git', ['--git-dir', gitDir, 'show', `${rev}:${path}`], { encoding: 'utf8' });

/** The text between the line matching `start` and the first later line equal to `end`. */
function block(source, start, end) {
  const lines = source.split('\n');
  const from = lines.findIndex((l) => start.test(l));
  if (from < 0) throw new Error(`no block ${start}`);
  const to = lines.findIndex((l, i) => i > from && l === end);
  return lines.slice(from + 1, to).map((l) => l.replace(/\/\/.*$/, '')).join('\n');
}

/** The quoted keys (`"name":`) of a Go map literal's text. */
const mapKeys = (text) => [...text.matchAll(/"([A-Za-z0-9_]+)"\s*:/g)].map((m) => m[1]);

function fromSources() {
  const sprig = mapKeys(block(gitShow(sprigGit, SPRIG_TAG, 'functions.go'), /^var genericMap = map\[string\]interface\{\}\{$/, '}'));
  const funcsGo = gitShow(helmGit, HELM_TAG, 'pkg/engine/funcs.go');
  const deleted = [...funcsGo.matchAll(/delete\(f, "([A-Za-z0-9_]+)"\)/g)].map((m) => m[1]);
  const extras = mapKeys(block(funcsGo, /^\textra := template\.FuncMap\{$/, '\t}'));
  const engineGo = gitShow(helmGit, HELM_TAG, 'pkg/engine/engine.go');
  const engineBound = [...new Set([...block(engineGo, /^func \(e Engine\) initFunMap\(/, '}').matchAll(/funcMap\["([A-Za-z0-9_]+)"\] =/g)].map((m) => m[1]))];
  const builtins = mapKeys(block(readFileSync(join(goSrc, 'text/template/funcs.go'), 'utf8'), /^func builtins\(\) FuncMap \{$/, '}'));
  const funcMap = new Set([...sprig, ...extras, ...engineBound]);
  for (const name of deleted) funcMap.delete(name);
  return { sprig, deleted, extras, engineBound, builtins, funcMap: [...funcMap].sort() };
}

/** Names helm v4 (helm/helm's newest stored commit) adds: they must be undefined in v3. */
function helmV4Extras() {
  return mapKeys(block(gitShow(helmGit, 'HEAD', 'pkg/engine/funcs.go'), /^\textra := template\.FuncMap\{$/, '\t}'));
}

function helmEnv() {
  return { ...process.env, HELM_CONFIG_HOME: join(home, 'config'), HELM_CACHE_HOME: join(home, 'cache'), HELM_DATA_HOME: join(home, 'data') };
}

/** Probes real helm: which of `names` its template parser accepts as functions. */
async function probe(names) {
  const dir = join(home, 'chart');
  const pending = new Map(names.map((n, i) => [`n${i}.yaml`, n]));
  const undefinedNames = [];
  for (;;) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: names\nversion: 0.1.0\n');
    for (const [file, name] of pending) writeFileSync(join(dir, 'templates', file), `{{/* */}}{{ if false }}{{ ${name} }}{{ end }}\n`);
    try {
      await run(helmBin, ['template', 'rel', dir], { env: helmEnv(), maxBuffer: 64 << 20 });
      return { defined: [...pending.values()].sort(), undefinedNames: undefinedNames.sort() };
    } catch (err) {
      const stderr = String(err.stderr ?? err.message);
      const m = /templates\/(n\d+\.yaml):1\): function "([^"]+)" not defined/.exec(stderr);
      if (!m || pending.get(m[1]) !== m[2]) throw new Error(`unexpected helm failure: ${stderr}`);
      undefinedNames.push(m[2]);
      pending.delete(m[1]);
    }
  }
}

function sameSet(label, a, b) {
  const sa = new Set(a);
  const sb = new Set(b);
  const onlyA = [...sa].filter((x) => !sb.has(x));
  const onlyB = [...sb].filter((x) => !sa.has(x));
  if (onlyA.length || onlyB.length) throw new Error(`${label} disagree: only in sources ${onlyA}, only in helm ${onlyB}`);
}

async function main() {
  const version = execFileSync(helmBin, ['version', '--short'], { env: helmEnv(), encoding: 'utf8' }).trim();
  const src = fromSources();
  const controls = ['notAHelmFunction'];
  const candidates = [...new Set([...src.funcMap, ...src.deleted, ...src.builtins, ...helmV4Extras(), ...baseFuncMap().keys(), ...controls])].sort();
  const { defined, undefinedNames } = await probe(candidates);
  sameSet('helm funcMap + builtins', [...src.funcMap, ...src.builtins], defined);
  const fixture = {
    recordedWith: `${version}: names from helm/helm ${HELM_TAG} pkg/engine/{funcs,engine}.go, Masterminds/sprig ${SPRIG_TAG} functions.go, Go ${goSrc} text/template/funcs.go; each probed with helm template (scripts/record/funcs-list/record.mjs)`,
    counts: { funcMap: src.funcMap.length, sprigGeneric: src.sprig.length, builtins: src.builtins.length, probed: candidates.length, definedByHelm: defined.length },
    funcMap: src.funcMap,
    removedFromSprig: src.deleted.sort(),
    helmExtras: src.extras.sort(),
    engineBound: src.engineBound.sort(),
    builtins: src.builtins.sort(),
    probedUndefined: undefinedNames,
  };
  const file = join(repo, 'test/helm/funcs/fixtures/helm-func-names.json');
  writeFileSync(file, JSON.stringify(fixture, null, 1) + '\n');
  process.stdout.write(`${src.funcMap.length} funcMap names + ${src.builtins.length} builtins; ${undefinedNames.length} probed names undefined -> ${file}\n`);
  rmSync(home, { recursive: true, force: true });
}

await main();
