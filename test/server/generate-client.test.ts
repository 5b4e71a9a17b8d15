// The client side of a served `generate` (cli/generate-command.ts): against a stand-in server that
// records the request and answers with fixed frames, it sends the run's argv, cwd and environment,
// writes the answer's bytes as they came, and exits with the answer's status.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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

  it('forwards argv, cwd and environment', async () => {
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
  });

  it('a fresh CLI process writes the answer byte for byte and exits with its status', async () => {
    requests.length = 0;
    // stderr on a pipe, as ArgoCD's cmp-server gives it
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/main.ts'), 'generate'], {
      cwd: ROOT,
      env: { ...process.env, DPU_GITOPS_RENDER_SERVER: socketPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 3);
    assert.deepEqual(Buffer.concat(out), STDOUT);
    assert.deepEqual(Buffer.concat(err), STDERR);
  });
});
