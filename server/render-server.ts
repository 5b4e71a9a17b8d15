/**
 * A long-lived render process for the CMP sidecar. ArgoCD starts a fresh `dpu-gitops generate`
 * per manifest request; with DPU_GITOPS_RENDER_SERVER set, that process only forwards its argv,
 * cwd and environment here and relays the answer, so the render runs in an already loaded and
 * JIT-warm worker instead of a cold process.
 *
 * Every bound of the CLI run holds: each run is one task in a worker thread with the request's
 * deadline (terminating the worker stops the work) and the worker's heap limit; a worker that
 * times out, runs out of memory or crashes fails only its own run and is replaced. stdout is held
 * until the run succeeds, exactly as cli/isolated-command.ts does. A run that finds no idle
 * worker is not queued: the client runs it itself, so concurrency is never worse than without
 * the server. Workers are recycled after a number of runs so no state lives forever.
 */
import { chmodSync, existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { goStringToBytes } from '../helm/template/gostring.js';
import { memoryLimits } from '../isolation/limits.js';
import { siblingModule } from '../isolation/module-url.js';
import type { OutputMessage } from '../isolation/protocol.js';
import { WorkerHost } from '../isolation/worker-host.js';
import type { CommandTask } from '../cli/command-worker.js';
import { stoppedMessage } from '../cli/stopped-message.js';
import { buildId } from './build-id.js';
import { encodeFrame, FRAME, FrameError, FrameReader, PROTOCOL_VERSION, SERVED_COMMANDS, type RenderRequest } from './protocol.js';

export interface RenderServerOptions {
  socketPath: string;
  /** Warm workers (>= 1). */
  workers: number;
  /** Heap of each worker, MiB; a request asking for another limit is run by its client. */
  memoryMb: number;
  /** Runs per worker before it is replaced by a fresh one. */
  runsPerWorker: number;
  /** Exit after this long without a request (0: never). */
  idleExitMs: number;
  build?: string;
  onLog?: (event: string, fields: Record<string, unknown>) => void;
}

/** Output of one run goes to the connection that asked for it. */
interface Slot {
  host: WorkerHost<CommandTask, number>;
  runs: number;
  sink: ((m: OutputMessage) => void) | undefined;
}

/** Output frames stay under this, so a 90 MB stream never needs one 90 MB buffer twice. */
const OUTPUT_CHUNK_BYTES = 1024 * 1024;

export class RenderServer {
  private readonly slots: Slot[] = [];
  private readonly server: Server;
  private readonly build: string;
  private idleTimer: NodeJS.Timeout | undefined;
  private active = 0;
  private closed = false;
  private counters = { runs: 0, declined: 0, replaced: 0 };

  constructor(private readonly options: RenderServerOptions) {
    this.build = options.build ?? buildId();
    for (let i = 0; i < options.workers; i++) this.slots.push(this.newSlot());
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Listens on the socket path (a stale socket of a dead server is removed first). */
  async listen(): Promise<void> {
    const { socketPath } = this.options;
    mkdirSync(dirname(socketPath), { recursive: true, mode: 0o700 });
    if (existsSync(socketPath)) {
      if (await answers(socketPath)) throw new Error(`a render server already listens on ${socketPath}`);
      unlinkSync(socketPath);
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(socketPath, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    // Only our own uid may ask for renders (they read the app's files and credentials).
    chmodSync(socketPath, 0o600);
    this.armIdleTimer();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all(this.slots.map((s) => s.host.terminate()));
  }

  /** Runs served, runs declined (busy, other build or limits, bad request), workers replaced. */
  stats(): { runs: number; declined: number; replaced: number; workers: number; busy: number } {
    return { ...this.counters, workers: this.slots.length, busy: this.slots.filter((s) => s.host.busy).length };
  }

  /** Resolves when the server has closed (idle exit or close()). */
  closedPromise(): Promise<void> {
    return new Promise((resolve) => this.server.once('close', () => resolve()));
  }

  private newSlot(): Slot {
    const slot: Slot = { host: undefined as unknown as WorkerHost<CommandTask, number>, runs: 0, sink: undefined };
    slot.host = new WorkerHost<CommandTask, number>({
      url: siblingModule(import.meta.url, '../cli/command-worker.js'),
      memory: memoryLimits(this.options.memoryMb),
      label: 'generate',
      onOutput: (m) => slot.sink?.(m),
    });
    return slot;
  }

  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.options.idleExitMs <= 0 || this.closed) return;
    this.idleTimer = setTimeout(() => {
      if (this.active === 0) {
        this.options.onLog?.('idle exit', { idleExitMs: this.options.idleExitMs });
        void this.close();
      } else this.armIdleTimer();
    }, this.options.idleExitMs);
    this.idleTimer.unref();
  }

  private accept(socket: Socket): void {
    const reader = new FrameReader();
    let started = false;
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      if (started) return; // one request per connection; anything after it is ignored
      let frames;
      try {
        frames = reader.push(chunk);
      } catch (err) {
        socket.end(encodeFrame(FRAME.unavailable, JSON.stringify({ reason: err instanceof FrameError ? err.message : 'bad frame' })));
        return;
      }
      const first = frames[0];
      if (!first) return;
      started = true;
      void this.serve(socket, first.type, first.body);
    });
  }

  private async serve(socket: Socket, type: number, body: Buffer): Promise<void> {
    const refuse = (reason: string): void => {
      this.counters.declined += 1;
      socket.end(encodeFrame(FRAME.unavailable, JSON.stringify({ reason })));
    };
    if (type !== FRAME.request) return refuse('expected a request frame');
    let request: RenderRequest;
    try {
      request = parseRequest(body);
    } catch (err) {
      return refuse(err instanceof Error ? err.message : 'bad request');
    }
    if (request.version !== PROTOCOL_VERSION || request.build !== this.build) return refuse('the server runs another build');
    if (request.memoryMb !== this.options.memoryMb) return refuse(`the server's workers have ${this.options.memoryMb} MiB, the run asks for ${request.memoryMb}`);
    const slot = this.idleSlot();
    if (!slot) return refuse('all workers are busy');

    this.active += 1;
    const started = Date.now();
    // ArgoCD killed the client (its own timeout): stop the work, free the worker.
    let answered = false;
    socket.once('close', () => {
      if (!answered) void slot.host.terminate();
    });
    const stdout: Buffer[] = [];
    slot.sink = (m) => {
      const bytes = Buffer.from(goStringToBytes(m.text));
      if (m.output === 'stdout') stdout.push(bytes);
      else socket.write(encodeFrame(FRAME.stderr, bytes));
    };
    let code: number;
    try {
      code = await slot.host.run({ command: request.command, argv: request.argv, env: request.env, cwd: request.cwd }, request.deadlineSeconds * 1000);
      for (const chunk of chunked(Buffer.concat(stdout), OUTPUT_CHUNK_BYTES)) socket.write(encodeFrame(FRAME.stdout, chunk));
    } catch (err) {
      socket.write(encodeFrame(FRAME.stderr, `error: ${stoppedMessage(request.command, err, { deadlineSeconds: request.deadlineSeconds, memoryMb: request.memoryMb })}; nothing printed on stdout\n`));
      code = 1;
    } finally {
      slot.sink = undefined;
      slot.runs += 1;
      this.counters.runs += 1;
      this.active -= 1;
      this.recycle(slot);
      this.armIdleTimer();
    }
    answered = true;
    this.options.onLog?.('run', { code, ms: Date.now() - started, runs: slot.runs });
    socket.end(encodeFrame(FRAME.exit, JSON.stringify({ code })));
  }

  private idleSlot(): Slot | undefined {
    for (const slot of this.slots) if (slot.host.usable && !slot.host.busy) return slot;
    // A dead worker between runs (should not happen) is replaced but not handed out warm.
    for (let i = 0; i < this.slots.length; i++) {
      if (this.slots[i]!.host.usable) continue;
      this.slots[i] = this.newSlot();
      this.counters.replaced += 1;
    }
    return undefined;
  }

  /** A worker that died (timeout, memory, crash) or served its runs is replaced by a fresh one. */
  private recycle(slot: Slot): void {
    if (this.closed) return;
    if (slot.host.usable && slot.runs < this.options.runsPerWorker) return;
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    if (slot.host.usable) void slot.host.terminate();
    this.slots[at] = this.newSlot();
    this.counters.replaced += 1;
  }
}

function parseRequest(body: Buffer): RenderRequest {
  const value: unknown = JSON.parse(body.toString('utf8'));
  const r = value as Partial<RenderRequest>;
  const isStringRecord = (o: unknown): o is Record<string, string> =>
    typeof o === 'object' && o !== null && !Array.isArray(o) && Object.values(o).every((v) => typeof v === 'string');
  if (
    typeof r !== 'object' ||
    r === null ||
    !SERVED_COMMANDS.includes(r.command as RenderRequest['command']) ||
    !Array.isArray(r.argv) ||
    !r.argv.every((a) => typeof a === 'string') ||
    typeof r.cwd !== 'string' ||
    !isStringRecord(r.env) ||
    typeof r.deadlineSeconds !== 'number' ||
    !(r.deadlineSeconds > 0) ||
    typeof r.memoryMb !== 'number' ||
    typeof r.build !== 'string' ||
    typeof r.version !== 'number'
  ) {
    throw new Error('malformed request');
  }
  return r as RenderRequest;
}

function* chunked(buf: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < buf.length; at += size) yield buf.subarray(at, at + size);
}

/** True when something accepts connections on the socket path. */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(socketPath);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
