// .helmignore: Go's filepath.Match (golden/glob.json, recorded with Go by
// scripts/record/chart/glob/main.go) and the rule semantics of helm's pkg/ignore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goMatch } from '../../../helm/chart/glob.js';
import { HelmIgnoreError, IgnoreRules } from '../../../helm/chart/helmignore.js';
import { golden } from './helpers.js';

interface GlobCase {
  pattern: string;
  name: string;
  match: boolean;
  error?: string;
}

const globCases = golden<{ cases: GlobCase[] }>('glob.json').cases;

for (const c of globCases) {
  test(`filepath.Match(${JSON.stringify(c.pattern)}, ${JSON.stringify(c.name)})`, () => {
    if (c.error !== undefined) {
      assert.throws(() => goMatch(c.pattern, c.name), { message: c.error });
    } else {
      assert.equal(goMatch(c.pattern, c.name), c.match);
    }
  });
}

test('rules: base names, anchored and structural patterns, directories', () => {
  const rules = IgnoreRules.parse('# comment\n\n*.txt\n/top.md\ndocs/*.md\nsecret/\n  spaced.cfg  \n');
  rules.addDefaults();
  assert.equal(rules.ignores('a.txt', false), true);
  assert.equal(rules.ignores('files/b.txt', false), true);
  assert.equal(rules.ignores('top.md', false), true);
  assert.equal(rules.ignores('files/top.md', false), false);
  assert.equal(rules.ignores('docs/a.md', false), true);
  assert.equal(rules.ignores('docs/sub/a.md', false), false);
  assert.equal(rules.ignores('secret', true), true);
  assert.equal(rules.ignores('secret', false), false);
  assert.equal(rules.ignores('spaced.cfg', false), true);
  assert.equal(rules.ignores('templates/.hidden.yaml', false), true);
  assert.equal(rules.ignores('templates/sub/.hidden.yaml', false), false);
  assert.equal(rules.ignores('.', true), false);
});

test('rules: a negated rule ignores everything it does not match', () => {
  const rules = IgnoreRules.parse('!keep.txt\n');
  assert.equal(rules.ignores('keep.txt', false), false);
  assert.equal(rules.ignores('other.txt', false), true);
  const dirOnly = IgnoreRules.parse('!dir/\n');
  assert.equal(dirOnly.ignores('file', false), true);
});

test('rules: ** and malformed globs are refused with helm messages', () => {
  assert.throws(() => IgnoreRules.parse('a/**/b\n'), (e: unknown) => e instanceof HelmIgnoreError && e.message === 'double-star (**) syntax is not supported');
  assert.throws(() => IgnoreRules.parse('a[\n'), { message: 'syntax error in pattern' });
});

test('rules: a BOM and CRLF line ends are tolerated', () => {
  const rules = IgnoreRules.parse('\ufeff*.log\r\n*.tmp\r\n');
  assert.equal(rules.ignores('x.log', false), true);
  assert.equal(rules.ignores('x.tmp', false), true);
});
