/**
 * Where a remote fetch may go and what it may send there:
 *   - the repoURL must be allowed by the RepoAllowlist before any network I/O;
 *   - every URL the fetch is then sent to by an answer (index `urls` entries, redirects, OCI
 *     token realms, tag-list `Link` pages) must be inside the repository (same scheme, host and
 *     port, and for a Helm repository under its path) or be allowed by a pattern itself;
 *   - credentials go only to the exact scheme+host+port of the credential entry's URL, and
 *     never over plain http, except to an OCI registry the operator declared plain-http
 *     (DPU_GITOPS_OCI_PLAIN_HTTP, helm's --plain-http, which sends them too).
 * Failures become RemoteFetchError with a coarse category (contract/chart-resolver.ts).
 */
import type { ChartUnavailableCategory } from '../../contract/chart-resolver.js';
import type { RepoAllowlist } from './allowlist.js';
import type { RepoCredential } from './credentials.js';
import { HttpError, originOf, safeUrl } from './http.js';
import { RemoteFetchError, type ChartRequest } from './types.js';

/** A refusal before any byte goes out when the repoURL matches no pattern. */
export function checkRepositoryAllowed(req: ChartRequest, allowlist: RepoAllowlist): void {
  if (allowlist.allows(req.repoURL)) return;
  const why = allowlist.isEmpty ? 'no allowed-repos patterns are configured (remote fetching is off)' : `patterns: ${allowlist.sources.join(', ')}`;
  throw new RemoteFetchError(req, 'not-allowed', `repository not allowed: ${safeUrl(req.repoURL)} matches no allowed-repos pattern (${why})`);
}

/**
 * Whether a URL an answer pointed to may be requested. `home` is the repository's own URL:
 * for a Helm repository its https URL (paths under it are inside), for an OCI registry its
 * origin (the whole registry API is inside).
 */
export function followedUrlAllowed(url: string, home: string, allowlist: RepoAllowlist): boolean {
  return isInside(url, home) || allowlist.allows(url);
}

function isInside(url: string, home: string): boolean {
  let u: URL;
  let h: URL;
  try {
    u = new URL(url);
    h = new URL(home);
  } catch {
    return false;
  }
  if (u.username !== '' || u.password !== '' || originOf(url) !== originOf(home)) return false;
  const base = h.pathname.replace(/\/+$/, '');
  return base === '' || u.pathname === base || u.pathname.startsWith(`${base}/`);
}

/** The credential entry's own origin, where its secrets may go (oci:// read as https, or http when plain). */
export function credentialOrigin(cred: RepoCredential, plainHttpRegistry: boolean): string | undefined {
  const url = cred.url.startsWith('oci://') ? `${plainHttpRegistry ? 'http' : 'https'}://${cred.url.slice('oci://'.length)}` : cred.url;
  return originOf(url);
}

/**
 * `Authorization: Basic` for `url` when the credential entry is for exactly that origin and the
 * transport is https (or the entry is an OCI registry the operator declared plain-http).
 */
export function basicAuthHeaders(url: string, cred: RepoCredential | undefined, plainHttpRegistry = false): Record<string, string> {
  const value = basicAuthFor(url, cred, plainHttpRegistry);
  return value === undefined ? {} : { Authorization: value };
}

export function basicAuthFor(url: string, cred: RepoCredential | undefined, plainHttpRegistry = false): string | undefined {
  if (cred?.username === undefined) return undefined;
  const target = originOf(url);
  if (target === undefined) return undefined;
  const httpAllowed = plainHttpRegistry && cred.url.startsWith('oci://');
  if (!target.startsWith('https:') && !(httpAllowed && target.startsWith('http:'))) return undefined;
  const own = credentialOrigin(cred, plainHttpRegistry);
  const realms = (cred.tokenRealms ?? []).map((r) => originOf(r));
  if (target !== own && !realms.includes(target)) return undefined;
  return `Basic ${Buffer.from(`${cred.username}:${cred.password ?? ''}`).toString('base64')}`;
}

/** The category of a transport failure. */
export function categoryOfHttpError(e: HttpError): ChartUnavailableCategory {
  switch (e.kind) {
    case 'timeout':
    case 'aborted':
      return 'timeout';
    case 'too-large':
      return 'too-large';
    case 'not-allowed':
      return 'not-allowed';
    case 'network':
      return 'unreachable';
  }
}

/** The category of an HTTP status that is not the one expected (404: the thing asked for is missing). */
export function categoryOfStatus(status: number): ChartUnavailableCategory {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not-found';
  return 'unreachable';
}

/** Any failure of a remote fetch step as a RemoteFetchError (one already categorized stays as it is). */
export function asFetchError(req: ChartRequest, e: unknown, fallback: ChartUnavailableCategory = 'unreachable'): RemoteFetchError {
  if (e instanceof RemoteFetchError) return e;
  if (e instanceof HttpError) return new RemoteFetchError(req, categoryOfHttpError(e), e.message, e);
  return new RemoteFetchError(req, fallback, e instanceof Error ? e.message : String(e), e);
}
