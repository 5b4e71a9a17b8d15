/**
 * Which chart repositories may be fetched: patterns in the style of ArgoCD's AppProject
 * `sourceRepos` (argo-cd pkg/apis/application/v1alpha1 IsSourcePermitted, util/glob):
 *   - gobwas/glob syntax with `/` as separator: `*` (any run without `/`), `**` (any run),
 *     `?` (one character but `/`), `[abc]` `[a-z]` `[!abc]` (one character), `{a,b}`
 *     (alternatives), `\` (escape); the pattern `*` alone matches everything;
 *   - a leading `!` negates: a URL is allowed when some plain pattern matches it and no `!`
 *     pattern does (ArgoCD's documented rule; `!*` is refused, as ArgoCD's docs call it invalid).
 *     ArgoCD's code also lets a list of only `!` patterns allow everything else; we follow the
 *     documentation instead, so a deny-only list allows nothing;
 *   - both sides are compared lower-cased and without trailing `/` (ArgoCD lower-cases too).
 *     URLs are first put in canonical form (`scheme://host[:port]/path`, dot segments resolved,
 *     no query or fragment), so `https://h/ok/../internal` is matched as `https://h/internal`;
 *     a URL with userinfo (`https://user@host`) is never allowed.
 *
 * Default (no DPU_GITOPS_ALLOWED_REPOS, no `allowedRepos` option): every https and oci URL,
 * DEFAULT_ALLOWED_REPOS. For the CMP that is no wider than what it already trusts: whoever can
 * commit a DPUService to the git repository decides what ArgoCD deploys anyway (the chart is
 * theirs to choose), and which git repositories an Application may use is governed by ArgoCD's
 * own AppProject `sourceRepos`. Plain http is not in the default. The webhook is different:
 * anyone allowed to create a DPUService could make it fetch any URL, so it passes an explicit
 * list, where an empty list means no remote fetching at all.
 */

/** Every https Helm repository and every OCI registry. */
export const DEFAULT_ALLOWED_REPOS: readonly string[] = ['https://**', 'oci://**'];

/** URLs longer than this are never allowed (keeps matching cheap on hostile index entries). */
export const MAX_MATCHED_URL_LENGTH = 8192;

/** A pattern that cannot be used (named, with the reason). */
export class AllowlistError extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`allowed-repos pattern ${JSON.stringify(pattern)}: ${reason}`);
    this.name = 'AllowlistError';
  }
}

interface CompiledPattern {
  source: string;
  deny: boolean;
  matches(canonicalUrl: string): boolean;
}

export class RepoAllowlist {
  private readonly patterns: CompiledPattern[];

  /** Throws AllowlistError for a pattern that does not compile or is `!*`. */
  constructor(patterns: readonly string[]) {
    this.patterns = patterns
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map(compilePattern);
  }

  /** The patterns as given (trimmed), for messages and logs. */
  get sources(): string[] {
    return this.patterns.map((p) => (p.deny ? `!${p.source}` : p.source));
  }

  /** True when no pattern is configured: nothing can be fetched. */
  get isEmpty(): boolean {
    return this.patterns.length === 0;
  }

  /** Whether `url` may be fetched (ArgoCD IsSourcePermitted, documented semantics). */
  allows(url: string): boolean {
    const canonical = canonicalUrl(url);
    if (canonical === undefined) return false;
    let allowed = false;
    for (const p of this.patterns) {
      const hit = p.matches(canonical);
      if (hit && p.deny) return false;
      if (hit) allowed = true;
    }
    return allowed;
  }
}

/**
 * Patterns from DPU_GITOPS_ALLOWED_REPOS (comma- or newline-separated): undefined when the
 * variable is unset, so the caller can apply its default; set but empty means none.
 */
export function allowedReposFromEnv(env: Readonly<Record<string, string | undefined>>): string[] | undefined {
  const raw = env.DPU_GITOPS_ALLOWED_REPOS;
  if (raw === undefined) return undefined;
  return raw
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * `scheme://host[:port]/path` of a URL, lower-cased, without trailing `/`; undefined for text
 * that is not an absolute URL with a host, carries userinfo, or is too long to match.
 */
export function canonicalUrl(url: string): string | undefined {
  if (url.length > MAX_MATCHED_URL_LENGTH) return undefined;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (u.host === '' || u.username !== '' || u.password !== '') return undefined;
  return `${u.protocol}//${u.host}${u.pathname}`.toLowerCase().replace(/\/+$/, '');
}

function compilePattern(text: string): CompiledPattern {
  const deny = text.startsWith('!');
  const body = (deny ? text.slice(1) : text).trim().toLowerCase().replace(/\/+$/, '');
  if (body === '') throw new AllowlistError(text, 'is empty');
  if (deny && body === '*') throw new AllowlistError(text, '`!*` would refuse everything (ArgoCD calls it invalid); remove the patterns instead');
  if (body === '*') return { source: body, deny, matches: () => true };
  const regex = new RegExp(`^${globToRegex(text, body)}$`, 's');
  return { source: body, deny, matches: (url) => regex.test(url) };
}

/** gobwas/glob with separator `/` as a regular expression body. */
function globToRegex(original: string, glob: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    switch (c) {
      case '\\': {
        const next = glob[++i];
        if (next === undefined) throw new AllowlistError(original, 'ends with an escape character');
        out += escapeRegex(next);
        break;
      }
      case '*':
        if (glob[i + 1] === '*') {
          while (glob[i + 1] === '*') i++;
          out += '.*';
        } else {
          out += '[^/]*';
        }
        break;
      case '?':
        out += '[^/]';
        break;
      case '[': {
        const close = glob.indexOf(']', i + 2);
        if (close < 0) throw new AllowlistError(original, 'has a `[` without `]`');
        let inner = glob.slice(i + 1, close);
        const negated = inner.startsWith('!');
        if (negated) inner = inner.slice(1);
        if (inner === '') throw new AllowlistError(original, 'has an empty character class');
        const cls = [...inner].map((ch, k, all) => (ch === '-' && k > 0 && k < all.length - 1 ? '-' : escapeClassChar(ch))).join('');
        // A negated class never matches the separator, as `?` does not.
        out += negated ? `[^/${cls}]` : `[${cls}]`;
        i = close;
        break;
      }
      case '{':
        depth++;
        out += '(?:';
        break;
      case '}':
        if (depth === 0) throw new AllowlistError(original, 'has a `}` without `{`');
        depth--;
        out += ')';
        break;
      case ',':
        out += depth > 0 ? '|' : ',';
        break;
      default:
        out += escapeRegex(c);
    }
  }
  if (depth !== 0) throw new AllowlistError(original, 'has a `{` without `}`');
  return out;
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

function escapeClassChar(c: string): string {
  return /[\\\]^[-]/.test(c) ? `\\${c}` : c;
}
