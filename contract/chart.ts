/**
 * The DPUService chart rules, end to end: chart metadata and template text (no rendering
 * needed), then the objects the chart renders with the values DPF would give it, then a second
 * render with every `exposedPorts.ports` switch on so exposed Services are checked too.
 *
 * Rendering is injected (`RenderFn`) so this module does not depend on the renderer: lint, the
 * webhook and the CMP pass helm's renderChart through `contract/render-helm.ts`.
 */
import type { Chart } from '../helm/chart/types.js';
import { chartFactsOf, entriesOf, valueAt, type ChartFacts } from './chart-facts.js';
import { isObject, type JsonObject } from './json.js';
import { checkObject } from './objects.js';
import type { RenderedObject } from './rendered.js';
import { checkArm64Images } from './rules/arm64-image.js';
import { chartRenderFinding } from './rules/chart-render.js';
import { checkCrdsLocation } from './rules/crds-location.js';
import { checkDocaVersion } from './rules/doca-version.js';
import { checkExposedPortsDefault } from './rules/exposed-ports-default.js';
import { checkExposedServiceTrafficPolicy } from './rules/exposed-service-traffic-policy.js';
import { checkImagePullSecrets } from './rules/image-pull-secrets.js';
import { checkOneDaemonSet } from './rules/one-daemonset.js';
import { checkReleaseName } from './rules/release-name.js';
import type { Finding, ObjectRef } from './types.js';

/** Renders a chart with values (plain JSON) as a release; throws on a render error. */
export type RenderFn = (chart: Chart, options: { releaseName: string; namespace: string; values: JsonObject }) => RenderedObject[];

/** The ObjectRef chart-level findings use. */
export function chartRef(facts: Pick<ChartFacts, 'name' | 'version'>): ObjectRef {
  return facts.version ? { kind: 'Chart', name: `${facts.name}-${facts.version}` } : { kind: 'Chart', name: facts.name };
}

/** Rules that read the chart itself: doca-version, dpf-annotation, crds/, imagePullSecrets, exposedPorts defaults. */
export function checkChartFacts(facts: ChartFacts): Finding[] {
  return [
    ...checkDocaVersion(facts.annotations, chartRef(facts)),
    ...checkCrdsLocation(facts),
    ...checkImagePullSecrets(facts),
    ...checkExposedPortsDefault(facts),
  ];
}

/** Rules over what a chart rendered: one DaemonSet, release names, pod rules, exposed Services, arm64. */
export function checkRenderedChart(objects: readonly RenderedObject[], opts: { chart: string; releaseName: string }): Finding[] {
  const findings: Finding[] = [...checkOneDaemonSet(objects, opts.chart), ...checkReleaseName(objects, opts.releaseName)];
  for (const o of objects) findings.push(...checkObject(o.object, { template: o.path }));
  findings.push(...checkExposedServiceTrafficPolicy(objects), ...checkArm64Images(objects));
  return findings;
}

export interface ChartCheckOptions {
  releaseName: string;
  namespace: string;
  /** The values DPF would pass (see dpuServiceRelease); {} for the chart's defaults. */
  values: JsonObject;
  /** Renders the chart; when absent only the static rules run. */
  render?: RenderFn;
}

/** Every chart rule: static facts, the normal render, and the all-ports-exposed render. */
export function checkChart(chart: Chart, opts: ChartCheckOptions): Finding[] {
  return checkChartRender(chart, opts).findings;
}

/**
 * checkChart, also giving back what the normal render produced (undefined when it failed or
 * no renderer was given): the CMP prints those objects, so it renders once and is checked by
 * exactly the rules the webhook and lint run.
 */
export function checkChartRender(chart: Chart, opts: ChartCheckOptions): { findings: Finding[]; objects?: RenderedObject[] } {
  const facts = chartFactsOf(chart);
  const findings = checkChartFacts(facts);
  if (!opts.render) return { findings };
  const ref = chartRef(facts);
  let objects: RenderedObject[];
  try {
    objects = opts.render(chart, { releaseName: opts.releaseName, namespace: opts.namespace, values: opts.values });
  } catch (err) {
    return { findings: [...findings, chartRenderFinding(ref, err)] };
  }
  findings.push(...checkRenderedChart(objects, { chart: ref.name ?? facts.name, releaseName: opts.releaseName }));
  const exposedValues = withAllPortsExposed(facts, opts.values);
  if (exposedValues) {
    try {
      const exposed = opts.render(chart, { releaseName: opts.releaseName, namespace: opts.namespace, values: exposedValues });
      const seen = new Set(findings.map(findingKey));
      for (const f of [...checkExposedServiceTrafficPolicy(exposed), ...checkReleaseName(exposed, opts.releaseName)]) {
        if (!seen.has(findingKey(f))) findings.push(f);
      }
    } catch (err) {
      findings.push(chartRenderFinding(ref, new Error(`with every exposedPorts.ports switch on: ${err instanceof Error ? err.message : String(err)}`)));
    }
  }
  return { findings, objects };
}

/** The values with every port of the chart's `exposedPorts.ports` set to true; undefined if it has none. */
function withAllPortsExposed(facts: ChartFacts, values: JsonObject): JsonObject | undefined {
  const names = entriesOf(valueAt(facts.values, ['exposedPorts', 'ports'])).map(([k]) => k);
  if (names.length === 0) return undefined;
  const exposed = isObject(values.exposedPorts) ? values.exposedPorts : {};
  const ports: JsonObject = { ...(isObject(exposed.ports) ? exposed.ports : {}) };
  for (const n of names) ports[n] = true;
  return { ...values, exposedPorts: { ...exposed, ports } };
}

function findingKey(f: Finding): string {
  return JSON.stringify([f.rule, f.object, f.path, f.template]);
}
