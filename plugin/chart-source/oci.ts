/**
 * Charts from an OCI registry (`oci://host[:port]/path`), as helm's registry client pulls them
 * over the distribution v2 API: GET `/v2/<repo>/manifests/<tag>` (tag = version with `+`
 * replaced by `_`), the chart layer of media type `application/vnd.cncf.helm.chart.content.v1.tar+gzip`
 * (config `application/vnd.cncf.helm.config.v1+json`), then GET `/v2/<repo>/blobs/<digest>`,
 * verified against its sha256 digest. A version that is not an exact semver version is a
 * constraint: the tags are listed (`/v2/<repo>/tags/list`, following `Link: rel="next"` pages)
 * and the highest matching one taken, as helm does (oci-tags.ts). Auth follows the registry's `WWW-Authenticate`
 * challenge: Bearer (token endpoint, with basic credentials when configured, anonymous
 * otherwise) or Basic. The tag list and the tag → layer-digest mapping are cached with the
 * index TTL, blobs by digest.
 */
import type { ChartUnavailableCategory } from '../../contract/chart-resolver.js';
import { withDecompressedTotalLimit } from '../../helm/chart/load-archive.js';
import { loadChartFromArchive } from '../../helm/chart/load-files.js';
import type { RepoAllowlist } from './allowlist.js';
import { sha256Hex } from './cache.js';
import { chartLoadCategory } from './chart-load-category.js';
import type { RepoCredential } from './credentials.js';
import { asFetchError, basicAuthFor, categoryOfStatus, checkRepositoryAllowed, followedUrlAllowed } from './fetch-policy.js';
import type { RemoteOptions } from './http-repo.js';
import { httpGet, originOf, safeUrl, type HttpResponse } from './http.js';
import { helmTagVersions, isExactVersion, matchTag, nextPageUrl, TagSelectionError } from './oci-tags.js';
import { RemoteFetchError, type ChartRequest, type ResolvedChart } from './types.js';

export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
export const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART_LAYER_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
/** Charts pushed by helm < 3.7 (still accepted by helm's client). */
export const LEGACY_CHART_LAYER_MEDIA_TYPE = 'application/tar+gzip';

/** Most tag-list pages followed for one repository (a registry looping on Link stops here). */
export const MAX_TAG_PAGES = 1000;
/** Most tags kept for one repository, over all pages (real chart repositories hold a few thousand). */
export const MAX_TAGS = 100_000;
/** Most bytes of tag-list JSON read for one repository, over all pages. */
export const MAX_TAG_LIST_BYTES = 8 * 1024 * 1024;
/** Largest manifest read (helm's are under 1 KB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Largest token endpoint answer. */
const MAX_TOKEN_BYTES = 1024 * 1024;

