/**
 * Rule control at admission (issue 15 item 5), through a real webhook on 127.0.0.1: the
 * config's rules.severity raises and lowers rules, rules.disable drops them, and the
 * dpu-gitops.nvidia.com/disable annotation settles warnings (of the reviewed object, of the
 * objects a DPUService's chart renders, of a rendered object by its own annotation) but never
 * an error: an annotated error is denied with a note saying the annotation cannot waive it.
 * The server answers /healthz after every review.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleControl } from '../../config/rules.js';
import { LocalChartResolver } from '../../contract/local-charts.js';
import { loadReview } from './fixtures.js';
import { startHarness, type Harness } from './harness.js';
import { startWebhookProcess } from './process.js';
import { httpsRequest, makeCert } from './tls.js';

const ANNOTATION = 'dpu-gitops.nvidia.com/disable';
const NOTE = `(the ${ANNOTATION} annotation cannot waive an error at admission: it settles warnings only; the webhook's config rules.disable / rules.severity decide errors)`;
const ARM64_DS = 'DaemonSet dummydpuservice/dpu-cplane-dummydpuservice-dummy';

const harnesses: Harness[] = [];
after(async () => {
  for (const h of harnesses) await h.webhook.close();
});

async function harness(opts: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(opts);
  harnesses.push(h);
  return h;
}

async function alive(h: Harness): Promise<void> {
  const r = await h.get('/healthz');
  assert.deepEqual([r.status, r.text], [200, 'ok']);
}

function annotated(name: string, rules: string): any {
  const review = loadReview(name);
  review.request.object.metadata.annotations = { ...(review.request.object.metadata.annotations ?? {}), [ANNOTATION]: rules };
  return review;
}

/** A review whose Pod is over 64 KB (pod-size, an error). */
function bigPod(annotation?: string): any {
  const review = loadReview('pod-create-valid');
  review.request.object.metadata.annotations = { blob: 'x'.repeat(65536), ...(annotation ? { [ANNOTATION]: annotation } : {}) };
  return review;
}

test('without rule control: the example DPUService is admitted with the arm64 warning naming its DaemonSet', async () => {
  const h = await harness();
  const r = await h.post(loadReview('dpuservice-create-valid'));
  assert.equal(r.json.response.allowed, true);
  assert.deepEqual(r.json.response.warnings, [`arm64-image: ${ARM64_DS}: cannot verify arm64 support of example.com/d...`]);
  await alive(h);
});

test('rules.severity: a rule raised to error denies; a rule lowered to warning admits with the warning', async () => {
  const h = await harness({ validator: { rules: ruleControl({ disable: [], severity: { 'arm64-image': 'error', 'pod-fields': 'warning' } }) } });
  const raised = await h.post(loadReview('dpuservice-create-valid'));
  assert.equal(raised.json.response.allowed, false);
  assert.equal(raised.json.response.status.code, 422);
  assert.match(raised.json.response.status.message, new RegExp(`^CREATE DPUService dummydpuservice/dummydpuservice denied by dpu-gitops \\(1 violation\\):\\n- \\[arm64-image\\] ${ARM64_DS} \\(`));
  assert.equal(raised.json.response.warnings, undefined);
  await alive(h);
  const lowered = await h.post(loadReview('pod-create-no-containers'));
  assert.deepEqual(lowered.json.response, {
    uid: '3f1c2a10-0002-4d6e-9b1a-5a0f6c1e2d02',
    allowed: true,
    // about the reviewed Pod itself: kubectl shows it with that Pod, so it is not named again
    warnings: ['pod-fields: spec.containers must be a non-empty array (found empty array)'],
  });
  await alive(h);
});

test('rules.disable: a disabled rule is neither denied nor warned', async () => {
  const h = await harness({ validator: { rules: ruleControl({ disable: ['arm64-image', 'pod-size'], severity: {} }) } });
  assert.deepEqual((await h.post(loadReview('dpuservice-create-valid'))).json.response, { uid: '3f1c2a10-0006-4d6e-9b1a-5a0f6c1e2d06', allowed: true });
  assert.equal((await h.post(bigPod())).json.response.allowed, true);
  await alive(h);
});

