// The render server (server/render-server.ts) against the run it replaces: every answer must be
// the bytes and exit status of the same `generate` run in the CLI's own isolated worker
// (cli/isolated-command.ts), and no request, however hostile, may stop the server.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { captureIO } from '../../cli/io.js';
import { runIsolatedCommand } from '../../cli/isolated-command.js';
import { runTemplate } from '../../cli/template.js';
import { RenderServer } from '../../server/render-server.js';
import { runRemote, type RemoteAnswer } from '../../server/render-client.js';
import { encodeFrame, FRAME, MAX_FRAME_BYTES } from '../../server/protocol.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const BUILD = 'test-build';
const MEMORY_MB = 1024;

function exampleRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'render-server-'));
  cpSync(join(ROOT, 'examples'), repo, { recursive: true });
  return repo;
}

function generateArgs(repo: string): string[] {
  return [
    '--app-dir', join(repo, 'services'), '--repo-root', repo, '--cluster', 'dpu-cplane-tenant1',
    '--chart-path', `https://helm.example.com/dpf/dummydpuservice-chart=${join(repo, 'charts/dummydpuservice')}`,
    '--chart-path', `https://helm.example.com/dpf/hbn-like-chart=${join(repo, 'charts/hbn-like')}`, '--inventory', join(repo, 'inventory.yaml'),
  ];
}

/** A template that renders for seconds under every size limit (the render's own 5 s budget ends it). */
const SLOW_TEMPLATE = '{{ range until 1000 }}{{ range until 1000 }}{{ range until 1000 }}{{ end }}{{ end }}{{ end }}\n';

/** pino lines carry the time, pid and host of the process that wrote them; the summary its run's duration. */
const withoutLogStamps = (s: string): string =>
  s
    .replace(/"(time|pid|hostname)":("[^"]*"|\d+),/g, '')
    .replace(/"elapsedMs":\d+/g, '"elapsedMs":0')
    .replace(/\(\d+\.\d\d s\)/g, '(0.00 s)');

interface Remote { answer: RemoteAnswer; out: Buffer; err: Buffer }

async function remote(
  socketPath: string,
  argv: string[],
  opts: { deadlineSeconds?: number; memoryMb?: number; build?: string; env?: Record<string, string>; command?: 'generate' | 'template'; cwd?: string } = {},
): Promise<Remote> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const answer = await runRemote({
    socketPath,
    command: opts.command ?? 'generate',
    argv,
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...(opts.env ?? {}) },
    deadlineSeconds: opts.deadlineSeconds ?? 50,
    memoryMb: opts.memoryMb ?? MEMORY_MB,
    build: opts.build ?? BUILD,
    write: { stdout: (b) => out.push(b), stderr: (b) => err.push(b) },
  });
  // Nothing may be written once the answer is in (the client's own close must stay silent).
  const written = out.length + err.length;
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(out.length + err.length, written, 'no output after the answer');
  return { answer, out: Buffer.concat(out), err: Buffer.concat(err) };
}

async function local(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await runIsolatedCommand('generate', argv, io, { deadlineSeconds: 50, memoryMb: MEMORY_MB, stoppedExitCode: 1 }, { env: { ...process.env, ...env }, cwd: ROOT });
  return { code, out: io.out(), err: io.err() };
}

