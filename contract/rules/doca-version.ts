/**
 * doca-version: Chart.yaml carries `dpu.nvidia.com/doca-version`, a Masterminds/semver v3
 * constraint (seed 002 "Version Constraints"; DPF parses it with `semver.NewConstraint` in
 * `verifyVersionMatching`, dpf.md §4). The constraint is parsed by helm/semver, which follows
 * Masterminds' own regular expressions, so what we accept is what DPF accepts.
 *
 * dpf-annotation: DPF keeps only `dpu.nvidia.com/doca-version` from a chart's annotations
 * (`filterVersions`); any other `dpu.nvidia.com/` annotation is silently stripped, so warn.
 */
import { parseConstraint } from '../../helm/semver/constraint.js';
import { SemverError } from '../../helm/semver/version.js';
import type { Finding, ObjectRef, RuleSpec } from '../types.js';

/** The one chart annotation DPF reads (`GetServiceVersionKeyToBFBVersionValue`). */
export const DOCA_VERSION_ANNOTATION = 'dpu.nvidia.com/doca-version';

export const docaVersionRule: RuleSpec = {
  id: 'doca-version',
  severity: 'error',
  summary: 'Chart.yaml has annotation dpu.nvidia.com/doca-version holding a valid Masterminds/semver v3 constraint.',
  fix: 'set annotations."dpu.nvidia.com/doca-version" in Chart.yaml to a constraint such as ">= 2.9" or "~2.9"',
};

export const dpfAnnotationRule: RuleSpec = {
  id: 'dpf-annotation',
  severity: 'warning',
  summary: 'Chart annotations under dpu.nvidia.com/ other than doca-version are stripped by DPF.',
  fix: 'remove {{detail.key}} or move it out of the dpu.nvidia.com/ domain; DPF only keeps dpu.nvidia.com/doca-version',
};

/** Chart.yaml annotations as a Map (helm's Metadata) or a plain object. */
export type ChartAnnotations = ReadonlyMap<string, string> | Readonly<Record<string, unknown>> | undefined;

/** True when Masterminds/semver v3 `NewConstraint` accepts the text. */
export function isValidDocaConstraint(text: string): boolean {
  return !(parseConstraint(text) instanceof SemverError);
}

/** Checks the doca-version annotation and warns about other dpu.nvidia.com/ annotations. */
export function checkDocaVersion(annotations: ChartAnnotations, chart: ObjectRef): Finding[] {
  const entries: [string, unknown][] =
    annotations === undefined ? [] : annotations instanceof Map ? [...annotations.entries()] : Object.entries(annotations);
  const findings: Finding[] = [];
  const path = ['annotations', DOCA_VERSION_ANNOTATION];
  const doca = entries.find(([k]) => k === DOCA_VERSION_ANNOTATION);
  if (doca === undefined) {
    findings.push({ rule: 'doca-version', severity: 'error', object: chart, path, detail: { problem: 'missing' } });
  } else {
    const value = doca[1];
    const parsed = typeof value === 'string' ? parseConstraint(value) : new SemverError('not a string', String(value));
    if (parsed instanceof SemverError) {
      findings.push({
        rule: 'doca-version',
        severity: 'error',
        object: chart,
        path,
        measured: typeof value === 'string' ? value : String(value),
        detail: { problem: 'invalid', reason: parsed.message },
      });
    }
  }
  for (const [key] of entries) {
    if (key === DOCA_VERSION_ANNOTATION || !isDpfAnnotation(key)) continue;
    findings.push({ rule: 'dpf-annotation', severity: 'warning', object: chart, path: ['annotations', key], detail: { key } });
  }
  return findings;
}

/** `dpu.nvidia.com/x` or `<sub>.dpu.nvidia.com/x`. */
function isDpfAnnotation(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const domain = key.slice(0, slash);
  return domain === 'dpu.nvidia.com' || domain.endsWith('.dpu.nvidia.com');
}
