/**
 * Go's time.ParseInLocation (what sprig's toDate/mustToDate call with time.Local): the same
 * reference-time layouts as Format, Go's leniencies (a fractional second after the seconds
 * even when the layout has none, runs of spaces), its zone handling (a numeric offset or
 * abbreviation matching the location is attributed to it, otherwise a fixed zone), and its
 * ParseError texts (`parsing time "x" as "2006-01-02": cannot parse "x" as "2006"`).
 */
import { timeQuote } from './date-duration.js';
import { GoTime, nextStdChunk } from './date-time.js';
import { daysBefore, daysIn, fixedZone, isLeap, type Location, UTC } from './date-zone.js';

/** A time.ParseError; `message` is Go's Error() text. */
export class TimeParseError extends Error {
  constructor(layout: string, value: string, layoutElem: string, valueElem: string, detail: string) {
    super(
      detail === ''
        ? `parsing time ${timeQuote(value)} as ${timeQuote(layout)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`
        : `parsing time ${timeQuote(value)}${detail}`,
    );
    this.name = 'TimeParseError';
  }
}

const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT_MONTHS = LONG_MONTHS.map((m) => m.slice(0, 3));

/** Marker for Go's errBad (a field that does not parse). */
const BAD = Symbol('bad');

const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Go's lookup: case-insensitive prefix match against a name table. */
function lookupName(tab: readonly string[], val: string): { index: number; rest: string } | typeof BAD {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i]!;
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase()) {
      // Go lowercases ASCII letters only; other bytes must match exactly.
      if (sameIgnoringAsciiCase(val.slice(0, v.length), v)) return { index: i, rest: val.slice(v.length) };
    }
  }
  return BAD;
}

function sameIgnoringAsciiCase(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) {
    let c1 = a.charCodeAt(i);
    let c2 = b.charCodeAt(i);
    if (c1 !== c2) {
      c1 |= 0x20;
      c2 |= 0x20;
      if (c1 !== c2 || c1 < 0x61 || c1 > 0x7a) return false;
    }
  }
  return true;
}

/** getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): { n: number; rest: string } | typeof BAD {
  if (!isDigitAt(s, 0)) return BAD;
  if (!isDigitAt(s, 1)) return fixed ? BAD : { n: s.charCodeAt(0) - 48, rest: s.slice(1) };
  return { n: (s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), rest: s.slice(2) };
}

/** getnum3: one to three digits (exactly three when fixed). */
function getnum3(s: string, fixed: boolean): { n: number; rest: string } | typeof BAD {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + (s.charCodeAt(i) - 48);
  if (i === 0 || (fixed && i !== 3)) return BAD;
  return { n, rest: s.slice(i) };
}

/** Go's atoi: optional sign, then digits only. */
function atoi(s: string): number | typeof BAD {
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (!/^[0-9]+$/.test(s) && s !== '') return BAD;
  if (s === '') return 0;
  const x = Number(s);
  return neg ? -x : x;
}

/** skip: consume the literal `prefix`, treating runs of spaces as equivalent. */
function skip(value: string, prefix: string): string | typeof BAD {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') return BAD;
      prefix = prefix.replace(/^ +/, '');
      value = value.replace(/^ +/, '');
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return BAD;
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

const commaOrPeriod = (c: string | undefined): boolean => c === '.' || c === ',';

/** parseNanoseconds: value[0] is the separator, then nbytes-1 digits (at most 9 count). */
function parseNanoseconds(value: string, nbytes: number): { ns: number; range: string } | typeof BAD {
  if (!commaOrPeriod(value[0])) return BAD;
  if (nbytes > 10) nbytes = 10;
  const ns = atoi(value.slice(1, nbytes));
  if (ns === BAD) return BAD;
  if (ns < 0) return { ns: 0, range: 'fractional second' };
  return { ns: ns * 10 ** (10 - nbytes), range: '' };
}

/** parseTimeZone: the length of a zone abbreviation at the start of value, or 0. */
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return 3 + (value.length > 3 ? parseSignedOffset(value.slice(3)) : 0);
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  let nUpper = 0;
  while (nUpper < 6 && nUpper < value.length && value[nUpper]! >= 'A' && value[nUpper]! <= 'Z') nUpper++;
  switch (nUpper) {
    case 5:
      return value[4] === 'T' ? 5 : 0;
    case 4:
      return value[3] === 'T' || value.startsWith('WITA') ? 4 : 0;
    case 3:
      return 3;
    default:
      return 0;
  }
}

/** parseSignedOffset: "+03" / "-4" (|hours| <= 23) and its length, or 0. */
function parseSignedOffset(value: string): number {
  if (value[0] !== '-' && value[0] !== '+') return 0;
  const m = /^[0-9]+/.exec(value.slice(1));
  if (!m) return 0;
  // leadingInt overflows past 2^63; any such number is > 23 anyway.
  if (Number(m[0]) > 23) return 0;
  return 1 + m[0].length;
}

/**
 * time.ParseInLocation(layout, value, loc). Returns a TimeParseError with Go's text on
 * failure (the caller decides whether that means the zero Time).
 */
