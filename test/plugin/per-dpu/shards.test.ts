// Startup shards (issue 18): DPU d lives in shard fnv1a32(d) mod N; adding a DPU moves no
// other DPU; one DPU's change rewrites one shard; output is byte-stable whatever the inventory
// order; sizes are the API server's JSON; a full shard fails naming the count that fits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compactJsonLength } from '../../../contract/json.js';
import { contextJson } from '../../../plugin/per-dpu/context-json.js';
import { decodeInventory, fnv1a32, perDpuShards, renderPerDpu, shardCountOf, ShardError, shardOf, type PerDpuService, type Shard } from '../../../plugin/per-dpu/index.js';
import { PyDict } from '../../../plugin/per-dpu/jinja/index.js';
import { mountedShards } from '../../../plugin/per-dpu/shard-mounts.js';
import { decodeStartupContext } from '../../../plugin/per-dpu/startup-context.js';
import { loadYaml11 } from '../../../plugin/per-dpu/yaml11.js';

const TEMPLATE = 'host: {{ hostname }}\nasn: {{ config.asn }}\nmtu: {{ config.mtu }}\n';
const VALUES = '- hostnamePattern: "*"\n  values: {asn: 65000, mtu: 9000}\n- hostnamePattern: "rack7-*"\n  values: {mtu: 1500}\n';
const service = (values = VALUES, template = TEMPLATE): PerDpuService => ({ name: 'svc', namespace: 'ns', values: { configuration: { perDPUValuesYAML: values, startupYAMLJ2: template } } });
const names = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `rack${(from + i) % 10}-host${from + i}-0000-08-00`);
const inventory = (dpuNames: string[]) => decodeInventory({ dpus: dpuNames.map((name) => ({ name })) }, 'test');
const OPTS = { releaseName: 'rel', namespace: 'ns', serviceID: 'svc', shards: 8 };

function shardsFor(dpuNames: string[], svc = service(), opts = OPTS): Shard[] {
  const r = renderPerDpu(svc, inventory(dpuNames));
  assert.deepEqual(r.errors, []);
  return perDpuShards(r, opts);
}
/** Which shard holds each DPU, and each shard's serialized object. */
const placement = (shards: Shard[]): Map<string, number> => new Map(shards.flatMap((s) => s.dpus.map((d) => [d, s.index] as [string, number])));
const texts = (shards: Shard[]): string[] => shards.map((s) => JSON.stringify(s.object));

test('FNV-1a 32 matches the published test vectors; the shard is the hash mod N', () => {
  // FNV test vectors (draft-eastlake-fnv): "" 0x811c9dc5, "a" 0xe40c292c, "foobar" 0xbf9cf968
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c);
  assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  // computed with Python (h ^= b; h = h * 0x01000193 & 0xffffffff over the UTF-8 bytes)
  assert.equal(fnv1a32('worker1-0000-08-00'), 0x7b744f77);
  assert.equal(fnv1a32('worker2-0000-09-00'), 0xe0a87781);
  assert.equal(shardOf('worker1-0000-08-00', 4), 3);
  assert.equal(shardOf('worker1-0000-09-00', 4), 2);
});

test('every shard is emitted, empty ones too, named <release>-startup-<i>, keys sorted', () => {
  const shards = shardsFor(names(3));
  assert.deepEqual(shards.map((s) => s.object.metadata.name), Array.from({ length: 8 }, (_, i) => `rel-startup-${i}`));
  assert.equal(shards.reduce((n, s) => n + s.dpus.length, 0), 3);
  assert.ok(shards.some((s) => s.dpus.length === 0 && Object.keys(s.object.data).length === 0));
  for (const s of shards) {
    const keys = Object.keys(s.object.data);
    assert.deepEqual(keys, [...keys].sort());
    for (const d of s.dpus) assert.equal(shardOf(d, 8), s.index);
    assert.deepEqual(s.object.metadata.labels, { 'svc.dpu.nvidia.com/service': 'svc', 'dpu-gitops.nvidia.com/startup-shard': String(s.index) });
    assert.equal(s.object.metadata.annotations['dpu-gitops.nvidia.com/startup-shards'], '8');
  }
  const one = shards.find((s) => s.dpus.length)!;
  const d = one.dpus[0]!;
  assert.equal(one.object.data[`${d}.startup.yaml`], `host: ${d}\nasn: 65000\nmtu: ${d.startsWith('rack7-') ? 1500 : 9000}`);
});

