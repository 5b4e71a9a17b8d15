/**
 * `npm run bench`: the renderer as ArgoCD runs it, a fresh process per request, against real
 * helm in the same run. Each case runs our CLI and `helm template` alternately (paired, so both
 * see the same machine state) and prints the medians of wall time, CPU time (user + sys) and
 * peak RSS, and the ratio ours / helm (below 1.0: faster than helm). Then the warm figure: the
 * same chart rendered again and again in one process (the webhook's and a repeated generate's
 * case) against one helm process.
 *
 * Charts: bench/charts/operator-shaped (our own chart with DPF's dpf-operator shape: 311
 * templates, 6 subcharts, 30 CRD templates, include/toYaml/tpl-heavy helpers; 1.6 MB of output,
 * byte-identical to helm: test/differential/operator-shaped.test.ts), the example charts, and
 * `generate` on examples/. `--quick` runs fewer pairs; `--served` only the render-server cases
 * (with `node -e 0` and `--help`), the figures a served `generate` is judged by. Each served row
 * also gives the server's own time per run (from its log): the rest of the wall time is the
 * fresh client process (runtime start, loading, the socket) that ArgoCD starts per request.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderChart } from '../helm/index.js';
import { loadChartSync } from '../helm/chart/load.js';
import { helmBinary } from './helm-bin.js';
import { measureProcess, medianRun, type ProcessRun } from './process-run.js';

const root = process.cwd();
const quick = process.argv.includes('--quick');
const servedOnly = process.argv.includes('--served');
const PAIRS = quick ? 3 : 9;
// The package's bin: the bundle (scripts/bundle.mjs), as users and the image run it.
const cli = join(root, 'dist/bundle/main.js');
type Run = ProcessRun;
const measure = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run => measureProcess(cmd, args, { cwd: root, env });
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = medianRun;

const f = (ms: number): string => (Number.isNaN(ms) ? '-' : `${ms.toFixed(0)} ms`);
const mb = (kib: number): string => (Number.isNaN(kib) ? '-' : `${(kib / 1024).toFixed(0)} MB`);

function row(label: string, ours: Run, helm: Run | undefined): void {
  const ratio = helm ? (ours.wallMs / helm.wallMs).toFixed(2) : '-';
  process.stdout.write(
    `${label.padEnd(44)}${f(ours.wallMs).padStart(9)}${f(ours.cpuMs).padStart(9)}${mb(ours.rssKiB).padStart(8)}   ${helm ? f(helm.wallMs).padStart(9) : '        -'}${helm ? f(helm.cpuMs).padStart(9) : '        -'}${helm ? mb(helm.rssKiB).padStart(8) : '       -'}${ratio.padStart(8)}\n`,
  );
}

function paired(label: string, ours: string[], helmArgs: string[] | undefined, helm: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  const a: Run[] = [];
  const b: Run[] = [];
  measure(process.execPath, ours, env); // first run warms the file cache
  for (let i = 0; i < PAIRS; i++) {
    a.push(measure(process.execPath, ours, env));
    if (helm && helmArgs) b.push(measure(helm, helmArgs));
  }
  row(label, summary(a), b.length ? summary(b) : undefined);
}

function warm(label: string, chartDir: string, helm: string | undefined): void {
  const times: number[] = [];
  for (let i = 0; i < (quick ? 5 : 15); i++) {
    const chart = loadChartSync(chartDir);
    const t = performance.now();
    renderChart(chart, { releaseName: 'op', namespace: 'dpf-operator-system', values: {} });
    times.push(performance.now() - t);
  }
  const ours = median(times.slice(2));
  const helmRun = helm ? summary(Array.from({ length: quick ? 3 : 5 }, () => measure(helm, ['template', 'op', chartDir, '--namespace', 'dpf-operator-system']))) : undefined;
  process.stdout.write(`${label.padEnd(44)}${f(ours).padStart(9)}   (helm process ${helmRun ? f(helmRun.wallMs) : '-'}; ${helmRun ? `${(helmRun.wallMs / ours).toFixed(1)}x faster warm` : ''})\n`);
}

/** A repository with operator-shaped as a DPUService chart, and one with the small example chart. */
function operatorApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  cpSync(join(root, 'bench/charts/operator-shaped'), join(dir, 'charts/op'), { recursive: true });
  cpSync(join(root, 'examples/charts/dummydpuservice'), join(dir, 'charts/dummydpuservice'), { recursive: true });
  appendFileSync(join(dir, 'charts/op/Chart.yaml'), 'annotations:\n  dpu.nvidia.com/doca-version: ">= 2.9"\n');
  writeFileSync(
    join(dir, 'charts/op/templates/zz-service-daemonset.yaml'),
    'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}-service\nspec:\n  selector:\n    matchLabels:\n      app: {{ .Release.Name }}-service\n  template:\n    metadata:\n      labels:\n        app: {{ .Release.Name }}-service\n    spec:\n      containers:\n        - name: service\n          image: example.com/bench/service:v1\n',
  );
  mkdirSync(join(dir, 'services'));
  writeFileSync(
    join(dir, 'services/op.yaml'),
    'apiVersion: svc.dpu.nvidia.com/v1alpha1\nkind: DPUService\nmetadata:\n  name: op\n  namespace: dpf-operator-system\nspec:\n  helmChart:\n    source:\n      repoURL: https://helm.example.com/bench\n      chart: operator-shaped\n      version: 0.1.0\n',
  );
  mkdirSync(join(dir, 'tiny'));
  writeFileSync(
    join(dir, 'tiny/dummy.yaml'),
    'apiVersion: svc.dpu.nvidia.com/v1alpha1\nkind: DPUService\nmetadata:\n  name: dummydpuservice\n  namespace: dummydpuservice\nspec:\n  helmChart:\n    source:\n      repoURL: https://helm.example.com/dpf\n      chart: dummydpuservice-chart\n      version: 0.1.0\n',
  );
  return dir;
}

