// The shared stderr reporter (cli/report/): the format rule of issue 15 (text on a terminal or
// with --log-format text, JSON otherwise), collapsing of identical problems with a count and the
// first names, the summary line, and generate's stderr and `-o json` built on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReporter, logFormatOf, LogFormatError, withStderrTTY } from '../../cli/report/index.js';
import type { Problem } from '../../plugin/problems.js';
import { run } from '../../cli/generate.js';
import { captureIO } from '../../cli/io.js';

test('format: the flag, then DPU_GITOPS_LOG_FORMAT, then the terminal (the owner process says so in DPU_GITOPS_STDERR_TTY)', () => {
  assert.equal(logFormatOf('json', { DPU_GITOPS_LOG_FORMAT: 'text' }, true), 'json');
  assert.equal(logFormatOf(undefined, { DPU_GITOPS_LOG_FORMAT: 'text' }, false), 'text');
  assert.equal(logFormatOf(undefined, {}, true), 'text');
  assert.equal(logFormatOf(undefined, {}, false), 'json');
  assert.equal(logFormatOf(undefined, { DPU_GITOPS_STDERR_TTY: '1' }, false), 'text', 'a worker: its owner has a terminal');
  assert.equal(logFormatOf(undefined, { DPU_GITOPS_STDERR_TTY: '0' }, true), 'json');
  assert.throws(() => logFormatOf('yaml', {}, true), (e: unknown) => e instanceof LogFormatError && /--log-format must be text or json, not "yaml"/.test(e.message));
  assert.throws(() => logFormatOf(undefined, { DPU_GITOPS_LOG_FORMAT: 'pretty' }, true), /DPU_GITOPS_LOG_FORMAT must be text or json/);
  assert.equal(withStderrTTY({}, true).DPU_GITOPS_STDERR_TTY, '1');
  assert.equal(withStderrTTY({ DPU_GITOPS_STDERR_TTY: '0' }, true).DPU_GITOPS_STDERR_TTY, '0', 'a nested worker keeps what the outermost process saw');
});

const location = { file: 'hbn.yaml', doc: 0, line: 6 };
const dpus = Array.from({ length: 200 }, (_, i) => `dpu-${String(i).padStart(3, '0')}`);
const ipam = (dpu: string): Problem => ({
  severity: 'error',
  location,
  object: 'DPUService ns/hbn',
  field: 'spec.helmChart.values.configuration.perDPUValuesYAML',
  message: `DPU '${dpu}' interface p0: IPAM pool 'pool1' for node '${dpu}': no free address in the node range`,
  subject: { kind: 'DPU', name: dpu },
});

function capture(): { write: (s: string) => void; text: () => string } {
  const parts: string[] = [];
  return { write: (s) => void parts.push(s), text: () => parts.join('') };
}

test('200 DPUs out of IPAM space are one text line: the shared message, the count and the first five names', () => {
  const err = capture();
  createReporter({ command: 'generate', format: 'text', write: err.write }).problems(dpus.map(ipam));
  assert.equal(
    err.text(),
    "error: hbn.yaml#0 (line 6) DPUService ns/hbn spec.helmChart.values.configuration.perDPUValuesYAML: DPU '<DPU>' interface p0: IPAM pool 'pool1' for node '<DPU>': no free address in the node range [200 DPUs: dpu-000, dpu-001, dpu-002, dpu-003, dpu-004 and 195 more]\n",
  );
});

test('the same in JSON: one record with count, subjectKind and the first names; problems ignore the log level', () => {
  const err = capture();
  createReporter({ command: 'generate', format: 'json', level: 'silent', write: err.write }).problems([...dpus.slice(0, 3).map(ipam), { severity: 'warning', object: 'DaemonSet x', message: 'one' }]);
  const lines = err.text().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 2);
  assert.equal(lines[0]!.level, 50);
  assert.equal(lines[0]!.cmd, 'generate');
  assert.equal(lines[0]!.count, 3);
  assert.equal(lines[0]!.subjectKind, 'DPU');
  assert.deepEqual(lines[0]!.subjects, ['dpu-000', 'dpu-001', 'dpu-002']);
  assert.equal(lines[0]!.file, 'hbn.yaml');
  assert.equal(lines[0]!.line, 6);
  assert.equal(lines[1]!.level, 40);
  assert.equal(lines[1]!.msg, 'one');
  assert.equal(lines[1]!.count, undefined, 'a single problem has no count');
});

