// Parsed template sets are reused across renders of the same chart text (helm/render/
// parsed-templates.ts): the second render must print what helm printed, and a changed template
// must never be served from an older parse.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureIO } from '../../../cli/io.js';
import { runTemplate } from '../../../cli/template.js';

const ROOT = new URL('../../..', import.meta.url).pathname;
const expected = readFileSync(join(ROOT, 'examples/expected/dummydpuservice.helm-v3.17.3.yaml'), 'utf8');

async function template(chart: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await runTemplate(['dummydpuservice', chart, '--namespace', 'dummydpuservice', '-f', join(ROOT, 'examples/values-dpu.yaml')], io);
  return { code, out: io.out(), err: io.err() };
}

test('rendering the same chart again (parse reused) prints what helm printed, every time', async () => {
  const chart = join(ROOT, 'examples/charts/dummydpuservice');
  for (let i = 0; i < 3; i++) {
    const r = await template(chart);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, expected, `render ${i + 1}`);
  }
});

test('a changed template is parsed again, a parse error is reported on every render', async () => {
  const chart = join(mkdtempSync(join(tmpdir(), 'parsed-')), 'chart');
  cpSync(join(ROOT, 'examples/charts/dummydpuservice'), chart, { recursive: true });
  assert.equal((await template(chart)).out, expected);
  const notes = join(chart, 'templates', 'extra.yaml');
  writeFileSync(notes, '# {{ .Release.Name }} one\n');
  assert.match((await template(chart)).out, /# dummydpuservice one\n/);
  writeFileSync(notes, '# {{ .Release.Name }} two\n');
  const two = await template(chart);
  assert.match(two.out, /# dummydpuservice two\n/);
  assert.doesNotMatch(two.out, /one\n/);
  writeFileSync(notes, '# {{ .Release.Name \n');
  for (let i = 0; i < 2; i++) {
    const bad = await template(chart);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^Error: parse error at \(dummydpuservice-chart\/templates\/extra\.yaml:\d+\): unclosed action/);
  }
});
