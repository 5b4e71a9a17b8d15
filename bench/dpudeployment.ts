/**
 * `npm run bench` (part): DPUDeployments at fleet scale (issue 13). One app directory with 20
 * DPUDeployments x 3 services (an HBN-like service with per-DPU startup configs and two dummy
 * services, the example charts), 60 templates and configurations, a BFB with spec.versions and
 * an inventory of 1,000 DPUs; each DPUDeployment's dpuSet picks its own 50 DPUs (label `pool`).
 * `generate` (cli/generate run(), in a fresh child process so peak RSS is its own) composes the
 * 60 DPUServices, version-matches and renders their charts, renders 1,000 startup configs and
 * prints one stream. Reported: wall time, process CPU, peak RSS, stream size and object count.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const DEPLOYMENTS = 20;
const DPUS = 1000;
const PER_DEPLOYMENT = DPUS / DEPLOYMENTS;
const NS = 'dpf-operator-system';

const yaml = (o: unknown) => JSON.stringify(o, null, 1);

/** Writes the repository: charts/, inventory.yaml and app/ with every input. */
function writeRepo(root: string, examples: string): string {
  cpSync(join(examples, 'charts/hbn-like'), join(root, 'charts/hbn-like'), { recursive: true });
  cpSync(join(examples, 'charts/dummydpuservice'), join(root, 'charts/dummydpuservice'), { recursive: true });
  const dpus = Array.from({ length: DPUS }, (_, i) => `  - name: worker${String(i).padStart(4, '0')}-0000-08-00\n    labels: {pool: p${Math.floor(i / PER_DEPLOYMENT)}}\n`);
  writeFileSync(join(root, 'inventory.yaml'), `kind: DPUInventory\ndpus:\n${dpus.join('')}`);
  const app = join(root, 'app');
  mkdirSync(app);
  const docs: unknown[] = [
    { apiVersion: 'provisioning.dpu.nvidia.com/v1alpha1', kind: 'BFB', metadata: { name: 'bf-bundle', namespace: NS }, spec: { url: 'https://example.com/bf.bfb', versions: { bsp: '4.9.1', doca: '2.9.1', uefi: '4.9.1', atf: '4.9.1' } } },
    { apiVersion: 'provisioning.dpu.nvidia.com/v1alpha1', kind: 'DPUFlavor', metadata: { name: 'flavor', namespace: NS }, spec: {} },
    { apiVersion: 'svc.dpu.nvidia.com/v1alpha1', kind: 'DPUServiceIPAM', metadata: { name: 'loopback', namespace: NS }, spec: { ipv4Network: { network: '11.0.0.0/20', prefixSize: 32 } } },
    { apiVersion: 'svc.dpu.nvidia.com/v1alpha1', kind: 'DPUServiceIPAM', metadata: { name: 'pool1', namespace: NS }, spec: { ipv4Network: { network: '10.0.0.0/16', gatewayIndex: 3, prefixSize: 29 } } },
  ];
  const startup = '- set:\n    system:\n      hostname: {{ hostname }}\n    interface:\n      lo:\n        ip:\n          address:\n            {{ ipaddresses.ip_lo.cidr }}: {}\n      pf2dpu2_if:\n        ip:\n          address:\n            {{ ipaddresses.ip_pf2dpu2.cidr }}: {}\n    router:\n      bgp:\n        autonomous-system: {{ config.asn }}\n';
  const networks = '[{"name": "iprequest", "interface": "ip_lo", "cni-args": {"poolNames": ["loopback"], "poolType": "cidrpool"}}, {"name": "iprequest", "interface": "ip_pf2dpu2", "cni-args": {"poolNames": ["pool1"], "poolType": "cidrpool", "allocateDefaultGateway": true}}]';
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const services: Record<string, unknown> = {};
    for (const [svc, chart] of [['hbn', 'hbn-like-chart'], ['dts', 'dummydpuservice-chart'], ['blueman', 'dummydpuservice-chart']] as const) {
      const name = `d${d}-${svc}`;
      docs.push({ apiVersion: 'svc.dpu.nvidia.com/v1alpha1', kind: 'DPUServiceTemplate', metadata: { name, namespace: NS }, spec: { deploymentServiceName: svc, helmChart: { source: { repoURL: 'https://helm.example.com/dpf', version: '0.1.0', chart } } } });
      const sc: Record<string, unknown> = { helmChart: { values: { note: `deployment ${d}` } } };
      if (svc === 'hbn') {
        sc.helmChart = { values: { configuration: { perDPUValuesYAML: `- hostnamePattern: "*"\n  values: {asn: ${65000 + d}}\n`, startupYAMLJ2: startup } } };
        sc.serviceDaemonSet = { annotations: { 'k8s.v1.cni.cncf.io/networks': networks } };
      }
      docs.push({ apiVersion: 'svc.dpu.nvidia.com/v1alpha1', kind: 'DPUServiceConfiguration', metadata: { name, namespace: NS }, spec: { deploymentServiceName: svc, serviceConfiguration: sc } });
      services[svc] = { serviceTemplate: name, serviceConfiguration: name };
    }
    docs.push({
      apiVersion: 'svc.dpu.nvidia.com/v1alpha1',
      kind: 'DPUDeployment',
      metadata: { name: `dep-${d}`, namespace: NS },
      spec: { dpus: { bfb: 'bf-bundle', flavor: 'flavor', nodeEffect: { noEffect: true }, dpuSetStrategy: { type: 'RollingUpdate' }, dpuSets: [{ nameSuffix: 'set', dpuNodeSelector: { matchLabels: { pool: `p${d}` } } }] }, services },
    });
  }
  writeFileSync(join(app, 'inputs.yaml'), docs.map(yaml).join('\n---\n'));
  return app;
}

