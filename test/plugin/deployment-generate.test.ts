// generate on a DPUDeployment app (issue 13) through cli/generate's run(): examples/deployment
// composes into two DPUServices whose charts render for the DPUs the DPUDeployment's dpuSets pick;
// the input kinds are never emitted; version matching fails the run with DPF's message; the
// stream is byte-stable; unresolved references fail with nothing on stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { run } from '../../cli/generate.js';
import { captureIO } from '../../cli/io.js';

const EX = new URL('../../examples/', import.meta.url).pathname;
const CHART_PATHS = {
  'https://helm.example.com/dpf/hbn-like-chart': '../charts/hbn-like',
  'https://helm.example.com/dpf/dummydpuservice-chart': '../charts/dummydpuservice',
};

/** A repo copy: charts/, inventory.yaml, deployment/ (the app dir). */
function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'dpu-deploy-'));
  cpSync(join(EX, 'charts/hbn-like'), join(root, 'charts/hbn-like'), { recursive: true });
  cpSync(join(EX, 'charts/dummydpuservice'), join(root, 'charts/dummydpuservice'), { recursive: true });
  cpSync(join(EX, 'inventory.yaml'), join(root, 'inventory.yaml'));
  cpSync(join(EX, 'deployment'), join(root, 'deployment'), { recursive: true });
  return join(root, 'deployment');
}

async function gen(app: string, argv: string[] = []) {
  const io = captureIO();
  const code = await run(['--log-level', 'silent', ...argv], io, {
    cwd: app,
    env: {
      ARGOCD_APP_SOURCE_PATH: 'deployment',
      ARGOCD_APP_NAMESPACE: 'dest',
      ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'cluster', string: 'dpu-cplane-tenant1' }, { name: 'chart-paths', map: CHART_PATHS }, { name: 'inventory', string: '../inventory.yaml' }]),
      DPU_GITOPS_CACHE_DIR: join(app, '..', '.cache'),
      DPU_GITOPS_LOG_FORMAT: 'text',
    },
  });
  return { code, out: io.out(), err: io.err() };
}

type Obj = { kind: string; metadata: { name: string }; data?: Record<string, string>; spec?: { template?: { spec?: { affinity?: unknown } } } };
const objects = (out: string): Obj[] => parseAllDocuments(out).map((d) => d.toJS() as Obj);

test('the example composes, renders per DPU for the DPUs its dpuSets pick, and emits no input kind', async () => {
  const app = repo();
  const r = await gen(app);
  assert.equal(r.code, 0, r.err);
  const objs = objects(r.out);
  const kinds = new Set(objs.map((o) => o.kind));
  for (const k of ['DPUDeployment', 'DPUServiceTemplate', 'DPUServiceConfiguration', 'BFB', 'DPUFlavor', 'DPUService', 'DPUServiceInterface', 'DPUServiceChain', 'DPUServiceIPAM']) assert.equal(kinds.has(k), false, k);
  const daemonSets = objs.filter((o) => o.kind === 'DaemonSet').map((o) => o.metadata.name);
  assert.equal(daemonSets.length, 2);
  assert.match(daemonSets[0]!, /^dpu-cplane-tenant1-hbn-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  const hbn = objs.find((o) => o.kind === 'DaemonSet' && o.metadata.name === daemonSets[0])!;
  const dpuServiceName = daemonSets[0]!.slice('dpu-cplane-tenant1-'.length);
  assert.deepEqual(hbn.spec!.template!.spec!.affinity, {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: 'svc.dpu.nvidia.com/dpuservice-hbn-version', operator: 'In', values: [dpuServiceName] },
              { key: 'svc.dpu.nvidia.com/owned-by-dpudeployment', operator: 'In', values: ['dpf-operator-system_ovn-hbn'] },
            ],
          },
        ],
      },
    },
  });
  // Per-DPU startup configs: the four role=hbn DPUs of the inventory, not the storage DPU.
  const data = objs.filter((o) => o.kind === 'ConfigMap').flatMap((o) => Object.keys(o.data ?? {})).join('\n');
  for (const dpu of ['worker1-0000-08-00', 'worker1-0000-09-00', 'worker2-0000-08-00', 'worker2-0000-09-00']) assert.match(data, new RegExp(dpu), dpu);
  assert.doesNotMatch(data, /worker3-0000-08-00/);
});

