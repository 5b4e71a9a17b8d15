import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import type { ChartResolver } from '../../contract/chart-resolver.js';
import { loadReview } from './fixtures.js';
import { startHarness, type Harness } from './harness.js';
import { httpsRequest, makeCert } from './tls.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.webhook.close();
});

const ok = (uid: string, warnings?: string[]) => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  response: { uid, allowed: true, ...(warnings ? { warnings } : {}) },
});
const denied = (uid: string, code: number, reason: string, message: string[], warnings?: string[]) => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  response: { uid, allowed: false, status: { code, reason, message: message.join('\n') }, ...(warnings ? { warnings } : {}) },
});
const POD_FIX = 'in the pod manifest (apiVersion: v1, kind: Pod, metadata.name, spec.containers: [...])';

test('Pod CREATE that passes: allowed, same uid', async () => {
  const r = await h.post(loadReview('pod-create-valid'));
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, ok('3f1c2a10-0001-4d6e-9b1a-5a0f6c1e2d01'));
});

test('Pod CREATE without containers (generateName, as controllers send it): denied with pod-fields', async () => {
  const r = await h.post(loadReview('pod-create-no-containers'));
  assert.deepEqual(
    r.json,
    denied('3f1c2a10-0002-4d6e-9b1a-5a0f6c1e2d02', 422, 'Invalid', [
      'CREATE Pod dpf/telemetry- denied by dpu-gitops (1 violation):',
      `- [pod-fields] Pod dpf/telemetry- (spec.containers): spec.containers must be a non-empty array (found empty array). Fix: set spec.containers ${POD_FIX}`,
    ]),
  );
});

test('Pod over 64 KB: denied with the measured compact-JSON size and the limit', async () => {
  const review = loadReview('pod-create-valid');
  review.request.object.metadata.annotations = { blob: 'x'.repeat(65536) };
  const size = Buffer.byteLength(JSON.stringify(review.request.object));
  const r = await h.post(review);
  assert.deepEqual(
    r.json,
    denied('3f1c2a10-0001-4d6e-9b1a-5a0f6c1e2d01', 422, 'Invalid', [
      'CREATE Pod dpf/telemetry denied by dpu-gitops (1 violation):',
      `- [pod-size] Pod dpf/telemetry: pod manifest is ${size} bytes, over the 65536-byte limit. Fix: shrink the pod manifest below 65536 bytes: move large config into a ConfigMap or the image`,
    ]),
  );
});

test('DaemonSet UPDATE with oldObject: allowed', async () => {
  assert.deepEqual((await h.post(loadReview('daemonset-update-valid'))).json, ok('3f1c2a10-0003-4d6e-9b1a-5a0f6c1e2d03'));
});

test('DaemonSet whose template makes a Pod over 64 KB: denied', async () => {
  const review = loadReview('daemonset-update-valid');
  review.request.object.spec.template.spec.containers[0].env = [{ name: 'BIG', value: 'v'.repeat(65536) }];
  const r = await h.post(review);
  assert.equal(r.json.response.allowed, false);
  assert.match(r.json.response.status.message, /^UPDATE DaemonSet dpf\/sfc-agent denied by dpu-gitops \(1 violation\):\n- \[pod-size\] DaemonSet dpf\/sfc-agent \(spec\.template\): pod manifest is 65\d\d\d bytes, over the 65536-byte limit\./);
});

test('dryRun Deployment: answered exactly as without dryRun', async () => {
  const review = loadReview('deployment-create-dryrun-invalid');
  const expected = denied('3f1c2a10-0004-4d6e-9b1a-5a0f6c1e2d04', 422, 'Invalid', [
    'CREATE Deployment dpf/controller denied by dpu-gitops (1 violation):',
    `- [pod-fields] Deployment dpf/controller (spec.template.spec.containers): spec.template.spec.containers must be a non-empty array (found empty array). Fix: set spec.template.spec.containers ${POD_FIX}`,
  ]);
  assert.deepEqual((await h.post(review)).json, expected);
  review.request.dryRun = false;
  assert.deepEqual((await h.post(review)).json, expected);
});

