// generate never loses an input (issue 11 item 5): a file under the app dir that could hold a
// DPF object and is not read (too big, a special file, unreadable, not UTF-8, a dangling
// symlink, a symlink out of the repository) fails the run: exit 1, nothing on stdout, the file
// and the cause on stderr. Before, each of these was skipped without a word and generate exited
// 0 with the service missing (ArgoCD then pruned it). Discovery stays quiet.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { run } from '../../cli/generate.js';
import { captureIO } from '../../cli/io.js';
import { MAX_INPUT_FILE_BYTES } from '../../dpf/input-file.js';
import { filesWithDpuServices } from '../../plugin/discover.js';
import { CHART_REF, dummyDpuService, EXAMPLE_CHART } from './helpers/dummy-service.js';



/** What a kubeconfig outside the repository holds: it must never reach stdout or stderr. */
const SECRET_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.never-print-me';
const KUBECONFIG = `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user: {token: ${SECRET_TOKEN}}\n`;

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A repo copy (charts/, services/ as the app dir with one good DPUService) and a dir outside it. */
function repo(): { root: string; app: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'dpu-never-loses-'));
  scratch.push(base);
  const root = join(base, 'repo');
  const outside = join(base, 'outside');
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'config'), KUBECONFIG);
  cpSync(EXAMPLE_CHART, join(root, 'charts', 'dummydpuservice'), { recursive: true });
  const app = join(root, 'services');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'good.yaml'), dummyDpuService('good'));
  return { root, app, outside };
}

async function gen(app: string) {
  const io = captureIO();
  const code = await run(['--log-level', 'silent'], io, {
    cwd: app,
    env: {
      ARGOCD_APP_SOURCE_PATH: 'services',
      ARGOCD_APP_NAMESPACE: 'dest',
      ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'cluster', string: 'c' }, { name: 'chart-paths', map: { [CHART_REF]: '../charts/dummydpuservice' } }]),
      DPU_GITOPS_CACHE_DIR: join(app, '..', '..', '.cache'),
      DPU_GITOPS_LOG_FORMAT: 'text',
    },
  });
  return { code, out: io.out(), err: io.err() };
}

/** The run failed as a whole: exit 1, empty stdout, the one problem named. */
function assertFailsOn(r: { code: number; out: string; err: string }, line: RegExp): void {
  assert.equal(r.code, 1, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, line);
  assert.match(r.err, /error: 1 problem\(s\); no manifests printed/);
}

test('the baseline repo generates (so every failure below is the one file)', async () => {
  const { app } = repo();
  const r = await gen(app);
  assert.equal(r.code, 0, r.err);
  assert.ok(parseAllDocuments(r.out).length > 0);
});

