// The render server as ArgoCD meets it: the sidecar sets DPU_GITOPS_RENDER_SERVER, the first
// `generate` finds no server, starts one in the background and runs itself; later ones are served
// warm. ArgoCD must see exactly the same stdout, stderr and exit status either way. Runs through
// ../shared/tools/cmp-emulator (ArgoCD's cmp-server modelled from its source: it waits for the
// command's pipes to close, so a background server that kept them would hang the request).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';

const ROOT = new URL('../..', import.meta.url).pathname;
const EMULATOR = join(ROOT, '..', 'shared', 'tools', 'cmp-emulator', 'cmp_emulate.py');
const python = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
const skip = !existsSync(EMULATOR) ? `cmp-emulator not found at ${EMULATOR}` : python.status !== 0 ? 'python3 with PyYAML is not installed' : false;
const TSX = import.meta.resolve('tsx');
const MAIN = join(ROOT, 'cli', 'main.ts');

const serverPids: number[] = [];
after(() => {
  for (const pid of serverPids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone (idle exit)
    }
  }
});

/** Waits until the background server has logged that it listens, and returns its pid. */
async function waitForServer(logPath: string): Promise<number> {
  for (let i = 0; i < 300; i++) {
    if (existsSync(logPath)) {
      const line = readFileSync(logPath, 'utf8').split('\n').find((l) => l.includes('render server listening'));
      if (line) return (JSON.parse(line) as { pid: number }).pid;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no render server came up (log: ${existsSync(logPath) ? readFileSync(logPath, 'utf8') : 'none'})`);
}

const servedRuns = (logPath: string): number => readFileSync(logPath, 'utf8').split('\n').filter((l) => l.includes('"msg":"run"')).length;

function generateProcess(repo: string, env: Record<string, string>): Promise<{ code: number | null; out: Buffer; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', TSX, MAIN, 'generate', '--app-dir', join(repo, 'services'), '--repo-root', repo, '--cluster', 'dpu-cplane-tenant1',
        '--chart-path', 'https://helm.example.com/dpf/dummydpuservice-chart=charts/dummydpuservice',
        '--chart-path', 'https://helm.example.com/dpf/hbn-like-chart=charts/hbn-like', '--inventory', 'inventory.yaml'],
      { cwd: repo, env: { ...process.env, DPU_GITOPS_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('close', (code) => resolve({ code, out: Buffer.concat(out), err }));
  });
}

describe('generate through the render server', () => {
  it('the first run starts a server and runs itself; the next ones are served; output, stderr and status never differ', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'render-e2e-'));
    cpSync(join(ROOT, 'examples'), repo, { recursive: true });
    const socket = join(mkdtempSync(join(tmpdir(), 'render-e2e-sock-')), 'render.sock');
    const plain = await generateProcess(repo, {});
    assert.equal(plain.code, 0, plain.err);
    const env = { DPU_GITOPS_RENDER_SERVER: socket, DPU_GITOPS_RENDER_SERVER_IDLE_SECONDS: '60' };
    const first = await generateProcess(repo, env);
    assert.equal(first.code, 0, first.err);
    assert.ok(first.out.equals(plain.out), 'first run: same stdout bytes');
    assert.equal(first.err, plain.err);
    serverPids.push(await waitForServer(`${socket}.log`));
    for (let i = 0; i < 2; i++) {
      const served = await generateProcess(repo, env);
      assert.equal(served.code, 0, served.err);
      assert.ok(served.out.equals(plain.out), `served run ${i + 1}: same stdout bytes`);
      assert.equal(served.err, plain.err);
    }
    assert.equal(servedRuns(`${socket}.log`), 2, 'both later runs were served by the server');
  });

  it('ArgoCD (the CMP emulator) gets the same manifests from a served run, and the request does not hang on the server', { skip }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'render-cmp-'));
    const repo = join(work, 'repo');
    cpSync(join(ROOT, 'examples/charts'), join(repo, 'charts'), { recursive: true });
    mkdirSync(join(repo, 'services'));
    for (const f of ['dummydpuservice.yaml', 'interfaces.yaml']) cpSync(join(ROOT, 'examples/services', f), join(repo, 'services', f));
    const cli = `node, --import, ${TSX}, ${MAIN}`;
    const configMap = parse(readFileSync(join(ROOT, 'manifests/cmp/plugin-configmap.yaml'), 'utf8')) as { data: { 'plugin.yaml': string } };
    writeFileSync(join(work, 'plugin.yaml'), configMap.data['plugin.yaml'].replace(/\[\/usr\/local\/bin\/dpu-gitops, /g, `[${cli}, `));
    const socket = join(work, 'run', 'render.sock');
    const params = JSON.stringify([
      { name: 'cluster', string: 'dpu-cplane-tenant1' },
      { name: 'chart-paths', map: { 'https://helm.example.com/dpf/dummydpuservice-chart': '../charts/dummydpuservice' } },
    ]);
    const emulate = (sidecarEnv: string[]): { code: number | null; report: Record<string, unknown> } => {
      const r = spawnSync(
        'python3',
        [EMULATOR, '--plugin-yaml', join(work, 'plugin.yaml'), '--copy-mode', 'all', '--timeout', '60', '--repo', repo, '--app-dir', 'services', '--plugin-name', 'dpuservice-v1', '--parameters', params,
          '--sidecar-env', `DPU_GITOPS_CACHE_DIR=${join(work, 'cache')}`, ...sidecarEnv.flatMap((e) => ['--sidecar-env', e])],
        { encoding: 'utf8', timeout: 120_000 },
      );
      return { code: r.status, report: JSON.parse(r.stdout) as Record<string, unknown> };
    };
    const plain = emulate([]);
    assert.equal(plain.code, 0, JSON.stringify(plain.report));
    const env = [`DPU_GITOPS_RENDER_SERVER=${socket}`, 'DPU_GITOPS_RENDER_SERVER_IDLE_SECONDS=60'];
    const first = emulate(env);
    assert.equal(first.code, 0, JSON.stringify(first.report));
    serverPids.push(await waitForServer(`${socket}.log`));
    const served = emulate(env);
    assert.equal(served.code, 0, JSON.stringify(served.report));
    assert.equal(servedRuns(`${socket}.log`), 1);
    for (const r of [first, served]) {
      assert.equal(r.report.accepted, true);
      assert.deepEqual(r.report.manifests, plain.report.manifests);
      assert.deepEqual(r.report.warnings, plain.report.warnings);
    }
  });
});
