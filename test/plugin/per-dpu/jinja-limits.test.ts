// Jinja2 at the limits (issue 11, items 2 and 8).
//
// 1. Parity: every `parity` case of fixtures/jinja-limits.json, recorded from Python 3.11 +
//    Jinja2 3.1.2 by scripts/record/record-jinja-limits.py, renders to the same bytes here or
//    fails with the same exception type, message and line (Python's 4,300-digit int <-> str
//    limit, OverflowError for int -> float, correctly rounded int / int, printf edges).
// 2. Bounds: every `bound` case is a result Python builds whose recorded size is over one of
//    the engine's limits; here it is refused with LimitExceeded.
// 3. Hostile inputs, at sizes that would take gigabytes or hours if built first and checked
//    after, replayed in a worker thread whose heap is capped: an engine that allocated before
//    checking would kill the worker (ERR_WORKER_OUT_OF_MEMORY) instead of answering. The test
//    timeout is only a "did not hang" guard; nothing is timed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { compileTemplate, DEFAULT_JINJA_LIMITS, JinjaError, type JinjaLimits } from '../../../plugin/per-dpu/jinja/index.js';
import { decodeTypedFixtureValue, type TypedValue } from './typed-context.js';

interface PythonError {
  type: string;
  message: string;
  lineno: number | null;
}

interface LimitsCase {
  name: string;
  kind: 'parity' | 'bound';
  template: string;
  output?: string;
  error?: PythonError;
  over?: keyof JinjaLimits;
  size?: number;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/jinja-limits.json', import.meta.url), 'utf8')) as {
  recordedWith: string;
  context: TypedValue;
  cases: LimitsCase[];
};
const context = decodeTypedFixtureValue(fixture.context);

type Outcome = { output: string } | { error: PythonError & { kind: string } };

// Every expected outcome here is a size, a step count or Python's error, never the wall clock:
// the render's clock limit is raised so a loaded machine cannot change an outcome (the test
// timeout remains the guard against a hang).
const DETERMINISTIC: Partial<JinjaLimits> = { maxMillis: 120_000 };

function renderOutcome(template: string, ctx: unknown = context): Outcome {
  try {
    return { output: compileTemplate(template).render(ctx as never, DETERMINISTIC) };
  } catch (e) {
    if (!(e instanceof JinjaError)) throw e;
    return { error: { type: e.pythonType, message: e.detail, lineno: e.lineno ?? null, kind: e.kind } };
  }
}

test('the limits fixture was recorded from Python 3.11 with its 4300-digit limit', () => {
  assert.match(fixture.recordedWith, /^python 3\.(1[1-9]|[2-9]\d)\.\d+ \(int_max_str_digits 4300\), jinja2 3\.1\.\d+/);
  assert.ok(fixture.cases.filter((c) => c.kind === 'parity').length >= 100);
  assert.ok(fixture.cases.filter((c) => c.kind === 'bound').length >= 30);
});

for (const c of fixture.cases.filter((x) => x.kind === 'parity')) {
  test(`python parity at the limits: ${c.name}`, { timeout: 60_000 }, () => {
    const got = renderOutcome(c.template);
    if (c.output !== undefined) {
      if ('error' in got) assert.fail(`expected output, got ${got.error.type}: ${got.error.message}`);
      assert.equal(got.output, c.output);
      return;
    }
    if ('output' in got) assert.fail(`expected ${c.error!.type}, got output ${JSON.stringify(got.output.slice(0, 200))}`);
    assert.deepEqual({ type: got.error.type, message: got.error.message, lineno: got.error.lineno }, c.error);
  });
}

for (const c of fixture.cases.filter((x) => x.kind === 'bound')) {
  test(`over a bound, refused: ${c.name}`, { timeout: 60_000 }, () => {
    // the reference shows the result really is over the bound the engine enforces
    assert.ok(c.size! > DEFAULT_JINJA_LIMITS[c.over!], `Python's ${c.size} is not over ${c.over}`);
    const got = renderOutcome(c.template);
    if ('output' in got) assert.fail(`expected a limit error, got output of ${got.output.length} characters`);
    assert.equal(got.error.type, 'LimitExceeded', `${got.error.type}: ${got.error.message}`);
  });
}

// ---- hostile inputs in a worker with a capped heap

