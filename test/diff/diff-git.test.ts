// dpu-gitops diff on a real git repository made from examples/ (test/diff/git-repo.ts): the
// reviewed change (a value for the two worker1* DPUs, the startup template for one DPU, the HBN
// DaemonSet's image and maxUnavailable 50%, a Secret value) between two commits; the working
// tree as head; two directories; a head that does not render; every format, markdown and JSON
// against goldens reviewed by hand (test/diff/golden/; UPDATE_GOLDEN=1 rewrites them).
//
// Path flags are relative to the cwd (as generate's): the tests run in the head's app dir.
// Expected values by hand from examples/: inventory.yaml has 5 DPUs, 4 with role hbn (the HBN
// DaemonSet's node affinity); "worker1*" matches worker1-0000-08-00 and worker1-0000-09-00.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIO } from '../../cli/io.js';
import { run } from '../../cli/diff.js';
import type { DiffReport } from '../../plugin/diff/report.js';
import { cidrPoolObject, nodeObject, startFakeKubeApi } from '../plugin/per-dpu/helpers/fake-kube-api.js';
import { applyReviewedChange, commitAll, edit, exampleRepo, git, RENDER_FLAGS } from './git-repo.js';

const GOLDEN = new URL('./golden/', import.meta.url).pathname;
const ROOT = new URL('../..', import.meta.url).pathname;
const ENV = { DPU_GITOPS_LOG_LEVEL: 'warn', DPU_GITOPS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'dpu-diff-cache-')) };

async function diff(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await run(args, io, { cwd, env: ENV, isTTY: false });
  return { code, out: io.out(), err: io.err() };
}

