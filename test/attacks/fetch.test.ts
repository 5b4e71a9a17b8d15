// Attack suite: hostile chart repositories against the real webhook process. The webhook only
// fetches from --allow-repo repositories, sends credentials only to the repository's own
// scheme+host+port, bounds what it reads, and tells the requester only which chart and what kind
// of failure. Every case also checks that the process lives and a Pod review is answered.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nestedChartArchive } from '../plugin/helpers/nested-chart.js';
import { helmIndex, missingHelmOrOpenssl, packageChart, startRecordingServer, testCert, type RecordingServer } from '../plugin/helpers/chart-repo-servers.js';
import { dpuServiceReview, podReviewLatency, PROMPT_MS, startWebhookProcess, type WebhookProcess } from './harness.js';

const skip = missingHelmOrOpenssl();

/** A 60 MiB index.yaml in helm's layout: 200,000 versions of `big`. */
function bigIndex(): Buffer {
  const entry = (i: number) => `  - name: big\n    version: 0.0.${i}\n    apiVersion: v2\n    digest: ${'0'.repeat(64)}\n    description: ${'x'.repeat(140)}\n    urls:\n    - big-0.0.${i}.tgz\n`;
  const parts = ['apiVersion: v1\nentries:\n  big:\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < 60 * 1024 * 1024; i++) {
    const e = entry(i);
    parts.push(e);
    size += e.length;
  }
  return Buffer.from(parts.join(''));
}

