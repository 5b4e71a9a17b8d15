/**
 * Identical problems are shown once, with a count and the first few names. "Identical" means the
 * same severity, place, object, field, message and fix once the problem's subject (the DPU it is
 * about, say) is set aside: 200 DPUs out of IPAM space are one problem about 200 DPUs.
 */
import type { Problem } from '../../plugin/problems.js';

/** How many subjects a collapsed problem names before "and N more". */
export const NAMED_SUBJECTS = 5;

export interface ProblemGroup {
  /** The first problem of the group, as found. */
  first: Problem;
  count: number;
  /** Subject kind shared by the group (e.g. `DPU`), when its problems have subjects. */
  subjectKind?: string;
  /** Every subject's name, in order found (deduplicated). */
  subjects: string[];
}

/** The first problem's message with its subject's name replaced: what the group has in common. */
export function sharedMessage(p: Problem): string {
  if (!p.subject) return p.message;
  return p.message.split(p.subject.name).join(`<${p.subject.kind}>`);
}

function keyOf(p: Problem): string {
  const l = p.location;
  return JSON.stringify([p.severity, l?.file, l?.doc, l?.line, p.object, p.field, p.fix, p.rule, p.subject?.kind, sharedMessage(p)]);
}

/** Groups in order of each group's first problem. */
export function collapseProblems(problems: readonly Problem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const p of problems) {
    const key = keyOf(p);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: p, count: 1, ...(p.subject ? { subjectKind: p.subject.kind } : {}), subjects: p.subject ? [p.subject.name] : [] });
      continue;
    }
    g.count++;
    if (p.subject && !g.subjects.includes(p.subject.name)) g.subjects.push(p.subject.name);
  }
  return [...groups.values()];
}
