// The bundled examples/ repository: CI's own command (.ci/run) run through cli/generate's run(),
// its stream parsed as ArgoCD parses it (../shared/tools/cmp-emulator, fed the captured stdout by
// a one-line plugin), byte determinism, the DPUServiceInterface annotation rewrite, and the same
// dummy chart from the vendored archive and from the Helm repository directory real helm wrote
// (examples/helm-repo, served over TLS on 127.0.0.1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { captureIO } from '../../cli/io.js';
import { run } from '../../cli/generate.js';
import { sha256Hex } from '../../plugin/chart-source/cache.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const EMULATOR = join(ROOT, '..', 'shared', 'tools', 'cmp-emulator', 'cmp_emulate.py');
const python = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
const noEmulator = !existsSync(EMULATOR) ? `cmp-emulator not found at ${EMULATOR}` : python.status !== 0 ? 'python3 with PyYAML is not installed' : false;
const noOpenssl = spawnSync('sh', ['-c', 'command -v openssl']).status !== 0 ? 'openssl is not installed' : false;

/**
 * The generate command .ci/run runs, word for word (cwd: the repository root), read from .ci/run
 * itself so the two never drift: backslash continuations joined, the stdout redirect dropped.
 */
function ciGenerateArgs(): string[] {
  const script = readFileSync(join(ROOT, '.ci/run'), 'utf8').replace(/\\\n\s*/g, ' ');
  const line = script.split('\n').find((l) => l.startsWith('node dist/cli/main.js generate '));
  assert.ok(line, '.ci/run has no `node dist/cli/main.js generate` line');
  const words = line.replace(/\s*>\s*\/dev\/null\s*$/, '').trim().split(/\s+/);
  return words.slice(3);
}

const NETWORKS = '[{"name":"mybrmgmt","namespace":"dpf-operator-system","interface":"mgmt_sf"},{"name":"mybrsfc","interface":"app_sf"}]';

async function generate(args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await run(args, io, { cwd, env: { DPU_GITOPS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'dpu-ex-cache-')), DPU_GITOPS_LOG_LEVEL: 'warn', ...env } });
  return { code, out: io.out(), err: io.err() };
}

/** ArgoCD's verdict on a stream: a plugin whose generate prints exactly these bytes. */
function argocdParses(stream: string): { code: number | null; report: { accepted?: boolean; manifests: { kind: string; namespace: string; name: string }[]; warnings: unknown[] } } {
  const work = mkdtempSync(join(tmpdir(), 'dpu-ex-emu-'));
  const streamFile = join(work, 'stream.yaml');
  writeFileSync(streamFile, stream);
  writeFileSync(join(work, 'plugin.yaml'), `apiVersion: argoproj.io/v1alpha1\nkind: ConfigManagementPlugin\nmetadata:\n  name: captured\nspec:\n  version: v1\n  generate:\n    command: [cat, ${streamFile}]\n`);
  mkdirSync(join(work, 'repo'));
  writeFileSync(join(work, 'repo', 'README'), 'app\n');
  const r = spawnSync('python3', [EMULATOR, '--plugin-yaml', join(work, 'plugin.yaml'), '--repo', join(work, 'repo'), '--copy-mode', 'all', '--plugin-name', 'captured-v1', '--timeout', '30'], { encoding: 'utf8' });
  return { code: r.status, report: JSON.parse(r.stdout) };
}

function daemonSetOf(stream: string, name: string): any {
  const docs = parseAllDocuments(stream).map((d) => d.toJS() as any);
  return docs.find((d) => d?.kind === 'DaemonSet' && d.metadata?.name === name);
}

/** A copy of examples/ holding only the dummy DPUService and its interfaces. */
function dummyOnlyRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'dpu-ex-repo-'));
  cpSync(join(ROOT, 'examples/charts'), join(root, 'charts'), { recursive: true });
  cpSync(join(ROOT, 'examples/vendor'), join(root, 'vendor'), { recursive: true });
  mkdirSync(join(root, 'services'));
  for (const f of ['dummydpuservice.yaml', 'interfaces.yaml']) cpSync(join(ROOT, 'examples/services', f), join(root, 'services', f));
  return root;
}