function waitForSocket(path: string): void {
  for (let i = 0; i < 200 && !existsSync(path); i++) spawnSync('sleep', ['0.05']);
  if (!existsSync(path)) throw new Error(`the render server did not listen on ${path}`);
}

const helm = helmBinary();
process.stdout.write(`\n== fresh processes, as ArgoCD runs a CMP (median of ${PAIRS} paired runs; wall, cpu, peak RSS)\n`);
process.stdout.write(`${'case'.padEnd(44)}${'ours'.padStart(9)}${'cpu'.padStart(9)}${'rss'.padStart(8)}   ${'helm'.padStart(9)}${'cpu'.padStart(9)}${'rss'.padStart(8)}${'ratio'.padStart(8)}\n`);
const operator = join(root, 'bench/charts/operator-shaped');
const examples = join(root, 'examples/charts');
if (!servedOnly) {
  paired('template operator-shaped (311 templates)', [cli, 'template', 'op', operator, '--namespace', 'dpf-operator-system'], ['template', 'op', operator, '--namespace', 'dpf-operator-system'], helm);
  paired('template dummydpuservice (example)', [cli, 'template', 'dummydpuservice', join(examples, 'dummydpuservice'), '--namespace', 'dummydpuservice', '-f', join(root, 'examples/values-dpu.yaml')], ['template', 'dummydpuservice', join(examples, 'dummydpuservice'), '--namespace', 'dummydpuservice', '-f', join(root, 'examples/values-dpu.yaml')], helm);
  paired('template hbn-like (example)', [cli, 'template', 'hbn', join(examples, 'hbn-like')], ['template', 'hbn', join(examples, 'hbn-like')], helm);
  paired(
    'generate examples/ (2 services, per-DPU)',
    [cli, 'generate', 'examples/services'],
    undefined,
    undefined,
  );
}
paired('node -e 0 (the runtime\'s own start)', ['-e', '0'], undefined, undefined);
paired('--help', [cli, '--help'], undefined, undefined);

