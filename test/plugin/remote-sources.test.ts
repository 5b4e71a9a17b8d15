// Remote chart sources against real servers on 127.0.0.1 (scripts/test-servers/servers.ts): an
// https Helm repository whose index.yaml real `helm repo index` wrote, and Debian's
// docker-registry (distribution 2.8, htpasswd auth) with charts pushed by real `helm push`.
// Skips with the reason when docker-registry, htpasswd, openssl or helm are not installed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ALLOWED_REPOS, RepoAllowlist } from '../../plugin/chart-source/allowlist.js';
import { ChartCache } from '../../plugin/chart-source/cache.js';
import type { CredentialStore } from '../../plugin/chart-source/credentials.js';
import { fetchFromHelmRepo, type RemoteOptions } from '../../plugin/chart-source/http-repo.js';
import { fetchFromOci } from '../../plugin/chart-source/oci.js';
import { missingTools, startServers, type TestServers } from '../../scripts/test-servers/servers.js';

const EXAMPLE_CHART = new URL('../../examples/charts/dummydpuservice', import.meta.url).pathname;
const skip = missingTools() ?? false;
let servers: TestServers;
let work: string;

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'dpu-remote-'));
  const v2 = join(work, 'chart-v2');
  cpSync(EXAMPLE_CHART, v2, { recursive: true });
  writeFileSync(join(v2, 'Chart.yaml'), readFileSync(join(v2, 'Chart.yaml'), 'utf8').replace(/^version: .*$/m, 'version: 0.2.0'));
  servers = await startServers(join(work, 'servers'), [EXAMPLE_CHART, v2]);
});

after(async () => {
  if (servers) await servers.stop();
});

function options(creds: boolean, cacheDir = join(work, `cache-${Math.random()}`)): RemoteOptions {
  const entry = { url: servers.ociRepoURL, username: servers.username, password: servers.password, ca: servers.ca };
  const credentials: CredentialStore = { lookup: (url) => (creds && url.startsWith('oci://') ? entry : undefined), globalCa: servers.ca };
  return { cache: new ChartCache({ dir: cacheDir, maxBytes: 1 << 30, refTtlMs: 60_000 }), credentials, allowlist: new RepoAllowlist(DEFAULT_ALLOWED_REPOS), timeoutMs: 5000, maxIndexBytes: 1 << 20, maxChartBytes: 1 << 22, ociPlainHttp: true };
}

test('https repo: exact version from index.yaml, digest verified, cached by digest', { skip }, async () => {
  const opts = options(false);
  const r = await fetchFromHelmRepo({ repoURL: servers.helmRepoURL, chart: 'dummydpuservice-chart', version: '0.1.0' }, opts);
  assert.equal(r.chart.metadata.version, '0.1.0');
  assert.match(r.origin, /\/dpf\/charts\/dummydpuservice-chart-0\.1\.0\.tgz@sha256:[0-9a-f]{64}$/);
  const blobs = readdirSync(join(opts.cache.opts.dir, 'blobs', 'sha256'));
  assert.equal(blobs.length, 1);
  // Second fetch: index and archive both come from the cache (servers not needed).
  await servers.stop();
  const again = await fetchFromHelmRepo({ repoURL: servers.helmRepoURL, chart: 'dummydpuservice-chart', version: '0.1.0' }, opts);
  assert.equal(again.origin, r.origin);
  servers = await startServers(join(work, 'servers2'), [EXAMPLE_CHART, join(work, 'chart-v2')]);
});

test('https repo: a semver constraint picks the highest match, as helm IndexFile.Get', { skip }, async () => {
  const r = await fetchFromHelmRepo({ repoURL: servers.helmRepoURL, chart: 'dummydpuservice-chart', version: '>=0.1.0 <1.0.0' }, options(false));
  assert.equal(r.chart.metadata.version, '0.2.0');
  await assert.rejects(fetchFromHelmRepo({ repoURL: servers.helmRepoURL, chart: 'dummydpuservice-chart', version: '9.9.9' }, options(false)), /no chart version found for dummydpuservice-chart-9\.9\.9/);
});

test('https repo: a digest mismatch is refused', { skip }, async () => {
  const opts = options(false);
  const indexUrl = `${servers.helmRepoURL}/index.yaml`;
  const good = await fetchFromHelmRepo({ repoURL: servers.helmRepoURL, chart: 'dummydpuservice-chart', version: '0.1.0' }, opts);
  assert.ok(good);
  const text = opts.cache.getRef(`index:${indexUrl}`)!;
  opts.cache.putRef(`index:${indexUrl}`, text.replace(/digest: [0-9a-f]{64}/g, `digest: ${'f'.repeat(64)}`));
  await assert.rejects(fetchFromHelmRepo({ repoURL: servers.helmRepoURL, chart: 'dummydpuservice-chart', version: '0.2.0' }, opts), /digest mismatch/);
});

test('OCI: helm-pushed chart pulled with basic auth (challenge answered), layer digest verified', { skip }, async () => {
  const r = await fetchFromOci({ repoURL: servers.ociRepoURL, chart: 'dummydpuservice-chart', version: '0.2.0' }, options(true));
  assert.equal(r.chart.metadata.version, '0.2.0');
  assert.match(r.origin, /^oci:\/\/127\.0\.0\.1:\d+\/dpf\/dummydpuservice-chart:0\.2\.0@sha256:[0-9a-f]{64}$/);
});

test('OCI: without credentials the error says so and holds no secret', { skip }, async () => {
  await assert.rejects(fetchFromOci({ repoURL: servers.ociRepoURL, chart: 'dummydpuservice-chart', version: '0.2.0' }, options(false)), (err: Error) => {
    assert.match(err.message, /401 unauthorized \(no credentials configured/);
    assert.doesNotMatch(err.message, new RegExp(servers.password));
    return true;
  });
  await assert.rejects(fetchFromOci({ repoURL: servers.ociRepoURL, chart: 'dummydpuservice-chart', version: '7.7.7' }, options(true)), /not found/);
});

