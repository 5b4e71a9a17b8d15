/**
 * All spec rules for a DPUService object (no chart needed): object and CEL rules, chart
 * source, config ports, interfaces, serviceDaemonSet types, unknown fields.
 */
import { checkDpuServiceConfigPorts } from './rules/dpuservice-config-ports.js';
import { checkDpuServiceDaemonSet } from './rules/dpuservice-daemonset.js';
import { checkDpuServiceInterfaces } from './rules/dpuservice-interfaces.js';
import { checkDpuServiceSource } from './rules/dpuservice-source.js';
import { checkDpuServiceSpec } from './rules/dpuservice-spec.js';
import type { Finding } from './types.js';

export function checkDpuService(object: unknown): Finding[] {
  return [
    ...checkDpuServiceSpec(object),
    ...checkDpuServiceSource(object),
    ...checkDpuServiceConfigPorts(object),
    ...checkDpuServiceInterfaces(object),
    ...checkDpuServiceDaemonSet(object),
  ];
}
