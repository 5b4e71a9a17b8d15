#!/usr/bin/env bash
# Records what REAL `helm lint` (v3.17.3) prints for each case of test/lint/helm-lint/cases:
#   <case>/expected.stdout, expected.stderr, expected.exit
# Each case holds `args` (the arguments after `helm lint`, one per line, paths relative to the
# case directory), the chart(s) they name, and optionally `pack` (`SRC DEST.tgz` lines archived
# first, deterministically). helm prints some paths absolute (the chart directory in the
# dependency rules); the case directory's absolute path is replaced by `@CASE@` in the recording.
# Never runs dpu-gitops.
#
# Usage: scripts/record/helm-lint/record.sh [case...]     (default: every case)
# Env:   HELM_BINS (default /tmp/helm-bins; ../shared/tools/get-helm.sh fetches it)
set -euo pipefail

root="$(cd "$(dirname "$0")/../../.." && pwd)"
cases_dir="$root/test/lint/helm-lint/cases"
helm="${HELM_BINS:-/tmp/helm-bins}/v3/helm"
[[ -x "$helm" ]] || { echo "record: $helm missing; run ../shared/tools/get-helm.sh" >&2; exit 1; }
"$helm" version --short | grep -q '^v3\.17\.3' || { echo "record: $helm is not v3.17.3" >&2; exit 1; }

scratch="$(mktemp -d /tmp/record-helm-lint.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT

pack_chart() {
  local src="$1" dest="$2" tmp="$scratch/pack"
  # helm archives the chart under its name; the source folder is renamed to it.
  rm -rf "$tmp" && mkdir -p "$tmp"
  local name; name="$(sed -n 's/^name: *//p' "$src/Chart.yaml" | head -1)"
  cp -r "$src" "$tmp/$name"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2024-01-01 00:00:00Z' \
    -C "$tmp" -cf - "$name" | gzip -n -9 >"$dest"
}

if [[ $# -gt 0 ]]; then names=("$@"); else mapfile -t names < <(ls "$cases_dir"); fi
for name in "${names[@]}"; do
  case_dir="$cases_dir/$name"
  [[ -f "$case_dir/args" ]] || { echo "record: $name has no args file" >&2; exit 1; }
  if [[ -f "$case_dir/pack" ]]; then
    while read -r src dest; do
      [[ -n "$src" ]] && pack_chart "$case_dir/$src" "$case_dir/$dest"
    done <"$case_dir/pack"
  fi
  mapfile -t args <"$case_dir/args"
  home="$scratch/home"; rm -rf "$home" && mkdir -p "$home"
  set +e
  (cd "$case_dir" && env -i PATH=/usr/bin:/bin HOME="$home" \
    HELM_CONFIG_HOME="$home/config" HELM_CACHE_HOME="$home/cache" HELM_DATA_HOME="$home/data" \
    KUBECONFIG="$home/no-kubeconfig" \
    "$helm" lint "${args[@]}" >"$scratch/out" 2>"$scratch/err")
  echo $? >"$case_dir/expected.exit"
  set -e
  for s in out err; do
    ext=$([[ $s == out ]] && echo stdout || echo stderr)
    sed "s|$case_dir|@CASE@|g" "$scratch/$s" >"$case_dir/expected.$ext"
  done
  echo "$name: exit $(cat "$case_dir/expected.exit")"
done
