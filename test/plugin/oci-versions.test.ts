// OCI version constraints against the real registry (Debian's docker-registry, charts pushed by
// real `helm push` at several versions, plus a non-semver tag written through the registry API).
// Each selection is checked against what real helm v3 picks for the same --version
// (`helm show chart oci://... --version C`), live. distribution 2.8 ignores `n`, so tag-list
// pagination is exercised through a small proxy in front of the real registry that pages the
// real tag list with Link headers, as distribution 3, Harbor and ghcr.io do.
// Skips with the reason when docker-registry, htpasswd, openssl or helm are not installed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ALLOWED_REPOS, RepoAllowlist } from '../../plugin/chart-source/allowlist.js';
import { ChartCache } from '../../plugin/chart-source/cache.js';
import type { CredentialStore } from '../../plugin/chart-source/credentials.js';
import type { RemoteOptions } from '../../plugin/chart-source/http-repo.js';
import { fetchFromOci } from '../../plugin/chart-source/oci.js';
import { HELM, missingTools, startServers, type TestServers } from '../../scripts/test-servers/servers.js';

const EXAMPLE_CHART = new URL('../../examples/charts/dummydpuservice', import.meta.url).pathname;
const VERSIONS = ['0.1.0', '0.2.0', '0.3.0-rc.1', '1.0.0', '1.1.0+build.5', '1.2.0'];
const CHART = 'dummydpuservice-chart';
const skip = missingTools() ?? false;
let servers: TestServers;
let work: string;
let host: string;
let proxy: Server;
let proxyHost: string;
const proxied: string[] = [];

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'dpu-oci-versions-'));
  const dirs = VERSIONS.map((v) => {
    const dir = join(work, `chart-${v}`);
    cpSync(EXAMPLE_CHART, dir, { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), readFileSync(join(dir, 'Chart.yaml'), 'utf8').replace(/^version: .*$/m, `version: ${v}`));
    return dir;
  });
  servers = await startServers(join(work, 'servers'), dirs);
  host = servers.ociRepoURL.replace(/^oci:\/\//, '').split('/')[0]!;
  // Tags that are not strict semver (helm's Tags drops them): the 1.2.0 manifest tagged
  // `latest`, `v9.0.0`, `9.0` and `09.0.0` through the registry API.
  const auth = { Authorization: `Basic ${Buffer.from(`${servers.username}:${servers.password}`).toString('base64')}` };
  const manifestType = 'application/vnd.oci.image.manifest.v1+json';
  const manifest = await fetch(`http://${host}/v2/dpf/${CHART}/manifests/1.2.0`, { headers: { ...auth, Accept: manifestType } });
  assert.equal(manifest.status, 200);
  const body = Buffer.from(await manifest.arrayBuffer());
  for (const tag of ['latest', 'v9.0.0', '9.0', '09.0.0']) {
    const put = await fetch(`http://${host}/v2/dpf/${CHART}/manifests/${tag}`, { method: 'PUT', headers: { ...auth, 'Content-Type': manifestType }, body });
    assert.equal(put.status, 201);
  }
  proxy = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    proxied.push(`${url.pathname}${url.search}`);
    const page = url.pathname.endsWith('/tags/list') ? Number(url.searchParams.get('n') ?? 0) : 0;
    const upstream = request({ host: '127.0.0.1', port: Number(host.split(':')[1]), method: req.method, path: page ? url.pathname : req.url, headers: req.headers }, (up) => {
      if (!page || up.statusCode !== 200) {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name: string; tags: string[] };
        const sorted = [...body.tags].sort();
        const last = url.searchParams.get('last');
        const start = last === null ? 0 : sorted.findIndex((t) => t > last);
        const tags = start < 0 ? [] : sorted.slice(start, start + page);
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (start >= 0 && start + page < sorted.length) headers.Link = `<${url.pathname}?last=${encodeURIComponent(tags[tags.length - 1]!)}&n=${page}>; rel="next"`;
        res.writeHead(200, headers).end(JSON.stringify({ name: body.name, tags }));
      });
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyHost = `127.0.0.1:${(proxy.address() as { port: number }).port}`;
});

after(async () => {
  if (proxy) await new Promise<void>((r) => proxy.close(() => r()));
  if (servers) await servers.stop();
});

function options(extra: Partial<RemoteOptions> = {}): RemoteOptions {
  // Credentials go only to the scheme+host+port of their entry: one entry per registry asked.
  const credentials: CredentialStore = { lookup: (url) => ({ url, username: servers.username, password: servers.password }) };
  return { cache: new ChartCache({ dir: join(work, `cache-${Math.random()}`), maxBytes: 1 << 30, refTtlMs: 60_000 }), credentials, allowlist: new RepoAllowlist(DEFAULT_ALLOWED_REPOS), timeoutMs: 5000, maxIndexBytes: 1 << 20, maxChartBytes: 1 << 22, ociPlainHttp: true, ...extra };
}

