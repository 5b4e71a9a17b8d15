// Dependency processing (conditions, tags, aliases, import-values, missing charts) against real
// helm v3.17.3 (golden/values.json, category "dependencies"), plus version-range checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCompatibleRange, pathValue } from '../../../helm/chart/dependencies.js';
import { goMap } from '../../../helm/template/value.js';
import { runValuesCases } from './values-cases.js';

const count = runValuesCases('dependencies');

test('dependencies golden has its cases', () => {
  assert.ok(count >= 20, `only ${count} cases`);
});

test('isCompatibleRange: an empty or bad constraint never matches', () => {
  assert.equal(isCompatibleRange('', '1.0.0'), false);
  assert.equal(isCompatibleRange('1.x', 'not-a-version'), false);
  assert.equal(isCompatibleRange('~1.2', '1.2.9'), true);
  assert.equal(isCompatibleRange('>=1.20.0', 'v1.32.0'), true);
  assert.equal(isCompatibleRange('>=1.20.0', 'v1.32.0-gke.1'), false);
});

test('pathValue: tables are not values', () => {
  const v = goMap({ a: goMap({ b: true, t: goMap({}) }) });
  assert.equal(pathValue(v, 'a.b'), true);
  assert.equal(typeof pathValue(v, 'a.t'), 'symbol');
  assert.equal(typeof pathValue(v, 'a'), 'symbol');
});
