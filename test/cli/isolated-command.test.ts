// `dpu-gitops generate` and `lint` as the CLI runs them: in a worker with a heap limit and a
// deadline that stops the work itself. A stopped run prints nothing on stdout (ArgoCD must not
// see a partial stream) and exits non-zero; the process lives on.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { captureIO } from '../../cli/io.js';
import { runIsolatedCommand } from '../../cli/isolated-command.js';

/** A TCP server that accepts connections and never answers: a repository that hangs. */
function hangingServer(): Promise<{ server: Server; port: number; sockets: Set<import('node:net').Socket> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, sockets })));
}

function appWithRemoteService(port: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'isolated-generate-'));
  writeFileSync(
    join(dir, 'svc.yaml'),
    `apiVersion: svc.dpu.nvidia.com/v1alpha1
kind: DPUService
metadata:
  name: hanging
  namespace: default
spec:
  serviceID: hanging
  helmChart:
    source:
      repoURL: https://127.0.0.1:${port}/charts
      chart: hanging
      version: 1.0.0
`,
  );
  return dir;
}

describe('isolated generate', () => {
  let hang: Awaited<ReturnType<typeof hangingServer>>;
  before(async () => {
    hang = await hangingServer();
  });
  after(() => {
    for (const s of hang.sockets) s.destroy();
    hang.server.close();
  });

  it('stops at the deadline while a download hangs: exit 1, stdout empty, the cause on stderr', async () => {
    const app = appWithRemoteService(hang.port);
    const io = captureIO();
    const started = Date.now();
    const code = await runIsolatedCommand(
      'generate',
      ['--app-dir', app, '--cluster', 'c1'],
      io,
      { deadlineSeconds: 2, memoryMb: 1024, stoppedExitCode: 1 },
      { env: { DPU_GITOPS_FETCH_TIMEOUT_SECONDS: '600', DPU_GITOPS_CACHE_DIR: join(app, '.cache'), DPU_GITOPS_ALLOWED_REPOS: '*' }, cwd: app },
    );
    assert.equal(code, 1);
    assert.equal(io.out(), '');
    assert.match(io.err(), /error: generate did not finish within 2 s \(DPU_GITOPS_DEADLINE_SECONDS\) and was stopped; nothing printed on stdout/);
    // Generous: the fetch alone would wait 600 s.
    assert.ok(Date.now() - started < 60_000);
  });

  it('prints the stream of a run that finishes, and its logs on stderr', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'isolated-generate-ok-'));
    cpSync('examples', repo, { recursive: true });
    const io = captureIO();
    const code = await runIsolatedCommand(
      'generate',
      ['--app-dir', join(repo, 'services'), '--repo-root', repo, '--cluster', 'dpu-cplane-tenant1', '--chart-path', 'https://helm.example.com/dpf/dummydpuservice-chart=charts/dummydpuservice', '--chart-path', 'https://helm.example.com/dpf/hbn-like-chart=charts/hbn-like', '--inventory', 'inventory.yaml'],
      io,
      { deadlineSeconds: 120, memoryMb: 1024, stoppedExitCode: 1 },
      { env: {}, cwd: repo },
    );
    assert.equal(code, 0, io.err());
    assert.match(io.out(), /kind: DaemonSet/);
    assert.match(io.err(), /"msg":"rendered"/);
  });

  it('a run that needs more heap than allowed is stopped: exit 1, stdout empty', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'isolated-generate-oom-'));
    mkdirSync(join(repo, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(repo, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: hoard\nversion: 1.0.0\n');
    // Keeps every string alive in a dict: heap grows by ~100 KB per step until the limit.
    writeFileSync(join(repo, 'chart', 'templates', 'ds.yaml'), '{{- $d := dict }}{{- range $i := until 20000 }}{{- $_ := set $d (toString $i) (repeat 100000 (toString $i)) }}{{- end }}\n');
    mkdirSync(join(repo, 'app'));
    writeFileSync(
      join(repo, 'app', 'svc.yaml'),
      'apiVersion: svc.dpu.nvidia.com/v1alpha1\nkind: DPUService\nmetadata:\n  name: hoard\n  namespace: default\nspec:\n  serviceID: hoard\n  helmChart:\n    source:\n      repoURL: https://charts.example.com\n      chart: hoard\n      version: 1.0.0\n',
    );
    const io = captureIO();
    const code = await runIsolatedCommand(
      'generate',
      ['--app-dir', join(repo, 'app'), '--repo-root', repo, '--cluster', 'c1', '--chart-path', 'https://charts.example.com/hoard=chart'],
      io,
      { deadlineSeconds: 120, memoryMb: 96, stoppedExitCode: 1 },
      { env: {}, cwd: repo },
    );
    assert.equal(code, 1);
    assert.equal(io.out(), '');
    // Either the heap limit stops it, or a render limit refuses the allocation first: both are
    // clean, bounded failures of this run only.
    assert.match(io.err(), /needed more than 96 MiB of heap \(DPU_GITOPS_MEMORY_MB\) and was stopped|limit/);
  });
});

describe('isolated lint', () => {
  it('stops at the deadline on a chart that renders forever: exit 2, stdout empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isolated-lint-'));
    mkdirSync(join(dir, 'loop', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'loop', 'Chart.yaml'), 'apiVersion: v2\nname: loop\nversion: 1.0.0\n');
    writeFileSync(join(dir, 'loop', 'templates', 'loop.yaml'), '{{ range until 20000 }}{{ range until 20000 }}{{ end }}{{ end }}\n');
    const io = captureIO();
    const code = await runIsolatedCommand('lint', [join(dir, 'loop')], io, { deadlineSeconds: 2, memoryMb: 1024, stoppedExitCode: 2 }, { env: {}, cwd: dir });
    assert.equal(code, 2);
    assert.equal(io.out(), '');
    assert.match(io.err(), /error: lint did not finish within 2 s \(DPU_GITOPS_DEADLINE_SECONDS\) and was stopped; nothing printed on stdout/);
  });
});

describe('isolated render-startup', () => {
  it('renders the example DPU config in the worker exactly as Python Jinja2 did', async () => {
    const root = new URL('../../', import.meta.url).pathname;
    const io = captureIO();
    const code = await runIsolatedCommand(
      'render-startup',
      [join(root, 'examples/services/hbn.yaml'), '--context', join(root, 'examples/startup-context.yaml')],
      io,
      { deadlineSeconds: 120, memoryMb: 1024, stoppedExitCode: 1 },
      { env: {}, cwd: root },
    );
    assert.equal(code, 0, io.err());
    const { readFileSync } = await import('node:fs');
    assert.equal(io.out(), readFileSync(join(root, 'examples/expected/hbn-startup.worker1-0000-09-00.yaml'), 'utf8'));
  });
});
