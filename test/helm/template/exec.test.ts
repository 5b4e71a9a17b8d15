/**
 * Executor table tests: every case in fixtures/exec.json was recorded from real Go text/template
 * (helm v3.17.3's Go 1.23 where possible, else the local Go) by scripts/record/exec/main.go.
 * The Go-built data sets and test functions below mirror the ones in that recorder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TemplateSet } from '../../../helm/template/template-set.js';
import { TemplateExecError } from '../../../helm/template/errors.js';
import {
  GoError,
  GoFunc,
  GoInt,
  type GoType,
  type GoValue,
  GoStruct,
  goMap,
  NO_FIELD,
  tagMapType,
  tagSliceType,
  T_INTERFACE,
} from '../../../helm/template/value.js';
import type { MissingKeyMode } from '../../../helm/template/exec.js';
import { registerNamedType } from '../../../helm/template/exec-call.js';

interface FixtureCase {
  id: string;
  files: { name: string; t: string }[];
  exec: string;
  data?: unknown;
  dj?: string;
  ds?: string;
  mk: MissingKeyMode;
  funcs?: boolean;
  delims?: [string, string];
  lateFuncs?: boolean;
  cloneFiles?: { name: string; t: string }[];
  cloneFuncs?: boolean;
  execIn?: 'clone' | 'original';
  recorder: 'helm' | 'go';
  out?: string;
  err?: string;
}

interface Fixture {
  go: string;
  helm: string;
  json: Record<string, unknown>;
  cases: FixtureCase[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/exec.json', import.meta.url), 'utf8')) as Fixture;

/** JSON as helm decodes values: objects are map[string]interface{}, numbers float64. */
function fromJSON(v: unknown): GoValue {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map(fromJSON);
  if (typeof v === 'object') return new Map(Object.entries(v as object).map(([k, x]) => [k, fromJSON(x)]));
  return v as GoValue;
}

function fn(name: string, params: GoType[], result: GoType, impl: (...args: any[]) => GoValue, extra: { variadic?: GoType; returnsError?: boolean } = {}): GoFunc {
  return new GoFunc(
    name,
    { params, result, returnsError: extra.returnsError ?? false, ...(extra.variadic ? { variadic: extra.variadic } : {}) },
    impl,
  );
}

const int = (n: number | bigint) => GoInt.int(n);

/** main.T of the recorder: a pointer to a struct with fields and methods. */
class T extends GoStruct {
  readonly goType = '*main.T';
  constructor(
    private readonly fields: Record<string, GoValue> | undefined,
  ) {
    super();
  }
  static nil(): T {
    return new T(undefined);
  }
  override isNilPointer(): boolean {
    return this.fields === undefined;
  }
  fieldNames(): readonly string[] {
    return ['Name', 'Count', 'Tags', 'Labels', 'Sub', 'Nil', 'Any'];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    if (!this.fields || !(name in this.fields)) return NO_FIELD;
    return this.fields[name];
  }
  override method(name: string): GoFunc | undefined {
    const self = this;
    const nameOf = () => self.fields!['Name'] as string;
    switch (name) {
      case 'Hello':
        return fn(name, [], 'string', () => 'hello ' + nameOf());
      case 'Greet':
        return fn(name, ['string'], 'string', (s: string) => `hi ${s} from ${nameOf()}`);
      case 'Fail':
        return fn(name, [], 'string', () => { throw new GoError('failed'); }, { returnsError: true });
      case 'Self':
        return fn(name, [], '*main.T', () => self);
      case 'Nothing':
        return fn(name, [], T_INTERFACE, () => null);
      case 'Iface':
        return fn(name, [], T_INTERFACE, () => nameOf());
      case 'Pair':
        return fn(name, ['int', 'string'], 'string', (a: GoInt, b: string) => `${a.value}${b}`);
      case 'Sum':
        return fn(name, [], 'int', (...a: GoInt[]) => int(a.reduce((s, x) => s + x.value, 0n)), { variadic: 'int' });
      case 'NilSafe':
        return fn(name, [], 'string', () => (self.isNilPointer() ? 'nil receiver' : 'non-nil'));
    }
    return undefined;
  }
}

/** main.V of the recorder: a struct value with a String method. */
class V extends GoStruct {
  readonly goType = 'main.V';
  constructor(private readonly major: number, private readonly minor: number) {
    super();
  }
  fieldNames(): readonly string[] {
    return ['Major', 'Minor'];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    if (name === 'Major') return int(this.major);
    if (name === 'Minor') return int(this.minor);
    return NO_FIELD;
  }
  override goString(): string {
    return `v${this.major}.${this.minor}`;
  }
}

/** main.W of the recorder: a plain struct used through a pointer. */
class W extends GoStruct {
  readonly goType = '*main.W';
  fieldNames(): readonly string[] {
    return ['A', 'B'];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    if (name === 'A') return int(1);
    if (name === 'B') return 'x';
    return NO_FIELD;
  }
}

function newT(): T {
  return new T({
    Name: 'alice',
    Count: int(7),
    Tags: tagSliceType(['a', 'b'], '[]string'),
    Labels: tagMapType(goMap({ k: 'v' }), 'map[string]string'),
    Sub: new T({ Name: 'bob', Count: int(0), Tags: tagSliceType([], '[]string'), Labels: tagMapType(goMap(), 'map[string]string'), Sub: T.nil(), Nil: T.nil(), Any: null }),
    Nil: T.nil(),
    Any: 'x',
  });
}