describe('render server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'render-sock-'));
  const socketPath = join(dir, 'render.sock');
  let server: RenderServer;

  before(async () => {
    server = new RenderServer({ socketPath, workers: 1, memoryMb: MEMORY_MB, runsPerWorker: 1000, idleExitMs: 0, build: BUILD });
    await server.listen();
  });
  after(async () => {
    await server.close();
  });

  it('answers a generate with the bytes and status of the same run in its own worker, warm runs included', async () => {
    const repo = exampleRepo();
    const expected = await local(generateArgs(repo));
    assert.equal(expected.code, 0, expected.err);
    for (let i = 0; i < 3; i++) {
      const r = await remote(socketPath, generateArgs(repo));
      assert.deepEqual(r.answer, { kind: 'ran', code: 0 }, r.err.toString());
      assert.equal(r.out.toString('utf8'), expected.out, `run ${i + 1}: stdout`);
      assert.equal(withoutLogStamps(r.err.toString('utf8')), withoutLogStamps(expected.err), `run ${i + 1}: stderr`);
    }
  });

  it('a failing run fails the same way: same stderr, same status, nothing on stdout', async () => {
    const argv = ['--app-dir', join(exampleRepo(), 'services'), '--no-config']; // no --cluster
    const expected = await local(argv);
    assert.equal(expected.code, 1);
    const r = await remote(socketPath, argv);
    assert.deepEqual(r.answer, { kind: 'ran', code: 1 });
    assert.equal(r.out.length, 0);
    assert.equal(withoutLogStamps(r.err.toString('utf8')), withoutLogStamps(expected.err));
  });

  it('a render bomb is stopped at the run deadline, prints nothing on stdout, and the next run is served', async () => {
    const repo = exampleRepo();
    writeFileSync(join(repo, 'charts', 'dummydpuservice', 'templates', 'bomb.yaml'), SLOW_TEMPLATE);
    const before = server.stats().replaced;
    const r = await remote(socketPath, generateArgs(repo), { deadlineSeconds: 2, env: { DPU_GITOPS_LOG_LEVEL: 'silent' } });
    assert.equal(r.answer.kind, 'ran');
    assert.equal((r.answer as { code: number }).code, 1);
    assert.equal(r.out.length, 0);
    assert.match(r.err.toString(), /generate did not finish within 2 s \(DPU_GITOPS_DEADLINE_SECONDS\) and was stopped; nothing printed on stdout/);
    const ok = await remote(socketPath, generateArgs(exampleRepo()));
    assert.deepEqual(ok.answer, { kind: 'ran', code: 0 }, ok.err.toString());
    assert.ok(server.stats().replaced > before, 'the stopped worker was replaced');
  });

  it('declines, without writing anything, a run it should not take: busy, another build, another heap limit', async () => {
    const repo = exampleRepo();
    writeFileSync(join(repo, 'charts', 'dummydpuservice', 'templates', 'slow.yaml'), SLOW_TEMPLATE);
    const slow = remote(socketPath, generateArgs(repo), { deadlineSeconds: 3, env: { DPU_GITOPS_LOG_LEVEL: 'silent' } });
    await new Promise((r) => setTimeout(r, 300));
    const busy = await remote(socketPath, generateArgs(exampleRepo()));
    assert.deepEqual(busy.answer, { kind: 'declined', reason: 'all workers are busy' });
    assert.equal(busy.out.length + busy.err.length, 0);
    await slow;
    const otherBuild = await remote(socketPath, generateArgs(exampleRepo()), { build: 'another' });
    assert.deepEqual(otherBuild.answer, { kind: 'declined', reason: 'the server runs another build' });
    const otherHeap = await remote(socketPath, generateArgs(exampleRepo()), { memoryMb: 2048 });
    assert.equal(otherHeap.answer.kind, 'declined');
  });

  it('a client that goes away mid-run stops the work; the server keeps serving', async () => {
    const repo = exampleRepo();
    writeFileSync(join(repo, 'charts', 'dummydpuservice', 'templates', 'slow.yaml'), SLOW_TEMPLATE);
    const before = server.stats().replaced;
    const socket = createConnection(socketPath);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(
      encodeFrame(
        FRAME.request,
        JSON.stringify({ version: 1, build: BUILD, command: 'generate', argv: generateArgs(repo), cwd: ROOT, env: { DPU_GITOPS_LOG_LEVEL: 'silent' }, deadlineSeconds: 40, memoryMb: MEMORY_MB }),
      ),
    );
    await new Promise((r) => setTimeout(r, 400));
    socket.destroy();
    // The 40 s run was stopped when its client left: the next one finds the worker free well before that.
    const ok = await remote(socketPath, generateArgs(exampleRepo()), { deadlineSeconds: 20 });
    assert.deepEqual(ok.answer, { kind: 'ran', code: 0 }, ok.err.toString());
    assert.ok(server.stats().replaced > before);
  });

  it('hostile frames: oversized, garbage, malformed requests are refused and the server answers the next run', async () => {
    const send = (bytes: Buffer): Promise<Buffer> =>
      new Promise((resolve) => {
        const s = createConnection(socketPath);
        const got: Buffer[] = [];
        s.on('data', (c: Buffer) => got.push(c));
        s.on('error', () => resolve(Buffer.concat(got)));
        s.on('close', () => resolve(Buffer.concat(got)));
        s.on('connect', () => s.end(bytes));
      });
    const oversized = Buffer.alloc(5);
    oversized[0] = FRAME.request;
    oversized.writeUInt32BE(MAX_FRAME_BYTES + 1, 1);
    assert.equal((await send(oversized))[0], FRAME.unavailable);
    assert.equal((await send(encodeFrame(FRAME.request, '{not json')))[0], FRAME.unavailable);
    assert.equal((await send(encodeFrame(FRAME.request, JSON.stringify({ version: 1, command: 'rm -rf', argv: [] }))))[0], FRAME.unavailable);
    assert.equal((await send(encodeFrame(FRAME.stdout, 'hello')))[0], FRAME.unavailable);
    await send(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    const ok = await remote(socketPath, generateArgs(exampleRepo()));
    assert.deepEqual(ok.answer, { kind: 'ran', code: 0 });
  });

  it("a warm worker runs each generate in its own process's environment (TZ for date functions)", { skip: existsSync('/usr/share/zoneinfo/Asia/Tokyo') ? false : 'no zoneinfo database' }, async () => {
    const repo = exampleRepo();
    writeFileSync(
      join(repo, 'charts', 'dummydpuservice', 'templates', 'zone.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-zone\ndata:\n  zone: {{ date "MST" 0 | quote }}\n',
    );
    // The zone abbreviations the system's tz database gives for the epoch.
    for (const [tz, zone] of [['America/New_York', 'EST'], ['Asia/Tokyo', 'JST'], ['America/New_York', 'EST']] as const) {
      const r = await remote(socketPath, generateArgs(repo), { env: { TZ: tz } });
      assert.deepEqual(r.answer, { kind: 'ran', code: 0 }, r.err.toString());
      assert.match(r.out.toString(), new RegExp(`zone: "?${zone}"?\n`), tz);
    }
  });

  it('answers a template from the client\'s directory: relative CHART, -f and --set-file as there, helm\'s bytes', async () => {
    const examples = join(exampleRepo(), '.');
    writeFileSync(join(examples, 'motd.txt'), 'served from the client directory\n');
    writeFileSync(
      join(examples, 'charts', 'dummydpuservice', 'templates', 'motd.yaml'),
      '{{- if .Values.motd }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-motd\ndata:\n  motd: {{ .Values.motd | quote }}\n{{- end }}\n',
    );
    const recorded = readFileSync(join(ROOT, 'examples/expected/dummydpuservice.helm-v3.17.3.yaml'), 'utf8');
    // the recorded helm output, from relative paths the server can only resolve in the client's directory
    const plain = await remote(socketPath, ['dummydpuservice', 'charts/dummydpuservice', '--namespace', 'dummydpuservice', '-f', 'values-dpu.yaml'], { command: 'template', cwd: examples });
    assert.deepEqual(plain.answer, { kind: 'ran', code: 0 }, plain.err.toString());
    assert.equal(plain.out.toString('utf8'), recorded);
    assert.equal(plain.err.length, 0);
    // --set-file reads the client's file
    const argv = ['dummydpuservice', './charts/dummydpuservice', '--namespace', 'dummydpuservice', '-f', 'values-dpu.yaml', '--set-file', 'motd=motd.txt'];
    const withFile = await remote(socketPath, argv, { command: 'template', cwd: examples });
    assert.deepEqual(withFile.answer, { kind: 'ran', code: 0 }, withFile.err.toString());
    assert.match(withFile.out.toString('utf8'), /motd: "served from the client directory\\n"/);
    // and the same bytes as the command run here, from the same directory
    const io = captureIO();
    assert.equal(await runTemplate(argv, io, { cwd: examples }), 0);
    assert.equal(withFile.out.toString('utf8'), io.out());
  });

  it('a failing template fails as helm does: its Error line and status, the paths as the client gave them', async () => {
    const examples = exampleRepo();
    const missingChart = await remote(socketPath, ['x', './nope'], { command: 'template', cwd: examples });
    assert.deepEqual(missingChart.answer, { kind: 'ran', code: 1 });
    assert.equal(missingChart.out.length, 0);
    assert.equal(missingChart.err.toString(), 'Error: path "./nope" not found\n');
    const missingValues = await remote(socketPath, ['x', 'charts/dummydpuservice', '-f', 'missing.yaml'], { command: 'template', cwd: examples });
    assert.deepEqual(missingValues.answer, { kind: 'ran', code: 1 });
    assert.equal(missingValues.err.toString(), 'Error: open missing.yaml: no such file or directory\n');
  });

  it('no server on the socket: the client says so and writes nothing', async () => {
    const r = await remote(join(dir, 'nobody.sock'), generateArgs(exampleRepo()));
    assert.deepEqual(r.answer, { kind: 'no-server' });
    assert.equal(r.out.length + r.err.length, 0);
  });
});
