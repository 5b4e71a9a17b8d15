// The shard printer (per-dpu/shard-yaml.ts) against generate's generic printer (plugin/output.ts
// yamlDocument, the `yaml` package): the same bytes for every shard it accepts, over generated
// shards with the awkward strings a startup config can hold; the shapes it refuses are left to
// the generic printer; the stream reads back (YAML 1.1) as the same object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { yamlDocument } from '../../../plugin/output.js';
import type { ShardConfigMap } from '../../../plugin/per-dpu/shards.js';
import { printShard } from '../../../plugin/per-dpu/shard-yaml.js';
import { seededRandom } from '../../helpers/seeded-random.js';


const PIECES = ['a', 'key: value', '- item', '  nested: 1', '', ' ', '#', ' #x', 'x: "q"', "it's", '{a: 1}', '[1, 2]', '---', '...', '|', '>', '&anchor', '*alias', '!tag', '%', '@', '`', '\t', 'é', '\u2028', '\r', 'yes', 'on', '0x1F', '010', '2024-01-01', 'null', '~', ':', '\\', '"', "'"];

function randomString(r: () => number): string {
  const n = Math.floor(r() * 6);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)]! + (r() < 0.5 ? '\n' : '');
  return s;
}

function randomShard(r: () => number): ShardConfigMap {
  const data: Record<string, string> = {};
  const keys = Math.floor(r() * 5);
  for (let i = 0; i < keys; i++) {
    const name = ['worker1-0000-08-00', '0node', 'yes', 'n', '-x', 'a.b_c', 'on.startup.yaml'][Math.floor(r() * 7)]! + i;
    data[`${name}.context.json`] = r() < 0.8 ? `{"config": {"k": ${JSON.stringify(randomString(r).replace(/'/g, '\\u0027'))}}, "hostname": "${name}"}` : randomString(r);
    data[`${name}.startup.yaml`] = randomString(r);
  }
  const label = ['0', 'svc', 'on', '1.5', 'doca-hbn'][Math.floor(r() * 5)]!;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `rel-startup-${Math.floor(r() * 9)}`, namespace: r() < 0.5 ? 'ns' : '0ns', labels: { 'svc.dpu.nvidia.com/service': label, 'dpu-gitops.nvidia.com/startup-shard': '3' }, annotations: { 'dpu-gitops.nvidia.com/startup-shards': '16' } },
    data,
  };
}

test('every shard the fast printer accepts prints exactly as yamlDocument prints it', () => {
  const r = seededRandom(18);
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    const cm = randomShard(r);
    const fast = printShard(cm);
    if (fast === undefined) continue;
    accepted++;
    assert.equal(fast, yamlDocument(cm), JSON.stringify(cm));
    assert.deepEqual(parse(fast, { version: '1.1' }), cm);
  }
  // the generator must exercise the fast path, not only the fallbacks
  assert.ok(accepted > 300, `only ${accepted} of 3000 accepted`);
});

test('the usual shard shapes take the fast path; awkward strings are refused', () => {
  const base: ShardConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'rel-startup-0', namespace: 'ns', labels: { 'svc.dpu.nvidia.com/service': 'doca-hbn', 'dpu-gitops.nvidia.com/startup-shard': '0' }, annotations: { 'dpu-gitops.nvidia.com/startup-shards': '4' } },
    data: { 'w1.context.json': '{"config": {"mtu": 9000}, "hostname": "w1"}', 'w1.startup.yaml': '- header:\n    model: BLUEFIELD\n- set:\n    a: 1' },
  };
  assert.equal(printShard(base), yamlDocument(base));
  assert.equal(printShard({ ...base, data: {} }), yamlDocument({ ...base, data: {} }));
  for (const awkward of ['trailing blank \nx', ' leading blank\nx', 'two trailing\n\n', 'cr\r\nlf', 'é\nx', '\nfirst empty']) {
    assert.equal(printShard({ ...base, data: { 'w1.startup.yaml': awkward } }), undefined, JSON.stringify(awkward));
  }
});
