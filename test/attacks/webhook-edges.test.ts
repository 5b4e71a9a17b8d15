// Attack suite: hostile request bodies against the real webhook process. Each gets a bounded
// 4xx (or a denial no larger than the request) and the process keeps answering.
import assert from 'node:assert/strict';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { podReviewLatency, PROMPT_MS, podReview, startWebhookProcess, type WebhookProcess } from './harness.js';

describe('attack: hostile AdmissionReview bodies', () => {
  let hook: WebhookProcess;
  before(async () => {
    hook = await startWebhookProcess(['--no-fetch', '--workers', '1']);
  });
  after(() => hook?.stop());

  async function stillServes(): Promise<void> {
    const pod = await podReviewLatency(hook, 0);
    assert.ok(pod.allowed && pod.ms < PROMPT_MS, `Pod review after the attack took ${Math.round(pod.ms)} ms`);
    assert.ok(hook.alive());
  }

  it('50,000-deep nesting inside a Pod object: 400 naming the limit (was a 500)', async () => {
    const review = podReview();
    const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    const body = JSON.stringify(review).replace('"spec":{', `"deep":${deep},"spec":{`);
    const r = await hook.post(body);
    assert.equal(r.status, 400);
    assert.match(r.json.error, /more than 200 levels deep/);
    await stillServes();
  });

  it('deep nesting hidden in strings is not counted: a Pod with brackets in a string is reviewed', async () => {
    const review = podReview();
    review.request.object.metadata.annotations = { note: '['.repeat(10_000) };
    const r = await hook.post(review);
    assert.equal(r.status, 200);
    assert.equal(r.json.response.uid, review.request.uid);
  });

  it('Content-Encoding br: 415 without reading the body (was a 500)', async () => {
    const r = await hook.post(brotliCompressSync(Buffer.from(JSON.stringify(podReview()))), { 'content-encoding': 'br' });
    assert.equal(r.status, 415);
    assert.match(r.json.error, /Content-Encoding "br" is not supported/);
    await stillServes();
  });

  it('stacked encodings are refused too (415)', async () => {
    const r = await hook.post(gzipSync(gzipSync(Buffer.from(JSON.stringify(podReview())))), { 'content-encoding': 'gzip, gzip' });
    assert.equal(r.status, 415);
    await stillServes();
  });

  it('gzip is still accepted, and a gzip bomb stays bounded by the body limit', async () => {
    const ok = await hook.post(gzipSync(Buffer.from(JSON.stringify(podReview()))), { 'content-encoding': 'gzip' });
    assert.equal(ok.status, 200);
    const bomb = gzipSync(Buffer.alloc(512 * 1024 * 1024, 0x20));
    const r = await hook.post(bomb, { 'content-encoding': 'gzip' });
    assert.equal(r.status, 400);
    assert.match(r.json.error, /exceeds the \d+-byte limit/);
    await stillServes();
  });

  it('a 2.9 MiB invalid name: the denial quotes it shortened, never far larger than the request', async () => {
    const review = podReview();
    const name = 'X'.repeat(Math.floor(2.9 * 1024 * 1024));
    review.request.object.metadata.name = name;
    const body = JSON.stringify(review);
    const r = await hook.post(body);
    assert.equal(r.status, 200);
    assert.ok(r.text.length < 64 * 1024, `response is ${r.text.length} bytes for a ${body.length}-byte request`);
    assert.ok(!r.text.includes('X'.repeat(1000)));
    await stillServes();
  });

  it('a 2.9 MiB apiVersion: the 400 quotes it shortened', async () => {
    const review = podReview();
    review.apiVersion = 'v'.repeat(Math.floor(2.9 * 1024 * 1024));
    const r = await hook.post(review);
    assert.equal(r.status, 400);
    assert.ok(r.text.length < 4096, `400 body is ${r.text.length} bytes`);
    assert.match(r.json.error, /characters cut/);
    await stillServes();
  });

  it('malformed reviews still get a 400 in milliseconds', async () => {
    for (const body of ['', '{', '[]', '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}']) {
      const r = await hook.post(body);
      assert.equal(r.status, 400, `body ${JSON.stringify(body)}`);
    }
    await stillServes();
  });
});
