// The function set as a whole, against helm v3.17.3:
//  - fixtures/helm-func-names.json (scripts/record/funcs-list/record.mjs): every name helm's
//    funcMap registers (sprig v3.3.0's TxtFuncMap minus env/expandenv, plus helm's extras and
//    engine-bound functions) and text/template's builtins, taken from the sources and confirmed
//    name by name against real helm's parser;
//  - fixtures/coverage-extra.json (scripts/record/funcs-list/record-coverage.mjs): helm's output
//    for the names no other fixture calls, and for cross-module defects, run here through
//    TemplateSet with baseFuncMap() and the engine-bound functions, as helm/render binds them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { baseFuncMap } from '../../../helm/funcs/registry.js';
import { resetLocalLocation } from '../../../helm/funcs/date-zone.js';
import { engineFuncs } from '../../../helm/render/engine-funcs.js';
import { execErrorText, parseErrorText } from '../../../helm/render/errors.js';
import { BUILTINS } from '../../../helm/template/builtins.js';
import { TemplateExecError, TemplateParseError } from '../../../helm/template/errors.js';
import { TemplateSet } from '../../../helm/template/template-set.js';
import { goValueFromJson } from './fixture-harness.js';
import { type GoMap, tagMapType } from '../../../helm/template/value.js';

// The coverage cases were recorded with this zone (see coverage-cases.mjs).
process.env.TZ = 'America/New_York';
resetLocalLocation();

interface HelmFuncNames {
  funcMap: string[];
  removedFromSprig: string[];
  helmExtras: string[];
  engineBound: string[];
  builtins: string[];
  probedUndefined: string[];
}

interface CoverageCase {
  group: 'coverage' | 'defects';
  tpl: string;
  out?: string;
  error?: string;
}

interface CoverageFixture {
  templateName: string;
  values: Record<string, unknown>;
  defines: string;
  cases: CoverageCase[];
}

const FUNCS_FIXTURES = new URL('./fixtures/', import.meta.url);
const YAML_FIXTURES = new URL('../yaml/fixtures/', import.meta.url);
const readJson = <T>(dir: URL, name: string): T => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;

const names = readJson<HelmFuncNames>(FUNCS_FIXTURES, 'helm-func-names.json');
const coverage = readJson<CoverageFixture>(FUNCS_FIXTURES, 'coverage-extra.json');

/** The set helm/render builds: baseFuncMap() with the engine-bound functions over it. */
function renderSet(): TemplateSet {
  const set = new TemplateSet('gotpl', baseFuncMap(), { missingKey: 'zero' });
  set.setFuncs(engineFuncs(set, new Map()));
  return set;
}

const engineNames = [...engineFuncs(new TemplateSet('gotpl', new Map()), new Map()).keys()];
const ourNames = new Set([...baseFuncMap().keys(), ...engineNames]);

test('helm registers 220 functions besides the 19 builtins (sprig minus env/expandenv, plus extras)', () => {
  assert.equal(names.funcMap.length, 220);
  assert.equal(names.builtins.length, 19);
  assert.deepEqual(names.removedFromSprig, ['env', 'expandenv']);
  for (const removed of names.removedFromSprig) assert.ok(names.probedUndefined.includes(removed));
});

test('every function helm registers exists here', () => {
  assert.deepEqual(names.funcMap.filter((n) => !ourNames.has(n)), []);
  assert.deepEqual(names.builtins.filter((n) => !BUILTINS.has(n)), []);
});

test('nothing is registered here that helm does not register', () => {
  const helm = new Set(names.funcMap);
  assert.deepEqual([...ourNames].filter((n) => !helm.has(n)).sort(), []);
  assert.deepEqual([...BUILTINS.keys()].filter((n) => !names.builtins.includes(n)), []);
  for (const n of names.probedUndefined) assert.ok(!ourNames.has(n) && !BUILTINS.has(n), n);
});

test('the engine binds exactly the functions helm binds late', () => {
  assert.deepEqual([...engineNames].sort(), [...names.engineBound].sort());
});

// --- which names the recorded fixtures call -------------------------------------------

/** Identifiers of template action text that are not fields, variables, or inside literals. */
function actionIdentifiers(action: string): string[] {
  const code = action
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/"(?:\\.|[^"\\])*"|`[^`]*`|'(?:\\.|[^'\\])+'/g, ' ');
  return [...code.matchAll(/(?<![.$\w])[A-Za-z_]\w*/g)].map((m) => m[0]);
}

/** Identifiers inside the `{{ }}` actions of a whole template. */
function templateIdentifiers(text: string): string[] {
  return [...text.matchAll(/\{\{([\s\S]*?)\}\}/g)].flatMap((m) => actionIdentifiers(m[1] as string));
}

