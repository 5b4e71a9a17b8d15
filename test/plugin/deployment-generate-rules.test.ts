// generate on a DPUDeployment app with rule control (issue 15 item 5): an annotation on the
// DPUDeployment (or its template / configuration) settles the findings of the charts of the
// DPUServices it composes, and --disable reaches the DPUDeployment stage's own findings. The
// expected findings are the rules' own: arm64-image warns about every image of the example charts
// (no registry is asked here), deployment-references warns that the BFB is not in the app dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../cli/generate.js';
import { captureIO } from '../../cli/io.js';

const EX = new URL('../../examples/', import.meta.url).pathname;

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'dpu-deploy-rules-'));
  for (const p of ['charts/hbn-like', 'charts/dummydpuservice', 'inventory.yaml', 'deployment']) cpSync(join(EX, p), join(root, p), { recursive: true });
  return root;
}

async function gen(root: string, extra: string[] = []): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await run(
    [join(root, 'deployment'), '--no-config', '--repo-root', root, '--cluster', 'dpu-cplane-tenant1', '--inventory', join(root, 'inventory.yaml'), '--log-level', 'warn', '--log-format', 'text',
      '--chart-path', `https://helm.example.com/dpf/hbn-like-chart=${join(root, 'charts/hbn-like')}`, '--chart-path', `https://helm.example.com/dpf/dummydpuservice-chart=${join(root, 'charts/dummydpuservice')}`, ...extra],
    io,
    { cwd: root, env: { DPU_GITOPS_CACHE_DIR: join(root, '.cache') } },
  );
  return { code, out: io.out(), err: io.err() };
}

const arm64 = (err: string): string[] => err.split('\n').filter((l) => l.includes('[arm64-image]'));

test("the DPUDeployment's disable annotation settles the arm64 warnings of the charts it composes", async () => {
  const root = repo();
  try {
    const before = await gen(root);
    assert.equal(before.code, 0, before.err);
    assert.ok(arm64(before.err).length >= 2, `one per composed service's DaemonSet:\n${before.err}`);
    const file = join(root, 'deployment/dpudeployment.yaml');
    const text = readFileSync(file, 'utf8');
    const annotated = text.replace(/(kind: DPUDeployment\nmetadata:\n)/, `$1  annotations:\n    dpu-gitops.nvidia.com/disable: arm64-image\n`);
    assert.notEqual(annotated, text);
    writeFileSync(file, annotated);
    const after = await gen(root);
    assert.equal(after.code, 0, after.err);
    assert.deepEqual(arm64(after.err), []);
    assert.equal(after.out, before.out, 'the annotation changes findings, not manifests (the DPUDeployment is an input, never emitted)');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('--disable reaches the DPUDeployment stage: the BFB-not-in-the-app-dir reference warning goes', async () => {
  const root = repo();
  try {
    rmSync(join(root, 'deployment/bfb.yaml'));
    const withWarning = await gen(root, ['--doca-version', '2.9.1']);
    const refs = (err: string): string[] => err.split('\n').filter((l) => l.includes('[deployment-references]'));
    assert.equal(withWarning.code, 0, withWarning.err);
    assert.ok(refs(withWarning.err).length >= 1, withWarning.err);
    const disabled = await gen(root, ['--doca-version', '2.9.1', '--disable', 'deployment-references']);
    assert.equal(disabled.code, 0, disabled.err);
    assert.deepEqual(refs(disabled.err), []);
    assert.equal(disabled.out, withWarning.out);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
