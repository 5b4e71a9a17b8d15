/**
 * calculateDPUServiceVersionDigest and the other digests: the bytes hashed must be what Go's
 * json.Encoder writes for DPF's structs. The expected encoder output below is written by hand
 * from the Go types (field order and omitempty of DPUServiceConfigurationSpec,
 * DPUServiceTemplateSpec, ApplicationSource, ResourceList as sorted map of canonical quantities,
 * the shadowing `upgradePolicy:{}` last), and the digest is sha256 of that text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { configurationSpecForDigest, encoderOutput, inClusterVersionLabelKey, templateSpecForDigest, calculateDPUServiceVersionDigest, deterministicSuffix, RAND_ALPHABET } from '../../../dpf/deployment/index.js';
import { deployment, hbnConfig, hbnTemplate } from './fixtures.js';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const CONFIG_LINE =
  '{"deploymentServiceName":"hbn","serviceConfiguration":{"helmChart":{"values":{"configuration":{"perDPUValuesYAML":"- hostnamePattern: \\"*\\"\\n"},"resources":{"memory":"8Gi"}}},' +
  '"serviceDaemonSet":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1}},"labels":{"app":"hbn"},"annotations":{"note":"x"},"resources":{"memory":"1Gi"}}},' +
  '"interfaces":[{"name":"p0_if","network":"mybrhbn"},{"name":"p1_if","network":"mybrhbn"}],"upgradePolicy":{}}\n';
const TEMPLATE_LINE =
  '{"deploymentServiceName":"hbn","helmChart":{"source":{"repoURL":"https://helm.ngc.nvidia.com/nvidia/doca","path":"","version":"1.0.1","chart":"doca-hbn"},' +
  '"values":{"image":{"repository":"nvcr.io/nvidia/doca/doca_hbn","tag":"2.4.1-doca2.9.1"},"resources":{"memory":"6Gi","nvidia.com/bf_sf":3}}},' +
  '"resourceRequirements":{"memory":"6Gi","nvidia.com/bf_sf":"3"}}\n';

test('calculateDPUServiceVersionDigest hashes the Go encoder output of both specs', () => {
  assert.equal(encoderOutput([configurationSpecForDigest(hbnConfig()), templateSpecForDigest(hbnTemplate())]), CONFIG_LINE + TEMPLATE_LINE);
  assert.equal(calculateDPUServiceVersionDigest(hbnConfig(), hbnTemplate()), sha(CONFIG_LINE + TEMPLATE_LINE).slice(0, 10));
});

test('calculateDPUServiceVersionDigest ignores upgradePolicy (shadowed by an empty struct)', () => {
  const a = hbnConfig();
  const b = { ...hbnConfig(), applyNodeEffect: false };
  assert.equal(calculateDPUServiceVersionDigest(a, hbnTemplate()), calculateDPUServiceVersionDigest(b, hbnTemplate()));
});

test('calculateDPUServiceVersionDigest: configPorts get the CRD default serviceType, HTML is escaped as Go does', () => {
  const c = { ...hbnConfig(), interfaces: undefined, serviceDaemonSet: undefined, values: { x: '<a&b>' }, configPorts: { ports: [{ name: 'p', port: 80, protocol: 'TCP' }] } };
  const line = '{"deploymentServiceName":"hbn","serviceConfiguration":{"helmChart":{"values":{"x":"\\u003ca\\u0026b\\u003e"}},"configPorts":{"serviceType":"NodePort","ports":[{"name":"p","port":80,"protocol":"TCP"}]}},"upgradePolicy":{}}\n';
  assert.equal(encoderOutput([configurationSpecForDigest(c)]), line);
});

test('templateSpecForDigest: security is kept as given, an empty one as {}', () => {
  const t = { ...hbnTemplate(), values: undefined, resourceRequirements: undefined, hasSecurity: true, privileged: false };
  assert.equal(encoderOutput([templateSpecForDigest(t)]), '{"deploymentServiceName":"hbn","helmChart":{"source":{"repoURL":"https://helm.ngc.nvidia.com/nvidia/doca","path":"","version":"1.0.1","chart":"doca-hbn"}},"security":{"privileged":false}}\n');
  const { privileged: _p, ...rest } = t;
  assert.equal(encoderOutput([templateSpecForDigest(rest)]).includes('"security":{}'), true);
});

test('getInClusterDPUServiceVersionLabelKey hashes types.NamespacedName (no json tags) and the service key', () => {
  const expected = `svc.dpu.nvidia.com/dpuservice-in-cluster-version-${sha('{"Namespace":"dpf-operator-system","Name":"ovn-hbn"}\n"hbn"\n').slice(0, 10)}`;
  assert.equal(inClusterVersionLabelKey(deployment(), 'hbn'), expected);
});

test('the deterministic suffix: 5 characters of utilrand\'s alphabet picked by sha256 bytes, stable', () => {
  const h = createHash('sha256').update('"DPUService"\n"ns"\n"d"\n"hbn"\n"abc"\n', 'utf8').digest();
  const expected = [0, 1, 2, 3, 4].map((i) => 'bcdfghjklmnpqrstvwxz2456789'[h[i]! % 27]).join('');
  assert.equal(deterministicSuffix('DPUService', 'ns', 'd', 'hbn', 'abc'), expected);
  assert.equal(RAND_ALPHABET, 'bcdfghjklmnpqrstvwxz2456789');
  assert.notEqual(deterministicSuffix('DPUService', 'ns', 'd', 'hbn', 'abd'), expected);
});
