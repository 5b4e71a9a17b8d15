/**
 * The environment ArgoCD's cmp-server gives `init`/`generate`/parameters commands, read once
 * into a typed value (argocd-cmp.md §4.2, §4.3): ARGOCD_APP_*, KUBE_VERSION,
 * KUBE_API_VERSIONS, ARGOCD_APP_PARAMETERS (Go-marshalled JSON, `null` when none),
 * ARGOCD_ENV_<name> (name taken literally, not escaped). PARAM_* variables are not read:
 * their names collide (`a.b` and `a-b`), ARGOCD_APP_PARAMETERS carries the same data exactly.
 */
import type { AppParameter } from './parameters.js';

export interface CmpEnv {
  appName: string;
  /** The Application's destination namespace. */
  appNamespace: string;
  projectName: string;
  revision: string;
  sourceRepoURL: string;
  /** `spec.source.path` as written: the app dir relative to the repository root. */
  sourcePath: string;
  targetRevision: string;
  /** `1.30.4`, or "" when ArgoCD did not know it. */
  kubeVersion: string;
  /** `group/version` and `group/version/Kind` entries of the destination cluster. */
  apiVersions: string[];
  /** `spec.source.plugin.parameters`. */
  parameters: AppParameter[];
  /** `spec.source.plugin.env`, keyed by the name the user wrote. */
  pluginEnv: Record<string, string>;
}

/** A malformed variable (ArgoCD itself never sends these; a hand-run plugin might). */
export class CmpEnvError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = 'CmpEnvError';
  }
}

/** Reads the CMP request variables from an environment (process.env in the CLI). */
export function readCmpEnv(env: Readonly<Record<string, string | undefined>>): CmpEnv {
  const get = (k: string): string => env[k] ?? '';
  const pluginEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('ARGOCD_ENV_') && v !== undefined) pluginEnv[k.slice('ARGOCD_ENV_'.length)] = v;
  const kubeVersion = get('KUBE_VERSION').trim();
  if (kubeVersion !== '' && !/^v?\d+\.\d+(\.\d+)?$/.test(kubeVersion)) throw new CmpEnvError('KUBE_VERSION', `not a Kubernetes version: ${JSON.stringify(kubeVersion)}`);
  return {
    appName: get('ARGOCD_APP_NAME'),
    appNamespace: get('ARGOCD_APP_NAMESPACE'),
    projectName: get('ARGOCD_APP_PROJECT_NAME'),
    revision: get('ARGOCD_APP_REVISION'),
    sourceRepoURL: get('ARGOCD_APP_SOURCE_REPO_URL'),
    sourcePath: get('ARGOCD_APP_SOURCE_PATH'),
    targetRevision: get('ARGOCD_APP_SOURCE_TARGET_REVISION'),
    kubeVersion,
    apiVersions: get('KUBE_API_VERSIONS')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    parameters: parseParameters(env.ARGOCD_APP_PARAMETERS),
    pluginEnv,
  };
}

/** ARGOCD_APP_PARAMETERS: a JSON array of {name, string?, array?, map?}, or null / unset. */
export function parseParameters(text: string | undefined): AppParameter[] {
  if (text === undefined || text.trim() === '' || text.trim() === 'null') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CmpEnvError('ARGOCD_APP_PARAMETERS', `not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(parsed)) throw new CmpEnvError('ARGOCD_APP_PARAMETERS', 'must be a JSON array');
  return parsed.map((p, i) => {
    if (typeof p !== 'object' || p === null || typeof (p as { name?: unknown }).name !== 'string') {
      throw new CmpEnvError('ARGOCD_APP_PARAMETERS', `item ${i} has no name`);
    }
    const o = p as Record<string, unknown>;
    const out: AppParameter = { name: o.name as string };
    if (typeof o.string === 'string') out.string = o.string;
    if (Array.isArray(o.array)) out.array = o.array.map(String);
    if (typeof o.map === 'object' && o.map !== null && !Array.isArray(o.map)) {
      out.map = Object.fromEntries(Object.entries(o.map as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    }
    return out;
  });
}
