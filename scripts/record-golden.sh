#!/usr/bin/env bash
# Records the differential corpus' expectations from REAL helm (never from dpu-gitops):
#   test/differential/cases/<case>/expected.{stdout,stderr,exit}      helm v3.17.3
#   test/differential/cases/<case>/expected-v4.{stdout,stderr,exit}   helm v4.1.4, only where it differs
#   test/differential/v4-differences.txt                              the cases where v4 differs
#
# Each case directory holds `args` (the arguments after `helm template`, one per line, paths
# relative to the case directory) and the charts it names. A case may also hold `pack`: lines
# `SRC_DIR DEST.tgz` (relative to the case dir) that are archived first, deterministically, so
# a chart or vendored subchart can be given as a .tgz.
#
# Usage: scripts/record-golden.sh [case-name...]     (default: every case)
# Env:   HELM_BINS (default /tmp/helm-bins; fetch binaries with ../shared/tools/get-helm.sh)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cases_dir="$root/test/differential/cases"
HELM_BINS="${HELM_BINS:-/tmp/helm-bins}"
helm3="$HELM_BINS/v3/helm"
helm4="$HELM_BINS/v4/helm"
for bin in "$helm3" "$helm4"; do
  [[ -x "$bin" ]] || { echo "record-golden: $bin missing; run ../shared/tools/get-helm.sh" >&2; exit 1; }
done
"$helm3" version --short | grep -q '^v3\.17\.3' || { echo "record-golden: $helm3 is not v3.17.3" >&2; exit 1; }

scratch="$(mktemp -d /tmp/record-golden.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT

# Archive a chart directory the way `helm package` lays it out (one top-level folder), with fixed
# owners, order and mtime so the .tgz is byte-stable across re-recordings.
pack_chart() {
  local src="$1" dest="$2" parent base
  parent="$(dirname "$src")"
  base="$(basename "$src")"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2024-01-01 00:00:00Z' \
    -C "$parent" -cf - "$base" | gzip -n -9 >"$dest"
}

# Run one helm binary on one case with isolated homes and no kube config; write OUT.{stdout,stderr,exit}.
run_helm() {
  local bin="$1" case_dir="$2" out="$3" home="$scratch/home"
  local -a args=()
  mapfile -t args <"$case_dir/args"
  rm -rf "$home" && mkdir -p "$home"
  set +e
  (cd "$case_dir" && env -i PATH=/usr/bin:/bin HOME="$home" \
    HELM_CONFIG_HOME="$home/config" HELM_CACHE_HOME="$home/cache" HELM_DATA_HOME="$home/data" \
    KUBECONFIG="$home/no-kubeconfig" \
    "$bin" template "${args[@]}" >"$out.stdout" 2>"$out.stderr")
  echo $? >"$out.exit"
  set -e
}

same_output() {
  cmp -s "$1.stdout" "$2.stdout" && cmp -s "$1.stderr" "$2.stderr" && cmp -s "$1.exit" "$2.exit"
}

if [[ $# -gt 0 ]]; then names=("$@"); else mapfile -t names < <(ls "$cases_dir"); fi
for name in "${names[@]}"; do
  case_dir="$cases_dir/$name"
  [[ -f "$case_dir/args" ]] || { echo "record-golden: $name has no args file" >&2; exit 1; }
  if [[ -f "$case_dir/pack" ]]; then
    while read -r src dest; do
      [[ -n "$src" ]] && pack_chart "$case_dir/$src" "$case_dir/$dest"
    done <"$case_dir/pack"
  fi
  run_helm "$helm3" "$case_dir" "$case_dir/expected"
  run_helm "$helm4" "$case_dir" "$scratch/v4"
  if same_output "$case_dir/expected" "$scratch/v4"; then
    rm -f "$case_dir"/expected-v4.{stdout,stderr,exit}
  else
    for ext in stdout stderr exit; do cp "$scratch/v4.$ext" "$case_dir/expected-v4.$ext"; done
  fi
  note=""; if [[ -f "$case_dir/expected-v4.exit" ]]; then note=" (v4 differs)"; fi
  echo "$name: exit $(cat "$case_dir/expected.exit")$note"
done

# The list of cases whose v4 output differs, regenerated from what is on disk.
(cd "$cases_dir" && for d in */; do d="${d%/}"; if [[ -f "$d/expected-v4.exit" ]]; then echo "$d"; fi; done) \
  >"$root/test/differential/v4-differences.txt"
