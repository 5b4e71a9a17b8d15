// The generate pipeline run in-process on temp app dirs (chart sources faked or local), every
// error path, and byte determinism. test/plugin/cmp-emulator.test.ts runs it as ArgoCD does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { run } from '../../cli/generate.js';
import { captureIO } from '../../cli/io.js';
import { checkChart, dpuServiceRelease, isReleaseFinding, MessageCatalog } from '../../contract/index.js';
import { renderWithHelm } from '../../contract/render-helm.js';
import { loadChartSync } from '../../helm/chart/load.js';
import { EXAMPLE_CHART, CHART_REF, DPUSERVICE } from './helpers/dummy-service.js';



/** A repo copy: charts/ with the example chart, services/ as the app dir with the given files. */
function repo(files: Record<string, string>): { root: string; app: string } {
  const root = mkdtempSync(join(tmpdir(), 'dpu-gen-'));
  cpSync(EXAMPLE_CHART, join(root, 'charts', 'dummydpuservice'), { recursive: true });
  const app = join(root, 'services');
  mkdirSync(app, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(app, name, '..'), { recursive: true });
    writeFileSync(join(app, name), text);
  }
  return { root, app };
}

function params(extra: object[] = []): string {
  return JSON.stringify([{ name: 'cluster', string: 'dpu-cluster' }, { name: 'chart-paths', map: { [CHART_REF]: '../charts/dummydpuservice' } }, ...extra]);
}

async function gen(app: string, env: Record<string, string> = {}, argv: string[] = []) {
  const io = captureIO();
  const code = await run(['--log-level', 'silent', ...argv], io, {
    cwd: app,
    env: { ARGOCD_APP_SOURCE_PATH: 'services', ARGOCD_APP_NAMESPACE: 'dest', ARGOCD_APP_PARAMETERS: params(), DPU_GITOPS_CACHE_DIR: join(app, '..', '.cache'), DPU_GITOPS_LOG_FORMAT: 'text', ...env },
  });
  return { code, out: io.out(), err: io.err() };
}

test('renders a DPUService with a chart from the repo; release <cluster>-<name>, namespace set', async () => {
  const { app } = repo({ 'svc.yaml': DPUSERVICE });
  const r = await gen(app);
  assert.equal(r.code, 0, r.err);
  const docs = parseAllDocuments(r.out).map((d) => d.toJS());
  const ds = docs.find((d) => d.kind === 'DaemonSet');
  assert.equal(ds.metadata.name, 'dpu-cluster-dummy-dummy');
  assert.equal(ds.metadata.namespace, 'dpf');
  assert.equal(ds.spec.template.metadata.labels['svc.dpu.nvidia.com/service'], 'dummy');
});

