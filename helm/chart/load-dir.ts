/**
 * Chart directory → in-memory files, mirroring helm v3.17.3 pkg/chart/loader/directory.go
 * (LoadDir) and internal/sympath (Walk): entries in byte order, symlinks followed, .helmignore
 * rules plus the default `templates/.?*`, ignored directories skipped whole, irregular files
 * and files over MAX_DECOMPRESSED_FILE_SIZE refused, a UTF-8 BOM dropped from each file.
 * With `confine` (not helm's: generate, lint and the webhook), a symlink the loader would
 * follow must resolve inside that directory; ignored entries are never read, so not judged.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfinementError, confinedRealPath, type Confinement } from './confine.js';
import { ChartLoadError } from './errors.js';
import { HELM_IGNORE_FILE, IgnoreRules } from './helmignore.js';
import { MAX_DECOMPRESSED_FILE_SIZE } from './limits.js';
import type { ChartFile } from './types.js';
import { compareGoStrings, goStringFromBytes } from '../template/gostring.js';

/** Reports helm's `log.Printf` notices (a followed symlink). */
export type LoadWarn = (message: string) => void;

export interface LoadDirOptions {
  /** Refuse any followed symlink that resolves outside this directory. */
  confine?: Confinement;
}

/**
 * LoadDir's file collection: every non-ignored regular file under dir, named relative to it
 * with `/` separators, in the order helm walks them.
 */
export function loadDirFiles(dir: string, warn: LoadWarn = () => {}, options: LoadDirOptions = {}): ChartFile[] {
  const topdir = resolve(dir);
  const rules = readIgnoreRules(topdir, options.confine);
  rules.addDefaults();
  const files: ChartFile[] = [];
  walkDir(topdir, '', rules, files, warn, options.confine);
  return files;
}

function readIgnoreRules(topdir: string, confine: Confinement | undefined): IgnoreRules {
  const ifile = join(topdir, HELM_IGNORE_FILE);
  if (!existsSync(ifile)) return IgnoreRules.empty();
  if (confine) checkConfined(ifile, confine);
  return IgnoreRules.parse(goStringFromBytes(readFileSync(ifile)));
}

/** sympath.Walk over one directory level: names sorted by bytes, as Go's sort.Strings. */
function walkDir(abs: string, rel: string, rules: IgnoreRules, out: ChartFile[], warn: LoadWarn, confine: Confinement | undefined): void {
  const names = readdirSync(abs).sort(compareGoStrings);
  for (const name of names) {
    const childAbs = join(abs, name);
    const childRel = rel === '' ? name : `${rel}/${name}`;
    const { info, linked } = statFollowing(childAbs, warn);
    if (info.isDirectory()) {
      if (rules.ignores(childRel, true)) continue;
      if (linked && confine) checkConfined(childAbs, confine);
      walkDir(childAbs, childRel, rules, out, warn, confine);
      continue;
    }
    if (rules.ignores(childRel, false)) continue;
    if (linked && confine) checkConfined(childAbs, confine);
    if (!info.isFile()) {
      throw new ChartLoadError(`cannot load irregular file ${childAbs} as it has file mode type bits set`, childAbs);
    }
    if (info.size > MAX_DECOMPRESSED_FILE_SIZE) {
      throw new ChartLoadError(
        `chart file "${name}" is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`,
        childAbs,
      );
    }
    let data: Uint8Array;
    try {
      data = readFileSync(childAbs);
    } catch (e) {
      throw new ChartLoadError(`error reading ${childRel}: ${(e as Error).message}`, childAbs, e);
    }
    out.push({ name: childRel, data: stripBom(data) });
  }
}

/** A followed symlink that leaves the confinement, as a load error naming file and target. */
function checkConfined(path: string, confine: Confinement): void {
  try {
    confinedRealPath(path, confine);
  } catch (e) {
    if (e instanceof ConfinementError) throw new ChartLoadError(e.message, path, e);
    throw e;
  }
}

/** Lstat, then for a symlink the fully resolved target (helm logs the link and follows it). */
function statFollowing(path: string, warn: LoadWarn): { info: Stats; linked: boolean } {
  const l = lstatSync(path);
  if (!l.isSymbolicLink()) return { info: l, linked: false };
  let resolved: string;
  try {
    resolved = realpathSync(path);
  } catch (e) {
    // filepath.EvalSymlinks reports the missing target as an lstat failure.
    const target = resolve(dirname(path), readlinkSync(path));
    throw new ChartLoadError(`error evaluating symlink ${path}: lstat ${target}: no such file or directory`, path, e);
  }
  warn(`found symbolic link in path: ${path} resolves to ${resolved}. Contents of linked file included and used`);
  return { info: statSync(resolved), linked: true };
}

const BOM = [0xef, 0xbb, 0xbf];

/** bytes.TrimPrefix(data, utf8bom). */
export function stripBom(data: Uint8Array): Uint8Array {
  return data.length >= 3 && data[0] === BOM[0] && data[1] === BOM[1] && data[2] === BOM[2] ? data.subarray(3) : data;
}
