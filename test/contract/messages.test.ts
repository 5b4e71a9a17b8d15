import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageCatalog, MessageTemplateError, RULE_IDS, WARNING_MAX_LENGTH, type RuleId } from '../../contract/index.js';
import { SAMPLE_FINDINGS } from './sample-findings.js';

/** [message, fix] of each sample finding with the built-in templates. */
const EXPECTED: Record<RuleId, [string, string]> = {
  "pod-size": ["pod manifest is 70000 bytes, over the 65536-byte limit", "shrink the pod manifest below 65536 bytes: move large config into a ConfigMap or the image"],
  "pod-fields": ["kind must be Pod (found Deployment)", "set kind in the pod manifest (apiVersion: v1, kind: Pod, metadata.name, spec.containers: [...])"],
  "one-daemonset": ["chart renders 2 DaemonSets, DPF needs exactly 1: rel-a (c/templates/a.yaml), rel-b (c/templates/b.yaml)", "make the chart render exactly one DaemonSet for the service; run other workloads as separate DPUServices"],
  "release-name": ["metadata.name \"config\" does not contain the release name \"rel\"", "build metadata.name in c/templates/cm.yaml from .Release.Name (e.g. with the chart's fullname helper)"],
  "doca-version": ["dpu.nvidia.com/doca-version \"latest\" is not a semver constraint: improper constraint: latest", "set annotations.\"dpu.nvidia.com/doca-version\" in Chart.yaml to a constraint such as \">= 2.9\" or \"~2.9\""],
  "dpf-annotation": ["chart annotation dpu.nvidia.com/bfb is stripped by DPF (only dpu.nvidia.com/doca-version is kept)", "remove dpu.nvidia.com/bfb or move it out of the dpu.nvidia.com/ domain; DPF only keeps dpu.nvidia.com/doca-version"],
  "image-pull-secrets": ["DaemonSet in c/templates/ds.yaml has no configurable imagePullSecrets", "set the pod spec's imagePullSecrets in c/templates/ds.yaml from a value (e.g. .Values.imagePullSecrets)"],
  "exposed-service-traffic-policy": ["spec.externalTrafficPolicy is Cluster, should be Local for a NodePort Service", "set spec.internalTrafficPolicy: Local and spec.externalTrafficPolicy: Local in c/templates/svc.yaml"],
  "exposed-ports-default": ["values.yaml exposedPorts.ports.grpc is true, should default to false", "set exposedPorts.ports.grpc to false in values.yaml; DPF turns ports on per DPUService"],
  "crds-location": ["CustomResourceDefinition in c/templates/crd.yaml belongs in crds/", "move the CustomResourceDefinition from c/templates/crd.yaml to the chart's crds/ folder"],
  "arm64-image": ["cannot verify arm64 support of nvcr.io/x/svc:1 (registry not queried)", "check that nvcr.io/x/svc:1 has a linux/arm64 image (e.g. `docker manifest inspect IMAGE`)"],
  "chart-render": ["chart does not render: template: c/templates/ds.yaml:3:4: executing \"c/templates/ds.yaml\" at <.Values.x.y>: nil pointer evaluating interface {}.y", "run `dpu-gitops template` on the chart with the same values and fix the error it prints"],
  "chart-unavailable": ["chart https://charts.example.com svc-chart 0.1.0 unavailable: timed out after 2000 ms", "make https://charts.example.com svc-chart 0.1.0 reachable (or vendor the chart, or pass --chart-dir to lint) and retry"],
  "dpuservice-spec": ["spec.serviceID must be set when spec.interfaces is set", "change spec.serviceID to satisfy the DPUService API (svc.dpu.nvidia.com/v1alpha1)"],
  "dpuservice-source": ["spec.helmChart.source.repoURL must match oci://... or https://... (found \"http://x\")", "set spec.helmChart.source.repoURL: helmChart.source needs repoURL (oci:// or https://), chart (or path) and version"],
  "dpuservice-config-ports": ["spec.configPorts.ports[1].nodePort must be between 30000 and 32767 (found 8080)", "use serviceType NodePort|ClusterIP|None; ports need unique names ^[a-z0-9-]+$, port 1-65535, TCP|UDP, nodePort 30000-32767"],
  "dpuservice-interfaces": ["spec.interfaces[0] must match a DNS-1123 name (lowercase letters, digits, - and .) (found \"P0\")", "list 1-50 distinct DPUServiceInterface names (lowercase DNS-1123) in spec.interfaces"],
  "dpuservice-daemonset": ["spec.serviceDaemonSet.labels.tier must be a string (quote it) (found 1)", "give spec.serviceDaemonSet.labels.tier the type DPF expects: NodeSelector, DaemonSetUpdateStrategy, string maps, quantities"],
  "unknown-field": ["unknown field spec.serviceDeamonSet (it is dropped)", "remove spec.serviceDeamonSet or fix its spelling; known fields here: helmChart, serviceID"],
  "extension-service-spec": ["data is missing", "use the NICo request body: name, serviceType: KubernetesPod, data: the Pod manifest as a YAML string"],
  "extension-service-type": ["serviceType is Helm, must be KubernetesPod", "set serviceType: KubernetesPod"],
  "extension-service-credentials": ["credentials.registryUrl must not end with / (it is an image prefix) (found \"nvcr.io/x/\")", "set credentials.registryUrl (no trailing /), username and password, each 1-255 characters"],
  "extension-service-name-unique": ["service name \"TELEMETRY\" repeats \"telemetry\" (a.yaml:1); names are case-insensitive", "rename one of the services; NICo compares names case-insensitively"],
  "extension-service-registry-conflict": ["registryUrl nvcr.io/nvforge/team overlaps nvcr.io/nvforge of \"agent\" with other credentials", "give each credential its own registryUrl prefix (e.g. nvcr.io/team-a and nvcr.io/team-b), or share one credential"],
  "deployment-template": ["spec.deploymentServiceName must be at most 28 characters (found 30 characters)", "change spec.deploymentServiceName to satisfy the DPUServiceTemplate API (svc.dpu.nvidia.com/v1alpha1)"],
  "deployment-configuration": ["spec.interfaces interfaces are not supported when deploying in cluster", "change spec.interfaces to satisfy the DPUServiceConfiguration API (svc.dpu.nvidia.com/v1alpha1)"],
  "deployment-spec": ["metadata.name name length can't be bigger than 20 chars (found 27 characters)", "change metadata.name to satisfy the DPUDeployment API (svc.dpu.nvidia.com/v1alpha1)"],
  "deployment-references": ["spec.services.hbn.serviceTemplate: error while getting svc.dpu.nvidia.com/v1alpha1, Kind=DPUServiceTemplate ns/hbn: not found in the app directory", "add the object, or change spec.services.hbn.serviceTemplate to name one that exists with deploymentServiceName equal to the service key"],
  "deployment-version": ["spec.dpus.bfb: version constraint for 'dpu.nvidia.com/doca-version' found in DPUServiceTemplate 'hbn' is not satisfied by the version '2.8.0' found in the given BFB", "use a BFB whose DOCA version the chart supports, or a chart version whose dpu.nvidia.com/doca-version accepts the BFB (DOCA version from BFB ns/bf-bundle spec.versions.doca)"],
  "manifest-parse": ["not valid YAML: Nested mappings are not allowed in compact mappings", "fix the YAML syntax at the reported line"],
  "helm-lint": ['object name does not conform to Kubernetes naming requirements: "a.b"', "run `dpu-gitops lint --format helm` on the chart for helm lint's own report"],
  "kube-schema": ["spec.replicas: expected integer, but got string", "fix the field in the template (or the values it reads); `dpu-gitops template` shows the rendered object"],
};

