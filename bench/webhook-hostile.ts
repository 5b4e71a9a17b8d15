/**
 * `npm run bench`: the webhook while hostile charts render, and DPUService review throughput
 * through the chart worker pool. The real `dpu-gitops webhook` process, autocannon over HTTPS on
 * 127.0.0.1 (bench/load.ts).
 *
 *   1. Pod reviews at 1,000 req/s, quiet: the baseline.
 *   2. The same while hostile renders run continuously: HOSTILE_STREAMS clients each send, back
 *      to back, a DPUService whose chart loops for 400 million iterations (5 s render budget,
 *      then denied). Pod reviews need no render and must not feel it (target p99 < 10 ms).
 *   3. DPUService reviews with new values every time (a render per review) through the pool, as
 *      many as it serves with 8 connections: the examples' dummydpuservice chart, and
 *      kube-prometheus-stack (270 templates, 5 subcharts) assembled from fetched snapshots
 *      (bench/real-charts.ts) when they are on this machine; `helm template` of the same chart
 *      as a process is measured in the same run for scale.
 * `--quick` shortens every phase.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmBinary } from './helm-bin.js';
import { delay, fmt, load, makeCert, review, startServer, stopServer, type Phase, type Scenario } from './load.js';
import { kubePrometheusStack } from './real-charts.js';

const root = process.cwd();
const quick = process.argv.includes('--quick');
const POD_RATE = 1000;
const FIXED_S = quick ? 2 : 6;
const THROUGHPUT_S = quick ? 3 : 8;
const HOSTILE_STREAMS = 4;
const POD_P99_TARGET_MS = 10;

/** A chart whose render only the clock stops (no allocation). */
function writeHostileChart(dir: string): void {
  mkdirSync(join(dir, 'loop', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'loop', 'Chart.yaml'), 'apiVersion: v2\nname: loop\nversion: 1.0.0\nannotations:\n  dpu.nvidia.com/doca-version: ">= 2.9"\n');
  writeFileSync(join(dir, 'loop', 'templates', 'loop.yaml'), '{{ range until 20000 }}{{ range until 20000 }}{{ end }}{{ end }}\n');
}

function dpuServiceFor(chart: string, version: string): any {
  const r = review('dpuservice-create-valid');
  r.request.object.spec.helmChart.source = { repoURL: 'https://charts.bench.example', chart, version };
  return r;
}

/** Sends hostile reviews back to back on `streams` connections until `stop` resolves. */
function hostileLoad(port: number, streams: number, stop: Promise<void>): Promise<number> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  let sent = 0;
  const body = dpuServiceFor('loop', '1.0.0');
  const one = (i: number): Promise<void> => {
    // New values every time: no cached result answers for a hostile review.
    body.request.object.spec.helmChart.values.nonce = `${i}-${sent}`;
    sent += 1;
    return postOnce(port, body);
  };
  const stream = async (i: number): Promise<void> => {
    while (!stopped) await one(i);
  };
  return Promise.all(Array.from({ length: streams }, (_, i) => stream(i))).then(() => sent);
}

/** One review, its answer read and dropped (errors too: load, not correctness, is measured here). */
function postOnce(port: number, body: unknown): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/validate', rejectUnauthorized: false, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', () => resolve());
    req.end(JSON.stringify(body));
  });
}

function row(label: string, rate: string, p: Phase, extra = ''): string {
  return `${label.padEnd(58)}${rate.padEnd(20)}${fmt(p.p50Ms).padStart(10)}${fmt(p.p99Ms).padStart(10)}${fmt(p.maxMs).padStart(10)}${extra}\n`;
}

