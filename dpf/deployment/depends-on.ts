/**
 * `dependsOn`: DPF renders a DPUServiceConfiguration's helm values with Go text/template before
 * composing the DPUService (templateDPUServiceConfigurationValues in
 * dpudeployment_controller_dpuservice.go, Render in internal/dpuservice/templates/templates.go):
 * values JSON → YAML (sigs.k8s.io/yaml JSONToYAML), `template.New("serviceConfig")
 * .Option("missingkey=error").Delims(...)` with data `{Services: {<dep>: {Name, Namespace}}}`,
 * then the output YAML → JSON. Delimiters come from the configuration's annotation
 * `svc.dpu.nvidia.com/template-delimiter: "L,R"` (split on the comma, each part trimmed; any
 * other shape keeps `{{ }}`). No functions beyond Go's builtins, as in DPF.
 */
import { ExecBudget } from '../../helm/template/budget.js';
import { TemplateSet } from '../../helm/template/template-set.js';
import { GoStruct, NO_FIELD, type GoValue } from '../../helm/template/value.js';
import { marshalYaml } from '../../helm/yaml/marshal.js';
import { parseYamlToGo } from '../../helm/yaml/parse.js';
import type { JsonObject } from '../dpuservice.js';
import { fromGo, toGo } from '../values.js';

export const TEMPLATE_DELIMITER_ANNOTATION = 'svc.dpu.nvidia.com/template-delimiter';
/** The most a dependsOn rendering may print (the size cap of an input file). */
export const MAX_RENDERED_VALUES_CHARS = 8 * 1024 * 1024;

/** DPF's TemplateDPUServiceConfigurationValuesParams: the generated DPUService's name and namespace. */
class ServiceParams extends GoStruct {
  readonly goType = 'controllers.TemplateDPUServiceConfigurationValuesParams';
  constructor(
    private readonly name: string,
    private readonly namespace: string,
  ) {
    super();
  }
  fieldNames(): readonly string[] {
    return ['Name', 'Namespace'];
  }
  field(n: string): GoValue | typeof NO_FIELD {
    return n === 'Name' ? this.name : n === 'Namespace' ? this.namespace : NO_FIELD;
  }
}

/** templateDelimsFromAnnotations. */
export function templateDelims(annotations: Readonly<Record<string, string>>): [string, string] {
  const v = annotations[TEMPLATE_DELIMITER_ANNOTATION];
  if (v !== undefined) {
    const parts = v.split(',');
    if (parts.length === 2) return [parts[0]!.trim(), parts[1]!.trim()];
  }
  return ['{{', '}}'];
}

/** Why rendering failed, worded as DPF wraps it (after "failed to template DPUService <svc>: "). */
export class DependsOnTemplateError extends Error {
  override readonly name = 'DependsOnTemplateError';
}

/** The generated DPUServices of the dependencies: service key → {name, namespace}. */
export type DependencyNames = ReadonlyMap<string, { name: string; namespace: string }>;

/**
 * Renders `values` for a service whose dependsOn lists `dependencies`; each must be in `names`
 * (DPF: "DPUService <dep> not found in patched services"). Returns the rendered values.
 */
export function renderDependsOnValues(values: JsonObject, dependencies: readonly string[], names: DependencyNames, annotations: Readonly<Record<string, string>>): JsonObject {
  const services = new Map<string, GoValue>();
  for (const dep of dependencies) {
    const n = names.get(dep);
    if (!n) throw new DependsOnTemplateError(`DPUService ${dep} not found in patched services`);
    services.set(dep, new ServiceParams(n.name, n.namespace));
  }
  return renderValuesTemplate(values, new Map([['Services', services]]), annotations);
}

/** templates.Render: values → YAML → text/template with `params` as dot → YAML → JSON. */
export function renderValuesTemplate(values: JsonObject, params: GoValue, annotations: Readonly<Record<string, string>>): JsonObject {
  const [left, right] = templateDelims(annotations);
  const yaml = marshalYaml(toGo(values));
  // Bounded as chart renders are (time, allocation), the output at the 8 MiB an input file may have.
  const budget = ExecBudget.startingNow({ maxOutputChars: MAX_RENDERED_VALUES_CHARS });
  const set = new TemplateSet('serviceConfig', new Map(), { missingKey: 'error', leftDelim: left, rightDelim: right, budget });
  let out: string;
  try {
    set.parse('serviceConfig', yaml);
  } catch (err) {
    throw new DependsOnTemplateError(`failed to template service configuration: failed to parse service configuration template: ${(err as Error).message}`);
  }
  try {
    out = set.execute('serviceConfig', params);
  } catch (err) {
    throw new DependsOnTemplateError(`failed to template service configuration: failed to execute service configuration template: ${(err as Error).message}`);
  }
  let parsed: GoValue;
  try {
    parsed = parseYamlToGo(out);
  } catch (err) {
    throw new DependsOnTemplateError(`failed to unmarshal templated service configuration: ${(err as Error).message}`);
  }
  const json = fromGo(parsed);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DependsOnTemplateError('failed to unmarshal templated service configuration: the rendered values are not a mapping');
  }
  return json;
}
