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
import { loadChartFromArchive } from '../../helm/chart/load-files.js';
import { sha256Hex } from './cache.js';
import type { RepoCredential } from './credentials.js';
import type { RemoteOptions } from './http-repo.js';
import { httpGet, safeUrl, type HttpResponse } from './http.js';
import { helmTagVersions, isExactVersion, matchTag, nextPageUrl } from './oci-tags.js';
import { ChartSourceError, chartReference, type ChartRequest, type ResolvedChart } from './types.js';

export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
export const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART_LAYER_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
/** Charts pushed by helm < 3.7 (still accepted by helm's client). */
export const LEGACY_CHART_LAYER_MEDIA_TYPE = 'application/tar+gzip';

/** Most tag-list pages followed for one repository (a registry looping on Link stops here). */
export const MAX_TAG_PAGES = 1000;

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
  const ref = chartReference(req);
  const { host, repository } = ociReference(req);
  if (repository === '') throw new ChartSourceError(ref, 'an OCI repoURL needs a chart name (spec.helmChart.source.chart)');
  const cred = opts.credentials.lookup(req.repoURL);
  const ca = cred?.ca ?? opts.credentials.globalCa;
  const client = new RegistryClient(host, repository, cred, { timeoutMs: opts.timeoutMs, plainHttp: opts.ociPlainHttp === true, ...(ca ? { ca } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
  const fail = (detail: string, cause?: unknown): never => {
    throw new ChartSourceError(ref, detail, cause);
  };
  // helm ValidateReference: an exact version is the tag; anything else selects among the tags.
  const version = isExactVersion(req.version) ? req.version : await selectTag(client, req.version, opts).catch((e: unknown) => fail(errText(e), e));
  const tag = version.replace(/\+/g, '_');
  const tagKey = `oci-tag:${host}/${repository}:${tag}`;
  let layerDigest = opts.cache.getRef(tagKey);
  let data = layerDigest ? opts.cache.getBlob(layerDigest.replace(/^sha256:/, '')) : undefined;
  if (data === undefined) {
    const manifestRes = await client.get(`/manifests/${encodeURIComponent(tag)}`, { Accept: `${OCI_MANIFEST_MEDIA_TYPE}, application/vnd.docker.distribution.manifest.v2+json` }, 4 * 1024 * 1024).catch((e: unknown) => fail(errText(e), e));
    if (manifestRes.status === 404) fail(`${host}/${repository}:${tag}: not found`);
    if (manifestRes.status !== 200) fail(`${host}/${repository}:${tag}: manifest request answered HTTP ${manifestRes.status}`);
    let manifest: { config?: { mediaType?: string }; layers?: { mediaType?: string; digest?: string; size?: number }[] };
    try {
      manifest = JSON.parse(manifestRes.body.toString('utf8'));
    } catch {
      return fail(`${host}/${repository}:${tag}: manifest is not JSON`);
    }
    if (manifest.config?.mediaType !== HELM_CONFIG_MEDIA_TYPE) fail(`${host}/${repository}:${tag} is not a Helm chart (config media type ${manifest.config?.mediaType ?? 'missing'})`);
    const layer = (manifest.layers ?? []).find((l) => l.mediaType === HELM_CHART_LAYER_MEDIA_TYPE || l.mediaType === LEGACY_CHART_LAYER_MEDIA_TYPE);
    if (!layer || typeof layer.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(layer.digest)) fail(`${host}/${repository}:${tag}: manifest has no chart layer`);
    layerDigest = layer!.digest!;
    const hex = layerDigest.slice('sha256:'.length);
    data = opts.cache.getBlob(hex);
    if (data === undefined) {
      if (typeof layer!.size === 'number' && layer!.size > opts.maxChartBytes) fail(`chart layer is ${layer!.size} bytes, more than the ${opts.maxChartBytes} allowed`);
      const blobRes = await client.get(`/blobs/${layerDigest}`, {}, opts.maxChartBytes).catch((e: unknown) => fail(errText(e), e));
      if (blobRes.status !== 200) fail(`${host}/${repository}@${layerDigest}: blob request answered HTTP ${blobRes.status}`);
      const got = sha256Hex(blobRes.body);
      if (got !== hex) fail(`digest mismatch for ${host}/${repository}@${layerDigest}: got sha256:${got}`);
      opts.cache.putBlob(blobRes.body);
      data = blobRes.body;
    }
    opts.cache.putRef(tagKey, layerDigest);
  }
  try {
    return { chart: loadChartFromArchive(data), origin: `oci://${host}/${repository}:${tag}@${layerDigest}` };
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err), err);
  }
}

/**
 * The tag a version constraint selects (Client.Tags + GetTagMatchingVersionOrConstraint). The
 * registry's tag list is cached with the index TTL, so a warm cache lists nothing.
 */
