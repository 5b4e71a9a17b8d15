/**
 * `npm run bench` — lint against real `helm lint` in the same run, on bench/charts/operator-shaped
 * (our chart with dpf-operator's shape: 311 templates, 6 subcharts, 30 CRD templates).
 *
 * Fresh processes, paired (ours, then helm, N times; medians of wall, CPU and peak RSS through GNU
 * time), as CI runs them:
 *   - `dpu-gitops lint --format helm` (helm lint's checks only; its output is compared with helm's
 *     byte for byte first) against `helm lint`;
 *   - `dpu-gitops lint --output json` (DPF rules + helm lint + strict Kubernetes schema validation
 *     of every rendered object) against `helm lint` (helm has no schema check of its own).
 * Then warm, in one process: helm lint's checks, and the schema validation of the rendered objects
 * alone, repeated (median), with the heap they leave in use.
 * `--quick` runs fewer pairs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintChartPath } from '../contract/helm-lint/lint-chart.js';
import { chartCheckFindings } from '../contract/lint/chart-checks.js';
import { helmBinary } from './helm-bin.js';
import { measureProcess, medianRun, type ProcessRun } from './process-run.js';

const root = process.cwd();
const quick = process.argv.includes('--quick');
const PAIRS = quick ? 3 : 7;
const cli = join(root, 'dist/bundle/main.js');
const chart = join(root, 'bench/charts/operator-shaped');
const helmHome = mkdtempSync(join(tmpdir(), 'bench-lint-helm-'));
const helmEnv = { ...process.env, HELM_CONFIG_HOME: join(helmHome, 'c'), HELM_CACHE_HOME: join(helmHome, 'k'), HELM_DATA_HOME: join(helmHome, 'd') };

type Run = ProcessRun;
/** lint exits 1 on findings, which is not a failure here. */
const measure = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run => measureProcess(cmd, args, { cwd: root, env, okExit: [0, 1] });
const summary = medianRun;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f = (ms: number): string => (Number.isNaN(ms) ? '-' : `${ms.toFixed(0)} ms`);
const mb = (kib: number): string => (Number.isNaN(kib) ? '-' : `${(kib / 1024).toFixed(0)} MB`);

function paired(label: string, ours: string[], helm: string | undefined): void {
  const a: Run[] = [];
  const b: Run[] = [];
  measure(process.execPath, ours);
  for (let i = 0; i < PAIRS; i++) {
    a.push(measure(process.execPath, ours));
    if (helm) b.push(measure(helm, ['lint', chart], helmEnv));
  }
  const o = summary(a);
  const h = b.length > 0 ? summary(b) : undefined;
  const ratio = h ? (o.wallMs / h.wallMs).toFixed(2) : '-';
  process.stdout.write(
    `${label.padEnd(46)}${f(o.wallMs).padStart(9)}${f(o.cpuMs).padStart(9)}${mb(o.rssKiB).padStart(8)}   ${h ? f(h.wallMs).padStart(9) : '        -'}${h ? f(h.cpuMs).padStart(9) : '        -'}${h ? mb(h.rssKiB).padStart(8) : '       -'}${ratio.padStart(8)}\n`,
  );
}

function warm(label: string, fn: () => unknown, runs: number): void {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  const heap = process.memoryUsage().heapUsed / (1 << 20);
  process.stdout.write(`${label.padEnd(58)}${f(median(times.slice(2))).padStart(9)}   (heap in use after: ${heap.toFixed(0)} MB)\n`);
}

const helm = helmBinary();
if (helm) {
  const ours = spawnSync(process.execPath, [cli, 'lint', '--format', 'helm', chart], { encoding: 'utf8', cwd: root });
  const theirs = spawnSync(helm, ['lint', chart], { encoding: 'utf8', cwd: root, env: helmEnv });
  const same = ours.stdout === theirs.stdout && ours.stderr === theirs.stderr && ours.status === theirs.status;
  process.stdout.write(`\n== lint operator-shaped: --format helm output identical to helm lint's: ${same ? 'yes' : 'NO'}\n`);
}
process.stdout.write(`== fresh processes (median of ${PAIRS} paired runs; wall, cpu, peak RSS)\n`);
process.stdout.write(`${'case'.padEnd(46)}${'ours'.padStart(9)}${'cpu'.padStart(9)}${'rss'.padStart(8)}   ${'helm lint'.padStart(9)}${'cpu'.padStart(9)}${'rss'.padStart(8)}${'ratio'.padStart(8)}\n`);
paired('lint --format helm (helm lint checks)', [cli, 'lint', '--format', 'helm', chart], helm);
paired('lint --output json (+DPF rules, +kube-schema)', [cli, 'lint', '--output', 'json', chart], helm);

process.stdout.write(`\n== warm, in one process (median)\n`);
const runs = quick ? 5 : 12;
const base = { values: new Map(), namespace: 'default', kubeVersion: '', skipSchemaValidation: false, log: () => {} };
warm('helm lint checks (load, render in lint mode, rules)', () => lintChartPath(chart, base), runs);
warm('helm lint checks + strict schema validation', () => chartCheckFindings([chart], { ...base, strict: false, withSubcharts: false, kubeSchema: 'strict', unknownKinds: 'warning' }), runs);
