/**
 * deployment-spec: a DPUDeployment as DPF's CRD validates it (dpudeployment_types.go, newest
 * API; dpf.md §1.4): name at most 20 characters; dpus with exactly one of bfb /
 * blueFieldSoftware and of flavor / flavorTemplate, nodeEffect and dpuSetStrategy, dpuSets
 * (1..50, unique nameSuffix 1..24, not both nodeSelector and dpuNodeSelector, not both
 * dpuSelector and dpuDeviceSelector, dpuAnnotations at most 50 outside DPF's domain); services
 * (1..50 keys of at most 28 characters, serviceTemplate, serviceConfiguration, dependsOn);
 * serviceChains {upgradePolicy, switches 1..50 of ports 1..50, each exactly one of service /
 * serviceInterface, serviceMTU 1280..9216}; revisionHistoryLimit >= 1. Messages of CEL rules are
 * DPF's own.
 */
import { FieldReporter, unknownFields } from '../field-check.js';
import { field, isObject, objectRefOf } from '../json.js';
import type { Finding, RuleSpec } from '../types.js';
import { checkKeyedMap, checkList, checkObjectHead, isDpfDomainKey, SVC_API_VERSION } from './deployment-shared.js';

export const deploymentSpecRule: RuleSpec = {
  id: 'deployment-spec',
  severity: 'error',
  summary: 'A DPUDeployment has a name of at most 20 characters, dpus, services and serviceChains as DPF\'s CRD and CEL rules require.',
  fix: 'change {{field}} to satisfy the DPUDeployment API (svc.dpu.nvidia.com/v1alpha1)',
};

const DPUS_FIELDS = ['bfb', 'blueFieldSoftware', 'flavor', 'flavorTemplate', 'astraEnabled', 'dpuSets', 'nodeEffect', 'dpuSetStrategy', 'secureBoot'];
const DPUSET_FIELDS = ['nameSuffix', 'nodeSelector', 'dpuSelector', 'dpuNodeSelector', 'dpuDeviceSelector', 'dpuClusterSelector', 'dpuAnnotations'];

/** DPUSet dpuAnnotations CEL: DPF's domain except noderesources.* and the force-fw-update key. */
function annotationAllowed(k: string): boolean {
  return !(isDpfDomainKey(k) && !k.startsWith('noderesources.dpu.nvidia.com') && k !== 'provisioning.dpu.nvidia.com/force-fw-update');
}

export function checkDeploymentSpec(object: unknown): Finding[] {
  const ref = objectRefOf(object, 'DPUDeployment');
  const r = new FieldReporter('deployment-spec', ref);
  const spec = checkObjectHead(r, object, SVC_API_VERSION, { max: 20, message: "name length can't be bigger than 20 chars" });
  if (!spec) return r.findings;
  const extra: Finding[] = [];
  const dpus = r.mapping(['spec', 'dpus'], field(spec, 'dpus'), true);
  if (dpus) checkDpus(r, dpus, extra, ref);
  checkServices(r, field(spec, 'services'), extra, ref);
  checkServiceChains(r, field(spec, 'serviceChains'), extra, ref);
  const limit = field(spec, 'revisionHistoryLimit');
  if (limit !== undefined) r.integer(['spec', 'revisionHistoryLimit'], limit, 1, 2 ** 31 - 1);
  return [...r.findings, ...extra, ...unknownFields(spec, ['dpus', 'services', 'serviceChains', 'revisionHistoryLimit'], ['spec'], ref)];
}

function checkDpus(r: FieldReporter, dpus: Record<string, unknown>, extra: Finding[], ref: ReturnType<typeof objectRefOf>): void {
  const base = ['spec', 'dpus'];
  for (const k of ['bfb', 'blueFieldSoftware', 'flavor', 'flavorTemplate']) r.string([...base, k], field(dpus, k), { nonEmpty: true });
  if ((field(dpus, 'bfb') !== undefined) === (field(dpus, 'blueFieldSoftware') !== undefined)) r.report(base, 'exactly one of bfb or blueFieldSoftware must be specified');
  if ((field(dpus, 'flavor') !== undefined) === (field(dpus, 'flavorTemplate') !== undefined)) r.report(base, 'exactly one of flavor or flavorTemplate must be set');
  r.boolean([...base, 'astraEnabled'], field(dpus, 'astraEnabled'));
  r.boolean([...base, 'secureBoot'], field(dpus, 'secureBoot'));
  r.mapping([...base, 'nodeEffect'], field(dpus, 'nodeEffect'), true);
  r.mapping([...base, 'dpuSetStrategy'], field(dpus, 'dpuSetStrategy'), true);
  const sets = checkList(r, [...base, 'dpuSets'], field(dpus, 'dpuSets'), 1, 50);
  const suffixes = new Set<string>();
  let repeated = false;
  sets?.forEach((set, i) => {
    const p = [...base, 'dpuSets', i];
    if (!isObject(set)) return r.report(p, 'must be a mapping', set);
    const suffix = r.string([...p, 'nameSuffix'], field(set, 'nameSuffix'), { required: true, maxLength: 24 });
    if (suffix !== undefined) {
      repeated ||= suffixes.has(suffix);
      suffixes.add(suffix);
    }
    for (const k of ['nodeSelector', 'dpuNodeSelector', 'dpuDeviceSelector']) r.mapping([...p, k], field(set, k));
    r.stringMap([...p, 'dpuSelector'], field(set, 'dpuSelector'));
    r.stringMap([...p, 'dpuClusterSelector'], field(set, 'dpuClusterSelector'));
    if (field(set, 'nodeSelector') !== undefined && field(set, 'dpuNodeSelector') !== undefined) r.report(p, 'only one of nodeSelector or dpuNodeSelector can be specified');
    if (field(set, 'dpuSelector') !== undefined && field(set, 'dpuDeviceSelector') !== undefined) r.report(p, 'only one of dpuSelector or dpuDeviceSelector can be specified');
    checkKeyedMap(r, [...p, 'dpuAnnotations'], field(set, 'dpuAnnotations'), 50, annotationAllowed, 'should not contain dpu.nvidia.com/ and should not end with dpu.nvidia.com');
    extra.push(...unknownFields(set, DPUSET_FIELDS, p, ref));
  });
  if (repeated) r.report([...base, 'dpuSets'], 'DPUSet.NameSuffix values must be unique');
  extra.push(...unknownFields(dpus, DPUS_FIELDS, base, ref));
}

