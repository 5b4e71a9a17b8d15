// A real git repository in a temp dir, made from examples/: the base commit as examples/ has it,
// plus a Secret passed through. Edits are plain text replacements, committed with a fixed
// identity and date so the commits are reproducible.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'diff test',
  GIT_AUTHOR_EMAIL: 'diff@example.com',
  GIT_COMMITTER_NAME: 'diff test',
  GIT_COMMITTER_EMAIL: 'diff@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tmpdir(),
};

export function git(repo: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: bgp-auth
  namespace: dpf-operator-system
type: Opaque
data:
  token: dG9rZW4=
stringData:
  password: one
`;

/** A repository whose first commit is examples/ (charts, services, inventory) plus a Secret. */
export function exampleRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'dpu-diff-repo-'));
  for (const d of ['charts', 'services', 'vendor']) cpSync(join(ROOT, 'examples', d), join(repo, d), { recursive: true });
  cpSync(join(ROOT, 'examples', 'inventory.yaml'), join(repo, 'inventory.yaml'));
  writeFileSync(join(repo, 'services', 'secret.yaml'), SECRET);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  return repo;
}

/** Replaces `from` by `to` in a file of the repository (it must occur exactly once). */
export function edit(repo: string, file: string, from: string, to: string): void {
  const path = join(repo, file);
  const text = readFileSync(path, 'utf8');
  if (text.split(from).length !== 2) throw new Error(`${file}: ${JSON.stringify(from)} does not occur exactly once`);
  writeFileSync(path, text.replace(from, to));
}

export function commitAll(repo: string, message: string): void {
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
}

/** The head commit's changes the tests review: a value for worker1*, the startup template for one DPU, the DaemonSet's image and rollout pace, a Secret value. */
export function applyReviewedChange(repo: string): void {
  edit(repo, 'services/hbn.yaml', 'bgp_autonomous_system: 65112', 'bgp_autonomous_system: 65113');
  edit(repo, 'services/hbn.yaml', 'remote-as: external', "remote-as: {{ 'internal' if hostname == 'worker2-0000-08-00' else 'external' }}");
  edit(repo, 'services/hbn.yaml', 'tag: 2.4.1-doca2.9.1', 'tag: 2.4.2-doca2.9.1');
  edit(repo, 'services/hbn.yaml', 'maxUnavailable: 1', 'maxUnavailable: 50%');
  edit(repo, 'services/secret.yaml', 'password: one', 'password: two');
}

/** The flags .ci/run gives generate for examples/, for the app dir `services`. */
export const RENDER_FLAGS = [
  '--cluster', 'dpu-cplane-tenant1',
  '--chart-path', 'https://helm.example.com/dpf/dummydpuservice-chart=../charts/dummydpuservice',
  '--chart-path', 'https://helm.example.com/dpf/hbn-like-chart=../charts/hbn-like',
  '--inventory', '../inventory.yaml',
];
