#!/usr/bin/env node
// Records Go's text/template lexer and parser behaviour for the cases in ./cases.mjs and prints
// the test-table rows that test/helm/template/{lex,parse,print}.test.ts hold (paste them there;
// npm test needs neither go nor helm).
//
//   node scripts/record/template-parse/record.mjs > /tmp/template-parse-rows.txt
//
// Env: HELM_BIN (default /tmp/helm-bins/v3/helm, helm v3.17.3 built with Go 1.23.7), GO (default
// go). Helm's config/cache/data homes go under a temp dir.
//
// Three sources, because Go's lexer is unexported and the local toolchain may be older than the
// Go 1.23 that built helm v3.17.3:
//  1. lexer items: a temporary copy of the local toolchain's text/template/parse package plus
//     lexdump_test.go.in, run with `go test` (Go's own lexer, driven from inside its package);
//  2. printed trees and errors: main.go, the local toolchain's text/template/parse;
//  3. helm: every default-delimiter parse case through `tpl` (parse errors come back verbatim as
//     `cannot parse template ...: template: gotpl:LINE: MSG`), and the exec errors of
//     contextCases (`template: gotpl:LINE:COL: executing "NAME" at <NODE>: ...`).
// Where helm (Go 1.23) and the local toolchain disagree, helm wins and the row is marked so;
// rows marked NEEDS/CHECK (and the lexer rows whose test comments say so) are brought to
// Go 1.23 by hand in the test tables, each with a comment naming the helm row that shows it.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { contextCases, FUNCS, lexCases, parseCases } from './cases.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const helmBin = process.env.HELM_BIN ?? '/tmp/helm-bins/v3/helm';
const goBin = process.env.GO ?? 'go';
const work = mkdtempSync(join(tmpdir(), 'template-parse-record-'));

function opts(o) {
  return o ?? {};
}

async function recordLexer() {
  const { stdout: goroot } = await run(goBin, ['env', 'GOROOT']);
  const src = join(goroot.trim(), 'src/text/template/parse');
  const pkg = join(work, 'lexdump');
  mkdirSync(pkg);
  for (const f of ['lex.go', 'node.go', 'parse.go']) copyFileSync(join(src, f), join(pkg, f));
  writeFileSync(join(pkg, 'go.mod'), 'module example.com/lexdump\n\ngo 1.18\n');
  const pullLexer = readFileSync(join(src, 'lex.go'), 'utf8').includes('func lex(name, input, left, right string) *lexer');
  const call = pullLexer
    ? 'func() *lexer { l := lex(c.Name, c.Input, c.Left, c.Right); l.options = lexOptions{emitComment: c.Comments, breakOK: !c.NoBreak, continueOK: !c.NoBreak}; return l }()'
    : 'lex(c.Name, c.Input, c.Left, c.Right, c.Comments, !c.NoBreak, !c.NoBreak)';
  writeFileSync(join(pkg, 'lexdump_test.go'), readFileSync(join(here, 'lexdump_test.go.in'), 'utf8').replace('/*LEX*/', call));
  const cases = lexCases.map(([name, input, o]) => ({ name, input, left: opts(o).left ?? '', right: opts(o).right ?? '', comments: opts(o).comments === true, noBreak: opts(o).noBreak === true }));
  writeFileSync(join(work, 'lex-cases.json'), JSON.stringify(cases));
  const out = join(work, 'lex-out.json');
  await run(goBin, ['test', '-count=1', '-run', 'TestLexDump', '.'], {
    cwd: pkg,
    env: { ...process.env, LEXDUMP_CASES: join(work, 'lex-cases.json'), LEXDUMP_OUT: out, GOFLAGS: '-mod=mod' },
  });
  return JSON.parse(readFileSync(out, 'utf8'));
}

async function recordGoParse() {
  const cases = parseCases.map(([name, input, o]) => ({ name, input, funcs: FUNCS, ...opts(o) }));
  const child = execFile(goBin, ['run', join(here, 'main.go')], { maxBuffer: 64 << 20 });
  const done = new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(stderr))));
  });
  child.stdin.end(JSON.stringify(cases));
  return JSON.parse(await done);
}

