#!/usr/bin/env bash
# Records what real helm v3.17.3 prints for the benchmark chart (its sha256 and size: the chart
# renders 1.6 MB), replayed by test/differential/operator-shaped.test.ts. Runs only helm.
#   bash ../shared/tools/get-helm.sh && bash scripts/bench/record-operator-shaped.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
helm="${HELM_BINS:-/tmp/helm-bins}/v3/helm"
out=$("$helm" template op bench/charts/operator-shaped --namespace dpf-operator-system | sha256sum | cut -d' ' -f1)
size=$("$helm" template op bench/charts/operator-shaped --namespace dpf-operator-system | wc -c)
printf '%s %s\n' "$out" "$size" > bench/charts/operator-shaped.helm-v3.17.3.sha256
echo "recorded $out ($size bytes)"
