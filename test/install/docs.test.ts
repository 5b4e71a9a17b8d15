/**
 * docs/install.md runs as written: every ```sh block carries a marker. "runs in the tests"
 * blocks run here, in order, in one temporary directory, with `dpu-gitops` on PATH (this
 * checkout's CLI), Argo CD v3.5.1's install.yaml where the doc's download would put it, and
 * a DPU cluster kubeconfig file where the doc expects the user's. "runs in CI" blocks are the
 * steps of test/install/pack-and-run.sh. "needs:" blocks need a cluster, a registry or the
 * internet and are only checked for their marker.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ARGOCD_INSTALL_YAML, kustomizeMissing } from './kustomize.js';

const repo = resolve(import.meta.dirname, '..', '..');
const doc = readFileSync(join(repo, 'docs', 'install.md'), 'utf8');

interface Block {
  marker: string;
  body: string;
}

/** The ```sh blocks with the HTML comment right above each (empty when there is none). */
function shellBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const re = /(?:<!--\s*([^>]*?)\s*-->\n)?```sh\n([\s\S]*?)```/g;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) blocks.push({ marker: m[1] ?? '', body: m[2]! });
  return blocks;
}

const blocks = shellBlocks(doc);

test('every shell block in docs/install.md says whether and where it runs', () => {
  assert.ok(blocks.length >= 8, `found ${blocks.length} blocks`);
  for (const b of blocks) {
    assert.match(b.marker, /^(runs in the tests|runs in CI: test\/install\/pack-and-run\.sh|needs: .+)$/, b.body);
  }
});

test('the "runs in CI" blocks are steps test/install/pack-and-run.sh takes', () => {
  const script = readFileSync(join(repo, 'test', 'install', 'pack-and-run.sh'), 'utf8');
  const steps = blocks.filter((b) => b.marker.startsWith('runs in CI')).flatMap((b) => b.body.split('\n').filter((l) => l.trim() && !l.startsWith('#')));
  assert.ok(steps.length > 0);
  for (const line of steps) {
    const command = line.trim().split(/\s+/).slice(0, 2).join(' ');
    assert.ok(script.includes(command), `pack-and-run.sh runs "${command}" (docs: ${line})`);
  }
});

const skip = kustomizeMissing() || (existsSync(ARGOCD_INSTALL_YAML) ? false : `${ARGOCD_INSTALL_YAML} is absent (Argo CD v3.5.1's install.yaml, kept outside the repository)`);

test('the "runs in the tests" blocks of docs/install.md run as written and build what the doc says', { skip }, () => {
  const work = mkdtempSync(join(tmpdir(), 'install-doc-'));
  const bin = mkdtempSync(join(tmpdir(), 'install-doc-bin-'));
  // This checkout's CLI from source (a dist/ left from an older build would test old code);
  // pack-and-run.sh runs the same commands from the packed package.
  writeFileSync(join(bin, 'dpu-gitops'), `#!/bin/sh\nexec node --import ${import.meta.resolve('tsx')} ${JSON.stringify(join(repo, 'cli', 'main.ts'))} "$@"\n`);
  chmodSync(join(bin, 'dpu-gitops'), 0o755);
  copyFileSync(ARGOCD_INSTALL_YAML, join(work, 'install.yaml'));
  const kubeconfig = 'apiVersion: v1\nkind: Config\nclusters:\n  - name: dpu\n    cluster: {server: "https://10.0.110.10:6443"}\ncontexts:\n  - name: dpu\n    context: {cluster: dpu, user: dpf}\ncurrent-context: dpu\nusers:\n  - name: dpf\n    user: {token: example}\n';
  writeFileSync(join(work, 'dpu-cluster.kubeconfig'), kubeconfig);
  const script = ['set -euo pipefail', ...blocks.filter((b) => b.marker === 'runs in the tests').map((b) => b.body)].join('\n');
  const r = spawnSync('bash', ['-c', script], { cwd: work, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);

  const objects = (file: string) => parseAllDocuments(readFileSync(join(work, file), 'utf8')).map((d) => d.toJS()).filter((o) => o !== null);
  const argocd = objects('argocd.yaml');
  const repoServer = argocd.find((o) => o.kind === 'Deployment' && o.metadata.name === 'argocd-repo-server');
  const sidecar = repoServer.spec.template.spec.containers.find((c: any) => c.name === 'dpu-gitops-cmp');
  assert.equal(sidecar.image, 'registry.example.com/dpf/dpu-gitops:0.1.0', 'the image given to install-manifests');
  assert.ok(Object.keys(argocd.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'argocd-cm').data).includes('resource.customizations.health.svc.dpu.nvidia.com_DPUService'));
  const webhook = objects('webhook.yaml');
  assert.ok(webhook.some((o) => o.kind === 'Namespace' && o.metadata.name === 'dpu-gitops'));
  assert.equal(webhook.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].image, 'registry.example.com/dpf/dpu-gitops:0.1.0');

  const credentials = parse(readFileSync(join(work, 'cmp-credentials-secret.yaml'), 'utf8'));
  assert.deepEqual([credentials.kind, credentials.metadata.name, credentials.metadata.namespace], ['Secret', 'dpu-gitops-cmp-credentials', 'argocd']);
  assert.deepEqual(Object.keys(credentials.data).sort(), ['credentials.yaml', 'ngc-api-key', 'registry-ca.crt']);
  const file = parse(Buffer.from(credentials.data['credentials.yaml'], 'base64').toString('utf8'));
  assert.deepEqual(file.repositories.map((e: any) => e.url), ['https://helm.ngc.nvidia.com/nvidia/doca', 'oci://registry.example.com/dpf']);
  // The sidecar mounts the Secret where the doc's passwordFile/caFile paths point.
  const mount = sidecar.volumeMounts.find((m: any) => m.name === 'dpu-gitops-cmp-credentials');
  assert.equal(mount.mountPath, '/etc/dpu-gitops/credentials');
  assert.equal(file.repositories[0].passwordFile, `${mount.mountPath}/ngc-api-key`);
  const env = Object.fromEntries(sidecar.env.map((e: any) => [e.name, e.value]));
  assert.equal(env.DPU_GITOPS_CREDENTIALS, `${mount.mountPath}/credentials.yaml`);
  const dpuSecret = parse(readFileSync(join(work, 'cmp-dpu-kubeconfig-secret.yaml'), 'utf8'));
  assert.equal(dpuSecret.metadata.name, 'dpu-gitops-cmp-dpu-kubeconfig');
  assert.equal(Buffer.from(dpuSecret.data.kubeconfig, 'base64').toString('utf8'), kubeconfig);
  const dpuMount = sidecar.volumeMounts.find((m: any) => m.name === 'dpu-gitops-cmp-dpu-kubeconfig');
  assert.equal(env.DPU_GITOPS_DPU_KUBECONFIG, `${dpuMount.mountPath}/kubeconfig`);
});
