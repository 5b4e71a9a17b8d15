// Fetch policy (issue 11 item 3): the repository allowlist (ArgoCD AppProject sourceRepos
// semantics; the expected answers of the first two tables are ArgoCD's own test table,
// pkg/apis/application/v1alpha1/types_test.go TestAppProject_IsSourcePermitted and
// IsNegatedSourcePermitted, https cases), credentials only to their own scheme+host+port
// (real https/http servers on 127.0.0.1 that record the Authorization header they receive;
// index.yaml and archives written by real helm), and denial categories that do not tell
// network failures apart. Skips with the reason when openssl or helm is missing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChartUnavailableError } from '../../contract/chart-resolver.js';
import { AllowlistError, allowedReposFromEnv, canonicalUrl, DEFAULT_ALLOWED_REPOS, RepoAllowlist } from '../../plugin/chart-source/allowlist.js';
import { ChartCache } from '../../plugin/chart-source/cache.js';
import type { RepoCredential } from '../../plugin/chart-source/credentials.js';
import { basicAuthFor } from '../../plugin/chart-source/fetch-policy.js';
import { fetchFromHelmRepo, type RemoteOptions } from '../../plugin/chart-source/http-repo.js';
import { remoteFetcher } from '../../plugin/chart-source/remote.js';
import { CmpChartResolver } from '../../plugin/chart-source/resolver.js';
import { RemoteFetchError } from '../../plugin/chart-source/types.js';
import { EXAMPLE_CHART_NAME, helmIndex, missingHelmOrOpenssl, packageChart, startRecordingServer, testCert, type RecordingServer } from './helpers/chart-repo-servers.js';

test('allowlist: ArgoCD IsSourcePermitted table (https cases)', () => {
  const cases: [string[], string, boolean][] = [
    [['*'], 'https://github.com/argoproj/test', true],
    [['https://github.com/argoproj/test'], 'https://github.com/argoproj/test', true],
    [['https://github.com/argoproj/*'], 'https://github.com/argoproj/argoproj', true],
    [['https://github.com/test1/test', 'https://github.com/test2/test'], 'https://github.com/test2/test', true],
    [['https://github.com/argoproj/test1'], 'https://github.com/argoproj/test2', false],
    [['https://github.com/argoproj/*.git'], 'https://github.com/argoproj1/test2.git', false],
    [['https://github.com/argoproj/foo'], 'https://github.com/argoproj/foo1', false],
    [['https://gitlab.com/group/*'], 'https://gitlab.com/group/repo/owner', false],
    [['https://gitlab.com/group/*/*'], 'https://gitlab.com/group/repo/owner', true],
    [['https://gitlab.com/group/*/*/*'], 'https://gitlab.com/group/sub-group/repo/owner', true],
    [['https://gitlab.com/group/**'], 'https://gitlab.com/group/sub-group/repo/owner', true],
  ];
  for (const [patterns, url, expected] of cases) assert.equal(new RepoAllowlist(patterns).allows(url), expected, `${patterns.join(',')} vs ${url}`);
});

test('allowlist: ArgoCD negation table (https cases); a deny-only list allows nothing, as ArgoCD documents', () => {
  const cases: [string[], string, boolean][] = [
    [['!https://github.com/argoproj/test.git'], 'https://github.com/argoproj/test.git', false],
    [['!https://github.com/argoproj/*'], 'https://github.com/argoproj/argoproj.git', false],
    [['https://github.com/test1/test.git', '!https://github.com/test2/test.git'], 'https://github.com/test2/test.git', false],
    [['!https://github.com/argoproj/foo*'], 'https://github.com/argoproj/foo1', false],
    [['!https://gitlab.com/group/*/*'], 'https://gitlab.com/group/repo/owner', false],
    [['!https://gitlab.com/group/**'], 'https://gitlab.com/group/sub-group/repo/owner', false],
    [['https://github.com/argoproj/test1.git', '*'], 'https://github.com/argoproj/test2.git', true],
    [['!https://github.com/argoproj/*.git', '*'], 'https://github.com/argoproj1/test2.git', true],
    // ArgoCD's code would allow this one (a deny pattern that does not match counts as a match);
    // its documentation says an allow rule must permit the source. We follow the documentation.
    [['!https://evil.example.com/**'], 'https://charts.example.com/dpf', false],
  ];
  for (const [patterns, url, expected] of cases) assert.equal(new RepoAllowlist(patterns).allows(url), expected, `${patterns.join(',')} vs ${url}`);
  assert.throws(() => new RepoAllowlist(['!*']), AllowlistError);
  assert.throws(() => new RepoAllowlist(['https://h/{a,b']), AllowlistError);
});

