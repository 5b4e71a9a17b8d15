import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkObject, checkPodFields, checkPodSize, POD_MANIFEST_LIMIT_BYTES } from '../../contract/index.js';

const pod = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c', image: 'nvcr.io/x/y:1' }] },
  ...extra,
});

test('pod-size: 64 KB is 65,536 bytes; exactly the limit passes, one byte more fails', () => {
  assert.equal(POD_MANIFEST_LIMIT_BYTES, 65536);
  const ref = { kind: 'Pod', name: 'p' };
  assert.deepEqual(checkPodSize({ object: ref, text: 'a'.repeat(65536) }), []);
  assert.deepEqual(checkPodSize({ object: ref, text: 'a'.repeat(65537) }), [
    { rule: 'pod-size', severity: 'error', object: ref, measured: 65537, limit: 65536, detail: { measuredFrom: 'text' } },
  ]);
});

test('pod-size counts UTF-8 bytes of the text, not characters', () => {
  // 'é' is 2 bytes: 32,768 of them are exactly 65,536 bytes.
  assert.deepEqual(checkPodSize({ object: { kind: 'Pod' }, text: 'é'.repeat(32768) }), []);
  assert.equal(checkPodSize({ object: { kind: 'Pod' }, text: 'é'.repeat(32768) + 'a' })[0]?.measured, 65537);
});

test('pod-size measures compact JSON when there is no text', () => {
  const big = pod({ metadata: { name: 'p', annotations: { a: 'x'.repeat(70000) } } });
  const expected = Buffer.byteLength(JSON.stringify(big));
  const [f] = checkPodSize({ object: { kind: 'Pod', name: 'p' }, pod: big });
  assert.equal(f?.measured, expected);
  assert.deepEqual(f?.detail, { measuredFrom: 'compact JSON' });
});

test('checkObject: a Pod written as text is measured by its text', () => {
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n# ${'x'.repeat(65536)}\nspec:\n  containers: [{name: c}]\n`;
  const findings = checkObject(pod(), { text });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.rule, 'pod-size');
  assert.equal(findings[0]?.measured, Buffer.byteLength(text));
});

test('checkObject: a DaemonSet template counts as the Pod it would create', () => {
  const ds = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ds', namespace: 'ns' },
    spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', env: [{ name: 'E', value: 'v'.repeat(65500) }] }] } } },
  };
  const expectedPod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels: { a: 'b' }, name: 'ds-xxxxx', namespace: 'ns' },
    spec: ds.spec.template.spec,
  };
  const findings = checkObject(ds);
  assert.deepEqual(findings, [
    {
      rule: 'pod-size',
      severity: 'error',
      object: { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'ns', name: 'ds' },
      path: ['spec', 'template'],
      measured: Buffer.byteLength(JSON.stringify(expectedPod)),
      limit: 65536,
      detail: { measuredFrom: 'compact JSON' },
    },
  ]);
});

test('pod-fields: a complete pod passes', () => {
  assert.deepEqual(checkPodFields({ object: { kind: 'Pod' }, pod: pod() }), []);
});

test('pod-fields: lists every missing field', () => {
  const ref = { kind: 'Pod' };
  const findings = checkPodFields({ object: ref, pod: { spec: {} } });
  assert.deepEqual(
    findings.map((f) => [f.path, f.detail]),
    [
      [['apiVersion'], { problem: 'is missing' }],
      [['kind'], { problem: 'is missing' }],
      [['metadata', 'name'], { problem: 'is missing' }],
      [['spec', 'containers'], { problem: 'must be a non-empty array', found: 'nothing' }],
    ],
  );
});

test('pod-fields: wrong kind, empty containers, non-mapping pod', () => {
  const ref = { kind: 'Pod' };
  assert.deepEqual(
    checkPodFields({ object: ref, pod: pod({ kind: 'Deployment' }) }).map((f) => f.detail),
    [{ problem: 'must be Pod', found: 'Deployment' }],
  );
  assert.deepEqual(
    checkPodFields({ object: ref, pod: pod({ spec: { containers: [] } }) }).map((f) => f.detail),
    [{ problem: 'must be a non-empty array', found: 'empty array' }],
  );
  assert.deepEqual(
    checkPodFields({ object: ref, pod: 'text' }).map((f) => f.detail),
    [{ problem: 'must be a mapping (a Kubernetes Pod manifest)', found: 'string' }],
  );
});

test('pod-fields: a Deployment template needs only spec.containers, reported under spec.template', () => {
  const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers: [] } } } };
  const findings = checkObject(deploy);
  assert.deepEqual(
    findings.map((f) => [f.rule, f.path]),
    [['pod-fields', ['spec', 'template', 'spec', 'containers']]],
  );
  const ok = { ...deploy, spec: { template: { spec: { containers: [{ name: 'c' }] } } } };
  assert.deepEqual(checkObject(ok), []);
});

test('checkObject: CronJob template path; other kinds have no pod rules', () => {
  const cron = { kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: {} } } } } };
  assert.deepEqual(checkObject(cron).map((f) => f.path), [['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers']]);
  assert.deepEqual(checkObject({ kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'x'.repeat(70000) } }), []);
});

test('pod-fields at admission: generateName stands for the not-yet-generated name', () => {
  const generated = { ...pod(), metadata: { generateName: 'ds-' } };
  assert.deepEqual(checkObject(generated, { admission: true }), []);
  assert.deepEqual(checkObject(generated).map((f) => f.path), [['metadata', 'name']]);
});