/** The version real helm v3 pulls for `--version constraint`, or its error text. */
function helmPicks(constraint: string): string {
  const home = mkdtempSync(join(work, 'helm-'));
  const env = { ...process.env, HELM_CONFIG_HOME: join(home, 'config'), HELM_CACHE_HOME: join(home, 'cache'), HELM_DATA_HOME: join(home, 'data') };
  const r = spawnSync(HELM, ['show', 'chart', `${servers.ociRepoURL}/${CHART}`, '--version', constraint, '--plain-http', '--username', servers.username, '--password', servers.password], { env, encoding: 'utf8' });
  if (r.status !== 0) return `error: ${r.stderr.trim().split('\n').pop()}`;
  return /^version: (.*)$/m.exec(r.stdout)![1]!;
}

const CONSTRAINTS = ['>=0.1.0 <1.0.0', '~1.1', '^1', '*', '>=0.3.0-0 <0.4.0-0', '1.x', '<=1.1.0', '>=1.0.0'];

for (const constraint of CONSTRAINTS) {
  test(`OCI constraint ${JSON.stringify(constraint)} picks what helm's GetTagMatchingVersionOrConstraint picks`, { skip }, async () => {
    const ours = await fetchFromOci({ repoURL: servers.ociRepoURL, chart: CHART, version: constraint }, options());
    assert.equal(ours.chart.metadata.version, helmPicks(constraint));
    // The tag pulled is the version with + written as _ (helm's OCI tag rule).
    assert.match(ours.origin, new RegExp(`:${ours.chart.metadata.version.replace(/\+/g, '_').replace(/\./g, '\\.')}@sha256:`));
  });
}

test('OCI constraint nothing satisfies (non-strict tags v9.0.0, 9.0, 09.0.0 ignored): helm\'s error text', { skip }, async () => {
  for (const c of ['>5', '>=9']) {
    const helm = helmPicks(c);
    assert.match(helm, new RegExp(`Could not locate a version matching provided version string ${c}$`));
    await assert.rejects(fetchFromOci({ repoURL: servers.ociRepoURL, chart: CHART, version: c }, options()), new RegExp(`Could not locate a version matching provided version string ${c}$`));
  }
});

test('OCI constraint on a repository with no tags at all: not found', { skip }, async () => {
  await assert.rejects(fetchFromOci({ repoURL: servers.ociRepoURL, chart: 'no-such-chart', version: '^1' }, options()), /no-such-chart: repository not found/);
});

test('OCI tag list pages: Link rel="next" followed to the end, same choice; the list is cached', { skip }, async () => {
  proxied.length = 0;
  const opts = options({ ociTagPageSize: 2 });
  const r = await fetchFromOci({ repoURL: `oci://${proxyHost}/dpf`, chart: CHART, version: '^1' }, opts);
  assert.equal(r.chart.metadata.version, '1.2.0');
  const pages = proxied.filter((p) => p.includes('/tags/list'));
  // 10 tags at 2 a page (the proxy pages them in byte order); the first request is the 401 challenge.
  assert.deepEqual(pages, [
    `/v2/dpf/${CHART}/tags/list?n=2`,
    `/v2/dpf/${CHART}/tags/list?n=2`,
    `/v2/dpf/${CHART}/tags/list?last=0.2.0&n=2`,
    `/v2/dpf/${CHART}/tags/list?last=09.0.0&n=2`,
    `/v2/dpf/${CHART}/tags/list?last=1.1.0_build.5&n=2`,
    `/v2/dpf/${CHART}/tags/list?last=9.0&n=2`,
  ]);
  proxied.length = 0;
  const again = await fetchFromOci({ repoURL: `oci://${proxyHost}/dpf`, chart: CHART, version: '~1.1' }, opts);
  assert.equal(again.chart.metadata.version, '1.1.0+build.5');
  assert.equal(proxied.filter((p) => p.includes('/tags/list')).length, 0, 'the cached tag list is used within the TTL');
});

test('an exact version is the tag itself: no tag listing (helm ValidateReference)', { skip }, async () => {
  proxied.length = 0;
  const r = await fetchFromOci({ repoURL: `oci://${proxyHost}/dpf`, chart: CHART, version: '1.1.0+build.5' }, options());
  assert.equal(r.chart.metadata.version, '1.1.0+build.5');
  assert.equal(proxied.filter((p) => p.includes('/tags/list')).length, 0);
  assert.ok(proxied.some((p) => p === `/v2/dpf/${CHART}/manifests/1.1.0_build.5`));
});
