// Checks helm/template/gofmt.ts against real Go fmt output recorded by
// scripts/record/gofmt/main.go into fixtures/gofmt.json (see that script to re-record).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatValue, sprint, sprintf, sprintln } from '../../../helm/template/gofmt.js';
import { GoInt, goMap } from '../../../helm/template/value.js';
import { decodeValue, describeArgs, type EncodedValue } from './gofmt-fixture.js';

interface FmtCase {
  kind: 'sprintf' | 'sprint' | 'sprintln';
  format?: string;
  args: EncodedValue[];
  out: string;
}

const fixture: { recordedWith: string; cases: FmtCase[] } = JSON.parse(
  readFileSync(new URL('./fixtures/gofmt.json', import.meta.url), 'utf8'),
);

function run(c: FmtCase): string {
  const args = c.args.map(decodeValue);
  switch (c.kind) {
    case 'sprintf':
      return sprintf(c.format!, args);
    case 'sprint':
      return sprint(args);
    case 'sprintln':
      return sprintln(args);
  }
}

function checkAll(filter: (c: FmtCase) => boolean): void {
  const failures: string[] = [];
  const selected = fixture.cases.filter(filter);
  assert.ok(selected.length > 0, 'no fixture cases selected');
  for (const c of selected) {
    const got = run(c);
    if (got !== c.out) {
      failures.push(`${c.kind}(${JSON.stringify(c.format ?? '')}, ${describeArgs(c.args)}) = ${JSON.stringify(got)}, want ${JSON.stringify(c.out)}`);
    }
  }
  assert.deepEqual(failures.slice(0, 40), [], `${failures.length} of ${selected.length} cases differ`);
}

const hasStruct = (c: FmtCase): boolean => JSON.stringify(c.args).includes('"t":"struct"');
const hasContainer = (c: FmtCase): boolean => /"t":"(map|slice|bytes)"/.test(JSON.stringify(c.args));

test('fixture is a real Go recording with enough cases', () => {
  assert.match(fixture.recordedWith, /^go1\./);
  assert.ok(fixture.cases.length >= 200);
});

test('Sprintf of scalars (bool, ints, floats, strings, nil) matches Go', () => {
  checkAll((c) => c.kind === 'sprintf' && !hasStruct(c) && !hasContainer(c));
});

test('Sprintf of maps, slices and []byte matches Go', () => {
  checkAll((c) => c.kind === 'sprintf' && !hasStruct(c) && hasContainer(c));
});

test('Sprintf of structs, struct pointers and Stringers matches Go', () => {
  checkAll((c) => c.kind === 'sprintf' && hasStruct(c));
});

test('Sprint and Sprintln match Go', () => {
  checkAll((c) => c.kind !== 'sprintf');
});

test('formatValue prints one operand with one directive', () => {
  // Expected strings are from the recording: Sprintf("%v", 1e6) and Sprintf("%#v", map...).
  const want = (format: string, arg: string): string => {
    const c = fixture.cases.find((x) => x.kind === 'sprintf' && x.format === format && JSON.stringify(x.args) === arg);
    assert.ok(c, `fixture case ${format} ${arg}`);
    return c.out;
  };
  assert.equal(formatValue(1e6), want('%v', '[{"t":"float64","v":"1e+06"}]'));
  assert.equal(formatValue(new GoInt(42n)), want('%v', '[{"t":"int","type":"int","v":"42"}]'));
  assert.equal(formatValue(goMap({}), '#v'), want('%#v', '[{"t":"map","type":"map[string]interface {}","v":[]}]'));
});
