/**
 * arm64-image (warning): DPU containers must run on arm64 (seed 002). Whether an image has an
 * arm64 variant is only known to its registry, which the contract rules never contact, so each
 * DaemonSet's images are reported as unverified rather than silently assumed fine.
 */
import { field } from '../json.js';
import type { RenderedObject } from '../rendered.js';
import type { Finding, RuleSpec } from '../types.js';

export const arm64ImageRule: RuleSpec = {
  id: 'arm64-image',
  severity: 'warning',
  summary: 'DaemonSet images must run on arm64; this cannot be verified offline, so it is reported.',
  fix: 'check that {{measured}} has a linux/arm64 image (e.g. `docker manifest inspect IMAGE`)',
};

/** One warning per DaemonSet listing the images nobody verified for arm64. */
export function checkArm64Images(objects: readonly RenderedObject[]): Finding[] {
  const findings: Finding[] = [];
  for (const o of objects) {
    if (o.kind !== 'DaemonSet') continue;
    const podSpec = field(field(field(o.object, 'spec'), 'template'), 'spec');
    const images: string[] = [];
    for (const list of ['initContainers', 'containers']) {
      const containers = field(podSpec, list);
      if (!Array.isArray(containers)) continue;
      for (const c of containers) {
        const image = field(c, 'image');
        if (typeof image === 'string' && image !== '' && !images.includes(image)) images.push(image);
      }
    }
    if (images.length === 0) continue;
    findings.push({
      rule: 'arm64-image',
      severity: 'warning',
      object: o.namespace ? { kind: 'DaemonSet', namespace: o.namespace, name: o.name } : { kind: 'DaemonSet', name: o.name },
      template: o.path,
      path: ['spec', 'template', 'spec', 'containers'],
      measured: images.join(', '),
      detail: { images },
    });
  }
  return findings;
}