/** Commit ids vary with git's version (object format); the goldens hold a placeholder. */
function normalised(text: string, repo: string): string {
  let out = text;
  for (const rev of ['HEAD~1', 'HEAD']) {
    const sha = git(repo, 'rev-parse', rev).trim();
    out = out.split(sha).join('<sha>').split(sha.slice(0, 12)).join('<sha12>');
  }
  return out;
}

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs from the reviewed golden`);
}

const repo = exampleRepo();
applyReviewedChange(repo);
commitAll(repo, 'head');
const services = join(repo, 'services');

test('two commits: objects, per-DPU groups, rollout, findings, Secret masking; JSON golden', async () => {
  const r = await diff(services, ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', ...RENDER_FLAGS]);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as DiffReport;
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.changed, true);
  assert.deepEqual(report.services.map((s) => [s.service, s.status]), [['dpf-operator-system/doca-hbn', 'changed'], ['(other objects)', 'changed']]);
  // the dummy service's inputs are identical: rendered once for both sides
  assert.deepEqual(report.renders, { rendered: 3, reused: 1 });

  const hbn = report.services[0]!;
  assert.deepEqual(hbn.objects.map((o) => `${o.change} ${o.kind} ${o.name}`), ['changed DaemonSet dpu-cplane-tenant1-doca-hbn']);
  assert.match(hbn.objects[0]!.diff, /^-\s+image: nvcr\.io\/nvidia\/doca\/doca_hbn:2\.4\.1-doca2\.9\.1$/m);
  assert.match(hbn.objects[0]!.diff, /^\+\s+image: nvcr\.io\/nvidia\/doca\/doca_hbn:2\.4\.2-doca2\.9\.1$/m);
  assert.match(hbn.objects[0]!.diff, /^\+\s+maxUnavailable: "50%"$/m);

  const p = hbn.perDpu!;
  assert.equal(p.dpusBase, 4);
  assert.equal(p.dpusHead, 4);
  assert.equal(p.unchanged, 1);
  assert.deepEqual([p.added, p.removed], [[], []]);
  assert.equal(p.groups.length, 2);
  assert.deepEqual(p.groups[0]!.dpus, ['worker1-0000-08-00', 'worker1-0000-09-00']);
  assert.deepEqual(p.groups[0]!.values, [{ path: 'config.bgp_autonomous_system', base: '65112', head: '65113' }]);
  assert.deepEqual(p.groups[0]!.startup.map((l) => l.replace(/\s+/g, ' ')), ['- autonomous-system: 65112', '+ autonomous-system: 65113']);
  assert.deepEqual(p.groups[1]!.dpus, ['worker2-0000-08-00']);
  assert.deepEqual(p.groups[1]!.values, []);
  assert.deepEqual(p.groups[1]!.startup.map((l) => l.replace(/\s+/g, ' ')), ['- remote-as: external', '+ remote-as: internal']);

  // 4 DPUs with role hbn; 50% of 4 rounded up = 2 at a time, 2 waves; the DaemonSet rolls, so
  // the startup changes take effect with it
  assert.deepEqual(report.rollout.daemonSets.map((d) => [d.name, d.dpus, d.strategy, d.maxUnavailable, d.atATime, d.waves]), [['dpu-cplane-tenant1-doca-hbn', 4, 'RollingUpdate', 2, 2, 2]]);
  assert.deepEqual(report.rollout.startupWithoutRestart, []);

  // ArgoCD's masking: head counted first, so head's new password is 8 '+', base's 12; the
  // unchanged token is 8 on both sides and is context, not a change; no value leaks
  const secret = report.services[1]!.objects[0]!;
  assert.equal(`${secret.kind} ${secret.namespace}/${secret.name}`, 'Secret dpf-operator-system/bgp-auth');
  assert.match(secret.diff, /^-  password: "?\+{12}"?$/m);
  assert.match(secret.diff, /^\+  password: "?\+{8}"?$/m);
  assert.match(secret.diff, /^ {3}token: "?\+{8}"?$/m);
  for (const leak of ['one', 'two', 'b25l', 'dHdv', 'dG9rZW4=']) assert.ok(!new RegExp(`\\b${leak}\\b`).test(secret.diff), `Secret value ${leak} in the diff`);

  assert.deepEqual(report.findings.new.map((f) => f.message.match(/doca_hbn:[^ ,]+/)?.[0]), ['doca_hbn:2.4.2-doca2.9.1']);
  assert.deepEqual(report.findings.fixed.map((f) => f.message.match(/doca_hbn:[^ ,]+/)?.[0]), ['doca_hbn:2.4.1-doca2.9.1']);
  golden('reviewed-change.json', normalised(r.out, repo));
});

test('markdown golden, and the size cap', async () => {
  const r = await diff(services, ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'markdown', ...RENDER_FLAGS]);
  assert.equal(r.code, 0, r.err);
  golden('reviewed-change.md', normalised(r.out, repo));
  const capped = await diff(services, ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'markdown', '--max-chars', '1500', ...RENDER_FLAGS]);
  assert.equal(capped.code, 0, capped.err);
  assert.ok(capped.out.length <= 1500, `${capped.out.length} characters`);
  assert.match(capped.out, /Cut to stay under 1,500 characters: /);
  assert.match(capped.out, /2 object diffs, /);
});

test('terminal: colour only when asked, --exit-code 1 on changes', async () => {
  const plain = await diff(services, ['--base', 'HEAD~1', '--head', 'HEAD', '--exit-code', ...RENDER_FLAGS]);
  assert.equal(plain.code, 1, plain.err);
  assert.ok(!plain.out.includes('\x1b['));
  assert.match(plain.out, /^ {2}2 of 4 DPUs: worker1-0000-08-00, worker1-0000-09-00$/m);
  assert.match(plain.out, /restarts on 4 DPUs, 2 at a time \(2 waves\)/);
  const coloured = await diff(services, ['--base', 'HEAD~1', '--head', 'HEAD', '--color', 'always', ...RENDER_FLAGS]);
  assert.match(coloured.out, /\x1b\[32m\+/);
});

test('working tree as head: no change is exit 0; a value-only change rolls no pod', async () => {
  const same = await diff(services, ['--base', 'HEAD', '--exit-code', ...RENDER_FLAGS]);
  assert.equal(same.code, 0, same.err);
  assert.match(same.out, /no change/);
  edit(repo, 'services/hbn.yaml', 'bgp_autonomous_system: 65113', 'bgp_autonomous_system: 65114');
  try {
    const r = await diff(services, ['--base', 'HEAD', '--exit-code', '--format', 'json', ...RENDER_FLAGS]);
    assert.equal(r.code, 1, r.err);
    const report = JSON.parse(r.out) as DiffReport;
    assert.equal(report.head.label, 'working tree');
    assert.deepEqual(report.rollout.daemonSets, []);
    assert.deepEqual(report.rollout.startupWithoutRestart, [{ service: 'dpf-operator-system/doca-hbn', dpus: 2 }]);
  } finally {
    git(repo, 'checkout', '--', 'services/hbn.yaml');
  }
});

test('--base-dir/--head-dir give the same report as the revisions', async () => {
  const a = mkdtempSync(join(tmpdir(), 'dpu-diff-a-'));
  const b = mkdtempSync(join(tmpdir(), 'dpu-diff-b-'));
  try {
    cpSync(repo, b, { recursive: true, filter: (src) => !src.includes('/.git') });
    git(repo, 'worktree', 'add', '--detach', '--quiet', join(a, 'tree'), 'HEAD~1');
    const fromDirs = await diff(join(b, 'services'), ['services', '--base-dir', join(a, 'tree'), '--head-dir', b, '--format', 'json', ...RENDER_FLAGS]);
    const fromGit = await diff(services, ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', ...RENDER_FLAGS]);
    assert.equal(fromDirs.code, 0, fromDirs.err);
    const strip = (t: string): unknown => {
      const r = JSON.parse(t) as DiffReport;
      return { ...r, base: { ...r.base, label: '', commit: '' }, head: { ...r.head, label: '', commit: '' } };
    };
    assert.deepEqual(strip(fromDirs.out), strip(fromGit.out));
  } finally {
    git(repo, 'worktree', 'remove', '--force', join(a, 'tree'));
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('a chart file change alone re-renders its service (the cache keys on chart files, not only the DPUService)', async () => {
  const a = mkdtempSync(join(tmpdir(), 'dpu-diff-a-'));
  const b = mkdtempSync(join(tmpdir(), 'dpu-diff-b-'));
  try {
    for (const d of [a, b]) cpSync(repo, d, { recursive: true, filter: (src) => !src.includes('/.git') });
    edit(b, 'charts/hbn-like/templates/daemonset.yaml', 'imagePullPolicy: {{ .Values.image.pullPolicy }}', 'imagePullPolicy: {{ .Values.image.pullPolicy }}\n          terminationMessagePolicy: FallbackToLogsOnError');
    const r = await diff(join(b, 'services'), ['services', '--base-dir', a, '--head-dir', b, '--format', 'json', ...RENDER_FLAGS]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as DiffReport;
    assert.deepEqual(report.renders, { rendered: 3, reused: 1 });
    assert.deepEqual(report.services.map((s) => s.objects.map((o) => `${o.change} ${o.kind}`)), [['changed DaemonSet']]);
    assert.match(report.services[0]!.objects[0]!.diff, /^\+\s+terminationMessagePolicy: FallbackToLogsOnError$/m);
    assert.equal(report.rollout.daemonSets[0]!.dpus, 4);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('a DPUDeployment change is a new revision with a new name: compared with the one it replaces, replaced at once', async () => {
  // examples/deployment: hbn's configuration (applyNodeEffect by default) gets a new digest, so
  // its composed DPUService gets a new 5-character suffix (docs/dpudeployment.md)
  const a = mkdtempSync(join(tmpdir(), 'dpu-diff-a-'));
  const b = mkdtempSync(join(tmpdir(), 'dpu-diff-b-'));
  try {
    for (const d of [a, b]) cpSync(join(ROOT, 'examples'), d, { recursive: true });
    edit(b, 'deployment/dpuserviceconfigurations.yaml', 'bgp_autonomous_system: 65111', 'bgp_autonomous_system: 65110');
    const r = await diff(join(b, 'deployment'), ['deployment', '--base-dir', a, '--head-dir', b, '--format', 'json', ...RENDER_FLAGS]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as DiffReport;
    const hbn = report.services.find((s) => s.status === 'replaced')!;
    assert.match(hbn.service, /^dpf-operator-system\/hbn-[a-z0-9]{5}$/);
    assert.match(hbn.replaces!, /^dpf-operator-system\/hbn-[a-z0-9]{5}$/);
    assert.notEqual(hbn.service, hbn.replaces);
    // "*" sets 65111, "worker1*" overrides it with 65112: only the two worker2 DPUs change
    assert.deepEqual(hbn.perDpu!.groups.map((g) => [g.dpus, g.values]), [[['worker2-0000-08-00', 'worker2-0000-09-00'], [{ path: 'config.bgp_autonomous_system', base: '65111', head: '65110' }]]]);
    assert.equal(hbn.perDpu!.unchanged, 2);
    const replaced = report.rollout.daemonSets.find((d) => d.service === hbn.service)!;
    assert.deepEqual([replaced.strategy, replaced.dpus, replaced.atATime, replaced.waves], ['Replaced', 4, 4, 1]);
    // the renamed service's findings are the same findings
    assert.deepEqual(report.findings, { new: [], fixed: [] });
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('--kubeconfig: DPUs and addresses from the DPU cluster instead of an inventory file; the cluster read once per side', async () => {
  const ns = 'dpf-operator-system';
  const api = await startFakeKubeApi({
    nodes: [nodeObject('worker1-0000-08-00', { role: 'hbn' }, 0), nodeObject('worker1-0000-09-00', { role: 'hbn' }, 1), nodeObject('storage-0000-08-00', { role: 'storage' }, 2)],
    cidrPools: [
      cidrPoolObject('loopback', ns, { cidr: '11.0.0.0/24', perNodeNetworkPrefix: 32 }, [
        { nodeName: 'worker1-0000-09-00', prefix: '11.0.0.9/32' },
        { nodeName: 'worker1-0000-08-00', prefix: '11.0.0.4/32' },
      ]),
      cidrPoolObject('pool1', ns, { cidr: '10.0.120.0/22', gatewayIndex: 3, perNodeNetworkPrefix: 29 }, [
        { nodeName: 'worker1-0000-09-00', prefix: '10.0.120.64/29', gateway: '10.0.120.67' },
        { nodeName: 'worker1-0000-08-00', prefix: '10.0.120.0/29', gateway: '10.0.120.3' },
      ]),
    ],
    ipPools: [],
  });
  try {
    const flags = RENDER_FLAGS.filter((f, i) => f !== '--inventory' && RENDER_FLAGS[i - 1] !== '--inventory');
    const r = await diff(services, ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', '--kubeconfig', api.kubeconfigPath, '--pool-namespace', ns, ...flags]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as DiffReport;
    const p = report.services[0]!.perDpu!;
    assert.deepEqual([p.dpusBase, p.dpusHead, p.unchanged], [2, 2, 0]);
    assert.deepEqual(p.groups.map((g) => g.dpus), [['worker1-0000-08-00', 'worker1-0000-09-00']]);
    // 2 DPUs with role hbn, 50% of 2 = 1 at a time
    assert.deepEqual(report.rollout.daemonSets.map((d) => [d.dpus, d.atATime, d.waves]), [[2, 1, 2]]);
    assert.equal(report.head.dpus, 3);
    assert.equal(api.requests.filter((q) => q.path === '/api/v1/nodes').length, 2);
  } finally {
    await api.close();
  }
});

test('each side reads its own dpu-gitops.yaml: no render flags needed, and a rule disabled in head is a fixed finding', async () => {
  const r0 = exampleRepo();
  try {
    const config = readFileSync(join(ROOT, 'examples', 'dpu-gitops.yaml'), 'utf8');
    writeFileSync(join(r0, 'dpu-gitops.yaml'), config.replace(/^rules:[\s\S]*$/m, ''));
    commitAll(r0, 'config without rules');
    writeFileSync(join(r0, 'dpu-gitops.yaml'), config);
    const r = await diff(join(r0, 'services'), ['--base', 'HEAD', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as DiffReport;
    assert.deepEqual(report.services, []);
    assert.deepEqual(report.findings.new, []);
    assert.deepEqual(report.findings.fixed.map((f) => f.message.slice(0, 14)), ['[arm64-image] ', '[arm64-image] ']);
    // the rules differ, so nothing is reused: a cached render would replay base's warnings
    assert.deepEqual(report.renders, { rendered: 4, reused: 0 });
  } finally {
    rmSync(r0, { recursive: true, force: true });
  }
});

test('a head that does not render: exit 2, its errors as new findings, objects not compared', async () => {
  const broken = exampleRepo();
  edit(broken, 'services/hbn.yaml', 'autonomous-system: {{ config.bgp_autonomous_system }}', 'autonomous-system: {{ config.bgp_asn }}');
  commitAll(broken, 'broken');
  const r = await diff(join(broken, 'services'), ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', ...RENDER_FLAGS]);
  assert.equal(r.code, 2, r.err);
  const report = JSON.parse(r.out) as DiffReport;
  assert.equal(report.base.rendered, true);
  assert.equal(report.head.rendered, false);
  assert.deepEqual(report.services, []);
  assert.ok(report.findings.new.length >= 1);
  assert.ok(report.findings.new.every((f) => f.severity === 'error' && /bgp_asn/.test(f.message)), JSON.stringify(report.findings.new));
  rmSync(broken, { recursive: true, force: true });
});

test('the command table runs diff in an isolated worker; the revisions\' temp dir is gone afterwards', async () => {
  const { commands } = await import('../../cli/commands.js');
  const cmd = commands.find((c) => c.name === 'diff')!;
  const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('dpu-gitops-diff-')));
  const io = captureIO();
  const abs = ['--cluster', 'dpu-cplane-tenant1', '--chart-path', `https://helm.example.com/dpf/dummydpuservice-chart=${join(repo, 'charts/dummydpuservice')}`, '--chart-path', `https://helm.example.com/dpf/hbn-like-chart=${join(repo, 'charts/hbn-like')}`, '--inventory', join(repo, 'inventory.yaml')];
  const code = await cmd.run([services, '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', '--log-level', 'warn', ...abs], io);
  assert.equal(code, 0, io.err());
  const report = JSON.parse(io.out()) as DiffReport;
  assert.equal(report.services[0]!.perDpu!.groups[0]!.count, 2);
  assert.deepEqual(readdirSync(tmpdir()).filter((n) => n.startsWith('dpu-gitops-diff-') && !before.has(n)), []);
});

