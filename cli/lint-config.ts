/**
 * How `lint` uses the repository config: each PATH reads the config that applies to it (the
 * nearest dpu-gitops.yaml at or above it, or `--config` / `--no-config` for all), and PATHs
 * sharing a config are linted together as one group. From the config lint takes `cluster`,
 * `chart-paths` and `vendor-dir` (more local chart sources, as `--chart-dir`: lint's resolver
 * finds a DPUService's chart by its name and version among them), `doca-version`,
 * `kube-version` (helm lint's `--kube-version` default) and `rules`. Flags beat the config;
 * `--disable` adds to `rules.disable`.
 */
import { discoveryBoundary, displayPath, type RepoConfig } from '../config/index.js';
import { ruleControl, type RuleControl } from '../config/rules.js';
import { checkNamedPath, checkWithinRoot, configFor, configOrigin, type ConfigChoice } from './command-config.js';

/** PATHs linted together with one config's settings. */
export interface LintGroup {
  /** The config file ("" when none applies). */
  configFile: string;
  /** As given on the command line (findings name files as the user wrote them). */
  paths: string[];
  /** --chart-dir folders, then the config's chart paths and vendor dir (shown cwd-relative). */
  chartDirs: string[];
  cluster: string;
  docaVersion?: string;
  /** helm lint's --kube-version ("" = its default). */
  kubeVersion: string;
  rules: RuleControl;
}

/** The lint flags a group's settings are made from. */
export interface LintGroupFlags {
  'chart-dir': string[];
  cluster?: string | undefined;
  'doca-version'?: string | undefined;
  'kube-version': string;
  disable: string[];
}

/**
 * The groups, in the order their first PATH was given. Throws ConfigError (a config with
 * problems), UnknownRuleError (a bad --disable), NamedPathError (a chart source named by a flag
 * or the config that is missing, or a config path outside the repository root).
 */
export function lintGroups(paths: readonly string[], flags: LintGroupFlags, choice: ConfigChoice): LintGroup[] {
  for (const dir of flags['chart-dir']) checkNamedPath('--chart-dir', dir, 'any', choice.cwd);
  const byConfig = new Map<string, { config: RepoConfig | undefined; paths: string[] }>();
  for (const path of paths) {
    const config = configFor(path, choice);
    const key = config?.file ?? '';
    const group = byConfig.get(key);
    if (group) group.paths.push(path);
    else byConfig.set(key, { config, paths: [path] });
  }
  return [...byConfig.entries()].map(([configFile, { config, paths }]) => {
    const docaVersion = (flags['doca-version'] ?? config?.docaVersion)?.trim();
    return {
      configFile,
      paths,
      chartDirs: [...flags['chart-dir'], ...configChartSources(config, choice)],
      cluster: flags.cluster ?? config?.cluster ?? 'in-cluster',
      ...(docaVersion ? { docaVersion } : {}),
      kubeVersion: flags['kube-version'] !== '' ? flags['kube-version'] : (config?.kubeVersion ?? ''),
      rules: ruleControl(config?.rules, flags.disable),
    };
  });
}

/**
 * The config's chart-paths entries and vendor dir, checked: each must exist and stay inside
 * the repository root the config was found under (as generate requires).
 */
function configChartSources(config: RepoConfig | undefined, choice: ConfigChoice): string[] {
  if (!config) return [];
  const named: { origin: string; path: string }[] = Object.entries(config.chartPaths).map(([ref, path]) => ({ origin: configOrigin(config, `chart-paths[${JSON.stringify(ref)}]`, choice.cwd), path }));
  if (config.vendorDir !== undefined) named.push({ origin: configOrigin(config, 'vendor-dir', choice.cwd), path: config.vendorDir });
  const root = discoveryBoundary(config.dir, choice.repoRoot);
  const out: string[] = [];
  for (const { origin, path } of named) {
    checkWithinRoot(origin, path, root, choice.cwd);
    checkNamedPath(origin, path, 'any', choice.cwd);
    const shown = displayPath(choice.cwd, path);
    if (!out.includes(shown)) out.push(shown);
  }
  return out;
}
