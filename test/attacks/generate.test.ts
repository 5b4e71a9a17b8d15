// Attack suite: hostile or careless repositories against `dpu-gitops generate` run as ArgoCD
// runs it (a fresh process, the CLI's own isolation). generate feeds ArgoCD with prune: any input
// it cannot read, or any input reaching outside the repository, must fail the whole run with
// nothing on stdout, never a stream with a service missing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './harness.js';

const CHART_PATHS = ['--chart-path', 'https://helm.example.com/dpf/dummydpuservice-chart=charts/dummydpuservice', '--chart-path', 'https://helm.example.com/dpf/hbn-like-chart=charts/hbn-like'];

/** A fresh copy of examples/ as a repository. */
function exampleRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'attack-generate-'));
  cpSync(join(ROOT, 'examples'), repo, { recursive: true });
  return repo;
}

function generate(repo: string, env: Record<string, string> = {}, extra: string[] = []): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(ROOT, 'cli', 'main.ts'), 'generate', '--app-dir', join(repo, 'services'), '--repo-root', repo, '--cluster', 'dpu-cplane-tenant1', ...CHART_PATHS, '--inventory', 'inventory.yaml', ...extra],
      { cwd: repo, env: { ...process.env, DPU_GITOPS_LOG_FORMAT: 'text', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

function assertNothingPrinted(r: { code: number | null; out: string; err: string }, cause: RegExp): void {
  assert.equal(r.code, 1, r.err);
  assert.equal(r.out, '', 'nothing on stdout');
  assert.match(r.err, cause);
}

describe('attack: generate never exits 0 with something missing', { concurrency: 2 }, () => {
  it('the examples render (the baseline the attacks below break)', async () => {
    const r = await generate(exampleRepo());
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /kind: DaemonSet/);
  });

  it('a DPUService file over the input size cap is an error, not skipped', async () => {
    const repo = exampleRepo();
    const svc = join(repo, 'services', 'dummydpuservice.yaml');
    const { readFileSync } = await import('node:fs');
    writeFileSync(svc, `${readFileSync(svc, 'utf8')}\n# ${'x'.repeat(9 * 1024 * 1024)}\n`);
    assertNothingPrinted(await generate(repo), /dummydpuservice\.yaml: not read/);
  });

  it('a 100 MB YAML file is an error, and costs no 100 MB parse', async () => {
    const repo = exampleRepo();
    writeFileSync(join(repo, 'services', 'huge.yaml'), Buffer.alloc(100 * 1024 * 1024, 'a'));
    assertNothingPrinted(await generate(repo), /huge\.yaml: not read/);
  });

  it('a symlink to a kubeconfig outside the repository: an error, and its token never printed', async () => {
    const repo = exampleRepo();
    const outside = mkdtempSync(join(tmpdir(), 'attack-outside-'));
    writeFileSync(join(outside, 'config'), 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: SECRET-TOKEN-0123\n');
    symlinkSync(join(outside, 'config'), join(repo, 'services', 'kubeconfig.yaml'));
    const r = await generate(repo);
    assertNothingPrinted(r, /kubeconfig\.yaml: not read: symlink to .* resolves outside the repository/);
    assert.doesNotMatch(r.out + r.err, /SECRET-TOKEN-0123/);
  });

  it('a chart whose .Files.Get reads a symlink out of the repository: an error', async () => {
    const repo = exampleRepo();
    const outside = mkdtempSync(join(tmpdir(), 'attack-outside-'));
    writeFileSync(join(outside, 'id_rsa'), 'PRIVATE-KEY-0123\n');
    mkdirSync(join(repo, 'charts', 'dummydpuservice', 'files'), { recursive: true });
    symlinkSync(join(outside, 'id_rsa'), join(repo, 'charts', 'dummydpuservice', 'files', 'key'));
    writeFileSync(join(repo, 'charts', 'dummydpuservice', 'templates', 'leak.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-leak\ndata:\n  key: {{ .Files.Get "files/key" | quote }}\n');
    const r = await generate(repo);
    assertNothingPrinted(r, /outside the repository/);
    assert.doesNotMatch(r.out + r.err, /PRIVATE-KEY-0123/);
  });

  it('one map of 80,000 keys with a duplicate: the duplicate is reported, in linear time', async () => {
    const repo = exampleRepo();
    const keys = Array.from({ length: 80_000 }, (_, i) => `  k${i}: v`).join('\n');
    writeFileSync(join(repo, 'services', 'wide.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: wide\ndata:\n${keys}\n  k17: again\n`);
    // Was 73 s; the guard is generous (a process, tsx, a loaded CI machine).
    const started = Date.now();
    const r = await generate(repo);
    assertNothingPrinted(r, /wide\.yaml#0 \(line 80006\): not valid YAML: Map keys must be unique/);
    assert.ok(Date.now() - started < 60_000);
  });

  it('the deadline stops real work: a download that hangs ends the run at the deadline, stdout empty', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const repo = exampleRepo();
      const svc = join(repo, 'services', 'dummydpuservice.yaml');
      const { readFileSync } = await import('node:fs');
      writeFileSync(svc, readFileSync(svc, 'utf8').replace('https://helm.example.com/dpf', `https://127.0.0.1:${port}/dpf`));
      // --no-config: the examples' config names vendor/charts, whose archive of this chart would
      // be used instead of the download this attack needs.
      const r = await generate(repo, { DPU_GITOPS_DEADLINE_SECONDS: '3', DPU_GITOPS_FETCH_TIMEOUT_SECONDS: '600', DPU_GITOPS_CACHE_DIR: join(repo, '.cache') }, ['--no-config']);
      assertNothingPrinted(r, /generate did not finish within 3 s \(DPU_GITOPS_DEADLINE_SECONDS\) and was stopped/);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  it('a render bomb in a chart ends the run with the limit named, stdout empty', async () => {
    const repo = exampleRepo();
    writeFileSync(join(repo, 'charts', 'dummydpuservice', 'templates', 'bomb.yaml'), '{{ range until 100000000 }}x{{ end }}\n');
    assertNothingPrinted(await generate(repo), /limit/);
  });
});
