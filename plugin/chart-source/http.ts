/**
 * A small HTTPS GET for chart downloads (node:https, no dependency): a per-request deadline,
 * a size cap, redirects (at most 5; each target checked by the caller's `allowRedirect`;
 * credentials kept only while scheme, host and port stay the same), and errors that name the
 * URL without its userinfo or query and say what kind of failure it was.
 */
import type { IncomingHttpHeaders } from 'node:http';

// Loaded by the first download, not at import: a generate of local charts never uses them, and
// node:https with node:tls costs a fresh process (or worker) about 10 ms (measured, Node 24).
const nodeHttps = (): typeof import('node:https') => process.getBuiltinModule('node:https');
const nodeHttp = (): typeof import('node:http') => process.getBuiltinModule('node:http');

export interface HttpGetOptions {
  headers?: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  /** Extra trusted CA certificates (PEM); system CAs stay trusted. */
  ca?: string;
  /** Aborting it gives up the request at once (the webhook's chart deadline). */
  signal?: AbortSignal;
  /** Whether a redirect may go to this URL (the allowlist); omitted: any https URL. */
  allowRedirect?: (url: string) => boolean;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
}

/**
 * What kind of transport failure: `network` (connection, TLS, DNS, reset, redirect loop),
 * `timeout`, `too-large`, `not-allowed` (a redirect the policy refuses), `aborted`.
 */
export type HttpErrorKind = 'network' | 'timeout' | 'too-large' | 'not-allowed' | 'aborted';

/** A transport failure or size/time limit (not an HTTP status). */
export class HttpError extends Error {
  constructor(
    readonly url: string,
    detail: string,
    readonly kind: HttpErrorKind = 'network',
  ) {
    super(`GET ${safeUrl(url)}: ${detail}`);
    this.name = 'HttpError';
  }
}

/** `scheme://host:port` with the default port spelled out, for same-origin checks. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
    return `${u.protocol}//${u.hostname.toLowerCase()}:${port}`;
  } catch {
    return undefined;
  }
}

/** The URL without userinfo, query or fragment (for messages). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * One request's whole-response deadline, as a multiple of its idle timeout (`timeoutMs`): large
 * charts on a slow link get time, a trickling server does not get forever.
 */
export const HTTP_TOTAL_DEADLINE_FACTOR = 4;

let systemCa: string[] | undefined;

export async function httpGet(url: string, opts: HttpGetOptions, redirects = 5): Promise<HttpResponse> {
  if (opts.signal?.aborted) throw new HttpError(url, 'aborted', 'aborted');
  const res = await once(url, opts);
  if (res.status >= 300 && res.status < 400 && res.headers.location) {
    if (redirects === 0) throw new HttpError(url, 'too many redirects');
    let next: string;
    try {
      next = new URL(res.headers.location, url).toString();
    } catch {
      throw new HttpError(url, 'redirect to an invalid URL');
    }
    // Go's client follows https → http, but then credentials and the chart would cross the
    // network in the clear: refuse the downgrade.
    if (new URL(url).protocol === 'https:' && new URL(next).protocol !== 'https:') {
      throw new HttpError(url, `refusing redirect from https to ${safeUrl(next)}`, 'not-allowed');
    }
    if (opts.allowRedirect && !opts.allowRedirect(next)) {
      throw new HttpError(url, `redirect to ${safeUrl(next)}, which no allowed-repos pattern matches`, 'not-allowed');
    }
    // Credentials stay with the scheme, host and port they were sent to (helm drops them when
    // the host changes; a port or scheme change is another server too).
    const headers = { ...(opts.headers ?? {}) };
    if (originOf(next) !== originOf(url)) delete headers.Authorization;
    return httpGet(next, { ...opts, headers }, redirects - 1);
  }
  return res;
}

function once(url: string, opts: HttpGetOptions): Promise<HttpResponse> {
  return new Promise((resolvePromise, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      reject(new HttpError(url, 'invalid URL'));
      return;
    }
    const isHttps = u.protocol === 'https:';
    if (!isHttps && u.protocol !== 'http:') {
      reject(new HttpError(url, `unsupported scheme ${u.protocol}`, 'not-allowed'));
      return;
    }
    const tlsCa = isHttps && opts.ca ? [...(systemCa ??= rootCertificates()), opts.ca] : undefined;
    const req = (isHttps ? nodeHttps().request : nodeHttp().request)(
      u,
      { method: 'GET', headers: { 'User-Agent': 'dpu-gitops', ...(opts.headers ?? {}) }, ...(tlsCa ? { ca: tlsCa } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > opts.maxBytes) {
            req.destroy(new HttpError(url, `response larger than ${opts.maxBytes} bytes`, 'too-large'));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url }));
        res.on('error', (e) => reject(e instanceof HttpError ? e : new HttpError(url, e.message)));
      },
    );
    req.setTimeout(opts.timeoutMs, () => req.destroy(new HttpError(url, `no answer within ${opts.timeoutMs} ms`, 'timeout')));
    // setTimeout above only notices an idle socket; a server dripping a byte now and then would
    // hold the request forever, so the whole response also has a deadline.
    const totalMs = opts.timeoutMs * HTTP_TOTAL_DEADLINE_FACTOR;
    const deadline = setTimeout(() => req.destroy(new HttpError(url, `response not complete within ${totalMs} ms`, 'timeout')), totalMs);
    deadline.unref();
    req.on('close', () => clearTimeout(deadline));
    const onAbort = (): void => void req.destroy(new HttpError(url, 'aborted', 'aborted'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => opts.signal?.removeEventListener('abort', onAbort));
    req.on('error', (e) => reject(e instanceof HttpError ? e : new HttpError(url, (e as NodeJS.ErrnoException).code ?? e.message)));
    req.end();
  });
}

function rootCertificates(): string[] {
  // Passing `ca` replaces node's bundled Mozilla CAs; keep them when adding a private CA.
  return [...process.getBuiltinModule('node:tls').rootCertificates];
}