async function main(): Promise<void> {
  process.stdout.write(`\n== webhook under hostile renders, and DPUService throughput through the chart worker pool\n`);
  if (spawnSync('sh', ['-c', 'command -v openssl']).status !== 0) {
    process.stdout.write('skipped: openssl is not installed (needed for the TLS certificate)\n');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dpu-bench-hostile-'));
  const charts = join(dir, 'charts');
  cpSync(join(root, 'examples', 'charts'), charts, { recursive: true });
  writeHostileChart(charts);
  const real = kubePrometheusStack(join(dir, 'real'));
  if (typeof real !== 'string') cpSync(real.dir, join(charts, real.name), { recursive: true });
  const { cert, key } = makeCert(dir);
  const workers = 2;
  const webhook = await startServer(
    [join(root, 'dist/cli/main.js'), 'webhook', '--cert', cert, '--key', key, '--host', '127.0.0.1', '--port', '0', '--chart-dir', charts, '--no-fetch', '--cluster', 'dpu-cplane', '--workers', String(workers)],
    (line) => (/"msg":"webhook listening"/.test(line) ? Number(/"port":(\d+)/.exec(line)?.[1]) : undefined),
  );
  try {
    const pod: Scenario = { label: 'Pod review', rate: POD_RATE, port: () => webhook.port, body: Buffer.from(JSON.stringify(review('pod-create-valid'))) };
    process.stdout.write(`${'scenario'.padEnd(58)}${'rate (set/got)'.padEnd(20)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}\n`);
    // Warm: every chart worker has loaded its modules and the local charts before anything is measured.
    await Promise.all(
      Array.from({ length: workers * 2 }, (_, i) => {
        const warmup = dpuServiceFor('dummydpuservice-chart', '0.1.0');
        warmup.request.object.spec.helmChart.values.nonce = i;
        return postOnce(webhook.port, warmup);
      }),
    );
    await load(pod, 3, { connections: 4 });
    const quiet = await load(pod, FIXED_S, { rate: POD_RATE, connections: 1 });
    process.stdout.write(row('1. Pod review, quiet', `${POD_RATE}/${quiet.achievedRps.toFixed(0)} req/s`, quiet, quiet.failures ? `  (${quiet.failures} failed)` : ''));

    let release!: () => void;
    const stop = new Promise<void>((r) => (release = r));
    const hostile = hostileLoad(webhook.port, HOSTILE_STREAMS, stop);
    await delay(500);
    const loaded = await load(pod, FIXED_S, { rate: POD_RATE, connections: 1 });
    release();
    const hostileSent = await hostile;
    process.stdout.write(
      row(`1. Pod review, ${HOSTILE_STREAMS} hostile render streams on ${workers} workers`, `${POD_RATE}/${loaded.achievedRps.toFixed(0)} req/s`, loaded, `  (${hostileSent} hostile reviews sent${loaded.failures ? `, ${loaded.failures} Pod reviews failed` : ''})`),
    );
    const ok = loaded.failures === 0 && loaded.achievedRps >= POD_RATE * 0.97 && loaded.p99Ms < POD_P99_TARGET_MS;
    process.stdout.write(`target Pod review p99 < ${POD_P99_TARGET_MS} ms at ${POD_RATE} req/s under hostile renders: ${ok ? 'met' : 'NOT met'} (p99 ${fmt(loaded.p99Ms)})\n`);
    // Let the last hostile renders end before measuring throughput.
    await delay(6000);

    const throughput = async (label: string, chart: string, version: string): Promise<void> => {
      const body = dpuServiceFor(chart, version);
      const vary = (i: number): Buffer => {
        body.request.object.spec.helmChart.values.nonce = i;
        return Buffer.from(JSON.stringify(body));
      };
      const s: Scenario = { label, rate: 0, port: () => webhook.port, body: vary(-1), vary };
      await load(s, 1, { connections: 2 });
      const p = await load(s, THROUGHPUT_S, { connections: 8 });
      process.stdout.write(row(`3. ${label}`, `${p.achievedRps.toFixed(1)} req/s`, p, p.failures ? `  (${p.failures} not allowed: denied or failed)` : ''));
    };
    await throughput('DPUService, dummydpuservice, new values each', 'dummydpuservice-chart', '0.1.0');
    if (typeof real === 'string') process.stdout.write(`3. kube-prometheus-stack: skipped: ${real}\n`);
    else {
      await throughput(`DPUService, ${real.name} (${real.templates} templates), new values each`, real.name, real.version);
      const helm = helmBinary();
      if (helm) {
        const runs = quick ? 3 : 5;
        const t0 = performance.now();
        for (let i = 0; i < runs; i++) execFileSync(helm, ['template', 'x', real.dir], { stdio: 'ignore' });
        process.stdout.write(`   for scale: helm template ${real.name} as a process: ${fmt((performance.now() - t0) / runs)} per render, one at a time\n`);
      }
    }
    process.stdout.write(`(DPUService rows: ${THROUGHPUT_S} s, 8 connections, ${workers} chart workers; "not allowed" counts denials, since real charts break DPF rules)\n`);
  } finally {
    await stopServer(webhook.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
