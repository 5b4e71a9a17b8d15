/**
 * preview with the repository config of its DIR: the nearest dpu-gitops.yaml wins, one above the
 * git work tree is not read, flags beat the config, the config's inventory is relative to the
 * config file and --inventory to the cwd, config problems at file:line, and paths that do not
 * exist are named with the flag or key that named them. The cluster that won shows in the
 * shard's ConfigMap `<namespace>/<cluster>-<service>-startup-<i>`.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureIO } from '../../cli/io.js';
import { run } from '../../cli/preview.js';
import { INVENTORY, NET_SERVICE, STARTUP_A1, tree } from './preview-fixture.js';

async function preview(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await run([...args, '-o', 'json', '--log-format', 'text'], io, { env: {}, cwd });
  return { code, out: io.out(), err: io.err() };
}

interface Doc {
  renderMode: string;
  shard: { configMap?: string };
  startupConfig?: string;
}

async function shown(cwd: string, args: string[]): Promise<Doc> {
  const r = await preview(cwd, args);
  assert.equal(r.code, 0, r.err);
  return (JSON.parse(r.out) as Doc[])[0]!;
}

const clusterOf = (d: Doc): string | undefined => /^ns1\/(.+)-net-startup-\d+$/.exec(d.shard.configMap ?? '')?.[1];

test('the nearest dpu-gitops.yaml of DIR wins; its inventory is relative to the file', async () => {
  const root = tree({ 'dpu-gitops.yaml': 'cluster: top\ninventory: inventory.yaml\n', 'inventory.yaml': INVENTORY, 'site/app/net.yaml': NET_SERVICE });
  const top = await shown(root, ['site/app', '--dpu', 'dpu-a1']);
  assert.equal(clusterOf(top), 'top');
  assert.equal(top.startupConfig, STARTUP_A1);
  writeFileSync(join(root, 'site', 'dpu-gitops.yaml'), 'cluster: near\ninventory: ../inventory.yaml\n');
  // From inside the app dir (DIR defaults to the cwd): the same file, relative to itself.
  assert.equal(clusterOf(await shown(join(root, 'site/app'), ['--dpu', 'dpu-a1'])), 'near');
});

test('a dpu-gitops.yaml above the git work tree is not read', async () => {
  const outer = mkdtempSync(join(tmpdir(), 'preview-outer-'));
  writeFileSync(join(outer, 'dpu-gitops.yaml'), 'cluster: above\n');
  const root = join(outer, 'repo');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app', 'net.yaml'), NET_SERVICE);
  writeFileSync(join(root, 'inventory.yaml'), INVENTORY);
  const doc = await shown(root, ['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml']);
  assert.equal(doc.shard.configMap, undefined);
});

test('flags beat the config: --cluster, --startup-render-mode, --inventory (relative to the cwd); --no-config, --config', async () => {
  // The config's inventory knows only dpu-b1.
  const root = tree({
    'dpu-gitops.yaml': 'cluster: from-config\nstartup-render-mode: dpf\ninventory: b-only.yaml\n',
    'b-only.yaml': 'kind: DPUInventory\ndpus:\n  - name: dpu-b1\n',
    'site/inventory.yaml': INVENTORY,
    'site/app/net.yaml': NET_SERVICE,
    'other.yaml': 'cluster: other\ninventory: site/inventory.yaml\n',
  });
  const fromConfig = await preview(root, ['site/app', '--dpu', 'dpu-a1']);
  assert.equal(fromConfig.code, 1);
  assert.match(fromConfig.err, /^error: DPU 'dpu-a1' is not in the inventory \(1 DPUs: dpu-b1\)\n/);
  const cwd = join(root, 'site');
  const flagged = await shown(cwd, ['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml']);
  assert.deepEqual([clusterOf(flagged), flagged.renderMode], ['from-config', 'dpf']);
  const all = await shown(cwd, ['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml', '--cluster', 'from-flag', '--startup-render-mode', 'strict']);
  assert.deepEqual([clusterOf(all), all.renderMode], ['from-flag', 'strict']);
  const none = await shown(cwd, ['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml', '--no-config']);
  assert.deepEqual([none.shard.configMap, none.renderMode], [undefined, 'strict']);
  // --config is relative to the cwd; the paths in it to itself.
  const other = await shown(cwd, ['app', '--dpu', 'dpu-a1', '--config', '../other.yaml']);
  assert.equal(clusterOf(other), 'other');
});

test('a config with problems: exit 2, each problem at file:line', async () => {
  const root = tree({ 'dpu-gitops.yaml': '# site settings\nstartup-render-mode: loose\ninventry: inventory.yaml\n', 'inventory.yaml': INVENTORY, 'app/net.yaml': NET_SERVICE });
  const r = await preview(root, ['app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml']);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  const lines = r.err.trimEnd().split('\n');
  assert.equal(lines.length, 2, r.err);
  assert.ok(lines[0]!.startsWith('error: dpu-gitops.yaml:2: startup-render-mode: '), lines[0]);
  assert.ok(lines[1]!.startsWith('error: dpu-gitops.yaml:3: inventry: unknown key'), lines[1]);
});

test('paths that do not exist, or are of the wrong kind, are named with the flag or config key (no ENOENT/ENOTDIR)', async () => {
  const root = tree({ 'site/dpu-gitops.yaml': 'inventory: inventory-nope.yaml\n', 'inventory.yaml': INVENTORY, 'site/app/net.yaml': NET_SERVICE });
  const cases: [string[], string][] = [
    [['site/app', '--dpu', 'dpu-a1'], 'error: site/dpu-gitops.yaml: inventory: site/inventory-nope.yaml does not exist\n'],
    [['site/app', '--dpu', 'dpu-a1', '--inventory', 'nope.yaml'], 'error: --inventory: nope.yaml does not exist\n'],
    [['site/app', '--dpu', 'dpu-a1', '--inventory', 'site'], 'error: --inventory: site is a directory, not a file\n'],
    [['site/app', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml/x'], 'error: --inventory: inventory.yaml/x does not exist (a part of it is a file, not a directory)\n'],
    [['site/app/net.yaml', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml'], 'error: DIR: site/app/net.yaml is a file, not a directory\n'],
    [['site/nope', '--dpu', 'dpu-a1', '--inventory', 'inventory.yaml'], 'error: DIR: site/nope does not exist\n'],
    [['site/app', '--dpu', 'dpu-a1', '--kubeconfig', 'kube.yaml'], 'error: --kubeconfig: kube.yaml does not exist\n'],
  ];
  for (const [args, err] of cases) {
    const r = await preview(root, args);
    assert.deepEqual([r.code, r.err], [2, err], args.join(' '));
  }
});

test('--log-format json: each problem is one error record; a bad --log-format is a usage error', async () => {
  const root = tree({ 'site/dpu-gitops.yaml': 'inventory: inventory-nope.yaml\n', 'site/app/net.yaml': NET_SERVICE });
  const io = captureIO();
  assert.equal(await run(['site/app', '--dpu', 'dpu-a1', '--log-format', 'json'], io, { env: {}, cwd: root }), 2);
  const records = io.err().trimEnd().split('\n').map((l) => JSON.parse(l) as { level: number; cmd: string; msg: string });
  assert.deepEqual(records.map((r) => [r.level, r.cmd, r.msg]), [[50, 'preview', 'site/dpu-gitops.yaml: inventory: site/inventory-nope.yaml does not exist']]);
  const bad = captureIO();
  assert.equal(await run(['site/app', '--dpu', 'dpu-a1', '--log-format', 'yaml'], bad, { env: {}, cwd: root }), 2);
  assert.match(bad.err(), /"msg":"--log-format must be text or json, not \\"yaml\\""/);
  // DPU_GITOPS_LOG_FORMAT chooses when the flag does not.
  const env = captureIO();
  assert.equal(await run(['site/app', '--dpu', 'dpu-a1'], env, { env: { DPU_GITOPS_LOG_FORMAT: 'text' }, cwd: root }), 2);
  assert.equal(env.err(), 'error: site/dpu-gitops.yaml: inventory: site/inventory-nope.yaml does not exist\n');
});

test("the config's rules reach the DPUDeployment stage in preview: a disabled rule no longer stops composing", async () => {
  const ex = new URL('../../examples/', import.meta.url).pathname;
  const root = mkdtempSync(join(tmpdir(), 'preview-rules-'));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'app'));
  for (const f of ['bfb.yaml', 'dpudeployment.yaml', 'dpuservicetemplates.yaml', 'dpuserviceconfigurations.yaml', 'ipam.yaml']) {
    // DPF's CEL rule: a DPUDeployment name is at most 20 characters (this one has 24)
    const text = readFileSync(join(ex, 'deployment', f), 'utf8');
    writeFileSync(join(root, 'app', f), f === 'dpudeployment.yaml' ? text.replace(/(kind: DPUDeployment\nmetadata:\n  name: )ovn-hbn\n/, '$1ovn-hbn-with-a-long-name\n') : text);
  }
  writeFileSync(join(root, 'inventory.yaml'), readFileSync(join(ex, 'inventory.yaml'), 'utf8'));
  const args = ['app', '--dpu', 'worker1-0000-09-00', '--inventory', 'inventory.yaml'];
  const before = await preview(root, args);
  assert.equal(before.code, 1, 'nothing composed: no per-DPU service to show');
  assert.match(before.err, /DPUDeployment dpf-operator-system\/ovn-hbn-with-a-long-name/);
  writeFileSync(join(root, 'dpu-gitops.yaml'), 'rules:\n  disable: [deployment-spec]\n');
  const after = await preview(root, args);
  assert.equal(after.code, 0, after.err);
  assert.ok((JSON.parse(after.out) as unknown[]).length >= 1);
});