const catalog = MessageCatalog.load();

test('every rule has a sample finding and a message template', () => {
  assert.deepEqual(Object.keys(SAMPLE_FINDINGS).sort(), [...RULE_IDS].sort());
});

for (const id of RULE_IDS) {
  test(`message and fix of ${id}`, () => {
    const v = catalog.render(SAMPLE_FINDINGS[id]);
    assert.deepEqual([v.message, v.fix], EXPECTED[id]);
    assert.equal(v.rule, id);
  });
}

test('warnings are at most 120 characters, cut with ...', () => {
  for (const id of RULE_IDS) {
    const w = catalog.warning(catalog.render(SAMPLE_FINDINGS[id]));
    assert.ok(w.length <= WARNING_MAX_LENGTH, `${id}: ${w.length}`);
  }
  // The object is named unless it is the one under review (kubectl shows the warning with that one).
  const podSize = catalog.render(SAMPLE_FINDINGS['pod-size']);
  assert.equal(catalog.warning(podSize), 'pod-size: DpuExtensionService telemetry: pod manifest is 70000 bytes, over the 65536-byte limit');
  assert.equal(catalog.warning(podSize, { kind: 'DpuExtensionService', name: 'telemetry' }), 'pod-size: pod manifest is 70000 bytes, over the 65536-byte limit');
  const long = catalog.warning(catalog.render(SAMPLE_FINDINGS['chart-render']));
  assert.equal(long.length, 120);
  assert.ok(long.endsWith('...'));
});

