/**
 * The first two layers of a run's settings: built-in defaults, then the repository config.
 * ArgoCD plugin parameters (plugin/parameters.ts resolveParameters) and command-line flags are
 * laid over the result by the command. Paths become relative to the app dir, which is what
 * the generate pipeline takes (it then keeps them inside the repository copy).
 */
import { relative } from 'node:path';
import { DEFAULT_SETTINGS, type PluginSettings } from '../plugin/parameters.js';
import type { RepoConfig } from './types.js';

export function settingsFromConfig(config: RepoConfig | undefined, appDir: string): PluginSettings {
  const s: PluginSettings = { ...DEFAULT_SETTINGS, chartPaths: {} };
  if (!config) return s;
  for (const [ref, path] of Object.entries(config.chartPaths)) s.chartPaths[ref] = appRelative(appDir, path);
  if (config.cluster !== undefined) s.cluster = config.cluster;
  if (config.vendorDir !== undefined) s.vendorDir = appRelative(appDir, config.vendorDir);
  if (config.inventory !== undefined) s.inventory = appRelative(appDir, config.inventory);
  if (config.docaVersion !== undefined) s.docaVersion = config.docaVersion;
  if (config.startupRenderMode !== undefined) s.startupRenderMode = config.startupRenderMode;
  if (config.kubeSchema !== undefined) s.kubeSchema = config.kubeSchema;
  return s;
}

/** An absolute path as the app-dir-relative form the pipeline takes ("." for the app dir). */
export function appRelative(appDir: string, absolute: string): string {
  return relative(appDir, absolute) || '.';
}
