/**
 * helm v3.17.3 pkg/lint/rules/chartfile.go: the Chart.yaml rules, in helm's order and words.
 */
import { decodeMetadata } from '../../helm/chart/chart-yaml.js';
import type { Confinement } from '../../helm/chart/confine.js';
import type { Metadata } from '../../helm/chart/types.js';
import { parseConstraint } from '../../helm/semver/constraint.js';
import { parseVersion, SemverError } from '../../helm/semver/version.js';
import type { GoValue } from '../../helm/template/value.js';
import { parseYamlToGo } from '../../helm/yaml/parse.js';
import { baseName } from '../../helm/render/go-text.js';
import { inChart, kindOf, readGoText } from './chart-dir.js';
import { isEmail, isRequestURL, isURL } from './govalidator.js';
import type { MessageSink } from './message.js';

const FILE = 'Chart.yaml';

/** rules.Chartfile. */
export function lintChartfile(sink: MessageSink, chartDir: string, confine?: Confinement): void {
  const path = inChart(chartDir, FILE);
  sink.rule('ERROR', FILE, kindOf(path) === 'dir' ? 'should be a file, not a directory' : undefined);
  let md: Metadata;
  let text: string;
  try {
    text = readGoText(path, confine);
    md = decodeMetadata(text);
  } catch (e) {
    sink.rule('ERROR', FILE, `unable to parse YAML\n\t${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const typed = mapForTypeCheck(text);
  sink.rule('ERROR', FILE, nameError(md));
  sink.rule('ERROR', FILE, apiVersionError(md));
  sink.rule('ERROR', FILE, stringTypeError(typed, 'version'));
  sink.rule('ERROR', FILE, versionError(md));
  sink.rule('ERROR', FILE, stringTypeError(typed, 'appVersion'));
  sink.rule('ERROR', FILE, maintainerError(md));
  sink.rule('ERROR', FILE, sourcesError(md));
  sink.rule('INFO', FILE, md.icon === '' ? 'icon is recommended' : undefined);
  sink.rule('ERROR', FILE, md.icon !== '' && !isRequestURL(md.icon) ? `invalid icon URL '${md.icon}'` : undefined);
  sink.rule('ERROR', FILE, md.type.length > 0 && md.apiVersion !== 'v2' ? `chart type is not valid in apiVersion '${md.apiVersion}'. It is valid in apiVersion 'v2'` : undefined);
  sink.rule(
    'ERROR',
    FILE,
    (md.dependencies?.length ?? 0) > 0 && md.apiVersion !== 'v2'
      ? `dependencies are not valid in the Chart file with apiVersion '${md.apiVersion}'. They are valid in apiVersion 'v2'`
      : undefined,
  );
}

/** loadChartFileForTypeCheck: Chart.yaml as map[string]interface{} (empty when it does not parse). */
function mapForTypeCheck(text: string): Map<string, GoValue> {
  try {
    const v = parseYamlToGo(text);
    return v instanceof Map ? v : new Map();
  } catch {
    return new Map();
  }
}

/** Go's %T of a value decoded from JSON into interface{}. */
function goTypeOf(v: GoValue): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

function stringTypeError(data: Map<string, GoValue>, key: string): string | undefined {
  if (!data.has(key)) return undefined;
  const t = goTypeOf(data.get(key));
  return t === 'string' ? undefined : `${key} should be of type string but it's of type ${t}`;
}

function nameError(md: Metadata): string | undefined {
  if (md.name === '') return 'name is required';
  // filepath.Base: the last element, trailing slashes dropped.
  return baseName(md.name) !== md.name ? `chart name "${md.name}" is invalid` : undefined;
}

function apiVersionError(md: Metadata): string | undefined {
  if (md.apiVersion === '') return 'apiVersion is required. The value must be either "v1" or "v2"';
  if (md.apiVersion !== 'v1' && md.apiVersion !== 'v2') return `apiVersion '${md.apiVersion}' is not valid. The value must be either "v1" or "v2"`;
  return undefined;
}

function versionError(md: Metadata): string | undefined {
  if (md.version === '') return 'version is required';
  const v = parseVersion(md.version);
  if (v instanceof SemverError) return `version '${md.version}' is not a valid SemVer`;
  const c = parseConstraint('>0.0.0-0');
  if (c instanceof SemverError) return c.message;
  const { ok, reasons } = c.validate(v);
  return !ok && reasons.length > 0 ? `version ${reasons[0]}` : undefined;
}

function maintainerError(md: Metadata): string | undefined {
  for (const m of md.maintainers) {
    // A nil maintainer pointer makes helm's rule panic; the loader has refused such a chart.
    if (m === null) return 'each maintainer requires a name';
    if (m.name === '') return 'each maintainer requires a name';
    if (m.email !== '' && !isEmail(m.email)) return `invalid email '${m.email}' for maintainer '${m.name}'`;
    if (m.url !== '' && !isURL(m.url)) return `invalid url '${m.url}' for maintainer '${m.name}'`;
  }
  return undefined;
}

function sourcesError(md: Metadata): string | undefined {
  const bad = md.sources.find((s) => s === '' || !isRequestURL(s));
  return bad === undefined ? undefined : `invalid source URL '${bad}'`;
}