test('the annotation on a DPUService settles the warnings about the objects its chart renders, and is logged', async () => {
  const h = await harness();
  const r = await h.post(annotated('dpuservice-create-valid', 'arm64-image'));
  assert.deepEqual(r.json.response, { uid: '3f1c2a10-0006-4d6e-9b1a-5a0f6c1e2d06', allowed: true });
  const line = h.logs.find((l) => l.msg === 'admission review' && l.uid === '3f1c2a10-0006-4d6e-9b1a-5a0f6c1e2d06');
  assert.deepEqual(line?.settledByAnnotation, ['arm64-image']);
  assert.ok((await h.get('/metrics')).text.split('\n').includes('dpu_gitops_webhook_settled_total{rule="arm64-image"} 1'));
  // A rule the annotation does not name stays.
  const other = await h.post(annotated('dpuservice-create-valid', 'kube-schema'));
  assert.equal(other.json.response.warnings.length, 1);
  await alive(h);
});

test('an annotated error stays an error: denied, and the message says the annotation cannot waive it', async () => {
  const h = await harness();
  const r = await h.post(bigPod('pod-size'));
  assert.equal(r.json.response.allowed, false);
  const size = Buffer.byteLength(JSON.stringify(bigPod('pod-size').request.object));
  assert.equal(
    r.json.response.status.message,
    [
      'CREATE Pod dpf/telemetry denied by dpu-gitops (1 violation):',
      `- [pod-size] Pod dpf/telemetry: pod manifest is ${size} bytes, over the 65536-byte limit ${NOTE}. Fix: shrink the pod manifest below 65536 bytes: move large config into a ConfigMap or the image`,
    ].join('\n'),
  );
  await alive(h);
  // On a DPUService: the chart's errors stay (with the note), its annotated warnings go.
  const bad = await h.post(annotated('dpuservice-update-bad-chart', 'one-daemonset, arm64-image'));
  assert.equal(bad.json.response.allowed, false);
  const lines = bad.json.response.status.message.split('\n') as string[];
  const oneDaemonSet = lines.find((l) => l.startsWith('- [one-daemonset]'));
  assert.ok(oneDaemonSet?.includes(`DPF needs exactly 1: dpu-cplane-bad-chart-svc-agent (bad-chart/templates/workloads.yaml), dpu-cplane-bad-chart-svc-helper (bad-chart/templates/workloads.yaml) ${NOTE}. Fix:`), oneDaemonSet);
  assert.equal(lines.filter((l) => l.includes(NOTE)).length, 1, 'only the annotated rule carries the note');
  assert.equal((bad.json.response.warnings as string[]).some((w) => w.startsWith('arm64-image:')), false);
  await alive(h);
});

test('a rule the config lowered to warning can be settled by the annotation', async () => {
  const h = await harness({ validator: { rules: ruleControl({ disable: [], severity: { 'pod-size': 'warning' } }) } });
  const plain = await h.post(bigPod());
  assert.equal(plain.json.response.allowed, true);
  assert.match(plain.json.response.warnings[0], /^pod-size: pod manifest is \d+ bytes, over the 65536-byte limit$/);
  assert.deepEqual((await h.post(bigPod('pod-size'))).json.response, { uid: '3f1c2a10-0001-4d6e-9b1a-5a0f6c1e2d01', allowed: true });
  await alive(h);
});

/** A chart whose DaemonSet and Deployment take their annotations from values; both lack a selector (kube-schema warnings). */
function annotatingChartDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'webhook-rule-control-'));
  const chart = join(root, 'annotating');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: annotating-chart\nversion: 0.1.0\nannotations:\n  dpu.nvidia.com/doca-version: ">= 2.9"\n');
  writeFileSync(join(chart, 'values.yaml'), 'imagePullSecrets: []\ndaemonSetAnnotations: {}\n');
  const workload = (kind: string, suffix: string, annotations: string) =>
    [
      'apiVersion: apps/v1',
      `kind: ${kind}`,
      'metadata:',
      `  name: {{ .Release.Name }}-${suffix}`,
      ...(annotations ? [`  {{- with ${annotations} }}`, '  annotations:', '    {{- toYaml . | nindent 4 }}', '  {{- end }}'] : []),
      'spec:',
      '  template:',
      '    spec:',
      '      {{- with .Values.imagePullSecrets }}',
      '      imagePullSecrets:',
      '        {{- toYaml . | nindent 8 }}',
      '      {{- end }}',
      '      containers:',
      `        - name: ${suffix}`,
      '          image: nvcr.io/example/agent:1',
      '',
    ].join('\n');
  writeFileSync(join(chart, 'templates', 'daemonset.yaml'), workload('DaemonSet', 'agent', '.Values.daemonSetAnnotations'));
  writeFileSync(join(chart, 'templates', 'deployment.yaml'), workload('Deployment', 'controller', ''));
  return root;
}

