/**
 * The rendering flags `generate` and `diff` share (node:util parseArgs, so `--flag value` and
 * `--flag=value` both work), what they mean, and how they lay over the settings below them:
 * built-in defaults < repository config < ArgoCD plugin parameters < these flags
 * (docs/config.md). Paths on the command line are relative to the cwd.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appRelative, type RepoConfig } from '../config/index.js';
import type { CmpEnv } from '../plugin/cmp-env.js';
import type { PluginSettings } from '../plugin/parameters.js';
import type { OptionsConfig } from './args.js';

/** A flag or argument the command cannot take: reported with the usage text, exit 2. */
export class UsageError extends Error {}

export const RENDER_FLAGS = {
  'repo-root': { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  cluster: { type: 'string' },
  'deploy-in-cluster': { type: 'boolean' },
  'no-pass-through': { type: 'boolean' },
  'chart-path': { type: 'string', multiple: true },
  'vendor-dir': { type: 'string' },
  inventory: { type: 'string' },
  kubeconfig: { type: 'string' },
  'pool-namespace': { type: 'string', multiple: true },
  'startup-render-mode': { type: 'string' },
  'doca-version': { type: 'string' },
  'kube-schema': { type: 'string' },
  'kube-version': { type: 'string' },
  disable: { type: 'string', multiple: true },
  'log-format': { type: 'string' },
  'log-level': { type: 'string' },
  messages: { type: 'string' },
} as const satisfies OptionsConfig;

/** What the rendering flags say; path values are absolute (resolved against the cwd). */
export interface RenderFlags {
  /** `--repo-root` as given (generate resolves it against the cwd, diff inside each tree). */
  repoRoot?: string;
  configFile?: string;
  noConfig: boolean;
  disable: string[];
  settings: Partial<Omit<PluginSettings, 'chartPaths'>>;
  chartPaths: Record<string, string>;
  kubeVersion?: string;
  logLevel?: string;
  logFormat?: string;
  messagesDir?: string;
  kubeconfig?: string;
  poolNamespaces: string[];
}

type RenderFlagValues = { [K in keyof typeof RENDER_FLAGS]?: (typeof RENDER_FLAGS)[K] extends { multiple: true } ? string[] : (typeof RENDER_FLAGS)[K] extends { type: 'boolean' } ? boolean : string };

/** Strict parseArgs with positionals; what it refuses is a UsageError with its message. */
export function parseOrUsage<const O extends OptionsConfig>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** One of `allowed`, else a usage error naming the flag and the choices. */
export function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, not ${JSON.stringify(value)}`);
}

/** The rendering flags of parsed values. Throws UsageError for a bad choice or pair. */
export function renderFlagsFrom(v: RenderFlagValues, cwd: string): RenderFlags {
  if (v.config !== undefined && v['no-config']) throw new UsageError('--config and --no-config exclude each other');
  const path = (p: string): string => (p === '' ? '' : resolve(cwd, p));
  const f: RenderFlags = { noConfig: v['no-config'] === true, disable: v.disable ?? [], settings: {}, chartPaths: {}, poolNamespaces: v['pool-namespace'] ?? [] };
  if (v['repo-root'] !== undefined) f.repoRoot = v['repo-root'];
  if (v.config !== undefined) f.configFile = resolve(cwd, v.config);
  if (v.cluster !== undefined) f.settings.cluster = v.cluster;
  if (v['deploy-in-cluster']) f.settings.deployInCluster = true;
  if (v['no-pass-through']) f.settings.passThrough = false;
  if (v['vendor-dir'] !== undefined) f.settings.vendorDir = path(v['vendor-dir']);
  if (v.inventory !== undefined) f.settings.inventory = path(v.inventory);
  const mode = choice('startup-render-mode', v['startup-render-mode'], ['strict', 'dpf'] as const);
  if (mode !== undefined) f.settings.startupRenderMode = mode;
  if (v['doca-version'] !== undefined) f.settings.docaVersion = v['doca-version'].trim();
  const kubeSchema = choice('kube-schema', v['kube-schema'], ['warn', 'error', 'off'] as const);
  if (kubeSchema !== undefined) f.settings.kubeSchema = kubeSchema;
  if (v.kubeconfig !== undefined) f.kubeconfig = resolve(cwd, v.kubeconfig);
  if (v['kube-version'] !== undefined) f.kubeVersion = v['kube-version'];
  if (v['log-level'] !== undefined) f.logLevel = v['log-level'];
  if (v['log-format'] !== undefined) f.logFormat = v['log-format'];
  if (v.messages !== undefined) f.messagesDir = resolve(cwd, v.messages);
  for (const ref of v['chart-path'] ?? []) {
    const eq = ref.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--chart-path needs REF=PATH, got ${JSON.stringify(ref)}`);
    f.chartPaths[ref.slice(0, eq)] = path(ref.slice(eq + 1));
  }
  return f;
}

/** Flags over the settings below them: paths made relative to `appDir`, as the pipeline takes them. */
export function applyFlags(settings: PluginSettings, f: RenderFlags, appDir: string): PluginSettings {
  const s: PluginSettings = { ...settings, ...f.settings, chartPaths: { ...settings.chartPaths } };
  const rel = (p: string): string => (p === '' ? '' : appRelative(appDir, p));
  if (f.settings.vendorDir !== undefined) s.vendorDir = rel(f.settings.vendorDir);
  if (f.settings.inventory !== undefined) s.inventory = rel(f.settings.inventory);
  for (const [ref, p] of Object.entries(f.chartPaths)) s.chartPaths[ref] = rel(p);
  return s;
}

/**
 * The cluster facts a run renders for: ArgoCD's KUBE_VERSION / KUBE_API_VERSIONS describe the
 * real destination, so they beat the config's kube-version / api-versions; --kube-version
 * beats both.
 */
export function withKubeFacts(cmp: CmpEnv, f: RenderFlags, config: RepoConfig | undefined): CmpEnv {
  return {
    ...cmp,
    kubeVersion: f.kubeVersion ?? (cmp.kubeVersion || config?.kubeVersion || ''),
    apiVersions: cmp.apiVersions.length === 0 && config?.apiVersions ? [...config.apiVersions] : cmp.apiVersions,
  };
}