test('usage errors and a revision that is not a commit exit 2', async () => {
  assert.equal((await diff(services, [])).code, 2);
  assert.equal((await diff(services, ['--base', 'HEAD', '--base-dir', '.', '--head-dir', '.'])).code, 2);
  const bad = await diff(services, ['--base', 'no-such-rev', ...RENDER_FLAGS]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /"no-such-rev" is not a commit/);
});

test.after(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(ENV.DPU_GITOPS_CACHE_DIR, { recursive: true, force: true });
});

test('--log-format: diff logs as text lines or JSON records on stderr; a bad value is a usage error before any checkout', async () => {
  const io = captureIO();
  const bad = await run(['--base', 'HEAD~1', '--log-format', 'yaml'], io, { cwd: services, env: ENV, isTTY: false });
  assert.equal(bad, 2);
  assert.match(io.err(), /^error: --log-format must be text or json, not "yaml"\n/);
  const text = await diff(services, ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', '--log-level', 'info', '--log-format', 'text', ...RENDER_FLAGS]);
  assert.equal(text.code, 0, text.err);
  const lines = text.err.trimEnd().split('\n');
  assert.ok(lines.length > 0 && lines.every((l) => /^(info|warning|error|debug): /.test(l)), text.err);
  const json = await diff(services, ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', '--log-level', 'info', '--log-format', 'json', ...RENDER_FLAGS]);
  assert.equal(json.code, 0, json.err);
  for (const l of json.err.trimEnd().split('\n')) assert.equal((JSON.parse(l) as { cmd: string }).cmd, 'diff');
  assert.equal(json.out, text.out, 'stdout does not depend on the log format');
});