test('allowlist: URLs are matched in canonical form; userinfo and other schemes are refused', () => {
  const list = new RepoAllowlist(['https://charts.example.com/dpf/**', 'oci://nvcr.io/nvidia/**', 'https://h/[a-c]?/x', 'https://{one,two}.example.com/r']);
  assert.equal(list.allows('https://Charts.Example.com/dpf/sub/'), true);
  assert.equal(list.allows('https://charts.example.com:443/dpf/a'), true);
  assert.equal(list.allows('https://charts.example.com/dpf/../internal/x'), false);
  assert.equal(list.allows('https://user@charts.example.com/dpf/a'), false);
  assert.equal(list.allows('http://charts.example.com/dpf/a'), false);
  assert.equal(list.allows('oci://nvcr.io/nvidia/doca'), true);
  assert.equal(list.allows('oci://nvcr.io/other/doca'), false);
  assert.equal(list.allows('https://h/b1/x'), true);
  assert.equal(list.allows('https://h/d1/x'), false);
  assert.equal(list.allows('https://h/b//x'), false);
  assert.equal(list.allows('https://two.example.com/r'), true);
  assert.equal(list.allows('https://three.example.com/r'), false);
  assert.equal(canonicalUrl('https://h/a/../b?x=1#f'), 'https://h/b');
  const defaults = new RepoAllowlist(DEFAULT_ALLOWED_REPOS);
  assert.equal(defaults.allows('https://any.example.com/x'), true);
  assert.equal(defaults.allows('oci://ghcr.io/x/y'), true);
  assert.equal(defaults.allows('http://10.0.0.1/x'), false);
  assert.equal(allowedReposFromEnv({}), undefined);
  assert.deepEqual(allowedReposFromEnv({ DPU_GITOPS_ALLOWED_REPOS: '' }), []);
  assert.deepEqual(allowedReposFromEnv({ DPU_GITOPS_ALLOWED_REPOS: 'https://a/**, oci://b/**\n!https://a/x' }), ['https://a/**', 'oci://b/**', '!https://a/x']);
});

test('credentials: only to the entry\'s exact scheme+host+port, never over plain http', () => {
  const cred: RepoCredential = { url: 'https://charts.example.com/dpf', username: 'robot', password: 'pw' };
  const basic = `Basic ${Buffer.from('robot:pw').toString('base64')}`;
  assert.equal(basicAuthFor('https://charts.example.com/dpf/index.yaml', cred), basic);
  assert.equal(basicAuthFor('https://charts.example.com:443/other.tgz', cred), basic);
  assert.equal(basicAuthFor('https://charts.example.com:8443/dpf/index.yaml', cred), undefined);
  assert.equal(basicAuthFor('http://charts.example.com/dpf/index.yaml', cred), undefined);
  assert.equal(basicAuthFor('https://cdn.example.com/dpf/x.tgz', cred), undefined);
  const oci: RepoCredential = { url: 'oci://registry.example.com:5000/dpf', username: 'robot', password: 'pw', tokenRealms: ['https://auth.example.com'] };
  assert.equal(basicAuthFor('https://registry.example.com:5000/v2/dpf/c/manifests/1', oci), basic);
  assert.equal(basicAuthFor('http://registry.example.com:5000/v2/dpf/c/manifests/1', oci), undefined);
  // Declared plain-http registry (helm --plain-http): its own origin over http, nothing else.
  assert.equal(basicAuthFor('http://registry.example.com:5000/v2/dpf/c/manifests/1', oci, true), basic);
  assert.equal(basicAuthFor('http://auth.example.com/token', oci, true), undefined);
  assert.equal(basicAuthFor('https://auth.example.com/token', oci), basic);
  assert.equal(basicAuthFor('https://auth2.example.com/token', oci), undefined);
});

const skip = missingHelmOrOpenssl() ?? false;
const USER = 'robot';
const PASSWORD = 'h3lm-s3cret';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
let chart: { name: string; data: Buffer };
/** Receives chart downloads the index or a redirect sends elsewhere, and records what it got. */
let elsewhere: RecordingServer;
let plain: RecordingServer;
const servers: RecordingServer[] = [];

before(async () => {
  if (skip) return;
  chart = packageChart('0.1.0');
  const serveChart = (_req: unknown, res: import('node:http').ServerResponse): void => void res.writeHead(200).end(chart.data);
  elsewhere = await startRecordingServer('https', serveChart);
  plain = await startRecordingServer('http', serveChart);
  servers.push(elsewhere, plain);
});

