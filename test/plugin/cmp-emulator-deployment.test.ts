// The DPUDeployment example app (examples/deployment) through ../shared/tools/cmp-emulator, as
// argocd-cmp-server runs the plugin: discovery claims it, ArgoCD accepts the stream (the two
// composed DPUServices' objects and the per-DPU startup shards), and a version mismatch is
// reported with our stderr. Skips when python3 + PyYAML or the emulator are absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = new URL('../..', import.meta.url).pathname;
const EMULATOR = join(ROOT, '..', 'shared', 'tools', 'cmp-emulator', 'cmp_emulate.py');
const python = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
const skip = !existsSync(EMULATOR) ? `cmp-emulator not found at ${EMULATOR}` : python.status !== 0 ? 'python3 with PyYAML is not installed' : false;

function pluginYaml(dir: string): string {
  const cli = `node, --import, ${join(ROOT, 'node_modules/tsx/dist/loader.mjs')}, ${join(ROOT, 'test/plugin/helpers/cli.ts')}`;
  const configMap = parse(readFileSync(join(ROOT, 'manifests/cmp/plugin-configmap.yaml'), 'utf8')) as { data: { 'plugin.yaml': string } };
  const path = join(dir, 'plugin.yaml');
  writeFileSync(path, configMap.data['plugin.yaml'].replace(/\[\/usr\/local\/bin\/dpu-gitops, /g, `[${cli}, `));
  return path;
}

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'dpu-emu-dep-'));
  cpSync(join(ROOT, 'examples/charts'), join(root, 'charts'), { recursive: true });
  cpSync(join(ROOT, 'examples/inventory.yaml'), join(root, 'inventory.yaml'));
  cpSync(join(ROOT, 'examples/deployment'), join(root, 'deployment'), { recursive: true });
  return root;
}

function emulate(args: string[]): { code: number | null; report: Record<string, unknown> } {
  const work = mkdtempSync(join(tmpdir(), 'dpu-emu-dep-cfg-'));
  const r = spawnSync('python3', [EMULATOR, '--plugin-yaml', pluginYaml(work), '--copy-mode', 'all', '--timeout', '60', '--sidecar-env', `DPU_GITOPS_CACHE_DIR=${join(work, 'cache')}`, ...args], { encoding: 'utf8' });
  return { code: r.status, report: JSON.parse(r.stdout) as Record<string, unknown> };
}

const PARAMS = JSON.stringify([
  { name: 'cluster', string: 'dpu-cplane-tenant1' },
  { name: 'inventory', string: '../inventory.yaml' },
  { name: 'chart-paths', map: { 'https://helm.example.com/dpf/dummydpuservice-chart': '../charts/dummydpuservice', 'https://helm.example.com/dpf/hbn-like-chart': '../charts/hbn-like' } },
]);

test('ArgoCD accepts the DPUDeployment example', { skip }, () => {
  const { code, report } = emulate(['--repo', repo(), '--app-dir', 'deployment', '--plugin-name', 'dpuservice-v1', '--parameters', PARAMS, '--kube-version', '1.30.4']);
  assert.equal(code, 0, JSON.stringify(report, null, 1));
  assert.equal(report.accepted, true);
  const manifests = report.manifests as { kind: string; name: string; namespace: string }[];
  const kinds = manifests.map((m) => m.kind).sort();
  assert.deepEqual([...new Set(kinds)], ['ConfigMap', 'DaemonSet', 'Service']);
  assert.equal(kinds.filter((k) => k === 'DaemonSet').length, 2);
  assert.ok(manifests.every((m) => m.namespace === 'dpf-operator-system'));
});

test('a version mismatch is reported by ArgoCD with our stderr', { skip }, () => {
  const root = repo();
  const bfb = join(root, 'deployment', 'bfb.yaml');
  writeFileSync(bfb, readFileSync(bfb, 'utf8').replace('doca: 2.9.1', 'doca: 2.8.0'));
  const { code, report } = emulate(['--repo', root, '--app-dir', 'deployment', '--plugin-name', 'dpuservice-v1', '--parameters', PARAMS]);
  assert.equal(code, 1);
  assert.equal(report.stage, 'generate');
  assert.match(String(report.argocdMessage), /is not satisfied by the version '2\.8\.0' found in the given BFB/);
});
