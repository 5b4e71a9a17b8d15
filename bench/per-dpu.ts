/**
 * `npm run bench` (part): per-DPU configuration at fleet scale (issues 7, 18). The HBN example
 * service (examples/services/hbn.yaml: perDPUValuesYAML with overlapping patterns, the NVUE
 * startup template, two fresh CIDR pools) over a synthetic inventory:
 *   - 1 service x 10,000 DPUs, 1 service x 100,000 DPUs, 100 services x 1,000 DPUs.
 * Each scenario runs in a fresh child process so its peak RSS is its own. Phases, as generate
 * runs them after the charts: renderPerDpu (targets, values merge, IPAM, startup render, YAML
 * check), packing into startup shards (per-dpu/shards.ts; startupConfig.shards as the shard
 * budget's error message names it for the fleet, rounded up to a power of two), and printing
 * generate's YAML stream (plugin/output.ts). Objects are the shards (the chart adds its
 * own: 1 DaemonSet for hbn-like). Targets: 100,000 DPUs under 10 s and 1 GB; 100 x 1,000 under
 * 1,000 objects per Application (shards plus one DaemonSet per service).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { setDocumentPrinter, yamlStream } from '../plugin/output.js';
import { printShard } from '../plugin/per-dpu/shard-yaml.js';
import { decodeDpuServiceIpam, decodeInventory, perDpuShards, renderPerDpu, type DpuServiceIpam, type Inventory, type PerDpuService } from '../plugin/per-dpu/index.js';

const root = process.cwd();
const TARGET_100K_MS = 10_000;
const TARGET_100K_MB = 1024;
const TARGET_OBJECTS = 1000;
/** Objects the hbn-like chart renders per service with the example's values (its DaemonSet). */
const CHART_OBJECTS = 1;

interface Scenario {
  name: string;
  services: number;
  dpus: number;
  /** startupConfig.shards: the count the shard budget names for this fleet (30 % headroom), rounded up to a power of two. */
  shards: number;
}

const SCENARIOS: Scenario[] = [
  { name: '1 service x 10,000 DPUs', services: 1, dpus: 10_000, shards: 64 },
  { name: '1 service x 100,000 DPUs', services: 1, dpus: 100_000, shards: 512 },
  { name: '100 services x 1,000 DPUs', services: 100, dpus: 1000, shards: 8 },
];

interface Measurement {
  renderMs: number;
  shardMs: number;
  streamMs: number;
  totalMs: number;
  streamBytes: number;
  shardsPerService: number;
  objects: number;
  largestShardBytes: number;
  errors: number;
  /** Shards the shard printer declined (printed by the generic printer, much slower). */
  genericShards: number;
  cpuMs: number;
  peakRssMB: number;
}

/** `n` DPUs: 40 per rack, two DPUs per host, so the example's patterns and new ones overlap. */
function inventory(n: number): Inventory {
  const dpus = [];
  for (let i = 0; i < n; i++) {
    const host = Math.floor(i / 2);
    const name = `rack${Math.floor(host / 20)}-host${host % 20}-0000-0${8 + (i % 2)}-00`;
    dpus.push({ name, labels: { role: 'hbn', rack: String(Math.floor(host / 20)) } });
  }
  return decodeInventory({ dpus }, 'bench');
}

/** The example HBN service, with patterns that fit the synthetic names and pools for 100,000 nodes. */
function services(count: number): { list: PerDpuService[]; ipams: DpuServiceIpam[] } {
  const svc = parse(readFileSync(join(root, 'examples/services/hbn.yaml'), 'utf8')) as { metadata: { name: string; namespace: string }; spec: { helmChart: { values: Record<string, unknown> }; serviceDaemonSet: Record<string, unknown> } };
  const conf = svc.spec.helmChart.values.configuration as { perDPUValuesYAML: string; startupYAMLJ2: string };
  const perDpu = `${conf.perDPUValuesYAML}${[
    '- hostnamePattern: "rack1*"',
    '  values: {bgp_autonomous_system: 65201}',
    '- hostnamePattern: "rack?-host1?-*"',
    '  values: {mtu: 9216, vlans: [10, 20, 30, 40]}',
    '- hostnamePattern: "*-0000-09-00"',
    '  values: {description: second DPU of its host}',
  ].join('\n')}\n`;
  const list: PerDpuService[] = [];
  for (let s = 0; s < count; s++) {
    list.push({
      name: `${svc.metadata.name}-${s}`,
      namespace: svc.metadata.namespace,
      values: { ...svc.spec.helmChart.values, configuration: { perDPUValuesYAML: perDpu.replace(/65111/, String(65111 + s)), startupYAMLJ2: conf.startupYAMLJ2 } },
      serviceDaemonSet: svc.spec.serviceDaemonSet,
    });
  }
  const ipams = parseAllDocuments(readFileSync(join(root, 'examples/services/ipam.yaml'), 'utf8')).map((d) => {
    const o = d.toJS() as { spec: { ipv4Network: { network: string } } };
    // room for 100,000 nodes: a /15 of loopbacks, a /10 of /29s
    o.spec.ipv4Network.network = o.spec.ipv4Network.network === '11.0.0.0/24' ? '11.0.0.0/15' : '10.0.0.0/10';
    return decodeDpuServiceIpam(o);
  });
  return { list, ipams };
}