test('DELETE (object null) and unchecked kinds are allowed', async () => {
  assert.deepEqual((await h.post(loadReview('pod-delete'))).json, ok('3f1c2a10-0005-4d6e-9b1a-5a0f6c1e2d05'));
  assert.deepEqual((await h.post(loadReview('configmap-create'))).json, ok('3f1c2a10-0010-4d6e-9b1a-5a0f6c1e2d10'));
});

test('DPUService with a cached local chart: rendered with DPF values, allowed with the arm64 warning', async () => {
  const r = await h.post(loadReview('dpuservice-create-valid'));
  assert.deepEqual(
    r.json,
    ok('3f1c2a10-0006-4d6e-9b1a-5a0f6c1e2d06', ['arm64-image: DaemonSet dummydpuservice/dpu-cplane-dummydpuservice-dummy: cannot verify arm64 support of example.com/d...']),
  );
});

test('DPUService spec errors: every violation listed, chart not fetched', async () => {
  const r = await h.post(loadReview('dpuservice-create-invalid-spec'));
  const fix = 'use serviceType NodePort|ClusterIP|None; ports need unique names ^[a-z0-9-]+$, port 1-65535, TCP|UDP, nodePort 30000-32767';
  assert.deepEqual(
    r.json,
    denied('3f1c2a10-0007-4d6e-9b1a-5a0f6c1e2d07', 422, 'Invalid', [
      'CREATE DPUService dummydpuservice/dummydpuservice denied by dpu-gitops (3 violations):',
      `- [dpuservice-config-ports] DPUService dummydpuservice/dummydpuservice (spec.configPorts.ports[1].name): spec.configPorts.ports[1].name duplicates the name of ports[0] (found "exampletcp"). Fix: ${fix}`,
      `- [dpuservice-config-ports] DPUService dummydpuservice/dummydpuservice (spec.configPorts.ports[1].nodePort): spec.configPorts.ports[1].nodePort must be between 30000 and 32767 (found 8081). Fix: ${fix}`,
      '- [dpuservice-interfaces] DPUService dummydpuservice/dummydpuservice (spec.interfaces[0]): spec.interfaces[0] must match a DNS-1123 name (lowercase letters, digits, - and .) (found "P0"). Fix: list 1-50 distinct DPUServiceInterface names (lowercase DNS-1123) in spec.interfaces',
    ]),
  );
});