test('CI\'s command on examples/ through run(): ArgoCD accepts the stream, identical bytes twice', { skip: noEmulator }, async () => {
  const args = ciGenerateArgs();
  assert.deepEqual(args.slice(0, 6), ['--app-dir', 'examples/services', '--repo-root', 'examples', '--cluster', 'dpu-cplane-tenant1']);
  const first = await generate(args);
  assert.equal(first.code, 0, first.err);
  const second = await generate(args);
  assert.equal(second.code, 0, second.err);
  assert.equal(Buffer.compare(Buffer.from(first.out), Buffer.from(second.out)), 0, 'two runs printed different bytes');
  const { code, report } = argocdParses(first.out);
  assert.equal(code, 0, JSON.stringify(report, null, 1));
  assert.equal(report.accepted, true);
  const names = report.manifests.map((m) => `${m.kind} ${m.namespace}/${m.name}`);
  assert.ok(names.includes('DaemonSet dummydpuservice/dpu-cplane-tenant1-dummydpuservice-dummy'), names.join('\n'));
  assert.ok(names.includes('Service dummydpuservice/dpu-cplane-tenant1-dummydpuservice-dummy-exposed'), names.join('\n'));
  assert.ok(!names.some((n) => n.startsWith('DPUService') || n.startsWith('DPUServiceInterface')), 'DPF inputs must not be emitted');
  assert.deepEqual(report.warnings, []);
  // DPF's controller (nad.go addNetworkAnnotationToServiceDaemonSet) rewrites the pods' networks.
  const ds = daemonSetOf(first.out, 'dpu-cplane-tenant1-dummydpuservice-dummy');
  assert.equal(ds.spec.template.metadata.annotations['k8s.v1.cni.cncf.io/networks'], NETWORKS);
  assert.equal(ds.spec.template.metadata.annotations['dpuservice.dpu.nvidia.com/name'], 'dummydpuservice');
});

test('examples/vendor/charts: the air-gapped path renders the same bytes as the chart directory', async () => {
  const root = dummyOnlyRepo();
  const fromDir = await generate(['--app-dir', 'services', '--repo-root', '.', '--cluster', 'dpu-cplane-tenant1', '--chart-path', 'https://helm.example.com/dpf/dummydpuservice-chart=charts/dummydpuservice'], root);
  assert.equal(fromDir.code, 0, fromDir.err);
  const vendored = await generate(['--app-dir', 'services', '--repo-root', '.', '--cluster', 'dpu-cplane-tenant1', '--vendor-dir', 'vendor/charts', '--log-level', 'info'], root);
  assert.equal(vendored.code, 0, vendored.err);
  assert.match(vendored.err, /"origin":"vendor:\.\.\/vendor\/charts\/dummydpuservice-chart-0\.1\.0\.tgz"/);
  assert.equal(vendored.out, fromDir.out);
  assert.equal(daemonSetOf(vendored.out, 'dpu-cplane-tenant1-dummydpuservice-dummy').spec.template.metadata.annotations['k8s.v1.cni.cncf.io/networks'], NETWORKS);
});

test('examples/helm-repo: index.yaml from helm repo index names the archive beside it, digest and all', () => {
  const dir = join(ROOT, 'examples/helm-repo');
  const index = parseAllDocuments(readFileSync(join(dir, 'index.yaml'), 'utf8'))[0]!.toJS() as any;
  const [entry] = index.entries['dummydpuservice-chart'];
  assert.equal(entry.version, '0.1.0');
  assert.deepEqual(entry.urls, ['dummydpuservice-chart-0.1.0.tgz']);
  assert.equal(entry.digest, sha256Hex(readFileSync(join(dir, entry.urls[0]))));
  assert.equal(sha256Hex(readFileSync(join(ROOT, 'examples/vendor/charts/dummydpuservice-chart-0.1.0.tgz'))), entry.digest);
});

test('examples/helm-repo served over https: the dummy renders from it as from the chart directory', { skip: noOpenssl }, async () => {
  const root = dummyOnlyRepo();
  const work = mkdtempSync(join(tmpdir(), 'dpu-ex-tls-'));
  const key = join(work, 'tls.key');
  const cert = join(work, 'tls.crt');
  const ssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  assert.equal(ssl.status, 0, ssl.stderr);
  const repoDir = join(ROOT, 'examples/helm-repo');
  const requests: string[] = [];
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    requests.push(req.url ?? '');
    const rel = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^\/dpf\//, '');
    const file = join(repoDir, rel);
    if (!file.startsWith(`${repoDir}/`) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as { port: number }).port;
    const svcFile = join(root, 'services/dummydpuservice.yaml');
    writeFileSync(svcFile, readFileSync(svcFile, 'utf8').replace('repoURL: https://helm.example.com/dpf', `repoURL: https://127.0.0.1:${port}/dpf`));
    const remote = await generate(['--app-dir', 'services', '--repo-root', '.', '--cluster', 'dpu-cplane-tenant1'], root, { DPU_GITOPS_CA_FILE: cert });
    assert.equal(remote.code, 0, remote.err);
    assert.deepEqual(requests, ['/dpf/index.yaml', '/dpf/dummydpuservice-chart-0.1.0.tgz']);
    writeFileSync(svcFile, readFileSync(join(ROOT, 'examples/services/dummydpuservice.yaml')));
    const local = await generate(['--app-dir', 'services', '--repo-root', '.', '--cluster', 'dpu-cplane-tenant1', '--chart-path', 'https://helm.example.com/dpf/dummydpuservice-chart=charts/dummydpuservice'], root);
    assert.equal(local.code, 0, local.err);
    assert.equal(remote.out, local.out);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
