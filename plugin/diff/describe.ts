/** Wording shared by the terminal and markdown formats. */
import { OTHER_OBJECTS, type DaemonSetRollout, type DiffReport, type DpuChangeGroup, type ObjectChange, type ValueChange } from './report.js';

export const count = (n: number): string => n.toLocaleString('en-US');
export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

export function objectName(c: ObjectChange): string {
  return `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
}

export function valueChange(v: ValueChange): string {
  return `${v.path}: ${v.base ?? '(absent)'} -> ${v.head ?? '(absent)'}`;
}

/** "612 of 1,024 DPUs". */
export function groupHeadline(g: DpuChangeGroup, total: number): string {
  return `${count(g.count)} of ${plural(total, 'DPU')}`;
}

export function rolloutLine(r: DaemonSetRollout): string {
  const who = `DaemonSet ${r.namespace ? `${r.namespace}/` : ''}${r.name} (${r.service})`;
  const dpus = r.dpus === null ? 'every DPU it selects (count unknown)' : plural(r.dpus, 'DPU');
  if (r.strategy === 'Replaced') return `${who}: replaced (new DPUDeployment revision) on ${dpus} at once`;
  if (r.strategy === 'OnDelete') return `${who}: pod template changes on ${dpus}; OnDelete: no pod restarts until deleted`;
  const pace = r.atATime !== undefined ? `, ${count(r.atATime)} at a time (${plural(r.waves ?? 0, 'wave')})` : '';
  return `${who}: restarts on ${dpus}${pace}`;
}

/** One-line summary of the whole report. */
export function summaryLine(r: DiffReport): string {
  if (!r.base.rendered || !r.head.rendered) {
    const failed = [!r.base.rendered ? 'base' : '', !r.head.rendered ? 'head' : ''].filter(Boolean).join(' and ');
    return `${failed} did not render: objects not compared; ${plural(r.findings.new.length, 'new finding')}, ${count(r.findings.fixed.length)} fixed`;
  }
  if (!r.changed) return 'no change';
  let objects = 0;
  let dpus = 0;
  for (const s of r.services) {
    objects += s.objects.length;
    if (s.perDpu) dpus += s.perDpu.groups.reduce((n, g) => n + g.count, 0) + s.perDpu.added.length + s.perDpu.removed.length;
  }
  const services = r.services.filter((s) => s.service !== OTHER_OBJECTS).length;
  const parts = [plural(services, 'DPUService') + ' changed', plural(objects, 'object') + ' changed', plural(dpus, 'DPU') + ' with per-DPU changes'];
  parts.push(plural(r.rollout.daemonSets.length, 'DaemonSet') + ' rolling');
  parts.push(`${plural(r.findings.new.length, 'new finding')}, ${count(r.findings.fixed.length)} fixed`);
  return parts.join(' · ');
}
