/**
 * `npm run bench` (part): the per-DPU ConfigMap layouts considered for issue 18, measured on the
 * real entry sizes of the HBN example (startup config + context JSON per DPU, as rendered by
 * renderPerDpu) for a fleet of 10,000 DPUs:
 *   - per-DPU: one ConfigMap per DPU (the layout before issue 18);
 *   - single: one ConfigMap holding every DPU (DPF's per-node guideline);
 *   - hash mod N: DPU d in shard fnv1a32(d) mod N, N fixed (ours, per-dpu/shards.ts);
 *   - packed: DPUs in name order, a new ConfigMap whenever the budget would be passed;
 *   - split on overflow: extendible hashing, a shard splits by the next hash bit when it passes
 *     the budget (up to 2^10 slots).
 * For each: objects, the largest object, and over 100 single-DPU additions (random new names)
 * the mean number of other DPUs that move and of objects that change; what a pod must mount.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { decodeDpuServiceIpam, decodeInventory, fnv1a32, renderPerDpu, type PerDpuService } from '../plugin/per-dpu/index.js';
import { goJsonStringBytes } from '../plugin/per-dpu/shards.js';

const root = process.cwd();
const BUDGET = 512 * 1024;
const LIMIT = 1024 * 1024;
const FRAME = 300; // a ConfigMap's metadata in JSON, about
const FLEET = 10_000;
const ADDITIONS = 100;

interface Entry {
  name: string;
  bytes: number;
}
/** Object id per DPU name. */
type Placement = Map<string, string>;

function entries(): Entry[] {
  const svc = parse(readFileSync(join(root, 'examples/services/hbn.yaml'), 'utf8')) as { metadata: { name: string; namespace: string }; spec: { helmChart: { values: Record<string, unknown> }; serviceDaemonSet: Record<string, unknown> } };
  const service: PerDpuService = { name: svc.metadata.name, namespace: svc.metadata.namespace, values: svc.spec.helmChart.values, serviceDaemonSet: svc.spec.serviceDaemonSet };
  const dpus = Array.from({ length: FLEET }, (_, i) => ({ name: `rack${Math.floor(i / 40)}-host${Math.floor(i / 2) % 20}-0000-0${8 + (i % 2)}-00`, labels: { role: 'hbn' } }));
  const ipams = parseAllDocuments(readFileSync(join(root, 'examples/services/ipam.yaml'), 'utf8')).map((d) => {
    const o = d.toJS() as { spec: { ipv4Network: { network: string } } };
    o.spec.ipv4Network.network = o.spec.ipv4Network.network === '11.0.0.0/24' ? '11.0.0.0/16' : '10.0.0.0/12';
    return decodeDpuServiceIpam(o);
  });
  const r = renderPerDpu(service, decodeInventory({ dpus }, 'bench'), { ipams });
  if (r.errors.length) throw new Error(r.errors[0]!.message);
  return r.perDpu.map((d) => ({
    name: d.dpu.name,
    bytes: goJsonStringBytes(`${d.dpu.name}.context.json`) + goJsonStringBytes(d.contextJson) + goJsonStringBytes(`${d.dpu.name}.startup.yaml`) + goJsonStringBytes(d.startupConfig!) + 4,
  }));
}

interface Layout {
  name: string;
  mounts: string;
  place(es: readonly Entry[]): Placement;
}

const perDpu: Layout = { name: 'per-DPU ConfigMap', mounts: 'none: API read per pod (RBAC)', place: (es) => new Map(es.map((e) => [e.name, e.name])) };
const single: Layout = { name: 'single ConfigMap', mounts: '1', place: (es) => new Map(es.map((e) => [e.name, 'all'])) };

function hashModN(total: number): Layout {
  const n = 2 ** Math.ceil(Math.log2(Math.max(1, (total * 1.3) / BUDGET)));
  return { name: `hash mod N (N=${n})`, mounts: `${n} (all shards)`, place: (es) => new Map(es.map((e) => [e.name, String(fnv1a32(e.name) % n)])) };
}

