/**
 * `dpu-gitops webhook`: the validating admission webhook over HTTPS. Runs until SIGTERM or
 * SIGINT, then stops taking reviews, finishes the ones in flight and exits 0.
 */
import { resolve as resolvePath } from 'node:path';
import { displayPath, loadConfigFile } from '../config/index.js';
import { ruleControl, type RuleControl } from '../config/rules.js';
import { webhookLayer, type WebhookConfigLayer } from '../config/webhook-settings.js';
import { MessageCatalog } from '../contract/index.js';
import { DEFAULT_WORKER_MEMORY_MB } from '../isolation/limits.js';
import { allowedReposFromEnv, RepoAllowlist } from '../plugin/chart-source/allowlist.js';
import { DEFAULT_QUEUE, DEFAULT_REVIEW_TIMEOUT_MS, defaultWorkers, PooledChartChecker } from '../webhook/chart-checker.js';
import { chartResolver as buildChartResolver, type ChartSourcesConfig } from '../webhook/chart-sources.js';
import { createLogger } from '../webhook/logger.js';
import { connectClusterReader, DEFAULT_READ_TIMEOUT_MS, inClusterConfigExists, type ClusterReader } from '../webhook/cluster-reader.js';
import { WebhookMetrics } from '../webhook/metrics.js';
import { DEFAULT_BODY_LIMIT_BYTES, startWebhookServer } from '../webhook/server.js';
import { parseCommandArgs } from './args.js';

