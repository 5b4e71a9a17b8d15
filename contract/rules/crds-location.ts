/**
 * crds-location (warning): CRDs belong in the chart's `crds/` folder (seed 002, Recommendations),
 * where helm installs them before the templates and never deletes them. A CRD rendered from
 * templates/ is deleted with the release and races the objects that use it.
 */
import type { ChartFacts } from '../chart-facts.js';
import type { Finding, RuleSpec } from '../types.js';

export const crdsLocationRule: RuleSpec = {
  id: 'crds-location',
  severity: 'warning',
  summary: 'CustomResourceDefinitions go in the chart\'s crds/ folder, not templates/.',
  fix: 'move the CustomResourceDefinition from {{template}} to the chart\'s crds/ folder',
};

const CRD_KIND = /^kind:\s*["']?CustomResourceDefinition["']?\s*$/m;

/** One warning per template that declares a CustomResourceDefinition. */
export function checkCrdsLocation(chart: ChartFacts): Finding[] {
  return chart.templates
    .filter((t) => CRD_KIND.test(t.text))
    .map((t) => ({
      rule: 'crds-location' as const,
      severity: 'warning' as const,
      object: { kind: 'CustomResourceDefinition' },
      template: t.path,
    }));
}
