// The webhook on the DPUDeployment kinds (issue 13): CRD/CEL rules of DPUServiceTemplate,
// DPUServiceConfiguration and DPUDeployment deny with DPF's messages; a template's chart goes
// through the chart rules (real render of examples/charts through our helm renderer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { MessageCatalog } from '../../contract/index.js';
import { LocalChartResolver } from '../../contract/local-charts.js';
import { renderWithHelm } from '../../contract/render-helm.js';
import type { AdmissionRequest } from '../../webhook/admission-review.js';
import { validateRequest } from '../../webhook/validate.js';

const catalog = MessageCatalog.load();
const EX = new URL('../../examples/deployment/', import.meta.url).pathname;
const docs = (file: string) => parseAllDocuments(readFileSync(EX + file, 'utf8')).map((d) => d.toJS() as Record<string, any>);
const opts = { catalog, render: renderWithHelm, resolver: new LocalChartResolver([new URL('../../examples/charts', import.meta.url).pathname]), chartTimeoutMs: 5000, onChartUnavailable: 'deny' as const, cluster: 'dpu-cplane-tenant1' };

function request(object: Record<string, any>, resource: string): AdmissionRequest {
  return {
    uid: `uid-${resource}-${object.metadata?.name}`,
    kind: { group: 'svc.dpu.nvidia.com', version: 'v1alpha1', kind: object.kind },
    resource: { group: 'svc.dpu.nvidia.com', version: 'v1alpha1', resource },
    operation: 'CREATE',
    namespace: object.metadata?.namespace,
    name: object.metadata?.name,
    object,
  } as AdmissionRequest;
}

test('the example\'s templates, configurations and DPUDeployment are admitted; templates\' charts are checked', async () => {
  for (const t of docs('dpuservicetemplates.yaml')) {
    const o = await validateRequest(request(t, 'dpuservicetemplates'), opts);
    assert.deepEqual([o.checked, o.allowed, o.errors.map((e) => e.message)], [true, true, []], t.metadata.name);
    assert.ok(o.warnings.some((w) => w.rule === 'arm64-image'), 'the chart was rendered and its rules ran');
  }
  for (const c of docs('dpuserviceconfigurations.yaml')) assert.equal((await validateRequest(request(c, 'dpuserviceconfigurations'), opts)).allowed, true);
  assert.equal((await validateRequest(request(docs('dpudeployment.yaml')[0]!, 'dpudeployments'), opts)).allowed, true);
});

test('a DPUDeployment breaking DPF\'s CEL rules is denied with DPF\'s messages', async () => {
  const d = docs('dpudeployment.yaml')[0]!;
  d.metadata.name = 'ovn-hbn-with-a-long-name';
  d.spec.dpus.blueFieldSoftware = 'bfs';
  const o = await validateRequest(request(d, 'dpudeployments'), opts);
  assert.equal(o.allowed, false);
  assert.deepEqual(o.errors.map((e) => e.message), ["metadata.name name length can't be bigger than 20 chars (found 24 characters)", 'spec.dpus exactly one of bfb or blueFieldSoftware must be specified']);
});

test('a DPUServiceConfiguration with interfaces and deployInCluster is denied', async () => {
  const c = docs('dpuserviceconfigurations.yaml')[0]!;
  c.spec.serviceConfiguration.deployInCluster = true;
  const o = await validateRequest(request(c, 'dpuserviceconfigurations'), opts);
  assert.equal(o.allowed, false);
  assert.deepEqual(o.errors.map((e) => e.message), ['spec.interfaces interfaces are not supported when deploying in cluster']);
});

test('a DPUServiceTemplate whose chart cannot be found is denied as unavailable', async () => {
  const t = docs('dpuservicetemplates.yaml')[0]!;
  t.spec.helmChart.source.chart = 'no-such-chart';
  const o = await validateRequest(request(t, 'dpuservicetemplates'), opts);
  assert.deepEqual([o.allowed, o.chartUnavailable], [false, true]);
});

test('rule control on the DPUDeployment kinds: a template\'s annotation settles its chart\'s warnings; a CEL error is the config\'s to lower, not the annotation\'s', async () => {
  const { ruleControl } = await import('../../config/rules.js');
  const t = docs('dpuservicetemplates.yaml')[0]!;
  t.metadata.annotations = { 'dpu-gitops.nvidia.com/disable': 'arm64-image' };
  const settled = await validateRequest(request(t, 'dpuservicetemplates'), opts);
  assert.deepEqual([settled.allowed, settled.warnings.filter((w) => w.rule === 'arm64-image'), settled.settledByAnnotation], [true, [], ['arm64-image']]);

  const d = docs('dpudeployment.yaml')[0]!;
  d.metadata.name = 'ovn-hbn-with-a-long-name';
  d.metadata.annotations = { 'dpu-gitops.nvidia.com/disable': 'deployment-spec' };
  const annotated = await validateRequest(request(d, 'dpudeployments'), opts);
  assert.equal(annotated.allowed, false);
  assert.match(annotated.errors[0]!.message, /^metadata\.name name length can't be bigger than 20 chars \(found 24 characters\) \(the dpu-gitops\.nvidia\.com\/disable annotation cannot waive an error at admission/);
  const lowered = await validateRequest(request(d, 'dpudeployments'), { ...opts, rules: ruleControl({ disable: [], severity: { 'deployment-spec': 'warning' } }) });
  assert.deepEqual([lowered.allowed, lowered.warnings.map((w) => w.rule), lowered.settledByAnnotation], [true, [], ['deployment-spec']]);
});
