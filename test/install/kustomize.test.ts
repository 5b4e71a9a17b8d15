/**
 * The install manifests through real kustomize (kubectl's built-in, `kubectl kustomize`):
 * the CMP and health Components onto Argo CD v3.5.1's own install.yaml in Argo CD's documented
 * layout (a kustomization with `namespace: argocd`, install.yaml as a resource, our components),
 * and manifests/ and manifests/webhook on their own. install.yaml stays outside the repository
 * (../shared/fixtures/argocd/install-v3.5.1.yaml); the tests skip, saying so, without it or kubectl.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DPF_HEALTH_KINDS, healthKey, healthScriptPath } from '../../cli/install-health.js';
import { run as installManifests } from '../../cli/install-manifests.js';
import { ARGOCD_INSTALL_YAML, kustomizeBuild, kustomizeMissing } from './kustomize.js';

const repo = resolve(import.meta.dirname, '..', '..');
const skipArgo = kustomizeMissing() || (existsSync(ARGOCD_INSTALL_YAML) ? false : `${ARGOCD_INSTALL_YAML} is absent (Argo CD v3.5.1's install.yaml, kept outside the repository)`);

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; [k: string]: any };

function objectsOf(text: string): K8sObject[] {
  return parseAllDocuments(text).map((d) => {
    assert.deepEqual(d.errors, []);
    return d.toJS() as K8sObject;
  }).filter((o) => o !== null);
}

const find = (objects: K8sObject[], kind: string, name: string): K8sObject => {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  assert.equal(found.length, 1, `${kind}/${name} once`);
  return found[0]!;
};

/** Argo CD's documented kustomize layout, with our Components on top. */
function argoKustomization(dir: string, namespace: string, components: string[]): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(ARGOCD_INSTALL_YAML, join(dir, 'install.yaml'));
  const text = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    `namespace: ${namespace}`,
    'resources:',
    '  - install.yaml',
    'components:',
    ...components.map((c) => `  - ${relative(dir, c)}`),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'kustomization.yaml'), text);
  return dir;
}

function checkArgoInstall(objects: K8sObject[], namespace: string, image: string) {
  const argo = objectsOf(readFileSync(ARGOCD_INSTALL_YAML, 'utf8'));
  // Argo CD's objects all remain, plus our plugin ConfigMap; namespaced ones land in the namespace.
  assert.equal(objects.length, argo.length + 1);
  const plugin = find(objects, 'ConfigMap', 'dpu-gitops-cmp-plugin');
  assert.equal(plugin.metadata.namespace, namespace);
  const repoServer = find(objects, 'Deployment', 'argocd-repo-server');
  assert.equal(repoServer.metadata.namespace, namespace);
  const pod = repoServer.spec.template.spec;
  const names = pod.containers.map((c: any) => c.name);
  assert.deepEqual([...names].sort(), ['argocd-repo-server', 'dpu-gitops-cmp'], 'Argo CD\'s container kept, our sidecar added');
  assert.equal(repoServer.spec.template.metadata.annotations['kubectl.kubernetes.io/default-container'], 'argocd-repo-server');
  const sidecar = pod.containers.find((c: any) => c.name === 'dpu-gitops-cmp');
  assert.equal(sidecar.image, image);
  assert.deepEqual(sidecar.command, ['/var/run/argocd/argocd-cmp-server']);
  assert.equal(sidecar.securityContext.runAsUser, 999);
  const original = find(argo, 'Deployment', 'argocd-repo-server').spec.template.spec;
  assert.deepEqual(pod.containers.find((c: any) => c.name === 'argocd-repo-server'), original.containers[0], 'Argo CD\'s container untouched');
  assert.deepEqual(pod.initContainers, original.initContainers, 'copyutil (argocd-cmp-server into var-files) untouched');
  // Every volume the sidecar mounts exists: Argo CD's var-files and plugins, and ours.
  const volumes = new Map(pod.volumes.map((v: any) => [v.name, v]));
  for (const m of sidecar.volumeMounts) assert.ok(volumes.has(m.name), `volume ${m.name}`);
  for (const v of original.volumes) assert.deepEqual(volumes.get(v.name), v, `Argo CD's volume ${v.name} kept`);
  assert.equal((volumes.get('dpu-gitops-cmp-plugin') as any).configMap.name, plugin.metadata.name);
  assert.equal((volumes.get('dpu-gitops-cmp-credentials') as any).secret.optional, true);
  // argocd-cm keeps Argo CD's keys and gains one health check per DPF kind.
  const cm = find(objects, 'ConfigMap', 'argocd-cm');
  assert.equal(cm.metadata.namespace, namespace);
  for (const [key, value] of Object.entries(find(argo, 'ConfigMap', 'argocd-cm').data ?? {})) assert.equal(cm.data[key], value, key);
  const script = readFileSync(healthScriptPath(), 'utf8');
  for (const k of DPF_HEALTH_KINDS) assert.equal(cm.data[healthKey(k)], script, healthKey(k));
  for (const o of objects) {
    if (o.kind === 'CustomResourceDefinition' || o.kind.startsWith('Cluster')) continue;
    assert.equal(o.metadata.namespace, namespace, `${o.kind}/${o.metadata.name}`);
  }
}

