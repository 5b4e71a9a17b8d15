import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LayeredMap } from '../../../helm/template/layered-map.js';

test('a fork sees its parent as it was at fork time, never a later change, and changes alone', () => {
  const parent = new LayeredMap<string, number>();
  parent.set('a', 1);
  parent.set('b', 2);
  const child = parent.fork();
  parent.set('a', 10);
  parent.set('c', 3);
  child.set('b', 20);
  child.set('d', 4);
  assert.deepEqual([parent.get('a'), parent.get('b'), parent.get('c'), parent.get('d')], [10, 2, 3, undefined]);
  assert.deepEqual([child.get('a'), child.get('b'), child.get('c'), child.get('d')], [1, 20, undefined, 4]);
  const grandchild = child.fork();
  child.set('a', 100);
  assert.equal(grandchild.get('a'), 1);
  assert.equal(grandchild.get('b'), 20);
  assert.deepEqual(grandchild.keys().sort(), ['a', 'b', 'd']);
  assert.equal(grandchild.has('c'), false);
});

test('forks of forks stay exact over many generations', () => {
  let m = new LayeredMap<string, number>();
  const expected = new Map<string, number>();
  for (let g = 0; g < 50; g++) {
    m.set(`k${g % 7}`, g);
    expected.set(`k${g % 7}`, g);
    const f = m.fork();
    m.set(`k${g % 7}`, -1); // a change after the fork must not show in it
    m = f;
    for (const [k, v] of expected) assert.equal(m.get(k), v);
  }
});
