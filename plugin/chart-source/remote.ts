/**
 * Remote chart sources by repoURL scheme: `https://` Helm repositories and `oci://`
 * registries (the two DPF's CRD allows). Built once per generate run from the sidecar env.
 */
import { allowedReposFromEnv, DEFAULT_ALLOWED_REPOS, RepoAllowlist } from './allowlist.js';
import { ChartCache, cacheOptionsFromEnv } from './cache.js';
import { loadCredentials } from './credentials.js';
import { fetchFromHelmRepo, type RemoteOptions } from './http-repo.js';
import { fetchFromOci } from './oci.js';
import { RemoteFetchError, type ChartRequest, type ResolvedChart } from './types.js';

/** Per-request deadline: well inside ArgoCD's 60 s for the whole generate call. */
export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
/**
 * Largest index.yaml downloaded. Public indexes are big: bitnami's was 14 MB before its 2022
 * truncation and ~27 MB in 2026, truecharts' 50.6 MB in 2024 (Flux caps at 50 MiB). Only the
 * requested chart's entries are parsed (index-entries.ts): a 60 MiB helm-layout index costs
 * ~150 MiB RSS and under a second, where parsing it whole cost 3.4 GB.
 */
export const MAX_INDEX_BYTES = 64 * 1024 * 1024;
export const MAX_CHART_BYTES = 32 * 1024 * 1024;

/** Fetches one chart; aborting `signal` gives up its requests at once. */
export type RemoteFetcher = (req: ChartRequest, options?: { signal?: AbortSignal }) => Promise<ResolvedChart>;

export interface RemoteFetcherOptions {
  /** Per-request deadline; default DPU_GITOPS_FETCH_TIMEOUT_SECONDS, else DEFAULT_FETCH_TIMEOUT_MS. */
  timeoutMs?: number;
  /**
   * Allowed repository patterns (allowlist.ts); overrides DPU_GITOPS_ALLOWED_REPOS. An empty
   * list allows nothing (the webhook's "no remote fetching").
   */
  allowedRepos?: readonly string[];
}

/**
 * A chart fetcher over the cache, credentials and allowlist the environment configures
 * (DPU_GITOPS_CREDENTIALS, DPU_GITOPS_CA_FILE, DPU_GITOPS_CACHE_DIR, DPU_GITOPS_CACHE_MAX_MB,
 * DPU_GITOPS_OCI_PLAIN_HTTP, DPU_GITOPS_FETCH_TIMEOUT_SECONDS, DPU_GITOPS_ALLOWED_REPOS; unset:
 * DEFAULT_ALLOWED_REPOS, every https and oci URL). Throws AllowlistError for a bad pattern.
 */
export function remoteFetcher(env: Readonly<Record<string, string | undefined>>, overrides: RemoteFetcherOptions = {}): RemoteFetcher {
  const timeout = Number(env.DPU_GITOPS_FETCH_TIMEOUT_SECONDS);
  const opts: RemoteOptions = {
    cache: new ChartCache(cacheOptionsFromEnv(env)),
    credentials: loadCredentials(env),
    allowlist: new RepoAllowlist(overrides.allowedRepos ?? allowedReposFromEnv(env) ?? DEFAULT_ALLOWED_REPOS),
    timeoutMs: overrides.timeoutMs ?? (Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : DEFAULT_FETCH_TIMEOUT_MS),
    maxIndexBytes: MAX_INDEX_BYTES,
    maxChartBytes: MAX_CHART_BYTES,
    ociPlainHttp: env.DPU_GITOPS_OCI_PLAIN_HTTP === 'true',
  };
  return (req, options = {}) => {
    const withSignal: RemoteOptions = options.signal ? { ...opts, signal: options.signal } : opts;
    if (req.repoURL.startsWith('oci://')) return fetchFromOci(req, withSignal);
    if (req.repoURL.startsWith('https://')) return fetchFromHelmRepo(req, withSignal);
    return Promise.reject(new RemoteFetchError(req, 'invalid', 'repoURL must start with oci:// or https:// (map local charts with the chart-paths parameter)'));
  };
}
