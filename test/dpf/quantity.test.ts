// resource.Quantity text after DPF's json.Marshal of serviceDaemonSet.resources. Expected values
// recorded with k8s.io/apimachinery's resource package (scripts/record/dpf/quantity.go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { canonicalQuantity, QuantityError } from '../../dpf/quantity.js';

const recorded = JSON.parse(readFileSync(new URL('./fixtures/quantities.json', import.meta.url), 'utf8')) as Record<string, string>;

for (const [input, expected] of Object.entries(recorded)) {
  test(`Quantity ${JSON.stringify(input)} marshals as ${JSON.stringify(expected)}`, () => {
    assert.equal(canonicalQuantity(input), expected);
  });
}

test('JSON numbers are parsed from their text', () => {
  assert.equal(canonicalQuantity(1), recorded['1']);
  assert.equal(canonicalQuantity(2000), recorded['2000']);
  assert.equal(canonicalQuantity(0.5), recorded['0.5']);
});

test('malformed quantities are refused', () => {
  for (const bad of ['', 'abc', '1Qi', '1..2', '--1', '1K']) assert.throws(() => canonicalQuantity(bad), QuantityError, bad);
});
