// Child process of measure-candidates.mjs: renders one template (JSON {engine, template, dir} on
// stdin) with one engine and prints whether it reached `process`, failed cleanly, or rendered.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const { engine, template, dir } = JSON.parse(readFileSync(0, 'utf8'));
const req = dir ? createRequire(join(dir, 'package.json')) : undefined;
let render;
if (engine === 'ours') {
  const { compileTemplate } = await import('../../../plugin/per-dpu/jinja/index.js');
  render = (t) => compileTemplate(t).render({});
} else if (engine === 'nunjucks') {
  const nunjucks = req('nunjucks');
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
  render = (t) => env.renderString(t, {});
} else if (engine === 'huggingface') {
  const { Template } = req('@huggingface/jinja');
  render = (t) => new Template(t).render({});
} else {
  const { Environment } = req('minijinja-js');
  const env = new Environment();
  env.undefinedBehavior = 'strict';
  env.fuel = 1_000_000;
  render = (t) => env.renderStr(t, {});
}
try {
  const out = String(render(template));
  process.stdout.write(out === 'object' || out === 'function' ? 'ESCAPED: template reached process' : `rendered ${out.length} chars`);
} catch (e) {
  process.stdout.write(`error: ${String(e?.message ?? e).split('\n')[0].slice(0, 90)}`);
}
