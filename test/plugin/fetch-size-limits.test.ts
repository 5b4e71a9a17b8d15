// Size caps of remote fetches (issue 11 item 3), each attack replayed against a real server on
// 127.0.0.1: a huge index.yaml (only the requested chart's entries are parsed; the entries
// read equal what PyYAML reads from the same helm-written index), an index over the cap, a
// non-helm-layout index over the whole-parse cap, an OCI tag-list flood (pages and count), and
// a small chart with nested subchart archives whose total decompressed size is over the cap.
// Skips with the reason when openssl, helm or python3 with PyYAML is missing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecompressedTotalError, withDecompressedTotalLimit } from '../../helm/chart/load-archive.js';
import { MAX_DECOMPRESSED_TOTAL_SIZE } from '../../helm/chart/limits.js';
import { loadChartFromArchive } from '../../helm/chart/load-files.js';
import { DEFAULT_ALLOWED_REPOS, RepoAllowlist } from '../../plugin/chart-source/allowlist.js';
import { ChartCache } from '../../plugin/chart-source/cache.js';
import { fetchFromHelmRepo, type RemoteOptions } from '../../plugin/chart-source/http-repo.js';
import { INDEX_CHART_MAX_BYTES, INDEX_FULL_PARSE_MAX_BYTES, IndexError, indexEntriesFor } from '../../plugin/chart-source/index-entries.js';
import { fetchFromOci, MAX_TAG_LIST_BYTES, MAX_TAGS } from '../../plugin/chart-source/oci.js';
import { RemoteFetchError } from '../../plugin/chart-source/types.js';
import { EXAMPLE_CHART_NAME, helmIndex, missingHelmOrOpenssl, packageChart, startRecordingServer, testCert, type RecordingServer } from './helpers/chart-repo-servers.js';
import { nestedChartArchive } from './helpers/nested-chart.js';

const PYTHON = '/usr/bin/python3';
const pyYaml = spawnSync(PYTHON, ['-c', 'import yaml']).status === 0;
const skip = missingHelmOrOpenssl() ?? (pyYaml ? false : 'python3 with PyYAML is not installed');
let chart: { name: string; data: Buffer };
let index: string;
const servers: RecordingServer[] = [];

before(() => {
  if (skip) return;
  chart = packageChart('0.1.0');
  const hbn = packageChart('0.3.0', new URL('../../examples/charts/hbn-like', import.meta.url).pathname);
  index = helmIndex([chart, packageChart('0.2.0'), packageChart('1.0.0-rc.1'), hbn]);
});

after(async () => {
  for (const s of servers) await s.close();
});

function options(extra: Partial<RemoteOptions> = {}): RemoteOptions {
  return {
    cache: new ChartCache({ dir: mkdtempSync(join(tmpdir(), 'size-limits-cache-')), maxBytes: 1 << 30, refTtlMs: 60_000 }),
    credentials: { lookup: () => undefined, globalCa: testCert().cert },
    allowlist: new RepoAllowlist(DEFAULT_ALLOWED_REPOS),
    timeoutMs: 10_000,
    maxIndexBytes: 64 * 1024 * 1024,
    maxChartBytes: 1 << 22,
    ...extra,
  };
}

