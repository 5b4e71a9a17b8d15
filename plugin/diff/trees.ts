/**
 * The two trees `dpu-gitops diff` renders: a git revision materialised into a temporary
 * directory (`git archive REV | tar -x`), the working tree as it is, or a directory given.
 * `git archive` was chosen over `git worktree add --detach` (bench/diff.ts measures both): it
 * writes nothing into the repository (a worktree registers itself under .git/worktrees, which a
 * killed run leaves behind) and is the faster of the two here. Like `git archive`, files marked
 * `export-ignore` in .gitattributes are left out, and Git LFS files stay pointers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A git command that failed; `detail` is git's own message. */
export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly detail: string,
  ) {
    super(`git ${args.join(' ')}: ${detail}`);
  }
}

export interface Tree {
  /** The tree's root directory. */
  root: string;
  /** What it is: `REV (sha)`, `working tree` or the directory. */
  label: string;
  /** The commit, for trees from git. */
  commit?: string;
  /** Removes what was materialised (nothing for a directory given). */
  dispose(): void;
}

const GIT_MAX_BUFFER = 1024 * 1024 * 1024;

function git(cwd: string, args: string[], encoding: 'utf8' | 'buffer' = 'utf8'): string | Buffer {
  const r = spawnSync('git', args, { cwd, encoding: encoding === 'utf8' ? 'utf8' : 'buffer', maxBuffer: GIT_MAX_BUFFER });
  if (r.error) throw new GitError(args, r.error.message);
  if (r.status !== 0) throw new GitError(args, String(r.stderr).trim() || `exit ${r.status}`);
  return r.stdout;
}

/** The top level of the git work tree holding `dir`. */
export function gitTopLevel(dir: string): string {
  return (git(dir, ['rev-parse', '--show-toplevel']) as string).trim();
}

/** The commit `rev` names (an error naming the revision when it names none). */
export function resolveCommit(repo: string, rev: string): string {
  return (git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]) as string).trim();
}

/**
 * `rev` of the repository at `repo`, extracted into a new temporary directory under `parent`
 * (default: the system's; the CLI gives one it removes even when the run is stopped).
 */
export function treeFromRevision(repo: string, rev: string, parent: string = tmpdir()): Tree {
  let commit: string;
  try {
    commit = resolveCommit(repo, rev);
  } catch (err) {
    if (err instanceof GitError) throw new GitError(['rev-parse', rev], `${JSON.stringify(rev)} is not a commit of ${repo}`);
    throw err;
  }
  const root = mkdtempSync(join(parent, 'dpu-gitops-diff-'));
  const dispose = (): void => rmSync(root, { recursive: true, force: true });
  try {
    const archive = git(repo, ['archive', '--format=tar', commit], 'buffer') as Buffer;
    const tar = spawnSync('tar', ['-x', '-f', '-', '-C', root], { input: archive, encoding: 'utf8' });
    if (tar.error || tar.status !== 0) throw new GitError(['archive', commit], `tar -x failed: ${tar.error?.message ?? tar.stderr.trim()}`);
  } catch (err) {
    dispose();
    throw err;
  }
  return { root, label: `${rev} (${commit.slice(0, 12)})`, commit, dispose };
}

/** The working tree itself (uncommitted and untracked files included, as generate would read them). */
export function workingTree(root: string): Tree {
  return { root, label: 'working tree', dispose: () => undefined };
}

/** A directory given on the command line. */
export function directoryTree(root: string): Tree {
  return { root, label: root, dispose: () => undefined };
}
