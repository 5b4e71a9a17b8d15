/** The JSON format: the report as is (schema: docs/diff.md), two-space indented, one trailing newline. */
import type { DiffReport } from './report.js';

export function formatJson(r: DiffReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
