// Runs ../shared/tools/cmp-emulator (ArgoCD's CMP v2 server and manifest parsing, emulated)
// against this checkout's CLI with the plugin.yaml the sidecar mounts. `skip` says why not when
// python3 + PyYAML or the emulator are absent.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = new URL('../../..', import.meta.url).pathname;
const EMULATOR = join(ROOT, '..', 'shared', 'tools', 'cmp-emulator', 'cmp_emulate.py');
const python = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
export const skip: string | false = !existsSync(EMULATOR) ? `cmp-emulator not found at ${EMULATOR}` : python.status !== 0 ? 'python3 with PyYAML is not installed' : false;

/** manifests/cmp/plugin-configmap.yaml's plugin.yaml with /usr/local/bin/dpu-gitops replaced by this checkout's CLI. */
function pluginYaml(dir: string): string {
  const cli = `node, --import, ${join(ROOT, 'node_modules/tsx/dist/loader.mjs')}, ${join(ROOT, 'test/plugin/helpers/cli.ts')}`;
  const configMap = parse(readFileSync(join(ROOT, 'manifests/cmp/plugin-configmap.yaml'), 'utf8')) as { data: { 'plugin.yaml': string } };
  const path = join(dir, 'plugin.yaml');
  writeFileSync(path, configMap.data['plugin.yaml'].replace(/\[\/usr\/local\/bin\/dpu-gitops, /g, `[${cli}, `));
  return path;
}

/** The sidecar's stderr format as the install manifests set it (what ArgoCD's UI shows). */
const SIDECAR_LOG_FORMAT = (() => {
  const m = /- name: DPU_GITOPS_LOG_FORMAT\n\s+value: (\S+)/.exec(readFileSync(join(ROOT, 'manifests/cmp/repo-server-patch.yaml'), 'utf8'));
  if (!m) throw new Error('manifests/cmp/repo-server-patch.yaml sets no DPU_GITOPS_LOG_FORMAT');
  return m[1]!;
})();

/** The emulator's exit code and JSON report. */
export function emulate(args: string[]): { code: number | null; report: Record<string, unknown> } {
  const work = mkdtempSync(join(tmpdir(), 'dpu-emu-cfg-'));
  const r = spawnSync('python3', [EMULATOR, '--plugin-yaml', pluginYaml(work), '--copy-mode', 'all', '--timeout', '60', '--sidecar-env', `DPU_GITOPS_CACHE_DIR=${join(work, 'cache')}`, '--sidecar-env', `DPU_GITOPS_LOG_FORMAT=${SIDECAR_LOG_FORMAT}`, ...args], { encoding: 'utf8' });
  return { code: r.status, report: JSON.parse(r.stdout) as Record<string, unknown> };
}
