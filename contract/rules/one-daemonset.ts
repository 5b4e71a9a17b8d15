/**
 * one-daemonset: a DPUService chart renders exactly one DaemonSet, the `serviceDaemonSet`
 * (seed 002: "contain exactly one DaemonSet"). No DPF code enforces this (dpf.md §4), so a
 * chart with none or several deploys without the DPUService controller's labels applying.
 */
import type { RenderedObject } from '../rendered.js';
import type { Finding, RuleSpec } from '../types.js';

export const oneDaemonSetRule: RuleSpec = {
  id: 'one-daemonset',
  severity: 'error',
  summary: 'A DPUService chart renders exactly one DaemonSet (the serviceDaemonSet).',
  fix: 'make the chart render exactly one DaemonSet for the service; run other workloads as separate DPUServices',
};

/** Counts the DaemonSets a chart rendered and reports any count but one. */
export function checkOneDaemonSet(objects: readonly RenderedObject[], chart: string): Finding[] {
  const daemonSets = objects.filter((o) => o.kind === 'DaemonSet');
  if (daemonSets.length === 1) return [];
  const found = daemonSets.map((d) => `${d.name} (${d.path})`);
  return [
    {
      rule: 'one-daemonset',
      severity: oneDaemonSetRule.severity,
      object: { kind: 'Chart', name: chart },
      measured: daemonSets.length,
      limit: 1,
      detail: { found },
    },
  ];
}