/**
 * Function names a fixture document calls: heads of `call` arrays, identifiers of `expr`
 * (an action's text) and of `tpl`/`template` (whole templates); in the serialization fixtures,
 * which key helm's outputs by the function that printed them, keys naming a function whose
 * value is such an output string.
 */
function calledNames(doc: unknown, known: ReadonlySet<string>, outputKeys: boolean, into: Set<string>): void {
  const visitCall = (call: unknown): void => {
    if (!Array.isArray(call)) return;
    if (typeof call[0] === 'string') into.add(call[0]);
    for (const arg of call.slice(1)) visitCall(arg);
  };
  if (Array.isArray(doc)) {
    for (const item of doc) calledNames(item, known, outputKeys, into);
    return;
  }
  if (doc === null || typeof doc !== 'object') return;
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'call') visitCall(value);
    else if (key === 'expr' && typeof value === 'string') for (const id of actionIdentifiers(value)) into.add(id);
    else if ((key === 'tpl' || key === 'template') && typeof value === 'string') for (const id of templateIdentifiers(value)) into.add(id);
    else if (outputKeys && typeof value === 'string' && known.has(key)) into.add(key);
    calledNames(value, known, outputKeys, into);
  }
}

function fixtureCalls(dir: URL, outputKeys: boolean, known: ReadonlySet<string>, except: readonly string[] = []): Set<string> {
  const out = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.json') || except.includes(file)) continue;
    calledNames(readJson<unknown>(dir, file), known, outputKeys, out);
  }
  return out;
}

test('the fixture scan finds calls, not words inside literals or field names', () => {
  assert.deepEqual(actionIdentifiers('upper "len" | quote .Values.trim $x.b64enc `cat` (add 1 2)'), ['upper', 'quote', 'add']);
  assert.deepEqual(templateIdentifiers('len {{ /* index */ lower "x" }} and {{- if eq 1 1 }}{{ end -}}'), ['lower', 'if', 'eq', 'end']);
  const into = new Set<string>();
  calledNames({ cases: [{ call: ['toString', ['list', 1]] }], toYaml: 'a: 1', b64dec: { toJson: '"x"' } }, new Set(['toYaml', 'b64dec', 'toJson']), true, into);
  assert.deepEqual([...into].sort(), ['list', 'toJson', 'toString', 'toYaml']);
});

test('every function helm registers is called by at least one recorded case', () => {
  const all = new Set([...names.funcMap, ...names.builtins]);
  const elsewhere = new Set([
    ...fixtureCalls(FUNCS_FIXTURES, false, all, ['helm-func-names.json', 'coverage-extra.json']),
    ...fixtureCalls(YAML_FIXTURES, true, all),
  ]);
  const extra = new Set<string>();
  calledNames(coverage, all, false, extra);
  const uncovered = [...all].filter((n) => !elsewhere.has(n) && !extra.has(n));
  assert.deepEqual(uncovered, []);
  // coverage-extra.json exists for the rest; it must not be the only home of many names.
  const onlyExtra = [...all].filter((n) => !elsewhere.has(n)).sort();
  assert.deepEqual(onlyExtra, [
    'ago', 'and', 'call', 'fail', 'ge', 'genCA', 'genSignedCert', 'gt', 'html', 'include', 'index', 'js', 'le', 'len', 'lookup', 'lt', 'ne', 'not', 'now',
    'or', 'print', 'println', 'randAlpha', 'randAlphaNum', 'randAscii', 'randNumeric', 'required', 'tpl', 'urlquery', 'uuidv4',
  ]);
});

// --- the extra recorded cases ----------------------------------------------------------

function runCase(c: CoverageCase): { out: string } | { error: string } {
  const set = renderSet();
  const file = coverage.templateName;
  const defs = file.replace(/[^/]+$/, '_defs.tpl');
  try {
    set.parse(defs, coverage.defines + '\n');
    set.parse(file, c.tpl);
  } catch (e) {
    if (e instanceof TemplateParseError) return { error: parseErrorText(file, e) };
    throw e;
  }
  const values = tagMapType(goValueFromJson(coverage.values) as GoMap, 'chartutil.Values');
  try {
    return { out: set.execute(file, new Map([['Values', values]])) };
  } catch (e) {
    if (e instanceof TemplateExecError) return { error: execErrorText(file, e) };
    throw e;
  }
}

for (const group of ['coverage', 'defects'] as const) {
  test(`coverage-extra ${group} cases match helm through TemplateSet`, () => {
    const failures: string[] = [];
    for (const c of coverage.cases.filter((x) => x.group === group)) {
      const got = runCase(c);
      const want = c.error !== undefined ? { error: c.error } : { out: c.out };
      if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${c.tpl}\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
    }
    assert.deepEqual(failures, []);
  });
}