test('a DPUService file over the size limit is an error, not a skipped service', async () => {
  const { app } = repo();
  const padding = `# ${'x'.repeat(1022)}\n`.repeat(Math.ceil(MAX_INPUT_FILE_BYTES / 1024) + 16);
  writeFileSync(join(app, 'big.yaml'), dummyDpuService('big') + padding);
  const r = await gen(app);
  assertFailsOn(r, /^error: big\.yaml: not read: is 8\.\d MiB, over the 8 MiB limit for an input file .*\(fix: split it into smaller files/m);
  assert.deepEqual(filesWithDpuServices(app), ['big.yaml', 'good.yaml'], 'discovery still claims the app, so generate reports it');
});

test('a 100 MB YAML file fails the run without being read', { timeout: 60_000 }, async () => {
  const { app } = repo();
  const path = join(app, 'huge.yaml');
  writeFileSync(path, '');
  truncateSync(path, 100 * 1000 * 1000); // sparse: the size is what is refused
  const r = await gen(app);
  assertFailsOn(r, /^error: huge\.yaml: not read: is 95\.4 MiB, over the 8 MiB limit/m);
});

test('invalid UTF-8 is an error naming the byte and line (it was silently replaced by U+FFFD)', async () => {
  const { app } = repo();
  const [before, after] = dummyDpuService('latin').split('tag: v1');
  writeFileSync(join(app, 'latin1.yaml'), Buffer.concat([Buffer.from(`${before}tag: "caf`), Buffer.from([0xe9]), Buffer.from(`"${after}`)]));
  const r = await gen(app);
  assertFailsOn(r, /^error: latin1\.yaml: not read: is not valid UTF-8 \(byte 0xe9 at offset \d+, line 9\).*\(fix: save the file as UTF-8\)/m);
});

test('a dangling symlink named like an input is an error', async () => {
  const { app } = repo();
  symlinkSync('gone.yaml', join(app, 'moved.yaml'));
  const r = await gen(app);
  assertFailsOn(r, /^error: moved\.yaml: not read: .*does not resolve \(dangling, or a loop\)/m);
});

test('a symlink to a kubeconfig outside the repository is refused; the token is printed nowhere', async () => {
  const { root, app, outside } = repo();
  symlinkSync(join(outside, 'config'), join(app, 'x.yaml'));
  const r = await gen(app);
  assertFailsOn(r, new RegExp(`^error: x\\.yaml: not read: symlink to ${join(outside, 'config')} resolves outside the repository ${root} \\(fix: copy the file into the repository`, 'm'));
  assert.ok(!r.out.includes(SECRET_TOKEN) && !r.err.includes(SECRET_TOKEN));
  // a relative link that climbs out is the same
  const { root: root2, app: app2, outside: outside2 } = repo();
  symlinkSync('../../outside/config', join(app2, 'y.yml'));
  assertFailsOn(await gen(app2), new RegExp(`^error: y\\.yml: not read: symlink to ${join(outside2, 'config')} resolves outside the repository ${root2}`, 'm'));
});

test('a symlinked directory leading out of the repository is refused', async () => {
  const { root, app, outside } = repo();
  symlinkSync(outside, join(app, 'linked'));
  const r = await gen(app);
  assertFailsOn(r, new RegExp(`^error: linked: not read: symlink to ${outside} resolves outside the repository ${root}`, 'm'));
  assert.ok(!r.err.includes(SECRET_TOKEN));
});

test('symlinks that stay inside the repository are read; a directory link to an ancestor is not walked twice', async () => {
  const { root, app } = repo();
  mkdirSync(join(root, 'shared'));
  writeFileSync(join(root, 'shared', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared, namespace: dpf}\n');
  symlinkSync('../shared/cm.yaml', join(app, 'cm.yaml'));
  symlinkSync('.', join(app, 'loop'));
  const r = await gen(app);
  assert.equal(r.code, 0, r.err);
  const names = parseAllDocuments(r.out).map((d) => (d.toJS() as { kind: string; metadata: { name: string } })).filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name);
  assert.ok(names.includes('shared'));
});

test('a named pipe called x.yaml is an error and the run does not block on it', { timeout: 30_000 }, async (t) => {
  const { app } = repo();
  if (spawnSync('mkfifo', [join(app, 'pipe.yaml')]).status !== 0) return t.skip('mkfifo not available');
  const r = await gen(app);
  assertFailsOn(r, /^error: pipe\.yaml: not read: is not a regular file \(a named pipe\)/m);
  assert.deepEqual(filesWithDpuServices(app), ['good.yaml']);
});

test('an unreadable file is an error', { skip: process.getuid?.() === 0 ? 'root reads any file' : false }, async () => {
  const { app } = repo();
  writeFileSync(join(app, 'secret.yaml'), dummyDpuService('secret'));
  chmodSync(join(app, 'secret.yaml'), 0o000);
  const r = await gen(app);
  assertFailsOn(r, /^error: secret\.yaml: not read: cannot be read: permission denied/m);
});

test('discovery stays quiet: unreadable inputs neither throw nor print, readable DPUServices are found', () => {
  const { app, outside } = repo();
  symlinkSync('gone.yaml', join(app, 'dangling.yaml'));
  symlinkSync(join(outside, 'config'), join(app, 'x.yaml'));
  writeFileSync(join(app, 'bad.json'), Buffer.from([0x7b, 0xff, 0x7d]));
  assert.deepEqual(filesWithDpuServices(app), ['good.yaml']);
});
