/**
 * `npm run bench` (part): `dpu-gitops diff` on a change to 1 of 50 DPUServices on 1,000 DPUs.
 * A git repository in a temp dir: 50 HBN-like DPUServices, each with per-DPU values and a
 * startup template over an inventory of 1,000 DPUs (50,000 startup configs per side); the head
 * commit changes one service's ASN for the DPUs matching `worker0[0-5]*` (worker0[0-5]*: 600 of them). Each run is a
 * fresh child process (cli/diff run(), JSON format): with the render cache (49 services rendered
 * once for both sides) and without it (every service rendered twice). Also measured: bringing a
 * revision out as a directory by `git archive | tar -x` (what diff uses) and by
 * `git worktree add --detach` (and remove), 5 runs each, median.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SERVICES = 50;
const DPUS = 1000;
const CHANGED = 17;
const NS = 'dpf-operator-system';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
function git(repo: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: GIT_ENV });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

const STARTUP = '- set:\n    system:\n      hostname: {{ hostname }}\n    interface:\n      lo:\n        ip:\n          address:\n            {{ ipaddresses.ip_lo.cidr }}: {}\n    router:\n      bgp:\n        autonomous-system: {{ config.asn }}\n';
const NETWORKS = '[{"name": "iprequest", "interface": "ip_lo", "cni-args": {"poolNames": ["loopback"], "poolType": "cidrpool"}}]';

function service(i: number, asn: number): string {
  const values = `- hostnamePattern: "*"\n  values: {asn: ${65000 + i}}\n- hostnamePattern: "worker0[0-5]*"\n  values: {asn: ${asn}}\n`;
  const doc = {
    apiVersion: 'svc.dpu.nvidia.com/v1alpha1',
    kind: 'DPUService',
    metadata: { name: `hbn-${i}`, namespace: NS },
    spec: {
      serviceID: `hbn-${i}`,
      helmChart: { source: { repoURL: 'https://helm.example.com/dpf', version: '0.1.0', chart: 'hbn-like-chart' }, values: { configuration: { perDPUValuesYAML: values, startupYAMLJ2: STARTUP } } },
      serviceDaemonSet: { annotations: { 'k8s.v1.cni.cncf.io/networks': NETWORKS } },
    },
  };
  return JSON.stringify(doc, null, 1);
}

export function writeRepo(root: string, examples: string): void {
  cpSync(join(examples, 'charts/hbn-like'), join(root, 'charts/hbn-like'), { recursive: true });
  const dpus = Array.from({ length: DPUS }, (_, i) => `  - name: worker${String(i).padStart(4, '0')}-0000-08-00\n`);
  writeFileSync(join(root, 'inventory.yaml'), `kind: DPUInventory\ndpus:\n${dpus.join('')}`);
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app', 'ipam.yaml'), JSON.stringify({ apiVersion: 'svc.dpu.nvidia.com/v1alpha1', kind: 'DPUServiceIPAM', metadata: { name: 'loopback', namespace: NS }, spec: { ipv4Network: { network: '11.0.0.0/20', prefixSize: 32 } } }));
  for (let i = 0; i < SERVICES; i++) writeFileSync(join(root, 'app', `hbn-${i}.yaml`), service(i, 65500 + i));
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  writeFileSync(join(root, 'app', `hbn-${CHANGED}.yaml`), service(CHANGED, 65999));
  git(root, 'commit', '-q', '-am', 'one service: asn of the 600 worker0[0-5]* DPUs');
}

interface Measurement {
  code: number;
  wallMs: number;
  cpuMs: number;
  peakRssMB: number;
  rendered: number;
  reused: number;
  changedDpus: number;
  err: string;
}

async function child(repo: string, reuse: boolean): Promise<void> {
  const { run } = await import('../cli/diff.js');
  const { captureIO } = await import('../cli/io.js');
  const io = captureIO();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const env = { DPU_GITOPS_LOG_LEVEL: 'silent', DPU_GITOPS_CACHE_DIR: join(repo, '..', '.cache') };
  const code = await run([...(reuse ? [] : ['--no-render-reuse']), 'app', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', '--cluster', 'dpu-cplane', '--inventory', 'inventory.yaml', '--chart-path', 'https://helm.example.com/dpf/hbn-like-chart=charts/hbn-like'], io, { cwd: repo, env });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  let rendered = 0;
  let reused = 0;
  let changedDpus = 0;
  if (code <= 1) {
    const report = JSON.parse(io.out()) as { renders: { rendered: number; reused: number }; services: { perDpu?: { groups: { count: number }[] } }[] };
    ({ rendered, reused } = report.renders);
    changedDpus = report.services.reduce((n, s) => n + (s.perDpu?.groups.reduce((m, g) => m + g.count, 0) ?? 0), 0);
  }
  const m: Measurement = { code, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024, rendered, reused, changedDpus, err: code <= 1 ? '' : io.err().slice(0, 2000) };
  process.stdout.write(JSON.stringify(m));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function treeTimings(repo: string): { archiveMs: number; worktreeMs: number } {
  const archive: number[] = [];
  const worktree: number[] = [];
  for (let i = 0; i < 5; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-diff-tree-'));
    let t0 = performance.now();
    const tar = spawnSync('git', ['archive', '--format=tar', 'HEAD~1'], { cwd: repo, maxBuffer: 1 << 30 });
    spawnSync('tar', ['-x', '-f', '-', '-C', dir], { input: tar.stdout });
    rmSync(dir, { recursive: true, force: true });
    archive.push(performance.now() - t0);
    t0 = performance.now();
    const wt = join(dir, 'wt');
    git(repo, 'worktree', 'add', '--detach', '--quiet', wt, 'HEAD~1');
    git(repo, 'worktree', 'remove', '--force', wt);
    rmSync(dir, { recursive: true, force: true });
    worktree.push(performance.now() - t0);
  }
  return { archiveMs: median(archive), worktreeMs: median(worktree) };
}

function main(): void {
  const idx = process.argv.indexOf('--child');
  if (idx >= 0) {
    void child(process.argv[idx + 1]!, process.argv[idx + 2] === 'reuse');
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const root = mkdtempSync(join(tmpdir(), 'bench-diff-'));
  const repo = join(root, 'repo');
  mkdirSync(repo);
  try {
    writeRepo(repo, join(process.cwd(), 'examples'));
    const t = treeTimings(repo);
    process.stdout.write(`diff, 1 of ${SERVICES} per-DPU DPUServices changed, ${DPUS} DPUs (${SERVICES * DPUS} startup configs a side)\n`);
    process.stdout.write(`  a revision as a directory: git archive | tar -x ${t.archiveMs.toFixed(0)} ms, git worktree add + remove ${t.worktreeMs.toFixed(0)} ms (median of 5)\n`);
    for (const mode of ['reuse', 'no-reuse']) {
      const r = spawnSync(process.execPath, [...process.execArgv, self, '--child', repo, mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (r.status !== 0) {
        process.stdout.write(`diff bench failed: ${r.stderr}\n`);
        process.exitCode = 1;
        return;
      }
      const m = JSON.parse(r.stdout) as Measurement;
      process.stdout.write(`  ${mode === 'reuse' ? 'render cache on ' : 'render cache off'}: exit ${m.code}  wall ${(m.wallMs / 1000).toFixed(2)} s  cpu ${(m.cpuMs / 1000).toFixed(2)} s  peak RSS ${m.peakRssMB.toFixed(0)} MB  renders ${m.rendered} (${m.reused} reused)  DPUs changed ${m.changedDpus}\n`);
      if (m.code > 1) {
        process.stdout.write(m.err);
        process.exitCode = 1;
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
