/**
 * helm v3.17.3 pkg/engine/engine.go Render: every template of a chart and its (enabled)
 * subcharts is parsed into one set (so `define`s are shared; deeper paths are parsed first, so
 * a parent's definition wins), then every non-partial template is executed with the values
 * scoped to its chart, and `<no value>` is removed from the output.
 */
import { type ExecBudget, type GoMap, type GoValue, tagMapType, TemplateSet } from '../template/index.js';
import { TemplateChartStruct } from '../chart/metadata-struct.js';
import type { Chart } from '../chart/types.js';
import { baseFuncMap } from '../funcs/registry.js';
import { engineFuncs, withoutNoValue, type IncludedNames, type LintModeLog } from './engine-funcs.js';
import { execErrorText, parseErrorText, RenderError } from './errors.js';
import { cachedTrees, rememberTrees } from './parsed-templates.js';
import { LayeredMap } from '../template/layered-map.js';
import { newFiles } from './files.js';
import { baseName, joinPath } from './go-text.js';
import { VALUES_TYPE } from './render-values.js';
import { typedMapView } from './typed-view.js';
import { compareGoStrings, goStringFromBytes } from '../template/gostring.js';

/** A template with the values it renders with (helm's renderable). */
interface Renderable {
  /** The template's source bytes (decoded to text only when it has to be parsed). */
  data: Uint8Array;
  /** The chart-scoped top-level object (Chart, Files, Release, Capabilities, Values, Subcharts). */
  vals: GoMap;
  basePath: string;
}

/** The set's own name; tpl parses its text under it and Go mentions it in some errors. */
export const TEMPLATE_SET_NAME = 'gotpl';

/**
 * Engine.Render: the rendered text of every template (partials excluded), keyed by full path
 * (`chart/templates/x.yaml`, `chart/charts/sub/templates/y.yaml`). `renderValues` is the
 * object ToRenderValues built (Release, Capabilities, Values...). `lintLog` renders in helm's lint
 * mode (see engine-funcs.ts). Throws RenderError.
 */
export function renderTemplates(chart: Chart, renderValues: GoMap, budget?: ExecBudget, lintLog?: LintModeLog): Map<string, string> {
  const templates = allTemplates(chart, renderValues);
  const keys = sortTemplates([...templates.keys()]);
  const sources = keys.map((k) => [k, (templates.get(k) as Renderable).data] as const);
  const parsed = cachedTrees(sources);
  const set = new TemplateSet(
    TEMPLATE_SET_NAME,
    baseFuncMap(),
    { missingKey: 'zero', ...(budget !== undefined ? { budget } : {}) },
    parsed !== undefined ? new LayeredMap([parsed]) : undefined,
  );
  const includedNames: IncludedNames = new Map();
  set.setFuncs(engineFuncs(set, includedNames, lintLog));

  if (parsed === undefined) {
    for (const filename of keys) {
      try {
        set.parse(filename, goStringFromBytes((templates.get(filename) as Renderable).data));
      } catch (e) {
        throw new RenderError(parseErrorText(filename, e), filename, 'parse', { cause: e });
      }
    }
    rememberTrees(sources, set.treesSnapshot());
  }

  const rendered = new Map<string, string>();
  for (const filename of keys) {
    if (baseName(filename).startsWith('_')) continue;
    const r = templates.get(filename) as Renderable;
    // helm sets .Template on the chart's shared object just before each file runs.
    r.vals.set('Template', templateInfo(filename, r.basePath));
    let out: string;
    try {
      out = set.execute(filename, r.vals);
    } catch (e) {
      throw new RenderError(execErrorText(filename, e), filename, 'exec', { cause: e });
    }
    rendered.set(filename, withoutNoValue(out));
  }
  return rendered;
}

function templateInfo(name: string, basePath: string): GoMap {
  return tagMapType(new Map<string, GoValue>([['Name', name], ['BasePath', basePath]]), VALUES_TYPE);
}

/** allTemplates / recAllTpls: every template path with its chart-scoped values. */
function allTemplates(chart: Chart, vals: GoMap): Map<string, Renderable> {
  const templates = new Map<string, Renderable>();
  recAllTemplates(chart, templates, vals);
  return templates;
}

function recAllTemplates(c: Chart, templates: Map<string, Renderable>, vals: GoMap): GoMap {
  const subcharts: GoMap = new Map();
  const next: GoMap = tagMapType(
    new Map<string, GoValue>([
      ['Chart', TemplateChartStruct.of(c)],
      ['Files', newFiles(c.files)],
      ['Release', vals.get('Release')],
      ['Capabilities', vals.get('Capabilities')],
      ['Values', tagMapType(new Map(), VALUES_TYPE)],
      ['Subcharts', subcharts],
    ]),
    VALUES_TYPE,
  );
  if (c.isRoot()) {
    next.set('Values', vals.get('Values'));
  } else {
    const table = valuesTable(vals, `Values.${c.name()}`);
    // Go converts the map to chartutil.Values for the subchart; the parent keeps seeing a plain map.
    if (table !== undefined) next.set('Values', typedMapView(table, VALUES_TYPE));
  }
  for (const child of c.dependencies) subcharts.set(child.name(), recAllTemplates(child, templates, next));

  const parentId = c.chartFullPath();
  const library = c.metadata.type.toLowerCase() === 'library';
  for (const t of c.templates) {
    // A library chart contributes only its partials (isTemplateValid).
    if (library && !baseName(t.name).startsWith('_')) continue;
    templates.set(joinPath(parentId, t.name), {
      data: t.data,
      vals: next,
      basePath: joinPath(parentId, 'templates'),
    });
  }
  return next;
}

/** chartutil Values.Table: the map at a dotted path, or undefined (ErrNoTable). */
function valuesTable(v: GoMap, path: string): GoMap | undefined {
  let table: GoMap = v;
  for (const key of path.split('.')) {
    const next = table.get(key);
    if (!(next instanceof Map)) return undefined;
    table = next;
  }
  return table;
}

/** sortTemplates: most `/` first; equal depth in reverse string order (sort.Reverse(byPathLen)). */
export function sortTemplates(keys: string[]): string[] {
  const depth = (s: string): number => s.split('/').length - 1;
  return [...keys].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return compareGoStrings(b, a);
  });
}
