// Shared by the sprig function tests: reads the fixtures recorded from real helm v3.17.3 by
// scripts/record/funcs-a/record.mjs and checks our functions against them in two ways:
//  - directly: each case's call is evaluated by calling the GoFunc implementations with the Go
//    values text/template would pass (int literals as GoInt int, float literals and values.yaml
//    numbers as float64, missing values as nil), printing the result as text/template does;
//  - end to end: each case's template text runs through TemplateSet with these functions.
import { readFileSync } from 'node:fs';
import { conversionFuncs } from '../../../helm/funcs/conversion.js';
import { defaultFuncs } from '../../../helm/funcs/defaults.js';
import { dictFuncs } from '../../../helm/funcs/dicts.js';
import { listFuncs } from '../../../helm/funcs/lists.js';
import { mathFuncs } from '../../../helm/funcs/math.js';
import { pathFuncs } from '../../../helm/funcs/paths.js';
import { reflectFuncs } from '../../../helm/funcs/reflect.js';
import { stringFuncs } from '../../../helm/funcs/strings.js';
import { sprint } from '../../../helm/template/gofmt.js';
import { goStringFromBytes } from '../../../helm/template/gostring.js';
import { TemplateExecError, TemplateParseError } from '../../../helm/template/errors.js';
import { TemplateSet } from '../../../helm/template/template-set.js';
import { GoError, GoInt, type GoFunc, type GoMap, type GoValue, T_INTERFACE, T_MAP, tagMapType, typeOf } from '../../../helm/template/value.js';

/** A call as recorded: ['fn', arg...]; see scripts/record/funcs-a/cases.mjs for the encoding. */
export type CaseCall = [string, ...unknown[]];

export interface FuncCase {
  /** Either a call (`expr` is its template text) or a whole template `tpl` (end-to-end only). */
  expr?: string;
  call?: CaseCall;
  tpl?: string;
  execOnly?: boolean;
  out?: string;
  /** Base64 of the output bytes, recorded when they are not valid UTF-8 (`out` then has U+FFFD). */
  outBytes?: string;
  type?: string;
  /** Go's whole error text (`template: ...`) and the part after `at <NODE>: `. */
  error?: string;
  detail?: string;
}

export interface FuncFixture {
  recordedWith: string;
  values: Record<string, unknown>;
  cases: FuncCase[];
}

/** Every function this group of files defines, by name. */
export const ALL_FUNCS: ReadonlyMap<string, GoFunc> = new Map(
  [stringFuncs, listFuncs, dictFuncs, defaultFuncs, mathFuncs, conversionFuncs, reflectFuncs, pathFuncs]
    .flat()
    .map((f) => [f.name, f]),
);

