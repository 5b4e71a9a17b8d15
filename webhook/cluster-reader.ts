/**
 * Reads single objects from the Kubernetes API server for the webhook's cross-object checks.
 * @kubernetes/client-node supplies the connection (in-cluster service account, or a kubeconfig
 * file): server URL, CA, client certificate or bearer token. The GET itself is a plain
 * node:https request so that it can be bounded: each read has a timeout and its response body
 * a byte limit, so a slow or huge answer costs one cross-object warning, never the review.
 */
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';

/** One read may take this long (the whole review has 10 s at the API server). */
export const DEFAULT_READ_TIMEOUT_MS = 2_000;
/** Largest response body read: real DPUServiceTemplates/Configurations are a few KB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export type ClusterReadFailure = 'kubeconfig' | 'unreachable' | 'timeout' | 'unauthorized' | 'forbidden' | 'http' | 'too-large' | 'invalid-response';

/** A read that did not give an answer; the message names the server, the read and why. */
export class ClusterReadError extends Error {
  override readonly name = 'ClusterReadError';
  constructor(
    readonly reason: ClusterReadFailure,
    readonly operation: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${detail}`, options);
  }
}

/** Names one namespaced custom object. */
export interface ObjectAddress {
  group: string;
  version: string;
  plural: string;
  namespace: string;
  name: string;
}

/** Gets one object; `undefined` when the API server says NotFound. Throws ClusterReadError otherwise. */
export interface ClusterReader {
  get(address: ObjectAddress): Promise<Record<string, unknown> | undefined>;
}

export interface ClusterConnectionOptions {
  /** A kubeconfig file; without one, the in-cluster service account. */
  kubeconfigPath?: string;
  readTimeoutMs?: number;
  maxResponseBytes?: number;
}

/** True when a connection can be made without a kubeconfig file (running in a Pod). */
export function inClusterConfigExists(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT);
}

/** Builds a reader from a kubeconfig file or the in-cluster config. Throws ClusterReadError('kubeconfig'). */
export async function connectClusterReader(opts: ClusterConnectionOptions): Promise<ClusterReader & { server: string }> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  const source = opts.kubeconfigPath ?? 'the in-cluster service account';
  try {
    if (opts.kubeconfigPath !== undefined) kc.loadFromFile(opts.kubeconfigPath);
    else kc.loadFromCluster();
  } catch (e) {
    throw new ClusterReadError('kubeconfig', `load ${source}`, (e as Error).message.split('\n')[0]!, { cause: e });
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster || !/^https?:\/\//.test(cluster.server)) {
    throw new ClusterReadError('kubeconfig', `load ${source}`, 'its current context names no cluster with an http(s) server URL');
  }
  // Credentials are applied per read: an in-cluster token file is rotated by the kubelet.
  const credentials = async (): Promise<RequestOptions> => {
    const options: RequestOptions = {};
    await kc.applyToHTTPSOptions(options);
    return options;
  };
  try {
    await credentials();
  } catch (e) {
    throw new ClusterReadError('kubeconfig', `load ${source}`, `its credentials cannot be read: ${(e as Error).message.split('\n')[0]!}`, { cause: e });
  }
  return new HttpsClusterReader(cluster.server, credentials, opts.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS, opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
}

class HttpsClusterReader implements ClusterReader {
  constructor(
    readonly server: string,
    private readonly credentials: () => Promise<RequestOptions>,
    private readonly timeoutMs: number,
    private readonly maxBytes: number,
  ) {}

  async get(a: ObjectAddress): Promise<Record<string, unknown> | undefined> {
    const enc = encodeURIComponent;
    const path = `/apis/${enc(a.group)}/${enc(a.version)}/namespaces/${enc(a.namespace)}/${enc(a.plural)}/${enc(a.name)}`;
    const operation = `get ${a.plural}.${a.group} ${a.namespace}/${a.name} from ${this.server}`;
    const url = new URL(path, this.server.endsWith('/') ? this.server : `${this.server}/`);
    const fail = (reason: ClusterReadFailure, detail: string, cause?: unknown) => new ClusterReadError(reason, operation, detail, { cause });
    let base: RequestOptions;
    try {
      base = await this.credentials();
    } catch (e) {
      throw fail('unauthorized', `the credentials cannot be read: ${(e as Error).message.split('\n')[0]!}`, e);
    }
    return new Promise((resolve, reject) => {
      const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
      const req = send(url, { ...base, method: 'GET', headers: { ...(base.headers ?? {}), accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxBytes) {
            req.destroy();
            reject(fail('too-large', `the answer exceeds ${this.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (e) => reject(this.transportFailure(fail, e)));
        res.on('end', () => {
          if (size > this.maxBytes) return;
          const code = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          if (code === 404) return resolve(undefined);
          if (code === 401) return reject(fail('unauthorized', `401 Unauthorized${said(text)}`));
          if (code === 403) return reject(fail('forbidden', `403 Forbidden${said(text)}`));
          if (code !== 200) return reject(fail('http', `HTTP ${code}${said(text)}`));
          try {
            const parsed: unknown = JSON.parse(text);
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return reject(fail('invalid-response', 'the answer is not a JSON object'));
            resolve(parsed as Record<string, unknown>);
          } catch (e) {
            reject(fail('invalid-response', `the answer is not JSON: ${(e as Error).message}`, e));
          }
        });
      });
      req.on('error', (e) => reject(this.transportFailure(fail, e)));
      req.end();
    });
  }

  private transportFailure(fail: (r: ClusterReadFailure, d: string, c?: unknown) => ClusterReadError, e: Error): ClusterReadError {
    if (e.name === 'AbortError' || e.name === 'TimeoutError') return fail('timeout', `no complete answer within ${this.timeoutMs} ms`, e);
    const code = (e as { code?: string }).code;
    return fail('unreachable', `cannot reach the API server: ${code ? `${code} ` : ''}${e.message}`, e);
  }
}

/** The API server's own words from a Status body, shortened. */
function said(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return `: ${body.message.slice(0, 300)}`;
  } catch {
    // not a Status: say nothing more
  }
  return '';
}
