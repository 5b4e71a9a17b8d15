/**
 * The repository config as the local commands (lint, preview, render-startup) read it: the
 * `--config FILE` / `--no-config` flags, discovery from the directory a command works on, and
 * the checks of paths a flag or a config key named, so a user is told which one to fix instead
 * of seeing a raw ENOENT / ENOTDIR (docs/config.md).
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, displayPath, isWithin, repoConfigFor, type RepoConfig } from '../config/index.js';
import { UnknownRuleError } from '../config/rules.js';
import type { Reporter } from './report/index.js';

/** The parseArgs options every config-reading command takes. */
export const CONFIG_FLAGS = {
  config: { type: 'string' as const },
  'no-config': { type: 'boolean' as const, default: false },
};

export const CONFIG_FLAGS_USAGE = `      --config FILE       read this repository config instead of looking for dpu-gitops.yaml
      --no-config         read no repository config (built-in defaults and flags only)`;

/** How a command was told to find its config. */
export interface ConfigChoice {
  cwd: string;
  /** `--config FILE` as given (relative to cwd). */
  file?: string | undefined;
  none: boolean;
  /** Discovery stops here (`--repo-root`, absolute); default: the git work tree. */
  repoRoot?: string | undefined;
}

/** The config for a directory a command works on (a file: its directory). Throws ConfigError. */
export function configFor(path: string, choice: ConfigChoice): RepoConfig | undefined {
  const abs = resolve(choice.cwd, path);
  const dir = isDirectory(abs) ? abs : dirname(abs);
  return repoConfigFor({
    appDir: dir,
    cwd: choice.cwd,
    none: choice.none,
    ...(choice.repoRoot !== undefined ? { repoRoot: choice.repoRoot } : {}),
    ...(choice.file !== undefined ? { file: choice.file } : {}),
  });
}

/** The `--config` / `--no-config` pair from parsed flags; a usage error text when both are given. */
export function configChoice(values: { config?: string | undefined; 'no-config'?: boolean | undefined }, cwd: string, repoRoot?: string): ConfigChoice | string {
  if (values.config !== undefined && values['no-config']) return '--config and --no-config exclude each other';
  return { cwd, file: values.config, none: values['no-config'] === true, repoRoot: repoRoot !== undefined ? resolve(cwd, repoRoot) : undefined };
}

/** One `FILE:LINE: key: message` per problem of a config file (each reported as an error). */
export function configErrorMessages(err: ConfigError): string[] {
  return err.message.split('\n');
}

/** Where a path was named: a flag, an environment variable, or a config file's key. */
export function configOrigin(config: RepoConfig, key: string, cwd: string): string {
  return `${displayPath(cwd, config.file)}: ${key}`;
}

/** A named path that is missing or of the wrong type, with who named it. */
export class NamedPathError extends Error {
  constructor(
    readonly origin: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${origin}: ${path} ${problem}`);
    this.name = 'NamedPathError';
  }
}

/**
 * Checks that `path` exists and is what the command needs; throws NamedPathError naming its
 * origin (`--inventory`, `dpu-gitops.yaml: inventory`) otherwise.
 */
export function checkNamedPath(origin: string, path: string, want: 'file' | 'directory' | 'any', cwd: string): void {
  const shown = resolve(path) === resolve(cwd) ? '.' : displayPath(cwd, path);
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new NamedPathError(origin, shown, code === 'ENOTDIR' ? 'does not exist (a part of it is a file, not a directory)' : code === 'EACCES' ? 'cannot be read (permission denied)' : 'does not exist');
  }
  if (want === 'file' && st.isDirectory()) throw new NamedPathError(origin, shown, 'is a directory, not a file');
  if (want === 'directory' && !st.isDirectory()) throw new NamedPathError(origin, shown, 'is a file, not a directory');
}

/** Throws NamedPathError when `path` (absolute) is outside the repository root `root`. */
export function checkWithinRoot(origin: string, path: string, root: string, cwd: string): void {
  if (!isWithin(root, path)) throw new NamedPathError(origin, displayPath(cwd, path), `is outside the repository root ${displayPath(cwd, root) || '.'} (set --repo-root, or name a path under it)`);
}

/**
 * Reports what stops a command before it runs: a config file's problems (one error line each,
 * `file:line: key: ...`), a named path that is missing or outside the repository, an unknown
 * --disable rule. Returns false for any other error (the caller's to handle).
 */
export function reportSetupError(report: Reporter, err: unknown): boolean {
  if (err instanceof ConfigError) {
    for (const m of configErrorMessages(err)) report.error(m);
    return true;
  }
  if (err instanceof NamedPathError || err instanceof UnknownRuleError) {
    report.error(err.message);
    return true;
  }
  return false;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
