import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleControl } from '../../config/rules.js';
import { MessageCatalog } from '../../contract/index.js';
import { LocalChartResolver } from '../../contract/local-charts.js';
import type { RenderFn } from '../../contract/chart.js';
import { decodeAdmissionReview, DecodeError } from '../../webhook/admission-review.js';
import { validateRequest } from '../../webhook/validate.js';
import { loadReview } from './fixtures.js';

const catalog = MessageCatalog.load();

function request(name: string) {
  const review = decodeAdmissionReview(loadReview(name));
  assert.ok(!(review instanceof DecodeError));
  return review.request;
}

test('repeated DPUService reviews render the chart once per distinct input', async () => {
  let renders = 0;
  const daemonSet = { path: 'c/templates/ds.yaml', kind: 'DaemonSet', name: 'dpu-cplane-dummydpuservice', object: { kind: 'DaemonSet', metadata: { name: 'dpu-cplane-dummydpuservice' }, spec: { template: { spec: { containers: [{ name: 'c' }] } } } } };
  const render: RenderFn = () => {
    renders++;
    return [daemonSet];
  };
  const opts = { catalog, render, resolver: new LocalChartResolver(['examples/charts']), chartTimeoutMs: 1000, onChartUnavailable: 'deny' as const, cluster: 'dpu-cplane' };
  const first = await validateRequest(request('dpuservice-create-valid'), opts);
  assert.equal(first.allowed, true);
  const afterFirst = renders;
  assert.equal(afterFirst, 2, 'the normal render and the all-ports-exposed render');
  await validateRequest(request('dpuservice-create-valid'), opts);
  assert.equal(renders, afterFirst);
  const changed = request('dpuservice-create-valid');
  (changed.object as any).spec.helmChart.values.image.tag = 'v0.2.0';
  await validateRequest(changed, opts);
  assert.equal(renders, afterFirst + 2);
});

test('subresource updates (pods/status) are not checked', async () => {
  const req = request('pod-create-no-containers');
  req.subResource = 'status';
  const outcome = await validateRequest(req, { catalog, chartTimeoutMs: 100, onChartUnavailable: 'deny', cluster: 'c' });
  assert.deepEqual([outcome.allowed, outcome.checked], [true, false]);
});

test('disabled rules are neither denied nor warned', async () => {
  const outcome = await validateRequest(request('pod-create-no-containers'), {
    catalog,
    chartTimeoutMs: 100,
    onChartUnavailable: 'deny',
    cluster: 'c',
    rules: ruleControl(undefined, ['pod-fields']),
  });
  assert.deepEqual([outcome.allowed, outcome.errors.length, outcome.warnings.length], [true, 0, 0]);
});

test('a DPUService without a chart source configured is unavailable, per the flag', async () => {
  const deny = await validateRequest(request('dpuservice-create-valid'), { catalog, chartTimeoutMs: 100, onChartUnavailable: 'deny', cluster: 'c' });
  assert.deepEqual([deny.allowed, deny.chartUnavailable, deny.errors[0]?.message], [
    false,
    true,
    'chart https://helm.example.com/dpf dummydpuservice-chart 0.1.0 unavailable: the webhook has no chart source configured',
  ]);
  const allow = await validateRequest(request('dpuservice-create-valid'), { catalog, chartTimeoutMs: 100, onChartUnavailable: 'allow', cluster: 'c' });
  assert.deepEqual([allow.allowed, allow.warnings.map((w) => w.rule)], [true, ['chart-unavailable']]);
});
