/**
 * generate with a repository config: precedence (defaults < dpu-gitops.yaml < ArgoCD plugin
 * parameters < flags), the positional app dir, paths (config: relative to the file; flags:
 * relative to the cwd), --disable / rules / the per-object annotation, allowed-repositories,
 * and what a user is told when something is missing. Release names are DPF's
 * `<cluster>-<dpuservice>`, so the cluster that won is read from the DaemonSet's name.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../cli/generate.js';
import { captureIO } from '../../cli/io.js';
import { CHART_REF, DPUSERVICE, EXAMPLE_CHART, dummyDpuService } from '../plugin/helpers/dummy-service.js';

/** A git work tree: root/dpu-gitops.yaml, root/charts/dummydpuservice, root/apps/site/services/svc.yaml. */
function repo(config: string, service = DPUSERVICE): { root: string; app: string } {
  const root = mkdtempSync(join(tmpdir(), 'gen-config-'));
  mkdirSync(join(root, '.git'));
  cpSync(EXAMPLE_CHART, join(root, 'charts', 'dummydpuservice'), { recursive: true });
  const app = join(root, 'apps', 'site', 'services');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'svc.yaml'), service);
  if (config !== '') writeFileSync(join(root, 'dpu-gitops.yaml'), config);
  return { root, app };
}

const CONFIG = `cluster: from-config\nchart-paths:\n  ${CHART_REF}: charts/dummydpuservice\n`;

async function gen(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const io = captureIO();
  const code = await run(['--log-level', 'silent', ...argv], io, { cwd, env: { DPU_GITOPS_CACHE_DIR: join(cwd, '.cache'), DPU_GITOPS_LOG_FORMAT: 'text', ...env } });
  return { code, out: io.out(), err: io.err() };
}

const clusterOf = (out: string): string | undefined => /name: (\S+)-dummy-dummy\n/.exec(out)?.[1];

test('the config alone: generate APP_DIR finds it above the app dir; its chart path is relative to the file', async () => {
  const { root } = repo(CONFIG);
  const r = await gen(['apps/site/services'], root);
  assert.equal(r.code, 0, r.err);
  assert.equal(clusterOf(r.out), 'from-config');
});

test('plugin parameters override the config, flags override both', async () => {
  const { app } = repo(CONFIG);
  const argocd = { ARGOCD_APP_SOURCE_PATH: 'apps/site/services', ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'cluster', string: 'from-params' }]) };
  const params = await gen([], app, argocd);
  assert.equal(params.code, 0, params.err);
  assert.equal(clusterOf(params.out), 'from-params');
  const flag = await gen(['--cluster', 'from-flag'], app, argocd);
  assert.equal(flag.code, 0, flag.err);
  assert.equal(clusterOf(flag.out), 'from-flag');
  // An empty chart-paths entry (the UI's prefilled map) leaves the config's mapping in place.
  const prefilled = await gen([], app, { ...argocd, ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'chart-paths', map: { [CHART_REF]: '' } }]) });
  assert.equal(prefilled.code, 0, prefilled.err);
  assert.equal(clusterOf(prefilled.out), 'from-config');
});

test('under ArgoCD, discovery never looks above the repository copy (app at the repository root: its own dir only)', async () => {
  const { app } = repo(CONFIG);
  const r = await gen([], app, { ARGOCD_APP_NAME: 'site', ARGOCD_APP_SOURCE_PATH: '' });
  assert.equal(r.code, 1);
  assert.match(r.err, /the cluster parameter is not set/);
  // Its own file is read (allowed-repositories: none, so nothing is fetched and the error names the file).
  writeFileSync(join(app, 'dpu-gitops.yaml'), 'cluster: own\nallowed-repositories: []\n');
  const own = await gen([], app, { ARGOCD_APP_NAME: 'site', ARGOCD_APP_SOURCE_PATH: '' });
  assert.equal(own.code, 1);
  assert.match(own.err, /is not in allowed-repositories of \S+\/apps\/site\/services\/dpu-gitops\.yaml \(patterns: none\)/);
});

test('--no-config: the built-in defaults (no cluster) apply and the error says what to set', async () => {
  const { root } = repo(CONFIG);
  const r = await gen(['apps/site/services', '--no-config'], root);
  assert.equal(r.code, 1);
  assert.match(r.err, /the cluster parameter is not set/);
  assert.match(r.err, /set the plugin parameter cluster/);
});