export function loadFixture(domain: string): FuncFixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/${domain}.json`, import.meta.url), 'utf8'));
}

/** `.Values` as helm hands it to templates: a chartutil.Values map of float64 numbers, maps, lists. */
export function valuesFromJson(j: Record<string, unknown>): GoValue {
  return tagMapType(goValueFromJson(j) as GoMap, 'chartutil.Values');
}

/** JSON as Go's yaml/json decoding gives it: map[string]interface{}, []interface{}, float64. */
export function goValueFromJson(j: unknown): GoValue {
  if (j === null) return null;
  if (Array.isArray(j)) return j.map(goValueFromJson);
  if (typeof j === 'object') return new Map(Object.entries(j as object).map(([k, v]) => [k, goValueFromJson(v)]));
  return j as GoValue;
}

/** The output a case expects, as a Go string: its recorded bytes when `out` lost some. */
export function expectedOut(c: { out?: string; outBytes?: string }): string | undefined {
  return c.outBytes !== undefined ? goStringFromBytes(Buffer.from(c.outBytes, 'base64')) : c.out;
}

/** A function's error as text/template reports it: `error calling NAME: MESSAGE`. */
export class CallFailure extends Error {}

function lookupPath(values: GoValue, path: string): GoValue {
  let cur: GoValue = values;
  for (const key of path === '' ? [] : path.split('.')) {
    if (!(cur instanceof Map)) return undefined;
    cur = cur.get(key);
  }
  return cur;
}

function evalArg(arg: unknown, values: GoValue): GoValue {
  if (arg === null || typeof arg === 'string' || typeof arg === 'boolean') return arg;
  if (Array.isArray(arg)) return evalCall(arg as CaseCall, values);
  const a = arg as { i?: number | string; f?: number; v?: string };
  if (a.i !== undefined) return new GoInt(BigInt(a.i), 'int');
  if (a.f !== undefined) return a.f;
  if (a.v !== undefined) return lookupPath(values, a.v);
  throw new Error('unsupported case argument ' + JSON.stringify(arg));
}

/** The argument conversions of text/template that matter for direct calls: nil for nilable types. */
function convertArg(v: GoValue, type: string): GoValue {
  if (v !== undefined && v !== null) return v;
  if (type === T_INTERFACE) return null;
  if (type === T_MAP) return new Map();
  return v;
}

/** Evaluates a recorded call with our function implementations. */
export function evalCall(call: CaseCall, values: GoValue): GoValue {
  const [name, ...rawArgs] = call;
  const fn = ALL_FUNCS.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  const args = rawArgs.map((a) => evalArg(a, values));
  const { params, variadic } = fn.signature;
  const converted = args.map((a, i) => convertArg(a, i < params.length ? params[i]! : variadic ?? T_INTERFACE));
  try {
    return fn.impl(...converted);
  } catch (e) {
    if (e instanceof GoError) throw new CallFailure(`error calling ${name}: ${e.message}`);
    throw e;
  }
}

/** How `{{ value }}` prints a function result: nil interface results print `<no value>`. */
export function printed(v: GoValue): string {
  return v === null || v === undefined ? '<no value>' : sprint([v]);
}

/** Runs the non-execOnly cases by direct calls; returns one line per mismatch. */
export function checkDirect(fixture: FuncFixture): string[] {
  const failures: string[] = [];
  for (const c of fixture.cases) {
    if (c.execOnly || !c.call) continue;
    const values = valuesFromJson(fixture.values);
    let got: string;
    try {
      const result = evalCall(c.call, values);
      got = JSON.stringify({ out: printed(result), type: typeOf(result) });
    } catch (e) {
      if (!(e instanceof CallFailure)) throw new Error(`${c.expr}: ${(e as Error).stack}`);
      got = JSON.stringify({ detail: e.message });
    }
    const want = JSON.stringify(c.error !== undefined ? { detail: c.detail } : { out: expectedOut(c), type: c.type });
    if (got !== want) failures.push(`${c.expr ?? c.tpl}: got ${got}, want ${want}`);
  }
  return failures;
}

const TEMPLATE_NAME = 'funcs/templates/case.yaml';

function render(source: string, values: GoValue): string {
  const set = new TemplateSet(TEMPLATE_NAME, ALL_FUNCS);
  set.parse(TEMPLATE_NAME, source);
  return set.execute(TEMPLATE_NAME, new Map([['Values', values]]));
}

/** Runs every case as template text through TemplateSet; returns one line per mismatch. */
export function checkEndToEnd(fixture: FuncFixture): string[] {
  const failures: string[] = [];
  for (const c of fixture.cases) {
    let got: string;
    try {
      const source = c.tpl ?? `{{ ${c.expr} }}`;
      const out = render(source + '\n', valuesFromJson(fixture.values)).slice(0, -1);
      const type = c.tpl ? undefined : render(`{{ printf "%T" (${c.expr}) }}`, valuesFromJson(fixture.values));
      got = JSON.stringify({ out, type });
    } catch (e) {
      if (!(e instanceof TemplateExecError || e instanceof TemplateParseError)) throw e;
      got = JSON.stringify({ error: e.goText() });
    }
    const want = JSON.stringify(c.error !== undefined ? { error: c.error } : { out: expectedOut(c), type: c.type });
    if (got !== want) failures.push(`${c.expr ?? c.tpl}: got ${got}, want ${want}`);
  }
  return failures;
}

/** Function names used by a fixture's cases (calls, nested calls and whole templates). */
export function coveredNames(fixture: FuncFixture): Set<string> {
  const names = new Set<string>();
  const visit = (call: unknown[]): void => {
    names.add(call[0] as string);
    for (const a of call.slice(1)) if (Array.isArray(a)) visit(a);
  };
  for (const c of fixture.cases) {
    if (c.call) visit(c.call);
    if (c.tpl) for (const word of c.tpl.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) names.add(word);
  }
  return names;
}

/**
 * Compares the functions' Go types (as `%T` prints a func) with the declarations in sprig's
 * source; returns one line per difference, including missing and unexpected names.
 */
export function signatureMismatches(funcs: readonly GoFunc[], expected: Record<string, string>): string[] {
  const out: string[] = [];
  const byName = new Map(funcs.map((f) => [f.name, f]));
  for (const [name, want] of Object.entries(expected)) {
    const fn = byName.get(name);
    if (!fn) out.push(`${name}: missing`);
    else if (typeOf(fn) !== want) out.push(`${name}: ${typeOf(fn)}, want ${want}`);
  }
  for (const name of byName.keys()) if (!(name in expected)) out.push(`${name}: not expected`);
  return out;
}
