// Symlinks stay inside the repository (issue 11 item 5): no chart dir or chart file (`.Files`
// included), vendored archive or inventory file may resolve outside the repository copy in
// generate, nor outside the repository (lint) or the chart folder (webhook); the message names
// the file, the target and the root. `dpu-gitops template` keeps helm's behaviour, recorded by
// hand from real helm v3.17.3 on the chart built by leakingChart() below:
//   $ helm template rel chart
//   walk.go:75: found symbolic link in path: <chart>/secret.txt resolves to <outside>/config. Contents of linked file included and used
//   ---
//   # Source: demo/templates/cm.yaml
//   apiVersion: v1
//   kind: ConfigMap
//   metadata:
//     name: x
//   data:
//     f: "token: s3cr3t\n"
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as generate } from '../../cli/generate.js';
import { captureIO } from '../../cli/io.js';
import { run as lint } from '../../cli/lint.js';
import { runTemplate } from '../../cli/template.js';
import { LocalChartResolver } from '../../contract/local-charts.js';
import { loadChartSync } from '../../helm/chart/load.js';
import { resolveLocalChart } from '../../plugin/chart-source/local.js';
import { loadRunInventory } from '../../plugin/per-dpu-stage.js';
import { EXAMPLE_CHART, CHART_REF, DPUSERVICE } from './helpers/dummy-service.js';

const EXAMPLE_INVENTORY = new URL('../../examples/inventory.yaml', import.meta.url).pathname;
const SECRET = 'token: s3cr3t';


const scratch: string[] = [];
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** base/repo (charts/dummydpuservice, services/svc.yaml) and base/outside/config holding the secret. */
function repo(): { root: string; app: string; chart: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'dpu-confine-'));
  scratch.push(base);
  const root = join(base, 'repo');
  const outside = join(base, 'outside');
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'config'), `${SECRET}\n`);
  const chart = join(root, 'charts', 'dummydpuservice');
  cpSync(EXAMPLE_CHART, chart, { recursive: true });
  const app = join(root, 'services');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'svc.yaml'), DPUSERVICE);
  return { root, app, chart, outside };
}

async function gen(app: string, chartPath = '../charts/dummydpuservice') {
  const io = captureIO();
  const code = await generate(['--log-level', 'silent'], io, {
    cwd: app,
    env: {
      ARGOCD_APP_SOURCE_PATH: 'services',
      ARGOCD_APP_NAMESPACE: 'dest',
      ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'cluster', string: 'c' }, { name: 'chart-paths', map: { [CHART_REF]: chartPath } }]),
      DPU_GITOPS_CACHE_DIR: join(app, '..', '..', '.cache'),
      DPU_GITOPS_LOG_FORMAT: 'text',
    },
  });
  return { code, out: io.out(), err: io.err() };
}

/** The helm chart of the header: a template printing .Files.Get of a link to outside/config. */
function leakingChart(dir: string, target: string): void {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  f: {{ .Files.Get "secret.txt" | quote }}\n');
  symlinkSync(target, join(dir, 'secret.txt'));
}

test('generate: a chart file linked out of the repository (.Files.Get) fails the run; the secret is printed nowhere', async () => {
  const { root, app, chart, outside } = repo();
  writeFileSync(join(chart, 'templates', 'leak.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: leak}\ndata:\n  f: {{ .Files.Get "secret.txt" | quote }}\n');
  symlinkSync(join(outside, 'config'), join(chart, 'secret.txt'));
  const r = await gen(app);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.ok(r.err.includes(`spec.helmChart.source: chart ${CHART_REF}: charts/dummydpuservice/secret.txt: symlink to ${join(outside, 'config')} resolves outside the repository ${root}\n`), r.err);
  assert.ok(!r.err.includes('s3cr3t'));
});

test('generate: a chart directory, or a chart subdirectory, linked out of the repository is refused', async () => {
  const { root, app, outside } = repo();
  cpSync(EXAMPLE_CHART, join(outside, 'chart'), { recursive: true });
  symlinkSync(join(outside, 'chart'), join(root, 'charts', 'linked'));
  const r = await gen(app, '../charts/linked');
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, new RegExp(`chart ${CHART_REF}: charts/linked: symlink to ${join(outside, 'chart')} resolves outside the repository ${root}`));

  const second = repo();
  mkdirSync(join(second.outside, 'extra'));
  symlinkSync(join(second.outside, 'extra'), join(second.chart, 'extra'));
  const r2 = await gen(second.app);
  assert.equal(r2.code, 1);
  assert.match(r2.err, /charts\/dummydpuservice\/extra: symlink to \S+ resolves outside the repository/);
});

