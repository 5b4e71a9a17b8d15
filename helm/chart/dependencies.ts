/**
 * Dependency processing, mirroring helm v3.17.3 pkg/chartutil/dependencies.go
 * (ProcessDependenciesWithMerge, which `helm template`/install use) and the
 * action.CheckDependencies precondition:
 *
 * - Chart.yaml entries are matched to loaded subcharts by name and version range; an `alias`
 *   makes a copy of the subchart under the alias name;
 * - `tags` then `condition` (comma-separated paths, the first path that holds a bool wins,
 *   resolved in the coalesced values) switch subcharts off, recursively;
 * - `import-values` (`child` strings under `exports.`, or {child, parent} maps) copy subchart
 *   values into the parent, whose own values keep priority. The parent's values become the
 *   merged values of the whole chart, as in helm.
 *
 * The chart is rewritten in place, exactly where helm rewrites it (dependency lists, `enabled`,
 * names set to aliases, normalized import-values).
 */
import { parseConstraint } from '../semver/constraint.js';
import { parseVersion, SemverError } from '../semver/version.js';
import { tagMapType, type GoMap, type GoValue } from '../template/value.js';
import { coalesceValues, deepCopyMap, isTable, mergeTables, mergeValues, type Warn } from './coalesce.js';
import { goQuote } from './strvals.js';
import type { Chart, Dependency } from './types.js';

/** A dependency problem helm stops on. */
export class DependencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DependencyError';
  }
}

/**
 * action.CheckDependencies as runInstall reports it: every Chart.yaml dependency needs a loaded
 * subchart of that name. Returns the error (with helm's `helm dependency build` hint) or undefined.
 */
