/**
 * Small https/http servers on 127.0.0.1 for the fetch-policy tests: each records every request
 * (path and the Authorization header it carried) and answers through a route function. Chart
 * archives are packaged and index.yaml files written by real helm (`helm package`,
 * `helm repo index --url`), so the layout is the one helm writes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELM } from '../../../scripts/test-servers/servers.js';
import { makeCert, type TestCert } from '../../webhook/tls.js';

export const EXAMPLE_CHART = new URL('../../../examples/charts/dummydpuservice', import.meta.url).pathname;
export const EXAMPLE_CHART_NAME = 'dummydpuservice-chart';

export interface SeenRequest {
  path: string;
  authorization: string | undefined;
}

export interface RecordingServer {
  url: string;
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** Why these tests cannot run here (no openssl or helm), or undefined. */
export function missingHelmOrOpenssl(): string | undefined {
  if (spawnSync('sh', ['-c', 'command -v openssl']).status !== 0) return 'openssl is not installed';
  if (spawnSync(HELM, ['version', '--short']).status !== 0) return `helm v3 not found at ${HELM}`;
  return undefined;
}

let sharedCert: TestCert | undefined;

/** One self-signed certificate for 127.0.0.1, shared by every https server of a test file. */
export function testCert(): TestCert {
  return (sharedCert ??= makeCert());
}

export async function startRecordingServer(scheme: 'https' | 'http', route: Route): Promise<RecordingServer> {
  const seen: SeenRequest[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    route(req, res);
  };
  const cert = testCert();
  const server: Server = scheme === 'https' ? (createHttpsServer({ cert: cert.cert, key: readFileSync(cert.keyFile) }, handler) as unknown as Server) : createHttpServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Packages the example chart at `version` with real helm; returns the archive bytes and file name. */
export function packageChart(version = '0.1.0', source = EXAMPLE_CHART): { name: string; data: Buffer } {
  const work = mkdtempSync(join(tmpdir(), 'fetch-policy-chart-'));
  const dir = join(work, 'chart');
  cpSync(source, dir, { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), readFileSync(join(dir, 'Chart.yaml'), 'utf8').replace(/^version: .*$/m, `version: ${version}`));
  mustHelm(['package', dir, '-d', join(work, 'out')], work);
  const name = readdirSync(join(work, 'out')).find((n) => n.endsWith('.tgz'))!;
  return { name, data: readFileSync(join(work, 'out', name)) };
}

/** index.yaml written by `helm repo index` for these archives, with chart URLs under `baseUrl` (or relative). */
export function helmIndex(archives: { name: string; data: Buffer }[], baseUrl?: string): string {
  const work = mkdtempSync(join(tmpdir(), 'fetch-policy-index-'));
  mkdirSync(join(work, 'repo'));
  for (const a of archives) writeFileSync(join(work, 'repo', a.name), a.data);
  mustHelm(['repo', 'index', join(work, 'repo'), ...(baseUrl ? ['--url', baseUrl] : [])], work);
  return readFileSync(join(work, 'repo', 'index.yaml'), 'utf8');
}

function mustHelm(args: string[], work: string): void {
  const env = { ...process.env, HELM_CONFIG_HOME: join(work, 'h/config'), HELM_CACHE_HOME: join(work, 'h/cache'), HELM_DATA_HOME: join(work, 'h/data') };
  const r = spawnSync(HELM, args, { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`helm ${args.join(' ')}: ${r.stderr}`);
}