/** Child: one scenario, printed as JSON on stdout. */
function measure(sc: Scenario): Measurement {
  const inv = inventory(sc.dpus);
  const { list, ipams } = services(sc.services);
  const t0 = performance.now();
  const renders = list.map((svc) => renderPerDpu(svc, inv, { ipams }));
  const t1 = performance.now();
  const shards = renders.flatMap((r) => perDpuShards(r, { releaseName: `dpu-cplane-tenant1-${r.service.split('/')[1]}`, namespace: 'dpf-operator-system', serviceID: r.service.split('/')[1]!, shards: sc.shards }));
  const t2 = performance.now();
  // as plugin/per-dpu-stage.ts prints them: the shard printer, the generic one where it declines
  let generic = 0;
  for (const s of shards) {
    setDocumentPrinter(s.object, () => {
      const text = printShard(s.object);
      if (text === undefined) generic++;
      return text;
    });
  }
  const stream = yamlStream(shards.map((s) => ({ comments: [`Source: per-DPU startup shard ${s.index}`], object: s.object })));
  const t3 = performance.now();
  return {
    renderMs: t1 - t0,
    shardMs: t2 - t1,
    streamMs: t3 - t2,
    totalMs: t3 - t0,
    streamBytes: Buffer.byteLength(stream),
    shardsPerService: shards.length / sc.services,
    objects: shards.length + CHART_OBJECTS * sc.services,
    largestShardBytes: Math.max(...shards.map((s) => s.bytes)),
    errors: renders.reduce((n, r) => n + r.errors.length, 0),
    genericShards: generic,
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

const fmtS = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

function main(): void {
  const idx = process.argv.indexOf('--scenario');
  if (idx !== -1) {
    process.stdout.write(JSON.stringify(measure(SCENARIOS[Number(process.argv[idx + 1])]!)));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const baseline = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS / 1024))'], { encoding: 'utf8' });
  process.stdout.write('\nPer-DPU configuration at fleet scale (issue 18): the HBN example service, startup shards, one process per scenario\n');
  process.stdout.write(`(a bare node process peaks at ${Number(baseline.stdout).toFixed(0)} MB RSS)\n\n`);
  const cols = ['render', 'shards', 'stream', 'total', 'process CPU', 'peak RSS', 'objects', 'shards/svc', 'largest shard', 'stream bytes'];
  process.stdout.write(`${'scenario'.padEnd(27)}${cols.map((c) => c.padStart(14)).join('')}\n`);
  let ok = true;
  SCENARIOS.forEach((sc, i) => {
    const r = spawnSync(process.execPath, [...process.execArgv, self, '--scenario', String(i)], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 20 });
    if (r.status !== 0) {
      process.stdout.write(`${sc.name}: failed: ${r.stderr}\n`);
      ok = false;
      return;
    }
    const m = JSON.parse(r.stdout) as Measurement;
    const cells = [fmtS(m.renderMs), fmtS(m.shardMs), fmtS(m.streamMs), fmtS(m.totalMs), fmtS(m.cpuMs), `${m.peakRssMB.toFixed(0)} MB`, String(m.objects), String(m.shardsPerService), `${(m.largestShardBytes / 1024).toFixed(0)} KiB`, `${(m.streamBytes / 1e6).toFixed(1)} MB`];
    process.stdout.write(`${sc.name.padEnd(27)}${cells.map((c) => c.padStart(14)).join('')}${m.errors ? `  ${m.errors} ERRORS` : ''}${m.genericShards ? `  ${m.genericShards} shards printed generically` : ''}\n`);
    if (m.errors) ok = false;
    if (sc.dpus === 100_000) {
      const time = m.totalMs < TARGET_100K_MS;
      const mem = m.peakRssMB < TARGET_100K_MB;
      ok &&= time && mem;
      process.stdout.write(`${''.padEnd(27)}target: < ${fmtS(TARGET_100K_MS)} ${time ? 'met' : 'MISSED'}, < ${TARGET_100K_MB} MB ${mem ? 'met' : 'MISSED'}\n`);
    }
    if (sc.services === 100) {
      const met = m.objects < TARGET_OBJECTS;
      ok &&= met;
      process.stdout.write(`${''.padEnd(27)}target: < ${TARGET_OBJECTS} objects per Application ${met ? 'met' : 'MISSED'} (shards + ${CHART_OBJECTS} chart object per service)\n`);
    }
  });
  // the layouts compared for issue 18 (bench/per-dpu-layouts.ts), in their own process
  const layouts = spawnSync(process.execPath, [...process.execArgv, self.replace(/per-dpu\.(ts|js)$/, 'per-dpu-layouts.$1')], { encoding: 'utf8', cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(layouts.stdout);
  if (layouts.status !== 0) ok = false;
  if (!ok) process.exitCode = 1;
}

main();