const packed: Layout = {
  name: 'packed in name order',
  mounts: 'every object (names vary)',
  place(es) {
    const sorted = [...es].sort((a, b) => (a.name < b.name ? -1 : 1));
    const out: Placement = new Map();
    let shard = 0;
    let size = FRAME;
    for (const e of sorted) {
      if (size + e.bytes > BUDGET) {
        shard++;
        size = FRAME;
      }
      size += e.bytes;
      out.set(e.name, String(shard));
    }
    return out;
  },
};

const SLOT_BITS = 10;
const splitOnOverflow: Layout = {
  name: 'split on overflow',
  mounts: `${2 ** SLOT_BITS} slots, optional`,
  place(es) {
    const withHash = es.map((e) => ({ ...e, h: fnv1a32(e.name) >>> (32 - SLOT_BITS) }));
    const out: Placement = new Map();
    const split = (group: typeof withHash, prefix: number, depth: number): void => {
      const size = group.reduce((n, e) => n + e.bytes, FRAME);
      if (size <= BUDGET || depth === SLOT_BITS) {
        for (const e of group) out.set(e.name, `${depth}:${prefix}`);
        return;
      }
      const bit = SLOT_BITS - depth - 1;
      split(group.filter((e) => ((e.h >>> bit) & 1) === 0), prefix * 2, depth + 1);
      split(group.filter((e) => ((e.h >>> bit) & 1) === 1), prefix * 2 + 1, depth + 1);
    };
    split(withHash, 0, 0);
    return out;
  },
};

function objectsOf(p: Placement, es: readonly Entry[]): Map<string, { dpus: Set<string>; bytes: number }> {
  const bytes = new Map(es.map((e) => [e.name, e.bytes]));
  const objs = new Map<string, { dpus: Set<string>; bytes: number }>();
  for (const [dpu, id] of p) {
    const o = objs.get(id) ?? { dpus: new Set<string>(), bytes: FRAME };
    o.dpus.add(dpu);
    o.bytes += bytes.get(dpu)!;
    objs.set(id, o);
  }
  return objs;
}

function main(): void {
  const es = entries();
  const total = es.reduce((n, e) => n + e.bytes, 0);
  const layouts = [perDpu, single, hashModN(total), packed, splitOnOverflow];
  const newcomers = Array.from({ length: ADDITIONS }, (_, i) => ({ name: `rack${(i * 7919) % 997}-newhost${i}-0000-08-00`, bytes: es[i % es.length]!.bytes }));
  process.stdout.write(`\nPer-DPU layouts (issue 18): ${FLEET.toLocaleString('en')} DPUs of the HBN example, ${(total / 1e6).toFixed(1)} MB of entries, budget ${BUDGET / 1024} KiB\n\n`);
  const cols = ['objects', 'largest', 'over 1 MiB', 'moved/add', 'changed/add', 'pod mounts'];
  process.stdout.write(`${'layout'.padEnd(24)}${cols.map((c, i) => c.padStart(i === 5 ? 32 : 12)).join('')}\n`);
  for (const layout of layouts) {
    const base = layout.place(es);
    const objs = objectsOf(base, es);
    const largest = Math.max(...[...objs.values()].map((o) => o.bytes));
    let moved = 0;
    let changed = 0;
    for (const n of newcomers) {
      const next = layout.place([...es, n]);
      for (const [dpu, id] of base) if (next.get(dpu) !== id) moved++;
      const after = objectsOf(next, [...es, n]);
      for (const [id, o] of after) {
        const before = objs.get(id);
        if (!before || before.dpus.size !== o.dpus.size || [...o.dpus].some((d) => !before.dpus.has(d))) changed++;
      }
      for (const id of objs.keys()) if (!after.has(id)) changed++;
    }
    const cells = [String(objs.size), `${(largest / 1024).toFixed(0)} KiB`, String([...objs.values()].filter((o) => o.bytes > LIMIT).length), (moved / ADDITIONS).toFixed(1), (changed / ADDITIONS).toFixed(1), layout.mounts];
    process.stdout.write(`${layout.name.padEnd(24)}${cells.map((c, i) => c.padStart(i === 5 ? 32 : 12)).join('')}\n`);
  }
}

main();
