/**
 * Charts from an https Helm repository, as helm's repo code fetches them: GET
 * `<repoURL>/index.yaml`, pick the version as `IndexFile.Get` does (an exact version string
 * first, else the highest version satisfying the text as a Masterminds semver constraint; the
 * entries are sorted newest first like `SortEntries`), resolve the archive URL against the repo
 * URL (`ResolveReferenceURL`: relative or absolute), download it and check the index's sha256
 * `digest`. Index text is cached with a TTL; archives by digest.
 */
import { parse } from 'yaml';
import { loadChartFromArchive } from '../../helm/chart/load-files.js';
import { parseConstraint } from '../../helm/semver/constraint.js';
import { parseVersion, SemverError, type SemverVersion } from '../../helm/semver/version.js';
import { ChartCache, sha256Hex } from './cache.js';
import type { CredentialStore } from './credentials.js';
import { httpGet, safeUrl } from './http.js';
import { ChartSourceError, chartReference, type ChartRequest, type ResolvedChart } from './types.js';

export interface RemoteOptions {
  cache: ChartCache;
  credentials: CredentialStore;
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

interface IndexEntry {
  version: string;
  urls: string[];
  digest?: string;
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
  const ref = chartReference(req);
  const name = req.chart;
  if (name === undefined) throw new ChartSourceError(ref, 'an https Helm repository needs spec.helmChart.source.chart');
  const indexUrl = `${req.repoURL.replace(/\/+$/, '')}/index.yaml`;
  const cred = opts.credentials.lookup(req.repoURL);
  const headers: Record<string, string> = {};
  if (cred?.username !== undefined) headers.Authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password ?? ''}`).toString('base64')}`;
  const ca = cred?.ca ?? opts.credentials.globalCa;
  const get = (url: string, maxBytes: number) => httpGet(url, { headers, timeoutMs: opts.timeoutMs, maxBytes, ...(ca ? { ca } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });

  let entry = pick(opts.cache.getRef(`index:${indexUrl}`), name, req.version);
  if (entry === undefined) {
    const res = await get(indexUrl, opts.maxIndexBytes).catch((e: unknown) => {
      throw new ChartSourceError(ref, e instanceof Error ? e.message : String(e), e);
    });
    if (res.status !== 200) throw new ChartSourceError(ref, `GET ${safeUrl(indexUrl)}: HTTP ${res.status}`);
    const text = res.body.toString('utf8');
    opts.cache.putRef(`index:${indexUrl}`, text);
    entry = pick(text, name, req.version, ref);
    if (entry === undefined) throw new ChartSourceError(ref, `no chart version found for ${name}-${req.version} in ${safeUrl(indexUrl)}`);
  }
  if (entry.urls.length === 0) throw new ChartSourceError(ref, `index entry ${name}-${entry.version} has no urls`);
  const digest = entry.digest?.replace(/^sha256:/, '').toLowerCase();
  let data = digest ? opts.cache.getBlob(digest) : undefined;
  const chartUrl = resolveChartUrl(req.repoURL, entry.urls[0]!);
  if (data === undefined) {
    const res = await get(chartUrl, opts.maxChartBytes).catch((e: unknown) => {
      throw new ChartSourceError(ref, e instanceof Error ? e.message : String(e), e);
    });
    if (res.status !== 200) throw new ChartSourceError(ref, `GET ${safeUrl(chartUrl)}: HTTP ${res.status}`);
    const got = sha256Hex(res.body);
    if (digest && got !== digest) throw new ChartSourceError(ref, `digest mismatch for ${safeUrl(chartUrl)}: index says sha256:${digest}, got sha256:${got}`);
    opts.cache.putBlob(res.body);
    data = res.body;
  }
  try {
    return { chart: loadChartFromArchive(data), origin: `${safeUrl(chartUrl)}@sha256:${sha256Hex(data)}` };
  } catch (err) {
    throw new ChartSourceError(ref, `${safeUrl(chartUrl)}: ${err instanceof Error ? err.message : String(err)}`, err);
  }
}

/** Aliases an index.yaml may expand (helm's own indexes use none). */
const INDEX_MAX_ALIASES = 1000;

/** The matching entry of an index text; undefined when absent or (cached text) unusable. */
function pick(text: string | undefined, name: string, version: string, ref?: string): IndexEntry | undefined {
  if (text === undefined) return undefined;
  let doc: unknown;
  try {
    // A remote index is untrusted input: keep the alias bound (billion-laughs protection).
    doc = parse(text, { version: '1.1', maxAliasCount: INDEX_MAX_ALIASES });
  } catch (err) {
    if (ref) throw new ChartSourceError(ref, `index.yaml is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return undefined;
  }
  const list = (doc as { entries?: Record<string, unknown> } | null)?.entries?.[name];
  if (!Array.isArray(list)) return undefined;
  const entries: IndexEntry[] = list
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({
      version: String(e.version ?? ''),
      urls: Array.isArray(e.urls) ? e.urls.map(String) : [],
      ...(typeof e.digest === 'string' ? { digest: e.digest } : {}),
    }));
  return selectIndexVersion(entries, version);
}