test('output is byte-identical across runs', async () => {
  const { app } = repo({ 'b.yaml': DPUSERVICE, 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {x: "on"}\n' });
  const a = await gen(app);
  const b = await gen(app);
  assert.equal(a.code, 0, a.err);
  assert.equal(a.out, b.out);
  assert.match(a.out, /x: "on"/);
});

test('other objects pass through; DPUServiceInterface/IPAM are inputs only; pass-through=false drops them', async () => {
  const { app } = repo({
    'svc.yaml': DPUSERVICE,
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: x}\n---\napiVersion: svc.dpu.nvidia.com/v1alpha1\nkind: DPUServiceIPAM\nmetadata: {name: pool}\n',
    'notk8s.yaml': 'just: values\n',
  });
  const on = await gen(app);
  assert.equal(on.code, 0, on.err);
  assert.match(on.out, /kind: ConfigMap/);
  assert.doesNotMatch(on.out, /DPUServiceIPAM|kind: DPUService\n/);
  const off = await gen(app, { ARGOCD_APP_PARAMETERS: params([{ name: 'pass-through', string: 'false' }]) });
  assert.equal(off.code, 0, off.err);
  assert.doesNotMatch(off.out, /kind: ConfigMap/);
});

test('invalid YAML: error names file, document index and line; nothing on stdout', async () => {
  const { app } = repo({ 'svc.yaml': DPUSERVICE, 'bad.yaml': 'a: 1\n---\nb: [1,\n' });
  const r = await gen(app);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /error: bad\.yaml#1 \(line 4\): not valid YAML/);
});

test('invalid DPUService spec: error with file, document index, the field\'s line and field path', async () => {
  const text = `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n${DPUSERVICE.replace('version: 0.1.0', 'version: ""')}`;
  const { app } = repo({ 'svc.yaml': text });
  const r = await gen(app);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  const line = text.slice(0, text.indexOf('version: ""')).split('\n').length;
  assert.match(r.err, new RegExp(`svc\\.yaml#1 \\(line ${line}\\) DPUService dpf/dummy spec\\.helmChart\\.source\\.version`));
});

test('every problem is listed, not only the first', async () => {
  const { app } = repo({ 'a.yaml': DPUSERVICE.replace('version: 0.1.0', 'version: ""'), 'b.yaml': 'x: [\n' });
  const r = await gen(app);
  assert.equal(r.code, 1);
  assert.match(r.err, /a\.yaml#0/);
  assert.match(r.err, /b\.yaml#0/);
  assert.match(r.err, /2 problem/);
});

test('missing cluster parameter without releaseName is an error; releaseName alone suffices', async () => {
  const { app } = repo({ 'svc.yaml': DPUSERVICE });
  const noCluster = JSON.stringify([{ name: 'chart-paths', map: { [CHART_REF]: '../charts/dummydpuservice' } }]);
  const r = await gen(app, { ARGOCD_APP_PARAMETERS: noCluster });
  assert.equal(r.code, 1);
  assert.match(r.err, /cluster parameter is not set/);
  const { app: app2 } = repo({ 'svc.yaml': DPUSERVICE.replace('version: 0.1.0', 'version: 0.1.0, releaseName: dummy-rel') });
  const r2 = await gen(app2, { ARGOCD_APP_PARAMETERS: noCluster });
  assert.equal(r2.code, 0, r2.err);
  assert.match(r2.out, /name: dummy-rel-dummy/);
});

test('interfaces: missing, wrong type, wrong serviceID and double use are errors with the field path', async () => {
  const dsi = (name: string, type: string, sid: string) =>
    `---\napiVersion: svc.dpu.nvidia.com/v1alpha1\nkind: DPUServiceInterface\nmetadata: {name: ${name}, namespace: dpf}\nspec:\n  template:\n    spec:\n      template:\n        spec:\n          interfaceType: ${type}\n          service: {serviceID: ${sid}, network: mybrhbn, interfaceName: ${name}_if}\n`;
  const svc = DPUSERVICE.replace('serviceID: dummy', 'serviceID: dummy\n  interfaces: [p0, p1, p2, nope]');
  const { app } = repo({ 'svc.yaml': svc, 'ifaces.yaml': dsi('p0', 'service', 'dummy') + dsi('p1', 'physical', 'dummy') + dsi('p2', 'service', 'other') });
  const r = await gen(app);
  assert.equal(r.code, 1);
  assert.match(r.err, /spec\.interfaces\[1\]: DPUServiceInterface dpf\/p1 has interfaceType "physical"/);
  assert.match(r.err, /spec\.interfaces\[2\]: .*serviceID "other"/);
  assert.match(r.err, /spec\.interfaces\[3\]: DPUServiceInterface dpf\/nope is not in the app directory/);
  const ok = await gen(repo({ 'svc.yaml': DPUSERVICE.replace('serviceID: dummy', 'serviceID: dummy\n  interfaces: [p0]'), 'i.yaml': dsi('p0', 'service', 'dummy') }).app);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /k8s\.v1\.cni\.cncf\.io\/networks: '\[\{"name":"mybrhbn","interface":"p0_if"\}\]'/);
});

test('duplicate DPUService names are an error', async () => {
  const { app } = repo({ 'a.yaml': DPUSERVICE, 'b.yaml': DPUSERVICE });
  const r = await gen(app);
  assert.equal(r.code, 1);
  assert.match(r.err, /b\.yaml#0 .*metadata\.name: is defined twice \(also in a\.yaml#0\)/);
});

test('chart errors: version mismatch of a mapped chart, path leaving the repo, unreachable repository', async () => {
  const { app } = repo({ 'svc.yaml': DPUSERVICE.replace('version: 0.1.0', 'version: 9.9.9') });
  const r = await gen(app);
  assert.equal(r.code, 1);
  assert.match(r.err, /holds version 0\.1\.0, not 9\.9\.9/);
  const r2 = await gen(app, { ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'cluster', string: 'c' }, { name: 'chart-paths', map: { [CHART_REF]: '../../../etc' } }]) });
  assert.match(r2.err, /leaves the repository/);
  const { app: app3 } = repo({ 'svc.yaml': DPUSERVICE.replace('https://helm.example.com/dpf', 'https://127.0.0.1:9/dpf') });
  const r3 = await gen(app3, { DPU_GITOPS_FETCH_TIMEOUT_SECONDS: '2' });
  assert.equal(r3.code, 1);
  assert.match(r3.err, /chart https:\/\/127\.0\.0\.1:9\/dpf\/dummydpuservice-chart: GET https:\/\/127\.0\.0\.1:9\/dpf\/index\.yaml: ECONNREFUSED/);
});

test('a chart that fails to render is an error naming the chart', async () => {
  const { app, root } = repo({ 'svc.yaml': DPUSERVICE });
  writeFileSync(join(root, 'charts', 'dummydpuservice', 'templates', 'broken.yaml'), '{{ fail "boom" }}\n');
  const r = await gen(app);
  assert.equal(r.code, 1);
  assert.match(r.err, /DPUService dpf\/dummy: \[chart-render\] Chart dummydpuservice-chart-0\.1\.0: chart does not render: .*boom/);
});

