import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOneDaemonSet, checkReleaseName, checkRenderedChart, type RenderedObject } from '../../contract/index.js';
import { checkExposedServiceTrafficPolicy } from '../../contract/rules/exposed-service-traffic-policy.js';
import { checkArm64Images } from '../../contract/rules/arm64-image.js';

const obj = (kind: string, name: string, path: string, extra: Record<string, unknown> = {}): RenderedObject => ({
  path,
  kind,
  name,
  object: { apiVersion: 'v1', kind, metadata: { name }, ...extra },
});
const ds = (name: string, image = 'nvcr.io/x/svc:1') =>
  obj('DaemonSet', name, 'c/templates/ds.yaml', { spec: { template: { spec: { containers: [{ name: 'c', image }] } } } });

test('one-daemonset: exactly one passes', () => {
  assert.deepEqual(checkOneDaemonSet([ds('rel-a'), obj('Service', 'rel-s', 'c/templates/svc.yaml')], 'c'), []);
});

test('one-daemonset: none is an error with an empty list', () => {
  assert.deepEqual(checkOneDaemonSet([obj('Service', 'rel-s', 'c/templates/svc.yaml')], 'c'), [
    { rule: 'one-daemonset', severity: 'error', object: { kind: 'Chart', name: 'c' }, measured: 0, limit: 1, detail: { found: [] } },
  ]);
});

test('one-daemonset: two are an error listing both with their templates', () => {
  const [f] = checkOneDaemonSet([ds('rel-a'), { ...ds('rel-b'), path: 'c/templates/b.yaml' }], 'c');
  assert.equal(f?.measured, 2);
  assert.deepEqual(f?.detail, { found: ['rel-a (c/templates/ds.yaml)', 'rel-b (c/templates/b.yaml)'] });
});

test('release-name: names containing the release pass; offenders are listed with template paths', () => {
  const objects = [
    obj('DaemonSet', 'myrel-svc', 'c/templates/ds.yaml'),
    obj('ConfigMap', 'static-config', 'c/templates/cm.yaml'),
    { ...obj('Service', 'svc', 'c/templates/svc.yaml'), namespace: 'ns' },
  ];
  assert.deepEqual(checkReleaseName(objects, 'myrel'), [
    {
      rule: 'release-name',
      severity: 'error',
      object: { kind: 'ConfigMap', name: 'static-config' },
      path: ['metadata', 'name'],
      template: 'c/templates/cm.yaml',
      detail: { release: 'myrel', value: 'static-config' },
    },
    {
      rule: 'release-name',
      severity: 'error',
      object: { kind: 'Service', namespace: 'ns', name: 'svc' },
      path: ['metadata', 'name'],
      template: 'c/templates/svc.yaml',
      detail: { release: 'myrel', value: 'svc' },
    },
  ]);
});

test('release-name: generateName counts; an object without a name is an offender', () => {
  const gen: RenderedObject = { path: 'c/templates/job.yaml', kind: 'Job', name: '', object: { kind: 'Job', metadata: { generateName: 'myrel-job-' } } };
  const none: RenderedObject = { path: 'c/templates/x.yaml', kind: 'ConfigMap', name: '', object: { kind: 'ConfigMap', metadata: {} } };
  assert.deepEqual(checkReleaseName([gen, none], 'myrel').map((f) => f.detail), [{ release: 'myrel', value: '(empty)' }]);
});

test('exposed-service-traffic-policy: NodePort Services need both policies Local', () => {
  const svc = (spec: Record<string, unknown>) => obj('Service', 'rel-s', 'c/templates/svc.yaml', { spec });
  assert.deepEqual(checkExposedServiceTrafficPolicy([svc({ type: 'NodePort', internalTrafficPolicy: 'Local', externalTrafficPolicy: 'Local' })]), []);
  assert.deepEqual(checkExposedServiceTrafficPolicy([svc({ type: 'ClusterIP' })]), []);
  assert.deepEqual(
    checkExposedServiceTrafficPolicy([svc({ type: 'NodePort', externalTrafficPolicy: 'Cluster' })]).map((f) => [f.path, f.measured]),
    [
      [['spec', 'internalTrafficPolicy'], 'unset'],
      [['spec', 'externalTrafficPolicy'], 'Cluster'],
    ],
  );
});

test('arm64-image: one warning per DaemonSet listing its distinct images', () => {
  const d = obj('DaemonSet', 'rel-d', 'c/templates/ds.yaml', {
    spec: { template: { spec: { initContainers: [{ image: 'a:1' }], containers: [{ image: 'b:2' }, { image: 'a:1' }] } } },
  });
  const [f, ...rest] = checkArm64Images([d, obj('Deployment', 'rel-x', 'c/templates/d.yaml')]);
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, 'warning');
  assert.equal(f?.measured, 'a:1, b:2');
});

test('checkRenderedChart: a good render gives only the arm64 warning', () => {
  const findings = checkRenderedChart([ds('rel-svc')], { chart: 'c', releaseName: 'rel' });
  assert.deepEqual(findings.map((f) => f.rule), ['arm64-image']);
});

test('checkRenderedChart: pod rules run on rendered workloads with their template path', () => {
  const bad = obj('DaemonSet', 'rel-svc', 'c/templates/ds.yaml', { spec: { template: { spec: { containers: [] } } } });
  const findings = checkRenderedChart([bad], { chart: 'c', releaseName: 'rel' });
  assert.deepEqual(findings.map((f) => [f.rule, f.template]), [['pod-fields', 'c/templates/ds.yaml']]);
});
