// The webhook's cross-object checks of a DPUDeployment (issue 13 item 5): the real webhook
// server reads the DPUServiceTemplates, DPUServiceConfigurations and BFB a DPUDeployment names
// from a model API server on 127.0.0.1 (HTTPS, GET of single objects with kube-apiserver's
// paths, NotFound/Forbidden Status bodies, a stall and an oversized answer) through a
// kubeconfig, and runs lint's rules. Expected messages are DPF's (getDependencies and
// verifyVersionMatching in dpudeployment_controller.go, transcribed by hand); the templates'
// status.versions are what DPF's DPUServiceTemplate controller records from the charts'
// dpu.nvidia.com/doca-version annotation (examples/charts/*/Chart.yaml: ">= 2.9").
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAllDocuments } from 'yaml';
import { run } from '../../cli/webhook.js';
import { connectClusterReader, type ClusterReadError } from '../../webhook/cluster-reader.js';
import { TLS_CERT, unusedUrl, writeKubeconfig } from '../plugin/per-dpu/helpers/fake-kube-api.js';
import { loadReview } from './fixtures.js';
import { startHarness, type Harness } from './harness.js';
import { startWebhookProcess } from './process.js';
import { httpsRequest, makeCert } from './tls.js';

type Obj = Record<string, any>;
const TLS_KEY = readFileSync(new URL('../plugin/per-dpu/fixtures/kube-api-tls/tls.key', import.meta.url), 'utf8');
const EX = new URL('../../examples/deployment/', import.meta.url).pathname;
const docs = (file: string): Obj[] => parseAllDocuments(readFileSync(EX + file, 'utf8')).map((d) => d.toJS() as Obj);
const NS = 'dpf-operator-system';
const DEPLOYMENT = docs('dpudeployment.yaml')[0]!;
const PLURALS: Record<string, string> = { DPUServiceTemplate: 'dpuservicetemplates', DPUServiceConfiguration: 'dpuserviceconfigurations', BFB: 'bfbs' };

/** What the model cluster holds: the example's objects, templates with the status DPF records. */
function exampleCluster(): Obj[] {
  const templates = docs('dpuservicetemplates.yaml').map((t) => ({ ...t, status: { versions: { 'dpu.nvidia.com/doca-version': '>= 2.9' } } }));
  const bfb = docs('bfb.yaml').filter((o) => o.kind === 'BFB');
  return [...templates, ...docs('dpuserviceconfigurations.yaml'), ...bfb];
}

interface ModelApi {
  objects: Obj[];
  /** Paths answered 403 with an RBAC Status. */
  forbid?: RegExp;
  /** Paths never answered. */
  stall?: RegExp;
  /** Paths answered with this many bytes of JSON. */
  huge?: { path: RegExp; bytes: number };
  requests: string[];
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

/** kube-apiserver's GET of one namespaced custom object (and its list), over HTTPS. */
async function startModelApi(model: ModelApi): Promise<{ kubeconfig: string; close: () => Promise<void> }> {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    model.requests.push(`${req.method} ${path}`);
    if (model.stall?.test(path)) return;
    if (model.forbid?.test(path)) return status(res, 403, 'Forbidden', 'dpuservicetemplates.svc.dpu.nvidia.com "hbn" is forbidden: User "system:serviceaccount:dpu-gitops:dpu-gitops-webhook" cannot get resource "dpuservicetemplates"');
    if (model.huge?.path.test(path)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(`{"padding":"${'x'.repeat(model.huge.bytes)}"}`);
    }
    const m = /^\/apis\/([^/]+)\/v1alpha1\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (req.method !== 'GET' || !m) return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const [, group, ns, plural, name] = m;
    const items = model.objects.filter((o) => PLURALS[o.kind] === plural && o.apiVersion.startsWith(`${group}/`) && o.metadata.namespace === ns);
    res.setHeader('content-type', 'application/json');
    if (name === undefined) return res.end(JSON.stringify({ apiVersion: `${group}/v1alpha1`, kind: 'List', metadata: { resourceVersion: '7001' }, items }));
    const found = items.find((o) => o.metadata.name === name);
    if (!found) return status(res, 404, 'NotFound', `${plural}.${group} "${name}" not found`);
    res.end(JSON.stringify(found));
  };
  const server: Server = createServer({ cert: TLS_CERT, key: TLS_KEY }, handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    kubeconfig: writeKubeconfig(url),
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c();
});

