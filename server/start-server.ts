/**
 * Starts a render server in the background for the next runs: detached, in its own session, with
 * no inherited stdio (ArgoCD waits for the generate process's pipes to close, so a server holding
 * them would hang every request). Its log goes to a file beside the socket. Kept apart from
 * render-client.ts so a served run never loads node:child_process.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export function startServerInBackground(socketPath: string, entryScript: string, memoryMb: number): void {
  try {
    mkdirSync(dirname(socketPath), { recursive: true, mode: 0o700 });
    const log = openSync(`${socketPath}.log`, 'a', 0o600);
    // execArgv: run from source under tsx, the server needs the same loader.
    const child = spawn(process.execPath, [...process.execArgv, entryScript, 'render-server', '--socket', socketPath, '--memory-mb', String(memoryMb)], {
      detached: true,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    child.unref();
  } catch {
    // No server this time: every run still works, only cold.
  }
}
