import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { httpGet, HttpError, HTTP_TOTAL_DEADLINE_FACTOR } from '../../plugin/chart-source/http.js';
import { makeCert } from '../webhook/tls.js';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

test('a server trickling bytes cannot hold a request past the whole-response deadline', { timeout: 10_000 }, async () => {
  const server = createHttpServer((_req, res) => {
    res.writeHead(200);
    const t = setInterval(() => res.write('x'), 20);
    res.on('close', () => clearInterval(t));
  });
  const port = await listen(server);
  try {
    await assert.rejects(
      httpGet(`http://127.0.0.1:${port}/index.yaml`, { timeoutMs: 100, maxBytes: 1 << 20 }),
      (e: unknown) => e instanceof HttpError && e.message.includes(`not complete within ${100 * HTTP_TOTAL_DEADLINE_FACTOR}`),
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a redirect from https to http is refused and sends no credentials in the clear', { timeout: 10_000 }, async () => {
  const seen: (string | undefined)[] = [];
  const plain = createHttpServer((req, res) => {
    seen.push(req.headers.authorization);
    res.end('chart');
  });
  const plainPort = await listen(plain);
  const cert = makeCert();
  const secure = createHttpsServer({ cert: cert.cert, key: readFileSync(cert.keyFile) }, (_req, res) => {
    res.writeHead(302, { Location: `http://127.0.0.1:${plainPort}/chart.tgz` });
    res.end();
  });
  const securePort = await listen(secure as unknown as Server);
  try {
    await assert.rejects(
      httpGet(`https://127.0.0.1:${securePort}/chart.tgz`, { timeoutMs: 2000, maxBytes: 1 << 20, ca: cert.cert, headers: { Authorization: 'Basic c2VjcmV0' } }),
      (e: unknown) => e instanceof HttpError && /refusing redirect from https/.test(e.message),
    );
    assert.deepEqual(seen, []);
  } finally {
    plain.close();
    secure.close();
  }
});

test('an https registry whose Bearer realm is plain http gets no credentials', { timeout: 10_000 }, async () => {
  const { fetchFromOci } = await import('../../plugin/chart-source/oci.js');
  const { ChartCache } = await import('../../plugin/chart-source/cache.js');
  const { DEFAULT_ALLOWED_REPOS, RepoAllowlist } = await import('../../plugin/chart-source/allowlist.js');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const seen: (string | undefined)[] = [];
  const tokens = createHttpServer((req, res) => {
    seen.push(req.headers.authorization);
    res.end(JSON.stringify({ token: 't' }));
  });
  const tokenPort = await listen(tokens);
  const cert = makeCert();
  const registry = createHttpsServer({ cert: cert.cert, key: readFileSync(cert.keyFile) }, (_req, res) => {
    res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${tokenPort}/token",service="r"` });
    res.end();
  });
  const registryPort = await listen(registry as unknown as Server);
  const repoURL = `oci://127.0.0.1:${registryPort}/charts`;
  const entry = { url: repoURL, username: 'robot', password: 's3cret', ca: cert.cert };
  try {
    await assert.rejects(
      fetchFromOci(
        { repoURL, chart: 'c', version: '1.0.0' },
        { cache: new ChartCache({ dir: join(mkdtempSync(join(tmpdir(), 'oci-realm-')), 'cache'), maxBytes: 1 << 20, refTtlMs: 0 }), credentials: { lookup: () => entry, globalCa: cert.cert }, allowlist: new RepoAllowlist(DEFAULT_ALLOWED_REPOS), timeoutMs: 2000, maxIndexBytes: 1 << 20, maxChartBytes: 1 << 20 },
      ),
      /is not https: refusing to send credentials/,
    );
    assert.deepEqual(seen, []);
  } finally {
    tokens.close();
    registry.close();
  }
});