test('a rendered object\'s own annotation settles its warnings only', async () => {
  const h = await harness({ resolver: new LocalChartResolver([annotatingChartDir()]) });
  const review = loadReview('dpuservice-create-valid');
  review.request.object.spec.helmChart = { source: { repoURL: 'https://helm.example.com/dpf', chart: 'annotating-chart', version: '0.1.0' }, values: {} };
  const plain = await h.post(review);
  assert.equal(plain.json.response.allowed, true, JSON.stringify(plain.json.response));
  assert.deepEqual(plain.json.response.warnings, [
    // 120 characters at most, cut with ...
    'arm64-image: DaemonSet dummydpuservice/dpu-cplane-dummydpuservice-agent: cannot verify arm64 support of nvcr.io/examp...',
    "kube-schema: DaemonSet dummydpuservice/dpu-cplane-dummydpuservice-agent: spec: missing properties: 'selector'",
    "kube-schema: Deployment dummydpuservice/dpu-cplane-dummydpuservice-controller: spec: missing properties: 'selector'",
  ]);
  review.request.object.spec.helmChart.values = { daemonSetAnnotations: { [ANNOTATION]: 'arm64-image kube-schema' } };
  const settled = await h.post(review);
  assert.deepEqual(settled.json.response.warnings, ["kube-schema: Deployment dummydpuservice/dpu-cplane-dummydpuservice-controller: spec: missing properties: 'selector'"]);
  await alive(h);
});

test('the webhook process takes rules.severity and rules.disable from --config, through its chart workers', async () => {
  const cert = makeCert();
  const dir = mkdtempSync(join(tmpdir(), 'webhook-rule-config-'));
  const config = join(dir, 'dpu-gitops.yaml');
  writeFileSync(config, 'rules:\n  disable: [kube-schema]\n  severity:\n    arm64-image: error\n    pod-fields: warning\n');
  const w = await startWebhookProcess(['--cert', cert.certFile, '--key', cert.keyFile, '--port', '0', '--host', '127.0.0.1', '--workers', '1', '--chart-dir', 'examples/charts', '--chart-dir', 'test/contract/fixtures/lint-repo/charts', '--config', config]);
  const port = w.port;
  let exit: Promise<number | null> | undefined;
  const post = async (body: unknown) => JSON.parse((await httpsRequest(port, cert.cert, 'POST', '/validate', JSON.stringify(body))).text).response;
  try {
    const raised = await post(annotated('dpuservice-create-valid', 'arm64-image'));
    assert.equal(raised.allowed, false);
    // the process's cluster is in-cluster (no --cluster, none in the config)
    assert.match(raised.status.message, new RegExp(`- \\[arm64-image\\] DaemonSet dummydpuservice/in-cluster-dummydpuservice-dummy .*\\(registry not queried\\) \\(the ${ANNOTATION} annotation cannot waive`));
    const disabled = await post(loadReview('dpuservice-update-bad-chart'));
    assert.equal(disabled.allowed, false);
    assert.ok(disabled.warnings.length > 0);
    assert.deepEqual(disabled.warnings.filter((w: string) => w.startsWith('kube-schema')), []);
    const lowered = await post(loadReview('pod-create-no-containers'));
    assert.deepEqual([lowered.allowed, lowered.warnings], [true, ['pod-fields: spec.containers must be a non-empty array (found empty array)']]);
    assert.equal((await httpsRequest(port, cert.cert, 'GET', '/healthz')).text, 'ok');
  } finally {
    exit = w.stop();
  }
  assert.equal(await exit, 0);
});