function checkServices(r: FieldReporter, value: unknown, extra: Finding[], ref: ReturnType<typeof objectRefOf>): void {
  const base = ['spec', 'services'];
  const services = r.mapping(base, value, true);
  if (!services) return;
  const keys = Object.keys(services);
  if (keys.length < 1 || keys.length > 50) r.reportText(base, 'must have 1 to 50 services', `${keys.length} services`);
  if (keys.some((k) => k.length > 28)) r.report(base, "service names can't be bigger than 28 chars", keys.find((k) => k.length > 28));
  for (const key of keys) {
    const p = [...base, key];
    const svc = r.mapping(p, services[key], true);
    if (!svc) continue;
    r.string([...p, 'serviceTemplate'], field(svc, 'serviceTemplate'), { required: true });
    r.string([...p, 'serviceConfiguration'], field(svc, 'serviceConfiguration'), { required: true });
    const deps = checkList(r, [...p, 'dependsOn'], field(svc, 'dependsOn'), 1, Number.MAX_SAFE_INTEGER);
    deps?.forEach((d, i) => {
      if (!isObject(d)) return r.report([...p, 'dependsOn', i], 'must be a mapping', d);
      r.string([...p, 'dependsOn', i, 'name'], field(d, 'name'), { required: true });
    });
    extra.push(...unknownFields(svc, ['serviceTemplate', 'serviceConfiguration', 'dependsOn'], p, ref));
  }
}

function checkServiceChains(r: FieldReporter, value: unknown, extra: Finding[], ref: ReturnType<typeof objectRefOf>): void {
  const base = ['spec', 'serviceChains'];
  if (Array.isArray(value)) {
    r.report(base, 'must be a mapping {upgradePolicy, switches: [...]} (a list of switches is the v24.10 API)', value);
    return;
  }
  const chains = r.mapping(base, value);
  if (!chains) return;
  const up = r.mapping([...base, 'upgradePolicy'], field(chains, 'upgradePolicy'));
  if (up) r.boolean([...base, 'upgradePolicy', 'applyNodeEffect'], field(up, 'applyNodeEffect'));
  const switches = checkList(r, [...base, 'switches'], field(chains, 'switches'), 1, 50, true);
  switches?.forEach((sw, i) => {
    const sp = [...base, 'switches', i];
    if (!isObject(sw)) return r.report(sp, 'must be a mapping', sw);
    const mtu = field(sw, 'serviceMTU');
    if (mtu !== undefined) r.integer([...sp, 'serviceMTU'], mtu, 1280, 9216);
    const ports = checkList(r, [...sp, 'ports'], field(sw, 'ports'), 1, 50, true);
    ports?.forEach((port, j) => {
      const pp = [...sp, 'ports', j];
      if (!isObject(port)) return r.report(pp, 'must be a mapping', port);
      if ((field(port, 'service') !== undefined) === (field(port, 'serviceInterface') !== undefined)) r.report(pp, 'either service or serviceInterface must be specified');
      const service = r.mapping([...pp, 'service'], field(port, 'service'));
      if (service) {
        r.string([...pp, 'service', 'name'], field(service, 'name'), { required: true, maxLength: 28 });
        r.string([...pp, 'service', 'interface'], field(service, 'interface'), { required: true, maxLength: 15 });
        r.mapping([...pp, 'service', 'ipam'], field(service, 'ipam'));
        extra.push(...unknownFields(service, ['name', 'interface', 'ipam'], [...pp, 'service'], ref));
      }
      r.mapping([...pp, 'serviceInterface'], field(port, 'serviceInterface'));
      extra.push(...unknownFields(port, ['service', 'serviceInterface'], pp, ref));
    });
    extra.push(...unknownFields(sw, ['ports', 'serviceMTU'], sp, ref));
  });
  extra.push(...unknownFields(chains, ['upgradePolicy', 'switches'], base, ref));
}
