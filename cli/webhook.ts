/**
 * `dpu-gitops webhook`: the validating admission webhook over HTTPS. Runs until SIGTERM or
 * SIGINT, then stops taking reviews, finishes the ones in flight and exits 0.
 */
import { parseArgs } from 'node:util';
import { CachingChartResolver, type ChartResolver } from '../contract/chart-resolver.js';
import { MessageCatalog, RULE_IDS, type RuleId } from '../contract/index.js';
import { LocalChartResolver } from '../contract/local-charts.js';
import { createLogger } from '../webhook/logger.js';
import { DEFAULT_BODY_LIMIT_BYTES, startWebhookServer } from '../webhook/server.js';

const USAGE = `Usage: dpu-gitops webhook --cert FILE --key FILE [flags]

Serves the DPF contract rules as a validating admission webhook (POST /validate, HTTPS only)
for Pods, DaemonSets, Deployments and DPUServices; GET /healthz, /readyz, /metrics.

Flags:
      --cert FILE                   TLS certificate (PEM); reloaded when it changes
      --key FILE                    TLS private key (PEM); reloaded when it changes
      --port N                      listen port (default 8443)
      --host ADDR                   listen address (default 0.0.0.0)
      --body-limit BYTES            largest accepted request body (default ${DEFAULT_BODY_LIMIT_BYTES})
      --chart-dir DIR               charts DPUServices may name (repeatable; vendored/cached charts)
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
export async function run(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        cert: { type: 'string' },
        key: { type: 'string' },
        port: { type: 'string', default: '8443' },
        host: { type: 'string', default: '0.0.0.0' },
        'body-limit': { type: 'string', default: String(DEFAULT_BODY_LIMIT_BYTES) },
        'chart-dir': { type: 'string', multiple: true, default: [] },
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
    }).values;
  } catch (err) {
    io.stderr(`Error: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  let options;
  try {
    if (!values.cert || !values.key) throw new Error('--cert and --key are required (the webhook serves HTTPS only)');
    const mode = values['on-chart-unavailable'];
    if (mode !== 'deny' && mode !== 'allow') throw new Error(`--on-chart-unavailable must be deny or allow, not "${mode}"`);
    const unknown = values.disable.filter((r) => !(RULE_IDS as readonly string[]).includes(r));
    if (unknown.length > 0) throw new Error(`unknown rule ${unknown.map((r) => `"${r}"`).join(', ')}`);
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
  const resolver: ChartResolver | undefined =
    values['chart-dir'].length > 0
      ? new CachingChartResolver(new LocalChartResolver(values['chart-dir']), { ttlMs: options.cacheTtl * 1000, maxEntries: 256 })
      : undefined;
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
