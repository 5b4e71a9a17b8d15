/**
 * deployment-version: DPF's version matching before sync (verifyVersionMatching,
 * dpf/deployment/version-match.ts): the DOCA version of the BFB the DPUDeployment names
 * (spec.versions.doca, else status.versions.doca, else the doca-version parameter) satisfies the
 * `dpu.nvidia.com/doca-version` constraint of every template's chart. DPF only stalls the
 * DPUDeployment (VersionMatchingReady=False); here it fails generate and lint and denies in the
 * webhook. Without any DOCA version nothing can be matched: a warning says so.
 */
import type { DpuDeployment } from '../../dpf/deployment/types.js';
import { verifyVersionMatching, type DocaVersionSource, type TemplateVersions } from '../../dpf/deployment/version-match.js';
import type { Finding, RuleSpec } from '../types.js';
import { deploymentRef } from './deployment-references.js';

export const deploymentVersionRule: RuleSpec = {
  id: 'deployment-version',
  severity: 'error',
  summary: "The DOCA version of a DPUDeployment's BFB satisfies the dpu.nvidia.com/doca-version constraint of each template's chart.",
  fix: 'use a BFB whose DOCA version the chart supports, or a chart version whose dpu.nvidia.com/doca-version accepts the BFB (DOCA version from {{detail.from}})',
};

export function checkDeploymentVersions(d: DpuDeployment, doca: DocaVersionSource | undefined, templates: readonly TemplateVersions[]): Finding[] {
  const object = deploymentRef(d);
  if (!doca) {
    if (templates.length === 0) return [];
    return [{ rule: 'deployment-version', severity: 'warning', object, path: ['spec', 'dpus'], detail: { problem: 'versions not matched: no DOCA version known (the BFB has no spec.versions.doca or status.versions.doca and the doca-version parameter is unset)', from: 'nowhere' } }];
  }
  return verifyVersionMatching(doca, templates).map((m) => ({ rule: 'deployment-version', severity: 'error', object, path: ['spec', 'dpus', d.bfb !== undefined ? 'bfb' : 'blueFieldSoftware'], detail: { problem: m.message, from: doca.from, template: m.template } }));
}
