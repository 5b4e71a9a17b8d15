/**
 * The top-level object templates see, as helm v3.17.3 pkg/chartutil/values.go
 * ToRenderValuesWithSchemaValidation builds it: `.Chart`, `.Capabilities`, `.Release` and the
 * coalesced, schema-checked `.Values`. The engine adds `.Files`, `.Subcharts` and `.Template`
 * per chart (engine.ts).
 */
import { GoInt, type GoMap, type GoValue, registerNamedType, tagMapType } from '../template/index.js';
import type { Chart } from '../chart/types.js';
import { TemplateChartStruct } from '../chart/metadata-struct.js';

/** chartutil.Values, the named map type of `.`, `.Values` and `.Template`. */
export const VALUES_TYPE = 'chartutil.Values';

registerNamedType(VALUES_TYPE, 'map[string]interface {}');

/** chartutil.ReleaseOptions. */
export interface ReleaseOptions {
  name: string;
  namespace: string;
  revision: number;
  isUpgrade: boolean;
  isInstall: boolean;
}

/** `.Release`: a map[string]interface{} (Revision is a Go int). */
export function releaseObject(options: ReleaseOptions): GoMap {
  return tagMapType(
    new Map<string, GoValue>([
      ['Name', options.name],
      ['Namespace', options.namespace],
      ['IsUpgrade', options.isUpgrade],
      ['IsInstall', options.isInstall],
      ['Revision', GoInt.int(options.revision)],
      ['Service', 'Helm'],
    ]),
    'map[string]interface {}',
  );
}

/**
 * ToRenderValues once values are coalesced and validated: `{Chart, Capabilities, Release, Values}`
 * with `.Values` typed chartutil.Values.
 */
export function toRenderValues(chart: Chart, values: GoMap, options: ReleaseOptions, capabilities: GoValue): GoMap {
  return tagMapType(
    new Map<string, GoValue>([
      ['Chart', TemplateChartStruct.of(chart)],
      ['Capabilities', capabilities],
      ['Release', releaseObject(options)],
      ['Values', tagMapType(values, VALUES_TYPE)],
    ]),
    'map[string]interface {}',
  );
}
