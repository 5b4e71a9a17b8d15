// The example chart's consuming side (issue 18), as real helm v3.17.3 rendered it
// (scripts/record/per-dpu/record-hbn-like.sh): `dpu-gitops template` prints the same bytes, and
// the pod mounts exactly the startup shards generate emits for the same startupConfig.shards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { captureIO } from '../../../cli/io.js';
import { runTemplate } from '../../../cli/template.js';
import { mountedShards } from '../../../plugin/per-dpu/shard-mounts.js';

const CHART = 'examples/charts/hbn-like';
const RELEASE = 'dpu-cplane-tenant1-doca-hbn';
const recorded = (name: string): string => readFileSync(`examples/expected/${name}`, 'utf8');

async function template(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await runTemplate(args, io);
  return { code, out: io.out(), err: io.err() };
}

test('default values: byte-identical to helm; four shards mounted; no API access', async () => {
  const r = await template([RELEASE, CHART, '--namespace', 'dpf-operator-system']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, recorded('hbn-like.helm-v3.17.3.yaml'));
  const objects = parseAllDocuments(r.out).map((d) => d.toJS() as { kind: string; spec?: { template?: { spec?: Record<string, unknown> } } });
  assert.deepEqual(objects.map((o) => o.kind), ['DaemonSet']);
  assert.deepEqual(mountedShards(objects, RELEASE), [0, 1, 2, 3]);
  assert.equal(objects[0]!.spec!.template!.spec!.automountServiceAccountToken, false);
  assert.equal(objects[0]!.spec!.template!.spec!.serviceAccountName, undefined);
});

test('startupConfig.shards=16 with a node selector: byte-identical to helm; 16 shards mounted', async () => {
  const r = await template([
    RELEASE, CHART, '--namespace', 'dpf-operator-system', '--set', 'startupConfig.shards=16',
    '--set', 'serviceDaemonSet.nodeSelector.nodeSelectorTerms[0].matchExpressions[0].key=role',
    '--set', 'serviceDaemonSet.nodeSelector.nodeSelectorTerms[0].matchExpressions[0].operator=Exists',
  ]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, recorded('hbn-like.shards-16.helm-v3.17.3.yaml'));
  assert.deepEqual(mountedShards(parseAllDocuments(r.out).map((d) => d.toJS()), RELEASE), Array.from({ length: 16 }, (_, i) => i));
});

test('a shard count out of range fails the chart with the error helm printed', async () => {
  const r = await template(['r', CHART, '--set', 'startupConfig.shards=0']);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.equal(r.err, recorded('hbn-like.shards-0.helm-v3.17.3.stderr'));
});