/** The real webhook reading the model cluster; `failures` collects what it logs as not run. */
async function webhookFor(model: ModelApi, reader: { readTimeoutMs?: number; maxResponseBytes?: number; kubeconfig?: string } = {}): Promise<{ h: Harness; failures: ClusterReadError[] }> {
  let kubeconfig = reader.kubeconfig;
  if (!kubeconfig) {
    const api = await startModelApi(model);
    closers.push(api.close);
    kubeconfig = api.kubeconfig;
  }
  const clusterReader = await connectClusterReader({ kubeconfigPath: kubeconfig, ...(reader.readTimeoutMs ? { readTimeoutMs: reader.readTimeoutMs } : {}), ...(reader.maxResponseBytes ? { maxResponseBytes: reader.maxResponseBytes } : {}) });
  const failures: ClusterReadError[] = [];
  const h = await startHarness({ validator: { clusterReader, onCrossObjectFailure: (f) => failures.push(f) } });
  closers.push(() => h.webhook.close(100));
  return { h, failures };
}

function review(object: Obj): Obj {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '5d0c7a52-1e7b-4a8e-9f3c-0d2b6c1a9e11',
      kind: { group: 'svc.dpu.nvidia.com', version: 'v1alpha1', kind: 'DPUDeployment' },
      resource: { group: 'svc.dpu.nvidia.com', version: 'v1alpha1', resource: 'dpudeployments' },
      requestKind: { group: 'svc.dpu.nvidia.com', version: 'v1alpha1', kind: 'DPUDeployment' },
      requestResource: { group: 'svc.dpu.nvidia.com', version: 'v1alpha1', resource: 'dpudeployments' },
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      operation: 'CREATE',
      userInfo: { username: 'system:serviceaccount:argocd:argocd-application-controller' },
      object,
      oldObject: null,
      dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    },
  };
}

test('all named objects present and versions matching: allowed, every object read once from its namespace', async () => {
  const model: ModelApi = { objects: exampleCluster(), requests: [] };
  const { h, failures } = await webhookFor(model);
  const r = await h.post(review(DEPLOYMENT));
  assert.equal(r.status, 200);
  assert.equal(r.json.response.allowed, true, JSON.stringify(r.json.response));
  assert.equal(r.json.response.warnings, undefined);
  assert.deepEqual(failures, []);
  assert.deepEqual([...model.requests].sort(), [
    `GET /apis/provisioning.dpu.nvidia.com/v1alpha1/namespaces/${NS}/bfbs/bf-bundle`,
    `GET /apis/svc.dpu.nvidia.com/v1alpha1/namespaces/${NS}/dpuserviceconfigurations/hbn`,
    `GET /apis/svc.dpu.nvidia.com/v1alpha1/namespaces/${NS}/dpuserviceconfigurations/ovn`,
    `GET /apis/svc.dpu.nvidia.com/v1alpha1/namespaces/${NS}/dpuservicetemplates/hbn`,
    `GET /apis/svc.dpu.nvidia.com/v1alpha1/namespaces/${NS}/dpuservicetemplates/ovn`,
  ]);
});

test('a template that is not in the cluster yet: admitted with a warning carrying lint\'s (DPF getDependencies\') message, since DPF waits for it and a sync may apply the DPUDeployment first', async () => {
  const model: ModelApi = { objects: exampleCluster().filter((o) => !(o.kind === 'DPUServiceTemplate' && o.metadata.name === 'ovn')), requests: [] };
  const { h } = await webhookFor(model);
  const r = await h.post(review(DEPLOYMENT));
  assert.equal(r.json.response.allowed, true, JSON.stringify(r.json.response));
  const warnings = (r.json.response.warnings ?? []).join('\n');
  assert.ok(warnings.includes(`spec.services.ovn.serviceTemplate: DPUServiceTemplate ${NS}/ovn is not in the`), warnings);
});

