/**
 * The functions helm's engine binds to the template set it renders with (helm v3.17.3
 * pkg/engine/engine.go initFunMap, includeFun, tplFun): `include` and `tpl` close over the set,
 * `required` and `fail` mark their message for helm's error cleanup, `lookup` has no cluster
 * and returns an empty map, and `getHostByName` answers "" because DNS lookups are off.
 */
import {
  GoError, type GoFunc, type GoMap, type GoValue, tagMapType, TemplateSet, parse, executeTree,
} from '../template/index.js';
import { quote } from '../template/strconv.js';
import { define } from '../funcs/define.js';

/** helm's recursionMaxNums: how deep `include` of one name may nest. */
export const INCLUDE_RECURSION_MAX = 1000;

/** The markers helm wraps `required`/`fail` messages in (warnStartDelim / warnEndDelim). */
export const HELM_ERR_START = 'HELM_ERR_START';
export const HELM_ERR_END = 'HELM_ERR_END';

/** Counts of `include` nesting per template name, shared by one render (helm's includedNames). */
export type IncludedNames = Map<string, number>;

/** includeFun: executes a named template of `set` into a string. */
export function includeFunc(set: TemplateSet, includedNames: IncludedNames): GoFunc {
  return define(
    'include',
    ['string', 'interface {}'],
    'string',
    (name: string, data: GoValue) => {
      const count = includedNames.get(name);
      if (count !== undefined) {
        if (count > INCLUDE_RECURSION_MAX) {
          throw new GoError(`rendering template has a nested reference name: ${name}: unable to execute template`);
        }
        includedNames.set(name, count + 1);
      } else {
        includedNames.set(name, 1);
      }
      try {
        return set.execute(name, data);
      } finally {
        includedNames.set(name, (includedNames.get(name) ?? 1) - 1);
      }
    },
    { returnsError: true },
  );
}

/**
 * tplFun: renders a string as a template in a clone of `parent`, so it sees every `define` of
 * the chart and its own; nested `include`/`tpl` are re-bound to the clone. The text is parsed
 * under the set's own name (`gotpl`) and executed directly, even when it only holds defines.
 */
export function tplFunc(parent: TemplateSet, includedNames: IncludedNames): GoFunc {
  return define(
    'tpl',
    ['string', 'interface {}'],
    'string',
    (text: string, vals: GoValue) => {
      const clone = parent.clone();
      clone.setMissingKey('zero');
      clone.setFuncs(
        new Map([
          ['include', includeFunc(clone, includedNames)],
          ['tpl', tplFunc(clone, includedNames)],
        ]),
      );
      let trees;
      try {
        trees = parse(parent.name, text, { isFunc: (fn) => clone.findFunction(fn) !== undefined });
      } catch (e) {
        throw new GoError(`cannot parse template ${quote(text)}: ${messageOf(e)}`);
      }
      for (const [name, tree] of trees) clone.addTree(name, tree);
      const own = trees.get(parent.name);
      let out = '';
      try {
        if (own !== undefined) out = executeTree(clone, parent.name, own, vals);
      } catch (e) {
        throw new GoError(`error during tpl function execution for ${quote(text)}: ${messageOf(e)}`);
      }
      return withoutNoValue(out);
    },
    { returnsError: true },
  );
}

/**
 * The text with every `<no value>` removed, as helm does after execution. A text without one is
 * returned as it is (replaceAll would copy it).
 */
export function withoutNoValue(text: string): string {
  return text.includes('<no value>') ? text.replaceAll('<no value>', '') : text;
}

/** `required`: the value, or an error when it is nil or an empty string. */
export const requiredFunc: GoFunc = define(
  'required',
  ['string', 'interface {}'],
  'interface {}',
  (warn: string, val: GoValue) => {
    if (val === undefined || val === null || val === '') throw new GoError(HELM_ERR_START + warn + HELM_ERR_END);
    return val;
  },
  { returnsError: true },
);

/** `fail`: always an error carrying the message. */
export const failFunc: GoFunc = define(
  'fail',
  ['string'],
  'string',
  (msg: string) => {
    throw new GoError(HELM_ERR_START + msg + HELM_ERR_END);
  },
  { returnsError: true },
);

/** `lookup` without a cluster connection: always an empty map (helm template is client-only). */
export const lookupFunc: GoFunc = define(
  'lookup',
  ['string', 'string', 'string', 'string'],
  'map[string]interface {}',
  () => tagMapType(new Map() as GoMap, 'map[string]interface {}'),
  { returnsError: true },
);

/** `getHostByName` while DNS lookups are disabled (helm's default): "". */
export const getHostByNameFunc: GoFunc = define('getHostByName', ['string'], 'string', () => '');

/**
 * helm's lint mode (Engine.LintMode): `required` of a missing value and `fail` log an `[INFO]`
 * line (engine.go:206 / engine.go:227) and give "" instead of failing the render.
 */
export type LintModeLog = (line: string) => void;

function lintRequiredFunc(log: LintModeLog): GoFunc {
  return define('required', ['string', 'interface {}'], 'interface {}', (warn: string, val: GoValue) => {
    // helm logs a nil value from engine.go:206 and an empty string from engine.go:214.
    if (val === undefined || val === null || val === '') {
      log(`engine.go:${val === '' ? 214 : 206}: [INFO] Missing required value: ${warn}\n`);
      return '';
    }
    return val;
  }, { returnsError: true });
}

function lintFailFunc(log: LintModeLog): GoFunc {
  return define('fail', ['string'], 'string', (msg: string) => {
    log(`engine.go:227: [INFO] Fail: ${msg}\n`);
    return '';
  }, { returnsError: true });
}

/** The engine-bound functions for one render over `set` (in lint mode when `lintLog` is given). */
export function engineFuncs(set: TemplateSet, includedNames: IncludedNames, lintLog?: LintModeLog): Map<string, GoFunc> {
  return new Map<string, GoFunc>([
    ['include', includeFunc(set, includedNames)],
    ['tpl', tplFunc(set, includedNames)],
    ['required', lintLog ? lintRequiredFunc(lintLog) : requiredFunc],
    ['fail', lintLog ? lintFailFunc(lintLog) : failFunc],
    ['lookup', lookupFunc],
    ['getHostByName', getHostByNameFunc],
  ]);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
