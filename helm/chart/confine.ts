/**
 * Keeps file reads inside one directory (the repository copy, a chart folder): a path that
 * resolves outside it through a symlink is refused. ArgoCD refuses such repositories too
 * (util/app/path CheckOutOfBoundsSymlinks: every symlink's target walked lexically, absolute
 * targets always refused). Here the real path decides, so a link that stays inside is fine
 * however it is spelled, and chained links or linked parent directories are judged by where
 * they end, not by their text.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Why a path was refused. */
export type ConfinementReason = 'outside' | 'dangling' | 'not-below';

/** A path that leaves the confinement root, or a symlink that resolves nowhere. */
export class ConfinementError extends Error {
  constructor(
    /** The path as the caller names it (relative to the root when it is lexically inside). */
    readonly file: string,
    readonly reason: ConfinementReason,
    /** Where it resolves (or, dangling, what the link says). */
    readonly target: string,
    readonly root: string,
    readonly rootName: string,
  ) {
    super(`${file}: ${confinementDetail(reason, target, root, rootName)}`);
    this.name = 'ConfinementError';
  }

  /** The message without the leading file name. */
  get detail(): string {
    return confinementDetail(this.reason, this.target, this.root, this.rootName);
  }
}

function confinementDetail(reason: ConfinementReason, target: string, root: string, rootName: string): string {
  if (reason === 'outside') return `symlink to ${target} resolves outside the ${rootName} ${root}`;
  if (reason === 'not-below') return `is outside the ${rootName} ${root}`;
  return `symlink to ${target} does not resolve (dangling, or a loop)`;
}

/** A directory reads must stay in, resolved once. */
export interface Confinement {
  /** The root as given (for messages). */
  root: string;
  /** Its real path (what containment is judged against). */
  realRoot: string;
  /** What the root is, in messages: "repository", "chart folder". */
  name: string;
}

/** Resolves a root once; a root that does not exist is kept as given. */
export function confinement(root: string, name = 'repository'): Confinement {
  const abs = resolve(root);
  let realRoot = abs;
  try {
    realRoot = realpathSync(abs);
  } catch {
    // a missing root: nothing under it exists either, reads fail on their own
  }
  return { root: abs, realRoot, name };
}

/** True when `path` (absolute) is `root` or below it. */
export function isWithin(root: string, path: string): boolean {
  const r = relative(root, path);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r));
}

/** How a path is named in messages: relative to the root when lexically inside it. */
export function displayPath(c: Confinement, path: string): string {
  const abs = resolve(path);
  return isWithin(c.root, abs) && abs !== c.root ? relative(c.root, abs).split(sep).join('/') : path;
}

/**
 * The real path of `path`, refused (ConfinementError) when it resolves outside the root or is
 * a symlink that resolves nowhere. A path that does not exist and is no symlink is returned
 * as given: reading it fails with the ordinary "no such file" error.
 */
export function confinedRealPath(path: string, c: Confinement): string {
  const abs = resolve(path);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    let linkTarget: string | undefined;
    try {
      if (lstatSync(abs).isSymbolicLink()) linkTarget = readlinkSync(abs);
    } catch {
      // the path itself (or a parent) is missing
    }
    if (linkTarget !== undefined || code === 'ELOOP') throw new ConfinementError(displayPath(c, abs), 'dangling', linkTarget ?? abs, c.root, c.name);
    return abs;
  }
  if (!isWithin(c.realRoot, real)) {
    const lexicallyInside = isWithin(c.root, abs) || isWithin(c.realRoot, abs);
    throw new ConfinementError(displayPath(c, abs), lexicallyInside ? 'outside' : 'not-below', real, c.root, c.name);
  }
  return real;
}
