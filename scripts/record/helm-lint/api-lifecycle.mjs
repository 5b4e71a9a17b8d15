#!/usr/bin/env node
// Records when built-in Kubernetes kinds were introduced, deprecated and removed (helm v3.17.3's
// lint reads the deprecations; kube-schema reads when a kind is served): for every
// group/version client-go v0.32.2's scheme registers (kubernetes/scheme/register.go), the
// APILifecycleIntroduced / Deprecated / Removed / Replacement facts of k8s.io/api v0.32.2's generated
// zz_generated.prerelease-lifecycle.go files, and the group name of each package.
// Reads git mirrors (fetch github:kubernetes/api and github:kubernetes/client-go first):
//   node scripts/record/helm-lint/api-lifecycle.mjs /work/.mirror/kubernetes+api/repo /work/.mirror/kubernetes+client-go/repo
// Writes contract/helm-lint/api-lifecycle.json. Never runs our code.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [apiRepo, clientGoRepo] = process.argv.slice(2);
if (!apiRepo || !clientGoRepo) {
  console.error('usage: api-lifecycle.mjs API_GIT_DIR CLIENT_GO_GIT_DIR');
  process.exit(2);
}
const API_TAG = 'v0.32.2';
const show = (repo, path) => execFileSync('git', ['--git-dir', repo, 'show', `${API_TAG}:${path}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

const register = show(clientGoRepo, 'kubernetes/scheme/register.go');
const packages = [...register.matchAll(/"k8s\.io\/api\/([a-z0-9]+\/v[a-z0-9]+)"/g)].map((m) => m[1]);

const kinds = [];
for (const pkg of packages) {
  const groupName = /GroupName\s*=\s*"([^"]*)"/.exec(show(apiRepo, `${pkg}/register.go`))?.[1];
  if (groupName === undefined) throw new Error(`${pkg}: no GroupName`);
  const version = pkg.split('/')[1];
  let lifecycle;
  try {
    lifecycle = show(apiRepo, `${pkg}/zz_generated.prerelease-lifecycle.go`);
  } catch {
    continue; // no lifecycle facts: never deprecated
  }
  const facts = new Map();
  const factOf = (kind) => facts.get(kind) ?? facts.set(kind, { kind }).get(kind);
  for (const m of lifecycle.matchAll(/func \(in \*(\w+)\) APILifecycle(Introduced|Deprecated|Removed)\(\) \(major, minor int\) \{\s*return (\d+), (\d+)/g)) {
    factOf(m[1])[m[2].toLowerCase()] = [Number(m[3]), Number(m[4])];
  }
  for (const m of lifecycle.matchAll(/func \(in \*(\w+)\) APILifecycleReplacement\(\) schema\.GroupVersionKind \{\s*return schema\.GroupVersionKind\{Group: "([^"]*)", Version: "([^"]*)", Kind: "([^"]*)"\}/g)) {
    factOf(m[1]).replacement = { group: m[2], version: m[3], kind: m[4] };
  }
  for (const fact of facts.values()) kinds.push({ group: groupName, version, ...fact });
}
kinds.sort((a, b) => `${a.group}/${a.version}/${a.kind}`.localeCompare(`${b.group}/${b.version}/${b.kind}`));
const out = join(dirname(fileURLToPath(import.meta.url)), '../../../contract/helm-lint/api-lifecycle.json');
// One kind a line, so a re-recording diffs by kind.
const lines = kinds.map((k) => `  ${JSON.stringify(k)}`).join(',\n');
writeFileSync(out, `{"source": "k8s.io/api ${API_TAG}, client-go ${API_TAG} scheme",\n "kinds": [\n${lines}\n]}\n`);
console.error(`api-lifecycle: ${kinds.length} kinds with lifecycle facts from ${packages.length} group versions -> ${out}`);