export function parseInLocation(layout: string, value: string, loc: Location): GoTime | TimeParseError {
  const alayout = layout;
  const avalue = value;
  let rangeErr = '';
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Location | undefined;
  let zoneOffset = -1;
  let zoneName = '';

  for (;;) {
    const chunk = nextStdChunk(layout);
    const skipped = skip(value, chunk.prefix);
    if (skipped === BAD) return new TimeParseError(alayout, avalue, chunk.prefix, value, '');
    value = skipped;
    if (chunk.std === undefined) {
      if (value.length !== 0) return new TimeParseError(alayout, avalue, '', value, ': extra text: ' + timeQuote(value));
      break;
    }
    layout = chunk.suffix;
    const hold = value;
    let bad = false;
    const take = <T extends { rest: string }>(r: T | typeof BAD): T | undefined => {
      if (r === BAD) {
        bad = true;
        return undefined;
      }
      value = r.rest;
      return r;
    };
    switch (chunk.std) {
      case '06': {
        if (value.length < 2) {
          bad = true;
          break;
        }
        const y = atoi(value.slice(0, 2));
        value = value.slice(2);
        if (y === BAD) bad = true;
        else year = y >= 69 ? y + 1900 : y + 2000;
        break;
      }
      case '2006': {
        if (value.length < 4 || !isDigitAt(value, 0)) {
          bad = true;
          break;
        }
        const y = atoi(value.slice(0, 4));
        value = value.slice(4);
        if (y === BAD) bad = true;
        else year = y;
        break;
      }
      case 'Jan':
      case 'January': {
        const r = take(lookupName(chunk.std === 'Jan' ? SHORT_MONTHS : LONG_MONTHS, value));
        if (r) month = r.index + 1;
        break;
      }
      case '1':
      case '01': {
        const r = take(getnum(value, chunk.std === '01'));
        if (r) {
          month = r.n;
          if (month <= 0 || month > 12) rangeErr = 'month';
        }
        break;
      }
      case 'Mon':
        take(lookupName(SHORT_DAYS, value));
        break;
      case 'Monday':
        take(lookupName(LONG_DAYS, value));
        break;
      case '2':
      case '_2':
      case '02': {
        if (chunk.std === '_2' && value[0] === ' ') value = value.slice(1);
        const r = take(getnum(value, chunk.std === '02'));
        if (r) day = r.n;
        break;
      }
      case '__2':
      case '002': {
        for (let i = 0; i < 2; i++) if (chunk.std === '__2' && value[0] === ' ') value = value.slice(1);
        const r = take(getnum3(value, chunk.std === '002'));
        if (r) yday = r.n;
        break;
      }
      case '15': {
        const r = take(getnum(value, false));
        if (r) {
          hour = r.n;
          if (hour < 0 || hour >= 24) rangeErr = 'hour';
        }
        break;
      }
      case '3':
      case '03': {
        const r = take(getnum(value, chunk.std === '03'));
        if (r) {
          hour = r.n;
          if (hour < 0 || hour > 12) rangeErr = 'hour';
        }
        break;
      }
      case '4':
      case '04': {
        const r = take(getnum(value, chunk.std === '04'));
        if (r) {
          min = r.n;
          if (min < 0 || min >= 60) rangeErr = 'minute';
        }
        break;
      }
      case '5':
      case '05': {
        const r = take(getnum(value, chunk.std === '05'));
        if (!r) break;
        sec = r.n;
        if (sec < 0 || sec >= 60) {
          rangeErr = 'second';
          break;
        }
        // A fractional second in the input that the layout does not spell out.
        if (value.length >= 2 && commaOrPeriod(value[0]) && isDigitAt(value, 1)) {
          const next = nextStdChunk(layout).std;
          if (next === 'frac0' || next === 'frac9') break;
          let n = 2;
          while (n < value.length && isDigitAt(value, n)) n++;
          const f = parseNanoseconds(value, n);
          if (f === BAD) bad = true;
          else {
            nsec = f.ns;
            rangeErr = f.range;
          }
          value = value.slice(n);
        }
        break;
      }
      case 'PM':
      case 'pm': {
        if (value.length < 2) {
          bad = true;
          break;
        }
        const p = value.slice(0, 2);
        value = value.slice(2);
        const [pm, am] = chunk.std === 'PM' ? ['PM', 'AM'] : ['pm', 'am'];
        if (p === pm) pmSet = true;
        else if (p === am) amSet = true;
        else bad = true;
        break;
      }
      case 'MST': {
        if (value.startsWith('UTC')) {
          z = UTC;
          value = value.slice(3);
          break;
        }
        const n = parseTimeZone(value);
        if (n === 0) {
          bad = true;
          break;
        }
        zoneName = value.slice(0, n);
        value = value.slice(n);
        break;
      }
      case 'frac0': {
        const ndigit = 1 + chunk.digits;
        if (value.length < ndigit) {
          bad = true;
          break;
        }
        const f = parseNanoseconds(value, ndigit);
        if (f === BAD) bad = true;
        else {
          nsec = f.ns;
          rangeErr = f.range;
        }
        value = value.slice(ndigit);
        break;
      }
      case 'frac9': {
        if (value.length < 2 || !commaOrPeriod(value[0]) || !isDigitAt(value, 1)) break;
        let i = 0;
        while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
        const f = parseNanoseconds(value, 1 + i);
        if (f === BAD) bad = true;
        else {
          nsec = f.ns;
          rangeErr = f.range;
        }
        value = value.slice(1 + i);
        break;
      }
      default: {
        // Numeric zones; the ISO 8601 forms also accept "Z" for UTC.
        const std = chunk.std;
        if (std.startsWith('Z') && value[0] === 'Z') {
          value = value.slice(1);
          z = UTC;
          break;
        }
        const zone = parseNumericZone(std, value);
        if (zone === BAD) {
          bad = true;
          break;
        }
        value = zone.rest;
        if (zone.range) rangeErr = zone.range;
        if (zone.offset === undefined) bad = true;
        else zoneOffset = zone.offset;
      }
    }
    if (rangeErr !== '') return new TimeParseError(alayout, avalue, chunk.stdText, value, `: ${rangeErr} out of range`);
    if (bad) return new TimeParseError(alayout, avalue, chunk.stdText, hold, '');
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        yday--;
      }
    }
    if (yday < 1 || yday > 365) return new TimeParseError(alayout, avalue, '', value, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (daysBefore(m + 1) < yday) m++;
      d = yday - daysBefore(m);
    }
    if (month >= 0 && month !== m) return new TimeParseError(alayout, avalue, '', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) return new TimeParseError(alayout, avalue, '', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) return new TimeParseError(alayout, avalue, '', value, ': day out of range');

  if (z !== undefined) return GoTime.date(year, month, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const utc = GoTime.date(year, month, day, hour, min, sec, nsec, UTC);
    const unix = utc.unixSec - zoneOffset;
    // The offset belongs to the location when that zone is in effect then.
    const local = loc.lookup(unix);
    if (local.offset === zoneOffset && (zoneName === '' || local.name === zoneName)) return new GoTime(unix, nsec, loc);
    return new GoTime(unix, nsec, fixedZone(zoneName, zoneOffset));
  }
  if (zoneName !== '') {
    const utc = GoTime.date(year, month, day, hour, min, sec, nsec, UTC);
    const offset = loc.lookupName(zoneName, utc.unixSec);
    if (offset !== undefined) return new GoTime(utc.unixSec - offset, nsec, loc);
    // An unknown abbreviation: a fake zone with no offset ("GMT+3" keeps its hours).
    let fake = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) fake = Number(zoneName.slice(3)) * 3600;
    return new GoTime(utc.unixSec, nsec, fixedZone(zoneName, fake));
  }
  return GoTime.date(year, month, day, hour, min, sec, nsec, loc);
}

