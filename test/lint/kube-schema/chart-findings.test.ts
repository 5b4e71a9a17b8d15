/**
 * lint on a chart: Kubernetes schema findings name the template file and the line the object
 * (and field) came from. Lines are read off the fixture by hand: deployment.yaml's second
 * document starts at line 8, `replicas:` is line 13, the misspelt `imagePullPolicyy:` line 23;
 * widgets.yaml prints both its documents from one `range` body, where `colour:` is line 9.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../../cli/lint.js';

const chart = join(dirname(fileURLToPath(import.meta.url)), 'charts', 'demo');

async function lintJson(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(['--output', 'json', '--log-format', 'text', ...args, chart], { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  // stderr: only lint's closing summary line
  assert.match(err, /^lint: 0 files, 1 chart, \d+ warnings?, \d+ errors? \(\d+\.\d\d s\)\n$/);
  return { code, violations: (JSON.parse(out) as { violations: { rule: string; severity: string; file: string; line?: number; message: string; field?: string }[] }).violations };
}

const rows = (vs: { rule: string; severity: string; file: string; line?: number; message: string }[]) =>
  vs.filter((v) => v.rule === 'kube-schema').map((v) => [v.severity, v.file.slice(chart.length + 1), v.line, v.message]);

test('schema findings point at the template file and line', async () => {
  const { code, violations } = await lintJson();
  assert.equal(code, 1);
  assert.deepEqual(rows(violations), [
    ['error', 'templates/deployment.yaml', 13, 'spec.replicas: expected integer, but got string'],
    ['error', 'templates/deployment.yaml', 23, "spec.template.spec.containers[0].imagePullPolicyy: additionalProperties 'imagePullPolicyy' not allowed"],
    ['error', 'templates/widgets.yaml', 9, "spec.colour: additionalProperties 'colour' not allowed"],
    ['error', 'templates/widgets.yaml', 9, "spec.colour: additionalProperties 'colour' not allowed"],
  ]);
});

test('--kube-schema loose drops unknown-field findings, off drops them all', async () => {
  assert.deepEqual(rows((await lintJson('--kube-schema', 'loose')).violations).map((r) => r[3]), ['spec.replicas: expected integer, but got string']);
  assert.deepEqual(rows((await lintJson('--kube-schema', 'off')).violations), []);
});
