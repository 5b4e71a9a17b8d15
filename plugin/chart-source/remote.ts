/**
 * Remote chart sources by repoURL scheme: `https://` Helm repositories and `oci://`
 * registries (the two DPF's CRD allows). Built once per generate run from the sidecar env.
 */
import { ChartCache, cacheOptionsFromEnv } from './cache.js';
import { loadCredentials } from './credentials.js';
import { fetchFromHelmRepo, type RemoteOptions } from './http-repo.js';
import { fetchFromOci } from './oci.js';
import { ChartSourceError, chartReference, type ChartRequest, type ResolvedChart } from './types.js';

/** Per-request deadline: well inside ArgoCD's 60 s for the whole generate call. */
export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
export const MAX_INDEX_BYTES = 64 * 1024 * 1024;
export const MAX_CHART_BYTES = 32 * 1024 * 1024;

/** Fetches one chart; aborting `signal` gives up its requests at once. */
export type RemoteFetcher = (req: ChartRequest, options?: { signal?: AbortSignal }) => Promise<ResolvedChart>;

/**
 * A chart fetcher over the cache and credentials the environment configures
 * (DPU_GITOPS_CREDENTIALS, DPU_GITOPS_CA_FILE, DPU_GITOPS_CACHE_DIR, DPU_GITOPS_OCI_PLAIN_HTTP,
 * DPU_GITOPS_FETCH_TIMEOUT_SECONDS; `timeoutMs` overrides the last).
 */
export function remoteFetcher(env: Readonly<Record<string, string | undefined>>, overrides: { timeoutMs?: number } = {}): RemoteFetcher {
  const timeout = Number(env.DPU_GITOPS_FETCH_TIMEOUT_SECONDS);
  const opts: RemoteOptions = {
    cache: new ChartCache(cacheOptionsFromEnv(env)),
    credentials: loadCredentials(env),
    timeoutMs: overrides.timeoutMs ?? (Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : DEFAULT_FETCH_TIMEOUT_MS),
    maxIndexBytes: MAX_INDEX_BYTES,
    maxChartBytes: MAX_CHART_BYTES,
    ociPlainHttp: env.DPU_GITOPS_OCI_PLAIN_HTTP === 'true',
  };
  return (req, options = {}) => {
    const withSignal: RemoteOptions = options.signal ? { ...opts, signal: options.signal } : opts;
    if (req.repoURL.startsWith('oci://')) return fetchFromOci(req, withSignal);
    if (req.repoURL.startsWith('https://')) return fetchFromHelmRepo(req, withSignal);
    return Promise.reject(new ChartSourceError(chartReference(req), 'repoURL must start with oci:// or https:// (map local charts with the chart-paths parameter)'));
  };
}