test('a template that is there but names another service: denied (the mismatch is real, whatever the order)', async () => {
  const model: ModelApi = {
    objects: exampleCluster().map((o) =>
      o.kind === 'DPUServiceTemplate' && o.metadata.name === 'ovn' ? { ...o, spec: { ...(o.spec as object), deploymentServiceName: 'other' } } : o,
    ),
    requests: [],
  };
  const { h } = await webhookFor(model);
  const r = await h.post(review(DEPLOYMENT));
  assert.equal(r.json.response.allowed, false);
  assert.match(r.json.response.status.message, /doesn't match requested service in DPUDeployment/);
});

test('a configuration whose deploymentServiceName is another service key: denied', async () => {
  const objects = exampleCluster();
  const ovn = objects.find((o) => o.kind === 'DPUServiceConfiguration' && o.metadata.name === 'ovn')!;
  ovn.spec.deploymentServiceName = 'hbn';
  const { h } = await webhookFor({ objects, requests: [] });
  const r = await h.post(review(DEPLOYMENT));
  assert.equal(r.json.response.allowed, false);
  assert.ok(r.json.response.status.message.includes(`service in DPUServiceConfiguration ${NS}/ovn doesn't match requested service in DPUDeployment`), r.json.response.status.message);
});

test('a BFB whose DOCA version no template chart accepts: denied with DPF\'s verifyVersionMatching message', async () => {
  const objects = exampleCluster();
  objects.find((o) => o.kind === 'BFB')!.spec.versions.doca = '2.7.0';
  const { h } = await webhookFor({ objects, requests: [] });
  const r = await h.post(review(DEPLOYMENT));
  assert.equal(r.json.response.allowed, false);
  const message: string = r.json.response.status.message;
  for (const t of ['hbn', 'ovn']) {
    assert.ok(message.includes(`version constraint for 'dpu.nvidia.com/doca-version' found in DPUServiceTemplate '${t}' is not satisfied by the version '2.7.0' found in the given BFB`), message);
  }
  assert.match(message, /deployment-version/);
});

test('a template DPF has not reconciled yet (no status.versions) is skipped, as DPF skips it', async () => {
  const objects = exampleCluster();
  objects.find((o) => o.kind === 'BFB')!.spec.versions.doca = '2.7.0';
  for (const o of objects) if (o.kind === 'DPUServiceTemplate') delete o.status;
  const { h } = await webhookFor({ objects, requests: [] });
  assert.equal((await h.post(review(DEPLOYMENT))).json.response.allowed, true);
});

test('API server unreachable: allowed, with a warning that the cross-object checks could not run, and logged', async () => {
  const kubeconfig = writeKubeconfig(await unusedUrl());
  const { h, failures } = await webhookFor({ objects: [], requests: [] }, { kubeconfig });
  const r = await h.post(review(DEPLOYMENT));
  assert.equal(r.json.response.allowed, true);
  assert.equal(r.json.response.warnings.length, 1);
  assert.match(r.json.response.warnings[0], /^deployment-references: spec: cross-object checks did not run: the API server could not be read \(unreachable\)$/);
  assert.deepEqual(failures.map((f) => f.reason), ['unreachable']);
});

test('forbidden by RBAC: allowed with the warning; the reason is the 403', async () => {
  const { h, failures } = await webhookFor({ objects: exampleCluster(), forbid: /dpuservicetemplates\/hbn$/, requests: [] });
  const r = await h.post(review(DEPLOYMENT));
  assert.equal(r.json.response.allowed, true);
  assert.match(r.json.response.warnings[0], /cross-object checks did not run/);
  assert.equal(failures[0]?.reason, 'forbidden');
  assert.match(failures[0]!.message, /cannot get resource "dpuservicetemplates"/);
});

test('an API server that never answers: the read times out, the DPUDeployment is allowed with the warning, and Pod reviews are answered meanwhile', async () => {
  const model: ModelApi = { objects: exampleCluster(), stall: /bfbs/, requests: [] };
  const { h, failures } = await webhookFor(model, { readTimeoutMs: 400 });
  const pending = h.post(review(DEPLOYMENT));
  const pod = await h.post(loadReview('pod-create-valid'));
  assert.equal(pod.json.response.allowed, true);
  const r = await pending;
  assert.equal(r.json.response.allowed, true);
  assert.match(r.json.response.warnings[0], /cross-object checks did not run: the API server could not be read \(timeout\)$/);
  assert.deepEqual(failures.map((f) => f.reason), ['timeout']);
});

test('an oversized API answer is cut at the byte limit: allowed with the warning', async () => {
  const model: ModelApi = { objects: exampleCluster(), huge: { path: /dpuserviceconfigurations\/ovn$/, bytes: 4 * 1024 * 1024 }, requests: [] };
  const { h, failures } = await webhookFor(model, { maxResponseBytes: 256 * 1024 });
  const r = await h.post(review(DEPLOYMENT));
  assert.equal(r.json.response.allowed, true);
  assert.match(r.json.response.warnings[0], /cross-object checks did not run/);
  assert.deepEqual(failures.map((f) => f.reason), ['too-large']);
  assert.equal((await h.post(loadReview('pod-create-valid'))).json.response.allowed, true);
});

test('a DPUDeployment that fails its own CEL rules is denied without reading the cluster', async () => {
  const model: ModelApi = { objects: exampleCluster(), requests: [] };
  const { h } = await webhookFor(model);
  const d = structuredClone(DEPLOYMENT);
  d.spec.dpus.blueFieldSoftware = 'bfs';
  assert.equal((await h.post(review(d))).json.response.allowed, false);
  assert.deepEqual(model.requests, []);
});

test('--cross-object-checks: only on or off; on needs a kubeconfig or an in-cluster service account', async () => {
  const cli = async (argv: string[]) => {
    const err: string[] = [];
    const code = await run(argv, { stdout: () => undefined, stderr: (s) => void err.push(s) }, { env: {} });
    return { code, err: err.join('') };
  };
  const base = ['--cert', 'x.crt', '--key', 'x.key'];
  assert.deepEqual(await cli([...base, '--cross-object-checks', 'maybe']), { code: 2, err: 'error: --cross-object-checks must be on or off, not "maybe"\n' });
  assert.deepEqual(await cli([...base, '--cross-object-checks', 'on']), { code: 2, err: 'error: --cross-object-checks on needs --kubeconfig or an in-cluster service account (KUBERNETES_SERVICE_HOST)\n' });
  const missing = await cli([...base, '--log-level', 'silent', '--kubeconfig', '/nonexistent/kubeconfig']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /^error: cross-object checks: load \/nonexistent\/kubeconfig: /);
});

test('the webhook process with --kubeconfig reads the API server: a missing template is admitted with the warning', async () => {
  const api = await startModelApi({ objects: exampleCluster().filter((o) => !(o.kind === 'DPUServiceTemplate' && o.metadata.name === 'hbn')), requests: [] });
  closers.push(api.close);
  const cert = makeCert();
  const w = await startWebhookProcess(['--cert', cert.certFile, '--key', cert.keyFile, '--port', '0', '--host', '127.0.0.1', '--workers', '1', '--kubeconfig', api.kubeconfig]);
  const port = w.port;
  try {
    const r = JSON.parse((await httpsRequest(port, cert.cert, 'POST', '/validate', JSON.stringify(review(DEPLOYMENT)))).text);
    assert.equal(r.response.allowed, true);
    assert.ok((r.response.warnings ?? []).join('\n').includes(`DPUServiceTemplate ${NS}/hbn is not in the`), JSON.stringify(r.response));
    assert.match(w.stdout(), /"msg":"cross-object checks of DPUDeployments read this API server"/);
  } finally {
    await w.stop();
  }
});