test('generate: links that stay inside the repository are followed as helm follows them', async () => {
  const { root, app, chart } = repo();
  mkdirSync(join(root, 'shared'));
  writeFileSync(join(root, 'shared', 'NOTES.md'), 'shared notes\n');
  symlinkSync('../../shared/NOTES.md', join(chart, 'NOTES.md'));
  const r = await gen(app);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /kind: DaemonSet/);
});

test('template: keeps helm’s behaviour, following the link and logging it (recorded from helm v3.17.3)', async () => {
  const { outside } = repo();
  const dir = join(outside, '..', 'tpl', 'chart');
  leakingChart(dir, join(outside, 'config'));
  const io = captureIO();
  assert.equal(await runTemplate(['rel', dir], io), 0);
  assert.equal(io.out(), '---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  f: "token: s3cr3t\\n"\n');
  assert.equal(io.err(), `walk.go:75: found symbolic link in path: ${join(dir, 'secret.txt')} resolves to ${join(outside, 'config')}. Contents of linked file included and used\n`);
  // the loader's default is helm's; confinement is opt-in
  assert.equal(loadChartSync(dir).files.length, 1);
  assert.throws(() => loadChartSync(dir, undefined, { confineTo: join(dir, '..') }), { message: `chart/secret.txt: symlink to ${join(outside, 'config')} resolves outside the repository ${join(dir, '..')}` });
});

test('lint: a chart with a link out of the repository does not load; --repo-root names the root', async () => {
  const { root, outside } = repo();
  const dir = join(root, 'charts', 'demo');
  leakingChart(dir, join(outside, 'config'));
  const io = captureIO();
  const code = await lint(['--output', 'json', '--repo-root', root, dir], io);
  assert.equal(code, 1);
  const report = JSON.parse(io.out()) as { violations: { rule: string; message: string }[] };
  assert.deepEqual(report.violations.map((v) => v.rule), ['chart-render']);
  assert.ok(report.violations[0]!.message.includes(`charts/demo/secret.txt: symlink to ${join(outside, 'config')} resolves outside the repository ${root}`), report.violations[0]!.message);
  assert.ok(!io.out().includes('s3cr3t'));
  // default root: the path itself when no git work tree holds it
  const io2 = captureIO();
  assert.equal(await lint(['--output', 'json', '--no-render', dir], io2), 1);
  assert.match(io2.out(), new RegExp(`secret\\.txt: symlink to ${join(outside, 'config')} resolves outside the repository ${dir}`));
});

test('lint: a manifest linked out of the repository is reported unread, never parsed', async () => {
  const { root, app, outside } = repo();
  symlinkSync(join(outside, 'config'), join(app, 'kubeconfig.yaml'));
  const io = captureIO();
  const code = await lint(['--output', 'json', '--no-render', '--repo-root', root, app], io);
  assert.equal(code, 1);
  const report = JSON.parse(io.out()) as { violations: { rule: string; message: string; file: string }[] };
  const unread = report.violations.filter((v) => v.rule === 'manifest-parse');
  assert.equal(unread.length, 1);
  assert.ok(unread[0]!.message.includes(`file not read: symlink to ${join(outside, 'config')} resolves outside the repository ${root}`), unread[0]!.message);
  assert.ok(!io.out().includes('s3cr3t'));
});

