/**
 * lint output: a human report (one line per finding, `file:line: severity [rule] object:
 * message`, then the fix, then a summary) or one JSON document for tools.
 */
import { formatObject, type Violation } from '../types.js';

export interface LintSummary {
  errors: number;
  warnings: number;
  files: number;
  charts: number;
}

/** Orders violations by file, line, then as found. */
export function sortViolations(violations: readonly Violation[]): Violation[] {
  return violations
    .map((v, i) => ({ v, i }))
    .sort((a, b) => (a.v.file ?? '').localeCompare(b.v.file ?? '') || (a.v.line ?? 0) - (b.v.line ?? 0) || a.i - b.i)
    .map((x) => x.v);
}

export function summarize(violations: readonly Violation[], files: number, charts: number): LintSummary {
  const errors = violations.filter((v) => v.severity === 'error').length;
  return { errors, warnings: violations.length - errors, files, charts };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The human report. */
export function formatHuman(violations: readonly Violation[], summary: LintSummary): string {
  const lines: string[] = [];
  for (const v of violations) {
    const where = v.file ? `${v.file}${v.line ? `:${v.line}` : ''}` : v.template ?? '(input)';
    const object = formatObject(v.object);
    lines.push(`${where}: ${v.severity} [${v.rule}] ${object ? `${object}: ` : ''}${v.message}`);
    lines.push(`    fix: ${v.fix}`);
  }
  const scope = `${plural(summary.files, 'file')}, ${plural(summary.charts, 'chart')}`;
  lines.push(
    summary.errors + summary.warnings === 0
      ? `dpu-gitops lint: no problems (${scope})`
      : `dpu-gitops lint: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} (${scope})`,
  );
  return `${lines.join('\n')}\n`;
}

/** The JSON report: the summary and every violation with its fields. */
export function formatJson(violations: readonly Violation[], summary: LintSummary): string {
  return `${JSON.stringify({ ...summary, violations }, null, 2)}\n`;
}
