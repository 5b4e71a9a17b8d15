/** Starts a real HTTPS webhook for tests and collects its pino log lines. */
import { Writable } from 'node:stream';
import { CachingChartResolver, type ChartResolver } from '../../contract/chart-resolver.js';
import { MessageCatalog } from '../../contract/index.js';
import { LocalChartResolver } from '../../contract/local-charts.js';
import { renderWithHelm } from '../../contract/render-helm.js';
import { createLogger } from '../../webhook/logger.js';
import { startWebhookServer, type RunningWebhook } from '../../webhook/server.js';
import type { ValidatorOptions } from '../../webhook/validate.js';
import { httpsRequest, makeCert, type TestCert } from './tls.js';

export const CHART_DIRS = ['examples/charts', 'test/contract/fixtures/lint-repo/charts'];

export interface Harness {
  webhook: RunningWebhook;
  cert: TestCert;
  logs: Record<string, unknown>[];
  post(body: unknown): Promise<{ status: number; json: any; text: string }>;
  get(path: string): Promise<{ status: number; text: string; contentType: string }>;
}

export async function startHarness(
  opts: { resolver?: ChartResolver | null; onChartUnavailable?: 'deny' | 'allow'; chartTimeoutMs?: number; bodyLimitBytes?: number; cert?: TestCert; validator?: Partial<ValidatorOptions> } = {},
): Promise<Harness> {
  const cert = opts.cert ?? makeCert();
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const resolver =
    opts.resolver === null ? undefined : (opts.resolver ?? new CachingChartResolver(new LocalChartResolver(CHART_DIRS), { ttlMs: 60_000, maxEntries: 16 }));
  const webhook = await startWebhookServer({
    certFile: cert.certFile,
    keyFile: cert.keyFile,
    host: '127.0.0.1',
    port: 0,
    ...(opts.bodyLimitBytes !== undefined ? { bodyLimitBytes: opts.bodyLimitBytes } : {}),
    certReloadIntervalMs: 60_000,
    logger: createLogger({ destination }),
    validator: {
      catalog: MessageCatalog.load(),
      render: renderWithHelm,
      chartTimeoutMs: opts.chartTimeoutMs ?? 2000,
      onChartUnavailable: opts.onChartUnavailable ?? 'deny',
      cluster: 'dpu-cplane',
      ...(resolver ? { resolver } : {}),
      ...(opts.validator ?? {}),
    },
  });
  return {
    webhook,
    cert,
    logs,
    async post(body) {
      const r = await httpsRequest(webhook.port, cert.cert, 'POST', '/validate', typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
      let json: unknown;
      try {
        json = JSON.parse(r.text);
      } catch {
        json = undefined;
      }
      return { status: r.status, json, text: r.text };
    },
    async get(path) {
      const r = await httpsRequest(webhook.port, cert.cert, 'GET', path);
      return { status: r.status, text: r.text, contentType: String(r.headers['content-type'] ?? '') };
    },
  };
}
