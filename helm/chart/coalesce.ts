/**
 * Values coalescing, mirroring helm v3.17.3 pkg/chartutil/coalesce.go step by step:
 *
 * - values from higher up (user values over chart defaults, parents over subcharts) win;
 * - scalars and lists are replaced, maps are merged;
 * - when coalescing (not merging) a `null` from a higher level deletes the key;
 * - each subchart gets its own section (created when missing), with the parent's `global`
 *   merged into the subchart's `global`;
 * - conflicts are reported through `warn`, with helm's wording.
 *
 * Go iterates maps in random order; we use insertion order, so only the order of warnings can
 * differ from a given helm run. The shallow copies in coalesceGlobals are kept, with the same
 * aliasing of nested global maps that helm has.
 */
import { sprintf } from '../template/gofmt.js';
import { mapType, T_MAP, type GoMap, type GoValue } from '../template/value.js';
import { goQuote } from './strvals.js';
import type { Chart } from './types.js';

/** chartutil.GlobalKey. */
export const GLOBAL_KEY = 'global';

/** helm's printf for coalescing warnings (log.Printf in helm; stderr in `helm template`). */
export type Warn = (message: string) => void;

/** A coalescing failure: `type mismatch on NAME: %!t(string=x)` when a subchart's values are not a map. */
export class CoalesceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoalesceError';
  }
}

/**
 * chartutil.CoalesceValues: a deep copy of vals with the chart's defaults (and its subcharts')
 * coalesced in; nulls delete keys. Throws CoalesceError.
 */
export function coalesceValues(chart: Chart, vals: GoMap | null, warn: Warn = () => {}): GoMap {
  return coalesce(warn, chart, copyValues(vals), '', false);
}

/** chartutil.MergeValues: like coalesceValues, but nulls are kept. */
export function mergeValues(chart: Chart, vals: GoMap | null, warn: Warn = () => {}): GoMap {
  return coalesce(warn, chart, copyValues(vals), '', true);
}

/** chartutil.CoalesceTables: merges src into dst (dst wins; nulls in dst delete keys). Mutates dst. */
export function coalesceTables(dst: GoMap | null, src: GoMap | null, warn: Warn = () => {}): GoMap | null {
  return coalesceTablesFullKey(warn, dst, src, '', false);
}

/** chartutil.MergeTables: merges src into dst (dst wins; nulls kept). Mutates dst. */
export function mergeTables(dst: GoMap | null, src: GoMap | null, warn: Warn = () => {}): GoMap | null {
  return coalesceTablesFullKey(warn, dst, src, '', true);
}

/** copystructure.Copy for Go values: maps and slices copied deeply, scalars shared. */
export function deepCopy(v: GoValue): GoValue {
  if (v instanceof Map) return deepCopyMap(v);
  if (Array.isArray(v)) return v.map(deepCopy);
  return v;
}

/** deepCopy for a map (keeps its Go type tag). */
export function deepCopyMap(m: GoMap): GoMap {
  const out: GoMap = new Map();
  for (const [k, v] of m) out.set(k, deepCopy(v));
  return out;
}

/** istable: a map[string]interface{} (typed maps are not tables). */
export function isTable(v: GoValue): v is GoMap {
  return v instanceof Map && mapType(v) === T_MAP;
}

function copyValues(vals: GoMap | null): GoMap {
  return vals === null ? new Map() : deepCopyMap(vals);
}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

/** The Go %v text of a value in a warning. */
function v(value: GoValue): string {
  return sprintf('%v', [value]);
}

function coalesce(warn: Warn, chart: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
  coalesceChartValues(warn, chart, dest, prefix, merge);
  return coalesceDeps(warn, chart, dest, prefix, merge);
}

/** coalesceDeps: each subchart's section, with globals flowing down, coalesced recursively. */
function coalesceDeps(warn: Warn, chart: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
  for (const sub of chart.dependencies) {
    const name = sub.name();
    if (!dest.has(name)) {
      dest.set(name, new Map());
    } else if (!isTable(dest.get(name))) {
      throw new CoalesceError(`type mismatch on ${name}: ${sprintf('%t', [dest.get(name)])}`);
    }
    const dvmap = dest.get(name) as GoMap;
    const subPrefix = concatPrefix(prefix, chart.metadata.name);
    coalesceGlobals(warn, dvmap, dest, subPrefix);
    dest.set(name, coalesce(warn, sub, dvmap, subPrefix, merge));
  }
  return dest;
}

