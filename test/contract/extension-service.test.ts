import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkExtensionService, checkExtensionServiceSet, isExtensionServiceDefinition, type Finding } from '../../contract/index.js';

const podYaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: telemetry\nspec:\n  containers:\n    - name: agent\n      image: nvcr.io/nvforge/agent:1.0\n';
const def = (extra: Record<string, unknown> = {}) => ({
  name: 'telemetry',
  description: 'collects counters',
  serviceType: 'KubernetesPod',
  siteId: '6f0a8d8e-1c7c-4b8b-9f3e-2b1f6c2b9d10',
  data: podYaml,
  credentials: { registryUrl: 'nvcr.io/nvforge', username: '$oauthtoken', password: 'secret' },
  ...extra,
});
const brief = (findings: Finding[]) => findings.map((f) => [f.rule, (f.path ?? []).join('.'), f.detail?.problem ?? '', f.detail?.found ?? '']);

test('a complete definition passes and is recognised', () => {
  assert.deepEqual(checkExtensionService(def()), []);
  assert.equal(isExtensionServiceDefinition(def()), true);
  assert.equal(isExtensionServiceDefinition({ apiVersion: 'v1', kind: 'Pod' }), false);
});

test('credentials are optional', () => {
  const d: Record<string, unknown> = def();
  delete d.credentials;
  assert.deepEqual(checkExtensionService(d), []);
});

test('extension-service-type: only KubernetesPod', () => {
  assert.deepEqual(checkExtensionService(def({ serviceType: 'DpfHelmChart' })), [
    {
      rule: 'extension-service-type',
      severity: 'error',
      object: { kind: 'DpuExtensionService', name: 'telemetry' },
      path: ['serviceType'],
      measured: 'DpfHelmChart',
      limit: 'KubernetesPod',
    },
  ]);
});

test('extension-service-spec: name, data, siteId shapes and unknown fields', () => {
  assert.deepEqual(brief(checkExtensionService(def({ name: '', siteId: 'site-1', data: 42, kind: 'x' }))), [
    ['extension-service-spec', 'name', 'must not be empty', ''],
    ['extension-service-spec', 'siteId', 'must match a UUID', '"site-1"'],
    ['extension-service-spec', 'data', 'must be a string', '42'],
    ['unknown-field', 'kind', '', ''],
  ]);
});

test('data: invalid YAML and several documents', () => {
  const bad = brief(checkExtensionService(def({ data: 'a: [1\n' })));
  assert.equal(bad.length, 1);
  assert.equal(bad[0]?.[0], 'extension-service-spec');
  assert.match(String(bad[0]?.[2]), /^is not valid YAML: /);
  assert.deepEqual(brief(checkExtensionService(def({ data: `${podYaml}---\n${podYaml}` }))), [
    ['extension-service-spec', 'data', 'must hold exactly one YAML document (a Pod manifest)', '2 documents'],
  ]);
});

test('data: the Pod manifest obeys pod-fields, reported under data', () => {
  assert.deepEqual(brief(checkExtensionService(def({ data: 'apiVersion: v1\nkind: Deployment\nspec:\n  containers: []\n' }))), [
    ['pod-fields', 'data.kind', 'must be Pod', 'Deployment'],
    ['pod-fields', 'data.metadata.name', 'is missing', ''],
    ['pod-fields', 'data.spec.containers', 'must be a non-empty array', 'empty array'],
  ]);
});

test('data: pod-size counts the bytes of data as written', () => {
  const data = `${podYaml}# ${'x'.repeat(65536 - podYaml.length - 2)}`;
  assert.equal(Buffer.byteLength(data), 65536);
  assert.deepEqual(checkExtensionService(def({ data })), []);
  const findings = checkExtensionService(def({ data: `${data}y` }));
  assert.deepEqual(findings.map((f) => [f.rule, f.measured, f.limit, f.path]), [['pod-size', 65537, 65536, ['data']]]);
});

test('extension-service-credentials: all three, non-empty, at most 255, no trailing slash', () => {
  assert.deepEqual(brief(checkExtensionService(def({ credentials: { registryUrl: 'nvcr.io/nvforge/', username: '', password: 'p'.repeat(256) } }))), [
    ['extension-service-credentials', 'credentials.registryUrl', 'must not end with / (it is an image prefix)', '"nvcr.io/nvforge/"'],
    ['extension-service-credentials', 'credentials.username', 'must not be empty', ''],
    ['extension-service-credentials', 'credentials.password', 'must be at most 255 characters', '256 characters'],
  ]);
  assert.deepEqual(brief(checkExtensionService(def({ credentials: { registryUrl: 'nvcr.io/x', username: 'u' } }))), [
    ['extension-service-credentials', 'credentials.password', 'is missing (registryUrl, username and password go together)', ''],
  ]);
  assert.deepEqual(checkExtensionService(def({ credentials: { registryUrl: 'r'.repeat(255), username: 'u', password: 'p' } })), []);
});

test('credential values never appear in findings', () => {
  const findings = checkExtensionService(def({ credentials: { registryUrl: 'nvcr.io/x', username: 'u', password: 7 } }));
  assert.equal(JSON.stringify(findings).includes('7'), false);
});

test('extension-service-name-unique: case-insensitive across files', () => {
  const findings = checkExtensionServiceSet([
    { definition: def({ name: 'Telemetry' }), file: 'a.yaml', line: 1 },
    { definition: def({ name: 'other', credentials: undefined }), file: 'b.yaml' },
    { definition: def({ name: 'TELEMETRY' }), file: 'c.yaml', line: 4 },
  ]);
  assert.deepEqual(findings, [
    {
      rule: 'extension-service-name-unique',
      severity: 'error',
      object: { kind: 'DpuExtensionService', name: 'TELEMETRY' },
      path: ['name'],
      detail: { other: 'Telemetry', otherAt: 'a.yaml:1' },
      file: 'c.yaml',
      line: 4,
    },
  ]);
});

test('extension-service-registry-conflict: same or nested prefix with different credentials', () => {
  const cred = (registryUrl: string, username: string) => ({ registryUrl, username, password: 'p' });
  const findings = checkExtensionServiceSet([
    { definition: def({ name: 'a', credentials: cred('nvcr.io/nvforge', 'u1') }), file: 'a.yaml' },
    { definition: def({ name: 'b', credentials: cred('nvcr.io/nvforge', 'u2') }), file: 'b.yaml' },
    { definition: def({ name: 'c', credentials: cred('nvcr.io/nvforge/team', 'u3') }), file: 'c.yaml' },
    { definition: def({ name: 'd', credentials: cred('nvcr.io/nvforgery', 'u4') }), file: 'd.yaml' },
    { definition: def({ name: 'e', credentials: cred('nvcr.io/nvforge', 'u1') }), file: 'e.yaml' },
  ]);
  assert.deepEqual(
    findings.map((f) => [f.object?.name, f.measured, f.detail?.other, f.detail?.otherUrl]),
    [
      ['b', 'nvcr.io/nvforge', 'a', 'nvcr.io/nvforge'],
      ['c', 'nvcr.io/nvforge/team', 'a', 'nvcr.io/nvforge'],
      ['c', 'nvcr.io/nvforge/team', 'b', 'nvcr.io/nvforge'],
      // e shares a's credentials (no conflict with a) but differs from b and c.
      ['e', 'nvcr.io/nvforge', 'b', 'nvcr.io/nvforge'],
      ['e', 'nvcr.io/nvforge', 'c', 'nvcr.io/nvforge/team'],
    ],
  );
});