test('command-line paths are relative to the cwd, whatever the app dir (repository root: the git work tree)', async () => {
  const { root, app } = repo('');
  const fromRoot = await gen(['apps/site/services', '--cluster', 'c1', '--chart-path', `${CHART_REF}=charts/dummydpuservice`], root);
  assert.equal(fromRoot.code, 0, fromRoot.err);
  const fromApp = await gen(['--cluster', 'c1', '--chart-path', `${CHART_REF}=../../../charts/dummydpuservice`], app);
  assert.equal(fromApp.code, 0, fromApp.err);
  assert.equal(fromRoot.out, fromApp.out);
  // Under ArgoCD the git work tree is not used: the app dir minus ARGOCD_APP_SOURCE_PATH is the root.
  const argocd = await gen(['--cluster', 'c1', '--chart-path', `${CHART_REF}=../../../charts/dummydpuservice`], app, { ARGOCD_APP_NAME: 'a', ARGOCD_APP_SOURCE_PATH: 'site/services' });
  assert.equal(argocd.code, 1);
  assert.match(argocd.err, /^error: --chart-path \S+: \/\S+\/charts\/dummydpuservice is outside the repository root \/\S+\/apps \(set --repo-root/);
});

test('--config FILE is read relative to the cwd; a config with errors stops the run at file:line', async () => {
  const { root } = repo('');
  writeFileSync(join(root, 'other.yaml'), CONFIG);
  const r = await gen(['apps/site/services', '--config', 'other.yaml'], root);
  assert.equal(r.code, 0, r.err);
  assert.equal(clusterOf(r.out), 'from-config');
  writeFileSync(join(root, 'dpu-gitops.yaml'), `${CONFIG}rules:\n  disable: [arm64]\n`);
  const bad = await gen(['apps/site/services'], root);
  assert.equal(bad.code, 1);
  assert.equal(bad.out, '');
  assert.match(bad.err, /^error: dpu-gitops\.yaml:5: rules\.disable\[0\]: must be one of /);
});

test('a missing app dir or a file given as the app dir is named, not a raw ENOENT/ENOTDIR', async () => {
  const { root } = repo(CONFIG);
  const missing = await gen(['apps/nope'], root);
  assert.equal(missing.code, 1);
  assert.equal(missing.err, 'error: app directory apps/nope does not exist (give APP_DIR or --app-dir)\n');
  const file = await gen(['apps/site/services/svc.yaml'], root);
  assert.equal(file.code, 1);
  assert.match(file.err, /^error: app directory apps\/site\/services\/svc\.yaml is a file, not a directory/);
  const inventory = await gen(['apps/site/services', '--inventory', 'nope.yaml'], root);
  assert.equal(inventory.err, 'error: --inventory: nope.yaml does not exist\n');
  const chart = await gen(['apps/site/services', '--chart-path', `${CHART_REF}=charts/typo`], root);
  assert.equal(chart.err, `error: --chart-path ${CHART_REF}: charts/typo does not exist\n`);
  writeFileSync(join(root, 'dpu-gitops.yaml'), `${CONFIG}inventory: inv.yaml\n`);
  const configured = await gen(['apps/site/services'], root);
  assert.equal(configured.err, 'error: dpu-gitops.yaml: inventory: inv.yaml does not exist\n');
  // A flag that replaces the config's path: only the flag's path is checked.
  writeFileSync(join(root, 'inv2.yaml'), 'dpus: []\n');
  assert.doesNotMatch((await gen(['apps/site/services', '--inventory', 'inv2.yaml'], root)).err, /inv\.yaml/);
  const outside = await gen(['apps/site/services', '--repo-root', 'apps', '--chart-path', `${CHART_REF}=charts/dummydpuservice`], root);
  assert.equal(outside.err, `error: --chart-path ${CHART_REF}: charts/dummydpuservice is outside the repository root apps (set --repo-root, or name a path under it)\n`);
});

test('the arm64 warning names its DaemonSet; --disable, rules.disable and the annotation settle it', async () => {
  const { root } = repo(CONFIG);
  const plain = await gen(['apps/site/services'], root);
  assert.equal(plain.code, 0, plain.err);
  assert.match(plain.err, /warning: .*\[arm64-image\] DaemonSet from-config-dummy-dummy /);
  const flagged = await gen(['apps/site/services', '--disable', 'arm64-image'], root);
  assert.equal(flagged.code, 0, flagged.err);
  assert.doesNotMatch(flagged.err, /arm64-image/);
  assert.equal(flagged.out, plain.out);

  writeFileSync(join(root, 'dpu-gitops.yaml'), `${CONFIG}rules:\n  disable: [arm64-image]\n`);
  const configured = await gen(['apps/site/services'], root);
  assert.doesNotMatch(configured.err, /arm64-image/);

  const annotated = repo(CONFIG, DPUSERVICE.replace('  namespace: dpf\n', '  namespace: dpf\n  annotations:\n    dpu-gitops.nvidia.com/disable: "kube-schema, arm64-image"\n'));
  const a = await gen(['apps/site/services'], annotated.root);
  assert.equal(a.code, 0, a.err);
  assert.doesNotMatch(a.err, /arm64-image/);
});

test('rules.severity makes the arm64 finding an error: nothing printed, exit 1', async () => {
  const { root } = repo(`${CONFIG}rules:\n  severity:\n    arm64-image: error\n`);
  const r = await gen(['apps/site/services'], root);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /^error: .*\[arm64-image\] DaemonSet from-config-dummy-dummy /m);
});

