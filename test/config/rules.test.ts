/** Rule control: config + --disable, severity overrides, and the dpu-gitops.nvidia.com/disable annotation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotationDisables, renderedAnnotations, ruleControl, settleFindings, UnknownRuleError } from '../../config/rules.js';
import type { Finding } from '../../contract/types.js';

const ds = (name: string, annotations?: Record<string, string>) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, ...(annotations ? { annotations } : {}) } });
const arm64 = (name: string): Finding => ({ rule: 'arm64-image', severity: 'warning', object: { kind: 'DaemonSet', name } });
const pullSecrets: Finding = { rule: 'image-pull-secrets', severity: 'error', object: { kind: 'DaemonSet', name: 'a' } };

test('the annotation lists rules separated by commas and/or spaces; other values name none', () => {
  assert.deepEqual([...annotationDisables(ds('a', { 'dpu-gitops.nvidia.com/disable': ' arm64-image,kube-schema  pod-size' }))], ['arm64-image', 'kube-schema', 'pod-size']);
  assert.equal(annotationDisables(ds('a')).size, 0);
  assert.equal(annotationDisables({ metadata: { annotations: { 'dpu-gitops.nvidia.com/disable': 3 } } }).size, 0);
  assert.equal(annotationDisables(null).size, 0);
});

test('an object\'s annotation settles only its findings; its DPUService\'s settles all of them', () => {
  const objects = [
    { kind: 'DaemonSet', name: 'a', object: ds('a', { 'dpu-gitops.nvidia.com/disable': 'arm64-image' }) },
    { kind: 'DaemonSet', name: 'b', object: ds('b') },
  ];
  const none = ruleControl(undefined);
  const byObject = settleFindings([arm64('a'), arm64('b'), pullSecrets], none, renderedAnnotations({ metadata: {} }, objects));
  assert.deepEqual(byObject, [arm64('b'), pullSecrets]);
  const owner = { metadata: { annotations: { 'dpu-gitops.nvidia.com/disable': 'arm64-image' } } };
  assert.deepEqual(settleFindings([arm64('a'), arm64('b'), pullSecrets], none, renderedAnnotations(owner, objects)), [pullSecrets]);
});

test('config disable + --disable are one set; severity overrides replace the rule\'s own', () => {
  const control = ruleControl({ disable: ['pod-size'], severity: { 'arm64-image': 'error', 'image-pull-secrets': 'warning' } }, ['kube-schema']);
  assert.deepEqual([...control.disabled].sort(), ['kube-schema', 'pod-size']);
  const settled = settleFindings([arm64('a'), pullSecrets, { rule: 'pod-size', severity: 'error' }, { rule: 'kube-schema', severity: 'warning' }], control);
  assert.deepEqual(settled.map((f) => `${f.rule}:${f.severity}`), ['arm64-image:error', 'image-pull-secrets:warning']);
  assert.throws(() => ruleControl(undefined, ['nope']), UnknownRuleError);
});
