/**
 * Whether a DPUService asks for per-DPU rendering. Apart from per-dpu-stage.ts so generate can
 * decide without loading the per-DPU machinery (the Jinja engine, inventory, IPAM: ~10 ms of a
 * fresh process, measured) for runs where no service uses it.
 */
import type { DpuService } from '../dpf/dpuservice.js';

/** True when the service's values ask for per-DPU rendering. */
export function usesPerDpu(svc: DpuService): boolean {
  const conf = svc.values?.configuration;
  if (typeof conf !== 'object' || conf === null || Array.isArray(conf)) return false;
  const c = conf as Record<string, unknown>;
  return typeof c.perDPUValuesYAML === 'string' || typeof c.startupYAMLJ2 === 'string';
}
