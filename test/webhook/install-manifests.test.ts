import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { DEFAULT_INSTALL_VALUES, renderComponent, run } from '../../cli/install-manifests.js';

async function im(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

const docs = (text: string): any[] => parseAllDocuments(text).map((d: any) => {
  assert.deepEqual(d.errors, []);
  return d.toJS();
}).filter((d) => d !== null);

test('manifests/ holds exactly the default rendering (re-run install-manifests --output-dir manifests after a template change)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'im-'));
  assert.equal((await im('--output-dir', dir)).code, 0);
  for (const folder of ['webhook', 'cmp', 'health']) {
    for (const file of readdirSync(join(dir, folder))) {
      assert.equal(readFileSync(join('manifests', folder, file), 'utf8'), readFileSync(join(dir, folder, file), 'utf8'), `${folder}/${file}`);
    }
    assert.deepEqual(readdirSync(join('manifests', folder)).sort(), readdirSync(join(dir, folder)).sort());
  }
  assert.equal(readFileSync('manifests/kustomization.yaml', 'utf8'), readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));
});

test('webhook component: the objects the issue asks for', async () => {
  const r = await im('--component', 'webhook', '--namespace', 'dpf-guard', '--image', 'registry.local/dpu-gitops:1.0');
  assert.equal(r.code, 0);
  const objects = docs(r.out);
  assert.deepEqual(
    objects.map((o) => `${o.kind}/${o.metadata.name}`),
    [
      'Namespace/dpf-guard',
      'ServiceAccount/dpu-gitops-webhook',
      'ClusterRole/dpu-gitops-webhook',
      'ClusterRoleBinding/dpu-gitops-webhook',
      'Issuer/dpu-gitops-selfsigned',
      'Certificate/dpu-gitops-ca',
      'Issuer/dpu-gitops-ca',
      'Certificate/dpu-gitops-webhook',
      'Service/dpu-gitops-webhook',
      'ConfigMap/dpu-gitops-webhook-config',
      'Deployment/dpu-gitops-webhook',
      'PodDisruptionBudget/dpu-gitops-webhook',
      'ValidatingWebhookConfiguration/dpu-gitops',
    ],
  );
  const byKind = (k: string) => objects.filter((o) => o.kind === k);
  // Read-only RBAC for the DPUDeployment cross-object checks, bound to the webhook's service account.
  assert.deepEqual(byKind('ClusterRole')[0].rules, [
    { apiGroups: ['svc.dpu.nvidia.com'], resources: ['dpuservicetemplates', 'dpuserviceconfigurations'], verbs: ['get', 'list'] },
    { apiGroups: ['provisioning.dpu.nvidia.com'], resources: ['bfbs'], verbs: ['get', 'list'] },
  ]);
  assert.deepEqual(byKind('ClusterRoleBinding')[0].subjects, [{ kind: 'ServiceAccount', name: 'dpu-gitops-webhook', namespace: 'dpf-guard' }]);
  // The repository config (docs/config.md) reaches the webhook through this ConfigMap.
  const config = byKind('ConfigMap')[0];
  assert.equal(config.metadata.namespace, 'dpf-guard');
  const deployment = byKind('Deployment')[0];
  const container = deployment.spec.template.spec.containers[0];
  assert.ok(container.args.some((a: string) => a.startsWith('--config=') || a === '--config'), JSON.stringify(container.args));
  assert.ok(deployment.spec.template.spec.volumes.some((v: { configMap?: { name: string } }) => v.configMap?.name === 'dpu-gitops-webhook-config'));
  const vwc = byKind('ValidatingWebhookConfiguration')[0];
  assert.equal(vwc.metadata.annotations['cert-manager.io/inject-ca-from'], 'dpf-guard/dpu-gitops-webhook');
  for (const w of vwc.webhooks) {
    assert.deepEqual(w.admissionReviewVersions, ['v1']);
    assert.equal(w.sideEffects, 'None');
    assert.equal(w.failurePolicy, 'Fail');
    assert.equal(w.timeoutSeconds, 10);
    assert.deepEqual(w.clientConfig.service, { name: 'dpu-gitops-webhook', namespace: 'dpf-guard', path: '/validate', port: 443 });
    // Every webhook: never system namespaces, the webhook's own or Argo CD's.
    assert.deepEqual(w.namespaceSelector.matchExpressions.at(-1), {
      key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kube-public', 'kube-node-lease', 'dpf-guard', 'argocd'],
    });
  }
  const rulesOf = (w: any) => w.rules.map((r: any) => [r.apiGroups, r.resources, r.operations]);
  const workloadRules = [[[''], ['pods'], ['CREATE', 'UPDATE']], [['apps'], ['daemonsets', 'deployments'], ['CREATE', 'UPDATE']]];
  const [dpuservices, labelled, dpfNamespaces] = vwc.webhooks;
  assert.equal(vwc.webhooks.length, 3);
  // DPF kinds cluster-wide (but the excluded namespaces).
  assert.deepEqual(rulesOf(dpuservices), [[['svc.dpu.nvidia.com'], ['dpuservices', 'dpuservicetemplates', 'dpuserviceconfigurations', 'dpudeployments'], ['CREATE', 'UPDATE']]]);
  assert.equal(dpuservices.namespaceSelector.matchExpressions.length, 1);
  // Workloads: namespaces that opt in by label, and DPF's namespace without the label (reviewed once).
  assert.deepEqual(rulesOf(labelled), workloadRules);
  assert.deepEqual(labelled.namespaceSelector.matchExpressions[0], { key: 'dpu-gitops.dpu.nvidia.com/validate-workloads', operator: 'In', values: ['true'] });
  assert.deepEqual(rulesOf(dpfNamespaces), workloadRules);
  assert.deepEqual(dpfNamespaces.namespaceSelector.matchExpressions.slice(0, 2), [
    { key: 'kubernetes.io/metadata.name', operator: 'In', values: ['dpf-operator-system'] },
    { key: 'dpu-gitops.dpu.nvidia.com/validate-workloads', operator: 'NotIn', values: ['true'] },
  ]);
  const deploy = byKind('Deployment')[0];
  assert.equal(deploy.spec.replicas, 2);
  const pod = deploy.spec.template.spec;
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.equal(pod.securityContext.runAsUser, 999, 'the one uid of the image and the CMP sidecar');
  const c = pod.containers[0];
  assert.equal(c.image, 'registry.local/dpu-gitops:1.0');
  assert.equal(c.securityContext.readOnlyRootFilesystem, true);
  assert.equal(c.securityContext.allowPrivilegeEscalation, false);
  assert.deepEqual([c.livenessProbe.httpGet.path, c.readinessProbe.httpGet.path, c.readinessProbe.httpGet.scheme], ['/healthz', '/readyz', 'HTTPS']);
  assert.ok(c.args.includes('--chart-timeout=7000'), 'chart deadline below the webhook timeout');
  assert.equal(pod.volumes.find((v: any) => v.name === 'tls').secret.secretName, byKind('Certificate')[1].spec.secretName);
  assert.deepEqual(byKind('PodDisruptionBudget')[0].spec.minAvailable, 1);
  assert.deepEqual(byKind('Certificate')[1].spec.dnsNames, [
    'dpu-gitops-webhook',
    'dpu-gitops-webhook.dpf-guard',
    'dpu-gitops-webhook.dpf-guard.svc',
    'dpu-gitops-webhook.dpf-guard.svc.cluster.local',
  ]);
  const clusterScoped = ['ValidatingWebhookConfiguration', 'Namespace', 'ClusterRole', 'ClusterRoleBinding'];
  for (const o of objects.filter((x) => !clusterScoped.includes(x.kind))) assert.equal(o.metadata.namespace, 'dpf-guard');
});

