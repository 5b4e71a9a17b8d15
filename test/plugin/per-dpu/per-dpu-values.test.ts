// perDPUValuesYAML parsing and the in-order deep merge of every matching entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePerDpuValues, PerDpuValuesError, valuesForHostname } from '../../../plugin/per-dpu/per-dpu-values.js';
import { compileTemplate, fromPyValue } from '../../../plugin/per-dpu/jinja/index.js';

const yaml = `
- hostnamePattern: "*"
  values: {asn: 65000, ratio: 1.0, flags: {a: on, b: off}, list: [1, 2]}
- hostnamePattern: "dpu-a*"
  values: {asn: 65001, flags: {b: yes}, list: [3]}
- hostnamePattern: "dpu-b*"
  values: {asn: 65002}
`;

test('later entries win key by key, mappings merge, lists are replaced', () => {
  const entries = parsePerDpuValues(yaml);
  const a = valuesForHostname(entries, 'dpu-a1');
  assert.deepEqual(a.matched, [0, 1]);
  assert.deepEqual(fromPyValue(a.values), { asn: 65001, ratio: 1, flags: { a: true, b: true }, list: [3] });
  assert.deepEqual(valuesForHostname(entries, 'zzz').matched, [0]);
});

test('values keep the DPU Python types: 1.0 prints 1.0, on prints True', () => {
  const { values } = valuesForHostname(parsePerDpuValues(yaml), 'dpu-b');
  assert.equal(compileTemplate('{{ config.ratio }} {{ config.flags.a }} {{ config.asn }}').render({ config: values }), '1.0 True 65002');
});

test('one DPU cannot change another DPU values through a template', () => {
  const entries = parsePerDpuValues(yaml);
  const t = compileTemplate('{% set _ = config.list.append(9) %}{{ config.list }}');
  assert.equal(t.render({ config: valuesForHostname(entries, 'x').values }), '[1, 2, 9]');
  assert.equal(t.render({ config: valuesForHostname(entries, 'y').values }), '[1, 2, 9]');
});

test('malformed perDPUValuesYAML is reported with the item at fault', () => {
  assert.deepEqual(parsePerDpuValues(''), []);
  assert.throws(() => parsePerDpuValues('a: 1'), PerDpuValuesError);
  assert.throws(() => parsePerDpuValues('- values: {}'), /item 0: hostnamePattern must be a string/);
  assert.throws(() => parsePerDpuValues('- {hostnamePattern: "*", values: [1]}'), /values must be a mapping/);
  assert.throws(() => parsePerDpuValues('- [unclosed'), PerDpuValuesError);
});
