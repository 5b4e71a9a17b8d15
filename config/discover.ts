/**
 * Which `dpu-gitops.yaml` applies to an app directory: the nearest one in the app dir or above
 * it, looking no higher than the repository root (the `--repo-root` / ArgoCD's repository copy
 * when known, else the git work tree holding the app dir, else the filesystem root).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isWithin } from '../helm/chart/confine.js';
import { CONFIG_FILE_NAME } from './types.js';

/** The nearest config file from `appDir` up to `stopDir` (inclusive), or undefined. */
export function findConfigFile(appDir: string, stopDir: string): string | undefined {
  const stopInside = isWithin(stopDir, appDir);
  let dir = appDir;
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const parent = dirname(dir);
    // Not under stopDir: look in the app dir only, never wander up an unrelated tree.
    if (!stopInside || dir === stopDir || parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Where discovery stops: the given repository root, else the nearest directory at or above
 * the app dir that holds `.git`, else the filesystem root.
 */
export function discoveryBoundary(appDir: string, repoRoot?: string): string {
  if (repoRoot !== undefined) return repoRoot;
  let dir = appDir;
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return dir;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
