/**
 * `npm run bench` (part): per-DPU rendering at scale (issue 7). The HBN example service
 * (examples/services/hbn.yaml: perDPUValuesYAML with overlapping patterns, the NVUE startup
 * template, two fresh CIDR pools) over a synthetic inventory:
 *   - 1 service x 1,000 DPUs, 1 service x 10,000 DPUs, 50 services x 1,000 DPUs.
 * Each scenario runs in a fresh child process so its peak RSS is its own; time covers
 * renderPerDpu (targets, values merge, IPAM, startup render, YAML check); then the ConfigMaps
 * are built and printed as generate prints its stream (plugin/output.ts), timed apart.
 * Targets: 10,000 DPUs under 1 s of startup rendering and under 300 MB.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { yamlStream } from '../plugin/output.js';
import { decodeDpuServiceIpam, decodeInventory, perDpuConfigMaps, renderPerDpu, type DpuServiceIpam, type Inventory, type PerDpuService } from '../plugin/per-dpu/index.js';

const root = process.cwd();
const TARGET_MS = 1000;
const TARGET_MB = 300;

interface Scenario {
  name: string;
  services: number;
  dpus: number;
}

const SCENARIOS: Scenario[] = [
  { name: '1 service x 1,000 DPUs', services: 1, dpus: 1000 },
  { name: '1 service x 10,000 DPUs', services: 1, dpus: 10_000 },
  { name: '50 services x 1,000 DPUs', services: 50, dpus: 1000 },
];

interface Measurement {
  renderMs: number;
  configMapsMs: number;
  streamMs: number;
  streamMB: number;
  startupBytes: number;
  configMaps: number;
  errors: number;
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

/** The example HBN service, with patterns that fit the synthetic names and big enough pools. */
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
    // room for 10,000 nodes: a /16 of loopbacks, a /12 of /29s
    o.spec.ipv4Network.network = o.spec.ipv4Network.network === '11.0.0.0/24' ? '11.0.0.0/16' : '10.0.0.0/12';
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
  const objects = renders.flatMap((r) => perDpuConfigMaps(r, { releaseName: `dpu-cplane-tenant1-${r.service.split('/')[1]}`, namespace: 'dpf-operator-system', serviceID: r.service }));
  const t2 = performance.now();
  const stream = yamlStream(objects.map((object) => ({ comments: [], object })));
  const t3 = performance.now();
  let startupBytes = 0;
  for (const r of renders) for (const d of r.perDpu) startupBytes += d.startupConfig?.length ?? 0;
  return {
    renderMs: t1 - t0,
    configMapsMs: t2 - t1,
    streamMs: t3 - t2,
    streamMB: stream.length / 1e6,
    startupBytes,
    configMaps: objects.length,
    errors: renders.reduce((n, r) => n + r.errors.length, 0),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

function main(): void {
  const idx = process.argv.indexOf('--scenario');
  if (idx !== -1) {
    process.stdout.write(JSON.stringify(measure(SCENARIOS[Number(process.argv[idx + 1])]!)));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const baseline = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS / 1024))'], { encoding: 'utf8' });
  process.stdout.write('\nPer-DPU rendering (issue 7): the HBN example service, fresh CIDR pools, one process per scenario\n');
  process.stdout.write(`(a bare node process peaks at ${Number(baseline.stdout).toFixed(0)} MB RSS)\n\n`);
  process.stdout.write(`${'scenario'.padEnd(26)} ${'render'.padStart(10)} ${'per DPU'.padStart(9)} ${'ConfigMaps'.padStart(11)} ${'YAML stream'.padStart(12)} ${'peak RSS'.padStart(10)}  startup output\n`);
  let ok = true;
  SCENARIOS.forEach((sc, i) => {
    const r = spawnSync(process.execPath, [...process.execArgv, self, '--scenario', String(i)], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 20 });
    if (r.status !== 0) {
      process.stdout.write(`${sc.name}: failed: ${r.stderr}\n`);
      ok = false;
      return;
    }
    const m = JSON.parse(r.stdout) as Measurement;
    const perDpuUs = (m.renderMs * 1000) / (sc.services * sc.dpus);
    process.stdout.write(
      `${sc.name.padEnd(26)} ${`${m.renderMs.toFixed(0)} ms`.padStart(10)} ${`${perDpuUs.toFixed(0)} µs`.padStart(9)} ${`${m.configMapsMs.toFixed(0)} ms`.padStart(11)} ${`${m.streamMs.toFixed(0)} ms`.padStart(12)} ${`${m.peakRssMB.toFixed(0)} MB`.padStart(10)}  ${m.configMaps} configs, ${(m.startupBytes / 1e6).toFixed(1)} MB (stream ${m.streamMB.toFixed(1)} MB)${m.errors ? `, ${m.errors} ERRORS` : ''}\n`,
    );
    if (m.errors) ok = false;
    if (sc.services === 1 && sc.dpus === 10_000) {
      const time = m.renderMs < TARGET_MS;
      const mem = m.peakRssMB < TARGET_MB;
      ok &&= time && mem;
      process.stdout.write(`${''.padEnd(26)} target: render < ${TARGET_MS} ms ${time ? 'met' : 'MISSED'}, peak < ${TARGET_MB} MB ${mem ? 'met' : 'MISSED'}\n`);
    }
  });
  if (!ok) process.exitCode = 1;
}

main();