const USAGE = `Usage: dpu-gitops webhook --cert FILE --key FILE [flags]

Serves the DPF contract rules as a validating admission webhook (POST /validate, HTTPS only)
for Pods, DaemonSets, Deployments and DPUServices; GET /healthz, /readyz, /metrics.

DPUService charts come through the CMP's chart sources, in this order: --chart-path mappings,
vendored <chart>-<version>.tgz in --vendor-dir, charts under --chart-dir, then the https Helm
repository or OCI registry the DPUService names (credentials, CA and cache from the same
DPU_GITOPS_CREDENTIALS, DPU_GITOPS_CA_FILE, DPU_GITOPS_CACHE_DIR and DPU_GITOPS_OCI_PLAIN_HTTP
environment as the CMP sidecar). A chart not had within --chart-timeout is unavailable.

Settings: built-in defaults < the --config file < the environment (DPU_GITOPS_ALLOWED_REPOS) <
these flags (docs/config.md).

The annotation dpu-gitops.nvidia.com/disable: RULE[,RULE] on a reviewed object settles its
warnings of those rules (on a DPUService, also those of the objects its chart renders). It
never waives an error: the object's author writes the annotation, and the webhook guards the
cluster against that author; an annotated error is denied with a note saying so. Errors are
the config's to change (rules.disable, rules.severity) or --disable's.

Exit status: 0 after a clean shutdown (SIGTERM, SIGINT); 1 the server cannot start (a
certificate, the listen address); 2 a usage error (a bad flag or --config file).

Flags:
      --config FILE                 a repository config (dpu-gitops.yaml; the install manifests
                                    mount it from a ConfigMap): cluster, chart-paths and
                                    vendor-dir (under --chart-root), allowed-repositories,
                                    rules.disable, rules.severity (a rule raised to error
                                    denies, one lowered to warning admits with a warning)
      --cert FILE                   TLS certificate (PEM); reloaded when it changes
      --key FILE                    TLS private key (PEM); reloaded when it changes
      --port N                      listen port (default 8443)
      --host ADDR                   listen address (default 0.0.0.0)
      --body-limit BYTES            largest accepted request body (default ${DEFAULT_BODY_LIMIT_BYTES})
      --chart-path REF=PATH         map <repoURL>/<chart> to a chart dir or .tgz under --chart-root (repeatable)
      --vendor-dir DIR              vendored <chart>-<version>.tgz files under --chart-root
      --chart-root DIR              folder --chart-path and --vendor-dir are relative to (default: cwd)
      --chart-dir DIR               charts found by name and version under DIR (repeatable)
      --allow-repo PATTERN          a repository that may be fetched, as ArgoCD AppProject
                                    sourceRepos patterns: https://charts.example.com/*,
                                    oci://nvcr.io/nvidia/**, !https://charts.example.com/internal
                                    (repeatable; default: $DPU_GITOPS_ALLOWED_REPOS, comma-
                                    separated, else none)
      --no-fetch                    never fetch charts from https/OCI repositories (air-gapped)
      --chart-timeout MS            give up fetching a chart after MS (default 5000)
      --on-chart-unavailable MODE   deny (default) or allow (with a warning)
      --chart-cache-ttl SECONDS     keep fetched charts this long (default 600)
      --workers N                   chart workers: DPUService charts are fetched and rendered in
                                    worker threads, never in the thread that answers Pod reviews
                                    and /healthz (default: CPUs, 2 to 4; now ${defaultWorkers()})
      --queue N                     DPUService reviews that may wait for a worker; more are
                                    answered at once as unavailable (default ${DEFAULT_QUEUE})
      --review-timeout MS           whole DPUService review limit, queue wait included; a chart
                                    check still running then is stopped and denied (default
                                    ${DEFAULT_REVIEW_TIMEOUT_MS}, under the API server's 10 s)
      --worker-memory-mb MB         heap limit of one chart worker (default ${DEFAULT_WORKER_MEMORY_MB})
      --cluster NAME                cluster in DPF's default release name (default: the config's
                                    cluster, else in-cluster)
      --cross-object-checks on|off  read the templates, configurations and BFB a DPUDeployment
                                    names from the API server and check references and DOCA
                                    versions (default: on when --kubeconfig is given or the
                                    webhook runs in a Pod; an unreadable API only warns)
      --kubeconfig FILE             API server for the cross-object checks (default: in-cluster)
      --api-read-timeout MS         limit of one API read (default ${DEFAULT_READ_TIMEOUT_MS})
      --messages DIR                message templates overriding templates/
      --disable RULE                skip a rule (repeatable; adds to the config's rules.disable)
      --cert-reload-interval MS     how often to look for a new certificate (default 10000)
      --shutdown-grace MS           how long in-flight reviews may take at shutdown (default 10000)
      --log-level LEVEL             pino level (default info)
  -h, --help                        this help
`;

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, not "${value}"`);
  return n;
}

/** The CLI entry for `webhook`. Resolves with the exit code after shutdown. */
export async function run(
  argv: string[],
  io: { stdout(s: string): void; stderr(s: string): void },
  ctx: { env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<number> {
  const env = ctx.env ?? process.env;
  const parsed = parseCommandArgs(
    argv,
    {
      cert: { type: 'string' },
      key: { type: 'string' },
      port: { type: 'string', default: '8443' },
      host: { type: 'string', default: '0.0.0.0' },
      'body-limit': { type: 'string', default: String(DEFAULT_BODY_LIMIT_BYTES) },
      'chart-dir': { type: 'string', multiple: true, default: [] },
      'chart-path': { type: 'string', multiple: true, default: [] },
      'vendor-dir': { type: 'string' },
      config: { type: 'string' },
      'chart-root': { type: 'string' },
      'no-fetch': { type: 'boolean', default: false },
      'allow-repo': { type: 'string', multiple: true, default: [] },
      'chart-timeout': { type: 'string', default: '5000' },
      'on-chart-unavailable': { type: 'string', default: 'deny' },
      'chart-cache-ttl': { type: 'string', default: '600' },
      workers: { type: 'string', default: String(defaultWorkers()) },
      queue: { type: 'string', default: String(DEFAULT_QUEUE) },
      'review-timeout': { type: 'string', default: String(DEFAULT_REVIEW_TIMEOUT_MS) },
      'worker-memory-mb': { type: 'string', default: String(DEFAULT_WORKER_MEMORY_MB) },
      cluster: { type: 'string' },
      messages: { type: 'string' },
      'cross-object-checks': { type: 'string' },
      kubeconfig: { type: 'string' },
      'api-read-timeout': { type: 'string', default: String(DEFAULT_READ_TIMEOUT_MS) },
      disable: { type: 'string', multiple: true, default: [] },
      'cert-reload-interval': { type: 'string', default: '10000' },
      'shutdown-grace': { type: 'string', default: '10000' },
      'log-level': { type: 'string', default: 'info' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
    io, { allowPositionals: false },
  );
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values;
  let options;
  let crossObject: { kubeconfigPath: string | undefined; readTimeoutMs: number; required: boolean } | undefined;
  let layer: WebhookConfigLayer = { chartPaths: {}, disable: [], severity: {} };
  const chartRoot = resolvePath(values['chart-root'] ?? process.cwd());
  try {
    if (!values.cert || !values.key) throw new Error('--cert and --key are required (the webhook serves HTTPS only)');
    if (values.config !== undefined) layer = webhookLayer(loadConfigFile(values.config, displayPath(process.cwd(), resolvePath(values.config))), chartRoot);
    const mode = values['on-chart-unavailable'];
    if (mode !== 'deny' && mode !== 'allow') throw new Error(`--on-chart-unavailable must be deny or allow, not "${mode}"`);
    const rules: RuleControl = ruleControl({ disable: layer.disable, severity: layer.severity }, values.disable);
    const chartPaths: Record<string, string> = { ...layer.chartPaths };
    for (const v of values['chart-path']) {
      const eq = v.lastIndexOf('=');
      if (eq <= 0) throw new Error(`--chart-path needs REF=PATH, not "${v}"`);
      chartPaths[v.slice(0, eq)] = v.slice(eq + 1);
    }
    options = {
      cert: values.cert,
      key: values.key,
      port: positiveInt('port', values.port),
      bodyLimit: positiveInt('body-limit', values['body-limit']),
      chartTimeout: positiveInt('chart-timeout', values['chart-timeout']),
      cacheTtl: positiveInt('chart-cache-ttl', values['chart-cache-ttl']),
      reload: positiveInt('cert-reload-interval', values['cert-reload-interval']),
      grace: positiveInt('shutdown-grace', values['shutdown-grace']),
      mode: mode as 'deny' | 'allow',
      chartPaths,
      workers: positiveInt('workers', values.workers),
      queue: positiveInt('queue', values.queue),
      reviewTimeout: positiveInt('review-timeout', values['review-timeout']),
      workerMemoryMb: positiveInt('worker-memory-mb', values['worker-memory-mb']),
      allowedRepos: values['allow-repo'].length > 0 ? values['allow-repo'] : (allowedReposFromEnv(env) ?? [...(layer.allowedRepos ?? [])]),
      cluster: values.cluster ?? layer.cluster ?? 'in-cluster',
      rules,
    };
    if (options.workers < 1) throw new Error('--workers must be at least 1');
    const cross = values['cross-object-checks'];
    if (cross !== undefined && cross !== 'on' && cross !== 'off') throw new Error(`--cross-object-checks must be on or off, not "${cross}"`);
    const connectable = values.kubeconfig !== undefined || inClusterConfigExists(env);
    if (cross === 'on' && !connectable) throw new Error('--cross-object-checks on needs --kubeconfig or an in-cluster service account (KUBERNETES_SERVICE_HOST)');
    crossObject = cross === 'off' || !connectable ? undefined : { kubeconfigPath: values.kubeconfig, readTimeoutMs: positiveInt('api-read-timeout', values['api-read-timeout']), required: cross === 'on' || values.kubeconfig !== undefined };
    // A bad pattern stops the start, not the first review.
    new RepoAllowlist(options.allowedRepos);
    if (options.workerMemoryMb < 64) throw new Error('--worker-memory-mb must be at least 64');
    if (options.chartTimeout >= options.reviewTimeout) {
      throw new Error(`--chart-timeout (${options.chartTimeout} ms) must be below --review-timeout (${options.reviewTimeout} ms): the review also renders`);
    }
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const logger = createLogger({ level: values['log-level'] });
  let catalog: MessageCatalog;
  try {
    catalog = MessageCatalog.load(values.messages ? { overrideDir: values.messages } : {});
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  let clusterReader: ClusterReader | undefined;
  if (crossObject) {
    try {
      const reader = await connectClusterReader({ ...(crossObject.kubeconfigPath !== undefined ? { kubeconfigPath: crossObject.kubeconfigPath } : {}), readTimeoutMs: crossObject.readTimeoutMs });
      logger.info({ server: reader.server }, 'cross-object checks of DPUDeployments read this API server');
      clusterReader = reader;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      // Asked for (a --kubeconfig, or on): a bad connection stops the start. Only inferred from
      // running in a Pod (e.g. without a mounted token): run without them and say so.
      if (crossObject.required) {
        io.stderr(`error: cross-object checks: ${why}\n`);
        return 2;
      }
      logger.warn({ error: why }, 'DPUDeployment cross-object checks are off: no usable in-cluster config');
    }
  }
  const sources: ChartSourcesConfig = {
    chartDirs: values['chart-dir'],
    chartPaths: options.chartPaths,
    vendorDir: values['vendor-dir'] ?? layer.vendorDir ?? '',
    chartRoot,
    fetch: !values['no-fetch'],
    allowedRepos: options.allowedRepos,
    env: { ...env },
    timeoutMs: options.chartTimeout,
    cacheTtlMs: options.cacheTtl * 1000,
  };
  // Build the chart sources once here: a bad credentials file, CA or cache setting stops the
  // start with its cause instead of killing every chart worker as it starts.
  try {
    buildChartResolver(sources);
  } catch (err) {
    io.stderr(`error: chart sources: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const metrics = new WebhookMetrics();
  const charts = new PooledChartChecker(
    { sources, chartTimeoutMs: options.chartTimeout, onChartUnavailable: options.mode, cluster: options.cluster },
    { workers: options.workers, queue: options.queue, reviewTimeoutMs: options.reviewTimeout, memoryMb: options.workerMemoryMb },
    {
      onLog: (line) => logger.warn(safeJson(line), 'chart unavailable'),
      onStopped: (kind, message) => {
        metrics.chartChecksStopped.inc({ reason: kind });
        logger.warn({ reason: kind, error: message }, 'chart check stopped');
      },
    },
  );
  metrics.poolStats = () => charts.stats();
  let running;
  try {
    running = await startWebhookServer({
      certFile: options.cert,
      keyFile: options.key,
      host: values.host,
      port: options.port,
      bodyLimitBytes: options.bodyLimit,
      certReloadIntervalMs: options.reload,
      logger,
      metrics,
      validator: {
        catalog,
        charts,
        chartTimeoutMs: options.chartTimeout,
        onChartUnavailable: options.mode,
        cluster: options.cluster,
        rules: options.rules,
        ...(clusterReader ? { clusterReader } : {}),
        onCrossObjectFailure: (failure) => logger.warn({ reason: failure.reason, error: failure.message }, 'DPUDeployment cross-object checks could not run'),
      },
    });
  } catch (err) {
    await charts.close();
    io.stderr(`error: cannot start the webhook: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const server = running;
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      logger.info({ signal }, 'shutting down');
      server
        .close(options.grace)
        .then(() => charts.close())
        .then(resolve, resolve);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
  });
  return 0;
}

export { chartResolver } from '../webhook/chart-sources.js';

/** A worker's JSON log line as pino fields (a line that is not JSON is kept as text). */
function safeJson(line: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : { line };
  } catch {
    return { line };
  }
}
