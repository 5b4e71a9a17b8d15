// Attack suite: hostile chart templates sent through the real webhook process. Each one would
// run 30 s or more, or allocate gigabytes, unbounded. Each must end as a denial that names the
// cause, the process must live, and a Pod review sent meanwhile must be answered promptly.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { podReviewLatency, PROMPT_MS, dpuServiceReview, startWebhookProcess, tempDir, writeChart, type WebhookProcess } from './harness.js';

const BOMBS: Record<string, { template: string; cause: RegExp }> = {
  // V8 fatal "invalid size" (2.3 GB) on main before the bounds.
  'until-billion': { template: '{{ until 1000000000 | len }}\n', cause: /limit|exceeds/ },
  // 39 s and 4.8 GB on main.
  'range-until-100m': { template: '{{ range until 100000000 }}x{{ end }}\n', cause: /limit|exceeds|did not finish/ },
  // toYaml of 200k x 1 KB values: 62 s on main.
  'toyaml-200k': {
    template: '{{ $d := dict }}{{ range $i := until 200000 }}{{ $_ := set $d (printf "k%d" $i) (repeat 1024 "x") }}{{ end }}{{ toYaml $d }}\n',
    cause: /limit|exceeds|did not finish/,
  },
  // 100 RSA keys: 104 s on main, on the event loop.
  'genkey-100': { template: '{{ range until 100 }}{{ genPrivateKey "rsa" }}{{ end }}\n', cause: /limit|did not finish|stopped/ },
  // 100 sha256sum of a 256 MiB string: 70 s on main.
  'sha-256mib-100': { template: '{{ $s := repeat 268435456 "a" }}{{ range until 100 }}{{ sha256sum $s }}{{ end }}\n', cause: /limit|exceeds|did not finish|stopped/ },
  // 400 million empty iterations with nothing allocated: only the clock stops it.
  'loop-400m': { template: '{{ range until 20000 }}{{ range until 20000 }}{{ end }}{{ end }}\n', cause: /did not finish|stopped/ },
};

describe('attack: hostile chart renders through the webhook', { concurrency: false }, () => {
  let hook: WebhookProcess;
  const charts = tempDir('render-bombs');
  before(async () => {
    for (const [name, bomb] of Object.entries(BOMBS)) writeChart(charts, name, '1.0.0', { 'bomb.yaml': bomb.template });
    hook = await startWebhookProcess(['--chart-dir', charts, '--no-fetch', '--workers', '2', '--review-timeout', '8000', '--chart-timeout', '2000']);
  });
  after(() => hook?.stop());

  for (const [name, bomb] of Object.entries(BOMBS)) {
    it(`${name}: denied with the cause named; a Pod review meanwhile answered within ${PROMPT_MS} ms; the process lives`, async () => {
      const hostile = hook.post(dpuServiceReview(name, '1.0.0'));
      const pod = await podReviewLatency(hook, 300);
      const r = await hostile;
      assert.equal(r.status, 200);
      assert.equal(r.json.response.allowed, false);
      assert.equal(r.json.response.status.code, 422);
      assert.match(r.json.response.status.message, /chart-render/);
      assert.match(r.json.response.status.message, bomb.cause);
      if (process.env.ATTACK_VERBOSE) appendFileSync(process.env.ATTACK_VERBOSE, `${name}: ${r.json.response.status.message}\n`);
      assert.ok(pod.allowed, 'the Pod review was answered and allowed');
      assert.ok(pod.ms < PROMPT_MS, `Pod review took ${Math.round(pod.ms)} ms while ${name} ran`);
      assert.ok(hook.alive(), 'the webhook process is alive');
    });
  }

  it('three hostile renders at once: an unrelated Pod review, /healthz and /metrics stay prompt', async () => {
    const hostile = [1, 2, 3].map(() => hook.post(dpuServiceReview('loop-400m', '1.0.0')));
    await new Promise((r) => setTimeout(r, 500));
    const t0 = performance.now();
    const health = await hook.get('/healthz');
    const healthMs = performance.now() - t0;
    const metrics = await hook.get('/metrics');
    const pod = await podReviewLatency(hook, 0);
    assert.equal(health.status, 200);
    assert.ok(healthMs < PROMPT_MS, `/healthz took ${Math.round(healthMs)} ms`);
    assert.match(metrics.text, /dpu_gitops_webhook_chart_workers\{state="busy"\} [12]/);
    assert.ok(pod.allowed && pod.ms < PROMPT_MS, `Pod review took ${Math.round(pod.ms)} ms`);
    for (const r of await Promise.all(hostile)) {
      assert.equal(r.json.response.allowed, false);
    }
    assert.ok(hook.alive());
  });

  it('a queue flood is refused at once as unavailable (503), not queued without end', async () => {
    // Distinct values per review: no cached result answers for another.
    const reviews = Array.from({ length: 40 }, (_, i) => {
      const review = dpuServiceReview('loop-400m', '1.0.0');
      review.request.object.spec.helmChart.values.flood = i;
      return review;
    });
    const flood = await Promise.all(reviews.map((review) => hook.post(review)));
    const busy = flood.filter((r) => r.json.response.status?.code === 503);
    assert.ok(busy.length > 0, 'some reviews beyond workers + queue were refused as unavailable');
    for (const r of busy) assert.match(r.json.response.status.message, /at capacity|waited/);
    const pod = await podReviewLatency(hook, 0);
    assert.ok(pod.allowed && pod.ms < PROMPT_MS);
    assert.ok(hook.alive());
  });
});
