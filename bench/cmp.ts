/**
 * `npm run bench` (after run.js): `dpu-gitops generate` on an app directory of 50 DPUServices, as
 * ArgoCD's sidecar runs it — one process per request — from a cold chart cache (a fresh cache
 * dir: every index and archive downloaded) and from a warm one (indexes inside their TTL,
 * archives by digest). Each measurement is its own child process, so the peak RSS is the
 * child's: GNU time's %M when /usr/bin/time exists, else the child's process.resourceUsage()
 * printed from an exit hook. Wall time includes node's start-up (ArgoCD pays it too).
 *
 * The services mix every chart source: the example chart directory through chart-paths, the
 * vendored archive (examples/vendor/charts), and — when scripts/test-servers can start the real
 * servers (docker-registry, htpasswd, openssl, helm) — an https Helm repository (index.yaml by
 * `helm repo index`) and the OCI registry (charts pushed by `helm push`, basic auth), three
 * chart versions each, one of them asked for by a semver constraint. Without the servers the
 * remote rows are left out and the reason printed. `--quick` runs fewer repetitions.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { missingTools, startServers, type TestServers } from '../scripts/test-servers/servers.js';

const root = process.cwd();
const cli = join(root, 'dist/cli/main.js');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 5;
const SERVICES = 50;
const ARGOCD_DEADLINE_S = 60;
const CLUSTER = 'dpu-cplane-tenant1';
const LOCAL_REF = 'https://helm.example.com/dpf/dummydpuservice-chart';
/** Versions the remote servers hold (the vendored archive is 0.1.0, so remote ones never hit it). */
const REMOTE_VERSIONS = ['0.2.0', '0.3.0', '0.4.0'];
/** What remote services ask for: exact versions and one constraint (highest match: 0.3.0). */
const REMOTE_ASKS = ['0.2.0', '0.4.0', '>=0.2.0 <0.4.0'];

type SourceKind = 'chart-path' | 'vendored' | 'https' | 'oci';

interface Sample {
  ms: number;
  rssKiB: number | undefined;
}

function dpuService(i: number, repoURL: string, version: string): string {
  const name = `svc-${String(i).padStart(2, '0')}`;
  return [
    'apiVersion: svc.dpu.nvidia.com/v1alpha1',
    'kind: DPUService',
    `metadata: {name: ${name}, namespace: bench}`,
    'spec:',
    '  helmChart:',
    `    source: {repoURL: "${repoURL}", chart: dummydpuservice-chart, version: "${version}"}`,
    `    values: {image: {repository: example.com/dpf/${name}, tag: v0.1.${i}}}`,
    `  serviceID: ${name}`,
    '  serviceDaemonSet:',
    '    labels: {bench.example.com/index: "' + i + '"}',
    '    resources: {nvidia.com/bf_sf: 1}',
    '  configPorts:',
    '    serviceType: NodePort',
    '    ports: [{name: exampletcp, port: 8080, protocol: TCP}]',
    '',
  ].join('\n');
}

/** Writes the repository copy: charts, vendored archive, 50 DPUServices. Returns the count per source. */
function writeRepo(repo: string, servers: TestServers | undefined): Map<SourceKind, number> {
  cpSync(join(root, 'examples/charts/dummydpuservice'), join(repo, 'charts/dummydpuservice'), { recursive: true });
  cpSync(join(root, 'examples/vendor/charts'), join(repo, 'vendor/charts'), { recursive: true });
  mkdirSync(join(repo, 'services'), { recursive: true });
  const kinds: SourceKind[] = servers ? ['chart-path', 'vendored', 'https', 'oci'] : ['chart-path', 'vendored'];
  const counts = new Map<SourceKind, number>();
  for (let i = 0; i < SERVICES; i++) {
    const kind = kinds[i % kinds.length]!;
    const n = counts.get(kind) ?? 0;
    counts.set(kind, n + 1);
    const ask = REMOTE_ASKS[n % REMOTE_ASKS.length]!;
    const [repoURL, version] =
      kind === 'chart-path' ? ['https://helm.example.com/dpf', '0.1.0'] :
      kind === 'vendored' ? ['https://vendored.example.com/dpf', '0.1.0'] :
      kind === 'https' ? [servers!.helmRepoURL, ask] : [servers!.ociRepoURL, ask];
    writeFileSync(join(repo, 'services', `svc-${String(i).padStart(2, '0')}.yaml`), dpuService(i, repoURL, version));
  }
  return counts;
}

/** The exit hook printing the child's peak RSS (KiB) as its last stderr line, without GNU time. */
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n'+process.resourceUsage().maxRSS+'\\n'))`;

/**
 * One `generate` child process. Throws unless it exits 0 with a DaemonSet per service. Async:
 * the https Helm repository is served from this process, so its event loop must keep running.
 */