/** A context variable: `text` repeated `times` times (built in the worker). */
type ContextSpec = Record<string, [text: string, times: number]>;

interface HostileCase {
  name: string;
  template: string;
  context?: ContextSpec;
  /** A limit error whose detail matches; or Python's recorded outcome of the named fixture case; or this output. */
  expect: { limit: RegExp } | { sameAs: string } | { output: string };
}

const MIB = 1_048_576;
const big = (text: string, length: number): [string, number] => [text, Math.floor(length / text.length)];

const HOSTILE: HostileCase[] = [
  // the measurement: 652 MB peak before the length check
  { name: 'indent(1340) of 0.8 MB', template: '{{ s | indent(1340) }}', context: { s: ['x\n', 400_000] }, expect: { limit: /^string of 536798660 characters/ } },
  { name: 'indent of 10**9', template: "{{ 'x\\ny' | indent(10 ** 9) }}", expect: { limit: /^string of 1000000000 characters/ } },
  { name: 'indent by a 1 MiB string', template: "{{ 'a\\nb\\nc' | indent(s) }}", context: { s: big('>', MIB) }, expect: { limit: /exceeds the limit/ } },
  { name: 'center of 10**9', template: "{{ 'x' | center(10 ** 9) }}", expect: { limit: /^string of 1000000000 characters/ } },
  { name: 'str.zfill of 10**9', template: "{{ s.zfill(10 ** 9) }}", context: { s: big('7', MIB) }, expect: { limit: /exceeds the limit/ } },
  { name: 'str.center of 10**30', template: "{{ 'x'.center(10 ** 30) }}", expect: { sameAs: 'center-width-not-index' } },
  { name: '%.100000000f', template: "{{ '%.100000000f' % 1.0 }}", expect: { limit: /exceeds the limit/ } },
  { name: '%.100000000e', template: "{{ '%.100000000e' % 1.0 }}", expect: { limit: /exceeds the limit/ } },
  { name: '%#.100000000g', template: "{{ '%#.100000000g' % 1.0 }}", expect: { limit: /exceeds the limit/ } },
  { name: '%.100000000g keeps only exact digits', template: "{{ '%.100000000g' % 1.0 }}|{{ '%.100000000g' % 0.5 }}", expect: { output: '1|0.5' } },
  { name: '%.100000000d', template: "{{ '%.100000000d' % 1 }}", expect: { limit: /exceeds the limit/ } },
  { name: '%*d with a 10**18 width', template: "{{ '%*d' % (10 ** 18, 1) }}", expect: { limit: /exceeds the limit/ } },
  { name: '{:.100000000f}', template: "{{ '{:.100000000f}'.format(1.0) }}", expect: { limit: /exceeds the limit/ } },
  { name: '{:❤>1000000000}', template: "{{ '{:❤>1000000000}'.format('a') }}", expect: { limit: /exceeds the limit/ } },
  { name: 'empty list times 10**18', template: '{{ [] * 10 ** 18 }}{{ () * 10 ** 18 }}', expect: { output: '[]()' } },
  { name: "'x' times 10**30", template: "{{ 'x' * 10 ** 30 }}", expect: { sameAs: 'repeat-str-count-not-index' } },
  { name: 'print 100,000 copies of 1 MiB', template: '{{ [s] * 100000 }}', context: { s: big('x', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'string of 100,000 copies of 1 MiB', template: '{{ ([s] * 100000) | string | length }}', context: { s: big('x', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'pprint of 100,000 copies of 1 MiB', template: '{{ ([s] * 100000) | pprint }}', context: { s: big('x', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'join of 100,000 lists of 1 MiB', template: '{{ ([[s]] * 100000) | join }}', context: { s: big('x', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'str.join of 100,000 copies of 1 MiB', template: "{{ ''.join([s] * 100000) }}", context: { s: big('x', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'tojson of 100,000 copies of 1 MiB', template: '{{ ([s] * 100000) | tojson }}', context: { s: big('é', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'tojson indented by a 1 MiB string', template: '{{ [[[[[[[[1]]]]]]]] | tojson(s) }}', context: { s: big(' ', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'tojson indent of 10**9', template: '{{ [1] | tojson(10 ** 9) }}', expect: { limit: /exceeds the limit/ } },
  { name: 'urlencode of 100,000 pairs of 1 MiB', template: "{{ ([['k', s]] * 100000) | urlencode }}", context: { s: big('x', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'xmlattr of three 1 MiB values', template: '{{ dict(a=s, b=s, c=s) | xmlattr }}', context: { s: big('x', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'forceescape four times', template: '{{ s | forceescape | forceescape | forceescape | forceescape }}', context: { s: big('&', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'urlencode four times', template: '{{ s | urlencode | urlencode | urlencode | urlencode }}', context: { s: big('%', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: "replace('', 1 MiB)", template: "{{ s | replace('', s) }}", context: { s: big('x', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'upper of 1 MiB of ß', template: '{{ s | upper }}', context: { s: big('ß', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: "'%s%s%s' of 1 MiB", template: "{{ '%s%s%s' % (s, s, s) }}", context: { s: big('x', MIB - 16) }, expect: { limit: /exceeds the limit/ } },
  { name: 'Markup + str escapes first', template: '{{ (s | escape) + s }}', context: { s: big('<', MIB / 4) }, expect: { limit: /exceeds the limit/ } },
  { name: 'batch(10**9) with a fill', template: '{{ [1] | batch(10 ** 9, 0) | list }}', expect: { limit: /^collection of 1000000000 items/ } },
  { name: 'list of a 1 MiB string', template: '{{ s | list | length }}', context: { s: big('x', MIB - 16) }, expect: { limit: /^collection of/ } },
  { name: 'tuple of the same tuple, 64 levels, as a dict key', template: '{% set ns = namespace(t=(1,)) %}{% for i in range(64) %}{% set ns.t = (ns.t, ns.t) %}{% endfor %}{{ {ns.t: 1} | length }}', expect: { limit: /exceeds the limit/ } },
  { name: 'list of the same list, 64 levels, printed', template: '{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l }}', expect: { limit: /exceeds the limit/ } },
  { name: 'list of the same list, 64 levels, tojson', template: '{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l | tojson }}', expect: { limit: /exceeds the limit/ } },
  { name: 'two equal 64-level lists compared', template: '{% set ns = namespace(a=[1], b=[1]) %}{% for i in range(64) %}{% set ns.a = [ns.a, ns.a] %}{% set ns.b = [ns.b, ns.b] %}{% endfor %}{{ ns.a == ns.b }}', expect: { limit: /evaluation steps/ } },
  { name: 'sort of two distinct equal 100,000-item lists', template: '{% set a = range(100000) | list %}{% set b = range(100000) | list %}{{ ([a, b] * 50000) | sort | length }}', expect: { limit: /evaluation steps/ } },
  { name: 'a list compared with itself costs nothing', template: '{% set a = range(100000) | list %}{{ ([a] * 100000) | sort | length }} {{ a == a }}', expect: { output: '100000 True' } },
  // Python's int <-> str limit
  { name: "('9' * 100000) | int", template: "{{ ('9' * 100000) | int }}", expect: { sameAs: 'int-100k-nines-literal' } },
  { name: 'int of 1,000,000 digits', template: '{{ s | int }}', context: { s: big('9', MIB - 16) }, expect: { sameAs: 'int-100k-nines-literal' } },
  { name: 'int of 500,000 underscored digits', template: "{{ ('1' ~ s) | int }}", context: { s: big('_1', MIB - 16) }, expect: { sameAs: 'int-100k-nines-literal' } },
  { name: 'int of 1,000,000 Arabic-Indic digits', template: '{{ s | int }}', context: { s: big('٩', MIB - 16) }, expect: { sameAs: 'int-100k-nines-literal' } },
  { name: 'int of 1 MiB of hex digits', template: '{{ s | int(base=16) }}', context: { s: big('f', MIB - 16) }, expect: { limit: /^integer of more than 32768 bits/ } },
  { name: 'int of a million zeros then x (base 0)', template: "{{ (s ~ 'x') | int(base=0) }}", context: { s: big('0', MIB - 16) }, expect: { output: '0' } },
  { name: 'int of a million spaces then 1', template: "{{ (s ~ '1') | int }}", context: { s: big(' ', MIB - 16) }, expect: { output: '1' } },
  { name: 'print 10 ** 4300', template: '{{ 10 ** 4300 }}', expect: { sameAs: 'str-4301-digits' } },
  { name: '9 ** 99999999', template: '{{ 9 ** 99999999 }}', expect: { limit: /^integer of more than 32768 bits/ } },
  { name: '%c of 10**9', template: "{{ '%c' % 10 ** 9 }}", expect: { sameAs: 'percent-c-too-large' } },
  { name: "round(400, 'ceil')", template: "{{ 1.5 | round(400, 'ceil') }}", expect: { sameAs: 'round-ceil-overflow' } },
  // the regular expressions these filters used take quadratic time on such strings
  { name: 'striptags of a million <', template: '{{ s | striptags | length }}', context: { s: big('<', MIB - 16) }, expect: { output: String(MIB - 16) } },
  { name: 'striptags of 250,000 <!--', template: '{{ s | striptags | length }}', context: { s: big('<!--', MIB - 16) }, expect: { output: String(MIB - 16) } },
];

/** Heap cap of the worker: the engine's bounds keep every case far below it. */
const WORKER_HEAP_MB = 128;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  (await import(workerData.tsxLoader)).register();
  const { compileTemplate, JinjaError } = await import(workerData.module);
  for (const c of workerData.cases) {
    parentPort.postMessage({ started: c.name });
    const ctx = {};
    for (const [k, [text, times]] of Object.entries(c.context || {})) ctx[k] = text.repeat(times);
    let result;
    try {
      result = { output: compileTemplate(c.template).render(ctx, workerData.limits) };
    } catch (e) {
      if (!(e instanceof JinjaError)) result = { crash: String(e && e.stack || e) };
      else result = { error: { type: e.pythonType, message: e.detail, lineno: e.lineno ?? null, kind: e.kind } };
    }
    parentPort.postMessage({ name: c.name, result });
  }
  parentPort.postMessage({ done: true });
})().catch((e) => parentPort.postMessage({ crash: String(e && e.stack || e) }));
`;

type WorkerResult = Outcome | { crash: string };
const results = new Map<string, WorkerResult>();
let workerFailure: string | undefined;
let worker: Worker | undefined;

before(async () => {
  worker = new Worker(WORKER_SOURCE, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 },
    workerData: {
      module: new URL('../../../plugin/per-dpu/jinja/index.ts', import.meta.url).href,
      tsxLoader: import.meta.resolve('tsx/esm/api'),
      limits: DETERMINISTIC,
      cases: HOSTILE.map(({ name, template, context: ctx }) => ({ name, template, context: ctx })),
    },
  });
  let current = '(startup)';
  await new Promise<void>((resolve) => {
    worker!.on('message', (m: { started?: string; name?: string; result?: WorkerResult; done?: boolean; crash?: string }) => {
      if (m.started) current = m.started;
      if (m.name && m.result) results.set(m.name, m.result);
      if (m.crash) workerFailure = `worker failed: ${m.crash}`;
      if (m.done || m.crash) resolve();
    });
    worker!.on('error', (e: Error & { code?: string }) => {
      workerFailure = `worker died during "${current}": ${e.code ?? ''} ${e.message}`;
      resolve();
    });
    worker!.on('exit', () => resolve());
  });
});

after(async () => {
  await worker?.terminate();
});

const recorded = new Map(fixture.cases.map((c) => [c.name, c]));

for (const h of HOSTILE) {
  test(`hostile, in a ${WORKER_HEAP_MB} MB heap: ${h.name}`, { timeout: 300_000 }, () => {
    const got = results.get(h.name);
    if (!got) assert.fail(workerFailure ?? 'no result');
    if ('crash' in got) assert.fail(`not a JinjaError: ${got.crash}`);
    const expect = h.expect;
    if ('limit' in expect) {
      if ('output' in got) assert.fail(`expected a limit error, got output of ${got.output.length} characters`);
      assert.equal(got.error.kind, 'limit', `${got.error.type}: ${got.error.message}`);
      assert.match(got.error.message, expect.limit);
    } else if ('output' in expect) {
      if ('error' in got) assert.fail(`expected output, got ${got.error.type}: ${got.error.message}`);
      assert.equal(got.output, expect.output);
    } else {
      const ref = recorded.get(expect.sameAs);
      assert.ok(ref?.error, `fixture case ${expect.sameAs} records an error`);
      if ('output' in got) assert.fail(`expected ${ref.error.type}, got output of ${got.output.length} characters`);
      assert.deepEqual({ type: got.error.type, message: got.error.message }, { type: ref.error.type, message: ref.error.message });
    }
  });
}