/** entries.<name> as PyYAML reads the index: [version, urls, digest] per entry. */
function pyYamlEntries(text: string, name: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'pyyaml-'));
  writeFileSync(join(dir, 'index.yaml'), text);
  const script = 'import sys, json, yaml\nd = yaml.safe_load(open(sys.argv[1]))\nl = d["entries"].get(sys.argv[2])\nprint(json.dumps(None if l is None else [[str(e.get("version")), e.get("urls", []), e.get("digest")] for e in l]))';
  const r = spawnSync(PYTHON, ['-c', script, join(dir, 'index.yaml'), name], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const ours = (text: string, name: string): unknown => indexEntriesFor(text, name)?.map((e) => [e.version, e.urls, e.digest ?? null]) ?? null;

test('index entries read by the line scan equal PyYAML\'s, for a helm-written index and for the layouts that fall back', { skip }, () => {
  for (const name of [EXAMPLE_CHART_NAME, 'hbn-like-chart', 'absent-chart']) assert.deepEqual(ours(index, name), pyYamlEntries(index, name), name);
  // The same index as JSON, with CRLF line ends, with a document marker, and with an alias.
  const json = JSON.stringify({ apiVersion: 'v1', entries: { a: [{ version: '1.0.0', urls: ['a-1.0.0.tgz'], digest: 'x' }] } });
  const variants = [json, index.replace(/\n/g, '\r\n'), `---\n${index}`, 'apiVersion: v1\nentries:\n  a:\n  - &e\n    version: 1.0.0\n    urls: [a.tgz]\n  b:\n  - *e\n'];
  for (const text of variants) for (const name of ['a', 'b', EXAMPLE_CHART_NAME]) assert.deepEqual(ours(text, name), pyYamlEntries(text, name), `${name} in ${text.slice(0, 30)}`);
});

test('hostile index layouts: a 5 MB key line, and one chart with more than INDEX_CHART_MAX_BYTES of entries, are refused quickly', () => {
  for (const text of ['a' + ' '.repeat(5_000_000) + 'x\n', 'apiVersion: v1\nentries:\n  c' + ' '.repeat(5_000_000) + 'x\n']) {
    assert.throws(() => indexEntriesFor(text, 'c'), (e: unknown) => e instanceof IndexError && e.kind === 'too-large');
  }
  const item = `  - version: 1.0.0\n    description: ${'d'.repeat(2000)}\n    urls:\n    - c.tgz\n`;
  const flood = `apiVersion: v1\nentries:\n  c:\n${item.repeat(Math.ceil(INDEX_CHART_MAX_BYTES / item.length) + 100)}`;
  assert.throws(() => indexEntriesFor(flood, 'c'), (e: unknown) => e instanceof IndexError && e.kind === 'too-large' && e.message.includes(`entries of c are larger than ${INDEX_CHART_MAX_BYTES}`));
  // The other charts of that index are not parsed at all.
  assert.equal(indexEntriesFor(`${flood}  d:\n  - version: 2.0.0\n    urls: [d.tgz]\n`, 'd')?.[0]?.version, '2.0.0');
});

/** A helm-layout index of about `mib` MiB: padding charts first, the real chart's entries last. */
function hugeIndex(mib: number): Buffer {
  const item = (name: string, v: number): string =>
    `  - annotations:\n      category: Database\n    apiVersion: v2\n    appVersion: 1.${v}.0\n    created: "2024-06-20T10:11:12.123456789Z"\n    description: ${name} is an open source database management system known for reliability and data integrity.\n    digest: ${'0'.repeat(64)}\n    home: https://charts.example.com\n    keywords:\n    - database\n    name: ${name}\n    urls:\n    - https://charts.example.com/${name}-1.${v}.0.tgz\n    version: 1.${v}.0\n`;
  const parts = ['apiVersion: v1\nentries:\n'];
  let size = 0;
  for (let c = 0; size < mib * 1024 * 1024; c++) {
    let s = `  pad-${c}:\n`;
    for (let v = 0; v < 60; v++) s += item(`pad-${c}`, v);
    parts.push(s);
    size += s.length;
  }
  const real = index.slice(index.indexOf('entries:\n') + 'entries:\n'.length, index.indexOf('\ngenerated:'));
  parts.push(`${real}\ngenerated: "2024-06-20T10:11:12Z"\n`);
  return Buffer.from(parts.join(''));
}

async function serve(body: (path: string) => Buffer | string | undefined): Promise<RecordingServer> {
  const server = await startRecordingServer('https', (req, res) => {
    const b = body(req.url ?? '');
    if (b === undefined) return void res.writeHead(404).end();
    res.writeHead(200).end(b);
  });
  servers.push(server);
  return server;
}

test('a 60 MiB index.yaml is read without parsing it whole: the chart is found, memory stays bounded', { skip, timeout: 120_000 }, async () => {
  const big = hugeIndex(60);
  const server = await serve((path) => (path.endsWith('/index.yaml') ? big : chart.data));
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const r = await fetchFromHelmRepo({ repoURL: `${server.url}/dpf`, chart: EXAMPLE_CHART_NAME, version: '<0.2.0' }, options());
    assert.equal(r.chart.metadata.version, '0.1.0');
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  // Parsed whole with the `yaml` package, this index took 3.4 GB; the scan needs the text and little more.
  assert.ok(peak - baseline < 1024 * 1024 * 1024, `RSS grew by ${Math.round((peak - baseline) / 1048576)} MiB`);
});

test('an index over the size cap is refused as too-large after reading at most the cap', { skip }, async () => {
  const big = hugeIndex(3);
  const server = await serve(() => big);
  await assert.rejects(fetchFromHelmRepo({ repoURL: `${server.url}/dpf`, chart: EXAMPLE_CHART_NAME, version: '0.1.0' }, options({ maxIndexBytes: 1 << 20 })), (e: unknown) => e instanceof RemoteFetchError && e.category === 'too-large');
});

test('an index not in helm\'s layout is parsed whole only up to INDEX_FULL_PARSE_MAX_BYTES', { skip }, async () => {
  const entries: Record<string, unknown[]> = {};
  for (let c = 0; JSON.stringify(entries).length < INDEX_FULL_PARSE_MAX_BYTES + 1024; c++) entries[`pad-${c}`] = Array.from({ length: 50 }, (_, v) => ({ version: `1.${v}.0`, urls: [`https://x/pad-${c}-1.${v}.0.tgz`], description: 'd'.repeat(200) }));
  const server = await serve(() => JSON.stringify({ apiVersion: 'v1', entries }));
  await assert.rejects(fetchFromHelmRepo({ repoURL: `${server.url}/dpf`, chart: 'pad-1', version: '1.0.0' }, options()), (e: unknown) => e instanceof RemoteFetchError && e.category === 'too-large');
});

/** A fake registry on plain http whose tag list never ends: every page links to the next one. */
async function tagFlood(tagsPerPage: number, tagLength: number): Promise<{ server: RecordingServer; sent: () => number }> {
  let sent = 0;
  const server = await startRecordingServer('http', (req, res) => {
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? 0);
    const tags = Array.from({ length: tagsPerPage }, (_, i) => `1.0.${page * tagsPerPage + i}-${'x'.repeat(tagLength)}`);
    const body = JSON.stringify({ name: 'dpf/c', tags });
    sent += body.length;
    res.writeHead(200, { 'Content-Type': 'application/json', Link: `</v2/dpf/c/tags/list?page=${page + 1}>; rel="next"` }).end(body);
  });
  servers.push(server);
  return { server, sent: () => sent };
}