async function generateOnce(repo: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  const args = ['generate', '--app-dir', join(repo, 'services'), '--repo-root', repo, '--cluster', CLUSTER, '--chart-path', `${LOCAL_REF}=${join(repo, 'charts/dummydpuservice')}`, '--vendor-dir', join(repo, 'vendor/charts')];
  const gnuTime = existsSync('/usr/bin/time');
  const [cmd, argv] = gnuTime ? ['/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args]] : [process.execPath, ['--import', RSS_HOOK, cli, ...args]];
  const start = performance.now();
  const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`generate failed (exit ${r.status}):\n${r.stderr.slice(-4000)}`);
  const daemonSets = (r.stdout.match(/^kind: DaemonSet$/gm) ?? []).length;
  if (daemonSets !== SERVICES) throw new Error(`generate printed ${daemonSets} DaemonSets, expected ${SERVICES}`);
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const kib = Number(last);
  return { ms, rssKiB: Number.isFinite(kib) && kib > 0 ? kib : undefined };
}

function summarize(label: string, samples: Sample[]): string[] {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rss = samples.map((s) => s.rssKiB).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const mib = (k: number | undefined): string => (k === undefined ? 'n/a' : `${(k / 1024).toFixed(1)} MiB`);
  return [label, String(samples.length), `${ms[Math.floor(ms.length / 2)]!.toFixed(0)} ms`, `${ms[ms.length - 1]!.toFixed(0)} ms`, mib(rss[Math.floor(rss.length / 2)]), mib(rss[rss.length - 1])];
}

function table(rows: string[][]): void {
  const head = ['scenario', 'runs', 'wall median', 'wall max', 'peak RSS median', 'peak RSS max'];
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  for (const r of all) console.log(`  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`);
}

async function main(): Promise<void> {
  console.log(`\nCMP generate (issue 6): dpu-gitops generate on ${SERVICES} DPUServices, one process per run`);
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  const work = mkdtempSync(join(tmpdir(), 'bench-cmp-'));
  const missing = missingTools();
  let servers: TestServers | undefined;
  if (missing === undefined) {
    const chartDirs = REMOTE_VERSIONS.map((v) => {
      const dir = join(work, `chart-${v}`);
      cpSync(join(root, 'examples/charts/dummydpuservice'), dir, { recursive: true });
      writeFileSync(join(dir, 'Chart.yaml'), readFileSync(join(dir, 'Chart.yaml'), 'utf8').replace(/^version: .*$/m, `version: ${v}`));
      return dir;
    });
    servers = await startServers(join(work, 'servers'), chartDirs);
  } else {
    console.log(`  remote sources left out: ${missing}`);
  }
  try {
    const repo = join(work, 'repo');
    const counts = writeRepo(repo, servers);
    console.log(`  sources: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}${servers ? `; remote versions asked: ${REMOTE_ASKS.map((a) => JSON.stringify(a)).join(', ')}` : ''}`);
    const env: NodeJS.ProcessEnv = { ...process.env, DPU_GITOPS_LOG_LEVEL: 'warn', DPU_GITOPS_OCI_PLAIN_HTTP: 'true' };
    if (servers) {
      const creds = join(work, 'credentials.yaml');
      writeFileSync(creds, `repositories:\n- url: ${servers.ociRepoURL}\n  username: ${servers.username}\n  password: ${JSON.stringify(servers.password)}\n`);
      env.DPU_GITOPS_CREDENTIALS = creds;
      env.DPU_GITOPS_CA_FILE = servers.caFile;
    }
    const cold: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      const cache = join(work, `cache-cold-${i}`);
      cold.push(await generateOnce(repo, { ...env, DPU_GITOPS_CACHE_DIR: cache }));
      rmSync(cache, { recursive: true, force: true });
    }
    const warmCache = join(work, 'cache-warm');
    await generateOnce(repo, { ...env, DPU_GITOPS_CACHE_DIR: warmCache });
    const warm: Sample[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await generateOnce(repo, { ...env, DPU_GITOPS_CACHE_DIR: warmCache }));
    table([summarize('cold cache', cold), summarize('warm cache', warm)]);
    const worst = Math.max(...cold.map((s) => s.ms), ...warm.map((s) => s.ms)) / 1000;
    const share = (100 * worst) / ARGOCD_DEADLINE_S;
    console.log(`  slowest run ${worst.toFixed(2)} s = ${share.toFixed(1)}% of ArgoCD's ${ARGOCD_DEADLINE_S} s deadline: ${share <= 10 ? 'well inside it' : share < 100 ? 'inside it, but not by a wide margin' : 'OVER it'}`);
    console.log(`  peak RSS via ${existsSync('/usr/bin/time') ? 'GNU time %M' : "the child's process.resourceUsage().maxRSS"}; wall time includes node start-up`);
  } finally {
    if (servers) await servers.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