// generate as ArgoCD runs it on an operator-sized chart: a DPUService whose chart is
// operator-shaped plus the one DaemonSet and doca-version annotation the contract asks for (so
// the run passes and prints its 1.6 MB stream), against `helm template` of the same chart.
const app = operatorApp();
const opGenerate = [cli, 'generate', '--app-dir', join(app, 'services'), '--repo-root', app, '--cluster', 'c1', '--chart-path', `https://helm.example.com/bench/operator-shaped=${join(app, 'charts/op')}`];
const opHelm = ['template', 'c1-op', join(app, 'charts/op'), '--namespace', 'dpf-operator-system'];
const tinyGenerate = [cli, 'generate', '--app-dir', join(app, 'tiny'), '--repo-root', app, '--cluster', 'dpu-cplane-tenant1', '--chart-path', `https://helm.example.com/dpf/dummydpuservice-chart=${join(app, 'charts/dummydpuservice')}`];
const tinyHelm = ['template', 'dpu-cplane-tenant1-dummydpuservice', join(app, 'charts/dummydpuservice'), '--namespace', 'dummydpuservice'];
if (!servedOnly) {
  paired('generate operator-shaped DPUService, cold', opGenerate, opHelm, helm);
  paired('generate dummydpuservice DPUService, cold', tinyGenerate, tinyHelm, helm);
}

// The same through the render server (DPU_GITOPS_RENDER_SERVER, as the sidecar manifests set
// it): each run is still a fresh `dpu-gitops generate` (or `template`) process, which forwards
// to the warm one.
const socket = join(app, 'run', 'render.sock');
const served = { ...process.env, DPU_GITOPS_RENDER_SERVER: socket, DPU_GITOPS_RENDER_SERVER_AUTOSTART: 'false' };
mkdirSync(join(app, 'run'));
const serverLog = openSync(join(app, 'run', 'server.log'), 'a');
/** The server's own milliseconds for each run it served so far (its log's `run` records). */
const serverRunMs = (): number[] =>
  readFileSync(join(app, 'run', 'server.log'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('"msg":"run"'))
    .map((l) => (JSON.parse(l) as { ms: number }).ms);
const server = spawn(process.execPath, [cli, 'render-server', '--socket', socket, '--idle-exit', '600'], { stdio: ['ignore', serverLog, serverLog] });
try {
  waitForSocket(socket);
  for (let i = 0; i < 5; i++) measure(process.execPath, opGenerate, served); // warm the worker up
  const servedRow = (label: string, ours: string[], helmArgs: string[] | undefined): void => {
    const before = serverRunMs().length;
    paired(label, ours, helmArgs, helmArgs && helm, served);
    const ms = serverRunMs().slice(before);
    process.stdout.write(`${'  the server\'s own time per run'.padEnd(44)}${f(ms.length ? median(ms) : NaN).padStart(9)}   (${ms.length} of ${PAIRS + 1} runs served)\n`);
  };
  servedRow('generate operator-shaped, render server', opGenerate, opHelm);
  servedRow('generate dummydpuservice, render server', tinyGenerate, tinyHelm);
  servedRow('generate examples/, render server', [cli, 'generate', 'examples/services'], undefined);
  // `template` forwards the same way when DPU_GITOPS_RENDER_SERVER is set (the sidecar's environment).
  for (let i = 0; i < 3; i++) measure(process.execPath, [cli, 'template', 'op', operator, '--namespace', 'dpf-operator-system'], served);
  servedRow('template operator-shaped, render server', [cli, 'template', 'op', operator, '--namespace', 'dpf-operator-system'], ['template', 'op', operator, '--namespace', 'dpf-operator-system']);
  servedRow(
    'template dummydpuservice, render server',
    [cli, 'template', 'dummydpuservice', join(examples, 'dummydpuservice'), '--namespace', 'dummydpuservice', '-f', join(root, 'examples/values-dpu.yaml')],
    ['template', 'dummydpuservice', join(examples, 'dummydpuservice'), '--namespace', 'dummydpuservice', '-f', join(root, 'examples/values-dpu.yaml')],
  );
} finally {
  server.kill('SIGTERM');
}
process.stdout.write(`\n== warm: renderChart again and again in one process (median)\n`);
warm('operator-shaped (311 templates)', operator, helm);