test('problems that differ in more than their subject are not collapsed; exact repeats are, with "times"', () => {
  const err = capture();
  const r = createReporter({ command: 'lint', format: 'text', write: err.write });
  r.problems([
    { severity: 'warning', object: 'DaemonSet a', message: 'image x has no arm64 variant' },
    { severity: 'warning', object: 'DaemonSet b', message: 'image x has no arm64 variant' },
    { severity: 'warning', object: 'DaemonSet a', message: 'image x has no arm64 variant' },
  ]);
  assert.equal(err.text(), 'warning: DaemonSet a: image x has no arm64 variant [2 times]\nwarning: DaemonSet b: image x has no arm64 variant\n');
});

test('the summary line: singular and plural, elapsed seconds; in JSON the counts as fields; silenced with the log level', () => {
  const text = capture();
  createReporter({ command: 'lint', format: 'text', write: text.write }).summary(
    [
      { key: 'files', label: 'files', count: 1 },
      { key: 'dpuConfigs', label: 'DPU configs', count: 2 },
      { key: 'warnings', label: 'warnings', count: 1 },
      { key: 'errors', label: 'errors', count: 0 },
    ],
    1234,
  );
  assert.equal(text.text(), 'lint: 1 file, 2 DPU configs, 1 warning, 0 errors (1.23 s)\n');
  const json = capture();
  createReporter({ command: 'lint', format: 'json', write: json.write }).summary([{ key: 'files', label: 'files', count: 3 }], 10);
  const rec = JSON.parse(json.text()) as Record<string, unknown>;
  assert.deepEqual(rec.summary, { files: 3 });
  assert.equal(rec.elapsedMs, 10);
  assert.equal(rec.level, 30);
  const quiet = capture();
  createReporter({ command: 'lint', format: 'text', level: 'warn', write: quiet.write }).summary([{ key: 'files', label: 'files', count: 3 }], 10);
  assert.equal(quiet.text(), '');
});

test('library logs in text: `level: message (key=value)`, one line each', () => {
  const err = capture();
  createReporter({ command: 'generate', format: 'text', write: err.write }).log.info({ dpuservice: 'ns/a', objects: 2 }, 'rendered');
  assert.equal(err.text(), 'info: rendered (dpuservice=ns/a, objects=2)\n');
});

// generate end to end: the example HBN service over a 20-DPU inventory with a /30 loopback pool
// of /32 prefixes — at most 4 DPUs get an address, so most of them are out of IPAM space.
const EX = new URL('../../examples/', import.meta.url).pathname;
function exhaustedRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'dpu-report-'));
  cpSync(join(EX, 'charts/hbn-like'), join(root, 'charts/hbn-like'), { recursive: true });
  mkdirSync(join(root, 'services'));
  cpSync(join(EX, 'services/hbn.yaml'), join(root, 'services/hbn.yaml'));
  writeFileSync(
    join(root, 'services/ipam.yaml'),
    ['network: "11.0.0.0/30"', 'network: "10.0.120.0/29"'].map((net, i) => `apiVersion: svc.dpu.nvidia.com/v1alpha1\nkind: DPUServiceIPAM\nmetadata:\n  name: ${i ? 'pool1' : 'loopback'}\n  namespace: dpf-operator-system\nspec:\n  ipv4Network:\n    ${net}\n    prefixSize: ${i ? 29 : 32}\n`).join('---\n'),
  );
  const inv = Array.from({ length: 20 }, (_, i) => `  - name: worker${i}-0000-08-00\n    labels: {role: hbn}\n`).join('');
  writeFileSync(join(root, 'inventory.yaml'), `kind: DPUInventory\ndpus:\n${inv}`);
  return root;
}