/** `oci://host/path` + chart → registry host and repository path (tag: the version as given). */
export function ociReference(req: ChartRequest): { host: string; repository: string; tag: string } {
  const rest = req.repoURL.replace(/^oci:\/\//, '').replace(/\/+$/, '');
  const slash = rest.indexOf('/');
  const host = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  const repository = [path, req.chart ?? ''].filter((x) => x !== '').join('/');
  return { host, repository, tag: req.version.replace(/\+/g, '_') };
}

export async function fetchFromOci(req: ChartRequest, opts: RemoteOptions): Promise<ResolvedChart> {
  const { host, repository } = ociReference(req);
  if (repository === '') throw new RemoteFetchError(req, 'invalid', 'an OCI repoURL needs a chart name (spec.helmChart.source.chart)');
  checkRepositoryAllowed(req, opts.allowlist);
  const cred = opts.credentials.lookup(req.repoURL);
  const ca = cred?.ca ?? opts.credentials.globalCa;
  const client = new RegistryClient(req, host, repository, cred, opts.allowlist, { timeoutMs: opts.timeoutMs, plainHttp: opts.ociPlainHttp === true, ...(ca ? { ca } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
  const fail = (category: ChartUnavailableCategory, detail: string, cause?: unknown): never => {
    throw new RemoteFetchError(req, category, detail, cause);
  };
  // helm ValidateReference: an exact version is the tag; anything else selects among the tags.
  const version = isExactVersion(req.version) ? req.version : await selectTag(req, client, req.version, opts);
  const tag = version.replace(/\+/g, '_');
  const tagKey = `oci-tag:${host}/${repository}:${tag}`;
  let layerDigest = opts.cache.getRef(tagKey);
  let data = layerDigest ? opts.cache.getBlob(layerDigest.replace(/^sha256:/, '')) : undefined;
  if (data === undefined) {
    const manifestRes = await client.get(`/manifests/${encodeURIComponent(tag)}`, { Accept: `${OCI_MANIFEST_MEDIA_TYPE}, application/vnd.docker.distribution.manifest.v2+json` }, MAX_MANIFEST_BYTES);
    if (manifestRes.status === 404) fail('not-found', `${host}/${repository}:${tag}: not found`);
    if (manifestRes.status !== 200) fail(categoryOfStatus(manifestRes.status), `${host}/${repository}:${tag}: manifest request answered HTTP ${manifestRes.status}`);
    let manifest: { config?: { mediaType?: string }; layers?: { mediaType?: string; digest?: string; size?: number }[] };
    try {
      manifest = JSON.parse(manifestRes.body.toString('utf8'));
    } catch {
      return fail('invalid', `${host}/${repository}:${tag}: manifest is not JSON`);
    }
    if (manifest?.config?.mediaType !== HELM_CONFIG_MEDIA_TYPE) fail('invalid', `${host}/${repository}:${tag} is not a Helm chart (config media type ${manifest?.config?.mediaType ?? 'missing'})`);
    const layer = (Array.isArray(manifest.layers) ? manifest.layers : []).find((l) => l?.mediaType === HELM_CHART_LAYER_MEDIA_TYPE || l?.mediaType === LEGACY_CHART_LAYER_MEDIA_TYPE);
    if (!layer || typeof layer.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(layer.digest)) return fail('invalid', `${host}/${repository}:${tag}: manifest has no chart layer`);
    layerDigest = layer.digest;
    const hex = layerDigest.slice('sha256:'.length);
    data = opts.cache.getBlob(hex);
    if (data === undefined) {
      if (typeof layer.size === 'number' && layer.size > opts.maxChartBytes) fail('too-large', `chart layer is ${layer.size} bytes, more than the ${opts.maxChartBytes} allowed`);
      const blobRes = await client.get(`/blobs/${layerDigest}`, {}, opts.maxChartBytes);
      if (blobRes.status !== 200) fail(categoryOfStatus(blobRes.status), `${host}/${repository}@${layerDigest}: blob request answered HTTP ${blobRes.status}`);
      const got = sha256Hex(blobRes.body);
      if (got !== hex) fail('invalid', `digest mismatch for ${host}/${repository}@${layerDigest}: got sha256:${got}`);
      opts.cache.putBlob(blobRes.body);
      data = blobRes.body;
    }
    opts.cache.putRef(tagKey, layerDigest);
  }
  try {
    const archive = data;
    return { chart: withDecompressedTotalLimit(() => loadChartFromArchive(archive)), origin: `oci://${host}/${repository}:${tag}@${layerDigest}` };
  } catch (err) {
    return fail(chartLoadCategory(err), err instanceof Error ? err.message : String(err), err);
  }
}

/**
 * The tag a version constraint selects (Client.Tags + GetTagMatchingVersionOrConstraint). The
 * registry's tag list is cached with the index TTL, so a warm cache lists nothing.
 */
async function selectTag(req: ChartRequest, client: RegistryClient, version: string, opts: RemoteOptions): Promise<string> {
  const key = `oci-tags:${client.host}/${client.repository}`;
  const cached = opts.cache.getRef(key);
  let tags: string[] | undefined;
  if (cached !== undefined) {
    try {
      const parsed: unknown = JSON.parse(cached);
      tags = Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : undefined;
    } catch {
      tags = undefined;
    }
  }
  if (tags === undefined) {
    tags = await client.listTags(opts.ociTagPageSize);
    opts.cache.putRef(key, JSON.stringify(tags));
  }
  const versions = helmTagVersions(tags);
  if (versions.length === 0) throw new RemoteFetchError(req, 'not-found', `Unable to locate any tags in provided repository: oci://${client.host}/${client.repository}`);
  try {
    return matchTag(versions, version);
  } catch (err) {
    if (err instanceof TagSelectionError) throw new RemoteFetchError(req, 'not-found', err.message, err);
    throw err;
  }
}

/** One repository on one registry, with the auth a challenge asked for. */
class RegistryClient {
  private authorization: string | undefined;
  private readonly scheme: string;
  /** The registry's own scheme+host+port: the whole API is inside the allowed repository. */
  private readonly home: string;

  constructor(
    private readonly req: ChartRequest,
    readonly host: string,
    readonly repository: string,
    private readonly cred: RepoCredential | undefined,
    private readonly allowlist: RepoAllowlist,
    private readonly http: { timeoutMs: number; plainHttp: boolean; ca?: string; signal?: AbortSignal },
  ) {
    this.scheme = http.plainHttp ? 'http' : 'https';
    this.home = `${this.scheme}://${host}`;
  }

  get(path: string, headers: Record<string, string>, maxBytes: number): Promise<HttpResponse> {
    return this.getUrl(`${this.home}/v2/${this.repository}${path}`, headers, maxBytes);
  }

  /**
   * Every tag of the repository: GET /v2/<repo>/tags/list (with `n` when a page size is
   * given, as oras does when configured), then each `Link: <...>; rel="next"` page, within
   * MAX_TAG_PAGES pages, MAX_TAGS tags and MAX_TAG_LIST_BYTES bytes in all.
   */
  async listTags(pageSize?: number): Promise<string[]> {
    const where = `${this.host}/${this.repository}`;
    let url: string | undefined = `${this.home}/v2/${this.repository}/tags/list${pageSize ? `?n=${pageSize}` : ''}`;
    const tags: string[] = [];
    let bytes = 0;
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_TAG_PAGES) throw new RemoteFetchError(this.req, 'too-large', `${where}: more than ${MAX_TAG_PAGES} pages of tags`);
      const res: HttpResponse = await this.getUrl(url, { Accept: 'application/json' }, MAX_TAG_LIST_BYTES - bytes).catch((e: unknown) => {
        const err = asFetchError(this.req, e);
        throw err.category === 'too-large' ? new RemoteFetchError(this.req, 'too-large', `${where}: tag list larger than ${MAX_TAG_LIST_BYTES} bytes`, e) : err;
      });
      bytes += res.body.length;
      if (res.status === 404) throw new RemoteFetchError(this.req, 'not-found', `${where}: repository not found`);
      if (res.status !== 200) throw new RemoteFetchError(this.req, categoryOfStatus(res.status), `${where}: tag list request answered HTTP ${res.status}`);
      let body: { tags?: unknown };
      try {
        body = JSON.parse(res.body.toString('utf8')) as { tags?: unknown };
      } catch {
        throw new RemoteFetchError(this.req, 'invalid', `${where}: tag list is not JSON`);
      }
      // distribution answers `"tags": null` for a repository without tags.
      if (Array.isArray(body?.tags)) for (const t of body.tags) if (typeof t === 'string') tags.push(t);
      if (tags.length > MAX_TAGS) throw new RemoteFetchError(this.req, 'too-large', `${where}: more than ${MAX_TAGS} tags`);
      const next = nextPageUrl(res.headers.link, url);
      if (next !== undefined && originOf(next) !== originOf(url)) throw new RemoteFetchError(this.req, 'not-allowed', `${where}: tag list points to another host`);
      url = next;
    }
    return tags;
  }

  private async getUrl(url: string, headers: Record<string, string>, maxBytes: number): Promise<HttpResponse> {
    const send = (): Promise<HttpResponse> =>
      httpGet(url, { headers: { ...headers, ...(this.authorization ? { Authorization: this.authorization } : {}) }, timeoutMs: this.http.timeoutMs, maxBytes, ...this.transport() }).catch((e: unknown) => {
        throw asFetchError(this.req, e);
      });
    let res = await send();
    if (res.status === 401 && this.authorization === undefined) {
      const challenge = String(res.headers['www-authenticate'] ?? '');
      await this.authenticate(challenge);
      res = await send();
    }
    if (res.status === 401) throw new RemoteFetchError(this.req, 'unauthorized', `${safeUrl(url)}: HTTP 401 unauthorized${this.cred ? ' (credentials were rejected)' : ' (no credentials configured for this registry)'}`);
    return res;
  }

  /** The CA, abort signal and redirect policy every request of this client carries. */
  private transport(): { ca?: string; signal?: AbortSignal; allowRedirect: (url: string) => boolean } {
    return {
      ...(this.http.ca ? { ca: this.http.ca } : {}),
      ...(this.http.signal ? { signal: this.http.signal } : {}),
      allowRedirect: (url) => followedUrlAllowed(url, this.home, this.allowlist),
    };
  }

  /** Basic credentials for `url`, when the credential entry is for that origin (fetch-policy.ts). */
  private basic(url: string): string | undefined {
    return basicAuthFor(url, this.cred, this.http.plainHttp);
  }

  /** Answers a `Basic` or `Bearer realm=..,service=..,scope=..` challenge. */
  private async authenticate(challenge: string): Promise<void> {
    if (/^basic/i.test(challenge)) {
      this.authorization = this.basic(this.home);
      return;
    }
    const m = /^bearer\s+(.*)$/i.exec(challenge);
    if (!m) return;
    const params = new Map<string, string>();
    for (const p of m[1]!.matchAll(/(\w+)="([^"]*)"/g)) params.set(p[1]!.toLowerCase(), p[2]!);
    const realm = params.get('realm');
    if (!realm) return;
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(realm);
    } catch {
      throw new RemoteFetchError(this.req, 'invalid', `token realm of ${this.host} is not a URL`);
    }
    // The realm comes from the registry's answer: never send the basic credentials of an https
    // registry to a plain-http token endpoint.
    if (this.scheme === 'https' && tokenUrl.protocol !== 'https:') {
      throw new RemoteFetchError(this.req, 'not-allowed', `token realm ${safeUrl(realm)} is not https: refusing to send credentials over plain http`);
    }
    if (!followedUrlAllowed(realm, this.home, this.allowlist)) {
      throw new RemoteFetchError(this.req, 'not-allowed', `token realm ${safeUrl(realm)} of ${this.host} matches no allowed-repos pattern`);
    }
    if (params.has('service')) tokenUrl.searchParams.set('service', params.get('service')!);
    tokenUrl.searchParams.set('scope', params.get('scope') ?? `repository:${this.repository}:pull`);
    // oras sends the basic credentials to whatever realm the registry names; here they go only
    // to the registry's own origin or a realm the credential entry lists (tokenRealms).
    const basic = this.basic(tokenUrl.toString());
    const res = await httpGet(tokenUrl.toString(), { headers: basic ? { Authorization: basic } : {}, timeoutMs: this.http.timeoutMs, maxBytes: MAX_TOKEN_BYTES, ...this.transport() }).catch((e: unknown) => {
      throw asFetchError(this.req, e);
    });
    if (res.status !== 200) throw new RemoteFetchError(this.req, res.status === 401 || res.status === 403 ? 'unauthorized' : 'unreachable', `token request to ${safeUrl(realm)} answered HTTP ${res.status}`);
    let token: string | undefined;
    try {
      const body = JSON.parse(res.body.toString('utf8')) as { token?: unknown; access_token?: unknown };
      const t = body?.token ?? body?.access_token;
      token = typeof t === 'string' ? t : undefined;
    } catch {
      token = undefined;
    }
    if (!token) throw new RemoteFetchError(this.req, 'invalid', `token response from ${safeUrl(realm)} has no token`);
    this.authorization = `Bearer ${token}`;
  }
}