test('cmp component: the plugin ConfigMap, the argocd-repo-server sidecar patch mounting it, an example Application', async () => {
  const files = renderComponent('cmp', { ...DEFAULT_INSTALL_VALUES, argocdNamespace: 'gitops', image: 'registry.local/dpu-gitops:1.0' });
  assert.deepEqual(files.map(([f]) => f), ['plugin-configmap.yaml', 'repo-server-patch.yaml', 'application-example.yaml']);
  const [[configMap], [patch], [app]] = files.map(([, text]) => docs(text));
  assert.deepEqual([configMap.kind, configMap.metadata.name, configMap.metadata.namespace], ['ConfigMap', 'dpu-gitops-cmp-plugin', 'gitops']);
  const plugin = parse(configMap.data['plugin.yaml']);
  assert.deepEqual([plugin.kind, plugin.metadata.name, plugin.spec.version], ['ConfigManagementPlugin', 'dpuservice', 'v1']);
  assert.deepEqual(plugin.spec.generate.command, ['/usr/local/bin/dpu-gitops', 'generate']);
  assert.equal(patch.metadata.namespace, 'gitops');
  const pod = patch.spec.template.spec;
  const sidecar = pod.containers[0];
  assert.deepEqual(sidecar.command, ['/var/run/argocd/argocd-cmp-server']);
  assert.equal(sidecar.image, 'registry.local/dpu-gitops:1.0', 'the one image of the root Dockerfile');
  assert.deepEqual([sidecar.securityContext.runAsUser, sidecar.securityContext.readOnlyRootFilesystem], [999, true]);
  const pluginMount = sidecar.volumeMounts.find((m: any) => m.mountPath === '/home/argocd/cmp-server/config/plugin.yaml');
  assert.deepEqual([pluginMount.subPath, pod.volumes.find((v: any) => v.name === pluginMount.name).configMap.name], ['plugin.yaml', configMap.metadata.name]);
  assert.deepEqual(sidecar.volumeMounts.map((m: any) => m.name).slice(0, 2), ['var-files', 'plugins']);
  assert.equal(`${app.spec.source.plugin.name}`, `${plugin.metadata.name}-${plugin.spec.version}`);
  // Printed output is what to apply: the example Application is only written with --output-dir.
  const printed = docs((await im('--component', 'cmp')).out).map((o) => o.kind);
  assert.equal(patch.spec.template.metadata.annotations['kubectl.kubernetes.io/default-container'], 'argocd-repo-server');
  assert.deepEqual(printed, ['ConfigMap', 'Deployment']);
  const dir = mkdtempSync(join(tmpdir(), 'im-cmp-'));
  await im('--component', 'cmp', '--output-dir', dir);
  const kustomization = parse(readFileSync(join(dir, 'cmp', 'kustomization.yaml'), 'utf8'));
  // The patch's target carries no namespace: a Component runs before the including kustomization's `namespace:`.
  assert.deepEqual(kustomization, {
    apiVersion: 'kustomize.config.k8s.io/v1alpha1',
    kind: 'Component',
    resources: ['plugin-configmap.yaml'],
    patches: [{ path: 'repo-server-patch.yaml', target: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'argocd-repo-server' } }],
  });
});

