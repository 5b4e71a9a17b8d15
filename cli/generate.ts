/**
 * `dpu-gitops generate`: the ArgoCD CMP `generate` command. Run in the app directory (ArgoCD's
 * cwd) it prints the YAML stream of every DPUService's rendered chart plus the other objects,
 * and exits 0; on any problem it prints nothing on stdout, lists every problem on stderr and
 * exits 1. Settings: defaults < the repository config (config/) < ARGOCD_APP_PARAMETERS
 * (plugin/parameters.ts) < flags (docs/config.md). stderr goes through the reporter (cli/report/):
 * text on a terminal, JSON lines otherwise, identical problems collapsed, a summary line at the end.
 *
 * `run` works in the calling thread. `dpu-gitops generate` runs it in a worker with a heap limit
 * and the whole-run deadline (DPU_GITOPS_DEADLINE_SECONDS, default 50 s: ArgoCD kills the command
 * at 60 s), which stops the work itself: see cli/isolated-command.ts.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { appRelative, discoveryBoundary, displayPath, isWithin, repoConfigFor, settingsFromConfig, type RepoConfig } from '../config/index.js';
import { ruleControl, UnknownRuleError, type RuleControl } from '../config/rules.js';
import { MessageCatalog } from '../contract/messages.js';
import { RepoAllowlist } from '../plugin/chart-source/allowlist.js';
import { remoteFetcher, type RemoteFetcher } from '../plugin/chart-source/remote.js';
import { chartReference, ChartSourceError } from '../plugin/chart-source/types.js';
import { readCmpEnv, type CmpEnv } from '../plugin/cmp-env.js';
import { generate } from '../plugin/generate.js';
import { resolveParameters, type PluginSettings } from '../plugin/parameters.js';
import type { Problem } from '../plugin/problems.js';
import type { OptionsConfig } from './args.js';
import { applyFlags, parseOrUsage, choice, RENDER_FLAGS, renderFlagsFrom, UsageError, withKubeFacts, type RenderFlags } from './render-flags.js';
import { checkNamedPath, checkWithinRoot, reportSetupError } from './command-config.js';
import { fallbackFormat } from './command-report.js';
import { createReporter, logFormatOf, LogFormatError, type Reporter } from './report/index.js';

export const GENERATE_USAGE = `Usage: dpu-gitops generate [APP_DIR] [flags]

Renders the DPUServices of the app directory (default: the current directory, as ArgoCD runs it).

Settings, each layer over the one before (docs/config.md): built-in defaults, the repository
config (the nearest dpu-gitops.yaml in or above the app dir, up to the repository root), the
ArgoCD plugin parameters (ARGOCD_APP_PARAMETERS), then these flags. Paths in the config are
relative to the config file; paths given here are relative to the current directory.

Flags:
  APP_DIR, --app-dir DIR   app directory (default: cwd)
  --repo-root DIR          repository root local chart paths must stay in (default: the app dir
                           minus $ARGOCD_APP_SOURCE_PATH, else the config file's directory, else
                           outside ArgoCD the git work tree, else the app dir)
  --config FILE            read this repository config instead of looking for dpu-gitops.yaml
  --no-config              read no repository config
  --cluster NAME           DPUCluster name for <cluster>-<dpuservice> release names
  --deploy-in-cluster      render host-side (deployInCluster: true) services instead
  --no-pass-through        do not emit the other Kubernetes objects
  --chart-path REF=PATH    map <repoURL>/<chart> to a chart dir or .tgz (repeatable)
  --vendor-dir DIR         vendored <chart>-<version>.tgz files (default <app dir>/vendor/charts)
  --inventory PATH         DPU inventory file for per-DPU configuration (perDPUValuesYAML,
                           startupYAMLJ2)
  --kubeconfig FILE        without --inventory: read the inventory from the DPU cluster
                           (default: $DPU_GITOPS_DPU_KUBECONFIG, the sidecar's mounted Secret)
  --pool-namespace NS      namespace of the DPU cluster's nv-ipam pools (repeatable; default:
                           $DPU_GITOPS_POOL_NAMESPACES, comma-separated, else all namespaces)
  --startup-render-mode M  strict (default) or dpf: how startupYAMLJ2 renders unless the
                           DPUService's dpu-gitops.nvidia.com/startup-render-mode says
  --doca-version V         DOCA version of the DPUDeployments' BFB when the BFB object is not
                           in the app dir, matched against each template chart's
                           dpu.nvidia.com/doca-version
  --kube-schema MODE       Kubernetes schema check of rendered objects: warn (default), error or off
  --kube-version V         .Capabilities.KubeVersion (default: $KUBE_VERSION, else the config's
                           kube-version)
  --disable RULE           do not check RULE (repeatable; adds to the config's rules.disable).
                           One object's findings are settled with its annotation
                           dpu-gitops.nvidia.com/disable: RULE[,RULE]
  -o, --output FORMAT      yaml (default): the manifest stream; json: instead of the manifests,
                           one JSON document {ok, summary, problems, objects} (for CI and scripts)
  --log-format FORMAT      stderr as text (one "error: ..." line per problem) or json (one
                           pino record per line); default: $DPU_GITOPS_LOG_FORMAT, else text
                           on a terminal and json otherwise. Identical problems are shown once
                           with a count; a summary line ends every run
  --log-level LEVEL        pino level for stderr logs (default: $DPU_GITOPS_LOG_LEVEL or info)
  --messages DIR           message templates overriding the built-in ones, as lint and the
                           webhook take them (default: $DPU_GITOPS_MESSAGES_DIR)
  -h, --help               this help

Exit status: 0 manifests printed; 1 a problem (listed on stderr, nothing on stdout); 2 a usage error.
`;

export interface RunContext {
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/** What the command line says: the rendering flags, the app dir and the output format. */
interface GenerateFlags extends RenderFlags {
  /** Absolute. */
  appDir?: string;
  output: 'yaml' | 'json';
}

