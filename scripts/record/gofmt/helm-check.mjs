// Cross-checks the Go fmt fixtures (recorded with the local Go toolchain by main.go) against
// real helm v3.17.3, which was built with a newer Go: every fixture case whose arguments can be
// written as template literals is rendered through `printf`/`print`/`println`/`html`/`js`/
// `urlquery` inside a chart, and helm's output must equal the recorded Go output.
//
//   node scripts/record/gofmt/helm-check.mjs [path/to/helm]
//
// Exits 1 and lists the differences if any case differs. Not part of `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const helm = process.argv[2] ?? '/tmp/helm-bins/v3/helm';
const fixtures = new URL('../../../test/helm/template/fixtures/', import.meta.url);
const load = (name) => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8')).cases;

/** A Go value from the fixture encoding as a template expression, or undefined if none exists. */
function literal(e) {
  switch (e.t) {
    case 'nil':
      return 'nil';
    case 'bool':
      return String(e.v);
    case 'string':
      // A Go string literal: JSON escapes plus \u/\U for everything past ASCII.
      return JSON.stringify(e.v).replace(/[\u007f-\u{10ffff}]/gu, (c) => {
        const cp = c.codePointAt(0);
        return cp > 0xffff ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0');
      });
    case 'int':
      if (e.type === 'int') return e.v;
      if (e.type === 'int64') return `(int64 ${e.v})`;
      return undefined;
    case 'float64': {
      if (e.v === 'NaN') return '(float64 "NaN")';
      if (e.v === 'Infinity') return '(float64 "+Inf")';
      if (e.v === '-Infinity') return '(float64 "-Inf")';
      if (e.v === '-0') return undefined;
      // A template number literal is a float64 only when it has a '.', 'e' or 'p'.
      return /[.e]/.test(e.v) ? e.v : e.v + '.0';
    }
    case 'slice': {
      if (e.type !== '[]interface {}') return undefined;
      const items = e.v.map(literal);
      return items.includes(undefined) ? undefined : `(list ${items.join(' ')})`.replace(' )', ')');
    }
    case 'map': {
      if (e.type !== 'map[string]interface {}') return undefined;
      const parts = [];
      for (const [k, v] of e.v) parts.push(JSON.stringify(k), literal(v));
      return parts.includes(undefined) ? undefined : `(dict ${parts.join(' ')})`.replace(' )', ')');
    }
    default:
      return undefined;
  }
}

const checks = [];
for (const c of load('gofmt.json')) {
  const args = c.args.map(literal);
  if (args.includes(undefined)) continue;
  // text/template's printf needs at least the format; print/println need one argument.
  if (c.kind !== 'sprintf' && args.length === 0) continue;
  const fn = { sprintf: 'printf', sprint: 'print', sprintln: 'println' }[c.kind];
  const head = c.kind === 'sprintf' ? `${fn} ${literal({ t: 'string', v: c.format })}` : fn;
  checks.push({ expr: `${head} ${args.join(' ')}`, want: c.out });
}
for (const c of load('escape.json')) {
  const fn = { htmlEscapeString: 'html', htmlEscaper: 'html', jsEscapeString: 'js', jsEscaper: 'js', urlQueryEscaper: 'urlquery' }[c.fn];
  const args = c.args.map(literal);
  if (args.includes(undefined) || args.length === 0) continue;
  checks.push({ expr: `${fn} ${args.join(' ')}`, want: c.out });
}

const dir = mkdtempSync(join(tmpdir(), 'gofmt-helm-check-'));
mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: fmtcheck\nversion: 0.1.0\n');
const lines = checks.map((c, i) => `c${i}: {{ ${c.expr} | b64enc | quote }}`);
writeFileSync(join(dir, 'chart', 'templates', 'cases.yaml'), lines.join('\n') + '\n');

const env = { ...process.env, HELM_CONFIG_HOME: join(dir, 'h', 'config'), HELM_CACHE_HOME: join(dir, 'h', 'cache'), HELM_DATA_HOME: join(dir, 'h', 'data') };
const rendered = execFileSync(helm, ['template', join(dir, 'chart')], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
const got = new Map();
for (const m of rendered.matchAll(/^c(\d+): "([^"]*)"$/gm)) got.set(Number(m[1]), Buffer.from(m[2], 'base64').toString('utf8'));

const diffs = [];
checks.forEach((c, i) => {
  if (got.get(i) !== c.want) diffs.push(`${c.expr}\n   helm: ${JSON.stringify(got.get(i))}\n   go:   ${JSON.stringify(c.want)}`);
});
const version = execFileSync(helm, ['version', '--template', '{{ .Version }} {{ .GoVersion }}'], { env, encoding: 'utf8' });
console.log(`${helm} (${version}): ${checks.length - diffs.length}/${checks.length} cases equal the Go recording`);
if (diffs.length > 0) {
  console.log(diffs.join('\n'));
  process.exit(1);
}