test('webhook chart folders: a chart linking out of its folder is not loaded; folder-internal links (ConfigMap mounts) are', async () => {
  const { outside } = repo();
  const folder = join(outside, '..', 'chart-folder');
  leakingChart(join(folder, 'leaky'), join(outside, 'config'));
  // a ConfigMap volume: files are links into ..data, itself a link to a timestamped dir
  const mounted = join(folder, 'mounted');
  mkdirSync(join(folder, '..2026_01_01', 'templates'), { recursive: true });
  writeFileSync(join(folder, '..2026_01_01', 'Chart.yaml'), 'apiVersion: v2\nname: mounted\nversion: 1.0.0\n');
  writeFileSync(join(folder, '..2026_01_01', 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\n');
  symlinkSync('..2026_01_01', join(folder, '..data'));
  mkdirSync(mounted);
  symlinkSync('../..data/Chart.yaml', join(mounted, 'Chart.yaml'));
  symlinkSync('../..data/templates', join(mounted, 'templates'));
  const resolver = new LocalChartResolver([folder]);
  assert.deepEqual(resolver.all().map((c) => c.chart.metadata.name), ['mounted']);
  assert.equal(resolver.loadErrors.length, 1);
  assert.equal((resolver.loadErrors[0]!.error as Error).message, `leaky/secret.txt: symlink to ${join(outside, 'config')} resolves outside the chart folder ${folder}`);
  await assert.rejects(resolver.resolve({ repoURL: 'https://x', chart: 'demo', version: '0.1.0' }, { signal: new AbortController().signal }), /not found in the local chart folders/);
});

test('vendored archives and the inventory file may not link out of the repository', async () => {
  const { root, app, outside } = repo();
  mkdirSync(join(root, 'vendor', 'charts'), { recursive: true });
  writeFileSync(join(outside, 'dummydpuservice-chart-0.1.0.tgz'), 'not even gzip');
  symlinkSync(join(outside, 'dummydpuservice-chart-0.1.0.tgz'), join(root, 'vendor', 'charts', 'dummydpuservice-chart-0.1.0.tgz'));
  assert.throws(
    () => resolveLocalChart({ repoURL: 'https://helm.example.com/dpf', chart: 'dummydpuservice-chart', version: '0.1.0' }, { appDir: app, repoRoot: root, chartPaths: {}, vendorDir: '../vendor/charts' }),
    { message: `chart ${CHART_REF}: vendor/charts/dummydpuservice-chart-0.1.0.tgz: symlink to ${join(outside, 'dummydpuservice-chart-0.1.0.tgz')} resolves outside the repository ${root}` },
  );

  cpSync(EXAMPLE_INVENTORY, join(outside, 'inventory.yaml'));
  symlinkSync(join(outside, 'inventory.yaml'), join(root, 'inventory.yaml'));
  const linked = await loadRunInventory({ inventory: '../inventory.yaml' }, app, root, [], () => {});
  assert.ok('severity' in linked);
  assert.equal(linked.message, `inventory path ../inventory.yaml: symlink to ${join(outside, 'inventory.yaml')} resolves outside the repository ${root}`);

  // inside the repository, the same inventory loads; one that is not UTF-8 is an error naming the byte
  rmSync(join(root, 'inventory.yaml'));
  cpSync(EXAMPLE_INVENTORY, join(root, 'inventory.yaml'));
  const ok = await loadRunInventory({ inventory: '../inventory.yaml' }, app, root, [], () => {});
  assert.ok(!('severity' in ok) && ok.dpus.length > 0);
  writeFileSync(join(root, 'inventory.yaml'), Buffer.from([0x64, 0x70, 0x75, 0x73, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
  const bad = await loadRunInventory({ inventory: '../inventory.yaml' }, app, root, [], () => {});
  assert.ok('severity' in bad);
  assert.match(bad.message, /invalid DPU inventory: is not valid UTF-8 \(byte 0xc3 at offset 6, line 1\)/);
});
