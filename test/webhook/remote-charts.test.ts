// The real HTTPS webhook reviewing DPUServices whose charts live in real remote sources on
// 127.0.0.1 (scripts/test-servers/servers.ts): an https Helm repository whose index.yaml real
// `helm repo index` wrote, and Debian's docker-registry with charts pushed by real `helm push`.
// Charts come through the CMP's chart sources (cli/webhook.ts chartResolver → plugin/chart-source).
// Skips with the reason when docker-registry, htpasswd, openssl or helm are not installed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartResolver } from '../../cli/webhook.js';
import { missingTools, startServers, type TestServers } from '../../scripts/test-servers/servers.js';
import { loadReview } from './fixtures.js';
import { startHarness, type Harness } from './harness.js';

const EXAMPLE_CHART = new URL('../../examples/charts/dummydpuservice', import.meta.url).pathname;
const skip = missingTools() ?? false;
const ARM64_WARNING = 'arm64-image: DaemonSet dummydpuservice/dpu-cplane-dummydpuservice-dummy: cannot verify arm64 support of example.com/d...';
let servers: TestServers;
let work: string;
let cacheDir: string;
let h: Harness;

/** The chart resolver `dpu-gitops webhook` builds, with the sidecar-style env pointing at the test servers. */
function resolverFor(timeoutMs: number) {
  return chartResolver({
    chartDirs: [],
    chartPaths: {},
    vendorDir: '',
    chartRoot: work,
    fetch: true,
    // The test servers listen on 127.0.0.1 with free ports.
    allowedRepos: ['https://127.0.0.1:*/**', 'oci://127.0.0.1:*/**'],
    env: {
      DPU_GITOPS_CA_FILE: servers.caFile,
      DPU_GITOPS_CREDENTIALS: join(work, 'credentials.yaml'),
      DPU_GITOPS_CACHE_DIR: cacheDir,
      DPU_GITOPS_OCI_PLAIN_HTTP: 'true',
    },
    timeoutMs,
    cacheTtlMs: 60_000,
  })!;
}

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'dpu-webhook-remote-'));
  cacheDir = join(work, 'cache');
  const v2 = join(work, 'chart-v2');
  cpSync(EXAMPLE_CHART, v2, { recursive: true });
  writeFileSync(join(v2, 'Chart.yaml'), readFileSync(join(v2, 'Chart.yaml'), 'utf8').replace(/^version: .*$/m, 'version: 0.2.0'));
  servers = await startServers(join(work, 'servers'), [EXAMPLE_CHART, v2]);
  writeFileSync(
    join(work, 'credentials.yaml'),
    `repositories:\n- url: ${servers.ociRepoURL}\n  username: ${servers.username}\n  passwordFile: ${join(work, 'oci-password')}\n`,
  );
  writeFileSync(join(work, 'oci-password'), servers.password);
  h = await startHarness({ resolver: resolverFor(5000), chartTimeoutMs: 5000 });
});

after(async () => {
  if (h) await h.webhook.close();
  if (servers) await servers.stop();
});

/** The valid DPUService review with its chart source pointed elsewhere. */
function reviewWithSource(source: { repoURL: string; chart: string; version: string }) {
  const review = loadReview('dpuservice-create-valid');
  review.request.object.spec.helmChart.source = source;
  return review;
}

test('DPUService whose chart is in a real https Helm repository: fetched, digest-checked, rendered, allowed', { skip }, async () => {
  const r = await h.post(reviewWithSource({ repoURL: servers.helmRepoURL, chart: 'dummydpuservice-chart', version: '0.1.0' }));
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.response, { uid: '3f1c2a10-0006-4d6e-9b1a-5a0f6c1e2d06', allowed: true, warnings: [ARM64_WARNING] });
  // The archive went into the CMP's content-addressed cache.
  assert.equal(readdirSync(join(cacheDir, 'blobs', 'sha256')).length >= 1, true);
});

test('DPUService whose chart is in a real OCI registry (htpasswd auth from the credentials file): allowed', { skip }, async () => {
  const r = await h.post(reviewWithSource({ repoURL: servers.ociRepoURL, chart: 'dummydpuservice-chart', version: '0.2.0' }));
  assert.deepEqual(r.json.response, { uid: '3f1c2a10-0006-4d6e-9b1a-5a0f6c1e2d06', allowed: true, warnings: [ARM64_WARNING] });
});

test('a version the https repository does not have: denied 503 naming repository, chart, version and category only, no secret', { skip }, async () => {
  const r = await h.post(reviewWithSource({ repoURL: servers.helmRepoURL, chart: 'dummydpuservice-chart', version: '9.9.9' }));
  assert.equal(r.json.response.allowed, false);
  assert.equal(r.json.response.status.code, 503);
  assert.match(
    r.json.response.status.message,
    new RegExp(`chart ${servers.helmRepoURL.replace(/[.]/g, '\\.')} dummydpuservice-chart 9\\.9\\.9 unavailable: not-found: ${servers.helmRepoURL.replace(/[.]/g, '\\.')} has no dummydpuservice-chart 9\\.9\\.9\\.`),
  );
  const oci = await h.post(reviewWithSource({ repoURL: servers.ociRepoURL, chart: 'dummydpuservice-chart', version: '7.7.7' }));
  assert.match(oci.json.response.status.message, /unavailable: not-found: oci:\/\/127\.0\.0\.1:\d+\/dpf has no dummydpuservice-chart 7\.7\.7\./);
  assert.doesNotMatch(oci.json.response.status.message, new RegExp(servers.password));
});

test('a repository that accepts the connection and never answers: denied at the chart deadline, the download aborted', { skip }, async () => {
  const sockets: Socket[] = [];
  let closed = 0;
  const hang: Server = createServer((s) => {
    sockets.push(s);
    s.resume(); // read, so the client's close is seen
    s.on('close', () => closed++);
  });
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
  const port = (hang.address() as { port: number }).port;
  // The per-request fetch timeout is far away: only the review's deadline (its abort signal) can end the download.
  const slow = await startHarness({ resolver: resolverFor(60_000), chartTimeoutMs: 300 });
  const lenient = await startHarness({ resolver: resolverFor(60_000), chartTimeoutMs: 300, onChartUnavailable: 'allow' });
  try {
    const source = { repoURL: `https://127.0.0.1:${port}/dpf`, chart: 'dummydpuservice-chart', version: '0.1.0' };
    const started = Date.now();
    const r = await slow.post(reviewWithSource(source));
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 290, `denied after ${elapsed} ms, before the deadline`);
    assert.deepEqual([r.json.response.allowed, r.json.response.status.code], [false, 503]);
    assert.match(r.json.response.status.message, /chart https:\/\/127\.0\.0\.1:\d+\/dpf dummydpuservice-chart 0\.1\.0 unavailable: timed out after 300 ms/);
    const allowed = await lenient.post(reviewWithSource(source));
    assert.deepEqual(allowed.json.response.allowed, true);
    assert.match(allowed.json.response.warnings[0], /^chart-unavailable: chart https:\/\/127\.0\.0\.1:\d+\/dpf dummydpuservice-chart 0\.1\.0 unavailable: timed out after 300 ms$/);
    // The aborted requests closed their connections: nothing is left waiting on the repository.
    for (let i = 0; i < 50 && closed < sockets.length; i++) await new Promise((res) => setTimeout(res, 20));
    assert.ok(sockets.length >= 2, `${sockets.length} connections`);
    assert.equal(closed, sockets.length);
  } finally {
    await slow.webhook.close();
    await lenient.webhook.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => hang.close(() => r()));
  }
});
