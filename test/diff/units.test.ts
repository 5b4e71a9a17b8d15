// The pieces of diff with hand-derived expectations: ArgoCD's Secret masking (gitops-engine
// pkg/diff HideSecretData, read: stringData folded into data base64-encoded, target before live,
// 8 '+' then 4 more per new distinct value), per-DPU grouping, and the DaemonSet rollout pace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskSecretPair } from '../../plugin/diff/secret-mask.js';
import { perDpuDiff } from '../../plugin/diff/per-dpu-diff.js';
import { rolloutImpact } from '../../plugin/diff/rollout.js';
import type { ServiceObjects } from '../../plugin/diff/side-objects.js';
import type { ServiceDiff } from '../../plugin/diff/report.js';

test('Secret masking: stringData folded, head counted first, equal values equal masks, other kinds untouched', () => {
  const base = { apiVersion: 'v1', kind: 'Secret', data: { a: 'eA==', b: 'Yg==', gone: 'Zw==' } };
  const head = { apiVersion: 'v1', kind: 'Secret', data: { a: 'eA==' }, stringData: { b: 'changed', c: 'new' } };
  const m = maskSecretPair(base, head);
  assert.deepEqual(m.head, { apiVersion: 'v1', kind: 'Secret', data: { a: '++++++++', b: '++++++++', c: '++++++++' } });
  assert.deepEqual(m.base, { apiVersion: 'v1', kind: 'Secret', data: { a: '++++++++', b: '++++++++++++', gone: '++++++++' } });
  // the inputs are not modified
  assert.equal(base.data.a, 'eA==');
  // a Secret of another group, and ConfigMaps, are not masked
  const cr = { apiVersion: 'example.com/v1', kind: 'Secret', data: { a: 'x' } };
  assert.equal(maskSecretPair(cr, cr).head, cr);
  // only one side: masked alone
  assert.deepEqual(maskSecretPair(undefined, { apiVersion: 'v1', kind: 'Secret', stringData: { p: 'pw' } }).head, { apiVersion: 'v1', kind: 'Secret', data: { p: '++++++++' } });
});

function side(dpus: Record<string, { context?: string; startup?: string }>, shards?: number): ServiceObjects {
  return { objects: new Map(), dpus: new Map(Object.entries(dpus)), ...(shards !== undefined ? { shards } : {}) };
}

test('per-DPU: grouped by identical change, largest first; added, removed, unchanged, shard count', () => {
  const ctx = (asn: number, extra = ''): string => `{"config": {"asn": ${asn}${extra}}, "hostname": "h"}`;
  const base = side({ a: { context: ctx(1), startup: 'asn: 1\n' }, b: { context: ctx(1), startup: 'asn: 1\n' }, c: { context: ctx(1), startup: 'asn: 1\n' }, d: { context: ctx(2), startup: 'asn: 2\n' }, gone: { context: ctx(1) } }, 4);
  const head = side({ a: { context: ctx(5), startup: 'asn: 5\n' }, c: { context: ctx(5), startup: 'asn: 5\n' }, b: { context: ctx(1, ', "mtu": 9000'), startup: 'asn: 1\n' }, d: { context: ctx(2), startup: 'asn: 2\n' }, new: { context: ctx(1) } }, 8);
  const p = perDpuDiff(base, head)!;
  assert.deepEqual(p.added, ['new']);
  assert.deepEqual(p.removed, ['gone']);
  assert.equal(p.unchanged, 1);
  assert.deepEqual(p.shards, { base: 4, head: 8 });
  assert.deepEqual(p.groups, [
    { count: 2, dpus: ['a', 'c'], values: [{ path: 'config.asn', base: '1', head: '5' }], startup: ['-asn: 1', '+asn: 5'] },
    { count: 1, dpus: ['b'], values: [{ path: 'config.mtu', head: '9000' }], startup: [] },
  ]);
  // a float written 1.0 on one side and 1 on the other is a change JSON.parse cannot see: shown whole
  const f = perDpuDiff(side({ x: { context: '{"v": 1.0}' } }), side({ x: { context: '{"v": 1}' } }))!;
  assert.deepEqual(f.groups[0]!.values, [{ path: '(context)', base: '{"v": 1.0}', head: '{"v": 1}' }]);
  assert.equal(perDpuDiff(side({}), side({})), undefined);
});

function dsSide(service: string, spec: Record<string, unknown>): Map<string, ServiceObjects> {
  const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds', namespace: 'ns' }, spec };
  return new Map([[service, { objects: new Map([['DaemonSet\0ns\0ds', { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'ns', name: 'ds', object: ds }]]), dpus: new Map() }]]);
}

