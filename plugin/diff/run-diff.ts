/**
 * `dpu-gitops diff` as a library: both trees through generate in this process with the same
 * settings and one render cache, then the comparison (objects, per-DPU, rollout, findings).
 */
import { join } from 'node:path';
import type { ChartRequest, ResolvedChart } from '../chart-source/types.js';
import type { CmpEnv } from '../cmp-env.js';
import { generate, type GenerateResult, type Log } from '../generate.js';
import type { MessageCatalog } from '../../contract/messages.js';
import type { PluginSettings } from '../parameters.js';
import type { Inventory } from '../per-dpu/index.js';
import type { Problem } from '../problems.js';
import { loadRunInventory } from '../per-dpu-stage.js';
import type { RuleControl } from '../../config/rules.js';
import { canonicalHash } from './content-hash.js';
import { findingChanges } from './findings.js';
import { objectChanges } from './object-diff.js';
import { perDpuDiff } from './per-dpu-diff.js';
import { DIFF_SCHEMA_VERSION, OTHER_OBJECTS, type DiffReport, type ServiceDiff, type SideSummary } from './report.js';
import { rolloutImpact } from './rollout.js';
import { DiffRenderCache } from './service-cache.js';
import { objectKey, sideObjects, type ObjectRef, type ServiceObjects } from './side-objects.js';
import type { Tree } from './trees.js';

/** How one side renders: its own repository config applies (a change may change the config). */
export interface SideSetup {
  env: CmpEnv;
  settings: PluginSettings;
  fetchRemote: (req: ChartRequest) => Promise<ResolvedChart>;
  rules: RuleControl;
}

export interface DiffOptions {
  base: Tree;
  head: Tree;
  /** The app directory inside each tree ('' = the tree's root). */
  appPath: string;
  /** The repository root inside each tree that local chart paths must stay in ('' = the root). */
  repoRootPath: string;
  /** The settings of a side, from its tree (repository config) and the command line. */
  setup: (appDir: string, repoRoot: string) => SideSetup;
  log: Log;
  messages: MessageCatalog;
  dpuKubeconfig?: string;
  poolNamespaces?: readonly string[];
  /** Render services with identical inputs once (default true; false only to measure what it saves). */
  reuseRenders?: boolean;
}