after(async () => {
  for (const s of servers) await s.close();
});

/** An https Helm repository that wants basic credentials and serves `index` (and the chart, when relative). */
async function privateRepo(index: (repoUrl: string) => string, onChart?: (res: import('node:http').ServerResponse) => void): Promise<RecordingServer> {
  let self: RecordingServer | undefined;
  const server = await startRecordingServer('https', (req, res) => {
    if (req.headers.authorization !== BASIC) return void res.writeHead(401).end();
    if (req.url === '/dpf/index.yaml') return void res.writeHead(200).end(index(`${self!.url}/dpf`));
    if (onChart) return onChart(res);
    res.writeHead(200).end(chart.data);
  });
  self = server;
  servers.push(server);
  return server;
}

function options(repo: RecordingServer, allowed: readonly string[] = DEFAULT_ALLOWED_REPOS): RemoteOptions {
  const entry: RepoCredential = { url: `${repo.url}/dpf`, username: USER, password: PASSWORD };
  return {
    cache: new ChartCache({ dir: mkdtempSync(join(tmpdir(), 'fetch-policy-cache-')), maxBytes: 1 << 30, refTtlMs: 60_000 }),
    credentials: { lookup: (url) => (url.startsWith(entry.url) ? entry : undefined), globalCa: testCert().cert },
    allowlist: new RepoAllowlist(allowed),
    timeoutMs: 5000,
    maxIndexBytes: 1 << 20,
    maxChartBytes: 1 << 22,
  };
}

const request = (repo: RecordingServer) => ({ repoURL: `${repo.url}/dpf`, chart: EXAMPLE_CHART_NAME, version: '0.1.0' });

test('an index url on another https host: the chart is fetched there without the repository\'s credentials', { skip }, async () => {
  const repo = await privateRepo(() => helmIndex([chart], `${elsewhere.url}/charts`));
  elsewhere.seen.length = 0;
  const r = await fetchFromHelmRepo(request(repo), options(repo));
  assert.equal(r.chart.metadata.name, EXAMPLE_CHART_NAME);
  assert.deepEqual(repo.seen, [{ path: '/dpf/index.yaml', authorization: BASIC }]);
  assert.deepEqual(elsewhere.seen, [{ path: `/charts/${chart.name}`, authorization: undefined }]);
});

test('an index url on plain http: refused by the default allowlist, and without credentials when allowed', { skip }, async () => {
  const repo = await privateRepo(() => helmIndex([chart], `${plain.url}/charts`));
  plain.seen.length = 0;
  await assert.rejects(fetchFromHelmRepo(request(repo), options(repo)), (e: unknown) => e instanceof RemoteFetchError && e.category === 'not-allowed');
  assert.deepEqual(plain.seen, []);
  const r = await fetchFromHelmRepo(request(repo), options(repo, [...DEFAULT_ALLOWED_REPOS, `${plain.url}/**`]));
  assert.equal(r.chart.metadata.version, '0.1.0');
  assert.deepEqual(plain.seen, [{ path: `/charts/${chart.name}`, authorization: undefined }]);
});

test('a redirect of the chart download to another host: followed without credentials; refused when not allowed', { skip }, async () => {
  const repo = await privateRepo(
    () => helmIndex([chart]),
    (res) => void res.writeHead(302, { Location: `${elsewhere.url}/moved/${chart.name}` }).end(),
  );
  elsewhere.seen.length = 0;
  const r = await fetchFromHelmRepo(request(repo), options(repo));
  assert.equal(r.chart.metadata.version, '0.1.0');
  assert.deepEqual(repo.seen.map((s) => s.authorization), [BASIC, BASIC]);
  assert.deepEqual(elsewhere.seen, [{ path: `/moved/${chart.name}`, authorization: undefined }]);

  elsewhere.seen.length = 0;
  await assert.rejects(fetchFromHelmRepo(request(repo), options(repo, [`${repo.url}/**`])), (e: unknown) => {
    assert.ok(e instanceof RemoteFetchError);
    assert.equal(e.category, 'not-allowed');
    assert.match(e.detail, /redirect to .*no allowed-repos pattern matches/);
    return true;
  });
  assert.deepEqual(elsewhere.seen, []);
});

test('an index url outside the allowed repositories is refused before any request to it', { skip }, async () => {
  const repo = await privateRepo(() => helmIndex([chart], `${elsewhere.url}/charts`));
  elsewhere.seen.length = 0;
  await assert.rejects(fetchFromHelmRepo(request(repo), options(repo, [`${repo.url}/dpf`])), (e: unknown) => e instanceof RemoteFetchError && e.category === 'not-allowed');
  assert.deepEqual(elsewhere.seen, []);
  // The repository's own path (an exact pattern) covers chart URLs under it.
  const inside = await privateRepo(() => helmIndex([chart]));
  const r = await fetchFromHelmRepo(request(inside), options(inside, [`${inside.url}/dpf`]));
  assert.equal(r.chart.metadata.version, '0.1.0');
});