test('adding a DPU moves no other DPU and changes only the shard it joins', () => {
  const before = shardsFor(names(1000));
  for (const added of ['rack3-host5000-0000-09-00', 'zzz-new-node', 'a']) {
    const after = shardsFor([...names(1000), added]);
    const pb = placement(before);
    const pa = placement(after);
    for (const [dpu, shard] of pb) assert.equal(pa.get(dpu), shard, dpu);
    const changed = texts(after).map((t, i) => (t === texts(before)[i] ? -1 : i)).filter((i) => i >= 0);
    assert.deepEqual(changed, [shardOf(added, 8)]);
    // inside that shard, only the new DPU's two keys are new; every other key is byte-equal
    const b = before[changed[0]!]!.object.data;
    const a = after[changed[0]!]!.object.data;
    assert.deepEqual(Object.keys(a).filter((k) => !(k in b)).sort(), [`${added}.context.json`, `${added}.startup.yaml`]);
    for (const k of Object.keys(b)) assert.equal(a[k], b[k]);
  }
});

test("one DPU's change rewrites one shard, only that DPU's keys", () => {
  const dpus = names(500);
  const target = dpus[123]!;
  const before = shardsFor(dpus);
  const after = shardsFor(dpus, service(`${VALUES}- hostnamePattern: "${target}"\n  values: {asn: 65999}\n`));
  const changed = texts(after).map((t, i) => (t === texts(before)[i] ? -1 : i)).filter((i) => i >= 0);
  assert.deepEqual(changed, [shardOf(target, 8)]);
  const b = before[changed[0]!]!.object.data;
  const a = after[changed[0]!]!.object.data;
  assert.deepEqual(Object.keys(a).filter((k) => a[k] !== b[k]).sort(), [`${target}.context.json`, `${target}.startup.yaml`]);
});

test('byte-stable: the inventory order does not change a byte', () => {
  const dpus = names(300);
  const reversed = [...dpus].reverse();
  assert.deepEqual(texts(shardsFor(reversed)), texts(shardsFor(dpus)));
});

test('the size of a shard is exactly the API server JSON of the ConfigMap', () => {
  const tpl = 'x: "{{ hostname }} <&> \u2028 é \\b"\ny: {{ config.mtu }}\n';
  const shards = shardsFor(names(50), service(VALUES, tpl), { ...OPTS, shards: 3 });
  for (const s of shards) assert.equal(s.bytes, compactJsonLength(s.object), s.object.metadata.name);
  const empty = shardsFor([], service(), { ...OPTS, shards: 2 });
  for (const s of empty) assert.equal(s.bytes, compactJsonLength(s.object));
});

