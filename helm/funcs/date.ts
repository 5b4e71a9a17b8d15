/**
 * sprig's date functions (sprig v3.3.0 date.go plus `now`): time.Time values are GoTime
 * structs, layouts are Go reference-time layouts, zones come from the zone database the way
 * Go's time.LoadLocation finds them (an unknown zone silently means UTC, as in sprig).
 *
 * Argument quirks kept from sprig: `date`/`dateInZone`/`htmlDate*` format a time.Time, or an
 * int/int32/int64 as Unix seconds, and anything else (a float64 from values.yaml, a string)
 * as the current time; `duration` only reads int64 and strings; `dateModify` returns the
 * date unchanged when the duration does not parse.
 */
import { GoError, type GoFunc, GoInt, type GoValue, T_INTERFACE, T_STRING } from '../template/value.js';
import { define } from './define.js';
import { type Duration, DurationError, formatDuration, HOUR, int64, MINUTE, parseDuration, roundDuration, saturate, SECOND } from './date-duration.js';
import { TimeParseError, parseInLocation } from './date-parse.js';
import { GoTime } from './date-time.js';
import { loadLocation, localLocation, UTC } from './date-zone.js';

/** The Go type name sprig's date parameters and results carry. */
export const T_TIME = 'time.Time';

/** sprig's `switch date.(type)`: which Go types count as a time for `date`/`ago`. */
function timeArgument(v: GoValue, intTypes: readonly string[]): GoTime {
  if (v instanceof GoTime) return v;
  if (v instanceof GoInt && intTypes.includes(v.type)) return GoTime.unix(Number(v.value));
  return GoTime.now();
}

/** sprig dateInZone: an unknown zone falls back to UTC. */
export function dateInZone(layout: string, date: GoValue, zone: string): string {
  const t = timeArgument(date, ['int64', 'int', 'int32']);
  const loc = loadLocation(zone) ?? UTC;
  return t.inLocation(loc).format(layout);
}

/** time.Since(t). */
function since(t: GoTime): bigint {
  return saturate(GoTime.now().sub(t));
}

/** sprig ago: time since the date, rounded to the second. */
function ago(date: GoValue): string {
  const t = timeArgument(date, ['int64', 'int']);
  return formatDuration(roundDuration(since(t), SECOND));
}

/** strconv.ParseInt(s, 10, 64) as sprig uses it: syntax errors give 0, range errors clamp. */
function parseInt64(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0n;
  const n = BigInt(s);
  const max = (1n << 63n) - 1n;
  return n > max ? max : n < -max - 1n ? -max - 1n : n;
}

/** sprig duration: seconds (int64 or a decimal string) as a Duration string. */
function duration(sec: GoValue): string {
  let n = 0n;
  if (typeof sec === 'string') n = parseInt64(sec);
  else if (sec instanceof GoInt && sec.type === 'int64') n = sec.value;
  return formatDuration(int64(n * SECOND));
}

const YEAR = HOUR * 24n * 365n;
const MONTH = HOUR * 24n * 30n;
const DAY = HOUR * 24n;

/** sprig durationRound: the largest whole unit (y, mo, d, h, m, s) of a duration. */
function durationRound(value: GoValue): string {
  let d: Duration = 0n;
  if (typeof value === 'string') {
    const parsed = parseDuration(value);
    d = parsed instanceof DurationError ? 0n : parsed;
  } else if (value instanceof GoInt && value.type === 'int64') {
    d = value.value;
  } else if (value instanceof GoTime) {
    d = since(value);
  }
  const u = d < 0n ? -d : d;
  const units: [bigint, string][] = [
    [YEAR, 'y'],
    [MONTH, 'mo'],
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
    [SECOND, 's'],
  ];
  for (const [size, suffix] of units) if (u > size) return (u / size).toString() + suffix;
  return '0s';
}

/** sprig dateModify: the date moved by a Go duration ("-1.5h"), unchanged when it does not parse. */
function dateModify(text: string, date: GoTime): GoTime {
  const d = parseDuration(text);
  return d instanceof DurationError ? date : date.add(d);
}

function mustDateModify(text: string, date: GoTime): GoTime {
  const d = parseDuration(text);
  if (d instanceof DurationError) throw new GoError(d.message);
  return date.add(d);
}

/** sprig toDate: time.ParseInLocation in the local zone; the zero Time when it fails. */
function toDate(layout: string, value: string): GoTime {
  const t = parseInLocation(layout, value, localLocation());
  return t instanceof TimeParseError ? GoTime.zero() : t;
}

function mustToDate(layout: string, value: string): GoTime {
  const t = parseInLocation(layout, value, localLocation());
  if (t instanceof TimeParseError) throw new GoError(t.message);
  return t;
}

const HTML_DATE = '2006-01-02';

/**
 * sprig now, date, dateInZone, date_in_zone, dateModify, date_modify, mustDateModify,
 * must_date_modify, toDate, mustToDate, duration, durationRound, ago, unixEpoch, htmlDate,
 * htmlDateInZone.
 */
export const dateFuncs: readonly GoFunc[] = [
  define('now', [], T_TIME, () => GoTime.now()),
  define('date', [T_STRING, T_INTERFACE], T_STRING, (layout: string, date: GoValue) => dateInZone(layout, date, 'Local')),
  define('dateInZone', [T_STRING, T_INTERFACE, T_STRING], T_STRING, dateInZone),
  define('date_in_zone', [T_STRING, T_INTERFACE, T_STRING], T_STRING, dateInZone),
  define('htmlDate', [T_INTERFACE], T_STRING, (date: GoValue) => dateInZone(HTML_DATE, date, 'Local')),
  define('htmlDateInZone', [T_INTERFACE, T_STRING], T_STRING, (date: GoValue, zone: string) => dateInZone(HTML_DATE, date, zone)),
  define('dateModify', [T_STRING, T_TIME], T_TIME, dateModify),
  define('date_modify', [T_STRING, T_TIME], T_TIME, dateModify),
  define('mustDateModify', [T_STRING, T_TIME], T_TIME, mustDateModify, { returnsError: true }),
  define('must_date_modify', [T_STRING, T_TIME], T_TIME, mustDateModify, { returnsError: true }),
  define('toDate', [T_STRING, T_STRING], T_TIME, toDate),
  define('mustToDate', [T_STRING, T_STRING], T_TIME, mustToDate, { returnsError: true }),
  define('duration', [T_INTERFACE], T_STRING, duration),
  define('durationRound', [T_INTERFACE], T_STRING, durationRound),
  define('ago', [T_INTERFACE], T_STRING, ago),
  define('unixEpoch', [T_TIME], T_STRING, (date: GoTime) => String(date.unixSec)),
];
