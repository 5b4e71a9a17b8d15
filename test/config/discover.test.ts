/** Which dpu-gitops.yaml applies: the nearest at or above the app dir, never above the repository root. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { discoveryBoundary, findConfigFile, repoConfigFor } from '../../config/index.js';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'config-discover-'));
  mkdirSync(join(root, 'repo', '.git'), { recursive: true });
  mkdirSync(join(root, 'repo', 'apps', 'site-a', 'services'), { recursive: true });
  mkdirSync(join(root, 'repo', 'apps', 'site-b'), { recursive: true });
  return root;
}

test('the nearest file wins', () => {
  const root = tree();
  writeFileSync(join(root, 'repo', 'dpu-gitops.yaml'), 'cluster: top\n');
  writeFileSync(join(root, 'repo', 'apps', 'site-a', 'dpu-gitops.yaml'), 'cluster: site-a\n');
  const repo = join(root, 'repo');
  assert.equal(findConfigFile(join(repo, 'apps', 'site-a', 'services'), repo), join(repo, 'apps', 'site-a', 'dpu-gitops.yaml'));
  assert.equal(findConfigFile(join(repo, 'apps', 'site-b'), repo), join(repo, 'dpu-gitops.yaml'));
  assert.equal(repoConfigFor({ appDir: join(repo, 'apps', 'site-a', 'services'), cwd: repo })?.cluster, 'site-a');
});

test('discovery stops at the repository root: a file above it is not read', () => {
  const root = tree();
  writeFileSync(join(root, 'dpu-gitops.yaml'), 'cluster: outside\n');
  const repo = join(root, 'repo');
  const app = join(repo, 'apps', 'site-b');
  assert.equal(findConfigFile(app, repo), undefined);
  // Without a given root, the git work tree (the directory with .git) is the limit.
  assert.equal(discoveryBoundary(app), repo);
  assert.equal(repoConfigFor({ appDir: app, cwd: root }), undefined);
  // A given root wins over .git.
  assert.equal(discoveryBoundary(app, join(repo, 'apps')), join(repo, 'apps'));
});

test('--config reads that file (relative to the cwd); --no-config reads none', () => {
  const root = tree();
  const repo = join(root, 'repo');
  writeFileSync(join(repo, 'dpu-gitops.yaml'), 'cluster: found\n');
  writeFileSync(join(root, 'other.yaml'), 'cluster: given\n');
  const app = join(repo, 'apps', 'site-b');
  assert.equal(repoConfigFor({ appDir: app, cwd: root, file: 'other.yaml' })?.cluster, 'given');
  assert.equal(repoConfigFor({ appDir: app, cwd: root, none: true }), undefined);
});

test('a directory named dpu-gitops.yaml is not a config file', () => {
  const root = tree();
  const repo = join(root, 'repo');
  mkdirSync(join(repo, 'apps', 'site-b', 'dpu-gitops.yaml'));
  writeFileSync(join(repo, 'dpu-gitops.yaml'), 'cluster: top\n');
  assert.equal(findConfigFile(join(repo, 'apps', 'site-b'), repo), join(repo, 'dpu-gitops.yaml'));
});