test('DPUService whose chart breaks the contract: chart errors denied, recommendations as warnings', async () => {
  const r = await h.post(loadReview('dpuservice-update-bad-chart'));
  assert.deepEqual(
    r.json,
    denied(
      '3f1c2a10-0009-4d6e-9b1a-5a0f6c1e2d09',
      422,
      'Invalid',
      [
        'UPDATE DPUService dummydpuservice/bad-chart-svc denied by dpu-gitops (4 violations):',
        '- [doca-version] Chart bad-chart-0.0.1 (annotations["dpu.nvidia.com/doca-version"]): dpu.nvidia.com/doca-version "latest" is not a semver constraint: improper constraint: latest. Fix: set annotations."dpu.nvidia.com/doca-version" in Chart.yaml to a constraint such as ">= 2.9" or "~2.9"',
        '- [one-daemonset] Chart bad-chart-0.0.1: chart renders 2 DaemonSets, DPF needs exactly 1: dpu-cplane-bad-chart-svc-agent (bad-chart/templates/workloads.yaml), dpu-cplane-bad-chart-svc-helper (bad-chart/templates/workloads.yaml). Fix: make the chart render exactly one DaemonSet for the service; run other workloads as separate DPUServices',
        '- [release-name] ConfigMap dummydpuservice/static-config (bad-chart/templates/config.yaml, metadata.name): metadata.name "static-config" does not contain the release name "dpu-cplane-bad-chart-svc". Fix: build metadata.name in bad-chart/templates/config.yaml from .Release.Name (e.g. with the chart\'s fullname helper)',
        `- [pod-fields] DaemonSet dummydpuservice/dpu-cplane-bad-chart-svc-helper (bad-chart/templates/workloads.yaml, spec.template.spec.containers): spec.template.spec.containers must be a non-empty array (found empty array). Fix: set spec.template.spec.containers ${POD_FIX}`,
      ],
      [
        'dpf-annotation: chart annotation dpu.nvidia.com/owner is stripped by DPF (only dpu.nvidia.com/doca-version is kept)',
        'crds-location: CustomResourceDefinition in bad-chart/templates/crd.yaml belongs in crds/',
        'image-pull-secrets: DaemonSet in bad-chart/templates/workloads.yaml has no configurable imagePullSecrets',
        'exposed-ports-default: values.yaml exposedPorts.ports.metrics is true, should default to false',
        'exposed-ports-default: values.yaml has exposedPorts but no exposedPorts.labels',
        // Each warning about an object the chart renders names it (namespaced ones in the
        // release namespace), so the object to annotate is in the warning.
        'exposed-service-traffic-policy: Service dummydpuservice/dpu-cplane-bad-chart-svc-metrics: spec.internalTrafficPolicy ...',
        'exposed-service-traffic-policy: Service dummydpuservice/dpu-cplane-bad-chart-svc-metrics: spec.externalTrafficPolicy ...',
        'arm64-image: DaemonSet dummydpuservice/dpu-cplane-bad-chart-svc-agent: cannot verify arm64 support of nvcr.io/example...',
        // Kubernetes' schema: a CRD needs names, scope and versions; a DaemonSet a selector.
        "kube-schema: CustomResourceDefinition widgets.example.com: spec: missing properties: 'names', 'scope', 'versions'",
        "kube-schema: DaemonSet dummydpuservice/dpu-cplane-bad-chart-svc-agent: spec: missing properties: 'selector'",
        "kube-schema: DaemonSet dummydpuservice/dpu-cplane-bad-chart-svc-helper: spec: missing properties: 'selector'",
      ],
    ),
  );
  for (const w of r.json.response.warnings ?? []) assert.ok(w.length <= 120);
});

test('DPUService whose chart is not available: denied 503 (default --on-chart-unavailable=deny)', async () => {
  const r = await h.post(loadReview('dpuservice-create-remote-chart'));
  assert.deepEqual(
    r.json,
    denied('3f1c2a10-0008-4d6e-9b1a-5a0f6c1e2d08', 503, 'ServiceUnavailable', [
      'CREATE DPUService dummydpuservice/remote denied by dpu-gitops (1 violation):',
      '- [chart-unavailable] DPUService dummydpuservice/remote (spec.helmChart.source): chart oci://ghcr.io/example remote-chart 3.0.0 unavailable: not found in the local chart folders. Fix: make oci://ghcr.io/example remote-chart 3.0.0 reachable (or vendor the chart, or pass --chart-dir to lint) and retry',
    ]),
  );
});

/** A chart source that never answers (a repository that hangs). */
const hangingResolver: ChartResolver = { resolve: () => new Promise(() => {}) };

test('a chart source that hangs: denied after --chart-timeout, never a hang', async () => {
  const slow = await startHarness({ resolver: hangingResolver, chartTimeoutMs: 150 });
  try {
    const started = Date.now();
    const r = await slow.post(loadReview('dpuservice-create-valid'));
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 140, `denied after ${elapsed} ms, before the deadline`);
    assert.equal(r.json.response.allowed, false);
    assert.equal(r.json.response.status.code, 503);
    assert.match(r.json.response.status.message, /chart https:\/\/helm\.example\.com\/dpf dummydpuservice-chart 0\.1\.0 unavailable: timed out after 150 ms/);
  } finally {
    await slow.webhook.close();
  }
});

