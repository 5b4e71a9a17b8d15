// Per-DPU startup configs as ArgoCD sees them (../shared/tools/cmp-emulator): the HBN example
// with the inventory parameter is accepted with its four startup shards; a per-DPU error reaches
// ArgoCD's message instead of an empty or partial stream (line 41: where Python Jinja2 3.1.2 reports it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { emulate, skip } from './helpers/cmp-emulate.js';

const EX = new URL('../../examples/', import.meta.url).pathname;

function repo(hbn = readFileSync(join(EX, 'services/hbn.yaml'), 'utf8')): string {
  const root = mkdtempSync(join(tmpdir(), 'dpu-emu-'));
  cpSync(join(EX, 'charts'), join(root, 'charts'), { recursive: true });
  cpSync(join(EX, 'inventory.yaml'), join(root, 'inventory.yaml'));
  mkdirSync(join(root, 'services'));
  writeFileSync(join(root, 'services/hbn.yaml'), hbn);
  cpSync(join(EX, 'services/ipam.yaml'), join(root, 'services/ipam.yaml'));
  return root;
}

const PARAMS = JSON.stringify([
  { name: 'cluster', string: 'dpu-cplane-tenant1' },
  { name: 'chart-paths', map: { 'https://helm.example.com/dpf/hbn-like-chart': '../charts/hbn-like' } },
  { name: 'inventory', string: '../inventory.yaml' },
]);

test('ArgoCD accepts the HBN example with its startup shards', { skip }, () => {
  const work = mkdtempSync(join(tmpdir(), 'dpu-emu-out-'));
  const stdout = join(work, 'stdout.yaml');
  const { code, report } = emulate(['--repo', repo(), '--app-dir', 'services', '--plugin-name', 'dpuservice-v1', '--parameters', PARAMS, '--kube-version', '1.30.4', '--save-stdout', stdout]);
  assert.equal(code, 0, JSON.stringify(report, null, 1));
  assert.equal(report.accepted, true);
  const manifests = report.manifests as { kind: string; name: string; namespace: string }[];
  assert.deepEqual(
    manifests.filter((m) => m.kind === 'ConfigMap').map((m) => `${m.namespace}/${m.name}`),
    [0, 1, 2, 3].map((i) => `dpf-operator-system/dpu-cplane-tenant1-doca-hbn-startup-${i}`),
  );
  assert.ok(manifests.some((m) => m.kind === 'DaemonSet' && m.name === 'dpu-cplane-tenant1-doca-hbn'));
  const cm = parseAllDocuments(readFileSync(stdout, 'utf8'))
    .map((d) => d.toJS() as { kind: string; metadata: { name: string }; data?: Record<string, string> })
    .find((o) => o.kind === 'ConfigMap' && o.data?.['worker1-0000-09-00.startup.yaml'] !== undefined)!;
  assert.equal(cm.data!['worker1-0000-09-00.startup.yaml'], readFileSync(join(EX, 'expected/hbn-startup.worker1-0000-09-00.yaml'), 'utf8'));
});

test('a per-DPU error is what ArgoCD shows; no manifests', { skip }, () => {
  const broken = readFileSync(join(EX, 'services/hbn.yaml'), 'utf8').replace('{{ ipaddresses.ip_lo.ip }}', '{{ ipaddresses.ip_lo0.ip }}');
  const { code, report } = emulate(['--repo', repo(broken), '--app-dir', 'services', '--plugin-name', 'dpuservice-v1', '--parameters', PARAMS]);
  assert.equal(code, 1);
  assert.equal(report.stage, 'generate');
  assert.deepEqual(report.manifests, []);
  // text, as the install manifests set the sidecar's stderr; the same error on four DPUs is one line
  assert.match(String(report.argocdMessage), /failed exit status 1: [^]*\nerror: hbn\.yaml#0 \(line 6\) DPUService dpf-operator-system\/doca-hbn spec\.helmChart\.values\.configuration\.startupYAMLJ2: DPU '<DPU>', startupYAMLJ2 line 41: undefined variable 'ip_lo0'[^\n]* \[4 DPUs: worker1-0000-08-00, worker1-0000-09-00, worker2-0000-08-00, worker2-0000-09-00\]\n/);
});