test('Argo CD\'s kustomize layout (namespace: argocd, install.yaml, our cmp + health Components) builds with real kustomize', { skip: skipArgo }, () => {
  const dir = argoKustomization(mkdtempSync(join(tmpdir(), 'argocd-')), 'argocd', [join(repo, 'manifests', 'cmp'), join(repo, 'manifests', 'health')]);
  checkArgoInstall(objectsOf(kustomizeBuild(dir)), 'argocd', 'ghcr.io/example/dpu-gitops:0.1.0');
});

test('the same with install-manifests output for Argo CD in another namespace and another image', { skip: skipArgo }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'argocd-ns-'));
  const out: string[] = [];
  const code = await installManifests(['--argocd-namespace', 'gitops', '--image', 'registry.local/dpu-gitops:1.2.3', '--output-dir', join(work, 'dpu-gitops')], { stdout: (s) => void out.push(s), stderr: (s) => void out.push(s) });
  assert.equal(code, 0, out.join(''));
  const dir = argoKustomization(join(work, 'argocd'), 'gitops', [join(work, 'dpu-gitops', 'cmp'), join(work, 'dpu-gitops', 'health')]);
  checkArgoInstall(objectsOf(kustomizeBuild(dir)), 'gitops', 'registry.local/dpu-gitops:1.2.3');
});

for (const folder of ['manifests', 'manifests/webhook']) {
  test(`${folder} builds with real kustomize: the webhook with its Namespace`, { skip: kustomizeMissing() }, () => {
    const objects = objectsOf(kustomizeBuild(join(repo, folder)));
    assert.deepEqual(objects.map((o) => o.kind).sort(), [
      'Certificate', 'Certificate', 'ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Deployment', 'Issuer', 'Issuer', 'Namespace', 'PodDisruptionBudget', 'Service', 'ServiceAccount', 'ValidatingWebhookConfiguration',
    ]);
    // The webhook's --config file comes from the ConfigMap the build carries (docs/config.md).
    const volumes = find(objects, 'Deployment', 'dpu-gitops-webhook').spec.template.spec.volumes as { name: string; configMap?: { name: string } }[];
    const configMap = volumes.find((v) => v.name === 'config')?.configMap?.name;
    assert.ok(configMap && objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name === configMap), String(configMap));
    assert.equal(find(objects, 'Namespace', 'dpu-gitops').apiVersion, 'v1');
    for (const o of objects) {
      if (['Namespace', 'ValidatingWebhookConfiguration', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind)) continue;
      assert.equal(o.metadata.namespace, 'dpu-gitops', `${o.kind}/${o.metadata.name}`);
    }
  });
}

test('without kustomize: the same patch files applied by `kubectl patch` (here --local) to Argo CD\'s objects', { skip: skipArgo }, () => {
  const work = mkdtempSync(join(tmpdir(), 'argocd-patch-'));
  const argo = objectsOf(readFileSync(ARGOCD_INSTALL_YAML, 'utf8'));
  const patched = (kind: string, name: string, patchFile: string): K8sObject => {
    const file = join(work, `${name}.json`);
    writeFileSync(file, JSON.stringify(find(argo, kind, name)));
    const r = spawnSync('kubectl', ['patch', '--local', '-f', file, '--type', 'strategic', '--patch-file', join(repo, patchFile), '-o', 'json'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as K8sObject;
  };
  const repoServer = patched('Deployment', 'argocd-repo-server', 'manifests/cmp/repo-server-patch.yaml');
  assert.deepEqual(repoServer.spec.template.spec.containers.map((c: any) => c.name).sort(), ['argocd-repo-server', 'dpu-gitops-cmp']);
  const cm = patched('ConfigMap', 'argocd-cm', 'manifests/health/argocd-cm-health-patch.yaml');
  for (const [key, value] of Object.entries(find(argo, 'ConfigMap', 'argocd-cm').data ?? {})) assert.equal(cm.data[key], value, key);
  for (const k of DPF_HEALTH_KINDS) assert.ok(cm.data[healthKey(k)], healthKey(k));
});