test('flags are validated (exit 2)', async () => {
  assert.deepEqual(await im('--component', 'both'), { code: 2, out: '', err: 'error: --component must be webhook, cmp, health or all, not "both"\n' });
  assert.deepEqual((await im('--workload-namespace', 'Not_A_Label')).err, 'error: --workload-namespace must be a DNS-1123 label, not "Not_A_Label"\n');
  assert.deepEqual((await im('--timeout-seconds', '31')).err, 'error: --timeout-seconds must be an integer from 2 to 30\n');
  // The range --help promises is the range taken: both ends work, one past each end is refused.
  const help = (await im('--help')).out;
  const [, low, high] = /--timeout-seconds N\s+webhook timeoutSeconds, (\d+)-(\d+)/.exec(help) ?? [];
  assert.deepEqual([low, high], ['2', '30'], help);
  for (const ok of [low!, high!]) assert.equal((await im('--component', 'webhook', '--timeout-seconds', ok)).code, 0, ok);
  for (const bad of [String(Number(low) - 1), String(Number(high) + 1)]) assert.equal((await im('--timeout-seconds', bad)).code, 2, bad);
  assert.deepEqual((await im('--namespace', 'Bad_NS')).err, 'error: --namespace must be a DNS-1123 label, not "Bad_NS"\n');
  assert.equal((await im('--on-chart-unavailable', 'maybe')).code, 2);
});

