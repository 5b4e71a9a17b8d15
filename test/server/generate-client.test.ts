// The client side of a served `generate` and `template` (cli/generate-command.ts): against a stand-in server that
// records the request and answers with fixed frames, it sends the run's argv, cwd and environment
// (with DPU_GITOPS_STDERR_TTY: the server's worker has no terminal of its own), writes the answer's
// bytes as they came, and exits with the answer's status.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { captureIO } from '../../cli/io.js';
import { runGenerateCommand } from '../../cli/generate-command.js';
import { encodeFrame, FRAME, FrameReader, type RenderRequest } from '../../server/protocol.js';

const ROOT = new URL('../..', import.meta.url).pathname;
/** Bytes that are not UTF-8, as a template printing a binary file makes: they must arrive unchanged. */
const STDOUT = Buffer.concat([Buffer.from('kind: ConfigMap\ndata: '), Buffer.from([0xff, 0xfe, 0x00, 0x80]), Buffer.from('\n')]);
const STDERR = Buffer.from('warning: a warning\n');

describe('served generate, client side', () => {
  let server: Server;
  let socketPath: string;
  const requests: RenderRequest[] = [];

  before(async () => {
    socketPath = join(mkdtempSync(join(tmpdir(), 'generate-client-')), 's.sock');
    server = createServer((socket) => {
      const reader = new FrameReader();
      socket.on('data', (chunk: Buffer) => {
        const [frame] = reader.push(chunk);
        if (!frame) return;
        requests.push(JSON.parse(frame.body.toString('utf8')) as RenderRequest);
        socket.write(encodeFrame(FRAME.stderr, STDERR));
        socket.write(encodeFrame(FRAME.stdout, STDOUT));
        socket.end(encodeFrame(FRAME.exit, JSON.stringify({ code: 3 })));
      });
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('forwards argv, cwd and environment, with whether stderr is a terminal', async () => {
    requests.length = 0;
    const io = captureIO();
    const env = { DPU_GITOPS_RENDER_SERVER: socketPath, DPU_GITOPS_RENDER_SERVER_AUTOSTART: 'false', TZ: 'Asia/Tokyo' };
    const code = await runGenerateCommand(['--app-dir', 'x'], io, { env, cwd: '/somewhere', entryScript: undefined });
    assert.equal(code, 3);
    const [request] = requests;
    assert.ok(request);
    assert.deepEqual(request.argv, ['--app-dir', 'x']);
    assert.equal(request.cwd, '/somewhere');
    assert.equal(request.env.TZ, 'Asia/Tokyo');
    assert.equal(request.env.DPU_GITOPS_STDERR_TTY, process.stderr.isTTY ? '1' : '0');
  });

  it('keeps a DPU_GITOPS_STDERR_TTY the caller already set', async () => {
    requests.length = 0;
    const env = { DPU_GITOPS_RENDER_SERVER: socketPath, DPU_GITOPS_STDERR_TTY: '1' };
    await runGenerateCommand([], captureIO(), { env, cwd: ROOT, entryScript: undefined });
    assert.equal(requests[0]?.env.DPU_GITOPS_STDERR_TTY, '1');
  });

  /** A fresh CLI process (from source) with stdout and stderr on pipes, as ArgoCD's cmp-server gives them. */
  async function runCli(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; out: Buffer; err: Buffer }> {
    // tsx by its URL: from another directory the bare name would not resolve
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'cli/main.ts'), ...args], {
      cwd,
      env: { ...process.env, DPU_GITOPS_RENDER_SERVER: socketPath, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, out: Buffer.concat(out), err: Buffer.concat(err) };
  }

  it('a fresh CLI process writes the answer byte for byte and exits with its status; stderr on a pipe is said as 0', async () => {
    requests.length = 0;
    const r = await runCli(['generate'], ROOT, { DPU_GITOPS_STDERR_TTY: '' });
    assert.equal(r.code, 3);
    assert.deepEqual(r.out, STDOUT);
    assert.deepEqual(r.err, STDERR);
    assert.equal(requests[0]?.env.DPU_GITOPS_STDERR_TTY, '0');
  });

  it('with stderr on a terminal the server is told 1', { skip: existsSync('/usr/bin/script') ? false : 'needs script(1) for a pseudo-terminal' }, async () => {
    requests.length = 0;
    const cmd = [process.execPath, '--import', 'tsx', join(ROOT, 'cli/main.ts'), 'generate'].map((a) => `'${a}'`).join(' ');
    const child = spawn('/usr/bin/script', ['-qec', cmd, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, DPU_GITOPS_RENDER_SERVER: socketPath, DPU_GITOPS_STDERR_TTY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.resume();
    child.stderr.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 3);
    assert.equal(requests[0]?.env.DPU_GITOPS_STDERR_TTY, '1');
  });

  it('a fresh `template` process is served too: the command, argv and its directory go over, the answer comes back byte for byte', async () => {
    requests.length = 0;
    const dir = mkdtempSync(join(tmpdir(), 'template-client-'));
    const r = await runCli(['template', 'rel', 'charts/x', '-f', 'v.yaml'], dir, { DPU_GITOPS_RENDER_SERVER_AUTOSTART: 'false' });
    assert.equal(r.code, 3);
    assert.deepEqual(r.out, STDOUT);
    assert.deepEqual(r.err, STDERR);
    const [request] = requests;
    assert.ok(request);
    assert.equal(request.command, 'template');
    assert.deepEqual(request.argv, ['rel', 'charts/x', '-f', 'v.yaml']);
    assert.equal(request.cwd, dir);
  });
});