test('--disable with an unknown rule is a usage error', async () => {
  const { root } = repo(CONFIG);
  const r = await gen(['apps/site/services', '--disable', 'arm64'], root);
  assert.equal(r.code, 2);
  assert.match(r.err, /^error: --disable: unknown rule "arm64" \(rules: pod-size, /);
});

test('allowed-repositories narrow what may be fetched, before any request', async () => {
  const { root } = repo('cluster: c1\nallowed-repositories: ["https://charts.internal.example.com/*"]\n', dummyDpuService('dummy').replace('https://helm.example.com/dpf', 'https://elsewhere.example.com/dpf'));
  const r = await gen(['apps/site/services'], root);
  assert.equal(r.code, 1);
  assert.match(r.err, /repository https:\/\/elsewhere\.example\.com\/dpf is not in allowed-repositories of .*dpu-gitops\.yaml/);
});

test("the README's first command: `generate examples/services` prints what the long form with every setting as a flag prints", async () => {
  const ROOT = new URL('../..', import.meta.url).pathname;
  const short = await gen(['examples/services'], ROOT, { DPU_GITOPS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'gen-config-cache-')) });
  assert.equal(short.code, 0, short.err);
  const long = await gen(
    ['--app-dir', 'examples/services', '--repo-root', 'examples', '--cluster', 'dpu-cplane-tenant1', '--no-config', '--inventory', 'examples/inventory.yaml',
      '--chart-path', 'https://helm.example.com/dpf/dummydpuservice-chart=examples/charts/dummydpuservice', '--chart-path', 'https://helm.example.com/dpf/hbn-like-chart=examples/charts/hbn-like'],
    ROOT,
    { DPU_GITOPS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'gen-config-cache-')) },
  );
  assert.equal(long.code, 0, long.err);
  assert.ok(short.out === long.out, 'the two streams differ');
  assert.match(short.out, /kind: DaemonSet/);
  // examples/dpu-gitops.yaml disables arm64-image; the long form does not.
  assert.doesNotMatch(short.err, /arm64-image/);
  assert.match(long.err, /\[arm64-image\] DaemonSet dpu-cplane-tenant1-dummydpuservice-dummy /);
});

test('--config and --no-config together are a usage error, as in lint, preview and render-startup', async () => {
  const io = captureIO();
  const code = await run(['--config', 'x.yaml', '--no-config'], io, { cwd: tmpdir(), env: { DPU_GITOPS_LOG_FORMAT: 'text' } });
  assert.equal(code, 2);
  assert.match(io.err(), /^error: --config and --no-config exclude each other\n/);
});

test('a config with several problems: each is its own error line, as docs/config.md shows', async () => {
  const { root } = repo('cluster: Bad_Name\nkube-versoin: 1\n');
  const r = await gen(['apps/site/services'], root);
  assert.equal(r.code, 1);
  const lines = r.err.trimEnd().split('\n');
  assert.match(lines[0]!, /^error: dpu-gitops\.yaml:1: cluster: must match pattern/);
  assert.match(lines[1]!, /^error: dpu-gitops\.yaml:2: kube-versoin: unknown key/);
});
