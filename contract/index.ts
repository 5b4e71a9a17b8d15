/**
 * Public API of the DPF contract rules. One pure check per rule (contract/rules/), grouped by
 * what they read; wording from handlebars templates (MessageCatalog). The webhook, the CMP and
 * `dpu-gitops lint` call these and only adapt the output.
 *
 *   checkObject(obj)                 pod rules for Pods/workloads, spec rules for DPUServices
 *   checkDpuService(obj)             DPUService spec rules only
 *   checkChart(chart, opts)          every chart rule, rendering through opts.render
 *   checkChartRender(chart, opts)    the same, also returning the rendered objects (the CMP)
 *   checkChartFacts / checkRenderedChart   the static and the rendered halves of checkChart
 *   checkExtensionService(def)       one NICo extension-service definition
 *   checkExtensionServiceSet(defs)   cross-definition rules (unique names, registry conflicts)
 *   MessageCatalog.load().renderAll(findings) -> Violation[]
 * The helm-backed RenderFn lives in contract/render-helm.ts (imported separately so the rules
 * load without the renderer).
 */
export * from './types.js';
export { RULES, RULE_IDS } from './registry.js';
export { MessageCatalog, MessageTemplateError, WARNING_MAX_LENGTH, builtinTemplatesDir, templateContext } from './messages.js';
export { checkObject, checkPodRules, type ObjectCheckOptions } from './objects.js';
export { checkDpuService } from './dpuservice.js';
export { dpuServiceRelease, isReleaseFinding, type DpuServiceRelease } from './dpuservice-release.js';
export { checkChart, checkChartRender, checkChartFacts, checkRenderedChart, chartRef, type ChartCheckOptions, type RenderFn } from './chart.js';
export { chartFactsOf, type ChartFacts, type ChartTemplateText } from './chart-facts.js';
export type { RenderedObject } from './rendered.js';
export { podManifestOf, POD_BEARING_KINDS } from './workloads.js';
export { POD_MANIFEST_LIMIT_BYTES, checkPodSize } from './rules/pod-size.js';
export { checkPodFields } from './rules/pod-fields.js';
export { checkOneDaemonSet } from './rules/one-daemonset.js';
export { checkReleaseName } from './rules/release-name.js';
export { checkDocaVersion, isValidDocaConstraint, DOCA_VERSION_ANNOTATION } from './rules/doca-version.js';
export { chartRenderFinding } from './rules/chart-render.js';
export { chartUnavailableFinding } from './rules/chart-unavailable.js';
export {
  checkExtensionService,
  isExtensionServiceDefinition,
  extensionServiceRef,
  EXTENSION_SERVICE_KIND,
} from './rules/extension-service-spec.js';
export { checkExtensionServiceSet, type LocatedDefinition } from './rules/extension-service-repo.js';
export { DPUSERVICE_API_VERSION } from './rules/dpuservice-spec.js';