function helmEnv() {
  return {
    ...process.env,
    HELM_CONFIG_HOME: join(work, 'helm/config'),
    HELM_CACHE_HOME: join(work, 'helm/cache'),
    HELM_DATA_HOME: join(work, 'helm/data'),
  };
}

const chart = join(work, 'chart');
mkdirSync(join(chart, 'templates'), { recursive: true });
writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
writeFileSync(join(chart, 'templates', 't.yaml'), 'out: {{ tpl .Values.src . | toJson }}\n');

/** Renders `src` through helm's tpl: {ok} or {error: the Go error text after `: `}. */
async function helmTpl(src) {
  const file = join(work, 'src.txt');
  writeFileSync(file, src);
  try {
    await run(helmBin, ['template', 'r', chart, '--set-file', `src=${file}`], { env: helmEnv() });
    return { ok: true };
  } catch (err) {
    const text = String(err.stderr ?? err.message);
    const at = text.lastIndexOf(': template: gotpl:');
    if (at < 0) throw new Error(`unexpected helm output for ${JSON.stringify(src)}: ${text}`);
    const goError = text.slice(at + 2).split('\n')[0];
    return { ok: false, parse: text.includes('cannot parse template'), error: goError };
  }
}

/** JSON, with control and invisible characters escaped so the pasted rows stay readable. */
function q(s) {
  return JSON.stringify(s).replace(/[\u007f-\u00a0\u00ad\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

async function main() {
  const { stdout: helmVersion } = await run(helmBin, ['version', '--short'], { env: helmEnv() });
  const lex = await recordLexer();
  const goParse = await recordGoParse();
  const lines = [];
  lines.push(`// Recorded by scripts/record/template-parse/record.mjs: local ${goParse.go}, helm ${helmVersion.trim()}`);

  lines.push('', '// ---- lex.test.ts rows: [name, input, options, items [kind, text, goBytePos, line]] ----');
  lexCases.forEach(([name, input, o], i) => {
    lines.push(`  [${q(name)}, ${q(input)}, ${q(opts(o))}, ${q(lex[i])}],`);
  });

  lines.push('', '// ---- parse.test.ts rows ----');
  for (const [i, [name, input, o]] of parseCases.entries()) {
    const go = goParse.results[i];
    const goText = go.error ?? null;
    let helm = null;
    if (o === undefined) helm = await helmTpl(input);
    const row = { name, input };
    if (o !== undefined) row.options = o;
    let note = '';
    if (helm && !helm.ok && helm.parse) {
      row.error = helm.error;
      if (goText !== helm.error) note = ` // ${goParse.go}: ${goText ?? 'no error'}`;
    } else if (helm && !helm.parse && go.error) {
      note = ` // NEEDS 1.23 TREE: helm parses it, ${goParse.go} says ${go.error}`;
    } else if (go.error) {
      row.error = go.error;
    } else {
      row.trees = Object.fromEntries(go.trees.map((t) => [t.name, t.root]));
      row.empty = go.empty;
      if (go.numbers) row.numbers = go.numbers;
      if (/\$\w*\s*=[^=]|\$\w*\s*=$/.test(input.replace(/:=/g, ''))) note = ` // CHECK: assignment printing differs in Go 1.23`;
    }
    lines.push(`  ${q(row)},${note}`);
  }

  lines.push('', '// ---- print.test.ts rows: [name, source, location, executing, node] ----');
  for (const [name, src] of contextCases) {
    const r = await helmTpl(src);
    const m = /^template: (gotpl:\d+:\d+): executing "([^"]*)" at <(.*?)>: /.exec(r.error ?? '');
    if (!m) throw new Error(`no exec error context for ${name}: ${JSON.stringify(r)}`);
    lines.push(`  [${q(name)}, ${q(src)}, ${q(m[1])}, ${q(m[2])}, ${q(m[3])}],`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

await main();
