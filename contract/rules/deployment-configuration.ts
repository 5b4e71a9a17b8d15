/**
 * deployment-configuration: a DPUServiceConfiguration as DPF's CRD validates it
 * (dpuserviceconfiguration_types.go, dpf.md §1.3): deploymentServiceName 1..28;
 * serviceConfiguration {helmChart.values, serviceDaemonSet {updateStrategy, labels and
 * annotations (at most 50, no key in DPF's dpu.nvidia.com domain; the label
 * svc.dpu.nvidia.com/custom-flows excepted), resources}, deployInCluster, configPorts};
 * interfaces 1..50 {name 1..15, network, virtualNetwork}; upgradePolicy.applyNodeEffect; and
 * the CEL rules: no interfaces and no configPorts with deployInCluster: true. configPorts'
 * own fields are checked on the composed DPUService (dpuservice-config-ports).
 */
import { FieldReporter, unknownFields } from '../field-check.js';
import { field, isObject, objectRefOf } from '../json.js';
import type { Finding, RuleSpec } from '../types.js';
import { checkKeyedMap, checkList, checkObjectHead, checkResourceList, isDpfDomainKey, SVC_API_VERSION } from './deployment-shared.js';

export const deploymentConfigurationRule: RuleSpec = {
  id: 'deployment-configuration',
  severity: 'error',
  summary: 'A DPUServiceConfiguration has deploymentServiceName (1-28), serviceConfiguration, interfaces and upgradePolicy as DPF\'s CRD and CEL rules require.',
  fix: 'change {{field}} to satisfy the DPUServiceConfiguration API (svc.dpu.nvidia.com/v1alpha1)',
};

/** DPF's CEL: `key.matches('svc.dpu.nvidia.com/custom-flows')` (an unanchored RE2 search). */
const CUSTOM_FLOWS = /svc.dpu.nvidia.com\/custom-flows/;

export function checkDeploymentConfiguration(object: unknown): Finding[] {
  const ref = objectRefOf(object, 'DPUServiceConfiguration');
  const r = new FieldReporter('deployment-configuration', ref);
  const spec = checkObjectHead(r, object, SVC_API_VERSION);
  if (!spec) return r.findings;
  const extra: Finding[] = [];
  r.string(['spec', 'deploymentServiceName'], field(spec, 'deploymentServiceName'), { required: true, maxLength: 28 });
  const scPath = ['spec', 'serviceConfiguration'];
  const sc = r.mapping(scPath, field(spec, 'serviceConfiguration'));
  let deployInCluster: boolean | undefined;
  if (sc) {
    const helmChart = r.mapping([...scPath, 'helmChart'], field(sc, 'helmChart'));
    if (helmChart) {
      r.mapping([...scPath, 'helmChart', 'values'], field(helmChart, 'values'));
      extra.push(...unknownFields(helmChart, ['values'], [...scPath, 'helmChart'], ref));
    }
    const sdsPath = [...scPath, 'serviceDaemonSet'];
    const sds = r.mapping(sdsPath, field(sc, 'serviceDaemonSet'));
    if (sds) {
      const us = r.mapping([...sdsPath, 'updateStrategy'], field(sds, 'updateStrategy'));
      if (us) r.oneOf([...sdsPath, 'updateStrategy', 'type'], field(us, 'type'), ['RollingUpdate', 'OnDelete']);
      checkKeyedMap(r, [...sdsPath, 'labels'], field(sds, 'labels'), 50, (k) => !isDpfDomainKey(k) || CUSTOM_FLOWS.test(k), 'labels should not contain dpu.nvidia.com/ and should not end with dpu.nvidia.com');
      checkKeyedMap(r, [...sdsPath, 'annotations'], field(sds, 'annotations'), 50, (k) => !isDpfDomainKey(k), 'annotations should not contain dpu.nvidia.com/ and should not end with dpu.nvidia.com');
      checkResourceList(r, [...sdsPath, 'resources'], field(sds, 'resources'));
      extra.push(...unknownFields(sds, ['updateStrategy', 'labels', 'annotations', 'resources'], sdsPath, ref));
    }
    deployInCluster = r.boolean([...scPath, 'deployInCluster'], field(sc, 'deployInCluster'));
    const cp = r.mapping([...scPath, 'configPorts'], field(sc, 'configPorts'));
    if (cp && deployInCluster === true) r.report([...scPath, 'configPorts'], 'configPorts cannot be set when deployInCluster is true');
    extra.push(...unknownFields(sc, ['helmChart', 'serviceDaemonSet', 'deployInCluster', 'configPorts'], scPath, ref));
  }
  const interfaces = checkList(r, ['spec', 'interfaces'], field(spec, 'interfaces'), 1, 50);
  if (interfaces) {
    if (deployInCluster === true) r.report(['spec', 'interfaces'], 'interfaces are not supported when deploying in cluster');
    const seen = new Set<string>();
    interfaces.forEach((item, i) => {
      const p = ['spec', 'interfaces', i];
      if (!isObject(item)) return r.report(p, 'must be a mapping', item);
      const name = r.string([...p, 'name'], field(item, 'name'), { required: true, maxLength: 15 });
      if (name !== undefined && seen.has(name)) r.report([...p, 'name'], 'repeats an earlier interface name', name);
      if (name !== undefined) seen.add(name);
      r.string([...p, 'network'], field(item, 'network'), { required: true });
      r.string([...p, 'virtualNetwork'], field(item, 'virtualNetwork'));
      extra.push(...unknownFields(item, ['name', 'network', 'virtualNetwork'], p, ref));
    });
  }
  const up = r.mapping(['spec', 'upgradePolicy'], field(spec, 'upgradePolicy'));
  if (up) {
    r.boolean(['spec', 'upgradePolicy', 'applyNodeEffect'], field(up, 'applyNodeEffect'));
    extra.push(...unknownFields(up, ['applyNodeEffect'], ['spec', 'upgradePolicy'], ref));
  }
  return [...r.findings, ...extra, ...unknownFields(spec, ['deploymentServiceName', 'serviceConfiguration', 'interfaces', 'upgradePolicy'], ['spec'], ref)];
}
