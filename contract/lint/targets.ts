/**
 * What `dpu-gitops lint PATH...` looks at: charts (directories with Chart.yaml, .tgz archives)
 * and manifest files (.yaml, .yml, .json), found by walking directories. Chart directories are
 * not descended into: their templates are not plain YAML. A directory's dpu-gitops.yaml (the
 * repository config) is not a manifest.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CONFIG_FILE_NAME } from '../../config/types.js';

export interface LintTargets {
  charts: string[];
  manifests: string[];
}

/** A path given to lint that does not exist or is not lintable. */
export class LintInputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'LintInputError';
  }
}

const MANIFEST = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Classifies the given paths (in order, without duplicates). */
export function collectTargets(paths: readonly string[]): LintTargets {
  const targets: LintTargets = { charts: [], manifests: [] };
  for (const p of paths) {
    if (!existsSync(p)) throw new LintInputError(p, isLink(p) ? 'a symlink that does not resolve' : 'no such file or directory');
    const st = statSync(p);
    if (st.isDirectory()) walk(p, targets, new Set([realpathSync(p)]));
    else if (basename(p) === 'Chart.yaml') add(targets.charts, dirname(p));
    else if (p.endsWith('.tgz')) add(targets.charts, p);
    else if (MANIFEST.test(p)) add(targets.manifests, p);
    else throw new LintInputError(p, 'not a chart, .tgz, .yaml, .yml or .json file');
  }
  return targets;
}

/**
 * A dangling link named like a manifest is still a target (reading it reports it); a directory
 * link back to one of its ancestors is not followed again.
 */
function walk(dir: string, targets: LintTargets, ancestors: ReadonlySet<string>): void {
  const names = readdirSync(dir).sort();
  if (names.includes('Chart.yaml')) return add(targets.charts, dir);
  for (const name of names) {
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      if (MANIFEST.test(name)) add(targets.manifests, path);
      continue;
    }
    if (st.isDirectory()) {
      const real = realpathSync(path);
      if (!ancestors.has(real)) walk(path, targets, new Set([...ancestors, real]));
    } else if (name.endsWith('.tgz')) add(targets.charts, path);
    else if (MANIFEST.test(name) && name !== CONFIG_FILE_NAME) add(targets.manifests, path);
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function add(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}