test('the stream is byte-stable across runs', async () => {
  const a = await gen(repo());
  const b = await gen(repo());
  assert.equal(a.code, 0, a.err);
  assert.equal(a.out, b.out);
});

test('version matching: a BFB whose DOCA version the chart rejects fails generate with DPF\'s message', async () => {
  const app = repo();
  const bfb = join(app, 'bfb.yaml');
  writeFileSync(bfb, readFileSync(bfb, 'utf8').replace('doca: 2.9.1', 'doca: 2.8.0'));
  const r = await gen(app);
  assert.notEqual(r.code, 0);
  assert.equal(r.out, '');
  assert.match(r.err, /\[deployment-version\] spec\.dpus\.bfb: version constraint for 'dpu\.nvidia\.com\/doca-version' found in DPUServiceTemplate 'hbn' is not satisfied by the version '2\.8\.0' found in the given BFB/);
});

test('version matching with --doca-version when the BFB is not in the app directory', async () => {
  const app = repo();
  rmSync(join(app, 'bfb.yaml'));
  const without = await gen(app);
  assert.equal(without.code, 0, without.err);
  assert.match(without.err, /warning: .*\[deployment-version\] .*no DOCA version known/);
  const old = await gen(app, ['--doca-version', '2.8']);
  assert.notEqual(old.code, 0);
  assert.match(old.err, /is not satisfied by the version '2\.8' found in the given BFB/);
  const ok = await gen(app, ['--doca-version', '3.0.0']);
  assert.equal(ok.code, 0, ok.err);
});

test('a DPUDeployment naming a template that is not there fails with nothing on stdout', async () => {
  const app = repo();
  rmSync(join(app, 'dpuservicetemplates.yaml'));
  const r = await gen(app);
  assert.notEqual(r.code, 0);
  assert.equal(r.out, '');
  assert.match(r.err, /\[deployment-references\] spec\.services\.hbn\.serviceTemplate: error while getting svc\.dpu\.nvidia\.com\/v1alpha1, Kind=DPUServiceTemplate dpf-operator-system\/hbn: not found in the app directory/);
});

test('preview shows a DPU\'s startup config of a DPUDeployment\'s service, the bytes generate ships', async () => {
  const { run: preview } = await import('../../cli/preview.js');
  const app = repo();
  const g = await gen(app);
  assert.equal(g.code, 0, g.err);
  const shipped = objects(g.out)
    .filter((o) => o.kind === 'ConfigMap')
    .map((o) => o.data?.['worker1-0000-09-00.startup.yaml'])
    .find((x) => x !== undefined);
  assert.ok(shipped);
  let out = '';
  let err = '';
  const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) };
  assert.equal(await preview(['--dpu', 'worker1-0000-09-00', '--inventory', '../inventory.yaml', '--startup-only'], io, { cwd: app, env: {} }), 0, err);
  assert.equal(out, shipped);
  out = '';
  assert.equal(await preview(['--dpu', 'worker3-0000-08-00', '--inventory', '../inventory.yaml'], io, { cwd: app, env: {} }), 0, err);
  assert.match(out, /does not select DPU worker3-0000-08-00/);
});

test('the disable annotation on the DPUDeployment settles its stage warnings in generate', async () => {
  const app = repo();
  rmSync(join(app, 'bfb.yaml'));
  const file = join(app, 'dpudeployment.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('  namespace: dpf-operator-system\n', '  namespace: dpf-operator-system\n  annotations:\n    dpu-gitops.nvidia.com/disable: deployment-version, deployment-references\n'));
  const r = await gen(app);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.err, /deployment-version|deployment-references/);
});
