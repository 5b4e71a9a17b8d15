// Templates come from git: a template must not reach the process, and must not hang or exhaust
// the CMP. Each attempt fails with a JinjaError of a clear kind (the render bounds, not the
// test timeout, stop it; the timeout only turns a regression into a failure instead of a hang).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTemplate, JinjaError, type JinjaErrorKind } from '../../../plugin/per-dpu/jinja/index.js';

function fails(template: string, kind: JinjaErrorKind, detail: RegExp, context: Record<string, never> = {}): void {
  assert.throws(
    // The clock is set far off: these cases assert which bound stops them (steps, sizes), and a
    // loaded machine must not turn a step error into a timeout.
    () => compileTemplate(template).render(context, { maxMillis: 600_000 }),
    (e: unknown) => e instanceof JinjaError && e.kind === kind && detail.test(e.detail),
  );
}

test('the nunjucks constructor chain finds no constructor', { timeout: 30_000 }, () => {
  fails('{{ range.constructor("return process")() }}', 'undefined', /has no attribute 'constructor'/);
  fails("{{ ''.constructor.constructor('return process')() }}", 'undefined', /has no attribute 'constructor'/);
  fails('{{ [].__proto__ }}', 'security', /unsafe/);
  fails("{{ {}['__proto__'] }}", 'undefined', /'dict object' has no attribute '__proto__'/);
});

test('Python internals are blocked as unsafe, as Jinja2 SandboxedEnvironment does', { timeout: 30_000 }, () => {
  fails("{{ ''.__class__.__mro__[1].__subclasses__() }}", 'security', /access to attribute '__class__' of 'str' object is unsafe/);
  fails('{{ cycler.__init__.__globals__ }}', 'security', /unsafe/);
  fails('{{ namespace.__call__ }}', 'security', /unsafe/);
});

test('a 90-byte nested loop stops at the step budget', { timeout: 30_000 }, () => {
  const tpl = '{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}';
  assert.ok(tpl.length <= 90);
  fails(tpl, 'limit', /evaluation steps/);
});

test('huge strings, outputs, ranges, integers and recursion are refused', { timeout: 30_000 }, () => {
  fails("{{ 'x' * 1000000000 }}", 'limit', /string of 1000000000 characters/);
  fails('{% for i in range(100000) %}{{ "y" * 100 }}{% endfor %}', 'limit', /rendered output exceeds/);
  fails('{{ range(1000000000) | list }}', 'limit', /MAX_RANGE/);
  fails('{{ 9 ** 99999999 }}', 'limit', /bits/);
  fails('{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}', 'limit', /nested deeper/);
  fails('{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = ns.l + ns.l + [i] %}{% endfor %}', 'limit', /collection|steps/);
});

test('parser nesting is bounded', { timeout: 30_000 }, () => {
  assert.throws(() => compileTemplate('{{ ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ' }}'), (e: unknown) => e instanceof JinjaError && e.kind === 'limit');
  assert.throws(() => compileTemplate('{% if 1 %}'.repeat(1000)), (e: unknown) => e instanceof JinjaError && e.kind === 'limit');
});

test('the budget is per render: limits can be tightened by the caller', { timeout: 30_000 }, () => {
  const t = compileTemplate('{% for i in range(1000) %}{{ i }}{% endfor %}');
  assert.equal(t.render({}).length, 2890);
  assert.throws(() => t.render({}, { maxSteps: 500 }), (e: unknown) => e instanceof JinjaError && e.kind === 'limit');
  assert.equal(t.render({}).length, 2890);
});

test('unsupported nondeterministic filters fail instead of printing something else', { timeout: 30_000 }, () => {
  fails('{{ [1, 2] | random }}', 'runtime', /random/);
  fails('{{ lipsum() }}', 'runtime', /not supported/);
});
