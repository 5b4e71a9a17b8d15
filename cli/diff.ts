/**
 * `dpu-gitops diff`: what a change does, before it merges. Renders two trees of a repository
 * (git revisions, the working tree, or two directories) through generate in this process with the
 * same settings, and reports per DPUService the objects added, removed and changed, per DPU the
 * values and startup configs that change (grouped by identical change), the rollout it causes
 * and the contract findings it adds or fixes. docs/diff.md has the formats and the JSON schema.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { createReporter, logFormatOf, LogFormatError } from './report/index.js';
import { MessageCatalog } from '../contract/messages.js';
import { remoteFetcher } from '../plugin/chart-source/remote.js';
import { appRelative, displayPath, repoConfigFor, settingsFromConfig } from '../config/index.js';
import { ruleControl, UnknownRuleError } from '../config/rules.js';
import { readCmpEnv, type CmpEnv } from '../plugin/cmp-env.js';
import { formatJson } from '../plugin/diff/format-json.js';
import { DEFAULT_MARKDOWN_MAX_CHARS, formatMarkdown } from '../plugin/diff/format-markdown.js';
import { formatTerminal } from '../plugin/diff/format-terminal.js';
import { runDiff, type SideSetup } from '../plugin/diff/run-diff.js';
import { directoryTree, gitTopLevel, treeFromRevision, workingTree, type Tree } from '../plugin/diff/trees.js';
import { resolveParameters, type PluginSettings } from '../plugin/parameters.js';
import { narrowedFetcher } from './generate.js';
import type { CliIO } from './io.js';

export const DIFF_USAGE = `Usage: dpu-gitops diff [APP_DIR] --base REV [--head REV] [flags]
       dpu-gitops diff [APP_DIR] --base-dir DIR --head-dir DIR [flags]

Renders the app directory of two trees as generate does and reports, per DPUService, the objects
added, removed and changed (unified YAML diff, Secret data masked), per DPU the values and
startup configs that change, grouped by identical change, the rollout (DaemonSets whose pod
template changes, on how many DPUs, how many at a time) and contract findings new or fixed.

Trees:
  --base REV               git revision of the repository holding APP_DIR (default APP_DIR: .)
  --head REV               git revision (default: the working tree, uncommitted files included)
  --base-dir DIR           a directory instead of a revision; APP_DIR is then relative to it
  --head-dir DIR           the other directory
  --repo-root DIR          root local chart paths must stay in (default: the git top level, or
                           the directory given)

Output:
  --format F               terminal (default), markdown (PR comment) or json (docs/diff.md)
  --color WHEN             auto (default: on a TTY), always or never (terminal format)
  --max-chars N            markdown size cap, at least 1000 (default ${DEFAULT_MARKDOWN_MAX_CHARS})
  --exit-code              exit 1 when there are changes (0: none), as git diff --exit-code
                           (2, always: an error, or a side that does not render)
  --no-render-reuse        render every DPUService on both sides, even with identical inputs
                           (default: once; for measuring what the reuse saves)
  -h, --help               this help

Rendering, as generate: each side reads its own repository config (the nearest dpu-gitops.yaml
in or above its app dir), then ARGOCD_APP_PARAMETERS, then these flags, the same for both sides.
Paths given here are relative to the current directory and are taken at the same place in each
tree (relative to the app dir of the working tree, or of --head-dir):
  --config FILE, --no-config, --disable RULE, --cluster NAME, --deploy-in-cluster,
  --no-pass-through, --chart-path REF=PATH, --vendor-dir DIR, --inventory PATH, --kubeconfig FILE,
  --pool-namespace NS, --startup-render-mode strict|dpf, --kube-schema warn|error|off,
  --doca-version V, --kube-version V, --messages DIR, --log-level LEVEL (default warn),
  --log-format text|json (stderr; default: $DPU_GITOPS_LOG_FORMAT, else text on a terminal)

Exit status: 0 rendered (no changes, or changes without --exit-code); 1 changes (with
--exit-code only); 2 a usage error, a missing input, or a side that does not render.
`;

class UsageError extends Error {}
/** A named input that is missing: reported without the usage text. */
class InputError extends Error {}