async function generateIn(root: string, extra: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await run([join(root, 'services'), '--no-config', '--repo-root', root, '--cluster', 'c1', '--inventory', join(root, 'inventory.yaml'), '--chart-path', `https://helm.example.com/dpf/hbn-like-chart=${join(root, 'charts/hbn-like')}`, '--disable', 'arm64-image', ...extra], io, { cwd: root, env: { DPU_GITOPS_CACHE_DIR: join(root, '.cache'), ...env } });
  return { code, out: io.out(), err: io.err() };
}

test('generate: DPUs out of IPAM space collapse to one line per pool; -o json lists every one; a summary ends the run', async () => {
  const root = exhaustedRepo();
  const text = await generateIn(root, ['--log-level', 'warn'], { DPU_GITOPS_LOG_FORMAT: 'text' });
  assert.equal(text.code, 1);
  assert.equal(text.out, '');
  const collapsed = text.err.split('\n').filter((l) => / DPUs: /.test(l));
  assert.ok(collapsed.length >= 1, text.err);
  const json = await generateIn(root, ['-o', 'json', '--log-level', 'warn'], {});
  assert.equal(json.code, 1);
  const doc = JSON.parse(json.out) as { ok: boolean; summary: Record<string, number>; problems: { severity: string; subject?: { kind: string; name: string }; message: string }[]; objects: unknown[] };
  assert.equal(doc.ok, false);
  assert.deepEqual(doc.objects, []);
  const perDpu = doc.problems.filter((p) => p.subject?.kind === 'DPU');
  // every DPU named in the JSON is counted in the text lines, and each line's count is its names
  const counted = collapsed.reduce((n, l) => n + Number(/\[(\d+) DPUs: /.exec(l)![1]), 0) + text.err.split('\n').filter((l) => l.startsWith('error: ') && /DPU '[^<]/.test(l)).length;
  assert.equal(counted, perDpu.length);
  assert.ok(perDpu.length >= 16, `20 DPUs, at most 4 addresses: ${perDpu.length}`);
  assert.equal(doc.summary.errors, doc.problems.filter((p) => p.severity === 'error').length);
  assert.equal(json.err, '', '-o json: problems are on stdout, not repeated on stderr (summary silenced by --log-level warn)');
});

test('generate: the summary line counts services, objects and DPU configs of a good run; JSON on stderr without a terminal', async () => {
  const root = mkdtempSync(join(tmpdir(), 'dpu-report-ok-'));
  cpSync(join(EX, 'charts'), join(root, 'charts'), { recursive: true });
  cpSync(join(EX, 'services'), join(root, 'services'), { recursive: true });
  cpSync(join(EX, 'inventory.yaml'), join(root, 'inventory.yaml'));
  const argv = [join(root, 'services'), '--no-config', '--repo-root', root, '--cluster', 'dpu-cplane-tenant1', '--inventory', join(root, 'inventory.yaml'), '--disable', 'arm64-image', '--chart-path', `https://helm.example.com/dpf/hbn-like-chart=${join(root, 'charts/hbn-like')}`, '--chart-path', `https://helm.example.com/dpf/dummydpuservice-chart=${join(root, 'charts/dummydpuservice')}`];
  const io = captureIO();
  const code = await run(argv, io, { cwd: root, env: { DPU_GITOPS_CACHE_DIR: join(root, '.cache'), DPU_GITOPS_STDERR_TTY: '0' } });
  assert.equal(code, 0, io.err());
  const records = io.err().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const summary = records.at(-1)!;
  const objects = io.out().split(/^---$/m).filter((d) => /^kind: /m.test(d)).length;
  // the example inventory: HBN's nodeSelector (role: hbn) selects 4 of its 5 DPUs
  assert.deepEqual(summary.summary, { services: 2, objects, dpuConfigs: 4, warnings: 0, errors: 0 });
  assert.match(String(summary.msg), /^generate: 2 services, \d+ objects, 4 DPU configs, 0 warnings, 0 errors \(\d+\.\d\d s\)$/);
  const tty = captureIO();
  await run(argv, tty, { cwd: root, env: { DPU_GITOPS_CACHE_DIR: join(root, '.cache'), DPU_GITOPS_STDERR_TTY: '1', DPU_GITOPS_LOG_LEVEL: 'warn' } });
  assert.equal(tty.err(), '', 'text, and the summary is info: silenced at warn');
});