test('contract errors stop the render (release name missing from an object name)', async () => {
  const { app, root } = repo({ 'svc.yaml': DPUSERVICE });
  writeFileSync(join(root, 'charts', 'dummydpuservice', 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fixed-name\n');
  const r = await gen(app);
  assert.equal(r.code, 1);
  assert.match(r.err, /\[release-name\]/);
});

test('no DPUService of this side and nothing else: error instead of an empty stream', async () => {
  const { app } = repo({ 'svc.yaml': DPUSERVICE });
  const r = await gen(app, {}, ['--deploy-in-cluster']);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /no manifests/);
});

test('deployInCluster services are rendered only with deploy-in-cluster=true, release in-cluster-<name>', async () => {
  const host = DPUSERVICE.replace('serviceID: dummy', 'serviceID: dummy\n  deployInCluster: true');
  const { app } = repo({ 'svc.yaml': host });
  const r = await gen(app, { ARGOCD_APP_PARAMETERS: params([{ name: 'deploy-in-cluster', string: 'true' }]) });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /name: in-cluster-dummy-dummy/);
});

test('paused services are still rendered, marked Prune=false', async () => {
  const { app } = repo({ 'svc.yaml': DPUSERVICE.replace('serviceID: dummy', 'serviceID: dummy\n  paused: true') });
  const r = await gen(app);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /argocd\.argoproj\.io\/sync-options: Prune=false/);
  assert.match(r.err, /spec\.paused/);
});

test('bad parameters and flags fail before rendering', async () => {
  const { app } = repo({ 'svc.yaml': DPUSERVICE });
  const r = await gen(app, { ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'clustr', string: 'x' }]) });
  assert.equal(r.code, 1);
  assert.match(r.err, /parameter clustr: unknown parameter/);
  const r2 = await gen(app, { ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'pass-through', string: 'yes' }]) });
  assert.match(r2.err, /must be "true" or "false"/);
  const r3 = await gen(app, {}, ['--bogus']);
  assert.equal(r3.code, 2);
});

/** A chart whose exposed Service (rendered only with an exposedPorts switch on) lacks the Local traffic policies. */
function repoWithLaxService(): { root: string; app: string } {
  const r = repo({ 'svc.yaml': DPUSERVICE });
  const file = join(r.root, 'charts', 'dummydpuservice', 'templates', 'service.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^  (internal|external)TrafficPolicy: Local\n/gm, ''));
  return r;
}

test('generate runs the contract chart rules (checkChart) and words them with the same templates as lint and the webhook', async () => {
  const { root, app } = repoWithLaxService();
  const r = await gen(app);
  assert.equal(r.code, 0, r.err);
  // What lint and the webhook report for the same DPUService and chart.
  const release = dpuServiceRelease(parse(DPUSERVICE), { cluster: 'dpu-cluster', defaultNamespace: 'dest' });
  assert.ok(!isReleaseFinding(release));
  const expected = MessageCatalog.load().renderAll(checkChart(loadChartSync(join(root, 'charts', 'dummydpuservice')), { ...release, render: renderWithHelm }));
  assert.deepEqual(expected.map((v) => v.rule).sort(), ['arm64-image', 'exposed-service-traffic-policy', 'exposed-service-traffic-policy']);
  const ruleLines = r.err.split('\n').filter((l) => /^(warning|error): .*: \[[a-z0-9-]+\] /.test(l));
  assert.equal(ruleLines.length, expected.length, r.err);
  for (const v of expected) {
    assert.ok(
      ruleLines.some((l) => l.startsWith(`${v.severity}: svc.yaml#0 (line 1) DPUService dpf/dummy: [${v.rule}] `) && l.endsWith(`: ${v.message} (fix: ${v.fix})`)),
      `no stderr line for ${v.rule}: ${v.message}\n${r.err}`,
    );
  }
});

test('generate takes an operator message-template folder (--messages / DPU_GITOPS_MESSAGES_DIR), as lint and the webhook do', async () => {
  const { app, root } = repoWithLaxService();
  const custom = join(root, 'wording');
  mkdirSync(join(custom, 'messages'), { recursive: true });
  writeFileSync(join(custom, 'messages', 'exposed-service-traffic-policy.hbs'), 'Service {{name}} must set {{field}} to Local');
  const viaEnv = await gen(app, { DPU_GITOPS_MESSAGES_DIR: custom });
  assert.equal(viaEnv.code, 0, viaEnv.err);
  assert.match(viaEnv.err, /\[exposed-service-traffic-policy\] .*: Service dpu-cluster-dummy-dummy-exposed must set spec\.internalTrafficPolicy to Local \(fix: /);
  const viaFlag = await gen(app, {}, ['--messages', custom]);
  assert.equal(viaFlag.err, viaEnv.err);
  const broken = join(root, 'broken-wording');
  mkdirSync(join(broken, 'messages'), { recursive: true });
  writeFileSync(join(broken, 'messages', 'pod-size.hbs'), '{{#if}}');
  const bad = await gen(app, {}, ['--messages', broken]);
  assert.equal(bad.code, 1);
  assert.equal(bad.out, '');
  assert.match(bad.err, /^error: message template .*broken-wording\/messages\/pod-size\.hbs: Parse error on line 1/);
});
