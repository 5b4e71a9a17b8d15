/**
 * DPF's names for what it creates per DPUService (dpf.md §2.3, §3): the serviceID it derives
 * when `spec.serviceID` is unset, and the ArgoCD Application name `<cluster>-<dpuservice>`,
 * which is also the helm release name when `helmChart.source.releaseName` is empty.
 */
import { nodeCrypto } from '../helm/on-demand.js';
import { goJsonString } from './go-json.js';

/** DPF's cluster name for host-side (`deployInCluster: true`) services' Applications. */
export const IN_CLUSTER = 'in-cluster';

/** Kubernetes' object-name limit that DPF's GetApplicationName keeps to. */
export const APPLICATION_NAME_MAX = 63;
/** Characters GenerateName keeps from the long name before `-<digest>`. */
const GENERATED_PREFIX = 57;

/**
 * DPF `digest.FromObjects(objs...)` for string arguments: sha256 over the concatenated
 * json.Encoder outputs (each a JSON string plus "\n"), as a hex string.
 */
export function digestFromStrings(...values: string[]): string {
  const h = nodeCrypto().createHash('sha256');
  for (const v of values) h.update(`${goJsonString(v)}\n`, 'utf8');
  return h.digest('hex');
}

/**
 * DPF `GetApplicationName(cluster, dpuService)`: `<cluster>-<dpuservice>`; above 63 characters
 * `digest.GenerateName(name, cluster, dpuservice)` = the first 57 characters, `-`, and the first
 * 5 hex digits of FromObjects(cluster, dpuservice).
 */
export function applicationName(cluster: string, dpuServiceName: string): string {
  const name = `${cluster}-${dpuServiceName}`;
  if (name.length <= APPLICATION_NAME_MAX) return name;
  return `${name.slice(0, GENERATED_PREFIX)}-${digestFromStrings(cluster, dpuServiceName).slice(0, 5)}`;
}

/**
 * The helm release name ArgoCD uses for DPF's Application: `helmChart.source.releaseName` when
 * set, else the Application name (ArgoCD's default release name).
 */
export function releaseNameOf(releaseName: string | undefined, cluster: string, dpuServiceName: string): string {
  return releaseName !== undefined && releaseName !== '' ? releaseName : applicationName(cluster, dpuServiceName);
}

/** DPUService's GroupKind().String(), the first object DPF hashes for a derived serviceID. */
export const DPUSERVICE_GROUP_KIND = 'DPUService.svc.dpu.nvidia.com';

/**
 * DPF `generateServiceID`: `spec.serviceID` when set, else
 * `digest.Short(digest.FromObjects(GroupKind().String(), name, namespace), 10)`.
 */
export function serviceIdOf(explicit: string | undefined, name: string, namespace: string): string {
  if (explicit !== undefined) return explicit;
  return digestFromStrings(DPUSERVICE_GROUP_KIND, name, namespace).slice(0, 10);
}
