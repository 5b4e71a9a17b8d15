// Checks helm/template/escape.ts against text/template and net/url output recorded by
// scripts/record/gofmt/main.go into fixtures/escape.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  htmlEscapeString, htmlEscaper, jsEscapeString, jsEscaper, urlQueryEscape, urlQueryEscaper,
} from '../../../helm/template/escape.js';
import { decodeValue, describeArgs, type EncodedValue } from './gofmt-fixture.js';

interface EscapeCase {
  fn: 'htmlEscapeString' | 'jsEscapeString' | 'urlQueryEscaper' | 'htmlEscaper' | 'jsEscaper';
  args: EncodedValue[];
  out: string;
}

const fixture: { recordedWith: string; cases: EscapeCase[] } = JSON.parse(
  readFileSync(new URL('./fixtures/escape.json', import.meta.url), 'utf8'),
);

const builtins = { htmlEscaper, jsEscaper, urlQueryEscaper };

test('escape fixture is a real Go recording', () => {
  assert.match(fixture.recordedWith, /^go1\./);
  assert.ok(fixture.cases.length > 50);
});

test('html, js and urlquery builtins match Go (argument lists go through fmt.Sprint)', () => {
  for (const c of fixture.cases) {
    const args = c.args.map(decodeValue);
    let got: string;
    if (c.fn === 'htmlEscapeString' || c.fn === 'jsEscapeString') {
      got = (c.fn === 'htmlEscapeString' ? htmlEscapeString : jsEscapeString)(args[0] as string);
    } else {
      got = builtins[c.fn](args);
    }
    assert.equal(got, c.out, `${c.fn}(${describeArgs(c.args)})`);
  }
});

test('urlQueryEscape is url.QueryEscape of one string', () => {
  const c = fixture.cases.find((x) => x.fn === 'urlQueryEscaper' && x.args.length === 1 && x.args[0].t === 'string'
    && (x.args[0] as { v: string }).v.includes(' '));
  assert.ok(c);
  assert.equal(urlQueryEscape((c.args[0] as { v: string }).v), c.out);
});
