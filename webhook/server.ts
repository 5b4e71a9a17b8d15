/**
 * The admission webhook's HTTPS server (express only lives here): POST /validate takes an
 * AdmissionReview v1 and answers with the same uid; GET /healthz, /readyz and /metrics.
 * Bodies over the limit (default 3 MiB), malformed JSON and anything that is not an
 * AdmissionReview get HTTP 400 with a clear message; an unexpected failure gets HTTP 500,
 * never a crash. `close()` drains in-flight reviews for graceful shutdown (SIGTERM).
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { MessageCatalog } from '../contract/index.js';
import { decodeAdmissionReview, DecodeError } from './admission-review.js';
import { CertReloader, readKeyPair } from './cert-reload.js';
import { HealthState } from './health.js';
import type { Logger } from './logger.js';
import { METRICS_CONTENT_TYPE, WebhookMetrics } from './metrics.js';
import { MAX_REVIEW_NESTING_DEPTH, nestsDeeperThan } from './nesting-depth.js';
import { shortenText } from '../contract/shorten.js';
import { buildAdmissionResponse } from './respond.js';
import { validateRequest, type ValidatorOptions } from './validate.js';

/** Request encodings accepted (the API server sends none). */
const SUPPORTED_ENCODINGS: ReadonlySet<string> = new Set(['identity', 'gzip', 'deflate']);

/** 3 MiB: the API server's own request limit is 3 MiB, so no real review is larger. */
export const DEFAULT_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

export interface WebhookServerOptions {
  certFile: string;
  keyFile: string;
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  bodyLimitBytes?: number;
  certReloadIntervalMs?: number;
  validator: ValidatorOptions & { catalog: MessageCatalog };
  logger: Logger;
  metrics?: WebhookMetrics;
}

export interface RunningWebhook {
  server: Server;
  port: number;
  metrics: WebhookMetrics;
  health: HealthState;
  certReloader: CertReloader;
  /** Stops accepting, lets in-flight reviews finish (at most `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/** The express app; exported for tests that want it without TLS. */
export function createWebhookApp(opts: Pick<WebhookServerOptions, 'bodyLimitBytes' | 'validator' | 'logger'>, metrics: WebhookMetrics, health: HealthState) {
  const limit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  app.get('/readyz', (_req, res) => {
    const reason = health.notReadyReason();
    if (reason) res.status(503).type('text/plain').send(reason);
    else res.type('text/plain').send('ok');
  });
  app.get('/metrics', (_req, res) => {
    res.set('Content-Type', METRICS_CONTENT_TYPE).send(metrics.render());
  });

  const badRequest = (res: Response, reason: string, message: string, status = 400) => {
    metrics.badRequests.inc({ reason });
    opts.logger.warn({ reason, error: shortenText(message) }, 'bad admission request');
    res.status(status).json({ error: shortenText(message) });
  };

  // The API server sends identity-encoded JSON. gzip and deflate are decoded by body-parser
  // under the same size limit (after inflation); anything else is refused before reading.
  const checkEncoding = (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers['content-encoding'];
    const codings = (header ?? 'identity').toLowerCase().split(',').map((c) => c.trim()).filter((c) => c !== '');
    const unsupported = codings.filter((c) => !SUPPORTED_ENCODINGS.has(c));
    if (unsupported.length > 0 || codings.length > 1) {
      // Do not read the body: close the connection after answering.
      res.set('Connection', 'close');
      res.set('Accept-Encoding', [...SUPPORTED_ENCODINGS].join(', '));
      return badRequest(res, 'unsupported-encoding', `Content-Encoding ${JSON.stringify(header)} is not supported: send identity, gzip or deflate`, 415);
    }
    next();
  };

  // Any content type: the API server sends application/json, but a wrong header should get a
  // clear JSON error, not a silent empty body.
  app.post('/validate', checkEncoding, express.raw({ type: () => true, limit }), async (req: Request, res: Response) => {
    const started = process.hrtime.bigint();
    const raw: unknown = req.body;
    if (!Buffer.isBuffer(raw) || raw.length === 0) return badRequest(res, 'empty', 'request body is empty: expected an AdmissionReview JSON object');
    if (nestsDeeperThan(raw, MAX_REVIEW_NESTING_DEPTH)) {
      return badRequest(res, 'too-deep', `request body nests objects or arrays more than ${MAX_REVIEW_NESTING_DEPTH} levels deep (the limit); no Kubernetes object does`);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      return badRequest(res, 'malformed-json', `request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const review = decodeAdmissionReview(body);
    if (review instanceof DecodeError) return badRequest(res, 'not-admission-review', review.message);
    const request = review.request;
    const outcome = await validateRequest(request, opts.validator);
    const answer = buildAdmissionResponse(request, outcome, opts.validator.catalog);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const kind = request.kind.kind;
    const decision = outcome.allowed ? 'allowed' : 'denied';
    metrics.requests.inc({ kind, decision });
    metrics.duration.observe({ kind }, seconds);
    for (const v of outcome.errors) metrics.denials.inc({ rule: v.rule });
    for (const v of outcome.warnings) metrics.warnings.inc({ rule: v.rule });
    for (const rule of outcome.settledByAnnotation) metrics.settled.inc({ rule });
    opts.logger.info(
      {
        uid: request.uid,
        kind,
        namespace: shortenText(outcome.object.namespace ?? request.namespace ?? ''),
        name: shortenText(outcome.object.name ?? request.name ?? ''),
        operation: request.operation,
        dryRun: request.dryRun,
        decision,
        checked: outcome.checked,
        rules: [...new Set([...outcome.errors, ...outcome.warnings].map((v) => v.rule))],
        ...(outcome.settledByAnnotation.length > 0 ? { settledByAnnotation: [...new Set(outcome.settledByAnnotation)] } : {}),
        durationMs: Math.round(seconds * 1e6) / 1e3,
      },
      'admission review',
    );
    res.json(answer);
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found: the webhook serves POST /validate, GET /healthz, /readyz, /metrics' });
  });

  // express calls this for body-parser failures and for exceptions in handlers.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = typeof err === 'object' && err !== null ? (err as { type?: unknown }).type : undefined;
    if (type === 'entity.too.large') return badRequest(res, 'too-large', `request body exceeds the ${limit}-byte limit`);
    if (type === 'request.aborted' || type === 'entity.verify.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return badRequest(res, 'unreadable', `request body could not be read: ${(err as Error).message}`);
    }
    opts.logger.error({ err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'admission review failed');
    res.status(500).json({ error: `internal error: ${err instanceof Error ? err.message : String(err)}` });
  });
  return app;
}

/** Starts the HTTPS server; resolves once it listens. */
export async function startWebhookServer(opts: WebhookServerOptions): Promise<RunningWebhook> {
  const metrics = opts.metrics ?? new WebhookMetrics();
  const health = new HealthState();
  const pair = readKeyPair(opts.certFile, opts.keyFile);
  const app = createWebhookApp(opts, metrics, health);
  const server = createServer({ cert: pair.cert, key: pair.key }, app);
  // A slow or stuck client must not hold a connection forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 65_000;
  health.markCertLoaded();
  const certReloader = new CertReloader(server, opts.certFile, opts.keyFile, pair, opts.logger);
  certReloader.start(opts.certReloadIntervalMs ?? 10_000);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  opts.logger.info({ port, host: opts.host ?? '0.0.0.0' }, 'webhook listening');

  const close = async (graceMs = 10_000): Promise<void> => {
    health.markShuttingDown();
    certReloader.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
    opts.logger.info({}, 'webhook stopped');
  };
  return { server, port, metrics, health, certReloader, close };
}
