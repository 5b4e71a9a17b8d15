/**
 * dpuservice-config-ports: `spec.configPorts` as DPF's ConfigPorts type and CEL rules define it
 * (dpf.md §1.1): serviceType NodePort|ClusterIP|None, each port with a unique name matching
 * ^[a-z0-9-]+$, a port 1-65535, protocol TCP|UDP, and a nodePort in the default NodePort
 * range 30000-32767 only when serviceType is NodePort (the default).
 */
import { FieldReporter, unknownFields } from '../field-check.js';
import { field, isObject, objectRefOf } from '../json.js';
import type { Finding, RuleSpec } from '../types.js';

export const dpuServiceConfigPortsRule: RuleSpec = {
  id: 'dpuservice-config-ports',
  severity: 'error',
  summary: 'spec.configPorts: serviceType NodePort|ClusterIP|None, ports with unique names, TCP|UDP, nodePort 30000-32767.',
  fix: 'use serviceType NodePort|ClusterIP|None; ports need unique names ^[a-z0-9-]+$, port 1-65535, TCP|UDP, nodePort 30000-32767',
};

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export function checkDpuServiceConfigPorts(object: unknown): Finding[] {
  const ref = objectRefOf(object, 'DPUService');
  const r = new FieldReporter('dpuservice-config-ports', ref);
  const base = ['spec', 'configPorts'];
  const configPorts = r.mapping(base, field(field(object, 'spec'), 'configPorts'));
  if (!configPorts) return r.findings;
  const serviceType = r.oneOf([...base, 'serviceType'], configPorts.serviceType, ['NodePort', 'ClusterIP', 'None']) ?? 'NodePort';
  const unknown = unknownFields(configPorts, ['serviceType', 'ports'], base, ref);
  const ports = configPorts.ports;
  if (ports === undefined) {
    r.report([...base, 'ports'], 'is missing');
    return [...r.findings, ...unknown];
  }
  if (!Array.isArray(ports)) {
    r.report([...base, 'ports'], 'must be a list', ports);
    return [...r.findings, ...unknown];
  }
  const seen = new Map<string, number>();
  ports.forEach((port, i) => {
    const p = [...base, 'ports', i];
    if (!isObject(port)) return r.report(p, 'must be a mapping', port);
    const name = r.string([...p, 'name'], port.name, { required: true, pattern: /^[a-z0-9-]+$/, patternText: '^[a-z0-9-]+$' });
    if (name) {
      const first = seen.get(name);
      if (first !== undefined) r.report([...p, 'name'], `duplicates the name of ports[${first}]`, name);
      else seen.set(name, i);
    }
    r.integer([...p, 'port'], port.port, 1, 65535, true);
    r.oneOf([...p, 'protocol'], port.protocol, ['TCP', 'UDP'], true);
    if (port.nodePort !== undefined) {
      if (serviceType !== 'NodePort') r.report([...p, 'nodePort'], `is only allowed with serviceType NodePort (here ${serviceType})`);
      else r.integer([...p, 'nodePort'], port.nodePort, NODE_PORT_MIN, NODE_PORT_MAX);
    }
    unknown.push(...unknownFields(port, ['name', 'port', 'protocol', 'nodePort'], p, ref));
  });
  return [...r.findings, ...unknown];
}
