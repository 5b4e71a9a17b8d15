/**
 * TemplateSet API tests. The main check re-runs every helm-recorded case of fixtures/exec.json
 * the way the recorder ran it inside `helm template` (an `include` of the case from a chart file,
 * data from `.Files.Get`), and compares with helm's whole answer: this covers re-entrant
 * execution through a function and the nesting of error messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TemplateSet, TemplateNotFoundError } from '../../../helm/template/template-set.js';
import { TemplateExecError } from '../../../helm/template/errors.js';
import { GoError, GoFunc, type GoType, type GoValue, GoStruct, goMap, NO_FIELD, T_INTERFACE } from '../../../helm/template/value.js';

interface FixtureCase {
  id: string;
  files: { name: string; t: string }[];
  exec: string;
  data?: unknown;
  dj?: string;
  recorder: 'helm' | 'go';
  out?: string;
  err?: string;
  helm?: string;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/exec.json', import.meta.url), 'utf8')) as {
  outYaml: string;
  json: Record<string, unknown>;
  cases: FixtureCase[];
};

function fromJSON(v: unknown): GoValue {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map(fromJSON);
  if (typeof v === 'object') return new Map(Object.entries(v as object).map(([k, x]) => [k, fromJSON(x)]));
  return v as GoValue;
}

function fn(name: string, params: GoType[], result: GoType, impl: (...args: any[]) => GoValue, returnsError = false): GoFunc {
  return new GoFunc(name, { params, result, returnsError }, impl);
}

/** helm's `.Files` reduced to `Get`. */
class Files extends GoStruct {
  readonly goType = 'engine.files';
  constructor(private readonly files: Record<string, string>) {
    super();
  }
  fieldNames(): readonly string[] {
    return [];
  }
  field(): GoValue | typeof NO_FIELD {
    return NO_FIELD;
  }
  override method(name: string): GoFunc | undefined {
    if (name !== 'Get') return undefined;
    return fn('Get', ['string'], 'string', (path: string) => this.files[path] ?? '');
  }
}

/** The chart of the helm recorder: the case as c/templates/_case.tpl, run from c/templates/out.yaml. */
function helmChart(c: FixtureCase): { set: TemplateSet; data: GoValue } {
  const set = new TemplateSet('gotpl', new Map(), { missingKey: 'zero' });
  set.setFuncs(
    new Map([
      ['include', fn('include', ['string', T_INTERFACE], 'string', (name: string, data: GoValue) => set.execute(name, data), true)],
      ['mustFromJson', fn('mustFromJson', ['string'], T_INTERFACE, (s: string) => fromJSON(JSON.parse(s)), true)],
      ['b64enc', fn('b64enc', ['string'], 'string', (s: string) => Buffer.from(s, 'utf8').toString('base64'))],
    ]),
  );
  set.parse('c/templates/_case.tpl', c.files[0]!.t);
  set.parse('c/templates/out.yaml', fixture.outYaml);
  const raw = c.dj !== undefined ? fixture.json[c.dj] : (c.data ?? null);
  return { set, data: goMap({ Files: new Files({ 'data.json': JSON.stringify(raw) }) }) };
}

test('helm-recorded cases reproduce helm through include, byte for byte', () => {
  const cases = fixture.cases.filter((c) => c.recorder === 'helm');
  assert.ok(cases.length > 300);
  for (const c of cases) {
    const { set, data } = helmChart(c);
    if (c.err === undefined) {
      assert.equal(set.execute('c/templates/out.yaml', data), c.helm, c.id);
      continue;
    }
    assert.throws(
      () => set.execute('c/templates/out.yaml', data),
      (e: unknown) => {
        assert.ok(e instanceof TemplateExecError, c.id);
        assert.equal(e.message, c.helm, c.id);
        // The inner execution error is kept as the cause.
        assert.ok(e.cause instanceof TemplateExecError, c.id);
        assert.equal((e.cause as TemplateExecError).message, c.err, c.id);
        return true;
      },
    );
  }
});

test('a function error is the cause of the exec error, with fields for the location', () => {
  const boom = new GoError('bad input');
  const set = new TemplateSet('root', new Map([['check', fn('check', [], 'string', () => { throw boom; }, true)]]));
  set.parse('file.tpl', 'a\n  {{ check }}');
  assert.throws(
    () => set.execute('file.tpl', null),
    (e: unknown) => {
      assert.ok(e instanceof TemplateExecError);
      assert.equal(e.cause, boom);
      assert.equal(e.executing, 'file.tpl');
      assert.deepEqual(e.location, { template: 'file.tpl', line: 2, col: 5, nodeText: 'check' });
      assert.equal(e.detail, 'error calling check: bad input');
      return true;
    },
  );
});

test('an unknown template name is a TemplateNotFoundError naming both templates', () => {
  const set = new TemplateSet('root', new Map());
  set.parse('main', 'x');
  assert.throws(
    () => set.execute('nope', null),
    (e: unknown) => {
      assert.ok(e instanceof TemplateNotFoundError);
      assert.ok(e instanceof TemplateExecError);
      assert.equal(e.requested, 'nope');
      assert.equal(e.setName, 'root');
      return true;
    },
  );
});

test('names and lookup list every associated template', () => {
  const set = new TemplateSet('root', new Map());
  set.parse('lib.tpl', '{{define "b"}}B{{end}}{{define "a"}}A{{end}}');
  set.parse('main.tpl', '{{template "a"}}');
  assert.deepEqual(set.names(), ['a', 'b', 'lib.tpl', 'main.tpl']);
  assert.equal(set.lookup('a')?.parseName, 'lib.tpl');
  assert.equal(set.lookup('missing'), undefined);
});

test('a failed parse adds nothing to the set', () => {
  const set = new TemplateSet('root', new Map());
  set.parse('ok', '{{define "x"}}X{{end}}');
  assert.throws(() => set.parse('bad', '{{define "x"}}Y{{end}}{{ nosuchfunc }}'));
  assert.deepEqual(set.names(), ['ok', 'x']);
  assert.equal(set.execute('x', null), 'X');
});

test('functions added after parsing are used; a clone does not change the original', () => {
  const set = new TemplateSet('root', new Map([['v', fn('v', [], 'string', () => 'one')]]));
  set.parse('main', '{{v}}');
  const clone = set.clone(new Map([['v', fn('v', [], 'string', () => 'clone')]]));
  assert.equal(clone.execute('main', null), 'clone');
  assert.equal(set.execute('main', null), 'one');
  set.setFuncs(new Map([['v', fn('v', [], 'string', () => 'two')]]));
  assert.equal(set.execute('main', null), 'two');
  assert.equal(clone.execute('main', null), 'clone');
});

test('setMissingKey switches the mode for later executions', () => {
  const set = new TemplateSet('root', new Map());
  set.parse('main', '{{.a}}');
  assert.equal(set.execute('main', new Map()), '<no value>');
  set.setMissingKey('error');
  assert.throws(() => set.execute('main', new Map()), /map has no entry for key "a"/);
});