/** Every flag diff takes: `value` flags take the next argument. The help documents each one (test/cli/help-behaviour.test.ts). */
export const DIFF_FLAGS: Readonly<Record<string, 'value' | 'switch'>> = {
  '--help': 'switch',
  '-h': 'switch',
  '--base': 'value',
  '--head': 'value',
  '--base-dir': 'value',
  '--head-dir': 'value',
  '--repo-root': 'value',
  '--format': 'value',
  '--color': 'value',
  '--max-chars': 'value',
  '--exit-code': 'switch',
  '--no-render-reuse': 'switch',
  '--cluster': 'value',
  '--deploy-in-cluster': 'switch',
  '--no-pass-through': 'switch',
  '--vendor-dir': 'value',
  '--inventory': 'value',
  '--config': 'value',
  '--no-config': 'switch',
  '--disable': 'value',
  '--startup-render-mode': 'value',
  '--kube-schema': 'value',
  '--doca-version': 'value',
  '--kubeconfig': 'value',
  '--pool-namespace': 'value',
  '--kube-version': 'value',
  '--log-level': 'value',
  '--log-format': 'value',
  '--messages': 'value',
  '--chart-path': 'value',
};

/** Where revisions are extracted: set by the command table to a directory it removes after the run, stopped or not. */
export const DIFF_TMPDIR_ENV = 'DPU_GITOPS_DIFF_TMPDIR';
/** Set by the command table: whether the real stdout is a terminal (the run itself is in a worker). */
export const DIFF_STDOUT_TTY_ENV = 'DPU_GITOPS_DIFF_STDOUT_TTY';

export interface DiffContext {
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  /** Whether stdout is a terminal (colour in auto mode). */
  isTTY?: boolean;
}