async function selectTag(client: RegistryClient, version: string, opts: RemoteOptions): Promise<string> {
  const key = `oci-tags:${client.host}/${client.repository}`;
  const cached = opts.cache.getRef(key);
  let tags: string[] | undefined;
  if (cached !== undefined) {
    try {
      tags = JSON.parse(cached) as string[];
    } catch {
      tags = undefined;
    }
  }
  if (tags === undefined) {
    tags = await client.listTags(opts.ociTagPageSize);
    opts.cache.putRef(key, JSON.stringify(tags));
  }
  const versions = helmTagVersions(tags);
  if (versions.length === 0) throw new Error(`Unable to locate any tags in provided repository: oci://${client.host}/${client.repository}`);
  return matchTag(versions, version);
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One repository on one registry, with the auth a challenge asked for. */
class RegistryClient {
  private authorization: string | undefined;
  private readonly scheme: string;

  constructor(
    readonly host: string,
    readonly repository: string,
    private readonly cred: RepoCredential | undefined,
    private readonly http: { timeoutMs: number; plainHttp: boolean; ca?: string; signal?: AbortSignal },
  ) {
    this.scheme = http.plainHttp ? 'http' : 'https';
  }

  get(path: string, headers: Record<string, string>, maxBytes: number): Promise<HttpResponse> {
    return this.getUrl(`${this.scheme}://${this.host}/v2/${this.repository}${path}`, headers, maxBytes);
  }

  /**
   * Every tag of the repository: GET /v2/<repo>/tags/list (with `n` when a page size is
   * given, as oras does when configured), then each `Link: <...>; rel="next"` page.
   */
  async listTags(pageSize?: number): Promise<string[]> {
    let url: string | undefined = `${this.scheme}://${this.host}/v2/${this.repository}/tags/list${pageSize ? `?n=${pageSize}` : ''}`;
    const tags: string[] = [];
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_TAG_PAGES) throw new Error(`${this.host}/${this.repository}: more than ${MAX_TAG_PAGES} pages of tags`);
      const res: HttpResponse = await this.getUrl(url, { Accept: 'application/json' }, 16 * 1024 * 1024);
      if (res.status === 404) throw new Error(`${this.host}/${this.repository}: repository not found`);
      if (res.status !== 200) throw new Error(`${this.host}/${this.repository}: tag list request answered HTTP ${res.status}`);
      let body: { tags?: unknown };
      try {
        body = JSON.parse(res.body.toString('utf8')) as { tags?: unknown };
      } catch {
        throw new Error(`${this.host}/${this.repository}: tag list is not JSON`);
      }
      // distribution answers `"tags": null` for a repository without tags.
      if (Array.isArray(body.tags)) for (const t of body.tags) if (typeof t === 'string') tags.push(t);
      const next = nextPageUrl(res.headers.link, url);
      if (next !== undefined && new URL(next).host !== new URL(url).host) throw new Error(`${this.host}/${this.repository}: tag list points to another host`);
      url = next;
    }
    return tags;
  }

  private async getUrl(url: string, headers: Record<string, string>, maxBytes: number): Promise<HttpResponse> {
    const send = (): Promise<HttpResponse> =>
      httpGet(url, { headers: { ...headers, ...(this.authorization ? { Authorization: this.authorization } : {}) }, timeoutMs: this.http.timeoutMs, maxBytes, ...this.transport() });
    let res = await send();
    if (res.status === 401 && this.authorization === undefined) {
      const challenge = String(res.headers['www-authenticate'] ?? '');
      await this.authenticate(challenge);
      res = await send();
    }
    if (res.status === 401) throw new Error(`${safeUrl(url)}: HTTP 401 unauthorized${this.cred ? ' (credentials were rejected)' : ' (no credentials configured for this registry)'}`);
    return res;
  }

  /** The CA and abort signal every request of this client carries. */
  private transport(): { ca?: string; signal?: AbortSignal } {
    return { ...(this.http.ca ? { ca: this.http.ca } : {}), ...(this.http.signal ? { signal: this.http.signal } : {}) };
  }

  private basic(): string | undefined {
    return this.cred?.username !== undefined ? `Basic ${Buffer.from(`${this.cred.username}:${this.cred.password ?? ''}`).toString('base64')}` : undefined;
  }

  /** Answers a `Basic` or `Bearer realm=..,service=..,scope=..` challenge. */
  private async authenticate(challenge: string): Promise<void> {
    if (/^basic/i.test(challenge)) {
      this.authorization = this.basic();
      return;
    }
    const m = /^bearer\s+(.*)$/i.exec(challenge);
    if (!m) return;
    const params = new Map<string, string>();
    for (const p of m[1]!.matchAll(/(\w+)="([^"]*)"/g)) params.set(p[1]!.toLowerCase(), p[2]!);
    const realm = params.get('realm');
    if (!realm) return;
    const tokenUrl = new URL(realm);
    // The realm comes from the registry's answer: never send the basic credentials of an https
    // registry to a plain-http token endpoint.
    if (this.scheme === 'https' && tokenUrl.protocol !== 'https:') {
      throw new Error(`token realm ${safeUrl(realm)} is not https: refusing to send credentials over plain http`);
    }
    if (params.has('service')) tokenUrl.searchParams.set('service', params.get('service')!);
    tokenUrl.searchParams.set('scope', params.get('scope') ?? `repository:${this.repository}:pull`);
    const basic = this.basic();
    const res = await httpGet(tokenUrl.toString(), { headers: basic ? { Authorization: basic } : {}, timeoutMs: this.http.timeoutMs, maxBytes: 1024 * 1024, ...this.transport() });
    if (res.status !== 200) throw new Error(`token request to ${safeUrl(realm)} answered HTTP ${res.status}`);
    let token: string | undefined;
    try {
      const body = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string };
      token = body.token ?? body.access_token;
    } catch {
      token = undefined;
    }
    if (!token) throw new Error(`token response from ${safeUrl(realm)} has no token`);
    this.authorization = `Bearer ${token}`;
  }
}
