/**
 * The repository config for a command: `--config FILE` when given, else the nearest
 * `dpu-gitops.yaml` above the app dir (config/discover.ts), else none. Commands call
 * `repoConfigFor` once, then lay their own layers over `settingsFromConfig` (docs/config.md).
 */
import { relative, resolve } from 'node:path';
import { discoveryBoundary, findConfigFile } from './discover.js';
import { loadConfigFile } from './load.js';
import type { RepoConfig } from './types.js';

export { ConfigError, CONFIG_FILE_NAME, type ConfigIssue, type RepoConfig, type RuleSettings } from './types.js';
export { settingsFromConfig, appRelative } from './settings.js';
export { loadConfigFile } from './load.js';
export { findConfigFile, discoveryBoundary } from './discover.js';
/** True when an absolute `path` is `root` or below it (one definition: helm/chart/confine.ts). */
export { isWithin } from '../helm/chart/confine.js';

export interface ConfigLookup {
  /** Absolute app directory discovery starts from. */
  appDir: string;
  /** Absolute repository root when known (flag or ArgoCD); discovery stops there. */
  repoRoot?: string;
  /** `--config FILE`, relative to `cwd`: read this file and skip discovery. */
  file?: string;
  /** `--no-config`: no file at all, built-in defaults only. */
  none?: boolean;
  /** The command's cwd: command-line paths are relative to it, messages name files from it. */
  cwd: string;
}

/** The config that applies, or undefined. Throws ConfigError (file:line per problem). */
export function repoConfigFor(lookup: ConfigLookup): RepoConfig | undefined {
  if (lookup.none) return undefined;
  const file = lookup.file !== undefined ? resolve(lookup.cwd, lookup.file) : findConfigFile(lookup.appDir, discoveryBoundary(lookup.appDir, lookup.repoRoot));
  if (file === undefined) return undefined;
  return loadConfigFile(file, displayPath(lookup.cwd, file));
}

/** A path as a message shows it: relative to the cwd when under it, else absolute. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}
