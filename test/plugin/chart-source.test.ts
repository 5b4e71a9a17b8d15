// Pure parts of the chart sources: helm's IndexFile.Get selection, ResolveReferenceURL, OCI
// references, the on-disk cache, and local/vendored charts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChartCache, sha256Hex } from '../../plugin/chart-source/cache.js';
import { resolveChartUrl, selectIndexVersion } from '../../plugin/chart-source/http-repo.js';
import { resolveLocalChart } from '../../plugin/chart-source/local.js';
import { ociReference } from '../../plugin/chart-source/oci.js';

test('index selection and URL resolution follow helm (pure)', () => {
  const entries = [{ version: '1.0.0', urls: [] }, { version: '1.2.0-rc1', urls: [] }, { version: '1.1.0', urls: [] }, { version: 'junk', urls: [] }];
  assert.equal(selectIndexVersion(entries, '1.0.0')?.version, '1.0.0');
  assert.equal(selectIndexVersion(entries, '^1')?.version, '1.1.0');
  assert.equal(selectIndexVersion(entries, '')?.version, '1.1.0');
  assert.equal(selectIndexVersion(entries, 'junk')?.version, 'junk');
  assert.equal(selectIndexVersion(entries, '2.x'), undefined);
  assert.equal(resolveChartUrl('https://h/r', 'charts/a.tgz'), 'https://h/r/charts/a.tgz');
  assert.equal(resolveChartUrl('https://h/r/', 'https://cdn/x/a.tgz'), 'https://cdn/x/a.tgz');
  assert.deepEqual(ociReference({ repoURL: 'oci://ghcr.io/nvidia', chart: 'ovn', version: '1.0.0+build.1' }), { host: 'ghcr.io', repository: 'nvidia/ovn', tag: '1.0.0_build.1' });
});

test('cache: blobs are content-addressed, corrupt ones dropped, LRU-bounded; refs expire', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dpu-cache-'));
  const cache = new ChartCache({ dir, maxBytes: 10, refTtlMs: 0 });
  const a = cache.putBlob(Buffer.from('aaaaaa'));
  assert.equal(a, sha256Hex('aaaaaa'));
  assert.equal(cache.getBlob(a)?.toString(), 'aaaaaa');
  writeFileSync(join(dir, 'blobs', 'sha256', a), 'tampered');
  assert.equal(cache.getBlob(a), undefined);
  cache.putBlob(Buffer.from('bbbbbb'));
  cache.putBlob(Buffer.from('cccccc'));
  assert.equal(readdirSync(join(dir, 'blobs', 'sha256')).length, 1);
  cache.putRef('k', 'v');
  assert.equal(cache.getRef('k', true), 'v');
  assert.equal(new ChartCache({ dir, maxBytes: 10, refTtlMs: 60_000 }).getRef('k'), 'v');
});

test('local charts: chart-paths mapping and vendored <chart>-<version>.tgz', () => {
  const root = mkdtempSync(join(tmpdir(), 'dpu-local-'));
  cpSync(new URL('../../examples/charts/dummydpuservice', import.meta.url).pathname, join(root, 'charts', 'd'), { recursive: true });
  mkdirSync(join(root, 'app'));
  const req = { repoURL: 'https://h/dpf/', chart: 'dummydpuservice-chart', version: '0.1.0' };
  const opts = { appDir: join(root, 'app'), repoRoot: root, chartPaths: { 'https://h/dpf/dummydpuservice-chart': '../charts/d' }, vendorDir: 'vendor' };
  assert.equal(resolveLocalChart(req, opts)?.origin, 'repo:../charts/d');
  assert.equal(resolveLocalChart(req, { ...opts, chartPaths: {} }), undefined);
  assert.throws(() => resolveLocalChart(req, { ...opts, chartPaths: { 'https://h/dpf/dummydpuservice-chart': '/abs' } }), /must be relative/);
});
