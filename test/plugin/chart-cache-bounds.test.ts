// The chart cache stays under its cap (issue 11 item 4): refs (indexes, tags) and blobs share
// one LRU size bound. Replays the observed attack — 800 distinct repository URLs, each with its
// own index.yaml, fetched through a real https server — and checks the directory stays under
// the cap; then two real child processes write, evict and read one cache dir concurrently and
// never see a partial or corrupt entry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ALLOWED_REPOS, RepoAllowlist } from '../../plugin/chart-source/allowlist.js';
import { ChartCache, sha256Hex, STALE_TEMP_MS } from '../../plugin/chart-source/cache.js';
import { fetchFromHelmRepo } from '../../plugin/chart-source/http-repo.js';
import { EXAMPLE_CHART_NAME, helmIndex, missingHelmOrOpenssl, packageChart, startRecordingServer, testCert, type RecordingServer } from './helpers/chart-repo-servers.js';

const skip = missingHelmOrOpenssl() ?? false;
let repo: RecordingServer;

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const st = statSync(join(dir, name));
    if (st.isFile()) total += st.size;
  }
  return total;
}

before(async () => {
  if (skip) return;
  const chart = packageChart('0.1.0');
  // Each repository's index is helm's, padded with a comment to 64 KiB (indexes are never tiny).
  const index = `${helmIndex([chart])}#${'x'.repeat(64 * 1024)}\n`;
  repo = await startRecordingServer('https', (req, res) => {
    if (req.url?.endsWith('/index.yaml')) return void res.writeHead(200).end(index);
    res.writeHead(200).end(chart.data);
  });
});

after(async () => {
  if (repo) await repo.close();
});

test('800 distinct repository URLs: refs and blobs together stay under the cap', { skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cache-bounds-'));
  const maxBytes = 4 * 1024 * 1024;
  const cache = new ChartCache({ dir, maxBytes, refTtlMs: 60_000 });
  const opts = { cache, credentials: { lookup: () => undefined, globalCa: testCert().cert }, allowlist: new RepoAllowlist(DEFAULT_ALLOWED_REPOS), timeoutMs: 5000, maxIndexBytes: 1 << 20, maxChartBytes: 1 << 22 };
  for (let i = 0; i < 800; i++) {
    const r = await fetchFromHelmRepo({ repoURL: `${repo.url}/r${i}`, chart: EXAMPLE_CHART_NAME, version: '0.1.0' }, opts);
    assert.equal(r.chart.metadata.version, '0.1.0');
  }
  // 800 indexes of 64 KiB alone are 50 MiB; without eviction of refs/ they would all stay.
  assert.ok(dirBytes(dir) <= maxBytes, `cache holds ${dirBytes(dir)} bytes, cap ${maxBytes}`);
  const refs = readdirSync(join(dir, 'refs')).length;
  assert.ok(refs > 0 && refs < 800, `refs left: ${refs}`);
  // The most recently used index is still there and is served from the cache.
  const before = repo.seen.length;
  await fetchFromHelmRepo({ repoURL: `${repo.url}/r799`, chart: EXAMPLE_CHART_NAME, version: '0.1.0' }, opts);
  assert.equal(repo.seen.length, before);
});

test('LRU: a read refreshes an entry, so the unread ones go first; a ref\'s age (TTL) is not refreshed by reading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cache-lru-'));
  const cache = new ChartCache({ dir, maxBytes: 3 * 1100, refTtlMs: 60_000 });
  const value = 'v'.repeat(1000);
  cache.putRef('a', value);
  cache.putRef('b', value);
  cache.putRef('c', value);
  // Used (and written) 50, 40 and 30 s ago: 'a' is the least recently used.
  const at = (key: string, secondsAgo: number): void => {
    const t = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(join(dir, 'refs', sha256Hex(key)), t, t);
  };
  at('a', 50);
  at('b', 40);
  at('c', 30);
  assert.equal(cache.getRef('a'), value);
  cache.putRef('d', value);
  assert.equal(cache.getRef('b', true), undefined);
  assert.equal(cache.getRef('a', true), value);
  assert.equal(cache.getRef('c', true), value);
  // Reading 'a' marked it used but kept its modification time: it still expires on time.
  assert.equal(new ChartCache({ dir, maxBytes: 1 << 20, refTtlMs: 20_000 }).getRef('a'), undefined);
});

test('temp files: a young one (another writer) is kept, a stale one (a dead writer) removed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cache-temp-'));
  mkdirSync(join(dir, 'refs'), { recursive: true });
  const young = join(dir, 'refs', `${'a'.repeat(64)}.123.abc.tmp`);
  const stale = join(dir, 'refs', `${'b'.repeat(64)}.456.def.tmp`);
  writeFileSync(young, 'partial');
  writeFileSync(stale, 'partial');
  const long = new Date(Date.now() - STALE_TEMP_MS - 60_000);
  utimesSync(stale, long, long);
  new ChartCache({ dir, maxBytes: 0, refTtlMs: 0 }).prune();
  assert.deepEqual(readdirSync(join(dir, 'refs')), [`${'a'.repeat(64)}.123.abc.tmp`]);
});

function runWorker(dir: string, iterations: number, maxBytes: number): Promise<{ blobReads: number; refReads: number; corrupt: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./helpers/cache-worker.ts', import.meta.url).pathname, dir, String(iterations), String(maxBytes)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

test('two processes writing and evicting one cache dir never read a partial or corrupt entry', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cache-concurrent-'));
  const maxBytes = 512 * 1024;
  const results = await Promise.all([runWorker(dir, 300, maxBytes), runWorker(dir, 300, maxBytes)]);
  for (const r of results) {
    assert.equal(r.corrupt, 0);
    assert.ok(r.blobReads > 0 && r.refReads > 0, JSON.stringify(r));
  }
  const cache = new ChartCache({ dir, maxBytes, refTtlMs: 60_000 });
  cache.prune();
  assert.ok(cache.sizeOnDisk() <= maxBytes);
});
