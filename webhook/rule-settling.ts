/**
 * Rule control at admission. The webhook's config (rules.disable, rules.severity) and
 * `--disable` apply as in generate and lint: the cluster administrator mounts that config, so
 * a rule it disables is not checked and a rule it raises to error denies.
 *
 * The per-object annotation `dpu-gitops.nvidia.com/disable` is different here. In generate and
 * lint it serves the repository owner, who may settle any finding in their own repository. The
 * webhook guards the cluster against whoever writes the object under review, and that author
 * writes the annotation too: if it settled errors, a DPUService author could annotate away the
 * 64 KB pod limit or the one-DaemonSet rule. So at admission the annotation settles warnings
 * only (a known arm64 image, a schema warning); an error it names stays an error and the denial
 * says the annotation cannot waive it. The severity it is judged at is the administrator's:
 * a rule lowered to warning by the config can be settled by annotation, one raised to error
 * cannot.
 */
import { DISABLE_ANNOTATION, type RuleControl } from '../config/rules.js';
import type { Finding, ObjectRef, RuleId, Violation } from '../contract/types.js';

export interface AdmissionSettled {
  /** What remains, at the administrator's severity. */
  findings: Finding[];
  /** Errors whose object's annotation names their rule (members of `findings`, by identity). */
  refusedWaivers: Set<Finding>;
  /** Rules of the warnings an annotation settled (for the review's log line). */
  settledByAnnotation: RuleId[];
}

export function settleAtAdmission(findings: readonly Finding[], control: RuleControl, annotated: (object: ObjectRef | undefined) => ReadonlySet<string>): AdmissionSettled {
  const kept: Finding[] = [];
  const refused = new Set<Finding>();
  const settled: RuleId[] = [];
  for (const f of findings) {
    if (control.disabled.has(f.rule)) continue;
    const severity = control.severity[f.rule] ?? f.severity;
    const finding = severity === f.severity ? f : { ...f, severity };
    if (annotated(f.object).has(f.rule)) {
      if (severity === 'warning') {
        settled.push(f.rule);
        continue;
      }
      refused.add(finding);
    }
    kept.push(finding);
  }
  return { findings: kept, refusedWaivers: refused, settledByAnnotation: settled };
}

/** The words added to an error whose object's annotation tried to waive it. */
export const REFUSED_WAIVER_NOTE = `(the ${DISABLE_ANNOTATION} annotation cannot waive an error at admission: it settles warnings only; the webhook's config rules.disable / rules.severity decide errors)`;

/** The violation with the refused-waiver note on its message. */
export function withRefusedWaiverNote(v: Violation): Violation {
  return { ...v, message: `${v.message} ${REFUSED_WAIVER_NOTE}` };
}