/** The recorder's Go-built data sets. */
const datasets: Record<string, () => GoValue> = {
  ints: () =>
    goMap({
      i: int(1),
      i64: GoInt.int64(2),
      u: new GoInt(3n, 'uint'),
      u8: new GoInt(4n, 'uint8'),
      f: 1.5,
      neg: int(-1),
      big: new GoInt(1n << 63n, 'uint64'),
    }),
  typed: () =>
    goMap({
      ss: tagSliceType(['b', 'a'], '[]string'),
      ms: tagMapType(goMap({ b: '2', a: '1' }), 'map[string]string'),
      mi: tagMapType(goMap({ x: int(1) }), 'map[string]int'),
      mss: tagMapType(goMap({ a: tagSliceType(['x'], '[]string') }), 'map[string][]string'),
      bytes: new TextEncoder().encode('hi'),
    }),
  funcs: () =>
    goMap({
      fn: fn('fn', [], 'string', () => 'called'),
      fnerr: fn('fnerr', [], 'string', () => { throw new GoError('fn failed'); }, { returnsError: true }),
      add: fn('add', ['int', 'int'], 'int', (a: GoInt, b: GoInt) => int(a.value + b.value)),
      variadic: fn('variadic', [], 'string', (...a: string[]) => a.join('+'), { variadic: 'string' }),
      i64: GoInt.int64(5),
    }),
  struct: () => goMap({ p: newT(), nilp: T.nil(), v: new V(1, 2), w: new W() }),
  structtop: () => newT(),
  named: () => goMap({ vals: tagMapType(goMap({ a: 1, b: 'x' }), 'main.Values'), plain: goMap({ c: true }) }),
};

// main.Values is `type Values map[string]interface{}` (like helm's chartutil.Values).
registerNamedType('main.Values', 'map[string]interface {}');

/** The recorder's test functions (`"funcs": true`). */
const testFuncs = new Map<string, GoFunc>(
  [
    fn('raise', ['string'], 'string', (msg: string) => { throw new GoError(msg); }, { returnsError: true }),
    fn('boom', [], 'string', () => { throw new Error('boom!'); }),
    fn('echo', [T_INTERFACE], T_INTERFACE, (v: GoValue) => v),
    fn('nothing', [], T_INTERFACE, () => null),
    fn('add', ['int', 'int'], 'int', (a: GoInt, b: GoInt) => int(a.value + b.value)),
    fn('i64', ['int64'], 'int64', (v: GoInt) => v),
    fn('u8', ['uint8'], 'uint8', (v: GoInt) => v),
    fn('f64', ['float64'], 'float64', (v: number) => v),
    fn('str', ['string'], 'string', (s: string) => s),
    fn('flag', ['bool'], 'bool', (b: boolean) => !b),
    fn('join', ['string'], 'string', (sep: string, ...items: string[]) => items.join(sep), { variadic: 'string' }),
    fn('count', [], 'int', (...items: GoValue[]) => int(items.length), { variadic: T_INTERFACE }),
    fn('strs', [], '[]string', () => tagSliceType(['b', 'a'], '[]string')),
    fn('smap', [], 'map[string]string', () => tagMapType(goMap({ k: 'v' }), 'map[string]string')),
    fn('first', ['[]interface {}'], T_INTERFACE, (l: GoValue[]) => (l.length === 0 ? null : l[0])),
    fn('keys', ['map[string]interface {}'], 'int', (m: Map<string, GoValue>) => int(m.size)),
    fn('and', [T_INTERFACE, T_INTERFACE], 'string', () => 'and-override'),
  ].map((f) => [f.name, f]),
);

function caseData(c: FixtureCase): GoValue {
  if (c.ds) return datasets[c.ds]!();
  if (c.dj) return fromJSON(fixture.json[c.dj]);
  return c.data === undefined ? null : fromJSON(c.data);
}

/** The recorder's lateFuncs(): installed with Funcs after parsing. */
const lateFuncs = new Map<string, GoFunc>([['raise', fn('raise', ['string'], 'string', (s: string) => 'late ' + s)]]);

function build(c: FixtureCase): TemplateSet {
  const options = { missingKey: c.mk, ...(c.delims ? { leftDelim: c.delims[0], rightDelim: c.delims[1] } : {}) };
  const set = new TemplateSet('root', c.funcs ? testFuncs : new Map(), options);
  for (const f of c.files) set.parse(f.name, f.t);
  if (c.lateFuncs) set.setFuncs(lateFuncs);
  let target = set;
  if (c.cloneFiles) {
    const clone = set.clone(c.cloneFuncs ? testFuncs : undefined);
    for (const f of c.cloneFiles) clone.parse(f.name, f.t);
    if (c.execIn === 'clone') target = clone;
  }
  return target;
}

function run(c: FixtureCase): string {
  return build(c).execute(c.exec, caseData(c));
}

test('fixture was recorded from helm v3.17.3 and Go', () => {
  assert.match(fixture.helm, /^v3\.17\.3 \(go1\.23/);
  assert.ok(fixture.cases.length >= 250);
});

for (const c of fixture.cases) {
  test(`${c.id} [${c.recorder}]`, () => {
    if (c.err !== undefined) {
      assert.throws(
        () => run(c),
        (e: unknown) => {
          assert.ok(e instanceof TemplateExecError, `not a TemplateExecError: ${String(e)}`);
          assert.equal(e.message, c.err);
          assert.equal(e.goText(), c.err);
          return true;
        },
      );
    } else {
      assert.equal(run(c), c.out);
    }
  });
}

test('a set parsed once executes many times with fresh state', () => {
  for (const c of fixture.cases) {
    if (c.err !== undefined) continue;
    const set = build(c);
    const data = caseData(c);
    const first = set.execute(c.exec, data);
    const second = set.execute(c.exec, data);
    assert.equal(first, c.out, c.id);
    assert.equal(second, c.out, c.id);
  }
});
