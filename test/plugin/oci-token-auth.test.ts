// OCI Bearer-token auth against real servers: Debian's docker-registry (distribution 2.8) with
// `auth: token` (realm/service/issuer/rootcertbundle), and a token endpoint written here on
// node:https that checks basic credentials and signs RS256 JWTs with an RSA key made by openssl
// (certificate chain in the `x5c` header, the certificate in the registry's rootcertbundle).
// Charts are pushed by real `helm push` to an unauthenticated registry on the same storage first.
// Skips with the reason when docker-registry, openssl or helm are not installed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSign, randomUUID, X509Certificate } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ALLOWED_REPOS, RepoAllowlist } from '../../plugin/chart-source/allowlist.js';
import { ChartCache } from '../../plugin/chart-source/cache.js';
import type { CredentialStore } from '../../plugin/chart-source/credentials.js';
import type { RemoteOptions } from '../../plugin/chart-source/http-repo.js';
import { fetchFromOci } from '../../plugin/chart-source/oci.js';
import { freePort, HELM, missingTools } from '../../scripts/test-servers/servers.js';

const EXAMPLE_CHART = new URL('../../examples/charts/dummydpuservice', import.meta.url).pathname;
const CHART = 'dummydpuservice-chart';
const SERVICE = 'dpu-test-registry';
const ISSUER = 'dpu-test-token-issuer';
const USER = 'robot';
const PASSWORD = 't0ken-s3cret';
const skip = missingTools() ?? false;

let work: string;
let registry: ChildProcess | undefined;
let tokenServer: Server;
let tlsCert: string;
let ociRepoURL: string;
/** The token endpoint's origin (another port than the registry: another server). */
let tokenOrigin: string;
/** The key and certificate the token endpoint signs with (a test swaps in an untrusted pair). */
let signer: { key: string; cert: string };
let trustedSigner: { key: string; cert: string };
/** What the token endpoint was asked: `service scope authorized?`. */
const tokenRequests: string[] = [];

function must(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** An RS256 JWT as distribution's token verifier expects it (x5c chain, access claims). */
function signToken(key: string, certPem: string, scope: string | null): string {
  const der = new X509Certificate(certPem).raw.toString('base64');
  const now = Math.floor(Date.now() / 1000);
  const access = [];
  const m = scope ? /^repository:([^:]+):(.+)$/.exec(scope) : null;
  if (m) access.push({ type: 'repository', name: m[1], actions: m[2]!.split(',').filter((a) => a === 'pull') });
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [der] }));
  const claims = b64url(JSON.stringify({ iss: ISSUER, sub: USER, aud: SERVICE, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access }));
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
  return `${header}.${claims}.${b64url(signature)}`;
}

async function startRegistry(config: string): Promise<ChildProcess> {
  const child = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  const addr = /addr: "([^"]+)"/.exec(readFileSync(config, 'utf8'))![1]!;
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://${addr}/v2/`).then((r) => r.status, () => 0);
    if (up === 200 || up === 401) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new Error('docker-registry did not start');
}

async function stopRegistry(child: ChildProcess): Promise<void> {
  await new Promise<void>((r) => {
    child.once('exit', () => r());
    child.kill();
  });
}

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'dpu-oci-token-'));
  const storage = join(work, 'registry-data');
  // TLS for the token endpoint, and a separate RSA key + certificate that signs the tokens.
  must('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(work, 'tls.key'), '-out', join(work, 'tls.crt'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  must('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(work, 'signing.key'), '-out', join(work, 'signing.crt'), '-days', '1', '-subj', `/CN=${ISSUER}`]);
  tlsCert = readFileSync(join(work, 'tls.crt'), 'utf8');
  trustedSigner = { key: readFileSync(join(work, 'signing.key'), 'utf8'), cert: readFileSync(join(work, 'signing.crt'), 'utf8') };
  signer = trustedSigner;

  // 1. helm push to an open registry on the storage the token-auth registry then serves.
  const helmHome = join(work, 'helm');
  const helmEnv = { ...process.env, HELM_CONFIG_HOME: join(helmHome, 'config'), HELM_CACHE_HOME: join(helmHome, 'cache'), HELM_DATA_HOME: join(helmHome, 'data') };
  mkdirSync(join(work, 'charts'));
  for (const v of ['0.1.0', '0.2.0']) {
    const dir = join(work, `chart-${v}`);
    cpSync(EXAMPLE_CHART, dir, { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), readFileSync(join(dir, 'Chart.yaml'), 'utf8').replace(/^version: .*$/m, `version: ${v}`));
    must(HELM, ['package', dir, '-d', join(work, 'charts')], helmEnv);
  }
  const openPort = await freePort();
  writeFileSync(join(work, 'open.yml'), `version: 0.1\nlog: {level: error}\nstorage: {filesystem: {rootdirectory: ${storage}}}\nhttp: {addr: "127.0.0.1:${openPort}"}\n`);
  const open = await startRegistry(join(work, 'open.yml'));
  try {
    for (const tgz of readdirSync(join(work, 'charts'))) must(HELM, ['push', join(work, 'charts', tgz), `oci://127.0.0.1:${openPort}/dpf`, '--plain-http'], helmEnv);
  } finally {
    await stopRegistry(open);
  }

  // 2. The token endpoint: basic credentials required; grants pull on the scope asked.
  const tokenPort = await freePort();
  tokenOrigin = `https://127.0.0.1:${tokenPort}`;
  tokenServer = createServer({ key: readFileSync(join(work, 'tls.key')), cert: tlsCert }, (req, res) => {
    const url = new URL(req.url ?? '/', `https://127.0.0.1:${tokenPort}`);
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    const authorized = req.headers.authorization === expected;
    tokenRequests.push(`${url.searchParams.get('service')} ${url.searchParams.get('scope')} ${authorized}`);
    if (url.pathname !== '/token') return void res.writeHead(404).end();
    if (!authorized) return void res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: signToken(signer.key, signer.cert, url.searchParams.get('scope')), expires_in: 300 }));
  });
  await new Promise<void>((r) => tokenServer.listen(tokenPort, '127.0.0.1', r));

  // 3. The registry with token auth on the pushed storage.
  const port = await freePort();
  writeFileSync(
    join(work, 'token.yml'),
    [
      'version: 0.1',
      'log: {level: error}',
      `storage: {filesystem: {rootdirectory: ${storage}}}`,
      `http: {addr: "127.0.0.1:${port}"}`,
      'auth:',
      '  token:',
      `    realm: https://127.0.0.1:${tokenPort}/token`,
      `    service: ${SERVICE}`,
      `    issuer: ${ISSUER}`,
      `    rootcertbundle: ${join(work, 'signing.crt')}`,
      '',
    ].join('\n'),
  );
  registry = await startRegistry(join(work, 'token.yml'));
  ociRepoURL = `oci://127.0.0.1:${port}/dpf`;
});