export async function runDiff(o: DiffOptions): Promise<DiffReport> {
  const cache = new DiffRenderCache(o.reuseRenders !== false);
  const setups = new Map<Tree, SideSetup>();
  const side = async (tree: Tree): Promise<GenerateResult> => {
    const appDir = join(tree.root, o.appPath);
    const repoRoot = join(tree.root, o.repoRootPath);
    const s = o.setup(appDir, repoRoot);
    setups.set(tree, s);
    cache.inventory = undefined;
    cache.identities = new Map();
    cache.salt = canonicalHash(s.rules);
    return generate({
      appDir,
      repoRoot,
      env: s.env,
      settings: s.settings,
      fetchRemote: s.fetchRemote,
      rules: s.rules,
      log: o.log,
      messages: o.messages,
      serviceCache: cache,
      printStream: false,
      ...(o.dpuKubeconfig ? { dpuKubeconfig: o.dpuKubeconfig } : {}),
      ...(o.poolNamespaces?.length ? { poolNamespaces: o.poolNamespaces } : {}),
    });
  };
  const base = await side(o.base);
  const baseIdentities = cache.identities;
  const head = await side(o.head);
  const headIdentities = cache.identities;
  // the inventory head's per-DPU services rendered with (DPUSets' labels applied), else read once more
  const inventory = cache.inventory ?? (await headInventory(o, setups.get(o.head)!.settings));
  const headObjects = sideObjects(head.entries ?? []);
  // a DPUDeployment service's new revision has a new name: compared with the revision it replaces
  const replaced = revisions(baseIdentities, headIdentities);
  const baseObjects = renamedRevisions(sideObjects(base.entries ?? []), replaced);
  const bothRendered = base.errors.length === 0 && head.errors.length === 0;
  const services: ServiceDiff[] = [];
  if (bothRendered) {
    const names = [...new Set([...baseObjects.keys(), ...headObjects.keys()])].sort((a, b) => (a === OTHER_OBJECTS ? 1 : b === OTHER_OBJECTS ? -1 : a < b ? -1 : a > b ? 1 : 0));
    for (const service of names) {
      const b = baseObjects.get(service);
      const h = headObjects.get(service);
      const objects = objectChanges(b, h);
      const perDpu = perDpuDiff(b, h);
      const perDpuChanged = perDpu !== undefined && (perDpu.groups.length > 0 || perDpu.added.length > 0 || perDpu.removed.length > 0 || perDpu.shards !== undefined);
      if (objects.length === 0 && !perDpuChanged) continue;
      const replaces = replaced.get(service);
      const status = replaces ? 'replaced' : !b ? 'added' : !h ? 'removed' : 'changed';
      services.push({ service, status, ...(replaces ? { replaces } : {}), objects, ...(perDpu && perDpuChanged ? { perDpu } : {}) });
    }
  }
  // a replaced revision's findings are compared under its new name
  const renames = [...replaced].map(([h, b]) => [b.slice(b.indexOf('/') + 1), h.slice(h.indexOf('/') + 1)] as const);
  const renamed = (p: Problem): Problem => renames.reduce<Problem>((q, [from, to]) => ({ ...q, message: q.message.split(from).join(to), ...(q.object !== undefined ? { object: q.object.split(from).join(to) } : {}) }), p);
  const findings = findingChanges([...base.errors, ...base.warnings].map(renamed), [...head.errors, ...head.warnings]);
  const rollout = rolloutImpact(services, baseObjects, headObjects, inventory);
  const summary = (tree: Tree, r: GenerateResult): SideSummary => ({
    label: tree.label,
    ...(tree.commit ? { commit: tree.commit } : {}),
    rendered: r.errors.length === 0,
    errors: r.errors.length,
    warnings: r.warnings.length,
    services: r.rendered.length,
    ...(tree === o.head && inventory ? { dpus: inventory.dpus.length } : {}),
  });
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    base: summary(o.base, base),
    head: summary(o.head, head),
    changed: services.length > 0 || findings.new.length > 0 || findings.fixed.length > 0,
    services,
    rollout,
    findings,
    renders: { rendered: cache.misses, reused: cache.hits },
  };
}

/** head name -> base name, for DPUDeployment services whose name changed (same owner and service). */
function revisions(base: Map<string, string>, head: Map<string, string>): Map<string, string> {
  const byIdentity = new Map<string, string>();
  for (const [name, identity] of base) if (!head.has(name)) byIdentity.set(identity, name);
  const out = new Map<string, string>();
  for (const [name, identity] of head) {
    const old = base.has(name) ? undefined : byIdentity.get(identity);
    if (old !== undefined) out.set(name, old);
  }
  return out;
}

/** The base side with each replaced revision filed under its head name, its object names renamed alike. */
function renamedRevisions(base: Map<string, ServiceObjects>, replaced: Map<string, string>): Map<string, ServiceObjects> {
  if (replaced.size === 0) return base;
  const out = new Map(base);
  for (const [headName, baseName] of replaced) {
    const old = base.get(baseName);
    out.delete(baseName);
    if (!old) continue;
    const from = baseName.slice(baseName.indexOf('/') + 1);
    const to = headName.slice(headName.indexOf('/') + 1);
    const objects = new Map<string, ObjectRef>();
    for (const ref of old.objects.values()) {
      const name = ref.name.split(from).join(to);
      objects.set(objectKey(ref.kind, ref.namespace, name), { ...ref, name });
    }
    out.set(headName, { ...old, objects });
  }
  return out;
}

/** The head side's inventory, for rollout counts; undefined when none is configured or it does not load. */
async function headInventory(o: DiffOptions, settings: PluginSettings): Promise<Inventory | undefined> {
  if (settings.inventory === '' && !o.dpuKubeconfig) return undefined;
  const s = { inventory: settings.inventory, ...(o.dpuKubeconfig ? { kubeconfigPath: o.dpuKubeconfig } : {}), ...(o.poolNamespaces?.length ? { poolNamespaces: o.poolNamespaces } : {}) };
  const r = await loadRunInventory(s, join(o.head.root, o.appPath), join(o.head.root, o.repoRootPath), [], () => undefined);
  return 'severity' in r ? undefined : r;
}