test('the field is the dotted path of the finding', () => {
  assert.equal(catalog.render(SAMPLE_FINDINGS['dpuservice-config-ports']).field, 'spec.configPorts.ports[1].nodePort');
  assert.equal(catalog.render(SAMPLE_FINDINGS['crds-location']).field, undefined);
});

test('status message lists each violation with rule, object, location, message and fix', () => {
  const violations = catalog.renderAll([SAMPLE_FINDINGS['pod-size'], SAMPLE_FINDINGS['release-name']]);
  assert.equal(
    catalog.statusMessage({ operation: 'CREATE', object: 'DPUService dpf/svc', violations }),
    [
      'CREATE DPUService dpf/svc denied by dpu-gitops (2 violations):',
      '- [pod-size] DpuExtensionService telemetry (data): pod manifest is 70000 bytes, over the 65536-byte limit. Fix: shrink the pod manifest below 65536 bytes: move large config into a ConfigMap or the image',
      '- [release-name] ConfigMap dpf/config (c/templates/cm.yaml, metadata.name): metadata.name "config" does not contain the release name "rel". Fix: build metadata.name in c/templates/cm.yaml from .Release.Name (e.g. with the chart\'s fullname helper)',
    ].join('\n'),
  );
  assert.match(catalog.statusMessage({ operation: 'UPDATE', object: 'Pod a/b', violations: violations.slice(0, 1) }), /^UPDATE Pod a\/b denied by dpu-gitops \(1 violation\):\n/);
});

test('an override folder replaces messages, fixes and layouts file by file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dpu-msg-'));
  mkdirSync(join(dir, 'messages'));
  mkdirSync(join(dir, 'fixes'));
  mkdirSync(join(dir, 'layouts'));
  writeFileSync(join(dir, 'messages', 'pod-size.hbs'), 'Pod zu groß: {{measured}} > {{limit}} ({{object}})');
  writeFileSync(join(dir, 'fixes', 'pod-size.hbs'), 'Bitte kürzen.');
  writeFileSync(join(dir, 'layouts', 'warning.hbs'), '[{{severity}}] {{message}}');
  const custom = MessageCatalog.load({ overrideDir: dir });
  const v = custom.render(SAMPLE_FINDINGS['pod-size']);
  assert.equal(v.message, 'Pod zu groß: 70000 > 65536 (DpuExtensionService telemetry)');
  assert.equal(v.fix, 'Bitte kürzen.');
  assert.equal(custom.warning(v), '[error] Pod zu groß: 70000 > 65536 (DpuExtensionService telemetry)');
  // Rules the folder does not cover keep the built-in wording.
  assert.deepEqual([custom.render(SAMPLE_FINDINGS['one-daemonset']).message], [EXPECTED['one-daemonset'][0]]);
});

test('a broken override template fails at load time with its file name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dpu-msg-'));
  mkdirSync(join(dir, 'messages'));
  writeFileSync(join(dir, 'messages', 'release-name.hbs'), '{{#if detail}}unclosed');
  assert.throws(
    () => MessageCatalog.load({ overrideDir: dir }),
    (err: unknown) => err instanceof MessageTemplateError && err.file === join(dir, 'messages', 'release-name.hbs'),
  );
});

test('a catalog loaded again after an override file changed words with the new text (compiled templates are reused only while a file is unchanged)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dpu-msg-'));
  mkdirSync(join(dir, 'messages'));
  writeFileSync(join(dir, 'messages', 'pod-size.hbs'), 'first {{measured}}');
  assert.equal(MessageCatalog.load({ overrideDir: dir }).render(SAMPLE_FINDINGS['pod-size']).message, 'first 70000');
  assert.equal(MessageCatalog.load({ overrideDir: dir }).render(SAMPLE_FINDINGS['pod-size']).message, 'first 70000');
  writeFileSync(join(dir, 'messages', 'pod-size.hbs'), 'second {{limit}}');
  assert.equal(MessageCatalog.load({ overrideDir: dir }).render(SAMPLE_FINDINGS['pod-size']).message, 'second 65536');
  writeFileSync(join(dir, 'messages', 'pod-size.hbs'), '{{#if detail}}broken again');
  assert.throws(() => MessageCatalog.load({ overrideDir: dir }), MessageTemplateError);
});