/** coalesceGlobals: the parent's `global` (src) merged into the subchart's `global` (dest). */
function coalesceGlobals(warn: Warn, dest: GoMap, src: GoMap, prefix: string): void {
  let dg: GoMap;
  let sg: GoMap;
  if (!dest.has(GLOBAL_KEY)) dg = new Map();
  else {
    const g = dest.get(GLOBAL_KEY);
    if (!isTable(g)) {
      warn(`warning: skipping globals because destination ${GLOBAL_KEY} is not a table.`);
      return;
    }
    dg = g;
  }
  if (!src.has(GLOBAL_KEY)) sg = new Map();
  else {
    const g = src.get(GLOBAL_KEY);
    if (!isTable(g)) {
      warn(`warning: skipping globals because source ${GLOBAL_KEY} is not a table.`);
      return;
    }
    sg = g;
  }
  for (const [key, val] of sg) {
    if (isTable(val)) {
      const vv: GoMap = new Map(val); // copyMap: one level only, as helm
      if (!dg.has(key)) {
        dg.set(key, vv);
      } else {
        const destv = dg.get(key);
        if (!isTable(destv)) {
          warn(`Conflict: cannot merge map onto non-map for ${goQuote(key)}. Skipping.`);
        } else {
          // The parent's global wins over the subchart's own; merge is always true here because
          // the result goes through coalesce again, which removes nulls.
          coalesceTablesFullKey(warn, vv, destv, concatPrefix(prefix, key), true);
          dg.set(key, vv);
        }
      }
    } else if (dg.has(key) && isTable(dg.get(key))) {
      warn(`key ${key} is table. Skipping`);
    } else {
      dg.set(key, val);
    }
  }
  dest.set(GLOBAL_KEY, dg);
}

/** coalesceValues (Go's unexported one): a chart's own defaults under the values v. */
function coalesceChartValues(warn: Warn, chart: Chart, vals: GoMap, prefix: string, merge: boolean): void {
  const subPrefix = concatPrefix(prefix, chart.metadata.name);
  // A deep copy, so that coalescing never alters the chart's own values.
  const defaults = chart.values === null ? new Map<string, GoValue>() : deepCopyMap(chart.values);
  for (const [key, val] of defaults) {
    if (!vals.has(key)) {
      vals.set(key, val);
      continue;
    }
    const value = vals.get(key);
    if (value === null && !merge) {
      // A null from a higher level removes the key (and the default with it).
      vals.delete(key);
    } else if (isTable(value)) {
      if (!isTable(val)) {
        if (val !== null) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
      } else {
        const childMerge = chart.dependencies.some((d) => d.name() === key) ? true : merge;
        coalesceTablesFullKey(warn, value, val, concatPrefix(subPrefix, key), childMerge);
      }
    }
  }
}

/** coalesceTablesFullKey: src merged into dst, dst authoritative. Mutates and returns dst. */
function coalesceTablesFullKey(warn: Warn, dst: GoMap | null, src: GoMap | null, prefix: string, merge: boolean): GoMap | null {
  if (src === null) return dst;
  if (dst === null) return src;
  for (const [key, val] of src) {
    const fullKey = concatPrefix(prefix, key);
    const present = dst.has(key);
    const dv = dst.get(key);
    if (present && !merge && dv === null) {
      dst.delete(key);
    } else if (!present) {
      dst.set(key, val);
    } else if (isTable(val)) {
      if (isTable(dv)) coalesceTablesFullKey(warn, dv, val, fullKey, merge);
      else warn(`warning: cannot overwrite table with non table for ${fullKey} (${v(val)})`);
    } else if (isTable(dv) && val !== null) {
      warn(`warning: destination for ${fullKey} is a table. Ignoring non-table value (${v(val)})`);
    }
  }
  return dst;
}
