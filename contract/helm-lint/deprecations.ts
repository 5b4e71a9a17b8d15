/**
 * helm lint's deprecated-API rule (pkg/lint/rules/deprecations.go): an object whose
 * apiVersion/kind the client-go v0.32.2 scheme registers with an APILifecycleDeprecated release
 * at or before the target Kubernetes version gets k8s.io/apiserver's deprecation.WarningMessage.
 * Without `--kube-version` helm v3.17.3 compares with 1.32 (its build sets k8sVersionMinor from
 * client-go v0.32). The facts are recorded in api-lifecycle-data.ts by
 * scripts/record/helm-lint/api-lifecycle.mjs.
 */
import { API_LIFECYCLE_JSON } from './api-lifecycle-data.js';

interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface LifecycleFacts extends GroupVersionKind {
  introduced?: [number, number];
  deprecated?: [number, number];
  removed?: [number, number];
  replacement?: GroupVersionKind;
}

/** helm v3.17.3's default target when no --kube-version is given. */
export const DEFAULT_DEPRECATION_VERSION = { major: 1, minor: 32 } as const;

let table: Map<string, LifecycleFacts> | undefined;

/** The lifecycle facts of every built-in kind of k8s.io/api v0.32.2, keyed `group/version/Kind`. */
export function lifecycleTable(): Map<string, LifecycleFacts> {
  if (table) return table;
  const data = JSON.parse(API_LIFECYCLE_JSON) as { kinds: LifecycleFacts[] };
  table = new Map(data.kinds.map((k) => [`${k.group}/${k.version}/${k.kind}`, k]));
  return table;
}

/** schema.GroupVersion.String(): "v1" for the core group, else "group/version". */
const groupVersionText = (g: GroupVersionKind): string => (g.group === '' ? g.version : `${g.group}/${g.version}`);

/** schema.ParseGroupVersion as FromAPIVersionAndKind uses it: undefined when it does not parse. */
function parseApiVersion(apiVersion: string): { group: string; version: string } | undefined {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0] as string, version: parts[1] as string };
  return undefined;
}

/**
 * validateNoDeprecations: undefined, or the warning text. `target` is the Kubernetes version
 * (major, minor) compared with.
 */
export function deprecationWarning(apiVersion: string, kind: string, target: { major: number; minor: number } = DEFAULT_DEPRECATION_VERSION): string | undefined {
  if (apiVersion === '' || kind === '') return undefined;
  const gv = parseApiVersion(apiVersion);
  if (!gv) return undefined;
  const facts = lifecycleTable().get(`${gv.group}/${gv.version}/${kind}`);
  if (!facts?.deprecated) return undefined;
  const [dMajor, dMinor] = facts.deprecated;
  if (dMajor === 0 && dMinor === 0) return undefined;
  const isDeprecated =
    (target.major === 0 && target.minor === 0) || !(dMajor > target.major || (dMajor === target.major && dMinor > target.minor));
  if (!isDeprecated) return undefined;
  let text = `${groupVersionText(facts)} ${facts.kind} is deprecated in v${dMajor}.${dMinor}+`;
  if (facts.removed && (facts.removed[0] !== 0 || facts.removed[1] !== 0)) text += `, unavailable in v${facts.removed[0]}.${facts.removed[1]}+`;
  const r = facts.replacement;
  if (r && (r.group !== '' || r.version !== '' || r.kind !== '')) text += `; use ${groupVersionText(r)} ${r.kind}`;
  return text;
}