describe('attack: hostile chart repositories through the webhook', { skip }, () => {
  let hook: WebhookProcess;
  let repo: RecordingServer;
  let other: RecordingServer;
  let plain: RecordingServer;
  let forbidden: RecordingServer;
  let failing: RecordingServer;
  let reset: { server: Server; port: number; sockets: Set<Socket> };
  let closedPort: number;

  before(async () => {
    const chart = packageChart('0.1.0');
    const chartOverHttp = packageChart('0.2.0');
    // 8 nested levels of 4 x 4 MiB: ~150 KB packed, ~150 MiB unpacked.
    const nested = nestedChartArchive(8, 4, 4 * 1024 * 1024, 'nested');
    const big = bigIndex();
    other = await startRecordingServer('https', (_req, res) => res.end(chart.data));
    plain = await startRecordingServer('http', (_req, res) => res.end(chartOverHttp.data));
    forbidden = await startRecordingServer('https', (_req, res) => res.end('apiVersion: v1\nentries: {}\n'));
    failing = await startRecordingServer('https', (_req, res) => {
      res.statusCode = 500;
      res.end('internal detail: db=10.0.0.7 user=admin');
    });
    repo = await startRecordingServer('https', (req, res) => {
      const url = req.url ?? '';
      if (url === '/leak/index.yaml') return res.end(helmIndex([chart], `${other.url}/leak`));
      if (url === '/leakhttp/index.yaml') return res.end(helmIndex([chartOverHttp], `${plain.url}/leakhttp`));
      if (url === '/big/index.yaml') return res.end(big);
      if (url === '/nested/index.yaml') return res.end(`apiVersion: v1\nentries:\n  nested:\n  - name: nested\n    version: 0.1.0\n    urls:\n    - nested-0.1.0.tgz\n`);
      if (url === '/nested/nested-0.1.0.tgz') return res.end(nested);
      res.statusCode = 404;
      res.end('not here');
    });
    const sockets = new Set<Socket>();
    const resetServer = createServer((s) => {
      sockets.add(s);
      s.resetAndDestroy();
    });
    await new Promise<void>((r) => resetServer.listen(0, '127.0.0.1', r));
    reset = { server: resetServer, port: (resetServer.address() as { port: number }).port, sockets };
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));

    const work = mkdtempSync(join(tmpdir(), 'attack-fetch-'));
    writeFileSync(join(work, 'credentials.yaml'), `repositories:\n- url: ${repo.url}/leak\n  username: robot\n  password: s3cret\n- url: ${repo.url}/leakhttp\n  username: robot\n  password: s3cret\n`);
    hook = await startWebhookProcess(
      ['--allow-repo', 'https://127.0.0.1:*/**', '--allow-repo', `http://127.0.0.1:${plain.port}/**`, '--allow-repo', `!${forbidden.url}/**`, '--chart-timeout', '6000', '--review-timeout', '9000', '--workers', '2'],
      { DPU_GITOPS_CA_FILE: testCert().certFile, DPU_GITOPS_CREDENTIALS: join(work, 'credentials.yaml'), DPU_GITOPS_CACHE_DIR: join(work, 'cache') },
    );
  });

  after(async () => {
    await hook?.stop();
    for (const s of [repo, other, plain, forbidden, failing]) await s?.close();
    for (const s of reset?.sockets ?? []) s.destroy();
    reset?.server.close();
  });

  async function stillServes(): Promise<void> {
    const pod = await podReviewLatency(hook, 0);
    assert.ok(pod.allowed && pod.ms < PROMPT_MS, `Pod review took ${Math.round(pod.ms)} ms`);
    assert.ok(hook.alive());
  }

  it('a repository no pattern allows is never contacted; the denial says so', async () => {
    const r = await hook.post(dpuServiceReview('anything', '1.0.0', `${forbidden.url}/charts`));
    assert.equal(r.json.response.allowed, false);
    assert.equal(r.json.response.status.code, 503);
    assert.match(r.json.response.status.message, /repository not allowed/);
    assert.deepEqual(forbidden.seen, []);
    await stillServes();
  });

  it('index urls on another host get no credentials; the repository itself does', async () => {
    const r = await hook.post(dpuServiceReview('dummydpuservice-chart', '0.1.0', `${repo.url}/leak`));
    assert.ok(r.json.response.allowed, JSON.stringify(r.json.response.status));
    assert.ok(repo.seen.some((s) => s.path === '/leak/index.yaml' && s.authorization?.startsWith('Basic ')));
    assert.ok(other.seen.length > 0, 'the chart was fetched from the other host');
    for (const s of other.seen) assert.equal(s.authorization, undefined, `credentials sent to ${other.url}${s.path}`);
  });

  it('index urls over plain http get no credentials', async () => {
    // Another version than the first test's, so the cache cannot answer for it.
    const r = await hook.post(dpuServiceReview('dummydpuservice-chart', '0.2.0', `${repo.url}/leakhttp`));
    // Either the downgrade is refused or the archive comes without credentials; never with them.
    assert.ok(plain.seen.length > 0 || r.json.response.allowed === false, 'the http archive was fetched, or the review says why not');
    for (const s of plain.seen) assert.equal(s.authorization, undefined, `credentials sent over http to ${s.path}`);
    await stillServes();
  });

  it('a 60 MiB index.yaml: a bounded denial while a Pod review is answered', async () => {
    const hostile = hook.post(dpuServiceReview('big', '9.9.9', `${repo.url}/big`));
    const pod = await podReviewLatency(hook, 200);
    const r = await hostile;
    assert.equal(r.json.response.allowed, false);
    // Scanned in well under a second on an idle machine; on a loaded one the review limit may
    // stop it first. Either way: bounded, and only this review pays.
    assert.match(r.json.response.status.message, /too-large|not-found|did not finish within the review limit/);
    assert.ok(pod.allowed && pod.ms < PROMPT_MS, `Pod review took ${Math.round(pod.ms)} ms`);
    assert.ok(hook.alive());
  });

  it('a 150 KB chart whose 8 nested subchart archives unpack to 150 MiB: denied as too large', async () => {
    const r = await hook.post(dpuServiceReview('nested', '0.1.0', `${repo.url}/nested`));
    assert.equal(r.json.response.allowed, false);
    assert.match(r.json.response.status.message, /too-large/);
    await stillServes();
  });

  it('probing: refused, reset and failing endpoints read alike, and nothing the endpoint said is echoed', async () => {
    const messages: string[] = [];
    for (const url of [`https://127.0.0.1:${closedPort}/x`, `https://127.0.0.1:${reset.port}/x`, `${failing.url}/x`]) {
      const r = await hook.post(dpuServiceReview('probe', '1.0.0', url));
      assert.equal(r.json.response.allowed, false);
      messages.push(String(r.json.response.status.message).replaceAll(url, '<url>'));
    }
    assert.equal(new Set(messages).size, 1, messages.join('\n'));
    assert.doesNotMatch(messages[0]!, /ECONN|500|db=|admin|sha256/);
    // The detail is in the webhook's log for the operator.
    assert.ok(hook.logs.some((l) => typeof l.detail === 'string' && /ECONNREFUSED|refused/i.test(l.detail)));
    await stillServes();
  });
});