test('--on-chart-unavailable=allow: admitted with a chart-unavailable warning', async () => {
  const lenient = await startHarness({ resolver: hangingResolver, chartTimeoutMs: 50, onChartUnavailable: 'allow' });
  try {
    const r = await lenient.post(loadReview('dpuservice-create-valid'));
    assert.deepEqual(
      r.json,
      ok('3f1c2a10-0006-4d6e-9b1a-5a0f6c1e2d06', ['chart-unavailable: chart https://helm.example.com/dpf dummydpuservice-chart 0.1.0 unavailable: timed out after 50 ms']),
    );
  } finally {
    await lenient.webhook.close();
  }
});

test('malformed input: HTTP 400 with a clear message, never a crash', async () => {
  const cases: [unknown, string][] = [
    ['{"apiVersion": ', 'request body is not valid JSON: Unexpected end of JSON input'],
    ['', 'request body is empty: expected an AdmissionReview JSON object'],
    ['[1,2]', 'invalid AdmissionReview: body must be a JSON object'],
    [loadReview('malformed-v1beta1'), 'invalid AdmissionReview: apiVersion must be admission.k8s.io/v1 (got "admission.k8s.io/v1beta1")'],
    [loadReview('malformed-wrong-kind'), 'invalid AdmissionReview: kind must be AdmissionReview (got "AdmissionResponse")'],
    [loadReview('malformed-missing-uid'), 'invalid AdmissionReview: request.uid is missing'],
    [{ ...loadReview('pod-create-valid'), request: { ...loadReview('pod-create-valid').request, operation: 'PATCH' } }, 'invalid AdmissionReview: request.operation must be one of CREATE, UPDATE, DELETE, CONNECT'],
    [{ ...loadReview('pod-create-valid'), request: { ...loadReview('pod-create-valid').request, object: null } }, 'invalid AdmissionReview: request.object must be an object for CREATE'],
    [{ ...loadReview('pod-create-valid'), request: { ...loadReview('pod-create-valid').request, kind: 'Pod' } }, 'invalid AdmissionReview: request.kind must be {group, version, kind}'],
  ];
  for (const [body, error] of cases) {
    const r = await h.post(body);
    assert.deepEqual([r.status, r.json], [400, { error }], String(body).slice(0, 40));
  }
  // The server still answers normally afterwards.
  assert.equal((await h.post(loadReview('pod-create-valid'))).json.response.allowed, true);
});

test('a body over the limit gets 400 (default limit 3 MiB)', async () => {
  const review = loadReview('pod-create-valid');
  review.request.object.metadata.annotations = { pad: 'x'.repeat(3 * 1024 * 1024) };
  const r = await h.post(review);
  assert.deepEqual([r.status, r.json], [400, { error: 'request body exceeds the 3145728-byte limit' }]);
  const small = await startHarness({ bodyLimitBytes: 512 });
  try {
    const big = await small.post(loadReview('pod-create-valid'));
    assert.deepEqual([big.status, big.json], [400, { error: 'request body exceeds the 512-byte limit' }]);
  } finally {
    await small.webhook.close();
  }
});

test('GET /healthz and /readyz; unknown paths 404', async () => {
  assert.deepEqual(await h.get('/healthz'), { status: 200, text: 'ok', contentType: 'text/plain; charset=utf-8' });
  assert.deepEqual(await h.get('/readyz'), { status: 200, text: 'ok', contentType: 'text/plain; charset=utf-8' });
  assert.equal((await h.get('/nope')).status, 404);
});

