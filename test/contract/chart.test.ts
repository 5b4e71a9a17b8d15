import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadChartFromFiles } from '../../helm/chart/load-files.js';
import { chartFactsOf, checkChart, checkChartFacts, type ChartFacts, type RenderFn, type RenderedObject } from '../../contract/index.js';

const enc = new TextEncoder();
const files = (entries: Record<string, string>) => Object.entries(entries).map(([name, text]) => ({ name, data: enc.encode(text) }));

const CHART_YAML = 'apiVersion: v2\nname: svc\nversion: 0.1.0\nannotations:\n  dpu.nvidia.com/doca-version: ">= 2.9"\n';
const VALUES = 'imagePullSecrets: []\nexposedPorts:\n  ports:\n    web: false\n    grpc: false\n  labels: {}\n';
const DS = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}-svc\nspec:\n  template:\n    spec:\n      imagePullSecrets: {{ toYaml .Values.imagePullSecrets }}\n      containers: []\n';

const facts = (over: Partial<ChartFacts> = {}): ChartFacts => ({
  name: 'svc',
  version: '0.1.0',
  annotations: { 'dpu.nvidia.com/doca-version': '>= 2.9' },
  values: { exposedPorts: { ports: { web: false }, labels: {} } },
  templates: [{ path: 'svc/templates/ds.yaml', text: DS }],
  helpers: [],
  ...over,
});

test('chartFactsOf reads a loaded chart: annotations, values, templates and partials with helm paths', () => {
  const chart = loadChartFromFiles(files({ 'Chart.yaml': CHART_YAML, 'values.yaml': VALUES, 'templates/ds.yaml': DS, 'templates/_helpers.tpl': '{{ define "x" }}{{ end }}' }));
  const f = chartFactsOf(chart);
  assert.equal(f.name, 'svc');
  assert.deepEqual(f.templates.map((t) => t.path), ['svc/templates/ds.yaml']);
  assert.deepEqual(f.helpers.map((t) => t.path), ['svc/templates/_helpers.tpl']);
  assert.deepEqual(checkChartFacts(f), []);
});

test('checkChartFacts: doca-version missing, CRD in templates, no imagePullSecrets, ports on by default', () => {
  const findings = checkChartFacts(
    facts({
      annotations: undefined,
      values: { exposedPorts: { ports: { web: true, grpc: 'yes' } } },
      templates: [
        { path: 'svc/templates/ds.yaml', text: 'kind: DaemonSet\nspec: {}\n' },
        { path: 'svc/templates/crd.yaml', text: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n' },
      ],
    }),
  );
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.template ?? (f.path ?? []).join('.'), f.measured ?? '']),
    [
      ['doca-version', 'error', 'annotations.dpu.nvidia.com/doca-version', ''],
      ['crds-location', 'warning', 'svc/templates/crd.yaml', ''],
      ['image-pull-secrets', 'warning', 'svc/templates/ds.yaml', ''],
      ['exposed-ports-default', 'warning', 'exposedPorts.ports.web', 'true'],
      ['exposed-ports-default', 'warning', 'exposedPorts.ports.grpc', '"yes"'],
      ['exposed-ports-default', 'warning', 'exposedPorts.labels', ''],
    ],
  );
});

test('image-pull-secrets: a template including a partial that sets imagePullSecrets passes', () => {
  const helpers = [{ path: 'svc/templates/_helpers.tpl', text: '{{- define "svc.pullSecrets" -}}imagePullSecrets: []{{- end }}' }];
  const templates = [{ path: 'svc/templates/ds.yaml', text: 'kind: DaemonSet\n{{- include "svc.pullSecrets" . }}\n' }];
  assert.deepEqual(checkChartFacts(facts({ helpers, templates })), []);
});

const CHART = loadChartFromFiles(files({ 'Chart.yaml': CHART_YAML, 'values.yaml': VALUES, 'templates/ds.yaml': DS }));

/** A stand-in renderer: records its calls and returns fixed objects per call. */
function fakeRender(outputs: ((values: Record<string, unknown>) => RenderedObject[])): { render: RenderFn; calls: Record<string, unknown>[] } {
  const calls: Record<string, unknown>[] = [];
  return {
    calls,
    render: (_chart, opts) => {
      calls.push(opts.values);
      return outputs(opts.values);
    },
  };
}

const daemonSet: RenderedObject = {
  path: 'svc/templates/ds.yaml',
  kind: 'DaemonSet',
  name: 'rel-svc',
  object: { kind: 'DaemonSet', metadata: { name: 'rel-svc' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'r/i:1' }] } } } },
};
const nodePort = (name: string, policy: string): RenderedObject => ({
  path: 'svc/templates/svc.yaml',
  kind: 'Service',
  name,
  object: { kind: 'Service', metadata: { name }, spec: { type: 'NodePort', internalTrafficPolicy: policy, externalTrafficPolicy: 'Local' } },
});

test('checkChart renders twice: with the given values, then with every exposedPorts switch on', () => {
  const { render, calls } = fakeRender((values) => {
    const ports = (values.exposedPorts as { ports?: Record<string, boolean> } | undefined)?.ports ?? {};
    return ports.web ? [daemonSet, nodePort('exposed', 'Cluster')] : [daemonSet];
  });
  const findings = checkChart(CHART, { releaseName: 'rel', namespace: 'ns', values: { a: 1 }, render });
  assert.deepEqual(calls, [{ a: 1 }, { a: 1, exposedPorts: { ports: { web: true, grpc: true } } }]);
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.object?.name ?? '']),
    [
      ['arm64-image', 'warning', 'rel-svc'],
      ['exposed-service-traffic-policy', 'warning', 'exposed'],
      ['release-name', 'error', 'exposed'],
    ],
  );
});

test('checkChart: a render error is one chart-render finding after the static rules', () => {
  const render: RenderFn = () => {
    throw new Error('template: svc/templates/ds.yaml:1: boom');
  };
  const findings = checkChart(CHART, { releaseName: 'rel', namespace: 'ns', values: {}, render });
  assert.deepEqual(findings, [
    { rule: 'chart-render', severity: 'error', object: { kind: 'Chart', name: 'svc-0.1.0' }, detail: { error: 'template: svc/templates/ds.yaml:1: boom' } },
  ]);
});

test('checkChart without a renderer runs only the static rules', () => {
  assert.deepEqual(checkChart(CHART, { releaseName: 'rel', namespace: 'ns', values: {} }), []);
});