test('OCI tag-list flood: pages stop at the byte cap, one huge page at the tag-count cap', { skip, timeout: 60_000 }, async () => {
  const flood = await tagFlood(2000, 200);
  await assert.rejects(fetchFromOci({ repoURL: `oci://127.0.0.1:${flood.server.port}/dpf`, chart: 'c', version: '^1' }, options({ ociPlainHttp: true })), (e: unknown) => e instanceof RemoteFetchError && e.category === 'too-large');
  // What was read is bounded by the cap plus the one page in flight (the 561 MB flood is gone).
  assert.ok(flood.sent() < MAX_TAG_LIST_BYTES + 2 * 1024 * 1024, `${flood.sent()} bytes sent`);
  const many = await tagFlood(MAX_TAGS + 1, 0);
  await assert.rejects(fetchFromOci({ repoURL: `oci://127.0.0.1:${many.server.port}/dpf`, chart: 'c', version: '^1' }, options({ ociPlainHttp: true })), (e: unknown) => e instanceof RemoteFetchError && e.category === 'too-large' && e.detail.includes(`more than ${MAX_TAGS} tags`));
});

/** A chart with `levels` subchart archives nested in one another, each level holding `files` files of `fileBytes`. */
const nestedChart = (levels: number, files: number, fileBytes: number): Buffer => nestedChartArchive(levels, files, fileBytes);

test('nested subchart archives: one decompressed-size budget for the whole tree; helm\'s per-archive rule otherwise', { skip, timeout: 60_000 }, async () => {
  // Eight levels of 16 MiB each: every archive alone is within helm's 100 MiB, the tree is not.
  const bomb = nestedChart(8, 4, 4 * 1024 * 1024);
  assert.ok(bomb.length < 256 * 1024, `${bomb.length} bytes`);
  assert.throws(
    () => withDecompressedTotalLimit(() => loadChartFromArchive(bomb)),
    (e: unknown) => {
      let cause: unknown = e;
      while (cause instanceof Error && !(cause instanceof DecompressedTotalError)) cause = cause.cause;
      assert.ok(cause instanceof DecompressedTotalError);
      assert.match((e as Error).message, new RegExp(`error unpacking subchart sub1-0\\.1\\.0\\.tgz in top: .*decompress to more than ${MAX_DECOMPRESSED_TOTAL_SIZE} bytes in total`));
      return true;
    },
  );
  // A small tree loads under the same budget.
  assert.equal(withDecompressedTotalLimit(() => loadChartFromArchive(nestedChart(8, 1, 1024))).metadata.name, 'top');
  // Fetched from a repository: a too-large denial.
  const digest = (await import('node:crypto')).createHash('sha256').update(bomb).digest('hex');
  const server = await serve((path) => (path.endsWith('/index.yaml') ? `apiVersion: v1\nentries:\n  top:\n  - name: top\n    version: 0.1.0\n    digest: ${digest}\n    urls:\n    - top-0.1.0.tgz\n` : bomb));
  await assert.rejects(fetchFromHelmRepo({ repoURL: `${server.url}/dpf`, chart: 'top', version: '0.1.0' }, options()), (e: unknown) => e instanceof RemoteFetchError && e.category === 'too-large');
});
