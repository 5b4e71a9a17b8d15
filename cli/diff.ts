/**
 * `dpu-gitops diff`: what a change does, before it merges. Renders two trees of a repository
 * (git revisions, the working tree, or two directories) through generate in this process with the
 * same settings, and reports per DPUService the objects added, removed and changed, per DPU the
 * values and startup configs that change (grouped by identical change), the rollout it causes
 * and the contract findings it adds or fixes. docs/diff.md has the formats and the JSON schema.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { OptionsConfig } from './args.js';
import { applyFlags, parseOrUsage, RENDER_FLAGS, renderFlagsFrom, UsageError, withKubeFacts } from './render-flags.js';
import { createReporter, logFormatOf, LogFormatError } from './report/index.js';
import { MessageCatalog } from '../contract/messages.js';
import { remoteFetcher } from '../plugin/chart-source/remote.js';
import { appRelative, displayPath, repoConfigFor, settingsFromConfig } from '../config/index.js';
import { ruleControl, UnknownRuleError } from '../config/rules.js';
import { readCmpEnv } from '../plugin/cmp-env.js';
import { formatJson } from '../plugin/diff/format-json.js';
import { DEFAULT_MARKDOWN_MAX_CHARS, formatMarkdown } from '../plugin/diff/format-markdown.js';
import { formatTerminal } from '../plugin/diff/format-terminal.js';
import { runDiff, type SideSetup } from '../plugin/diff/run-diff.js';
import { directoryTree, gitTopLevel, treeFromRevision, workingTree, type Tree } from '../plugin/diff/trees.js';
import { resolveParameters } from '../plugin/parameters.js';
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

/** A named input that is missing: reported without the usage text. */
class InputError extends Error {}

/** Every flag diff takes: the rendering flags generate has too, the trees and the output. The help documents each one (test/cli/help-behaviour.test.ts). */
export const DIFF_OPTIONS = {
  ...RENDER_FLAGS,
  base: { type: 'string' },
  head: { type: 'string' },
  'base-dir': { type: 'string' },
  'head-dir': { type: 'string' },
  format: { type: 'string' },
  color: { type: 'string' },
  'max-chars': { type: 'string' },
  'exit-code': { type: 'boolean' },
  'no-render-reuse': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

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
    const parsed = parseOrUsage(argv, DIFF_OPTIONS);
    const v = parsed.values;
    if (v.help) {
      io.stdout(DIFF_USAGE);
      return 0;
    }
    if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[1])} (APP_DIR is ${JSON.stringify(parsed.positionals[0])})`);
    const appArg = parsed.positionals[0];
    const flags = renderFlagsFrom(v, cwd);
    // a bad value is a usage error now, not after checkout
    const logFormat = logFormatOf(flags.logFormat, env);
    const baseRev = v.base;
    const headRev = v.head;
    const baseDir = v['base-dir'] !== undefined ? resolve(cwd, v['base-dir']) : undefined;
    const headDir = v['head-dir'] !== undefined ? resolve(cwd, v['head-dir']) : undefined;
    const repoRootArg = flags.repoRoot;
    const format = v.format ?? 'terminal';
    const color = v.color ?? 'auto';
    const maxChars = v['max-chars'] !== undefined ? Number(v['max-chars']) : DEFAULT_MARKDOWN_MAX_CHARS;
    const exitCode = v['exit-code'] === true;
    const reuseRenders = v['no-render-reuse'] !== true;
    const logLevel = flags.logLevel ?? (env.DPU_GITOPS_LOG_LEVEL || 'warn');
    const messagesDir = flags.messagesDir ?? (env.DPU_GITOPS_MESSAGES_DIR || undefined);
    const dpuKubeconfig = flags.kubeconfig ?? (env.DPU_GITOPS_DPU_KUBECONFIG || undefined);
    const poolNamespaces = flags.poolNamespaces;
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
    const configRel = flags.configFile !== undefined ? appRelative(viewAppDir, flags.configFile) : undefined;
    const remote = remoteFetcher(env);
    // each side reads its own repository config (dpu-gitops.yaml), then the parameters, then the flags, as generate does
    const setup = (appDir: string, repoRoot: string): SideSetup => {
      const config = repoConfigFor({ appDir, repoRoot, cwd, none: flags.noConfig, ...(configRel !== undefined ? { file: resolve(appDir, configRel) } : {}) });
      // path flags are taken at the same place in each tree: relative to the command line's view of the app dir
      const settings = applyFlags(resolveParameters(cmp.parameters, settingsFromConfig(config, appDir)), flags, viewAppDir);
      return { env: withKubeFacts(cmp, flags, config), settings, fetchRemote: narrowedFetcher(remote, config), rules: ruleControl(config?.rules, flags.disable) };
    };
    // bad flags and a bad config are reported before anything renders
    ruleControl(undefined, flags.disable);
    const messages = MessageCatalog.load(messagesDir ? { overrideDir: messagesDir } : {});
    const log = createReporter({ command: 'diff', format: logFormat, level: logLevel, write: (s: string) => io.stderr(s) }).log;
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
