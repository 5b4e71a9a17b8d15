/**
 * `dpu-gitops generate`: the ArgoCD CMP `generate` command. Run in the app directory (ArgoCD's
 * cwd) it prints the YAML stream of every DPUService's rendered chart plus the other objects,
 * and exits 0; on any problem it prints nothing on stdout, lists every problem on stderr and
 * exits 1. Settings come from ARGOCD_APP_PARAMETERS (see plugin/parameters.ts), flags override
 * them for local runs. Logs are pino JSON lines on stderr.
 *
 * `run` works in the calling thread. `dpu-gitops generate` runs it in a worker with a heap limit
 * and the whole-run deadline (DPU_GITOPS_DEADLINE_SECONDS, default 50 s: ArgoCD kills the command
 * at 60 s), which stops the work itself: see cli/isolated-command.ts.
 */
import { resolve, sep } from 'node:path';
import pino from 'pino';
import { MessageCatalog } from '../contract/messages.js';
import { remoteFetcher } from '../plugin/chart-source/remote.js';
import { readCmpEnv, type CmpEnv } from '../plugin/cmp-env.js';
import { generate } from '../plugin/generate.js';
import { resolveParameters, type PluginSettings } from '../plugin/parameters.js';
import { formatProblem } from '../plugin/problems.js';

export const GENERATE_USAGE = `Usage: dpu-gitops generate [flags]

Renders the DPUServices of the app directory (default: the current directory, as ArgoCD runs it).

Flags (override the plugin parameters of ARGOCD_APP_PARAMETERS):
  --app-dir DIR            app directory (default: cwd)
  --repo-root DIR          repository root local chart paths must stay in
                           (default: app dir minus $ARGOCD_APP_SOURCE_PATH)
  --cluster NAME           DPUCluster name for <cluster>-<dpuservice> release names
  --deploy-in-cluster      render host-side (deployInCluster: true) services instead
  --no-pass-through        do not emit the other Kubernetes objects
  --chart-path REF=PATH    map <repoURL>/<chart> to a chart dir or .tgz (repeatable)
  --vendor-dir DIR         vendored <chart>-<version>.tgz files (default vendor/charts)
  --inventory PATH         DPU inventory file for per-DPU configuration (perDPUValuesYAML,
                           startupYAMLJ2), relative to the app dir like --chart-path
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
  --kube-version V         .Capabilities.KubeVersion (default: $KUBE_VERSION)
  --log-level LEVEL        pino level for stderr logs (default: $DPU_GITOPS_LOG_LEVEL or info)
  --messages DIR           message templates overriding the built-in ones, as lint and the
                           webhook take them (default: $DPU_GITOPS_MESSAGES_DIR)
`;

export interface RunContext {
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

class UsageError extends Error {}

export async function run(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }, ctx: RunContext = {}): Promise<number> {
  const env = ctx.env ?? process.env;
  const cwd = ctx.cwd ?? process.cwd();
  let cmp: CmpEnv;
  let settings: PluginSettings;
  let appDir = cwd;
  let repoRoot: string | undefined;
  let logLevel = env.DPU_GITOPS_LOG_LEVEL || 'info';
  let messagesDir = env.DPU_GITOPS_MESSAGES_DIR || undefined;
  let messages: MessageCatalog;
  let dpuKubeconfig = env.DPU_GITOPS_DPU_KUBECONFIG || undefined;
  const poolNamespaces: string[] = [];
  try {
    cmp = readCmpEnv(env);
    settings = resolveParameters(cmp.parameters);
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const value = (): string => {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`flag ${a} needs a value`);
        return v;
      };
      if (a === '--help' || a === '-h') {
        io.stdout(GENERATE_USAGE);
        return 0;
      } else if (a === '--app-dir') appDir = resolve(cwd, value());
      else if (a === '--repo-root') repoRoot = resolve(cwd, value());
      else if (a === '--cluster') settings.cluster = value();
      else if (a === '--deploy-in-cluster') settings.deployInCluster = true;
      else if (a === '--no-pass-through') settings.passThrough = false;
      else if (a === '--vendor-dir') settings.vendorDir = value();
      else if (a === '--inventory') settings.inventory = value();
      else if (a === '--startup-render-mode') {
        const mode = value();
        if (mode !== 'strict' && mode !== 'dpf') throw new UsageError(`--startup-render-mode must be strict or dpf, not ${JSON.stringify(mode)}`);
        settings.startupRenderMode = mode;
      } else if (a === '--doca-version') settings.docaVersion = value().trim();
      else if (a === '--kube-schema') {
        const mode = value();
        if (mode !== 'warn' && mode !== 'error' && mode !== 'off') throw new UsageError(`--kube-schema must be warn, error or off, not ${JSON.stringify(mode)}`);
        settings.kubeSchema = mode;
      }
      else if (a === '--kubeconfig') dpuKubeconfig = resolve(cwd, value());
      else if (a === '--pool-namespace') poolNamespaces.push(value());
      else if (a === '--kube-version') cmp.kubeVersion = value();
      else if (a === '--log-level') logLevel = value();
      else if (a === '--messages') messagesDir = resolve(cwd, value());
      else if (a === '--chart-path') {
        const v = value();
        const eq = v.lastIndexOf('=');
        if (eq <= 0) throw new UsageError(`--chart-path needs REF=PATH, got ${JSON.stringify(v)}`);
        settings.chartPaths[v.slice(0, eq)] = v.slice(eq + 1);
      } else throw new UsageError(`unknown flag ${JSON.stringify(a)}`);
    }
    messages = MessageCatalog.load(messagesDir ? { overrideDir: messagesDir } : {});
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (err instanceof UsageError) io.stderr(GENERATE_USAGE);
    return err instanceof UsageError ? 2 : 1;
  }
  const log = pino({ level: logLevel, base: { cmd: 'generate' } }, { write: (s: string) => io.stderr(s) });
  try {
    const result = await generate({
      appDir,
      repoRoot: repoRoot ?? repoRootOf(appDir, cmp.sourcePath),
      env: cmp,
      settings,
      fetchRemote: remoteFetcher(env),
      log,
      messages,
      ...(dpuKubeconfig ? { dpuKubeconfig } : {}),
      poolNamespaces: poolNamespaces.length ? poolNamespaces : (env.DPU_GITOPS_POOL_NAMESPACES ?? '').split(',').map((n) => n.trim()).filter(Boolean),
    });
    for (const w of result.warnings) io.stderr(`${formatProblem(w)}\n`);
    if (result.errors.length > 0) {
      for (const e of result.errors) io.stderr(`${formatProblem(e)}\n`);
      io.stderr(`error: ${result.errors.length} problem(s); no manifests printed\n`);
      return 1;
    }
    io.stdout(result.output);
    return 0;
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** The repository copy's root: the app dir minus ARGOCD_APP_SOURCE_PATH, else the app dir. */
export function repoRootOf(appDir: string, sourcePath: string): string {
  const rel = sourcePath.replace(/^\.?\/*/, '').replace(/\/+$/, '');
  if (rel === '' || rel === '.') return appDir;
  const suffix = rel.split('/').join(sep);
  return appDir.endsWith(sep + suffix) ? appDir.slice(0, appDir.length - suffix.length - 1) : appDir;
}