test('a repository no pattern allows is refused before any network I/O; an empty list allows nothing', { skip }, async () => {
  const repo = await privateRepo(() => helmIndex([chart]));
  const fetcher = remoteFetcher({ DPU_GITOPS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'fetch-policy-empty-')) }, { allowedRepos: [] });
  await assert.rejects(fetcher(request(repo)), (e: unknown) => {
    assert.ok(e instanceof RemoteFetchError);
    assert.equal(e.category, 'not-allowed');
    assert.equal(e.publicReason, `repository not allowed: ${repo.url}/dpf matches no allowed-repos pattern`);
    return true;
  });
  const viaEnv = remoteFetcher({ DPU_GITOPS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'fetch-policy-env-')), DPU_GITOPS_ALLOWED_REPOS: 'https://charts.example.com/**' });
  await assert.rejects(viaEnv(request(repo)), (e: unknown) => e instanceof RemoteFetchError && e.category === 'not-allowed');
  assert.deepEqual(repo.seen, []);
});

test('denials: refused, reset, 5xx and garbage read alike (unreachable); 401, 404 and the deadline have their category', { skip }, async () => {
  const closedPort = await new Promise<number>((r) => {
    const s: NetServer = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => r(port));
    });
  });
  const resetter: NetServer = createNetServer((socket) => socket.destroy());
  await new Promise<void>((r) => resetter.listen(0, '127.0.0.1', r));
  const resetPort = (resetter.address() as { port: number }).port;
  after(() => new Promise<void>((r) => resetter.close(() => r())));
  const failing = await startRecordingServer('https', (req, res) => {
    if (req.url?.startsWith('/internal-error/')) return void res.writeHead(500).end('internal: db=10.0.0.7 password=x');
    if (req.url?.startsWith('/bad-gateway/')) return void res.writeHead(502).end();
    if (req.url?.startsWith('/no-auth/')) return void res.writeHead(401).end();
    if (req.url?.startsWith('/forbidden/')) return void res.writeHead(403).end();
    if (req.url?.startsWith('/missing/')) return void res.writeHead(404).end();
    if (req.url?.startsWith('/slow/')) return; // never answers
    res.writeHead(200).end('{{{ not yaml');
  });
  servers.push(failing);
  const resolver = new CmpChartResolver({ fetchRemote: remoteFetcher({ DPU_GITOPS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'fetch-policy-deny-')), DPU_GITOPS_CA_FILE: testCert().certFile }, { timeoutMs: 300 }) });
  const denial = async (repoURL: string): Promise<ChartUnavailableError> => {
    try {
      await resolver.resolve({ repoURL, chart: 'c', version: '1.0.0' }, { signal: new AbortController().signal });
    } catch (e) {
      assert.ok(e instanceof ChartUnavailableError);
      return e;
    }
    throw new Error(`${repoURL} resolved`);
  };
  const unreachable = [`https://127.0.0.1:${closedPort}/r`, `https://127.0.0.1:${resetPort}/r`, `${failing.url}/internal-error/r`, `${failing.url}/bad-gateway/r`];
  for (const url of unreachable) {
    const e = await denial(url);
    assert.equal(e.category, 'unreachable', url);
    // The public text is the same sentence for every one of them: nothing the network said.
    assert.equal(e.reason, `unreachable: ${url} could not be reached for c 1.0.0`);
    assert.doesNotMatch(e.reason, /ECONN|HTTP|10\.0\.0\.7|password/);
  }
  assert.match((await denial(`https://127.0.0.1:${closedPort}/r`)).detail, /ECONNREFUSED/);
  assert.equal((await denial(`${failing.url}/no-auth/r`)).category, 'unauthorized');
  assert.equal((await denial(`${failing.url}/forbidden/r`)).category, 'unauthorized');
  assert.equal((await denial(`${failing.url}/missing/r`)).category, 'not-found');
  assert.equal((await denial(`${failing.url}/slow/r`)).category, 'timeout');
  const garbage = await denial(`${failing.url}/garbage/r`);
  assert.equal(garbage.category, 'invalid');
  assert.equal(garbage.reason, `invalid: ${failing.url}/garbage/r answered with an unusable index, manifest or chart for c 1.0.0`);
});
