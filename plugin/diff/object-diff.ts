/** Objects added, removed and changed in one service, each with its unified YAML diff. */
import { yamlDocument } from '../output.js';
import type { ObjectChange } from './report.js';
import { maskSecretPair } from './secret-mask.js';
import type { ObjectRef, ServiceObjects } from './side-objects.js';
import { unifiedDiff } from './unified.js';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function objectChanges(base: ServiceObjects | undefined, head: ServiceObjects | undefined): ObjectChange[] {
  const keys = new Set([...(base?.objects.keys() ?? []), ...(head?.objects.keys() ?? [])]);
  const changes: ObjectChange[] = [];
  for (const key of [...keys].sort(cmp)) {
    const b = base?.objects.get(key);
    const h = head?.objects.get(key);
    const masked = maskSecretPair(b?.object, h?.object);
    const baseText = masked.base ? yamlDocument(masked.base) : '';
    const headText = masked.head ? yamlDocument(masked.head) : '';
    // unmasked comparison: a Secret whose data changes must count as changed even if masks align
    if (baseText === headText && (!b || !h || yamlDocument(b.object) === yamlDocument(h.object))) continue;
    const ref = (h ?? b) as ObjectRef;
    const change: ObjectChange = {
      change: !b ? 'added' : !h ? 'removed' : 'changed',
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
      name: ref.name,
      diff: unifiedDiff(`${ref.kind}/${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}.yaml`, baseText, headText),
    };
    changes.push(change);
  }
  return changes;
}
