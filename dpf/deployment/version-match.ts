/**
 * verifyVersionMatching (dpudeployment_controller.go): for each template and each version key
 * DPF knows (only `dpu.nvidia.com/doca-version`, GetServiceVersionKeyToProvisioningVersionValue),
 * the DOCA version of the DPUs' BFB must parse (`semver.NewVersion`) and satisfy the constraint
 * the template's chart carries (`semver.NewConstraint(...).Check`). A template whose chart has no
 * constraint is skipped. Masterminds semantics come from helm/semver; the messages are DPF's.
 */
import { parseConstraint } from '../../helm/semver/constraint.js';
import { parseVersion, SemverError } from '../../helm/semver/version.js';

export const DOCA_VERSION_KEY = 'dpu.nvidia.com/doca-version';

/** Where the DOCA version came from, for messages. */
export interface DocaVersionSource {
  version: string;
  /** e.g. `BFB dpf-operator-system/bf-bundle spec.versions.doca`, `parameter doca-version`. */
  from: string;
}

export interface TemplateVersions {
  /** The DPUServiceTemplate's name. */
  template: string;
  /** The filtered chart annotations (DPUServiceTemplate status.versions). */
  versions: ReadonlyMap<string, string>;
}

/** One failed check, with DPF's message. */
export interface VersionMismatch {
  template: string;
  message: string;
}

/** DPF's filterVersions: the chart annotations DPF keeps. */
export function filterVersions(annotations: ReadonlyMap<string, string> | Readonly<Record<string, unknown>> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!annotations) return out;
  const entries = annotations instanceof Map ? [...annotations.entries()] : Object.entries(annotations);
  for (const [k, v] of entries) if (k === DOCA_VERSION_KEY && typeof v === 'string') out.set(k, v);
  return out;
}

/** The mismatches; empty when every template matches. */
export function verifyVersionMatching(doca: DocaVersionSource, templates: readonly TemplateVersions[]): VersionMismatch[] {
  const out: VersionMismatch[] = [];
  for (const t of templates) {
    const bfbValue = parseVersion(doca.version);
    if (bfbValue instanceof SemverError) {
      out.push({ template: t.template, message: `version '${doca.version}' found in bfb is not parsable: ${bfbValue.message}` });
      continue;
    }
    const constraintText = t.versions.get(DOCA_VERSION_KEY);
    if (constraintText === undefined) continue;
    const constraint = parseConstraint(constraintText);
    if (constraint instanceof SemverError) {
      out.push({ template: t.template, message: `version constraint '${constraintText}' found in DPUServiceTemplate '${t.template}' is not parsable: ${constraint.message}` });
      continue;
    }
    if (!constraint.check(bfbValue)) {
      out.push({ template: t.template, message: `version constraint for '${DOCA_VERSION_KEY}' found in DPUServiceTemplate '${t.template}' is not satisfied by the version '${doca.version}' found in the given BFB` });
    }
  }
  return out;
}
