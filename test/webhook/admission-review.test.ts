import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAdmissionReview, DecodeError } from '../../webhook/admission-review.js';
import { loadReview } from './fixtures.js';

test('decode keeps what the webhook reads from a real-shaped review', () => {
  const review = decodeAdmissionReview(loadReview('daemonset-update-valid'));
  assert.ok(!(review instanceof DecodeError));
  const r = review.request;
  assert.deepEqual([r.uid, r.kind, r.resource, r.operation, r.name, r.namespace, r.dryRun], [
    '3f1c2a10-0003-4d6e-9b1a-5a0f6c1e2d03',
    { group: 'apps', version: 'v1', kind: 'DaemonSet' },
    { group: 'apps', version: 'v1', resource: 'daemonsets' },
    'UPDATE',
    'sfc-agent',
    'dpf',
    false,
  ]);
  assert.equal((r.oldObject as any).metadata.generation, 1);
  assert.deepEqual(r.options, { apiVersion: 'meta.k8s.io/v1', kind: 'UpdateOptions', fieldManager: 'argocd-controller' });
});

test('decode never throws: every mutation of a review is decoded or a DecodeError', () => {
  const base = loadReview('pod-create-valid');
  const junk: unknown[] = [null, undefined, 0, -1, 1.5, '', 'x', true, [], [1], {}, { a: 1 }];
  const paths: string[][] = [[], ['apiVersion'], ['kind'], ['request'], ['request', 'uid'], ['request', 'kind'], ['request', 'kind', 'kind'], ['request', 'resource'], ['request', 'operation'], ['request', 'object'], ['request', 'name'], ['request', 'namespace'], ['request', 'dryRun'], ['request', 'subResource']];
  let decoded = 0;
  let rejected = 0;
  for (const path of paths) {
    for (const value of junk) {
      const copy = structuredClone(base);
      let target: any = path.length === 0 ? undefined : copy;
      for (const key of path.slice(0, -1)) target = target[key];
      const body = path.length === 0 ? value : (target[path[path.length - 1] as string] = value, copy);
      const result = decodeAdmissionReview(body);
      if (result instanceof DecodeError) {
        rejected++;
        assert.match(result.message, /^invalid AdmissionReview: \S+ /);
      } else decoded++;
    }
  }
  assert.ok(decoded > 0 && rejected > 0);
});
