/**
 * One ConfigMap per DPU carrying its rendered startup config, the shape a DaemonSet pod can read
 * on its own node: name `<release>-startup-<dpu>` (the release name, as the DPF chart contract
 * asks of every object), labels naming the service and the DPU node, data key `startup.yaml`.
 * Names past 253 characters and label values past 63 are shortened with a hash suffix.
 */
import { createHash } from 'node:crypto';
import type { PerDpuRender } from './index.js';

export const STARTUP_CONFIG_KEY = 'startup.yaml';
export const SERVICE_LABEL = 'svc.dpu.nvidia.com/service';
export const NODE_LABEL = 'dpu-gitops.nvidia.com/dpu-node';
/** Kubernetes' limit on a ConfigMap's size (data plus metadata). */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;

function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const h = createHash('sha256').update(s).digest('hex').slice(0, 10);
  return `${s.slice(0, max - 11).replace(/[-.]+$/, '')}-${h}`;
}

export interface ConfigMapOptions {
  releaseName: string;
  namespace: string;
  serviceID: string;
}

/** ConfigMaps for the DPUs of `render` that have a startup config; throws if one exceeds 1 MiB. */
export function perDpuConfigMaps(render: PerDpuRender, o: ConfigMapOptions): Record<string, unknown>[] {
  return render.perDpu
    .filter((r) => r.startupConfig !== undefined)
    .map((r) => {
      const cm = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: shorten(`${o.releaseName}-startup-${r.dpu.name}`.toLowerCase(), 253),
          namespace: o.namespace,
          labels: { [SERVICE_LABEL]: shorten(o.serviceID, 63), [NODE_LABEL]: shorten(r.dpu.name, 63) },
          annotations: { [NODE_LABEL]: r.dpu.name },
        },
        data: { [STARTUP_CONFIG_KEY]: r.startupConfig! },
      };
      const size = Buffer.byteLength(JSON.stringify(cm));
      if (size > CONFIGMAP_MAX_BYTES) throw new Error(`ConfigMap ${cm.metadata.name} for DPU '${r.dpu.name}' is ${size} bytes, over the 1 MiB object limit`);
      return cm;
    });
}