export async function run(argv: string[], io: CliIO, ctx: DiffContext = {}): Promise<number> {
  const env = ctx.env ?? process.env;
  const cwd = ctx.cwd ?? process.cwd();
  const trees: Tree[] = [];
  try {
    const cmp = readCmpEnv(env);
    const settings: Partial<PluginSettings> = {};
    const paths: { vendorDir?: string; inventory?: string; chartPaths: Record<string, string> } = { chartPaths: {} };
    let configFile: string | undefined;
    let noConfig = false;
    const disable: string[] = [];
    let appArg: string | undefined;
    let baseRev: string | undefined;
    let headRev: string | undefined;
    let baseDir: string | undefined;
    let headDir: string | undefined;
    let repoRootArg: string | undefined;
    let format = 'terminal';
    let color = 'auto';
    let maxChars = DEFAULT_MARKDOWN_MAX_CHARS;
    let exitCode = false;
    let kubeVersion: string | undefined;
    let reuseRenders = true;
    let logLevel = env.DPU_GITOPS_LOG_LEVEL || 'warn';
    let logFormat: string | undefined;
    let messagesDir = env.DPU_GITOPS_MESSAGES_DIR || undefined;
    let dpuKubeconfig = env.DPU_GITOPS_DPU_KUBECONFIG || undefined;
    const poolNamespaces: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const kind = Object.hasOwn(DIFF_FLAGS, a) ? DIFF_FLAGS[a] : undefined;
      if (kind === undefined) {
        if (a.startsWith('-')) throw new UsageError(`unknown flag ${JSON.stringify(a)}`);
        if (appArg !== undefined) throw new UsageError(`unexpected argument ${JSON.stringify(a)} (APP_DIR is ${JSON.stringify(appArg)})`);
        appArg = a;
        continue;
      }
      const v = kind === 'value' ? argv[++i] : '';
      if (v === undefined) throw new UsageError(`flag ${a} needs a value`);
      switch (a) {
        case '--help':
        case '-h':
          io.stdout(DIFF_USAGE);
          return 0;
        case '--base': baseRev = v; break;
        case '--head': headRev = v; break;
        case '--base-dir': baseDir = resolve(cwd, v); break;
        case '--head-dir': headDir = resolve(cwd, v); break;
        case '--repo-root': repoRootArg = v; break;
        case '--format': format = v; break;
        case '--color': color = v; break;
        case '--max-chars': maxChars = Number(v); break;
        case '--exit-code': exitCode = true; break;
        case '--no-render-reuse': reuseRenders = false; break;
        case '--cluster': settings.cluster = v; break;
        case '--deploy-in-cluster': settings.deployInCluster = true; break;
        case '--no-pass-through': settings.passThrough = false; break;
        case '--vendor-dir': paths.vendorDir = resolve(cwd, v); break;
        case '--inventory': paths.inventory = resolve(cwd, v); break;
        case '--config': configFile = resolve(cwd, v); break;
        case '--no-config': noConfig = true; break;
        case '--disable': disable.push(v); break;
        case '--startup-render-mode':
          if (v !== 'strict' && v !== 'dpf') throw new UsageError(`--startup-render-mode must be strict or dpf, not ${JSON.stringify(v)}`);
          settings.startupRenderMode = v;
          break;
        case '--kube-schema':
          if (v !== 'warn' && v !== 'error' && v !== 'off') throw new UsageError(`--kube-schema must be warn, error or off, not ${JSON.stringify(v)}`);
          settings.kubeSchema = v;
          break;
        case '--doca-version': settings.docaVersion = v.trim(); break;
        case '--kubeconfig': dpuKubeconfig = resolve(cwd, v); break;
        case '--pool-namespace': poolNamespaces.push(v); break;
        case '--kube-version': kubeVersion = v; break;
        case '--log-level': logLevel = v; break;
        case '--log-format': logFormat = v; logFormatOf(v, env); break; // a bad value is a usage error now, not after checkout
        case '--messages': messagesDir = resolve(cwd, v); break;
        case '--chart-path': {
          const eq = v.lastIndexOf('=');
          if (eq <= 0) throw new UsageError(`--chart-path needs REF=PATH, got ${JSON.stringify(v)}`);
          paths.chartPaths[v.slice(0, eq)] = resolve(cwd, v.slice(eq + 1));
          break;
        }
        default:
          throw new Error(`diff: flag ${a} is in DIFF_FLAGS but has no handler`);
      }
    }
    if (!['terminal', 'markdown', 'json'].includes(format)) throw new UsageError(`--format must be terminal, markdown or json, not ${JSON.stringify(format)}`);
    if (!['auto', 'always', 'never'].includes(color)) throw new UsageError(`--color must be auto, always or never, not ${JSON.stringify(color)}`);
    if (!Number.isInteger(maxChars) || maxChars < 1000) throw new UsageError('--max-chars must be an integer of at least 1000');
    const dirMode = baseDir !== undefined || headDir !== undefined;
    if (dirMode && (baseRev !== undefined || headRev !== undefined)) throw new UsageError('give --base/--head revisions or --base-dir/--head-dir directories, not both');
    if (dirMode && (baseDir === undefined || headDir === undefined)) throw new UsageError('--base-dir and --head-dir go together');
    if (!dirMode && baseRev === undefined) throw new UsageError('--base REV (or --base-dir and --head-dir) is required');
    for (const [flag, dir] of [['--base-dir', baseDir], ['--head-dir', headDir]] as const) {
      if (dir === undefined) continue;
      const st = statSync(dir, { throwIfNoEntry: false });
      if (!st?.isDirectory()) throw new InputError(`${flag} ${displayPath(cwd, dir)} ${st ? 'is not a directory' : 'does not exist'}`);
    }

    let appPath: string;
    let repoRootPath: string;
    /** The app dir as the command line sees it: path flags (relative to the cwd) are taken relative to it, in each tree. */
    let viewAppDir: string;
    if (dirMode) {
      trees.push(directoryTree(baseDir!), directoryTree(headDir!));
      appPath = inside(appArg ?? '.', 'APP_DIR');
      repoRootPath = inside(repoRootArg ?? '.', '--repo-root');
      viewAppDir = resolve(headDir!, appPath);
    } else {
      const appAt = resolve(cwd, appArg ?? '.');
      if (!statSync(appAt, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`app directory ${displayPath(cwd, appAt) || '.'} does not exist (give APP_DIR)`);
      const top = gitTopLevel(appAt);
      appPath = inside(relative(top, resolve(cwd, appArg ?? '.')), 'APP_DIR');
      repoRootPath = inside(relative(top, resolve(cwd, repoRootArg ?? top)), '--repo-root');
      viewAppDir = resolve(top, appPath);
      const parent = env[DIFF_TMPDIR_ENV] || undefined;
      trees.push(treeFromRevision(top, baseRev!, parent));
      trees.push(headRev === undefined ? workingTree(top) : treeFromRevision(top, headRev, parent));
    }
    const rel = (p: string): string => appRelative(viewAppDir, p);
    const configRel = configFile !== undefined ? rel(configFile) : undefined;
    const remote = remoteFetcher(env);
    // each side reads its own repository config (dpu-gitops.yaml), then the parameters, then the flags, as generate does
    const setup = (appDir: string, repoRoot: string): SideSetup => {
      const config = repoConfigFor({ appDir, repoRoot, cwd, none: noConfig, ...(configRel !== undefined ? { file: resolve(appDir, configRel) } : {}) });
      const s = resolveParameters(cmp.parameters, settingsFromConfig(config, appDir));
      Object.assign(s, settings);
      if (paths.vendorDir !== undefined) s.vendorDir = rel(paths.vendorDir);
      if (paths.inventory !== undefined) s.inventory = rel(paths.inventory);
      s.chartPaths = { ...s.chartPaths };
      for (const [ref, p] of Object.entries(paths.chartPaths)) s.chartPaths[ref] = rel(p);
      const sideEnv: CmpEnv = { ...cmp, kubeVersion: kubeVersion ?? (cmp.kubeVersion || config?.kubeVersion || ''), apiVersions: cmp.apiVersions.length === 0 && config?.apiVersions ? [...config.apiVersions] : cmp.apiVersions };
      return { env: sideEnv, settings: s, fetchRemote: narrowedFetcher(remote, config), rules: ruleControl(config?.rules, disable) };
    };
    // bad flags and a bad config are reported before anything renders
    ruleControl(undefined, disable);
    const messages = MessageCatalog.load(messagesDir ? { overrideDir: messagesDir } : {});
    const log = createReporter({ command: 'diff', format: logFormatOf(logFormat, env), level: logLevel, write: (s: string) => io.stderr(s) }).log;
    const pools = poolNamespaces.length ? poolNamespaces : (env.DPU_GITOPS_POOL_NAMESPACES ?? '').split(',').map((n) => n.trim()).filter(Boolean);
    const report = await runDiff({
      base: trees[0]!,
      head: trees[1]!,
      appPath,
      repoRootPath,
      setup,
      log,
      messages,
      ...(dpuKubeconfig ? { dpuKubeconfig } : {}),
      ...(pools.length ? { poolNamespaces: pools } : {}),
      reuseRenders,
    });
    const useColor = color === 'always' || (color === 'auto' && (ctx.isTTY ?? env[DIFF_STDOUT_TTY_ENV] === '1') && !env.NO_COLOR);
    io.stdout(format === 'json' ? formatJson(report) : format === 'markdown' ? formatMarkdown(report, { maxChars }) : formatTerminal(report, { color: useColor }));
    if (!report.base.rendered || !report.head.rendered) return 2;
    return exitCode && report.changed ? 1 : 0;
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (err instanceof UsageError || err instanceof UnknownRuleError || err instanceof LogFormatError) io.stderr(`\n${DIFF_USAGE}`);
    return 2;
  } finally {
    for (const t of trees) t.dispose();
  }
}

/** A path that must stay inside the tree, as a relative path ('' for the root). */
function inside(path: string, what: string): string {
  const rel = relative('.', path) || '';
  if (isAbsolute(path) || rel === '..' || rel.startsWith('../')) throw new UsageError(`${what} ${path} is outside the tree`);
  return rel;
}
