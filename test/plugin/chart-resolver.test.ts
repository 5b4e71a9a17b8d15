// plugin/chart-source/resolver.ts: the CMP's chart sources behind contract's ChartResolver
// (what the webhook uses): chart-paths first, then --chart-dir folders, then the network;
// failures as ChartUnavailableError with the source's own detail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ChartUnavailableError } from '../../contract/chart-resolver.js';
import { LocalChartResolver } from '../../contract/local-charts.js';
import { CmpChartResolver } from '../../plugin/chart-source/resolver.js';
import { RemoteFetchError, type ChartRequest } from '../../plugin/chart-source/types.js';

const ROOT = resolve('examples');
const SOURCE = { repoURL: 'https://helm.example.com/dpf', chart: 'dummydpuservice-chart', version: '0.1.0' };
const live = () => ({ signal: new AbortController().signal });
const local = (chartPaths: Record<string, string>) => ({ appDir: ROOT, repoRoot: ROOT, chartPaths, vendorDir: '' });

test('chart-paths mapping: <repoURL>/<chart> resolves to the chart folder, without the network', async () => {
  const fetched: ChartRequest[] = [];
  const r = new CmpChartResolver({ local: local({ 'https://helm.example.com/dpf/dummydpuservice-chart': 'charts/dummydpuservice' }), fetchRemote: async (req) => (fetched.push(req), Promise.reject(new Error('no'))) });
  const chart = await r.resolve(SOURCE, live());
  assert.deepEqual([chart.metadata.name, chart.metadata.version, fetched.length], ['dummydpuservice-chart', '0.1.0', 0]);
});

test('chart-paths mapping to another version: unavailable, saying which version the path holds', async () => {
  const r = new CmpChartResolver({ local: local({ 'https://helm.example.com/dpf/dummydpuservice-chart': 'charts/dummydpuservice' }) });
  await assert.rejects(r.resolve({ ...SOURCE, version: '0.2.0' }, live()), (err: unknown) => {
    assert.ok(err instanceof ChartUnavailableError);
    assert.equal(err.reason, 'chart-paths maps it to charts/dummydpuservice, which holds version 0.1.0, not 0.2.0');
    return true;
  });
});

test('--chart-dir folders come before the network; the network gets the request and the signal otherwise', async () => {
  const seen: { req: ChartRequest; signal: AbortSignal | undefined }[] = [];
  const r = new CmpChartResolver({
    chartDirs: new LocalChartResolver([resolve('examples/charts')]),
    fetchRemote: async (req, o) => {
      seen.push({ req, signal: o?.signal });
      throw new RemoteFetchError(req, 'not-found', 'GET https://helm.example.com/dpf/index.yaml: HTTP 404');
    },
  });
  assert.equal((await r.resolve(SOURCE, live())).metadata.name, 'dummydpuservice-chart');
  const opts = live();
  await assert.rejects(r.resolve({ ...SOURCE, chart: 'other' }, opts), (err: unknown) => {
    assert.ok(err instanceof ChartUnavailableError);
    // The denial names repository, chart, version and the category; the log gets what the server said.
    assert.equal(err.reason, `not-found: ${SOURCE.repoURL} has no other 0.1.0`);
    assert.equal(err.category, 'not-found');
    assert.equal(err.detail, 'GET https://helm.example.com/dpf/index.yaml: HTTP 404');
    return true;
  });
  assert.deepEqual(seen.map((s) => [s.req, s.signal === opts.signal]), [[{ repoURL: SOURCE.repoURL, chart: 'other', version: '0.1.0' }, true]]);
});

test('fetching off, or already aborted: unavailable with the reason', async () => {
  const r = new CmpChartResolver({});
  await assert.rejects(r.resolve(SOURCE, live()), /unavailable: not in the local charts, and fetching charts is off$/);
  const c = new AbortController();
  c.abort();
  await assert.rejects(new CmpChartResolver({ fetchRemote: () => Promise.reject(new Error('must not be called')) }).resolve(SOURCE, { signal: c.signal }), /unavailable: aborted$/);
});
