/**
 * Everything DPF's DPUService controller hands ArgoCD for one DPUService on one cluster: the
 * Application's helm release name, its destination namespace and the values
 * (`argoCDValuesFromDPUService`), with the serviceID DPF uses (explicit or `generateServiceID`).
 * The webhook and lint render a DPUService's chart with exactly these, as the CMP does.
 */
import type { GoMap } from '../helm/template/value.js';
import { decodeDpuService, type DpuService, type DpuServiceInterface, type JsonObject, type SourceLocation } from './dpuservice.js';
import { argoCDValuesFromDPUService } from './values.js';
import { IN_CLUSTER, releaseNameOf, serviceIdOf } from './release-name.js';

/** One DPUService as DPF deploys it to one cluster. */
export interface DpfRelease {
  service: DpuService;
  serviceID: string;
  /** The cluster name in the Application name: the DPUCluster, or `in-cluster` for host-side services. */
  cluster: string;
  releaseName: string;
  namespace: string;
  /** Go values, as helm reads the values ArgoCD writes. */
  values: GoMap;
}

export interface DpfReleaseOptions {
  /** DPUCluster name for DPU-side services (host-side ones always use `in-cluster`). */
  cluster: string;
  /** The namespace when the object sets none. */
  defaultNamespace: string;
  /** The DPUServiceInterfaces `spec.interfaces` names, resolved (none: the annotation is left as is). */
  interfaces?: readonly DpuServiceInterface[];
  /** Receives helm's coalescing warnings. */
  warn?: (message: string) => void;
  location?: SourceLocation;
}

/** The cluster DPF names a service's Application after (GetApplicationName's first argument). */
export function clusterFor(service: Pick<DpuService, 'deployInCluster'>, dpuCluster: string): string {
  return service.deployInCluster ? IN_CLUSTER : dpuCluster;
}

/**
 * DPF's release for a DPUService object that passed the contract's spec rules. Throws
 * QuantityError / NetworkAnnotationError for inputs DPF's controller rejects.
 */
export function dpfReleaseOf(raw: JsonObject, opts: DpfReleaseOptions): DpfRelease {
  const service = decodeDpuService(raw, opts.location ?? { file: '', doc: 0, line: 1 }, opts.defaultNamespace);
  const serviceID = serviceIdOf(service.serviceID, service.name, service.namespace);
  const cluster = clusterFor(service, opts.cluster);
  const values = argoCDValuesFromDPUService(service, {
    serviceID,
    cluster,
    interfaces: opts.interfaces ?? [],
    ...(opts.warn ? { warn: opts.warn } : {}),
  });
  return { service, serviceID, cluster, releaseName: releaseNameOf(service.source.releaseName, cluster, service.name), namespace: service.namespace, values };
}
