/**
 * lint with the repository config (docs/config.md): which dpu-gitops.yaml a PATH reads (the
 * nearest, never one above the repository root), flags over the config, --disable adding to
 * rules.disable, rules.severity, config problems at file:line, chart paths relative to the
 * config file, PATHs under different configs, and the dpu-gitops.nvidia.com/disable annotation.
 * The chart is the lint fixture's good-chart: its DaemonSet is `{{ .Release.Name }}-good` and DPF
 * names a DPUService's release `<cluster>-<dpuservice>`, so `<cluster>-good-good` tells which
 * cluster won; its image cannot be checked for arm64 (a warning naming the DaemonSet).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { run } from '../../cli/lint.js';
import { captureIO } from '../../cli/io.js';

const FIXTURE = 'test/contract/fixtures/lint-repo';
const GOOD_CHART = join(FIXTURE, 'charts/good');
const CHART_REF = 'https://charts.example.com/good-chart';

function dpuService(name: string, annotations = ''): string {
  return `apiVersion: svc.dpu.nvidia.com/v1alpha1
kind: DPUService
metadata:
  name: ${name}
  namespace: dpf
${annotations}spec:
  helmChart:
    source:
      repoURL: https://charts.example.com
      chart: good-chart
      version: v1.2.0
    values:
      image: nvcr.io/example/good:1.2.1
  serviceID: ${name}
`;
}

/** A git work tree holding charts/good and the given files (path -> text). */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lint-config-'));
  mkdirSync(join(root, '.git'));
  cpSync(GOOD_CHART, join(root, 'charts', 'good'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const CHARTS = `chart-paths:\n  ${CHART_REF}: charts/good\n`;

async function lint(...argv: string[]) {
  const io = captureIO();
  const code = await run(['--log-format', 'text', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

interface Violation {
  rule: string;
  severity: string;
  object?: { kind?: string; name?: string };
}

async function lintJson(...argv: string[]): Promise<{ code: number; err: string; violations: Violation[]; files: number }> {
  const r = await lint('-o', 'json', ...argv);
  assert.match(r.err, /^lint: \d+ files?, \d+ charts?, \d+ warnings?, \d+ errors? \(\d+\.\d\d s\)\n$/);
  const report = JSON.parse(r.out) as { violations: Violation[]; files: number };
  return { code: r.code, err: r.err, violations: report.violations, files: report.files };
}

const daemonSets = (vs: readonly Violation[]): string[] => vs.filter((v) => v.rule === 'arm64-image').map((v) => v.object?.name ?? '');

test('the nearest dpu-gitops.yaml wins; its chart-paths are relative to the file, not the cwd', async () => {
  const root = repo({ 'dpu-gitops.yaml': `cluster: top\n${CHARTS}`, 'site/services/good.yaml': dpuService('good') });
  const top = await lintJson(join(root, 'site/services/good.yaml'));
  assert.deepEqual(daemonSets(top.violations), ['top-good-good']);
  writeFileSync(join(root, 'site', 'dpu-gitops.yaml'), `cluster: near\nchart-paths:\n  ${CHART_REF}: ../charts/good\n`);
  const near = await lintJson(join(root, 'site/services'));
  assert.deepEqual(daemonSets(near.violations), ['near-good-good']);
});

test('a dpu-gitops.yaml above the repository root is never read (git work tree, or --repo-root)', async () => {
  const outer = mkdtempSync(join(tmpdir(), 'lint-config-outer-'));
  writeFileSync(join(outer, 'dpu-gitops.yaml'), `cluster: above\n`);
  const root = join(outer, 'repo');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'services'));
  writeFileSync(join(root, 'services', 'good.yaml'), dpuService('good'));
  const r = await lintJson('--chart-dir', GOOD_CHART, join(root, 'services'));
  assert.deepEqual(daemonSets(r.violations), ['in-cluster-good-good']);
  // --repo-root moves the boundary below a file the work tree would have reached (everything
  // read must be under it, so the chart is copied there).
  writeFileSync(join(root, 'dpu-gitops.yaml'), 'cluster: repo\n');
  cpSync(GOOD_CHART, join(root, 'services', 'chart'), { recursive: true });
  const chart = join(root, 'services', 'chart');
  assert.deepEqual(daemonSets((await lintJson('--chart-dir', chart, join(root, 'services/good.yaml'))).violations), ['repo-good-good']);
  assert.deepEqual(daemonSets((await lintJson('--repo-root', join(root, 'services'), '--chart-dir', chart, join(root, 'services/good.yaml'))).violations), ['in-cluster-good-good']);
});

test('flags beat the config; --config and --no-config choose the file', async () => {
  const root = repo({ 'dpu-gitops.yaml': `cluster: from-config\n${CHARTS}`, 'services/good.yaml': dpuService('good'), 'other.yaml': `cluster: other\n${CHARTS}` });
  const svc = join(root, 'services/good.yaml');
  assert.deepEqual(daemonSets((await lintJson('--cluster', 'from-flag', svc)).violations), ['from-flag-good-good']);
  assert.deepEqual(daemonSets((await lintJson('--config', join(root, 'other.yaml'), svc)).violations), ['other-good-good']);
  // Without the config, the chart is not found either: the DPUService's chart is unavailable.
  const none = await lintJson('--no-config', svc);
  assert.deepEqual(
    none.violations.map((v) => v.rule),
    ['chart-unavailable'],
  );
  const both = await lint('--config', 'x.yaml', '--no-config', svc);
  assert.equal(both.code, 2);
  assert.match(both.err, /^error: --config and --no-config exclude each other\n/);
});

test('--disable adds to rules.disable; rules.severity replaces a rule\'s severity', async () => {
  // The fixture's services/bad.yaml: dpuservice-source (error), two dpuservice-config-ports (errors), chart-unavailable (warning).
  const bad = readFileSync(join(FIXTURE, 'services/bad.yaml'), 'utf8');
  const root = repo({ 'dpu-gitops.yaml': 'rules:\n  disable: [chart-unavailable]\n  severity:\n    dpuservice-source: warning\n', 'services/bad.yaml': bad });
  const config = await lintJson(join(root, 'services/bad.yaml'));
  assert.deepEqual(
    config.violations.map((v) => [v.rule, v.severity]),
    [
      ['dpuservice-source', 'warning'],
      ['dpuservice-config-ports', 'error'],
      ['dpuservice-config-ports', 'error'],
    ],
  );
  assert.equal(config.code, 1);
  const both = await lintJson('--disable', 'dpuservice-config-ports', join(root, 'services/bad.yaml'));
  assert.deepEqual(
    both.violations.map((v) => [v.rule, v.severity]),
    [['dpuservice-source', 'warning']],
  );
  // Only warnings remain: exit 0.
  assert.equal(both.code, 0);
});

test('a config with problems: exit 2, each problem at file:line with its key', async () => {
  const root = repo({ 'dpu-gitops.yaml': 'cluster: ok\nrules:\n  disable: [no-such-rule]\nkube-versoin: "1.30"\n', 'services/good.yaml': dpuService('good') });
  const r = await lint(join(root, 'services/good.yaml'));
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  const lines = r.err.trimEnd().split('\n');
  const file = join(root, 'dpu-gitops.yaml');
  assert.equal(lines.length, 2, r.err);
  assert.ok(lines[0]!.startsWith(`error: ${file}:3: rules.disable[0]: `), lines[0]);
  assert.ok(lines[1]!.startsWith(`error: ${file}:4: kube-versoin: unknown key`), lines[1]);
});

test('a chart path the config names that is missing, or leaves the repository, is named with its key', async () => {
  const root = repo({ 'dpu-gitops.yaml': `chart-paths:\n  ${CHART_REF}: charts/nope\n`, 'services/good.yaml': dpuService('good') });
  const shown = relative(process.cwd(), root).startsWith('..') ? root : relative(process.cwd(), root);
  const missing = await lint(join(root, 'services/good.yaml'));
  assert.equal(missing.code, 2);
  assert.equal(missing.err, `error: ${shown}/dpu-gitops.yaml: chart-paths["${CHART_REF}"]: ${shown}/charts/nope does not exist\n`);
  writeFileSync(join(root, 'dpu-gitops.yaml'), 'vendor-dir: ../elsewhere\n');
  const outside = await lint(join(root, 'services/good.yaml'));
  assert.equal(outside.code, 2);
  assert.match(outside.err, /^error: \S+dpu-gitops\.yaml: vendor-dir: \S+elsewhere is outside the repository root \S+ \(set --repo-root, or name a path under it\)\n$/);
  const flag = await lint('--chart-dir', 'no/such/charts', join(root, 'services/good.yaml'));
  assert.equal(flag.code, 2);
  assert.equal(flag.err, 'error: --chart-dir: no/such/charts does not exist\n');
});

test('PATHs under different configs are linted apart, each with its own settings, and reported together', async () => {
  const root = repo({
    'site-a/dpu-gitops.yaml': `cluster: site-a\nchart-paths:\n  ${CHART_REF}: ../charts/good\n`,
    'site-a/good.yaml': dpuService('good'),
    'site-b/dpu-gitops.yaml': `cluster: site-b\nchart-paths:\n  ${CHART_REF}: ../charts/good\nrules:\n  disable: [arm64-image]\n`,
    'site-b/good.yaml': dpuService('good'),
    'site-c/dpu-gitops.yaml': `cluster: site-c\nvendor-dir: ../charts\n`,
    'site-c/good.yaml': dpuService('good'),
  });
  const r = await lintJson(join(root, 'site-a'), join(root, 'site-b'), join(root, 'site-c'));
  // site-b disables arm64-image; site-c finds the chart under its vendor dir.
  assert.deepEqual(daemonSets(r.violations), ['site-a-good-good', 'site-c-good-good']);
  assert.equal(r.files, 3);
});

test('the annotation dpu-gitops.nvidia.com/disable settles one object\'s findings: on a DPUService, also its chart\'s', async () => {
  const annotated = '  annotations:\n    dpu-gitops.nvidia.com/disable: "kube-schema, arm64-image"\n';
  const root = repo({ 'dpu-gitops.yaml': `cluster: c\n${CHARTS}`, 'services/plain.yaml': dpuService('plain'), 'services/settled.yaml': dpuService('settled', annotated) });
  const r = await lintJson(join(root, 'services'));
  assert.deepEqual(daemonSets(r.violations), ['c-plain-good']);
  // On a rendered object: the chart's DaemonSet carries the annotation itself.
  const template = join(root, 'charts/good/templates/daemonset.yaml');
  writeFileSync(template, readFileSync(template, 'utf8').replace('  name: {{ .Release.Name }}-good\n', '  name: {{ .Release.Name }}-good\n  annotations:\n    dpu-gitops.nvidia.com/disable: arm64-image\n'));
  assert.deepEqual(daemonSets((await lintJson(join(root, 'services'))).violations), []);
  // An object in a file: its own findings only.
  const bad = readFileSync(join(FIXTURE, 'services/bad.yaml'), 'utf8').replace('  name: bad\n', '  name: bad\n  annotations:\n    dpu-gitops.nvidia.com/disable: dpuservice-config-ports\n');
  writeFileSync(join(root, 'services/bad.yaml'), bad);
  const rules = (await lintJson(join(root, 'services/bad.yaml'))).violations.map((v) => `${v.rule} ${v.object?.name}`);
  assert.deepEqual(rules, ['dpuservice-source bad', 'chart-unavailable remote']);
});

test('--log-format json: a config problem is one error record naming file:line; a run ends with a summary record', async () => {
  const root = repo({ 'dpu-gitops.yaml': 'cluster: Not_A_Label\n', 'services/good.yaml': dpuService('good') });
  const io = captureIO();
  assert.equal(await run(['--log-format', 'json', join(root, 'services')], io), 2);
  const records = io.err().trimEnd().split('\n').map((l) => JSON.parse(l) as { level: number; cmd: string; msg: string });
  assert.equal(records.length, 1);
  assert.deepEqual([records[0]!.level, records[0]!.cmd], [50, 'lint']);
  assert.ok(records[0]!.msg.startsWith(`${join(root, 'dpu-gitops.yaml')}:1: cluster: `), records[0]!.msg);
  writeFileSync(join(root, 'dpu-gitops.yaml'), `${CHARTS}rules:\n  disable: [arm64-image]\n`);
  const ok = captureIO();
  assert.equal(await run(['--log-format', 'json', join(root, 'services')], ok), 0);
  const [summary, ...rest] = ok.err().trimEnd().split('\n').map((l) => JSON.parse(l) as { level: number; summary: Record<string, number> });
  assert.deepEqual(rest, []);
  assert.deepEqual([summary!.level, summary!.summary], [30, { files: 1, charts: 0, warnings: 0, errors: 0 }]);
});
