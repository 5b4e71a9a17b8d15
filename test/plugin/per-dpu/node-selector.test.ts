// serviceDaemonSet.nodeSelector semantics (Kubernetes nodeaffinity): terms ORed, expressions ANDed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNodeSelector, matchesNodeSelector, NodeSelectorError } from '../../../plugin/per-dpu/node-selector.js';

const labels = { role: 'hbn', rack: '7', zone: 'a' };
const sel = (...terms: object[]) => decodeNodeSelector({ nodeSelectorTerms: terms });
const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

test('operators', () => {
  const cases: [object, boolean][] = [
    [expr('role', 'In', ['hbn', 'ovn']), true],
    [expr('role', 'In', ['ovn']), false],
    [expr('missing', 'In', ['x']), false],
    [expr('role', 'NotIn', ['ovn']), true],
    [expr('missing', 'NotIn', ['x']), true],
    [expr('role', 'NotIn', ['hbn']), false],
    [expr('role', 'Exists'), true],
    [expr('missing', 'Exists'), false],
    [expr('missing', 'DoesNotExist'), true],
    [expr('role', 'DoesNotExist'), false],
    [expr('rack', 'Gt', ['6']), true],
    [expr('rack', 'Gt', ['7']), false],
    [expr('rack', 'Lt', ['10']), true],
    [expr('role', 'Gt', ['1']), false], // not an integer label value: no match
    [expr('missing', 'Lt', ['1']), false],
  ];
  for (const [term, want] of cases) assert.equal(matchesNodeSelector(sel(term), 'dpu-1', labels), want, JSON.stringify(term));
});

test('terms are ORed, expressions ANDed, an empty term matches nothing', () => {
  const and = { matchExpressions: [{ key: 'role', operator: 'In', values: ['hbn'] }, { key: 'zone', operator: 'In', values: ['b'] }] };
  assert.equal(matchesNodeSelector(sel(and), 'n', labels), false);
  assert.equal(matchesNodeSelector(sel(and, expr('zone', 'In', ['a'])), 'n', labels), true);
  assert.equal(matchesNodeSelector(sel({}), 'n', labels), false);
  assert.equal(matchesNodeSelector(sel(), 'n', labels), false);
});

test('no selector selects every DPU; matchFields selects by node name', () => {
  assert.equal(decodeNodeSelector(undefined), undefined);
  assert.equal(matchesNodeSelector(undefined, 'n', {}), true);
  const byName = sel({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['dpu-2'] }] });
  assert.equal(matchesNodeSelector(byName, 'dpu-2', {}), true);
  assert.equal(matchesNodeSelector(byName, 'dpu-1', {}), false);
});

test('invalid selectors are rejected with the path at fault', () => {
  assert.throws(() => sel(expr('role', 'In', [])), (e: unknown) => e instanceof NodeSelectorError && e.path.endsWith('matchExpressions[0].values'));
  assert.throws(() => sel(expr('role', 'Matches', ['x'])), NodeSelectorError);
  assert.throws(() => sel(expr('rack', 'Gt', ['x'])), NodeSelectorError);
  assert.throws(() => sel(expr('role', 'Exists', ['x'])), NodeSelectorError);
});