test('GET /metrics: requests by kind and decision, latency histogram, denials by rule, bad requests', async () => {
  const m = await startHarness();
  try {
    await m.post(loadReview('pod-create-valid'));
    await m.post(loadReview('pod-create-no-containers'));
    await m.post(loadReview('dpuservice-update-bad-chart'));
    await m.post('{');
    const r = await m.get('/metrics');
    assert.equal(r.contentType, 'text/plain; version=0.0.4; charset=utf-8');
    const lines = r.text.split('\n');
    for (const expected of [
      '# TYPE dpu_gitops_webhook_requests_total counter',
      'dpu_gitops_webhook_requests_total{kind="DPUService",decision="denied"} 1',
      'dpu_gitops_webhook_requests_total{kind="Pod",decision="allowed"} 1',
      'dpu_gitops_webhook_requests_total{kind="Pod",decision="denied"} 1',
      '# TYPE dpu_gitops_webhook_request_duration_seconds histogram',
      'dpu_gitops_webhook_request_duration_seconds_bucket{kind="Pod",le="+Inf"} 2',
      'dpu_gitops_webhook_request_duration_seconds_count{kind="Pod"} 2',
      'dpu_gitops_webhook_denials_total{rule="pod-fields"} 2',
      'dpu_gitops_webhook_denials_total{rule="one-daemonset"} 1',
      'dpu_gitops_webhook_warnings_total{rule="exposed-service-traffic-policy"} 2',
      'dpu_gitops_webhook_bad_requests_total{reason="malformed-json"} 1',
    ]) {
      assert.ok(lines.includes(expected), `missing: ${expected}`);
    }
  } finally {
    await m.webhook.close();
  }
});

test('one pino line per review: uid, kind, namespace/name, decision, rules, duration', async () => {
  const l = await startHarness();
  try {
    await l.post(loadReview('deployment-create-dryrun-invalid'));
    const line = l.logs.find((x) => x.msg === 'admission review');
    assert.ok(line);
    const { time, durationMs, pid, hostname, ...rest } = line as Record<string, unknown>;
    assert.equal(typeof time, 'number');
    assert.equal(typeof durationMs, 'number');
    void pid;
    void hostname;
    assert.deepEqual(rest, {
      level: 30,
      component: 'dpu-gitops-webhook',
      uid: '3f1c2a10-0004-4d6e-9b1a-5a0f6c1e2d04',
      kind: 'Deployment',
      namespace: 'dpf',
      name: 'controller',
      operation: 'CREATE',
      dryRun: true,
      decision: 'denied',
      checked: true,
      rules: ['pod-fields'],
      msg: 'admission review',
    });
  } finally {
    await l.webhook.close();
  }
});

test('certificate files are reloaded when they change; a bad pair keeps the old one', async () => {
  const c = await startHarness();
  try {
    const first = await httpsRequest(c.webhook.port, c.cert.cert, 'GET', '/healthz');
    const next = makeCert(undefined, 'renewed');
    copyFileSync(next.certFile, c.cert.certFile);
    // Mid-rotation: new cert with the old key is rejected and the old pair stays.
    c.webhook.certReloader.check();
    assert.equal(c.webhook.certReloader.reloads, 0);
    assert.equal((await httpsRequest(c.webhook.port, c.cert.cert, 'GET', '/healthz')).fingerprint, first.fingerprint);
    copyFileSync(next.keyFile, c.cert.keyFile);
    c.webhook.certReloader.check();
    assert.equal(c.webhook.certReloader.reloads, 1);
    const second = await httpsRequest(c.webhook.port, next.cert, 'GET', '/healthz');
    assert.equal(second.status, 200);
    assert.notEqual(second.fingerprint, first.fingerprint);
    // Unchanged files: no reload.
    c.webhook.certReloader.check();
    assert.equal(c.webhook.certReloader.reloads, 1);
  } finally {
    await c.webhook.close();
  }
});

test('close(): readiness goes false and in-flight reviews finish', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { CachingChartResolver } = await import('../../contract/chart-resolver.js');
  const { LocalChartResolver } = await import('../../contract/local-charts.js');
  const local = new LocalChartResolver(['examples/charts']);
  const slowResolver: ChartResolver = { resolve: async (s, o) => (await gate, local.resolve(s, o)) };
  const s = await startHarness({ resolver: new CachingChartResolver(slowResolver, { ttlMs: 1000, maxEntries: 1 }) });
  const inFlight = s.post(loadReview('dpuservice-create-valid'));
  await new Promise((r) => setTimeout(r, 50));
  const closing = s.webhook.close(5000);
  assert.equal(s.webhook.health.notReadyReason(), 'shutting down');
  release();
  const r = await inFlight;
  assert.equal(r.json.response.allowed, true);
  await closing;
});
