/**
 * Warm render of one chart, many times in one process (the render server's and the webhook's
 * case), with the figures that tell where time goes: median renderChart wall time, and the share
 * of it spent in garbage collection (PerformanceObserver 'gc' entries that fall inside the timed
 * renders). CPU time (user + sys) is printed too: on a shared machine it moves less than wall time. Checks first that the chart still renders helm's bytes (the recorded digest), so a
 * faster but wrong renderer never reports a number.
 *
 *   node dist/bench/warm-profile.js [--runs N] [--chart DIR]
 *   node --cpu-prof dist/bench/warm-profile.js        (profile the same loop)
 *   node dist/bench/warm-profile.js --alloc           (also: bytes allocated per render, sampled)
 *
 * Defaults: bench/charts/operator-shaped, 20 timed runs after 3 untimed warm-up runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { renderChart, renderTemplateCommand } from '../helm/index.js';
import { loadChartSync } from '../helm/chart/load.js';
import { goStringToBytes } from '../helm/template/gostring.js';

const root = process.cwd();
const argValue = (flag: string): string | undefined => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(argValue('--runs') ?? 20);
const chartDir = argValue('--chart') ?? join(root, 'bench/charts/operator-shaped');
const namespace = 'dpf-operator-system';
const alloc = process.argv.includes('--alloc');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The recorded helm digest of the chart, when there is one next to it. */
function checkDigest(): string {
  const record = `${chartDir}.helm-v3.17.3.sha256`;
  if (!existsSync(record)) return 'no recorded digest';
  const [digest, size] = readFileSync(record, 'utf8').trim().split(' ');
  const result = renderTemplateCommand({
    args: ['op', chartDir], namespace, includeCrds: false, skipTests: false, noHooks: false, isUpgrade: false,
    skipSchemaValidation: false, subNotes: false, kubeVersion: '', apiVersions: [], showOnly: [],
    valueFiles: [], set: [], setString: [], setJson: [], setFile: [], setLiteral: [],
  });
  const bytes = goStringToBytes(result.stdout);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== digest || bytes.length !== Number(size)) {
    throw new Error(`output differs from helm's: sha256 ${actual} (${bytes.length} bytes), recorded ${digest} (${size} bytes)`);
  }
  return 'digest matches helm v3.17.3';
}

const gcPauses: { start: number; end: number; major: boolean }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = ((e as unknown as { detail?: { kind?: number } }).detail)?.kind;
    gcPauses.push({ start: e.startTime, end: e.startTime + e.duration, major: kind === constants.NODE_PERFORMANCE_GC_MAJOR });
  }
});
observer.observe({ entryTypes: ['gc'] });

process.stdout.write(`${checkDigest()}\n`);
const spans: { start: number; end: number }[] = [];
const cpuTimes: number[] = [];
for (let i = 0; i < runs + 3; i++) {
  const chart = loadChartSync(chartDir);
  const cpu = process.cpuUsage();
  const start = performance.now();
  renderChart(chart, { releaseName: 'op', namespace, values: {} });
  const end = performance.now();
  const used = process.cpuUsage(cpu);
  if (i >= 3) {
    spans.push({ start, end });
    cpuTimes.push((used.user + used.system) / 1000);
  }
}
/**
 * Bytes allocated by renders, collected or not (V8's sampling heap profiler keeping collected
 * samples): unlike time, it does not move with the machine's load.
 */
async function allocatedPerRender(samples: number): Promise<number> {
  const charts = Array.from({ length: samples }, () => loadChartSync(chartDir));
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true,
  });
  for (const chart of charts) renderChart(chart, { releaseName: 'op', namespace, values: {} });
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  let total = 0;
  const visit = (node: (typeof profile)['head']): void => {
    total += node.selfSize;
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  return total / samples;
}

// GC entries are delivered asynchronously: let the observer drain before summing.
setTimeout(() => {
  observer.disconnect();
  const times = spans.map((s) => s.end - s.start);
  let gc = 0;
  let minor = 0;
  let major = 0;
  for (const s of spans) {
    for (const p of gcPauses) {
      const overlap = Math.min(p.end, s.end) - Math.max(p.start, s.start);
      if (overlap <= 0) continue;
      gc += overlap;
      if (p.major) major++;
      else minor++;
    }
  }
  const total = times.reduce((a, b) => a + b, 0);
  const sorted = [...times].sort((a, b) => a - b);
  process.stdout.write(
    `warm renderChart x${runs}: median ${median(times).toFixed(1)} ms (min ${sorted[0]!.toFixed(1)}, max ${sorted[sorted.length - 1]!.toFixed(1)}), cpu median ${median(cpuTimes).toFixed(1)} ms; GC ${(100 * gc / total).toFixed(1)}% of render time (${(minor / runs).toFixed(1)} minor, ${(major / runs).toFixed(1)} major GCs per render)\n`,
  );
  if (alloc) {
    void allocatedPerRender(5).then((bytes) => process.stdout.write(`allocated per render (sampled): ${(bytes / 1024 / 1024).toFixed(0)} MiB\n`));
  }
}, 50);
