// splitManifests is a linear scan standing in for Go's regexp.Split on `(?:^|\s*\n)---\s*`.
// The oracle here is that exact pattern run by re2js (an RE2 port, Go's regexp semantics) with
// Go's Split loop around it, on random streams built from the pieces that matter: blanks of
// every kind, newlines, dashes, and text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RE2JS } from 're2js';
import { splitManifests } from '../../../helm/render/manifests.js';
import { goTrimSpace } from '../../../helm/render/go-text.js';

const GO_SEPARATOR = RE2JS.compile('(?:^|\\s*\\n)---\\s*');

/** Go's regexp.Split(s, -1) over re2js matches. */
function goSplit(s: string): string[] {
  if (s.length === 0) return [''];
  const out: string[] = [];
  const m = GO_SEPARATOR.matcher(s);
  let beg = 0;
  let end = 0;
  while (m.find()) {
    end = m.start();
    if (m.end() !== 0) out.push(s.slice(beg, end));
    beg = m.end();
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

function reference(bigFile: string): string[] {
  return goSplit(goTrimSpace(bigFile))
    .filter((d) => d !== '')
    .map((d) => goTrimSpace(d));
}

const PIECES = ['---', '--', '-', '\n', '\n', ' ', '  ', '\t', '\r', '\f', '\v', 'a: 1', 'kind: X', '#', '---foo', '\n---\n', '\u00a0', 'x'];

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('splitManifests equals Go regexp.Split on 20,000 random streams', () => {
  const rand = seeded(11);
  for (let i = 0; i < 20_000; i++) {
    const n = Math.floor(rand() * 24);
    let s = '';
    for (let k = 0; k < n; k++) s += PIECES[Math.floor(rand() * PIECES.length)];
    assert.deepEqual(splitManifests(s), reference(s), JSON.stringify(s));
  }
});

test('splitManifests on the shapes helm output has', () => {
  for (const s of [
    '---\na: 1\n---\nb: 2\n',
    '# Source: x\n---\n# Source: y\napiVersion: v1\n',
    'a: 1\n   \n  \t\n---   \n\n---\nb: 2',
    'a: 1\n---foo\nb: 2',
    `spec:\n${' '.repeat(5000)}\n---\nb`,
    '',
    '   \n\t ',
  ]) {
    assert.deepEqual(splitManifests(s), reference(s), JSON.stringify(s));
  }
});