test('a shard over its budget fails, naming the shard and the shard count that fits', () => {
  const r = renderPerDpu(service(VALUES, `pad: "${'x'.repeat(2000)}"\nhost: {{ hostname }}\n`), inventory(names(400)));
  assert.throws(
    () => perDpuShards(r, { ...OPTS, shards: 2, budgetBytes: 200_000 }),
    (e: unknown) =>
      e instanceof ShardError &&
      e.field === 'spec.helmChart.values.startupConfig.shards' &&
      /^ConfigMap rel-startup-\d \(shard \d of 2\) holds \d+ DPUs in \d+ bytes, over the shard budget of 200000 bytes \(Kubernetes' limit is 1048576\); the 400 DPUs need about (\d+) shards: set startupConfig.shards to \1 or more/.test(e.message),
  );
  // with the suggested count it fits
  const need = Number(/need about (\d+) shards/.exec((() => { try { perDpuShards(r, { ...OPTS, shards: 2, budgetBytes: 200_000 }); } catch (e) { return (e as Error).message; } return ''; })())![1]);
  assert.doesNotThrow(() => perDpuShards(r, { ...OPTS, shards: need, budgetBytes: 200_000 }));
});

test('a DPU name that cannot be a ConfigMap key is an error naming it', () => {
  const r = renderPerDpu(service(), inventory([`${'a'.repeat(240)}-0000-08-00`]));
  assert.throws(() => perDpuShards(r, OPTS), /DPU 'a+-0000-08-00': 'a+-0000-08-00\.context\.json' cannot be a ConfigMap key/);
});

test("the context key is Jinja2's tojson of the template context (recorded from Python) and reads back as the same context", () => {
  // Python 3.11 + Jinja2 3.1.2: Environment().from_string('{{ ctx | tojson }}').render(ctx=...)
  const expected =
    '{"config": {"a": 1.0, "b": true, "c": null, "d": [1, "x\\u003c\\u0026\\u003e\\u0027\\u00e9"], "e": 100000000000000000000}, "hostname": "h", "ipaddresses": {"ip_lo": {"cidr": "11.0.0.1/32", "gateway": "", "ip": "11.0.0.1", "prefixlen": 32}}}';
  const config = PyDict.from([
    ['a', 1],
    ['b', true],
    ['c', null],
    ['d', [1n, "x<&>'é"]],
    ['e', 10n ** 20n],
  ]);
  const json = contextJson('h', config, { ip_lo: { ip: '11.0.0.1', cidr: '11.0.0.1/32', prefixlen: 32, gateway: '' } });
  assert.equal(json, expected);
  const back = decodeStartupContext(loadYaml11(json), 'shard');
  assert.equal(back.hostname, 'h');
  assert.equal(contextJson(back.hostname, back.config, back.ipaddresses), expected);
});

test('startupConfig.shards: default 4, integers 1..4096 (a numeric string too), else an error', () => {
  assert.equal(shardCountOf(undefined), 4);
  assert.equal(shardCountOf({ startupConfig: { mountPath: '/x' } }), 4);
  assert.equal(shardCountOf({ startupConfig: { shards: 64 } }), 64);
  assert.equal(shardCountOf({ startupConfig: { shards: '16' } }), 16);
  for (const bad of [0, 4097, 2.5, 'many', true, [4]]) assert.throws(() => shardCountOf({ startupConfig: { shards: bad } }), /startupConfig\.shards|must be an integer from 1 to 4096/);
});

test('mountedShards finds the shard ConfigMaps of pod volumes (configMap and projected)', () => {
  const ds = parse(`
kind: DaemonSet
spec:
  template:
    spec:
      volumes:
        - name: a
          projected:
            sources:
              - configMap: {name: rel-startup-0}
              - configMap: {name: rel-startup-2}
              - secret: {name: rel-startup-9}
              - configMap: {name: other-startup-1}
        - name: b
          configMap: {name: rel-startup-1}
        - name: c
          configMap: {name: rel-startup-reader}
`);
  const pod = { kind: 'Pod', spec: { volumes: [{ configMap: { name: 'rel-startup-3' } }] } };
  assert.deepEqual(mountedShards([ds, pod, { kind: 'ConfigMap' }], 'rel'), [0, 1, 2, 3]);
  assert.deepEqual(mountedShards([ds], 'other'), [1]);
});

test('the example inventory puts its four HBN DPUs in four different shards of 4', () => {
  const inv = parse(readFileSync(new URL('../../../examples/inventory.yaml', import.meta.url), 'utf8')) as { dpus: { name: string }[] };
  const hbn = inv.dpus.map((d) => d.name).filter((n) => n !== 'worker3-0000-08-00');
  assert.deepEqual(hbn.map((n) => shardOf(n, 4)), [3, 2, 0, 1]);
});

test('a template that changes its own values changes neither another DPU nor the stored context', () => {
  const svc = service('- hostnamePattern: "*"\n  values: {vlans: [10, 20]}\n', '{{ config.vlans.append(99) or "" }}vlans: {{ config.vlans }}\n');
  const shards = shardsFor(names(3), svc);
  const data = Object.assign({}, ...shards.map((s) => s.object.data)) as Record<string, string>;
  for (const d of names(3)) {
    assert.equal(data[`${d}.startup.yaml`], 'vlans: [10, 20, 99]');
    assert.match(data[`${d}.context.json`]!, /^\{"config": \{"vlans": \[10, 20\]\}, "hostname": /);
  }
});
