/**
 * Charts from an https Helm repository, as helm's repo code fetches them: GET
 * `<repoURL>/index.yaml`, pick the version as `IndexFile.Get` does (an exact version string
 * first, else the highest version satisfying the text as a Masterminds semver constraint; the
 * entries are sorted newest first like `SortEntries`), resolve the archive URL against the repo
 * URL (`ResolveReferenceURL`: relative or absolute), download it and check the index's sha256
 * `digest`. Index text is cached with a TTL; archives by digest.
 */
import { withDecompressedTotalLimit } from '../../helm/chart/load-archive.js';
import { loadChartFromArchive } from '../../helm/chart/load-files.js';
import { parseConstraint } from '../../helm/semver/constraint.js';
import { parseVersion, SemverError, type SemverVersion } from '../../helm/semver/version.js';
import type { RepoAllowlist } from './allowlist.js';
import { ChartCache, sha256Hex } from './cache.js';
import { chartLoadCategory } from './chart-load-category.js';
import type { CredentialStore } from './credentials.js';
import { asFetchError, basicAuthHeaders, categoryOfStatus, checkRepositoryAllowed, followedUrlAllowed } from './fetch-policy.js';
import { httpGet, safeUrl } from './http.js';
import { IndexError, indexEntriesFor, type IndexEntry } from './index-entries.js';
import { RemoteFetchError, type ChartRequest, type ResolvedChart } from './types.js';

export interface RemoteOptions {
  cache: ChartCache;
  credentials: CredentialStore;
  /** Repositories that may be fetched, and where their answers may send the fetch. */
  allowlist: RepoAllowlist;
  timeoutMs: number;
  maxIndexBytes: number;
  maxChartBytes: number;
  /** Talk plain http to OCI registries (helm's --plain-http; loopback test registries). */
  ociPlainHttp?: boolean;
  /** Tags per page when listing an OCI repository's tags (`n`); omitted: the registry's default. */
  ociTagPageSize?: number;
  /** Aborting it gives up every request of this fetch. */
  signal?: AbortSignal;
}

/** helm's IndexFile.Get over the entries of one chart. Returns undefined when none matches. */
export function selectIndexVersion(entries: readonly IndexEntry[], version: string): IndexEntry | undefined {
  const sorted = [...entries].sort((a, b) => compareVersionsDesc(a.version, b.version));
  if (version !== '') {
    const exact = sorted.find((e) => e.version === version);
    if (exact) return exact;
  }
  const constraint = parseConstraint(version === '' ? '*' : version);
  if (constraint instanceof SemverError) return undefined;
  for (const e of sorted) {
    const v = parseVersion(e.version);
    if (v instanceof SemverError) continue;
    if (constraint.check(v)) return e;
  }
  return undefined;
}

function compareVersionsDesc(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  // SortEntries: unparsable versions sort last.
  if (va instanceof SemverError || vb instanceof SemverError) return va instanceof SemverError ? (vb instanceof SemverError ? 0 : 1) : -1;
  return -(va as SemverVersion).compare(vb as SemverVersion);
}

/** helm repo.ResolveReferenceURL: a relative chart URL is resolved against `<repoURL>/`. */
export function resolveChartUrl(repoURL: string, ref: string): string {
  const base = repoURL.endsWith('/') ? repoURL : `${repoURL}/`;
  return new URL(ref, base).toString();
}

