/**
 * chart-unavailable: a DPUService's chart could not be fetched in time (repository down, not
 * cached, timeout). The webhook either denies (an error, the default) or allows with a
 * warning, per `--on-chart-unavailable`, and never waits past its deadline.
 */
import type { Finding, ObjectRef, RuleSpec, Severity } from '../types.js';

export const chartUnavailableRule: RuleSpec = {
  id: 'chart-unavailable',
  severity: 'error',
  summary: 'The DPUService chart could be fetched to check it.',
  fix: 'make {{detail.source}} reachable (or vendor the chart, or pass --chart-dir to lint) and retry',
};

/** A chart-unavailable finding; severity follows the webhook's --on-chart-unavailable. */
export function chartUnavailableFinding(object: ObjectRef, source: string, reason: string, severity: Severity): Finding {
  return { rule: 'chart-unavailable', severity, object, path: ['spec', 'helmChart', 'source'], detail: { source, reason } };
}
