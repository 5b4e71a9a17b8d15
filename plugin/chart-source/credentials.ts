/**
 * Repository credentials and TLS settings the sidecar mounts: the file named by
 * DPU_GITOPS_CREDENTIALS (YAML or JSON) lists entries matched by URL prefix, longest first:
 *
 *   repositories:
 *   - url: https://helm.example.com/dpf       # or oci://registry.example.com/dpf
 *     username: robot
 *     passwordFile: /etc/dpu-gitops/creds/helm-password   # or password: ...
 *     caFile: /etc/dpu-gitops/ca.crt                       # extra CA for this host
 *     tokenRealms: [https://auth.docker.io]                # OCI: token endpoints on other hosts
 *
 * The secrets go only to the scheme+host+port of `url` (fetch-policy.ts). An OCI registry whose
 * Bearer token endpoint lives on another host (Docker Hub: auth.docker.io; GitLab) gets the
 * basic credentials sent there only when that origin is listed in `tokenRealms`.
 *
 * DPU_GITOPS_CA_FILE adds a CA bundle for every host. Secrets are never logged or put in error
 * messages: errors name the URL only.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface RepoCredential {
  url: string;
  username?: string;
  password?: string;
  /** PEM CA certificates trusted for this repository (in addition to the system ones). */
  ca?: string;
  /** Origins (`https://host[:port]`) of OCI token endpoints that may receive these credentials. */
  tokenRealms?: string[];
}

export interface CredentialStore {
  /** The entry whose url is the longest prefix of `url` (scheme-insensitive for oci:// vs https://). */
  lookup(url: string): RepoCredential | undefined;
  /** A CA bundle for every host, if configured. */
  globalCa?: string;
}

/** A credentials file that cannot be used (message names the file, never its contents). */
export class CredentialsError extends Error {
  constructor(file: string, detail: string) {
    super(`credentials file ${file}: ${detail}`);
    this.name = 'CredentialsError';
  }
}

export function loadCredentials(env: Readonly<Record<string, string | undefined>>): CredentialStore {
  const entries: RepoCredential[] = [];
  const file = env.DPU_GITOPS_CREDENTIALS;
  if (file) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new CredentialsError(file, err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'not valid YAML/JSON');
    }
    const list = (doc as { repositories?: unknown } | null)?.repositories;
    if (!Array.isArray(list)) throw new CredentialsError(file, 'needs a `repositories` list');
    list.forEach((e, i) => {
      const o = (e ?? {}) as Record<string, unknown>;
      if (typeof o.url !== 'string' || o.url === '') throw new CredentialsError(file, `repositories[${i}].url is missing`);
      const c: RepoCredential = { url: o.url.replace(/\/+$/, '') };
      if (typeof o.username === 'string') c.username = o.username;
      if (typeof o.password === 'string') c.password = o.password;
      if (typeof o.passwordFile === 'string') c.password = readSecret(file, i, 'passwordFile', o.passwordFile);
      if (typeof o.caFile === 'string') c.ca = readSecret(file, i, 'caFile', o.caFile);
      if (o.tokenRealms !== undefined) {
        const realms = Array.isArray(o.tokenRealms) ? o.tokenRealms : [o.tokenRealms];
        if (!realms.every((r): r is string => typeof r === 'string' && /^https:\/\//.test(r))) throw new CredentialsError(file, `repositories[${i}].tokenRealms must list https:// URLs`);
        c.tokenRealms = realms;
      }
      entries.push(c);
    });
  }
  const store: CredentialStore = {
    lookup(url: string) {
      const norm = (u: string): string => u.replace(/^oci:\/\//, 'https://').replace(/\/+$/, '');
      const target = norm(url);
      let best: RepoCredential | undefined;
      for (const e of entries) {
        const p = norm(e.url);
        if ((target === p || target.startsWith(`${p}/`)) && (!best || p.length > norm(best.url).length)) best = e;
      }
      return best;
    },
  };
  if (env.DPU_GITOPS_CA_FILE) store.globalCa = readFileSync(env.DPU_GITOPS_CA_FILE, 'utf8');
  return store;
}

function readSecret(file: string, i: number, key: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new CredentialsError(file, `repositories[${i}].${key} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
