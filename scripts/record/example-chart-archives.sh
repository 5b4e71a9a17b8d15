#!/usr/bin/env bash
# Records the example chart's archives with real helm v3.17.3 (re-run after changing
# examples/charts/dummydpuservice):
#   examples/helm-repo/            a static Helm repository: the `helm package` archive and the
#                                  index.yaml `helm repo index` writes (relative chart URLs), as
#                                  any https file server would serve it for repoURL
#                                  https://helm.example.com/dpf
#   examples/vendor/charts/        the same archive as a vendored chart for air-gapped sites
#                                  (`generate --vendor-dir ../vendor/charts` from examples/services)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
helm="${HELM_V3:-/tmp/helm-bins/v3/helm}"
"$helm" version --short | grep -q '^v3\.17\.3' || { echo "need helm v3.17.3 at $helm (../shared/tools/get-helm.sh)" >&2; exit 1; }
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export HELM_CONFIG_HOME="$home/config" HELM_CACHE_HOME="$home/cache" HELM_DATA_HOME="$home/data"

repo="$root/examples/helm-repo"
vendor="$root/examples/vendor/charts"
rm -rf "$repo" "$vendor"
mkdir -p "$repo" "$vendor"
"$helm" package "$root/examples/charts/dummydpuservice" -d "$repo"
"$helm" repo index "$repo"
cp "$repo"/dummydpuservice-chart-*.tgz "$vendor/"
ls -l "$repo" "$vendor"
