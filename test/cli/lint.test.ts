import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../cli/lint.js';

const REPO = 'test/contract/fixtures/lint-repo';

async function lint(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['--log-format', 'text', ...argv], { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

type Row = [rule: string, severity: string, file: string, line: number | null, object: string | null];

test('lint --output json over a whole repo: every finding with file and line, exit 1', async () => {
  const r = await lint('--output', 'json', REPO);
  assert.equal(r.code, 1);
  // stderr: only the run's summary line
  assert.match(r.err, /^lint: 5 files, 2 charts, 11 warnings, 18 errors \(\d+\.\d\d s\)\n$/);
  const report = JSON.parse(r.out);
  assert.deepEqual([report.errors, report.warnings, report.files, report.charts], [18, 11, 5, 2]);
  const rows: Row[] = report.violations.map((v: any) => [v.rule, v.severity, v.file.replace(`${REPO}/`, ''), v.line ?? null, v.object?.name ?? null]);
  assert.deepEqual(rows, [
    ['manifest-parse', 'error', 'broken.yaml', 5, `${REPO}/broken.yaml`],
    ['one-daemonset', 'error', 'charts/bad/Chart.yaml', null, 'bad-chart-0.0.1'],
    ['doca-version', 'error', 'charts/bad/Chart.yaml', 5, 'bad-chart-0.0.1'],
    ['dpf-annotation', 'warning', 'charts/bad/Chart.yaml', 6, 'bad-chart-0.0.1'],
    ['release-name', 'error', 'charts/bad/templates/config.yaml', null, 'static-config'],
    ['crds-location', 'warning', 'charts/bad/templates/crd.yaml', null, null],
    // Kubernetes' CRD schema: names, scope and versions are required.
    ['kube-schema', 'error', 'charts/bad/templates/crd.yaml', 5, 'widgets.example.com'],
    // Seen only in the second render, with every exposedPorts switch on.
    ['exposed-service-traffic-policy', 'warning', 'charts/bad/templates/service.yaml', null, 'dpu-gitops-lint-metrics'],
    ['exposed-service-traffic-policy', 'warning', 'charts/bad/templates/service.yaml', null, 'dpu-gitops-lint-metrics'],
    ['image-pull-secrets', 'warning', 'charts/bad/templates/workloads.yaml', null, null],
    ['pod-fields', 'error', 'charts/bad/templates/workloads.yaml', null, 'dpu-gitops-lint-helper'],
    ['arm64-image', 'warning', 'charts/bad/templates/workloads.yaml', null, 'dpu-gitops-lint-agent'],
    // helm lint v3.17.3 reports both DaemonSets without a selector (recorded: helm lint charts/bad), and
    // Kubernetes' schema requires spec.selector; each at its document's line in the template.
    ['helm-lint', 'error', 'charts/bad/templates/workloads.yaml', 1, 'bad-chart'],
    ['kube-schema', 'error', 'charts/bad/templates/workloads.yaml', 5, 'test-release-agent'],
    ['helm-lint', 'error', 'charts/bad/templates/workloads.yaml', 12, 'bad-chart'],
    ['kube-schema', 'error', 'charts/bad/templates/workloads.yaml', 16, 'test-release-helper'],
    ['exposed-ports-default', 'warning', 'charts/bad/values.yaml', 2, 'bad-chart'],
    ['exposed-ports-default', 'warning', 'charts/bad/values.yaml', 3, 'bad-chart'],
    ['arm64-image', 'warning', 'charts/good/templates/daemonset.yaml', null, 'dpu-gitops-lint-good'],
    // The good DPUService renders good-chart with its own values and release name.
    ['arm64-image', 'warning', 'charts/good/templates/daemonset.yaml', null, 'in-cluster-good-good'],
    ['pod-fields', 'error', 'extension/more.json', 5, 'telemetry'],
    ['pod-fields', 'error', 'extension/more.json', 5, 'telemetry'],
    ['extension-service-credentials', 'error', 'extension/more.json', 6, 'telemetry'],
    ['extension-service-name-unique', 'error', 'extension/telemetry.yaml', 1, 'Telemetry'],
    ['extension-service-registry-conflict', 'error', 'extension/telemetry.yaml', 1, 'Telemetry'],
    ['dpuservice-source', 'error', 'services/bad.yaml', 10, 'bad'],
    ['dpuservice-config-ports', 'error', 'services/bad.yaml', 18, 'bad'],
    ['dpuservice-config-ports', 'error', 'services/bad.yaml', 19, 'bad'],
    ['chart-unavailable', 'warning', 'services/bad.yaml', 29, 'remote'],
  ]);
  const parse = report.violations[0];
  assert.equal(parse.message, 'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');
  assert.equal(parse.fix, 'fix the YAML syntax at the reported line');
});

test('lint human output: file:line, severity, rule, object, message, fix, summary', async () => {
  const r = await lint(`${REPO}/services/bad.yaml`);
  assert.equal(r.code, 1);
  assert.equal(
    r.out,
    [
      `${REPO}/services/bad.yaml:10: error [dpuservice-source] DPUService dpf/bad: spec.helmChart.source.repoURL must match oci://... or https://... (found "http://charts.example.com")`,
      '    fix: set spec.helmChart.source.repoURL: helmChart.source needs repoURL (oci:// or https://), chart (or path) and version',
      `${REPO}/services/bad.yaml:18: error [dpuservice-config-ports] DPUService dpf/bad: spec.configPorts.ports[0].protocol must be one of TCP, UDP (found "SCTP")`,
      '    fix: use serviceType NodePort|ClusterIP|None; ports need unique names ^[a-z0-9-]+$, port 1-65535, TCP|UDP, nodePort 30000-32767',
      `${REPO}/services/bad.yaml:19: error [dpuservice-config-ports] DPUService dpf/bad: spec.configPorts.ports[0].nodePort must be between 30000 and 32767 (found 8080)`,
      '    fix: use serviceType NodePort|ClusterIP|None; ports need unique names ^[a-z0-9-]+$, port 1-65535, TCP|UDP, nodePort 30000-32767',
      `${REPO}/services/bad.yaml:29: warning [chart-unavailable] DPUService dpf/remote: chart oci://ghcr.io/example remote-chart 3.0.0 unavailable: not among the linted paths or --chart-dir folders; chart rules not run`,
      '    fix: make oci://ghcr.io/example remote-chart 3.0.0 reachable (or vendor the chart, or pass --chart-dir to lint) and retry',
      'dpu-gitops lint: 3 errors, 1 warning (1 file, 0 charts)',
      '',
    ].join('\n'),
  );
});

test('warnings only: exit 0; --chart-dir finds the chart a DPUService names', async () => {
  const r = await lint('--chart-dir', `${REPO}/charts/good`, `${REPO}/services/good.yaml`);
  assert.equal(r.code, 0, r.out);
  assert.equal(
    r.out,
    [
      `${REPO}/charts/good/templates/daemonset.yaml: warning [arm64-image] DaemonSet in-cluster-good-good: cannot verify arm64 support of nvcr.io/example/good:1.2.1 (registry not queried)`,
      '    fix: check that nvcr.io/example/good:1.2.1 has a linux/arm64 image (e.g. `docker manifest inspect IMAGE`)',
      'dpu-gitops lint: 0 errors, 1 warning (1 file, 0 charts)',
      '',
    ].join('\n'),
  );
});

test('--disable drops a rule; no findings prints "no problems" and exits 0', async () => {
  const r = await lint('--disable', 'arm64-image', '--cluster', 'dpu-a', `${REPO}/charts/good`, `${REPO}/services/good.yaml`);
  assert.equal(r.code, 0);
  assert.equal(r.out, 'dpu-gitops lint: no problems (1 file, 1 chart)\n');
});

test('--no-render runs only the static chart rules', async () => {
  const r = await lint('--no-render', '--output', 'json', `${REPO}/charts/bad`);
  const rules = JSON.parse(r.out).violations.map((v: any) => v.rule);
  assert.deepEqual(rules, ['doca-version', 'dpf-annotation', 'crds-location', 'image-pull-secrets', 'exposed-ports-default', 'exposed-ports-default']);
  assert.equal(r.code, 1);
});

test('--release-name changes the release the chart is rendered as', async () => {
  const r = await lint('--output', 'json', '--release-name', 'static', `${REPO}/charts/bad`);
  const release = JSON.parse(r.out).violations.filter((v: any) => v.rule === 'release-name');
  // "static-config" contains "static": no release-name finding any more.
  assert.deepEqual(release, []);
});

test('--messages overrides the wording from a folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lint-msg-'));
  mkdirSync(join(dir, 'messages'));
  writeFileSync(join(dir, 'messages', 'chart-unavailable.hbs'), 'no chart for {{name}}');
  const r = await lint('--messages', dir, `${REPO}/services/bad.yaml`);
  assert.match(r.out, /warning \[chart-unavailable\] DPUService dpf\/remote: no chart for remote\n/);
});

