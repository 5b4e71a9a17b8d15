// generate names the line of the field a problem is about (as lint does), not the document's
// first line: the expected line is found in the file's own text.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureIO } from '../../cli/io.js';
import { run } from '../../cli/generate.js';

const ROOT = new URL('../..', import.meta.url).pathname;

const lineOfText = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

test('a field problem in a DPUService names the field\'s own line, as lint does', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'field-lines-'));
  cpSync(join(ROOT, 'examples'), repo, { recursive: true });
  const file = join(repo, 'services', 'dummydpuservice.yaml');
  const text = readFileSync(file, 'utf8').replace(/^  name: dummydpuservice$/m, '  name: Typo_Svc').replace(/^      version: 0\.1\.0$/m, '      version: ""');
  writeFileSync(file, text);
  const io = captureIO();
  const code = await run([join(repo, 'services'), '--no-config', '--repo-root', repo, '--cluster', 'c1', '--chart-path', `https://helm.example.com/dpf/dummydpuservice-chart=${join(repo, 'charts/dummydpuservice')}`, '--chart-path', `https://helm.example.com/dpf/hbn-like-chart=${join(repo, 'charts/hbn-like')}`], io, { env: { DPU_GITOPS_LOG_LEVEL: 'silent', DPU_GITOPS_LOG_FORMAT: 'text' }, cwd: repo });
  assert.equal(code, 1);
  assert.equal(io.out(), '');
  assert.match(io.err(), new RegExp(`dummydpuservice\\.yaml#0 \\(line ${lineOfText(text, 'name: Typo_Svc')}\\) DPUService dummydpuservice/Typo_Svc metadata\\.name: `));
  assert.match(io.err(), new RegExp(`dummydpuservice\\.yaml#0 \\(line ${lineOfText(text, 'version: ""')}\\) DPUService dummydpuservice/Typo_Svc spec\\.helmChart\\.source\\.version: `));
});
