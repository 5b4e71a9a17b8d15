/**
 * A hand-written app for preview tests: one DPU inventory and two DPUServices with per-DPU
 * configuration. The merge of perDPUValuesYAML for DPU `dpu-a1` is worked out by hand below
 * (every matching entry in order, later wins, mappings merged key by key as the DPU's
 * perDPUValuesYAML merge does: see examples/services/hbn.yaml's bfd entry).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const INVENTORY = `kind: DPUInventory
dpus:
  - name: dpu-a1
    labels: {role: net}
  - name: dpu-b1
    labels: {role: storage}
`;

/** Targets every DPU; its values for dpu-a1 are MERGED_A1. */
export const NET_SERVICE = `apiVersion: svc.dpu.nvidia.com/v1alpha1
kind: DPUService
metadata:
  name: net
  namespace: ns1
spec:
  helmChart:
    source: {repoURL: https://charts.example.com, chart: net, version: 1.0.0}
    values:
      configuration:
        perDPUValuesYAML: |
          - hostnamePattern: "*"
            values:
              mtu: 9000
              ratio: 1.5
              whole: 2.0
              tags: [a, b]
              nested: {x: 1, y: {z: true}}
          - hostnamePattern: "dpu-b*"
            values:
              mtu: 1
          - hostnamePattern: "dpu-a?"
            values:
              mtu: 1500
              nested: {y: {w: s}}
              big: 12345678901234567890
        startupYAMLJ2: |
          hostname: {{ hostname }}
          mtu: {{ config.mtu }}
`;

/** Selects role=storage DPUs only: dpu-a1 is not targeted. */
export const STORAGE_SERVICE = `apiVersion: svc.dpu.nvidia.com/v1alpha1
kind: DPUService
metadata:
  name: storage
  namespace: ns1
spec:
  helmChart:
    source: {repoURL: https://charts.example.com, chart: storage, version: 1.0.0}
    values:
      configuration:
        perDPUValuesYAML: |
          - hostnamePattern: "*"
            values: {disk: nvme}
  serviceDaemonSet:
    nodeSelector:
      nodeSelectorTerms:
        - matchExpressions:
            - {key: role, operator: In, values: [storage]}
`;

/** perDPUValuesYAML merged for dpu-a1: entries "*" then "dpu-a?" ("dpu-b*" does not match). */
export const MERGED_A1 = {
  mtu: 1500,
  ratio: 1.5,
  whole: 2,
  tags: ['a', 'b'],
  nested: { x: 1, y: { z: true, w: 's' } },
  big: 12345678901234567890,
};

/** The startup template rendered for dpu-a1 (Jinja2 drops the final newline). */
export const STARTUP_A1 = 'hostname: dpu-a1\nmtu: 1500';

/** A directory with the given files (path -> text); `.git` makes it a work tree's root. */
export function tree(files: Record<string, string>, gitRoot = true): string {
  const root = mkdtempSync(join(tmpdir(), 'preview-app-'));
  if (gitRoot) mkdirSync(join(root, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
