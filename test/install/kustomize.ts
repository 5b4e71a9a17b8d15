/** Real kustomize for the install tests: kubectl's built-in `kubectl kustomize`. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ARGOCD_INSTALL_YAML = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'argocd', 'install-v3.5.1.yaml');

let probed: string | false | undefined;

/** false when kubectl runs; otherwise why the kustomize tests skip. */
export function kustomizeMissing(): string | false {
  if (probed === undefined) {
    const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
    probed = r.status === 0 ? false : 'kubectl is not installed (its built-in kustomize builds the install manifests)';
  }
  return probed;
}

export function kustomizeBuild(dir: string): string {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${r.stderr}`);
  return r.stdout;
}
