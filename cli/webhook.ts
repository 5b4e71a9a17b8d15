/**
 * `dpu-gitops webhook`: the validating admission webhook over HTTPS. Runs until SIGTERM or
 * SIGINT, then stops taking reviews, finishes the ones in flight and exits 0.
 */
import { resolve as resolvePath } from 'node:path';
import { CachingChartResolver, type ChartResolver } from '../contract/chart-resolver.js';
import { MessageCatalog, RULE_IDS, type RuleId } from '../contract/index.js';
import { LocalChartResolver } from '../contract/local-charts.js';
import { remoteFetcher } from '../plugin/chart-source/remote.js';
import { CmpChartResolver } from '../plugin/chart-source/resolver.js';
import { createLogger } from '../webhook/logger.js';
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

Flags:
      --cert FILE                   TLS certificate (PEM); reloaded when it changes
      --key FILE                    TLS private key (PEM); reloaded when it changes
      --port N                      listen port (default 8443)
      --host ADDR                   listen address (default 0.0.0.0)
      --body-limit BYTES            largest accepted request body (default ${DEFAULT_BODY_LIMIT_BYTES})
      --chart-path REF=PATH         map <repoURL>/<chart> to a chart dir or .tgz under --chart-root (repeatable)
      --vendor-dir DIR              vendored <chart>-<version>.tgz files under --chart-root
      --chart-root DIR              folder --chart-path and --vendor-dir are relative to (default: cwd)
      --chart-dir DIR               charts found by name and version under DIR (repeatable)
      --no-fetch                    never fetch charts from https/OCI repositories (air-gapped)
      --chart-timeout MS            give up fetching a chart after MS (default 5000)
      --on-chart-unavailable MODE   deny (default) or allow (with a warning)
      --chart-cache-ttl SECONDS     keep fetched charts this long (default 600)
      --cluster NAME                cluster in DPF's default release name (default in-cluster)
      --messages DIR                message templates overriding templates/
      --disable RULE                skip a rule (repeatable)
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
      'vendor-dir': { type: 'string', default: '' },
      'chart-root': { type: 'string' },
      'no-fetch': { type: 'boolean', default: false },
      'chart-timeout': { type: 'string', default: '5000' },
      'on-chart-unavailable': { type: 'string', default: 'deny' },
      'chart-cache-ttl': { type: 'string', default: '600' },
      cluster: { type: 'string', default: 'in-cluster' },
      messages: { type: 'string' },
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
  try {
    if (!values.cert || !values.key) throw new Error('--cert and --key are required (the webhook serves HTTPS only)');
    const mode = values['on-chart-unavailable'];
    if (mode !== 'deny' && mode !== 'allow') throw new Error(`--on-chart-unavailable must be deny or allow, not "${mode}"`);
    const unknown = values.disable.filter((r) => !(RULE_IDS as readonly string[]).includes(r));
    if (unknown.length > 0) throw new Error(`unknown rule ${unknown.map((r) => `"${r}"`).join(', ')}`);
    const chartPaths: Record<string, string> = {};
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
    };
  } catch (err) {
    io.stderr(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const logger = createLogger({ level: values['log-level'] });
  let catalog: MessageCatalog;
  try {
    catalog = MessageCatalog.load(values.messages ? { overrideDir: values.messages } : {});
  } catch (err) {
    io.stderr(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const { renderWithHelm } = await import('../contract/render-helm.js');
  let resolver: ChartResolver | undefined;
  try {
    resolver = chartResolver({
      chartDirs: values['chart-dir'],
      chartPaths: options.chartPaths,
      vendorDir: values['vendor-dir'],
      chartRoot: resolvePath(values['chart-root'] ?? process.cwd()),
      fetch: !values['no-fetch'],
      env,
      timeoutMs: options.chartTimeout,
      cacheTtlMs: options.cacheTtl * 1000,
    });
  } catch (err) {
    io.stderr(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
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
      validator: {
        catalog,
        render: renderWithHelm,
        chartTimeoutMs: options.chartTimeout,
        onChartUnavailable: options.mode,
        cluster: values.cluster,
        disabled: new Set(values.disable as RuleId[]),
        ...(resolver ? { resolver } : {}),
      },
    });
  } catch (err) {
    io.stderr(`Error: cannot start the webhook: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const server = running;
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      logger.info({ signal }, 'shutting down');
      server.close(options.grace).then(resolve, resolve);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
  });
  return 0;
}

/**
 * The webhook's chart sources: the CMP's (chart-paths, vendor dir, https, OCI, on-disk cache)
 * plus --chart-dir folders, behind an in-memory cache of loaded charts. Undefined when there is
 * no source at all (every DPUService chart is then unavailable).
 */
export function chartResolver(o: {
  chartDirs: readonly string[];
  chartPaths: Record<string, string>;
  vendorDir: string;
  chartRoot: string;
  fetch: boolean;
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs: number;
  cacheTtlMs: number;
}): ChartResolver | undefined {
  const hasLocal = Object.keys(o.chartPaths).length > 0 || o.vendorDir !== '';
  if (!hasLocal && o.chartDirs.length === 0 && !o.fetch) return undefined;
  const inner = new CmpChartResolver({
    ...(hasLocal ? { local: { appDir: o.chartRoot, repoRoot: o.chartRoot, chartPaths: o.chartPaths, vendorDir: o.vendorDir } } : {}),
    ...(o.chartDirs.length > 0 ? { chartDirs: new LocalChartResolver(o.chartDirs) } : {}),
    // The fetch deadline is the chart deadline: a slow repository never holds a review longer.
    ...(o.fetch ? { fetchRemote: remoteFetcher(o.env, { timeoutMs: o.timeoutMs }) } : {}),
  });
  return new CachingChartResolver(inner, { ttlMs: o.cacheTtlMs, maxEntries: 256 });
}
