/**
 * helm v3.17.3 pkg/lint/rules/values.go ValuesWithOverrides: values.yaml must exist (INFO
 * otherwise), parse, and — laid under the user's overrides with CoalesceTables — meet the
 * chart's own values.schema.json (subcharts' schemas are the template rules' business).
 */
import { coalesceTables } from '../../helm/chart/coalesce.js';
import type { Confinement } from '../../helm/chart/confine.js';
import { readValues } from '../../helm/chart/read-values.js';
import { validateAgainstSingleSchema } from '../../helm/chart/schema.js';
import type { GoMap } from '../../helm/template/value.js';
import { inChart, kindOf, readGoText } from './chart-dir.js';
import type { MessageSink } from './message.js';

const FILE = 'values.yaml';

export function lintValues(sink: MessageSink, chartDir: string, overrides: GoMap, confine?: Confinement): void {
  const path = inChart(chartDir, FILE);
  if (!sink.rule('INFO', FILE, kindOf(path) === undefined ? 'file does not exist' : undefined)) return;
  sink.rule('ERROR', FILE, valuesFileError(chartDir, path, overrides, confine));
}

function valuesFileError(chartDir: string, path: string, overrides: GoMap, confine?: Confinement): string | undefined {
  let values: GoMap;
  try {
    values = readValues(readGoText(path, confine));
  } catch (e) {
    return `unable to parse YAML: ${e instanceof Error ? e.message : String(e)}`;
  }
  // CoalesceTables(copy of overrides, overrides) then the file under it: the user's values win.
  const coalesced = coalesceTables(coalesceTables(new Map(), overrides) ?? new Map(), values) ?? new Map();
  const schemaPath = inChart(chartDir, 'values.schema.json');
  let schema: string;
  try {
    schema = readGoText(schemaPath, confine);
  } catch {
    // helm tests len(schema) == 0 before the read error: an unreadable schema is no schema.
    return undefined;
  }
  if (schema.length === 0) return undefined;
  const problems = validateAgainstSingleSchema(coalesced, schema);
  return problems === '' ? undefined : problems;
}
