import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CachingChartResolver, ChartUnavailableError, chartSourceOf, resolveWithDeadline, type ChartResolver } from '../../contract/chart-resolver.js';
import { LocalChartResolver, findChartLocations } from '../../contract/local-charts.js';
import type { Chart } from '../../helm/chart/types.js';

const signal = new AbortController().signal;

test('LocalChartResolver matches chart name and version (leading v ignored)', async () => {
  const local = new LocalChartResolver(['examples/charts', 'test/contract/fixtures/lint-repo']);
  assert.deepEqual(findChartLocations('test/contract/fixtures/lint-repo'), ['test/contract/fixtures/lint-repo/charts/bad', 'test/contract/fixtures/lint-repo/charts/good']);
  const chart = await local.resolve({ repoURL: 'https://x', chart: 'good-chart', version: 'v1.2.0' }, { signal });
  assert.equal(chart.metadata.name, 'good-chart');
  const byPath = await local.resolve({ repoURL: 'https://github.com/x/y', path: 'charts/bad', version: 'HEAD' }, { signal });
  assert.equal(byPath.metadata.name, 'bad-chart');
  await assert.rejects(local.resolve({ repoURL: 'https://x', chart: 'good-chart', version: '9.9.9' }, { signal }), (e: unknown) => e instanceof ChartUnavailableError && e.reason === 'not found in the local chart folders');
});

test('chartSourceOf reads spec.helmChart.source', () => {
  assert.deepEqual(chartSourceOf({ spec: { helmChart: { source: { repoURL: 'oci://r', chart: 'c', version: '1', extra: 1 } } } }), { repoURL: 'oci://r', version: '1', chart: 'c' });
  assert.equal(chartSourceOf({ spec: {} }), undefined);
});

test('resolveWithDeadline: a hanging source is aborted and reported after the deadline', { timeout: 30_000 }, async () => {
  let aborted = false;
  const hanging: ChartResolver = {
    resolve: (_s, { signal: s }) =>
      new Promise(() => {
        s.addEventListener('abort', () => (aborted = true));
      }),
  };
  await assert.rejects(resolveWithDeadline(hanging, { repoURL: 'https://r', chart: 'c', version: '1' }, 60), (e: unknown) => e instanceof ChartUnavailableError && e.message === 'chart https://r c 1 unavailable: timed out after 60 ms');
  assert.equal(aborted, true);
});

test('resolveWithDeadline: other failures become ChartUnavailableError; their message only in the detail', async () => {
  const broken: ChartResolver = { resolve: async () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:8443')) };
  await assert.rejects(resolveWithDeadline(broken, { repoURL: 'https://r', chart: 'c', version: '1' }, 1000), (e: unknown) => {
    assert.ok(e instanceof ChartUnavailableError);
    assert.equal(e.category, 'unreachable');
    assert.equal(e.reason, 'unreachable: https://r could not be reached for c 1');
    assert.equal(e.detail, 'connect ECONNREFUSED 10.0.0.7:8443');
    return true;
  });
});

test('resolveWithDeadline: the deadline is category timeout', async () => {
  const hanging: ChartResolver = { resolve: () => new Promise(() => {}) };
  await assert.rejects(resolveWithDeadline(hanging, { repoURL: 'https://r', version: '1' }, 20), (e: unknown) => e instanceof ChartUnavailableError && e.category === 'timeout');
});

test('CachingChartResolver: hits within the TTL, refetches after it, bounded, failures not cached', async () => {
  let now = 0;
  let calls = 0;
  let fail = false;
  const inner: ChartResolver = {
    resolve: async (s) => {
      calls++;
      if (fail) throw new Error('down');
      return { metadata: { name: s.chart } } as unknown as Chart;
    },
  };
  const cache = new CachingChartResolver(inner, { ttlMs: 100, maxEntries: 2, now: () => now });
  const src = (chart: string) => ({ repoURL: 'https://r', chart, version: '1' });
  const a1 = await cache.resolve(src('a'), { signal });
  assert.equal(await cache.resolve(src('a'), { signal }), a1);
  assert.equal(calls, 1);
  now = 150;
  await cache.resolve(src('a'), { signal });
  assert.equal(calls, 2);
  await cache.resolve(src('b'), { signal });
  await cache.resolve(src('c'), { signal });
  assert.equal(cache.size, 2);
  fail = true;
  await assert.rejects(cache.resolve(src('d'), { signal }));
  await new Promise((r) => setImmediate(r));
  // d took b's place (LRU) and was dropped when it failed; c is still cached.
  assert.equal(cache.size, 1);
  fail = false;
  const before = calls;
  await cache.resolve(src('c'), { signal });
  assert.equal(calls, before);
  await cache.resolve(src('d'), { signal });
  assert.equal(calls, before + 1);
});
