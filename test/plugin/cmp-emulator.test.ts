// Runs the plugin as argocd-cmp-server does (copied repo, request env, app dir as cwd,
// deadline) through ../shared/tools/cmp-emulator, which parses stdout as ArgoCD does and says
// whether ArgoCD would accept it. Skips when python3 + PyYAML or the emulator are absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = new URL('../..', import.meta.url).pathname;
const EMULATOR = join(ROOT, '..', 'shared', 'tools', 'cmp-emulator', 'cmp_emulate.py');
const python = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
const skip = !existsSync(EMULATOR) ? `cmp-emulator not found at ${EMULATOR}` : python.status !== 0 ? 'python3 with PyYAML is not installed' : false;

/**
 * The plugin.yaml of manifests/cmp/plugin-configmap.yaml (what the sidecar mounts) with
 * /usr/local/bin/dpu-gitops replaced by this checkout's CLI.
 */
function pluginYaml(dir: string): string {
  const cli = `node, --import, ${join(ROOT, 'node_modules/tsx/dist/loader.mjs')}, ${join(ROOT, 'test/plugin/helpers/cli.ts')}`;
  const configMap = parse(readFileSync(join(ROOT, 'manifests/cmp/plugin-configmap.yaml'), 'utf8')) as { data: { 'plugin.yaml': string } };
  const text = configMap.data['plugin.yaml'].replace(/\[\/usr\/local\/bin\/dpu-gitops, /g, `[${cli}, `);
  const path = join(dir, 'plugin.yaml');
  writeFileSync(path, text);
  return path;
}

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'dpu-emu-'));
  cpSync(join(ROOT, 'examples/charts'), join(root, 'charts'), { recursive: true });
  mkdirSync(join(root, 'services'));
  cpSync(join(ROOT, 'examples/services/dummydpuservice.yaml'), join(root, 'services/dummydpuservice.yaml'));
  // The DPUServiceInterfaces its spec.interfaces names.
  cpSync(join(ROOT, 'examples/services/interfaces.yaml'), join(root, 'services/interfaces.yaml'));
  return root;
}

function emulate(args: string[]): { code: number | null; report: Record<string, unknown> } {
  const work = mkdtempSync(join(tmpdir(), 'dpu-emu-cfg-'));
  const r = spawnSync('python3', [EMULATOR, '--plugin-yaml', pluginYaml(work), '--copy-mode', 'all', '--timeout', '60', '--sidecar-env', `DPU_GITOPS_CACHE_DIR=${join(work, 'cache')}`, ...args], { encoding: 'utf8' });
  return { code: r.status, report: JSON.parse(r.stdout) as Record<string, unknown> };
}

const PARAMS = JSON.stringify([
  { name: 'cluster', string: 'dpu-cplane-tenant1' },
  { name: 'chart-paths', map: { 'https://helm.example.com/dpf/dummydpuservice-chart': '../charts/dummydpuservice' } },
]);

test('ArgoCD accepts the example: DaemonSet and Service in the DPUService namespace', { skip }, () => {
  const { code, report } = emulate(['--repo', repo(), '--app-dir', 'services', '--plugin-name', 'dpuservice-v1', '--parameters', PARAMS, '--kube-version', '1.30.4', '--app-namespace', 'elsewhere']);
  assert.equal(code, 0, JSON.stringify(report, null, 1));
  assert.equal(report.accepted, true);
  const manifests = report.manifests as { kind: string; name: string; namespace: string }[];
  assert.deepEqual(
    manifests.map((m) => `${m.kind} ${m.namespace}/${m.name}`),
    ['Service dummydpuservice/dpu-cplane-tenant1-dummydpuservice-dummy-exposed', 'DaemonSet dummydpuservice/dpu-cplane-tenant1-dummydpuservice-dummy'],
  );
  assert.deepEqual(report.warnings, []);
});

test('a failing generate is reported by ArgoCD with our stderr, never as an empty success', { skip }, () => {
  const { code, report } = emulate(['--repo', repo(), '--app-dir', 'services', '--plugin-name', 'dpuservice-v1', '--parameters', '[]']);
  assert.equal(code, 1);
  assert.equal(report.stage, 'generate');
  assert.match(String(report.argocdMessage), /cluster parameter is not set/);
});

test('discovery never matches a plain Helm chart directory', { skip }, () => {
  const { code, report } = emulate(['--repo', repo(), '--app-dir', 'charts/dummydpuservice', '--plugin-name', 'dpuservice-v1', '--parameters', '[]']);
  assert.equal(code, 1);
  assert.equal(report.discovered, false);
});

test('the parameters announcement is accepted: dynamic list with chart references, then static', { skip }, () => {
  const { code, report } = emulate(['--repo', repo(), '--app-dir', 'services', '--plugin-name', 'dpuservice-v1', '--parameters-announcement']);
  assert.equal(code, 0, JSON.stringify(report));
  const list = report.announcement as { name: string; map?: Record<string, string> }[];
  assert.deepEqual(list.map((a) => a.name), ['pass-through', 'chart-paths', 'vendor-dir', 'inventory', 'startup-render-mode', 'doca-version', 'kube-schema', 'cluster', 'deploy-in-cluster']);
  assert.deepEqual(list[1]!.map, { 'https://helm.example.com/dpf/dummydpuservice-chart': '' });
});
