// Checks sprig's date functions (date.go, `now`) against helm v3.17.3 output recorded with
// TZ=America/New_York in fixtures/b-date.json (re-record:
// `node scripts/record/funcs-b/record.mjs date`). Functions of the current time are checked
// for shape: Go's Time.String() layout with its monotonic suffix, as helm printed
// `2026-11-23 19:29:10.34194822 +0000 UTC m=+0.040483842` for `{{ now }}`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateFuncs } from '../../../helm/funcs/date.js';
import { formatDuration, parseDuration } from '../../../helm/funcs/date-duration.js';
import { GoTime } from '../../../helm/funcs/date-time.js';
import { localLocation } from '../../../helm/funcs/date-zone.js';
import { GoInt } from '../../../helm/template/value.js';
import { checkDirect, checkEndToEnd, loadFixture, render } from './b-harness.js';
import { signatureMismatches } from './b-signatures.js';

const fixture = loadFixture('date');
const call = (name: string, ...args: unknown[]) => dateFuncs.find((f) => f.name === name)!.impl(...(args as never[]));

test('date functions match helm when called directly', () => {
  assert.deepEqual(checkDirect(fixture), []);
});

test('date functions match helm through templates', () => {
  assert.deepEqual(checkEndToEnd(fixture), []);
});

test('date functions have sprig signatures', () => {
  assert.deepEqual(signatureMismatches(dateFuncs), []);
  assert.equal(dateFuncs.length, 16);
});

const NOW_STRING = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? [+-]\d{4} [A-Z]{3,4} m=\+\d+\.\d{9}$/;

test('now prints like Go time.Now(): local zone and a monotonic reading', () => {
  const out = render('{{ now }}', new Map());
  assert.match(out, NOW_STRING);
  assert.match(render('{{ now | date_modify "1h" }}', new Map()), NOW_STRING);
  assert.match(render('{{ now | date "2006-01-02" }}', new Map()), /^\d{4}-\d\d-\d\d$/);
  const t = call('now') as GoTime;
  assert.equal(t.loc, localLocation());
  assert.ok(Math.abs(t.unixSec - Date.now() / 1000) < 5);
});

test('date of a non-time argument (a float64 from values.yaml) formats the current time', () => {
  const year = String(new Date().getUTCFullYear());
  assert.match(call('date', '2006', 1.5e9) as string, new RegExp(`^(${year}|${Number(year) - 1}|${Number(year) + 1})$`));
});

test('ago and durationRound measure from now, rounded as sprig does', () => {
  const past = GoTime.unix(Math.floor(Date.now() / 1000) - 90);
  assert.match(call('ago', past) as string, /^1m(29|30|31)s$/);
  assert.match(call('ago', new GoInt(BigInt(Math.floor(Date.now() / 1000) - 7200), 'int64')) as string, /^(1h59m59s|2h0m[01]s)$/);
  const threeDays = GoTime.unix(Math.floor(Date.now() / 1000) - 3 * 86400 - 60);
  assert.equal(call('durationRound', threeDays), '3d');
  const future = GoTime.unix(Math.floor(Date.now() / 1000) + 3600 * 5 + 60);
  assert.equal(call('durationRound', future), '5h');
});

test('Duration.String and ParseDuration agree on a round trip', () => {
  for (const text of ['1h2m3.5s', '1.5ms', '999ns', '2562047h47m16.854775807s', '-3µs']) {
    const d = parseDuration(text);
    assert.equal(typeof d, 'bigint');
    assert.equal(formatDuration(d as bigint), text);
  }
});