test('usage errors exit 2 with a message on stderr', async () => {
  assert.deepEqual(await lint().then((r) => [r.code, r.err.split('\n')[0]]), [2, 'error: lint needs at least one PATH']);
  assert.deepEqual(await lint('--output', 'xml', REPO).then((r) => [r.code, r.err]), [2, 'error: --output must be human, json or helm, not "xml"\n']);
  assert.deepEqual(await lint('does/not/exist').then((r) => [r.code, r.err]), [2, 'error: does/not/exist: no such file or directory\n']);
  assert.deepEqual(await lint('README.md').then((r) => [r.code, r.err]), [2, 'error: README.md: not a chart, .tgz, .yaml, .yml or .json file\n']);
  const unknown = await lint('--disable', 'nope', REPO);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /^error: --disable: unknown rule "nope" \(rules: pod-size, pod-fields, /);
  const flag = await lint('--frobnicate', REPO);
  assert.equal(flag.code, 2);
  assert.match(flag.err, /^error: Unknown option '--frobnicate'/);
});

test('--help prints usage and exits 0', async () => {
  const r = await lint('--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /^Usage: dpu-gitops lint \[flags\] PATH\.\.\./);
});

test('examples/hooks/pre-push blocks the push exactly when lint exits non-zero', async () => {
  const { execFileSync, spawnSync } = await import('node:child_process');
  const { chmodSync, writeFileSync: write } = await import('node:fs');
  const { resolve } = await import('node:path');
  const repo = mkdtempSync(join(tmpdir(), 'hook-'));
  execFileSync('git', ['init', '-q', repo]);
  const fake = join(repo, 'fake-lint.sh');
  write(fake, '#!/bin/sh\necho "args: $*"\nexit "${FAKE_EXIT:-0}"\n');
  chmodSync(fake, 0o755);
  const hook = resolve('examples/hooks/pre-push');
  const runHook = (exit: string) => spawnSync('sh', [hook], { cwd: repo, env: { ...process.env, DPU_GITOPS: fake, FAKE_EXIT: exit, DPU_GITOPS_LINT_PATHS: 'charts services' }, encoding: 'utf8' });
  const pass = runHook('0');
  assert.equal(pass.status, 0);
  assert.equal(pass.stdout, 'args: lint charts services\n');
  const blocked = runHook('1');
  assert.equal(blocked.status, 1);
  assert.equal(blocked.stderr, 'pre-push: dpu-gitops lint found errors; fix them or push with --no-verify\n');
});
