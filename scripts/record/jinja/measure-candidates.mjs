#!/usr/bin/env node
// Measures JS Jinja engines against the Python Jinja2 recording (jinja-parity.json) and runs the
// safety probes. Candidates are not project dependencies: install them in a scratch directory and
// point CANDIDATES_DIR at it:
//
//   mkdir -p /tmp/jcand && cd /tmp/jcand && npm init -y && \
//     npm install nunjucks@3.2.4 @huggingface/jinja@0.5.11 minijinja-js@2.11.0 jinja-js@0.1.8
//   CANDIDATES_DIR=/tmp/jcand node --import tsx scripts/record/jinja/measure-candidates.mjs
//
// "ours" is plugin/per-dpu/jinja (loaded through tsx). Prints one table row per engine: cases whose
// output is byte-identical, error cases that fail too, error messages identical, and per group.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const fixture = JSON.parse(readFileSync(new URL('../../../test/plugin/per-dpu/fixtures/jinja-parity.json', import.meta.url), 'utf8'));
const dir = process.env.CANDIDATES_DIR;
const req = dir ? createRequire(join(dir, 'package.json')) : undefined;

/** Typed context (record.py) -> plain JS, the best a JS engine can be given. */
function plain(v) {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(plain);
  if ('$int' in v || '$float' in v) return Number(v.$int ?? v.$float);
  if ('$date' in v || '$datetime' in v) return new Date(v.$date ?? v.$datetime);
  return Object.fromEntries(v.$dict.map(([k, x]) => [String(plain(k)), plain(x)]));
}

const engines = {};
if (req) {
  engines['nunjucks 3.2.4'] = () => {
    const nunjucks = req('nunjucks');
    const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
    return (t, ctx) => env.renderString(t, ctx);
  };
  engines['@huggingface/jinja 0.5.11'] = () => {
    const { Template } = req('@huggingface/jinja');
    return (t, ctx) => new Template(t).render(ctx);
  };
  engines['minijinja-js 2.11.0'] = () => {
    const { Environment } = req('minijinja-js');
    const env = new Environment();
    env.undefinedBehavior = 'strict';
    env.enablePyCompat();
    env.fuel = 1_000_000;
    return (t, ctx) => env.renderStr(t, ctx);
  };
  engines['jinja-js 0.1.8'] = () => {
    const jinja = req('jinja-js');
    return (t, ctx) => jinja.render(t, ctx, { autoEscape: false });
  };
}
engines['ours (plugin/per-dpu/jinja)'] = async () => {
  const { compileTemplate } = await import('../../../plugin/per-dpu/jinja/index.js');
  const { decodeTypedFixtureValue } = await import('../../../test/plugin/per-dpu/typed-context.js');
  return (t, _ctx, typedCtx) => compileTemplate(t).render(decodeTypedFixtureValue(typedCtx));
};

function measure(render) {
  const groups = {};
  let ok = 0, okTotal = 0, err = 0, errTotal = 0, msg = 0;
  for (const c of fixture.cases) {
    const g = (groups[c.group] ??= { pass: 0, total: 0 });
    g.total++;
    let out, threw;
    try {
      out = render(c.template, plain(c.context), c.context);
    } catch (e) {
      threw = e;
    }
    if ('output' in c) {
      okTotal++;
      if (threw === undefined && out === c.output) { ok++; g.pass++; }
    } else {
      errTotal++;
      if (threw !== undefined) {
        err++; g.pass++;
        const text = String(threw?.detail ?? threw?.message ?? threw);
        if (text === c.error.message || text.startsWith(c.error.message)) msg++;
      }
    }
  }
  return { ok, okTotal, err, errTotal, msg, groups, total: ok + err, all: okTotal + errTotal };
}

const rows = [];
for (const [name, make] of Object.entries(engines)) {
  let render;
  try {
    render = await make();
  } catch (e) {
    process.stdout.write(`${name}: not available (${e.message})\n`);
    continue;
  }
  const r = measure(render);
  rows.push([name, r]);
}
const groupNames = [...new Set(fixture.cases.map((c) => c.group))];
process.stdout.write(`| engine | all cases | output byte-identical | error cases that fail | same error message | ${groupNames.join(' | ')} |\n`);
process.stdout.write(`|---|---|---|---|---|${groupNames.map(() => '---').join('|')}|\n`);
for (const [name, r] of rows) {
  const pct = (a, b) => `${a}/${b} (${Math.round((100 * a) / b)}%)`;
  const gs = groupNames.map((g) => `${r.groups[g].pass}/${r.groups[g].total}`);
  process.stdout.write(`| ${name} | ${pct(r.total, r.all)} | ${pct(r.ok, r.okTotal)} | ${pct(r.err, r.errTotal)} | ${pct(r.msg, r.errTotal)} | ${gs.join(' | ')} |\n`);
}

// ---- safety probes: each runs in a child process (512 MB heap, killed after 5 s), so a hang or an
// out-of-memory crash is reported, not suffered.
import { spawnSync } from 'node:child_process';

const probes = {
  'constructor chain reaches process (nunjucks)': '{{ range.constructor("return typeof process")() }}',
  'constructor chain via string': "{{ ''.constructor.constructor('return typeof process')() }}",
  'python internals (__class__.__mro__)': "{{ ''.__class__.__mro__[1].__subclasses__() }}",
  'nested loop 10^10 iterations (90 bytes)': '{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}',
  "huge string 'x' * 10^9": "{{ 'x' * 1000000000 }}",
  'unbounded macro recursion': '{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}',
  'range(10**9) | list': '{{ range(1000000000) | list | length }}',
  'huge integer 9 ** 99999999': '{{ 9 ** 99999999 }}',
  'parser nesting 10^5 parentheses': '{{ ' + '('.repeat(100000) + '1' + ')'.repeat(100000) + ' }}',
};

function runProbe(engine, template) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', new URL('./probe-worker.mjs', import.meta.url).pathname], {
    input: JSON.stringify({ engine, template, dir: dir ?? null }),
    encoding: 'utf8',
    timeout: 5000,
    maxBuffer: 1 << 20,
  });
  const ms = Date.now() - started;
  if (r.error && r.error.code === 'ETIMEDOUT') return `HUNG (killed after 5 s)`;
  if (r.status !== 0) return `process crashed${/heap out of memory/.test(r.stderr) ? ' (out of memory)' : ''} (${ms} ms)`;
  return `${r.stdout.trim()} (${ms} ms)`;
}

if (process.env.PROBES !== '0') {
  const names = ['ours', ...(dir ? ['nunjucks', 'huggingface', 'minijinja'] : [])];
  process.stdout.write(`\n| probe | ${names.join(' | ')} |\n|---|${names.map(() => '---').join('|')}|\n`);
  for (const [label, template] of Object.entries(probes)) {
    const cells = names.map((engine) => runProbe(engine, template));
    process.stdout.write(`| ${label} | ${cells.join(' | ')} |\n`);
  }
}