test('rollout: maxUnavailable as an integer or a percentage rounded up, maxSurge when it is 0, OnDelete, selection', () => {
  const inventory = { dpus: Array.from({ length: 10 }, (_, i) => ({ name: `d${i}`, hostname: `d${i}`, labels: { role: i < 7 ? 'hbn' : 'storage' }, ipaddresses: {} })), pools: new Map() };
  const changed: ServiceDiff[] = [{ service: 's', status: 'changed', objects: [{ change: 'changed', apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'ns', name: 'ds', diff: '' }] }];
  const run = (strategy: unknown, selector: Record<string, unknown> = { nodeSelector: { role: 'hbn' } }) => {
    const base = dsSide('s', { template: { spec: { ...selector, containers: [{ image: 'a' }] } } });
    const head = dsSide('s', { updateStrategy: strategy, template: { spec: { ...selector, containers: [{ image: 'b' }] } } });
    return rolloutImpact(changed, base, head, inventory).daemonSets[0]!;
  };
  // 7 DPUs with role hbn
  assert.deepEqual([run(undefined).dpus, run(undefined).atATime, run(undefined).waves], [7, 1, 7]);
  assert.deepEqual([run({ rollingUpdate: { maxUnavailable: '30%' } }).atATime, run({ rollingUpdate: { maxUnavailable: '30%' } }).waves], [3, 3]); // ceil(2.1)
  assert.deepEqual([run({ rollingUpdate: { maxUnavailable: 0, maxSurge: 2 } }).atATime, run({ rollingUpdate: { maxUnavailable: 0, maxSurge: 2 } }).waves], [2, 4]);
  assert.equal(run({ type: 'OnDelete' }).strategy, 'OnDelete');
  assert.equal(run({ type: 'OnDelete' }).atATime, undefined);
  const affinity = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['hbn'] }] }] } } } };
  assert.equal(run(undefined, affinity).dpus, 3);
  // no inventory: count unknown, said so
  const unknown = rolloutImpact(changed, dsSide('s', { template: { spec: {} } }), dsSide('s', { template: { spec: { x: 1 } } }), undefined).daemonSets[0]!;
  assert.equal(unknown.dpus, null);
  assert.match(unknown.notes.join(), /no DPU inventory/);
});

test('markdown cut inside a code block closes the fence and the <details> it left open', async () => {
  const { formatMarkdown } = await import('../../plugin/diff/format-markdown.js');
  const startup = Array.from({ length: 400 }, (_, i) => `${i % 2 ? '+' : '-'}line ${i} ${'x'.repeat(40)}`);
  const report = {
    schemaVersion: 1 as const,
    base: { label: 'a', rendered: true, errors: 0, warnings: 0, services: 1 },
    head: { label: 'b', rendered: true, errors: 0, warnings: 0, services: 1 },
    changed: true,
    services: [{ service: 'ns/s', status: 'changed' as const, objects: [], perDpu: { dpusBase: 1, dpusHead: 1, unchanged: 0, added: [], removed: [], groups: [{ count: 1, dpus: ['d'], values: [], startup }] } }],
    rollout: { daemonSets: [], startupWithoutRestart: [] },
    findings: { new: [], fixed: [] },
    renders: { rendered: 2, reused: 0 },
  };
  const md = formatMarkdown(report, { maxChars: 5000 });
  assert.ok(md.length <= 5000, `${md.length}`);
  assert.equal((md.match(/^ *`{3,}/gm) ?? []).length % 2, 0, 'an unclosed code fence');
  assert.equal((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length);
  assert.match(md, /Cut to stay under 5,000 characters: 1 DPU list, the text after this point left out/);
});

test('unified diff: git-shaped hunks; past MAX_EDITS changed lines it is not computed and says so', async () => {
  const { unifiedDiff, changedLines, MAX_EDITS } = await import('../../plugin/diff/unified.js');
  // expected output as `git diff --no-index` prints the same files (3 lines of context; an empty side is -0,0)
  assert.equal(unifiedDiff('x.yaml', 'a\nb\nc\nd\ne\n', 'a\nb\nC\nd\ne\n'), '--- a/x.yaml\n+++ b/x.yaml\n@@ -1,5 +1,5 @@\n a\n b\n-c\n+C\n d\n e\n');
  assert.equal(unifiedDiff('x.yaml', '', 'a\n'), '--- /dev/null\n+++ b/x.yaml\n@@ -0,0 +1 @@\n+a\n');
  assert.deepEqual(changedLines('a\nb\n', 'a\nB\n'), ['-b', '+B']);
  const big = (p: string): string => Array.from({ length: MAX_EDITS + 10 }, (_, i) => `${p}${i}`).join('\n') + '\n';
  assert.match(unifiedDiff('big.yaml', big('a'), big('b')), /^@@ not computed: more than 5000 lines change \(5010 lines -> 5010 lines\) @@$/m);
});
