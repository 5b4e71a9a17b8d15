# Copies this node's startup config out of the mounted shards (dpu-gitops, plugin/per-dpu/README.md).
# Needs NODE_NAME (spec.nodeName), SHARDS, SHARD_PREFIX; no API access.
set -eu
src="/startup-shards/${NODE_NAME}.startup.yaml"
if [ ! -f "$src" ]; then
  printf 'no startup config for DPU node %s in the %s shards %s0..%s mounted at /startup-shards: dpu-gitops did not render this node (not in the DPU inventory, or not selected by the DPUService, at the last sync)\n' "$NODE_NAME" "$SHARDS" "$SHARD_PREFIX" "$((SHARDS - 1))" >&2
  exit 1
fi
cp "$src" /startup/.startup.yaml.tmp
mv /startup/.startup.yaml.tmp /startup/startup.yaml
