// Shared by the regex/encoding/semver/date/url/crypto/network tests: reads the fixtures
// recorded from real helm v3.17.3 by scripts/record/funcs-b/record.mjs and checks our functions
// against them two ways:
//  - directly: each case's call is evaluated by calling the GoFunc implementations with the Go
//    values text/template would pass (int literals as int, converted to the parameter's int type;
//    float literals as float64; nil as nil), and the result printed as `{{ }}` prints it;
//  - end to end: each case's template text runs through TemplateSet with these functions.
// Dates were recorded with TZ=America/New_York; loading this file sets the same zone.
import { readFileSync } from 'node:fs';
import { conversionFuncs } from '../../../helm/funcs/conversion.js';
import { cryptoFuncs } from '../../../helm/funcs/crypto.js';
import { dateFuncs } from '../../../helm/funcs/date.js';
import { resetLocalLocation } from '../../../helm/funcs/date-zone.js';
import { dictFuncs } from '../../../helm/funcs/dicts.js';
import { encodingFuncs } from '../../../helm/funcs/encoding.js';
import { listFuncs } from '../../../helm/funcs/lists.js';
import { networkFuncs } from '../../../helm/funcs/network.js';
import { randomFuncs } from '../../../helm/funcs/random.js';
import { regexFuncs } from '../../../helm/funcs/regex.js';
import { semverFuncs } from '../../../helm/funcs/semver.js';
import { serializationFuncs } from '../../../helm/funcs/serialization.js';
import { stringFuncs } from '../../../helm/funcs/strings.js';
import { urlFuncs } from '../../../helm/funcs/url.js';
import { TemplateExecError, TemplateParseError } from '../../../helm/template/errors.js';
import { sprint } from '../../../helm/template/gofmt.js';
import { TemplateSet } from '../../../helm/template/template-set.js';
import { expectedOut } from './fixture-harness.js';
import { GoError, GoFunc, GoInt, type GoMap, type GoValue, type IntType, tagMapType, typeOf } from '../../../helm/template/value.js';

process.env.TZ = 'America/New_York';
resetLocalLocation();

export type CaseCall = [string, ...unknown[]];

export interface FuncCase {
  expr?: string;
  call?: CaseCall;
  tpl?: string;
  out?: string;
  /** Base64 of the output bytes, recorded when they are not valid UTF-8 (`out` then has U+FFFD). */
  outBytes?: string;
  type?: string;
  error?: string;
  detail?: string;
}

export interface FuncFixture {
  recordedWith: string;
  values: Record<string, unknown>;
  generated?: unknown;
  cases: FuncCase[];
}

/** Our functions of these domains, plus the helpers the cases nest (list, dict, int64...). */
export function funcMap(extra: readonly GoFunc[] = []): Map<string, GoFunc> {
  const all = [stringFuncs, listFuncs, dictFuncs, conversionFuncs, serializationFuncs, regexFuncs, encodingFuncs, semverFuncs, dateFuncs, urlFuncs, cryptoFuncs, randomFuncs, networkFuncs, extra];
  return new Map(all.flat().map((f) => [f.name, f]));
}