export function checkDependencies(chart: Chart): DependencyError | undefined {
  const reqs = chart.metadata.dependencies;
  if (reqs === undefined) return undefined;
  const missing = reqs
    .filter((r): r is Dependency => r !== null)
    .filter((r) => !chart.dependencies.some((d) => d.name() === r.name))
    .map((r) => r.name);
  if (missing.length === 0) return undefined;
  return new DependencyError(
    'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch ' +
      `missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
  );
}

/** chartutil.IsCompatibleRange: whether version satisfies constraint; false when either does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const v = parseVersion(version);
  if (v instanceof SemverError) return false;
  const c = parseConstraint(constraint);
  if (c instanceof SemverError) return false;
  return c.check(v);
}

/**
 * chartutil.ProcessDependenciesWithMerge: enables/disables subcharts (tags, conditions), applies
 * aliases, then imports values. `userValues` are the merged user values. Mutates the chart.
 */
export function processDependencies(chart: Chart, userValues: GoMap, warn: Warn = () => {}): void {
  processDependencyEnabled(chart, userValues, '', warn);
  processDependencyImportValues(chart, warn);
}

/** getAliasDependency: the loaded subchart a Chart.yaml entry names, copied under its alias. */
function getAliasDependency(charts: readonly Chart[], dep: Dependency): Chart | undefined {
  for (const c of charts) {
    if (c.name() !== dep.name) continue;
    if (!isCompatibleRange(dep.version, c.metadata.version)) continue;
    const out = c.shallowCopy();
    if (dep.alias !== '') out.metadata.name = dep.alias;
    return out;
  }
  return undefined;
}

/** processDependencyEnabled: removes disabled subcharts, recursively. */
function processDependencyEnabled(c: Chart, v: GoMap, path: string, warn: Warn): void {
  const reqs = c.metadata.dependencies;
  if (reqs === undefined) return;

  // Loaded subcharts that no Chart.yaml entry claims stay as they are.
  const chartDependencies: Chart[] = c.dependencies.filter(
    (existing) => !reqs.some((req) => req !== null && existing.name() === req.name && isCompatibleRange(req.version, existing.metadata.version)),
  );
  for (const req of reqs) {
    if (req === null) continue;
    const aliased = getAliasDependency(c.dependencies, req);
    if (aliased !== undefined) chartDependencies.push(aliased);
    if (req.alias !== '') req.name = req.alias;
  }
  c.setDependencies(chartDependencies);

  const live = reqs.filter((r): r is Dependency => r !== null);
  for (const r of live) r.enabled = true;
  const cvals = coalesceValues(c, v, warn);
  processDependencyTags(live, cvals, warn);
  processDependencyConditions(live, cvals, path, warn);

  const removed = new Set(live.filter((r) => !r.enabled).map((r) => r.name));
  const kept = c.dependencies.filter((d) => !removed.has(d.metadata.name));
  const keptMetadata = reqs.filter((r) => r === null || !removed.has(r.name));

  for (const t of kept) processDependencyEnabled(t, cvals, `${path}${t.metadata.name}.`, warn);
  c.metadata.dependencies = [...keptMetadata];
  c.setDependencies(kept);
}

/** processDependencyTags: a subchart is off when one of its tags is false and none is true. */
function processDependencyTags(reqs: readonly Dependency[], cvals: GoMap, warn: Warn): void {
  const tags = tableAt(cvals, 'tags');
  if (tags === undefined) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      if (!tags.has(k)) continue;
      const b = tags.get(k);
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else {
        warn(`Warning: Tag '${k}' for chart ${r.name} returned non-bool value`);
      }
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else if (hasTrue || (!hasTrue && !hasFalse)) r.enabled = true;
  }
}

/** processDependencyConditions: the first condition path holding a bool decides. */
function processDependencyConditions(reqs: readonly Dependency[], cvals: GoMap, cpath: string, warn: Warn): void {
  for (const r of reqs) {
    // Split after trimming the whole string only: `a.enabled, b.enabled` looks up " b.enabled".
    for (const cond of r.condition.trim().split(',')) {
      if (cond.length === 0) continue;
      const found = pathValue(cvals, cpath + cond);
      if (found === NO_VALUE) continue;
      if (typeof found === 'boolean') {
        r.enabled = found;
        break;
      }
      warn(`Warning: Condition path '${cond}' for chart ${r.name} returned non-bool value`);
    }
  }
}

const NO_VALUE = Symbol('ErrNoValue');

/** Values.PathValue: the non-table value at a dotted path, or NO_VALUE (chartutil.ErrNoValue). */
export function pathValue(vals: GoMap, path: string): GoValue | typeof NO_VALUE {
  const parts = path.split('.');
  const key = parts.pop() as string;
  const table = parts.length === 0 ? vals : tableAt(vals, parts.join('.'));
  if (table === undefined || !table.has(key)) return NO_VALUE;
  const value = table.get(key);
  return isTable(value) ? NO_VALUE : value;
}

/** Values.Table: the table at a dotted path, or undefined (chartutil.ErrNoTable). */
export function tableAt(vals: GoMap, path: string): GoMap | undefined {
  return tableLookup(vals, path).table;
}

/** Values.Table with the ErrNoTable key, for import-values warnings (`"x" is not a table`). */
function tableLookup(vals: GoMap, path: string): { table?: GoMap; missing?: string } {
  let table: GoMap = vals;
  for (const part of path.split('.')) {
    const next = table.get(part);
    if (!isTable(next)) return { missing: part };
    table = next;
  }
  return { table };
}

/** processDependencyImportValues: subcharts first, then this chart. */
function processDependencyImportValues(c: Chart, warn: Warn): void {
  for (const d of c.dependencies) processDependencyImportValues(d, warn);
  processImportValues(c, warn);
}

/** processImportValues (merge mode): child values imported under the parent's own values. */
function processImportValues(c: Chart, warn: Warn): void {
  const reqs = c.metadata.dependencies;
  if (reqs === undefined) return;
  const cvals = mergeValues(c, null, warn);
  let b: GoMap = new Map();
  for (const r of reqs) {
    if (r === null) continue;
    const normalized: GoValue[] = [];
    for (const riv of r.importValues) {
      // Only map[string]interface{} items: helm's own normalized map[string]string pairs are
      // dropped if the same metadata is processed twice (alias copies share it).
      if (isTable(riv)) {
        const child = requireString(riv.get('child'));
        const parent = requireString(riv.get('parent'));
        normalized.push(importPair(child, parent));
        const found = tableLookup(cvals, `${r.name}.${child}`);
        if (found.table === undefined) {
          warn(`Warning: ImportValues missing table from chart ${r.name}: ${goQuote(found.missing ?? '')} is not a table`);
          continue;
        }
        b = mergeTables(b, pathToMap(parent, found.table), warn) as GoMap;
      } else if (typeof riv === 'string') {
        const child = `exports.${riv}`;
        normalized.push(importPair(child, '.'));
        const found = tableLookup(cvals, `${r.name}.${child}`);
        if (found.table === undefined) {
          warn(`Warning: ImportValues missing table: ${goQuote(found.missing ?? '')} is not a table`);
          continue;
        }
        b = mergeTables(b, found.table, warn) as GoMap;
      }
    }
    r.importValues = normalized;
  }
  // The parent's own values outrank what it imports.
  c.values = mergeTables(deepCopyMap(cvals), b, warn);
}

/** `iv["child"].(string)`: helm panics on a missing or non-string entry. */
function requireString(v: GoValue): string {
  if (typeof v === 'string') return v;
  const type = v === undefined || v === null ? 'nil' : typeof v === 'number' ? 'float64' : typeof v === 'boolean' ? 'bool' : 'map[string]interface {}';
  throw new DependencyError(`panic: interface conversion: interface {} is ${type}, not string`);
}

function importPair(child: string, parent: string): GoMap {
  return tagMapType(
    new Map<string, GoValue>([
      ['child', child],
      ['parent', parent],
    ]),
    'map[string]string',
  );
}

/** pathToMap: data nested under a dotted path (`.` is the root). */
function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  let cur: GoMap = data;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) cur = new Map([[parts[i] as string, cur]]);
  return cur;
}