interface Measurement {
  code: number;
  wallMs: number;
  cpuMs: number;
  peakRssMB: number;
  streamBytes: number;
  objects: number;
  err: string;
}

async function child(app: string): Promise<void> {
  const { run } = await import('../cli/generate.js');
  const { captureIO } = await import('../cli/io.js');
  const io = captureIO();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const code = await run(['--log-level', 'silent'], io, {
    cwd: app,
    env: {
      ARGOCD_APP_SOURCE_PATH: 'app',
      ARGOCD_APP_NAMESPACE: NS,
      ARGOCD_APP_PARAMETERS: JSON.stringify([
        { name: 'cluster', string: 'dpu-cplane' },
        { name: 'inventory', string: '../inventory.yaml' },
        { name: 'chart-paths', map: { 'https://helm.example.com/dpf/hbn-like-chart': '../charts/hbn-like', 'https://helm.example.com/dpf/dummydpuservice-chart': '../charts/dummydpuservice' } },
      ]),
      DPU_GITOPS_CACHE_DIR: join(app, '..', '.cache'),
    },
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const out = io.out();
  const m: Measurement = { code, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024, streamBytes: Buffer.byteLength(out), objects: (out.match(/^kind: /gm) ?? []).length, err: code === 0 ? '' : io.err().slice(0, 2000) };
  process.stdout.write(JSON.stringify(m));
}

function main(): void {
  const idx = process.argv.indexOf('--child');
  if (idx >= 0) {
    void child(process.argv[idx + 1]!);
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const examples = join(process.cwd(), 'examples');
  const root = mkdtempSync(join(tmpdir(), 'bench-dpudeployment-'));
  try {
    const app = writeRepo(root, examples);
    const r = spawnSync(process.execPath, [...process.execArgv, self, '--child', app], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) {
      process.stdout.write(`dpudeployment bench failed: ${r.stderr}\n`);
      process.exitCode = 1;
      return;
    }
    const m = JSON.parse(r.stdout) as Measurement;
    process.stdout.write(`generate, ${DEPLOYMENTS} DPUDeployments x 3 services x ${DPUS} DPUs (${DEPLOYMENTS * 3} DPUServices, ${DPUS} startup configs)\n`);
    process.stdout.write(`  exit ${m.code}  wall ${(m.wallMs / 1000).toFixed(2)} s  cpu ${(m.cpuMs / 1000).toFixed(2)} s  peak RSS ${m.peakRssMB.toFixed(0)} MB  objects ${m.objects}  stream ${(m.streamBytes / 1e6).toFixed(2)} MB\n`);
    if (m.code !== 0) {
      process.stdout.write(m.err);
      process.exitCode = 1;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