/** generate's flags: the rendering flags generate and diff share, the app dir and the output. */
const GENERATE_FLAGS = {
  ...RENDER_FLAGS,
  'app-dir': { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

function parseFlags(argv: string[], cwd: string): GenerateFlags | 'help' {
  const parsed = parseOrUsage(argv, GENERATE_FLAGS);
  const v = parsed.values;
  if (v.help) return 'help';
  const render = renderFlagsFrom(v, cwd);
  if (parsed.positionals.length > 1) throw new UsageError(`generate takes one APP_DIR, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
  const positional = parsed.positionals[0] !== undefined ? resolve(cwd, parsed.positionals[0]) : undefined;
  const flagged = v['app-dir'] !== undefined ? resolve(cwd, v['app-dir']) : undefined;
  if (positional !== undefined && flagged !== undefined && positional !== flagged) throw new UsageError('the app directory is given twice (APP_DIR and --app-dir)');
  const appDir = positional ?? flagged;
  return {
    ...render,
    ...(render.repoRoot !== undefined ? { repoRoot: resolve(cwd, render.repoRoot) } : {}),
    ...(appDir !== undefined ? { appDir } : {}),
    output: choice('output', v.output, ['yaml', 'json'] as const) ?? 'yaml',
  };
}

/** The app directory, checked, so a typo is named instead of reaching a user as ENOENT. */
function checkAppDir(appDir: string, cwd: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(appDir).isDirectory();
  } catch {
    throw new Error(`app directory ${displayPath(cwd, appDir)} does not exist (give APP_DIR or --app-dir)`);
  }
  if (!isDir) throw new Error(`app directory ${displayPath(cwd, appDir)} is a file, not a directory (give the directory holding the DPUServices as APP_DIR or --app-dir)`);
}

/**
 * Where local charts must stay: --repo-root, ArgoCD's repository copy, the config's directory;
 * outside ArgoCD also the git work tree holding the app dir; else the app dir.
 */
function repoRootFor(appDir: string, flagged: string | undefined, cmp: CmpEnv, config: RepoConfig | undefined): string {
  if (flagged !== undefined) return flagged;
  if (cmp.sourcePath.replace(/^\.?\/*/, '') !== '') return repoRootOf(appDir, cmp.sourcePath);
  if (config && isWithin(config.dir, appDir)) return config.dir;
  if (cmp.appName === '') {
    const top = discoveryBoundary(appDir);
    if (existsSync(join(top, '.git'))) return top;
  }
  return appDir;
}

export async function run(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }, ctx: RunContext = {}): Promise<number> {
  const started = performance.now();
  const env = ctx.env ?? process.env;
  const cwd = ctx.cwd ?? process.cwd();
  let cmp: CmpEnv;
  let settings: PluginSettings;
  let appDir: string;
  let repoRoot: string;
  let flags: GenerateFlags | undefined;
  let messages: MessageCatalog;
  let rules: RuleControl;
  let config: RepoConfig | undefined;
  let report: Reporter | undefined;
  try {
    const parsed = parseFlags(argv, cwd);
    if (parsed === 'help') {
      io.stdout(GENERATE_USAGE);
      return 0;
    }
    flags = parsed;
    report = createReporter({ command: 'generate', format: logFormatOf(flags.logFormat, env), level: flags.logLevel ?? (env.DPU_GITOPS_LOG_LEVEL || 'info'), write: io.stderr });
    appDir = flags.appDir ?? cwd;
    checkAppDir(appDir, cwd);
    cmp = readCmpEnv(env);
    // Under ArgoCD the repository copy is the limit: an app at the repository's root (empty
    // source path) looks in its own directory only, never in the sidecar's directories above it.
    const argoRoot = cmp.sourcePath.replace(/^\.?\/*/, '') !== '' ? repoRootOf(appDir, cmp.sourcePath) : cmp.appName !== '' ? appDir : undefined;
    config = repoConfigFor({ appDir, repoRoot: flags.repoRoot ?? argoRoot, cwd, ...(flags.configFile !== undefined ? { file: flags.configFile } : {}), none: flags.noConfig });
    repoRoot = repoRootFor(appDir, flags.repoRoot, cmp, config);
    settings = applyFlags(resolveParameters(cmp.parameters, settingsFromConfig(config, appDir)), flags, appDir);
    checkNamedPaths(namedPaths(flags, config, settings, appDir, cwd), repoRoot, cwd);
    cmp = withKubeFacts(cmp, flags, config);
    rules = ruleControl(config?.rules, flags.disable);
    const messagesDir = flags.messagesDir ?? (env.DPU_GITOPS_MESSAGES_DIR || undefined);
    messages = MessageCatalog.load(messagesDir ? { overrideDir: messagesDir } : {});
  } catch (err) {
    const usage = err instanceof UsageError || err instanceof UnknownRuleError || err instanceof LogFormatError;
    // before the flags are read, the format comes from the environment (a bad value there: text)
    const r = report ?? createReporter({ command: 'generate', format: fallbackFormat(env), write: io.stderr });
    if (usage || !reportSetupError(r, err)) r.error(err instanceof Error ? err.message : String(err));
    if (usage) io.stderr(GENERATE_USAGE);
    return usage ? 2 : 1;
  }
  const log = report.log;
  if (config) log.debug({ config: config.file }, 'repository config');
  const dpuKubeconfig = flags.kubeconfig ?? (env.DPU_GITOPS_DPU_KUBECONFIG || undefined);
  try {
    const result = await generate({
      appDir,
      repoRoot,
      env: cmp,
      settings,
      fetchRemote: narrowedFetcher(remoteFetcher(env), config),
      log,
      messages,
      rules,
      ...(dpuKubeconfig ? { dpuKubeconfig } : {}),
      poolNamespaces: flags.poolNamespaces.length ? flags.poolNamespaces : (env.DPU_GITOPS_POOL_NAMESPACES ?? '').split(',').map((n) => n.trim()).filter(Boolean),
    });
    const failed = result.errors.length > 0;
    const summary = [
      { key: 'services', label: 'services', count: result.rendered.length },
      { key: 'objects', label: 'objects', count: result.entries?.length ?? 0 },
      { key: 'dpuConfigs', label: 'DPU configs', count: result.dpuConfigs },
      { key: 'warnings', label: 'warnings', count: result.warnings.length },
      { key: 'errors', label: 'errors', count: result.errors.length },
    ];
    if (flags.output === 'json') {
      io.stdout(`${JSON.stringify(jsonReport(result, summary, performance.now() - started), null, 2)}\n`);
    } else {
      report.problems(result.warnings);
      report.problems(result.errors);
      if (failed) report.error(`${result.errors.length} problem(s); no manifests printed`);
      else io.stdout(result.output);
    }
    report.summary(summary, performance.now() - started);
    return failed ? 1 : 0;
  } catch (err) {
    report.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

/** `generate -o json`: the run's outcome for scripts, every problem (not collapsed) and every object. */
function jsonReport(result: Awaited<ReturnType<typeof generate>>, summary: readonly { key: string; count: number }[], elapsedMs: number): unknown {
  const problem = (p: Problem): Record<string, unknown> => ({
    severity: p.severity,
    ...(p.location ? { file: p.location.file, doc: p.location.doc, line: p.location.line } : {}),
    ...(p.object !== undefined ? { object: p.object } : {}),
    ...(p.field !== undefined ? { field: p.field } : {}),
    ...(p.rule !== undefined ? { rule: p.rule } : {}),
    message: p.message,
    ...(p.fix !== undefined ? { fix: p.fix } : {}),
    ...(p.subject !== undefined ? { subject: p.subject } : {}),
  });
  const ref = (o: unknown): Record<string, string> => {
    const obj = (typeof o === 'object' && o !== null ? o : {}) as Record<string, unknown>;
    const meta = (typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {}) as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const [k, v] of [['apiVersion', obj.apiVersion], ['kind', obj.kind], ['namespace', meta.namespace], ['name', meta.name]] as const) if (typeof v === 'string') out[k] = v;
    return out;
  };
  return {
    ok: result.errors.length === 0,
    summary: { ...Object.fromEntries(summary.map((i) => [i.key, i.count])), elapsedMs: Math.round(elapsedMs) },
    problems: [...result.errors, ...result.warnings].map(problem),
    objects: (result.entries ?? []).map((e) => ref(e.object)),
  };
}

/**
 * The config's allowed-repositories narrow what the environment allows (DPU_GITOPS_ALLOWED_REPOS,
 * set by whoever runs the sidecar): a repository must pass both, so a repository's own config
 * can never widen the administrator's list.
 */
export function narrowedFetcher(fetch: RemoteFetcher, config: RepoConfig | undefined): RemoteFetcher {
  if (!config?.allowedRepositories) return fetch;
  const allow = new RepoAllowlist(config.allowedRepositories);
  return (req, options) => {
    if (!allow.allows(req.repoURL)) {
      return Promise.reject(new ChartSourceError(chartReference(req), `repository ${req.repoURL} is not in allowed-repositories of ${config.file} (patterns: ${allow.sources.join(', ') || 'none'})`));
    }
    return fetch(req, options);
  };
}

/** A path the user named, with where it was named (a flag, or the config file and key). */
interface NamedPath {
  origin: string;
  path: string;
}

/** The paths from flags and from the config that this run uses (not overridden by a later layer). */
function namedPaths(f: GenerateFlags, config: RepoConfig | undefined, settings: PluginSettings, appDir: string, cwd: string): NamedPath[] {
  const out: NamedPath[] = [];
  const file = config ? displayPath(cwd, config.file) : '';
  const used = (abs: string, setting: string): boolean => appRelative(appDir, abs) === setting;
  if (f.settings.inventory) out.push({ origin: '--inventory', path: f.settings.inventory });
  else if (config?.inventory && used(config.inventory, settings.inventory)) out.push({ origin: `${file}: inventory`, path: config.inventory });
  if (f.settings.vendorDir) out.push({ origin: '--vendor-dir', path: f.settings.vendorDir });
  else if (config?.vendorDir && used(config.vendorDir, settings.vendorDir)) out.push({ origin: `${file}: vendor-dir`, path: config.vendorDir });
  for (const [ref, path] of Object.entries(f.chartPaths)) if (path !== '') out.push({ origin: `--chart-path ${ref}`, path });
  for (const [ref, path] of Object.entries(config?.chartPaths ?? {})) {
    if (f.chartPaths[ref] === undefined && settings.chartPaths[ref] !== undefined && used(path, settings.chartPaths[ref]!)) out.push({ origin: `${file}: chart-paths[${JSON.stringify(ref)}]`, path });
  }
  return out;
}

/** Each named path exists and is inside the repository root; else a message that says what to set. */
function checkNamedPaths(paths: readonly NamedPath[], repoRoot: string, cwd: string): void {
  for (const { origin, path } of paths) {
    checkWithinRoot(origin, path, repoRoot, cwd);
    checkNamedPath(origin, path, 'any', cwd);
  }
}

/** The repository copy's root: the app dir minus ARGOCD_APP_SOURCE_PATH, else the app dir. */
export function repoRootOf(appDir: string, sourcePath: string): string {
  const rel = sourcePath.replace(/^\.?\/*/, '').replace(/\/+$/, '');
  if (rel === '' || rel === '.') return appDir;
  const suffix = rel.split('/').join(sep);
  return appDir.endsWith(sep + suffix) ? appDir.slice(0, appDir.length - suffix.length - 1) : appDir;
}