/** The ±hh[:mm[:ss]] forms of a numeric zone, with Go's range checks. */
function parseNumericZone(std: string, value: string): { offset: number | undefined; range: string; rest: string } | typeof BAD {
  let sign: string;
  let hh: string;
  let mm = '00';
  let ss = '00';
  let rest: string;
  if (std === 'Z07:00' || std === '-07:00') {
    if (value.length < 6 || value[3] !== ':') return BAD;
    [sign, hh, mm, rest] = [value[0]!, value.slice(1, 3), value.slice(4, 6), value.slice(6)];
  } else if (std === 'Z07' || std === '-07') {
    if (value.length < 3) return BAD;
    [sign, hh, rest] = [value[0]!, value.slice(1, 3), value.slice(3)];
  } else if (std === 'Z07:00:00' || std === '-07:00:00') {
    if (value.length < 9 || value[3] !== ':' || value[6] !== ':') return BAD;
    [sign, hh, mm, ss, rest] = [value[0]!, value.slice(1, 3), value.slice(4, 6), value.slice(7, 9), value.slice(9)];
  } else if (std === 'Z070000' || std === '-070000') {
    if (value.length < 7) return BAD;
    [sign, hh, mm, ss, rest] = [value[0]!, value.slice(1, 3), value.slice(3, 5), value.slice(5, 7), value.slice(7)];
  } else {
    if (value.length < 5) return BAD;
    [sign, hh, mm, rest] = [value[0]!, value.slice(1, 3), value.slice(3, 5), value.slice(5)];
  }
  const h = getnum(hh, true);
  const m = h === BAD ? BAD : getnum(mm, true);
  const s = m === BAD ? BAD : getnum(ss, true);
  const hr = h === BAD ? 0 : h.n;
  const mi = m === BAD ? 0 : m.n;
  const se = s === BAD ? 0 : s.n;
  // Go checks ranges with > (offsets of 24h or 60m are written in the wild).
  let range = '';
  if (hr > 24) range = 'time zone offset hour';
  if (mi > 60) range = 'time zone offset minute';
  if (se > 60) range = 'time zone offset second';
  let offset: number | undefined = (hr * 60 + mi) * 60 + se;
  if (sign === '-') offset = -offset;
  else if (sign !== '+') offset = undefined;
  if (h === BAD || m === BAD || s === BAD) offset = undefined;
  return { offset, range, rest };
}