after(async () => {
  if (registry) await stopRegistry(registry);
  if (tokenServer) await new Promise<void>((r) => tokenServer.close(() => r()));
});

function options(creds: boolean, tokenRealms: string[] = [tokenOrigin]): RemoteOptions {
  const entry = { url: ociRepoURL, username: USER, password: PASSWORD, ca: tlsCert, tokenRealms };
  const credentials: CredentialStore = { lookup: () => (creds ? entry : undefined), globalCa: tlsCert };
  return { cache: new ChartCache({ dir: join(work, `cache-${Math.random()}`), maxBytes: 1 << 30, refTtlMs: 60_000 }), credentials, allowlist: new RepoAllowlist(DEFAULT_ALLOWED_REPOS), timeoutMs: 5000, maxIndexBytes: 1 << 20, maxChartBytes: 1 << 22, ociPlainHttp: true };
}

test('OCI Bearer flow: the challenge\'s realm/service/scope, basic credentials to the token endpoint, the JWT accepted', { skip }, async () => {
  tokenRequests.length = 0;
  const r = await fetchFromOci({ repoURL: ociRepoURL, chart: CHART, version: '0.2.0' }, options(true));
  assert.equal(r.chart.metadata.version, '0.2.0');
  assert.match(r.origin, /:0\.2\.0@sha256:[0-9a-f]{64}$/);
  // One token for the whole pull (manifest and blob), for the scope the registry named.
  assert.deepEqual(tokenRequests, [`${SERVICE} repository:dpf/${CHART}:pull true`]);
});

test('OCI Bearer flow with a constraint: the tag list is read with the token too', { skip }, async () => {
  tokenRequests.length = 0;
  const r = await fetchFromOci({ repoURL: ociRepoURL, chart: CHART, version: '^0.1' }, options(true));
  assert.equal(r.chart.metadata.version, '0.1.0');
  assert.deepEqual(tokenRequests, [`${SERVICE} repository:dpf/${CHART}:pull true`]);
});

test('OCI Bearer flow without credentials: the token endpoint refuses; the error names the realm, no secret', { skip }, async () => {
  tokenRequests.length = 0;
  await assert.rejects(fetchFromOci({ repoURL: ociRepoURL, chart: CHART, version: '0.1.0' }, options(false)), (err: Error) => {
    assert.match(err.message, /token request to https:\/\/127\.0\.0\.1:\d+\/token answered HTTP 401/);
    assert.doesNotMatch(err.message, new RegExp(PASSWORD));
    return true;
  });
  assert.deepEqual(tokenRequests, [`${SERVICE} repository:dpf/${CHART}:pull false`]);
});

test('a token realm on another origin gets no basic credentials unless the entry lists it in tokenRealms', { skip }, async () => {
  tokenRequests.length = 0;
  await assert.rejects(fetchFromOci({ repoURL: ociRepoURL, chart: CHART, version: '0.1.0' }, options(true, [])), (err: Error) => {
    assert.equal((err as { category?: string }).category, 'unauthorized');
    assert.doesNotMatch(err.message, new RegExp(PASSWORD));
    return true;
  });
  // The token endpoint was asked, anonymously: the Authorization header it received was not the robot's.
  assert.deepEqual(tokenRequests, [`${SERVICE} repository:dpf/${CHART}:pull false`]);
});

test('a token signed by a key outside the registry\'s rootcertbundle is refused by the registry', { skip }, async () => {
  signer = { key: readFileSync(join(work, 'tls.key'), 'utf8'), cert: tlsCert };
  try {
    await assert.rejects(fetchFromOci({ repoURL: ociRepoURL, chart: CHART, version: '0.1.0' }, options(true)), /HTTP 401 unauthorized \(credentials were rejected\)/);
  } finally {
    signer = trustedSigner;
  }
});
