#!/usr/bin/env bash
# Records examples/charts/hbn-like as real helm v3.17.3 renders it (default values, and 16
# shards with a node selector), for test/plugin/per-dpu/hbn-like-chart.test.ts.
# Usage: scripts/record/per-dpu/record-hbn-like.sh [path/to/helm]   (default /tmp/helm-bins/v3/helm)
set -euo pipefail
cd "$(dirname "$0")/../../.."
helm="${1:-/tmp/helm-bins/v3/helm}"
"$helm" version --short | grep -q '^v3\.17\.3' || { echo "need helm v3.17.3, got $("$helm" version --short)" >&2; exit 1; }
"$helm" template dpu-cplane-tenant1-doca-hbn examples/charts/hbn-like --namespace dpf-operator-system \
  > examples/expected/hbn-like.helm-v3.17.3.yaml
"$helm" template dpu-cplane-tenant1-doca-hbn examples/charts/hbn-like --namespace dpf-operator-system \
  --set startupConfig.shards=16 --set 'serviceDaemonSet.nodeSelector.nodeSelectorTerms[0].matchExpressions[0].key=role' \
  --set 'serviceDaemonSet.nodeSelector.nodeSelectorTerms[0].matchExpressions[0].operator=Exists' \
  > examples/expected/hbn-like.shards-16.helm-v3.17.3.yaml
# a shard count out of range: helm's error line
if "$helm" template r examples/charts/hbn-like --set startupConfig.shards=0 > /dev/null 2> examples/expected/hbn-like.shards-0.helm-v3.17.3.stderr; then
  echo "expected helm to fail for startupConfig.shards=0" >&2; exit 1
fi
