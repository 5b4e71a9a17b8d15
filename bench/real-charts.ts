/**
 * Real public charts for benchmarks, assembled from git snapshots the search tool's `fetch`
 * brought onto this machine (BENCH_MIRRORS, default /work/.mirror): never committed, never
 * downloaded by the bench itself. kube-prometheus-stack is put together as `helm dependency
 * build` would: its own chart plus the subcharts its Chart.yaml names, from their repositories'
 * snapshots, each at the version the Chart.yaml pins.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RealChart {
  name: string;
  version: string;
  /** The assembled chart directory. */
  dir: string;
  /** Template files, subcharts included. */
  templates: number;
}

function mirror(root: string, repo: string): string | undefined {
  const dir = join(root, repo.replace('/', '+'), 'repo');
  return existsSync(dir) ? dir : undefined;
}

/** `git archive` of `path` at HEAD of a bare mirror, unpacked into `into` (path prefix stripped). */
function exportTree(gitDir: string, path: string, into: string): void {
  mkdirSync(into, { recursive: true });
  const depth = path.split('/').length;
  // stderr ignored: a snapshot may lack large blobs elsewhere in the tree (git names them).
  execFileSync('sh', ['-c', `git --git-dir="${gitDir}" archive HEAD "${path}" | tar -x -C "${into}" --strip-components=${depth}`], { stdio: ['ignore', 'ignore', 'ignore'] });
}

function countTemplates(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) n += countTemplates(p);
    else if (dir.split('/').includes('templates')) n += 1;
  }
  return n;
}

/** kube-prometheus-stack with kube-state-metrics, node-exporter, windows-exporter and grafana. */
export function kubePrometheusStack(workDir: string, mirrors = process.env.BENCH_MIRRORS ?? '/work/.mirror'): RealChart | string {
  const prom = mirror(mirrors, 'prometheus-community/helm-charts');
  const grafana = mirror(mirrors, 'grafana-community/helm-charts');
  if (!prom || !grafana) return `no snapshots of prometheus-community/helm-charts and grafana-community/helm-charts under ${mirrors} (fetch them with the search tool's fetch)`;
  const dir = join(workDir, 'kube-prometheus-stack');
  exportTree(prom, 'charts/kube-prometheus-stack', dir);
  for (const sub of ['kube-state-metrics', 'prometheus-node-exporter', 'prometheus-windows-exporter']) exportTree(prom, `charts/${sub}`, join(dir, 'charts', sub));
  exportTree(grafana, 'charts/grafana', join(dir, 'charts', 'grafana'));
  const chartYaml = execFileSync('sh', ['-c', `grep -m1 '^version:' "${join(dir, 'Chart.yaml')}"`]).toString();
  return { name: 'kube-prometheus-stack', version: chartYaml.replace('version:', '').trim().replace(/^"|"$/g, ''), dir, templates: countTemplates(dir) };
}