export async function fetchFromHelmRepo(req: ChartRequest, opts: RemoteOptions): Promise<ResolvedChart> {
  const name = req.chart;
  if (name === undefined) throw new RemoteFetchError(req, 'invalid', 'an https Helm repository needs spec.helmChart.source.chart');
  checkRepositoryAllowed(req, opts.allowlist);
  const indexUrl = `${req.repoURL.replace(/\/+$/, '')}/index.yaml`;
  const cred = opts.credentials.lookup(req.repoURL);
  const ca = cred?.ca ?? opts.credentials.globalCa;
  const allowRedirect = (url: string): boolean => followedUrlAllowed(url, req.repoURL, opts.allowlist);
  // Credentials per URL: only the credential entry's own scheme+host+port gets them.
  const get = (url: string, maxBytes: number) =>
    httpGet(url, { headers: basicAuthHeaders(url, cred), timeoutMs: opts.timeoutMs, maxBytes, allowRedirect, ...(ca ? { ca } : {}), ...(opts.signal ? { signal: opts.signal } : {}) }).catch((e: unknown) => {
      throw asFetchError(req, e);
    });

  let entry = pickCached(opts.cache.getRef(`index:${indexUrl}`), name, req.version);
  if (entry === undefined) {
    const res = await get(indexUrl, opts.maxIndexBytes);
    if (res.status !== 200) throw new RemoteFetchError(req, categoryOfStatus(res.status), `GET ${safeUrl(indexUrl)}: HTTP ${res.status}`);
    const text = res.body.toString('utf8');
    entry = pick(req, text, name);
    opts.cache.putRef(`index:${indexUrl}`, text);
    if (entry === undefined) throw new RemoteFetchError(req, 'not-found', `no chart version found for ${name}-${req.version} in ${safeUrl(indexUrl)}`);
  }
  if (entry.urls.length === 0) throw new RemoteFetchError(req, 'invalid', `index entry ${name}-${entry.version} has no urls`);
  const digest = entry.digest?.replace(/^sha256:/, '').toLowerCase();
  let data = digest ? opts.cache.getBlob(digest) : undefined;
  let chartUrl: string;
  try {
    chartUrl = resolveChartUrl(req.repoURL, entry.urls[0]!);
  } catch {
    throw new RemoteFetchError(req, 'invalid', `index entry ${name}-${entry.version} has an invalid url`);
  }
  if (data === undefined) {
    // The index is the repository's answer: where it points must be allowed too.
    if (!allowRedirect(chartUrl)) throw new RemoteFetchError(req, 'not-allowed', `index entry ${name}-${entry.version} points to ${safeUrl(chartUrl)}, which no allowed-repos pattern matches`);
    const res = await get(chartUrl, opts.maxChartBytes);
    if (res.status !== 200) throw new RemoteFetchError(req, categoryOfStatus(res.status), `GET ${safeUrl(chartUrl)}: HTTP ${res.status}`);
    const got = sha256Hex(res.body);
    if (digest && got !== digest) throw new RemoteFetchError(req, 'invalid', `digest mismatch for ${safeUrl(chartUrl)}: index says sha256:${digest}, got sha256:${got}`);
    opts.cache.putBlob(res.body);
    data = res.body;
  }
  try {
    const archive = data;
    return { chart: withDecompressedTotalLimit(() => loadChartFromArchive(archive)), origin: `${safeUrl(chartUrl)}@sha256:${sha256Hex(data)}` };
  } catch (err) {
    throw new RemoteFetchError(req, chartLoadCategory(err), `${safeUrl(chartUrl)}: ${err instanceof Error ? err.message : String(err)}`, err);
  }
}

/** The matching entry of a fresh index text; undefined when the chart or version is absent. */
function pick(req: ChartRequest, text: string, name: string): IndexEntry | undefined {
  try {
    const entries = indexEntriesFor(text, name);
    return entries && selectIndexVersion(entries, req.version);
  } catch (err) {
    if (err instanceof IndexError) throw new RemoteFetchError(req, err.kind, err.message, err);
    throw err;
  }
}

/** The matching entry of a cached index text; undefined when absent or unusable (then it is fetched again). */
function pickCached(text: string | undefined, name: string, version: string): IndexEntry | undefined {
  if (text === undefined) return undefined;
  try {
    const entries = indexEntriesFor(text, name);
    return entries && selectIndexVersion(entries, version);
  } catch {
    return undefined;
  }
}