export function loadFixture(domain: string): FuncFixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/b-${domain}.json`, import.meta.url), 'utf8'));
}

/** JSON as helm reads values.yaml: maps, []interface{}, float64 numbers. */
function goValueFromJson(j: unknown): GoValue {
  if (j === null) return null;
  if (Array.isArray(j)) return j.map(goValueFromJson);
  if (typeof j === 'object') return new Map(Object.entries(j as object).map(([k, v]) => [k, goValueFromJson(v)]));
  return j as GoValue;
}

export function valuesOf(fixture: FuncFixture): GoValue {
  return tagMapType(goValueFromJson(fixture.values) as GoMap, 'chartutil.Values');
}

/** A function's error as text/template reports it: `error calling NAME: MESSAGE`. */
export class CallFailure extends Error {}

const INT_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64']);

function evalArg(arg: unknown, values: GoValue, funcs: ReadonlyMap<string, GoFunc>): GoValue {
  if (arg === null || typeof arg === 'string' || typeof arg === 'boolean') return arg;
  if (Array.isArray(arg)) return evalCall(arg as CaseCall, values, funcs);
  const a = arg as { i?: number | string; f?: number; v?: string };
  if (a.i !== undefined) return new GoInt(BigInt(a.i), 'int');
  if (a.f !== undefined) return a.f;
  if (a.v !== undefined) return a.v.split('.').reduce<GoValue>((cur, k) => (cur instanceof Map ? cur.get(k) : undefined), values);
  throw new Error('unsupported case argument ' + JSON.stringify(arg));
}

/** What text/template does to an argument for a parameter type, as far as the cases need. */
function convertArg(v: GoValue, type: string): GoValue {
  if (v instanceof GoInt && INT_TYPES.has(type) && v.type !== type) return new GoInt(v.value, type as IntType);
  return v === undefined ? null : v;
}

export function evalCall(call: CaseCall, values: GoValue, funcs: ReadonlyMap<string, GoFunc>): GoValue {
  const [name, ...rawArgs] = call;
  const fn = funcs.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  const args = rawArgs.map((a) => evalArg(a, values, funcs));
  const { params, variadic } = fn.signature;
  const converted = args.map((a, i) => convertArg(a, i < params.length ? params[i]! : variadic ?? 'interface {}'));
  try {
    return fn.impl(...converted);
  } catch (e) {
    if (e instanceof GoError) throw new CallFailure(`error calling ${name}: ${e.message}`);
    throw e;
  }
}

/** How `{{ value }}` prints a result. */
export function printed(v: GoValue): string {
  return v === null || v === undefined ? '<no value>' : sprint([v]);
}

/** Direct calls of the call cases; one line per mismatch. */
export function checkDirect(fixture: FuncFixture, funcs = funcMap()): string[] {
  const failures: string[] = [];
  const values = valuesOf(fixture);
  for (const c of fixture.cases) {
    if (!c.call) continue;
    let got: string;
    try {
      const result = evalCall(c.call, values, funcs);
      got = JSON.stringify({ out: printed(result), type: typeOf(result) });
    } catch (e) {
      if (!(e instanceof CallFailure)) throw new Error(`${c.expr}: ${(e as Error).stack}`);
      got = JSON.stringify({ detail: e.message });
    }
    const want = JSON.stringify(c.error !== undefined ? { detail: c.detail } : { out: expectedOut(c), type: c.type });
    if (got !== want) failures.push(`${c.expr}: got ${got}, want ${want}`);
  }
  return failures;
}

const TEMPLATE_NAME = 'funcsb/templates/case.yaml';

export function render(source: string, values: GoValue, funcs = funcMap()): string {
  const set = new TemplateSet(TEMPLATE_NAME, funcs);
  set.parse(TEMPLATE_NAME, source);
  return set.execute(TEMPLATE_NAME, new Map([['Values', values]]));
}

/**
 * Every case as template text through TemplateSet; one line per mismatch. `checkTypes: false`
 * skips the second `printf "%T"` render (the direct check covers types) for slow functions.
 */
export function checkEndToEnd(fixture: FuncFixture, funcs = funcMap(), options: { checkTypes?: boolean } = {}): string[] {
  const checkTypes = options.checkTypes ?? true;
  const failures: string[] = [];
  const values = valuesOf(fixture);
  for (const c of fixture.cases) {
    let got: string;
    try {
      const source = c.tpl ?? `{{ ${c.expr} }}`;
      const out = render(source + '\n', values, funcs).slice(0, -1);
      const type = c.tpl || !checkTypes ? undefined : render(`{{ printf "%T" (${c.expr}) }}`, values, funcs);
      got = JSON.stringify({ out, type });
    } catch (e) {
      // Anything but a template error is a bug somewhere in the executor or a function.
      got = e instanceof TemplateExecError || e instanceof TemplateParseError ? JSON.stringify({ error: e.goText() }) : `internal error ${(e as Error).stack}`;
    }
    const want = JSON.stringify(c.error !== undefined ? { error: c.error } : { out: expectedOut(c), type: checkTypes ? c.type : undefined });
    if (got !== want) failures.push(`${c.expr ?? c.tpl}: got ${got}, want ${want}`);
  }
  return failures;
}
