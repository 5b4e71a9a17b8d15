/**
 * `npm run bench` (after dist/bench/run.js): load on the admission webhook over HTTPS on
 * 127.0.0.1 with autocannon, beside a trivial express HTTPS handler measured in the same run as
 * the floor. Each server runs in its own process (the real `dpu-gitops webhook` CLI and
 * bench/express-floor.ts), autocannon in this one, so client and server do not share a core.
 *
 * Scenarios, each bounded to about 10 s: 1 s warm-up, 6 s at a fixed rate (latency p50/p99 of
 * every response, in µs precision, and the rate achieved), then 3 s unthrottled with 16
 * connections (the most req/s it serves).
 *
 * A fixed rate is paced by 20 autocannon clients of one connection each, started 50 ms apart:
 * autocannon's own rate limit sends a connection's whole per-second quota back to back at the
 * top of each second, so one client with N connections at 1,000 req/s would measure bursts of
 * N concurrent requests, not a steady 1,000 req/s.
 *
 *   floor            express: parse the JSON body, answer allowed (the cost of HTTPS + express)
 *   Pod review       pod-size and pod-fields on a Pod AdmissionReview
 *   DPUService       a DPUService whose chart is cached (loaded once from --chart-dir), the same
 *                    spec every time (as ArgoCD re-applies it), so the findings are cached too
 *   DPUService+render  the same chart, the values changed on every review: a helm render and
 *                    every chart rule per request
 * Targets (issue 8): Pod review p99 < 10 ms at 1,000 req/s; DPUService review p99 < 25 ms.
 * `--quick` shortens every phase (CI smoke).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstFailure, fmt, load, makeCert, PACERS, review, startServer, stopServer, type Phase, type Scenario } from './load.js';

const root = process.cwd();
const quick = process.argv.includes('--quick');
const POD_RATE = 1000;
/** DPUService reviews that render: far above what ArgoCD syncs send, well below a render's capacity. */
const RENDER_RATE = 100;
const WARMUP_S = quick ? 0.5 : 1;
const FIXED_S = quick ? 2 : 6;
const MAX_S = quick ? 1 : 3;
const MAX_CONNECTIONS = 16;
const POD_P99_TARGET_MS = 10;
const DPUSERVICE_P99_TARGET_MS = 25;

interface Outcome {
  label: string;
  fixed: Phase;
  maxRps: number;
}

async function runScenario(s: Scenario): Promise<Outcome> {
  await load(s, WARMUP_S, { connections: 4 });
  const fixed = await load(s, FIXED_S, { rate: s.rate, connections: 1 });
  const max = await load(s, MAX_S, { connections: MAX_CONNECTIONS });
  return { label: s.label, fixed, maxRps: max.failures === 0 ? max.achievedRps : NaN };
}

async function main(): Promise<void> {
  process.stdout.write(`\n== admission webhook under load (autocannon over HTTPS on 127.0.0.1; each server in its own process)\n`);
  if (spawnSync('sh', ['-c', 'command -v openssl']).status !== 0) {
    process.stdout.write('skipped: openssl is not installed (needed for the TLS certificate)\n');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dpu-bench-webhook-'));
  const { cert, key } = makeCert(dir);
  const floor = await startServer([join(root, 'dist/bench/express-floor.js'), cert, key], (line) => {
    const m = /^\{"port":(\d+)\}$/.exec(line.trim());
    return m ? Number(m[1]) : undefined;
  });
  const webhook = await startServer(
    [join(root, 'dist/cli/main.js'), 'webhook', '--cert', cert, '--key', key, '--host', '127.0.0.1', '--port', '0', '--chart-dir', 'examples/charts', '--no-fetch', '--cluster', 'dpu-cplane'],
    (line) => {
      const m = /"port":(\d+).*"msg":"webhook listening"/.exec(line);
      return m ? Number(m[1]) : undefined;
    },
  );
  try {
    const pod = Buffer.from(JSON.stringify(review('pod-create-valid')));
    const dpuService = review('dpuservice-create-valid');
    const dpuServiceBody = Buffer.from(JSON.stringify(dpuService));
    const variedDpuService = (i: number): Buffer => {
      dpuService.request.object.spec.helmChart.values.image.tag = `v0.1.${i}`;
      return Buffer.from(JSON.stringify(dpuService));
    };
    const scenarios: Scenario[] = [
      { label: 'express floor (trivial handler)', rate: POD_RATE, port: () => floor.port, body: pod },
      { label: 'Pod review', rate: POD_RATE, port: () => webhook.port, body: pod },
      { label: 'DPUService review, cached chart', rate: POD_RATE, port: () => webhook.port, body: dpuServiceBody },
      { label: 'DPUService review, cached chart, new values (render)', rate: RENDER_RATE, port: () => webhook.port, body: dpuServiceBody, vary: variedDpuService },
    ];
    const outcomes: Outcome[] = [];
    process.stdout.write(
      `${'scenario'.padEnd(54)}${'rate (set/got)'.padEnd(18)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}${'max req/s'.padStart(12)}\n`,
    );
    for (const s of scenarios) {
      const o = await runScenario(s);
      outcomes.push(o);
      const f = o.fixed;
      process.stdout.write(
        `${s.label.padEnd(54)}${`${s.rate}/${f.achievedRps.toFixed(0)} req/s`.padEnd(18)}${fmt(f.p50Ms).padStart(10)}${fmt(f.p99Ms).padStart(10)}${fmt(f.maxMs).padStart(10)}${(Number.isNaN(o.maxRps) ? 'failed' : o.maxRps.toFixed(0)).padStart(12)}${f.failures > 0 ? `  (${f.failures} failed requests)` : ''}\n`,
      );
    }
    for (const [label, body] of Object.entries(firstFailure)) process.stdout.write(`${label}: a response was not allowed: ${body}\n`);
    process.stdout.write(`(p50/p99/max: ${FIXED_S} s at the set rate, ${PACERS} paced connections; max req/s: ${MAX_S} s unthrottled, ${MAX_CONNECTIONS} connections)\n`);
    const [, podReview, dpu, dpuRender] = outcomes as [Outcome, Outcome, Outcome, Outcome];
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const podOk = podReview.fixed.failures === 0 && podReview.fixed.achievedRps >= POD_RATE * 0.97 && podReview.fixed.p99Ms < POD_P99_TARGET_MS;
    process.stdout.write(
      `target Pod review p99 < ${POD_P99_TARGET_MS} ms at ${POD_RATE} req/s: ${met(podOk)} (p99 ${fmt(podReview.fixed.p99Ms)} at ${podReview.fixed.achievedRps.toFixed(0)} req/s)\n`,
    );
    for (const o of [dpu, dpuRender]) {
      const ok = o.fixed.failures === 0 && o.fixed.p99Ms < DPUSERVICE_P99_TARGET_MS;
      process.stdout.write(`target ${o.label} p99 < ${DPUSERVICE_P99_TARGET_MS} ms: ${met(ok)} (p99 ${fmt(o.fixed.p99Ms)} at ${o.fixed.achievedRps.toFixed(0)} req/s)\n`);
    }
  } finally {
    await Promise.all([stopServer(floor.child), stopServer(webhook.child)]);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
