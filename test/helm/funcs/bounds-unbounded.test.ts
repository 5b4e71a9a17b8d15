// `dpu-gitops template` keeps helm's unbounded behaviour (no deadline, no render limits), but a
// function still never asks V8 for an array or a string it cannot hold: that aborts the whole
// process (worker threads included) instead of throwing. Those calls fail with a clean error
// naming the engine's limit; everything below the limits renders as helm does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_MAX_LIST_ELEMENTS, ENGINE_MAX_STRING_CHARS } from '../../../helm/template/limits.js';
import { DEFAULT_RENDER_LIMITS } from '../../../helm/index.js';
import { renderUnbounded } from './bounds-helpers.js';

const GUARD = { timeout: 120_000 };
const DEBUG_HINT = '\n\nUse --debug flag to render out invalid YAML';

function assertEngineLimit(template: string, fn: string, tail: string): void {
  const { error, stdout } = renderUnbounded(template);
  assert.equal(stdout, '');
  assert.match(error ?? '', new RegExp(`^template: bounds/templates/x\\.yaml:\\d+:\\d+: executing "bounds/templates/x\\.yaml" at <${fn}[^>]*>: error calling ${fn}: ${tail}$`));
  assert.ok(error?.endsWith(DEBUG_HINT));
}

const LIST = `exceeds the limit of ${ENGINE_MAX_LIST_ELEMENTS} elements per list \\(beyond it the JavaScript engine aborts\\)${DEBUG_HINT}`;

test('until 1000000000 (a V8 fatal "invalid size" before) fails cleanly', GUARD, () => {
  assertEngineLimit('{{ until 1000000000 | len }}', 'until', `result of 1000000000 elements ${LIST}`);
});

test('range over until 100000000 fails cleanly', GUARD, () => {
  assertEngineLimit('{{ range until 100000000 }}x{{ end }}', 'until', `result of 100000000 elements ${LIST}`);
});

test('splitting a string into more parts than V8 holds fails cleanly', GUARD, () => {
  assertEngineLimit('{{ splitList "" (repeat 200000000 "x") | len }}', 'splitList', `result of 200000000 elements ${LIST}`);
});

test('a string longer than V8 holds fails cleanly', GUARD, () => {
  const tail = `result of 600000000 characters exceeds the JavaScript engine's limit of ${ENGINE_MAX_STRING_CHARS} characters per string${DEBUG_HINT}`;
  assertEngineLimit('{{ repeat 600000000 "x" | len }}', 'repeat', tail);
});

test('a value that contains itself has no printed size: toJson fails cleanly (it ran out of heap before)', GUARD, () => {
  const tail = `result would exceed the JavaScript engine's limit of ${ENGINE_MAX_STRING_CHARS} characters per string${DEBUG_HINT}`;
  assertEngineLimit('{{ $d := dict }}{{ $_ := set $d "self" $d }}{{ toJson $d }}', 'toJson', tail);
});

test('above the render defaults but within the engine, the template command renders as helm', GUARD, () => {
  const n = DEFAULT_RENDER_LIMITS.maxListElements * 2;
  const { error, stdout } = renderUnbounded(`n: {{ until ${n} | len }}\ns: {{ repeat ${DEFAULT_RENDER_LIMITS.maxStringChars + 1} "x" | len }}\n`);
  assert.equal(error, undefined);
  assert.equal(stdout, `---\n# Source: bounds/templates/x.yaml\nn: ${n}\ns: ${DEFAULT_RENDER_LIMITS.maxStringChars + 1}\n`);
});
