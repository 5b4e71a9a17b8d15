/**
 * The files helm lint's rules read straight from the chart folder (not through the chart
 * loader): stat and read with Go's error wording for the few failures a rule prints.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { confinedRealPath, type Confinement } from '../../helm/chart/confine.js';
import { goStringFromBytes } from '../../helm/template/gostring.js';

/** 'file', 'dir', or undefined when it does not exist (or cannot be stat'ed). */
export function kindOf(path: string): 'file' | 'dir' | undefined {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/**
 * os.ReadFile as a Go string; throws Error with Go's `read PATH: is a directory` style text, or
 * ConfinementError when `confine` is given and the path resolves outside it through a symlink.
 */
export function readGoText(path: string, confine?: Confinement): string {
  const real = confine ? confinedRealPath(path, confine) : path;
  try {
    return goStringFromBytes(readFileSync(real));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new Error(`read ${path}: is a directory`);
    if (code === 'ENOENT') throw new Error(`open ${path}: no such file or directory`);
    if (code === 'EACCES') throw new Error(`open ${path}: permission denied`);
    throw e;
  }
}

export const inChart = (chartDir: string, rel: string): string => join(chartDir, rel);
