import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runTemplate } from '../../cli/template.js';
import { captureIO } from '../../cli/io.js';

const expected = readFileSync('examples/expected/dummydpuservice.helm-v3.17.3.yaml', 'utf8');
const chartArgs = ['examples/charts/dummydpuservice', '--namespace', 'dummydpuservice', '-f', 'examples/values-dpu.yaml'];

test('template NAME CHART prints what helm v3.17.3 printed for the example', async () => {
  const io = captureIO();
  assert.equal(await runTemplate(['dummydpuservice', ...chartArgs], io), 0);
  assert.equal(io.out(), expected);
});

test('--release-name NAME is the same as the NAME argument', async () => {
  const io = captureIO();
  assert.equal(await runTemplate([...chartArgs, '--release-name', 'dummydpuservice'], io), 0);
  assert.equal(io.out(), expected);
});

test('a release name given both ways is refused', async () => {
  const io = captureIO();
  assert.equal(await runTemplate(['one', ...chartArgs, '--release-name', 'two'], io), 1);
  assert.equal(io.out(), '');
  assert.match(io.err(), /^Error: the release name is given twice: as --release-name two and as the argument one\n/);
});
