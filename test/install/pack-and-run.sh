#!/usr/bin/env bash
# The npm package as a user gets it: `npm pack` (prepack builds dist/), the tarball's contents
# checked (the bundle, templates, manifests, health checks, README, LICENSE; no tests, benches
# or tsc output), installed into an empty directory, then `dpu-gitops --version` and `generate`
# on a copy of examples/ run from that install. Slow (a build and an npm install), so CI runs it
# once as its own step (.ci/run) instead of from `npm test`; docs/install.md shows the same steps.
# Dependencies come from the registry npm ci used, through npm's cache when it has them.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== npm pack (prepack: npm run build)"
tgz=$(cd "$repo" && npm pack --pack-destination "$work" --silent | tail -n 1)
tar -tzf "$work/$tgz" | sed 's|^package/||' | sort > "$work/contents"
fail() { echo "pack-and-run: $*" >&2; exit 1; }
for required in package.json README.md LICENSE dist/bundle/main.js dist/bundle/command-worker.js \
  dist/bundle/chart-worker.js templates/install/webhook/60-validatingwebhookconfiguration.yaml.hbs \
  manifests/kustomization.yaml manifests/cmp/kustomization.yaml manifests/webhook/kustomization.yaml; do
  grep -qx "$required" "$work/contents" || fail "the tarball lacks $required"
done
if grep -E '^(test|bench|scripts|examples)/|^dist/(test|bench|scripts|cli|helm)/|\.test\.|\.ts$|/testdata/|health_test\.yaml$' "$work/contents"; then
  fail "the tarball carries the files above, which users do not need"
fi
echo "   $(wc -l < "$work/contents") files, $(du -k "$work/$tgz" | cut -f1) KiB packed"

echo "== npm install <tarball> into an empty directory"
mkdir "$work/app"
(cd "$work/app" && npm install --no-audit --no-fund --prefer-offline --loglevel=error "$work/$tgz" >/dev/null)
# As docs/install.md's `npm install -g` would: the package's bin first on PATH.
export PATH="$work/app/node_modules/.bin:$PATH"

echo "== dpu-gitops --version"
version=$(dpu-gitops --version)
expected=$(node -p 'require(process.argv[1]).version' "$repo/package.json")
[ "$version" = "$expected" ] || fail "--version printed '$version', package.json says '$expected'"

echo "== dpu-gitops generate on a copy of examples/"
cp -r "$repo/examples" "$work/examples"
# Settings from examples/dpu-gitops.yaml: the installed package finds its config schema too.
gen_args=(services)
(cd "$work/examples" && dpu-gitops generate "${gen_args[@]}") > "$work/installed.yaml" 2> "$work/installed.log" ||
  { cat "$work/installed.log" >&2; fail "generate from the installed package failed"; }
# The same run from the repository's own build must print the same stream.
(cd "$repo/examples" && node "$repo/dist/cli/main.js" generate "${gen_args[@]}") > "$work/repo.yaml" 2> "$work/repo.log"
cmp -s "$work/installed.yaml" "$work/repo.yaml" || fail "the installed package's generate output differs from the repository build's"
grep -q '^kind: ConfigMap' "$work/installed.yaml" || fail "generate printed no per-DPU ConfigMap"
echo "   generate: $(grep -c '^kind:' "$work/installed.yaml") objects, identical to the repository build"

echo "== dpu-gitops install-manifests from the installed package equals manifests/"
dpu-gitops install-manifests --output-dir "$work/manifests" >/dev/null
diff -r "$repo/manifests" "$work/manifests" || fail "install-manifests from the package differs from manifests/"
echo "== pack-and-run ok"
