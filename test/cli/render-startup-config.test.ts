/**
 * render-startup with the repository config: startup-render-mode from the nearest dpu-gitops.yaml
 * of the TEMPLATE's directory is the mode when neither --mode nor the DPUService's annotation
 * says. The template names a variable the context lacks: strict (StrictUndefined) fails on it,
 * dpf (lenient Undefined, DPF's guideline renderer) prints it empty, so the outcome tells the mode.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { captureIO } from '../../cli/io.js';
import { run } from '../../cli/render-startup.js';

const CONTEXT = 'hostname: dpu-a1\nconfig: {}\nipaddresses: {}\n';
const TEMPLATE = "host: {{ hostname }}\nvalue: '{{ nosuch }}'\n";
/** What dpf mode prints (Jinja2 drops the final newline). */
const DPF_OUTPUT = "host: dpu-a1\nvalue: ''";

const dpuService = (annotation: string): string => `apiVersion: svc.dpu.nvidia.com/v1alpha1
kind: DPUService
metadata:
  name: svc
  namespace: ns1
${annotation}spec:
  helmChart:
    source: {repoURL: https://charts.example.com, chart: svc, version: 1.0.0}
    values:
      configuration:
        startupYAMLJ2: |
          host: {{ hostname }}
          value: '{{ nosuch }}'
`;

function tree(files: Record<string, string>, root = mkdtempSync(join(tmpdir(), 'render-startup-config-'))): string {
  mkdirSync(join(root, '.git'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function render(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await run([...args, '--log-format', 'text'], io, { cwd });
  return { code, out: io.out(), err: io.err() };
}

/** 'dpf' or 'strict' by the outcome. */
async function modeUsed(cwd: string, args: string[]): Promise<string> {
  const r = await render(cwd, args);
  if (r.code === 0) {
    assert.equal(r.out, DPF_OUTPUT);
    return 'dpf';
  }
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /^error: .*template-render: undefined variable 'nosuch'/);
  return 'strict';
}

test('the config\'s startup-render-mode is the default; --mode and --no-config beat it', async () => {
  const root = tree({ 'dpu-gitops.yaml': 'startup-render-mode: dpf\n', 'site/startup.j2': TEMPLATE, 'ctx.yaml': CONTEXT });
  assert.equal(await modeUsed(root, ['site/startup.j2', '--context', 'ctx.yaml']), 'dpf');
  assert.equal(await modeUsed(root, ['site/startup.j2', '--context', 'ctx.yaml', '--mode', 'strict']), 'strict');
  assert.equal(await modeUsed(root, ['site/startup.j2', '--context', 'ctx.yaml', '--no-config']), 'strict');
  // The nearest file wins; --config names one (relative to the cwd).
  writeFileSync(join(root, 'site', 'dpu-gitops.yaml'), 'startup-render-mode: strict\n');
  assert.equal(await modeUsed(root, ['site/startup.j2', '--context', 'ctx.yaml']), 'strict');
  assert.equal(await modeUsed(join(root, 'site'), ['startup.j2', '--context', '../ctx.yaml', '--config', '../dpu-gitops.yaml']), 'dpf');
});

test("a DPUService's annotation beats the config (generate's order)", async () => {
  const root = tree({ 'dpu-gitops.yaml': 'startup-render-mode: dpf\n', 'plain.yaml': dpuService(''), 'annotated.yaml': dpuService('  annotations:\n    dpu-gitops.nvidia.com/startup-render-mode: strict\n'), 'ctx.yaml': CONTEXT });
  assert.equal(await modeUsed(root, ['plain.yaml', '--context', 'ctx.yaml']), 'dpf');
  assert.equal(await modeUsed(root, ['annotated.yaml', '--context', 'ctx.yaml']), 'strict');
});

test('a dpu-gitops.yaml above the git work tree is not read', async () => {
  const outer = mkdtempSync(join(tmpdir(), 'render-startup-outer-'));
  writeFileSync(join(outer, 'dpu-gitops.yaml'), 'startup-render-mode: dpf\n');
  const root = tree({ 'startup.j2': TEMPLATE, 'ctx.yaml': CONTEXT }, join(outer, 'repo'));
  assert.equal(await modeUsed(root, ['startup.j2', '--context', 'ctx.yaml']), 'strict');
});

test('a config with problems exits 2 at file:line; missing files are named by what named them', async () => {
  const root = tree({ 'dpu-gitops.yaml': 'cluster: c\nstartup-render-mode: loose\n', 'startup.j2': TEMPLATE, 'ctx.yaml': CONTEXT });
  const bad = await render(root, ['startup.j2', '--context', 'ctx.yaml']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^error: dpu-gitops\.yaml:2: startup-render-mode: [^\n]+\n$/);
  const cases: [string[], string][] = [
    [['nope.j2', '--context', 'ctx.yaml', '--no-config'], 'error: TEMPLATE: nope.j2 does not exist\n'],
    [['startup.j2', '--context', 'nope.yaml', '--no-config'], 'error: --context: nope.yaml does not exist\n'],
    [['startup.j2', '--shards', 'nope.yaml', '--dpu', 'dpu-a1', '--no-config'], 'error: --shards: nope.yaml does not exist\n'],
    [['.', '--context', 'ctx.yaml', '--no-config'], 'error: TEMPLATE: . is a directory, not a file\n'],
  ];
  for (const [args, err] of cases) {
    const r = await render(root, args);
    assert.deepEqual([r.code, r.err], [2, err], args.join(' '));
  }
});

test('--log-format json: the template error is one error record of render-startup', async () => {
  const root = tree({ 'startup.j2': TEMPLATE, 'ctx.yaml': CONTEXT });
  const io = captureIO();
  assert.equal(await run(['startup.j2', '--context', 'ctx.yaml', '--log-format', 'json'], io, { cwd: root }), 1);
  const records = io.err().trimEnd().split('\n').map((l) => JSON.parse(l) as { level: number; cmd: string; msg: string });
  assert.equal(records.length, 1);
  assert.deepEqual([records[0]!.level, records[0]!.cmd], [50, 'render-startup']);
  assert.match(records[0]!.msg, /^startup\.j2:2: template-render: undefined variable 'nosuch'/);
});