test('an --output-dir that cannot be written exits 1 naming it (not an internal error)', async () => {
  assert.deepEqual(await im('--output-dir', '/dev/null/out'), { code: 1, out: '', err: 'error: --output-dir /dev/null/out cannot be written (ENOTDIR at /dev/null/out/webhook)\n' });
});

test('--timeout-seconds and --exclude-namespace reach the webhook configuration', async () => {
  const objects = docs((await im('--component', 'webhook', '--timeout-seconds', '20', '--exclude-namespace', 'argocd')).out);
  const vwc = objects.find((o) => o.kind === 'ValidatingWebhookConfiguration');
  assert.equal(vwc.webhooks[0].timeoutSeconds, 20);
  assert.deepEqual(vwc.webhooks[0].namespaceSelector.matchExpressions[0].values, ['kube-system', 'kube-public', 'kube-node-lease', 'dpu-gitops', 'argocd'], 'argocd once');
  const withTeam = docs((await im('--component', 'webhook', '--exclude-namespace', 'team-a', '--workload-namespace', 'dpu-a', '--workload-namespace', 'dpu-b')).out);
  const hooks = withTeam.find((o) => o.kind === 'ValidatingWebhookConfiguration').webhooks;
  assert.deepEqual(hooks[0].namespaceSelector.matchExpressions[0].values, ['kube-system', 'kube-public', 'kube-node-lease', 'dpu-gitops', 'argocd', 'team-a']);
  assert.deepEqual(hooks[2].namespaceSelector.matchExpressions[0].values, ['dpu-a', 'dpu-b'], '--workload-namespace replaces the default');
  const deploy = objects.find((o) => o.kind === 'Deployment');
  assert.ok(deploy.spec.template.spec.containers[0].args.includes('--chart-timeout=17000'));
});

test('--allowed-repo reaches the webhook as --allow-repo args and the CMP as DPU_GITOPS_ALLOWED_REPOS, exactly, whatever a pattern holds', async () => {
  const patterns = ['https://helm.ngc.nvidia.com/nvidia/**', 'oci://nvcr.io/{nvidia,nvstaging}/*', '!https://charts.example.com/"quoted"'];
  const r = await im(...patterns.flatMap((p) => ['--allowed-repo', p]));
  assert.equal(r.code, 0, r.err);
  const objects = docs(r.out);
  const webhook = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'dpu-gitops-webhook');
  const args: string[] = webhook.spec.template.spec.containers[0].args;
  assert.deepEqual(args.filter((a) => a.startsWith('--allow-repo=')), patterns.map((p) => `--allow-repo=${p}`));
  assert.ok(args.some((a) => a.startsWith('--review-timeout=')));
  const patch = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'argocd-repo-server');
  const sidecar = patch.spec.template.spec.containers.find((c: any) => Array.isArray(c.env) && c.env.some((e: any) => e.name === 'DPU_GITOPS_ALLOWED_REPOS'));
  assert.equal(sidecar.env.find((e: any) => e.name === 'DPU_GITOPS_ALLOWED_REPOS').value, patterns.join(','));
  assert.equal((await im('--allowed-repo', '!*')).code, 2);
});
