/**
 * Per-DPU changes of one service: each DPU's template context (merged values, ipaddresses) and
 * startup config compared across the sides, then DPUs grouped by identical change, so a review
 * reads "612 of 1,024 DPUs: config.asn 65112 -> 65113" instead of 612 diffs.
 */
import type { DpuChangeGroup, PerDpuDiff, ValueChange } from './report.js';
import type { DpuEntry, ServiceObjects } from './side-objects.js';
import { changedLines } from './unified.js';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The per-DPU diff, or undefined when neither side has per-DPU output. */
export function perDpuDiff(base: ServiceObjects | undefined, head: ServiceObjects | undefined): PerDpuDiff | undefined {
  const b = base?.dpus ?? new Map<string, DpuEntry>();
  const h = head?.dpus ?? new Map<string, DpuEntry>();
  const baseShards = base?.shards;
  const headShards = head?.shards;
  if (b.size === 0 && h.size === 0 && baseShards === undefined && headShards === undefined) return undefined;
  const added = [...h.keys()].filter((d) => !b.has(d)).sort(cmp);
  const removed = [...b.keys()].filter((d) => !h.has(d)).sort(cmp);
  const groups = new Map<string, DpuChangeGroup>();
  let unchanged = 0;
  for (const [dpu, he] of h) {
    const be = b.get(dpu);
    if (!be) continue;
    if (be.context === he.context && be.startup === he.startup) {
      unchanged++;
      continue;
    }
    const values = contextChanges(be.context, he.context);
    const startup = changedLines(be.startup ?? '', he.startup ?? '');
    const key = JSON.stringify([values, startup]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { count: 0, dpus: [], values, startup }));
    g.count++;
    g.dpus.push(dpu);
  }
  for (const g of groups.values()) g.dpus.sort(cmp);
  const sorted = [...groups.values()].sort((x, y) => y.count - x.count || cmp(x.dpus[0]!, y.dpus[0]!));
  const out: PerDpuDiff = { dpusBase: b.size, dpusHead: h.size, unchanged, added, removed, groups: sorted };
  if (baseShards !== headShards && baseShards !== undefined && headShards !== undefined) out.shards = { base: baseShards, head: headShards };
  return out;
}

/** Changed leaves of two context JSON texts, by dotted path (arrays compared whole). */
export function contextChanges(base: string | undefined, head: string | undefined): ValueChange[] {
  if (base === head) return [];
  const leaves = (text: string | undefined): Map<string, string> => {
    const out = new Map<string, string>();
    if (text === undefined) return out;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      out.set('(context)', JSON.stringify(text));
      return out;
    }
    flatten(value, '', out);
    return out;
  };
  const b = leaves(base);
  const h = leaves(head);
  const changes: ValueChange[] = [];
  for (const path of [...new Set([...b.keys(), ...h.keys()])].sort(cmp)) {
    const bv = b.get(path);
    const hv = h.get(path);
    if (bv === hv) continue;
    changes.push({ path, ...(bv !== undefined ? { base: bv } : {}), ...(hv !== undefined ? { head: hv } : {}) });
  }
  // texts that differ only where JSON.parse cannot tell (1.0 vs 1, digits past a double): show them whole
  if (changes.length === 0) changes.push({ path: '(context)', ...(base !== undefined ? { base } : {}), ...(head !== undefined ? { head } : {}) });
  return changes;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix || '(context)', JSON.stringify(value));
}
