/**
 * The thin side of the render server: forwards one `generate` run (argv, cwd, environment, the
 * run's deadline and heap) over the Unix socket and writes the answer's bytes to this process's
 * stdout and stderr exactly as they come, then exits with the run's status. When no server
 * answers (none started yet, another build, all workers busy) it returns `undefined` and the
 * caller runs the command itself, so the server only ever makes a run faster, never different.
 *
 * Imports only node:net, the build id and the protocol: every ArgoCD request is a fresh process
 * that loads this, so it loads nothing a served run does not use (starting a server lives in
 * start-server.ts, loaded only when none answers).
 */
import { createConnection } from 'node:net';
import { buildId } from './build-id.js';
import { FRAME, FrameReader, encodeFrame, PROTOCOL_VERSION, type RenderRequest, type ServedCommand } from './protocol.js';

export interface RemoteRun {
  socketPath: string;
  command: ServedCommand;
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  deadlineSeconds: number;
  memoryMb: number;
  /** The client's build (default: this process's, see build-id.ts). */
  build?: string;
  write: { stdout(bytes: Buffer): void; stderr(bytes: Buffer): void };
}

/**
 * `ran`: the server ran it (its output is written). `no-server`: nothing listens on the socket.
 * `declined`: a server answered but will not take this run (busy, another build, other limits).
 * In the last two cases nothing was written.
 */
export type RemoteAnswer = { kind: 'ran'; code: number } | { kind: 'no-server' } | { kind: 'declined'; reason: string };

export function runRemote(run: RemoteRun): Promise<RemoteAnswer> {
  return new Promise((resolve) => {
    const socket = createConnection(run.socketPath);
    const reader = new FrameReader();
    let settled = false;
    let connected = false;
    let wroteAnything = false;
    const settle = (answer: RemoteAnswer): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => {
      connected = true;
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(run.env)) if (v !== undefined) env[k] = v;
      const request: RenderRequest = {
        version: PROTOCOL_VERSION,
        build: run.build ?? buildId(),
        command: run.command,
        argv: run.argv,
        cwd: run.cwd,
        env,
        deadlineSeconds: run.deadlineSeconds,
        memoryMb: run.memoryMb,
      };
      socket.write(encodeFrame(FRAME.request, JSON.stringify(request)));
    });
    socket.on('data', (chunk: Buffer) => {
      let frames;
      try {
        frames = reader.push(chunk);
      } catch {
        return lost();
      }
      for (const f of frames) {
        if (f.type === FRAME.stderr) {
          wroteAnything = true;
          run.write.stderr(f.body);
        } else if (f.type === FRAME.stdout) {
          wroteAnything = true;
          run.write.stdout(f.body);
        } else if (f.type === FRAME.exit) {
          const { code } = JSON.parse(f.body.toString('utf8')) as { code: number };
          return settle({ kind: 'ran', code });
        } else if (f.type === FRAME.unavailable) {
          const { reason } = JSON.parse(f.body.toString('utf8')) as { reason: string };
          return settle({ kind: 'declined', reason });
        }
      }
    });
    // The server went away mid-run. Before any output the run can simply happen here; after
    // some, stdout was not written yet (it comes last) but stderr was, so fail the run clearly.
    const lost = (): void => {
      if (settled) return; // our own destroy() after the exit frame
      if (!connected) return settle({ kind: 'no-server' });
      if (!wroteAnything) return settle({ kind: 'declined', reason: 'the server closed the connection' });
      run.write.stderr(Buffer.from('error: the render server stopped during the run; nothing printed on stdout\n'));
      settle({ kind: 'ran', code: 1 });
    };
    socket.once('error', lost);
    socket.once('close', lost);
  });
}
