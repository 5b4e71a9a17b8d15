/**
 * Go's *time.Location: zone tables read from the system's TZif files exactly as Go's
 * time.LoadLocation reads them (ZONEINFO, then /usr/share/zoneinfo/ and friends), including
 * the POSIX TZ rule at the end of a file that covers times after the last transition. That
 * gives Go's zone abbreviations ("CET", "EDT", "+03") and Go's offsets byte for byte.
 *
 * Where no zone database exists on the machine at all, Go would fall back to UTC; we use
 * the JavaScript engine's Intl time zone data instead (offsets exact, abbreviations
 * approximated as Go prints numeric ones, e.g. "+01"), so a chart still renders the wall
 * time its author asked for.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SECONDS_PER_DAY = 86400;
/** Go's alpha/omega: the earliest and latest representable instants (as numbers here). */
export const ALPHA = -Number.MAX_SAFE_INTEGER;
export const OMEGA = Number.MAX_SAFE_INTEGER;

interface Zone {
  readonly name: string;
  readonly offset: number;
  readonly isDST: boolean;
}

interface Transition {
  readonly when: number;
  readonly index: number;
}

/** What Location.lookup reports for an instant. */
export interface ZoneInfo {
  name: string;
  offset: number;
  start: number;
  end: number;
  isDST: boolean;
}

/** A time zone: Go's time.Location. */
export class Location {
  constructor(
    /** Location.String(): "UTC", "Local", "Europe/Berlin"... */
    readonly name: string,
    private readonly zones: readonly Zone[],
    private readonly tx: readonly Transition[],
    /** The POSIX TZ rule for times after the last transition ("CET-1CEST,M3.5.0,M10.5.0/3"). */
    private readonly extend: string,
    /** Computes zones from Intl when no TZif data exists (see the file comment). */
    private readonly intlZone?: string,
  ) {}

  /** A copy under another name (Go renames the local zone "Local"). */
  renamed(name: string): Location {
    return new Location(name, this.zones, this.tx, this.extend, this.intlZone);
  }

  /** Location.lookup: the zone in effect at Unix second `sec`. */
  lookup(sec: number): ZoneInfo {
    if (this.intlZone !== undefined) return intlLookup(this.intlZone, sec);
    if (this.zones.length === 0) return { name: 'UTC', offset: 0, start: ALPHA, end: OMEGA, isDST: false };
    if (this.tx.length === 0 || sec < this.tx[0]!.when) {
      const zone = this.zones[this.lookupFirstZone()]!;
      return { ...zone, start: ALPHA, end: this.tx.length > 0 ? this.tx[0]!.when : OMEGA };
    }
    let lo = 0;
    let hi = this.tx.length;
    let end = OMEGA;
    while (hi - lo > 1) {
      const m = lo + Math.floor((hi - lo) / 2);
      const lim = this.tx[m]!.when;
      if (sec < lim) {
        end = lim;
        hi = m;
      } else {
        lo = m;
      }
    }
    const zone = this.zones[this.tx[lo]!.index]!;
    const start = this.tx[lo]!.when;
    if (lo === this.tx.length - 1 && this.extend !== '') {
      const rule = tzset(this.extend, start, sec);
      if (rule) return rule;
    }
    return { name: zone.name, offset: zone.offset, start, end, isDST: zone.isDST };
  }

  /** Location.lookupFirstZone: the zone for times before the first transition. */
  private lookupFirstZone(): number {
    if (!this.tx.some((t) => t.index === 0)) return 0;
    if (this.tx.length > 0 && this.zones[this.tx[0]!.index]!.isDST) {
      for (let zi = this.tx[0]!.index - 1; zi >= 0; zi--) if (!this.zones[zi]!.isDST) return zi;
    }
    const std = this.zones.findIndex((z) => !z.isDST);
    return std >= 0 ? std : 0;
  }

  /**
   * Location.lookupName: the offset of an abbreviation ("CEST") near Unix second `unix`,
   * preferring a zone of that name actually in effect then.
   */
  lookupName(name: string, unix: number): number | undefined {
    if (this.intlZone !== undefined) {
      for (const probe of [unix, unix - 3600, unix + 3600]) {
        const z = intlLookup(this.intlZone, probe);
        if (z.name === name) return z.offset;
      }
      return undefined;
    }
    for (const zone of this.zones) {
      if (zone.name === name && this.lookup(unix - zone.offset).name === zone.name) return this.lookup(unix - zone.offset).offset;
    }
    return this.zones.find((z) => z.name === name)?.offset;
  }
}

/** time.UTC. */
export const UTC = new Location('UTC', [], [], '');

/** time.FixedZone: a location that always uses `name` and `offset`. */
export function fixedZone(name: string, offset: number): Location {
  return new Location(name, [{ name, offset, isDST: false }], [{ when: ALPHA, index: 0 }], '');
}

/** Where Go's LoadLocation looks for zone files on Unix. */
const ZONE_SOURCES = ['/usr/share/zoneinfo/', '/usr/share/lib/zoneinfo/', '/usr/lib/locale/TZ/', '/etc/zoneinfo/'];

const cache = new Map<string, Location | undefined>();

/**
 * time.LoadLocation: "" and "UTC" give UTC, "Local" the local zone, anything else is read
 * from the zone database. Returns undefined where Go returns an error (sprig then uses UTC).
 */
export function loadLocation(name: string): Location | undefined {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return localLocation();
  // No IANA name contains "..", or starts with a slash.
  if (name.includes('..') || name[0] === '/' || name[0] === '\\') return undefined;
  if (cache.has(name)) return cache.get(name);
  const loc = loadFromSources(name) ?? intlLocation(name);
  cache.set(name, loc);
  return loc;
}

function loadFromSources(name: string): Location | undefined {
  const dirs = [process.env.ZONEINFO, ...ZONE_SOURCES].filter((d): d is string => d !== undefined && d !== '');
  for (const dir of dirs) {
    const data = readZoneFile(join(dir, name));
    if (data) {
      const loc = parseTZif(name, data);
      if (loc) return loc;
    }
  }
  return undefined;
}

function readZoneFile(path: string): Uint8Array | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

let local: Location | undefined;
/** The TZ value `local` was made for. */
let localTz: string | undefined;

/**
 * time.Local, as Go's initLocal picks it: $TZ unset means /etc/localtime (named "Local"),
 * $TZ="" means UTC, $TZ=":Zone" or "Zone" a database zone, $TZ="/path" that file.
 * Anything that fails to load gives UTC.
 */
export function localLocation(): Location {
  // Keyed by TZ: a warm worker of the render server runs generate for processes whose TZ differs.
  const tz = process.env.TZ;
  if (local && localTz === tz) return local;
  local = initLocal();
  localTz = tz;
  return local;
}

/** Forgets the cached local zone (for tests that change TZ). */
export function resetLocalLocation(): void {
  local = undefined;
  localTz = undefined;
}

function initLocal(): Location {
  const tz = process.env.TZ;
  if (tz === undefined) {
    const data = readZoneFile('/etc/localtime');
    const loc = data && parseTZif('Local', data);
    if (loc) return loc;
    return UTC.renamed('UTC');
  }
  let name = tz.startsWith(':') ? tz.slice(1) : tz;
  if (name !== '' && name[0] === '/') {
    const data = readZoneFile(name);
    const loc = data && parseTZif(name === '/etc/localtime' ? 'Local' : name, data);
    if (loc) return loc;
  } else if (name !== '' && name !== 'UTC') {
    const loc = loadFromSources(name) ?? intlLocation(name);
    if (loc) return loc;
  }
  name = 'UTC';
  return UTC.renamed(name);
}

/** time.LoadLocationFromTZData: versions 1-3, 64-bit data preferred, footer rule kept. */
export function parseTZif(name: string, data: Uint8Array): Location | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let p = 0;
  const need = (n: number): boolean => p + n <= data.length;
  if (!need(20) || String.fromCharCode(...data.subarray(0, 4)) !== 'TZif') return undefined;
  const version = data[4] === 0 ? 1 : data[4] === 0x32 ? 2 : data[4] === 0x33 ? 3 : 0;
  if (version === 0) return undefined;
  p = 20;
  const readCounts = (): number[] | undefined => {
    if (!need(24)) return undefined;
    const n = [0, 1, 2, 3, 4, 5].map((i) => view.getUint32(p + 4 * i));
    p += 24;
    return n;
  };
  let n = readCounts();
  if (!n) return undefined;
  // [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt]
  let timeSize = 4;
  if (version > 1) {
    const [utc, std, leap, time, type, chars] = n as [number, number, number, number, number, number];
    p += time * 4 + time + type * 6 + chars + leap * 8 + std + utc + 20;
    n = readCounts();
    if (!n) return undefined;
    timeSize = 8;
  }
  const [, , leapCount, timeCount, typeCount, charCount] = n as [number, number, number, number, number, number];
  const txStart = p;
  const idxStart = txStart + timeCount * timeSize;
  const zoneStart = idxStart + timeCount;
  const abbrStart = zoneStart + typeCount * 6;
  const afterAbbr = abbrStart + charCount + leapCount * (timeSize + 4) + (n[1] ?? 0) + (n[0] ?? 0);
  if (afterAbbr > data.length || typeCount === 0) return undefined;
  const abbrev = data.subarray(abbrStart, abbrStart + charCount);
  const zones: Zone[] = [];
  for (let i = 0; i < typeCount; i++) {
    const at = zoneStart + i * 6;
    const ai = data[at + 5]!;
    if (ai >= abbrev.length) return undefined;
    let endAbbr = abbrev.indexOf(0, ai);
    if (endAbbr < 0) endAbbr = abbrev.length;
    zones.push({ offset: view.getInt32(at), isDST: data[at + 4] !== 0, name: String.fromCharCode(...abbrev.subarray(ai, endAbbr)) });
  }
  const tx: Transition[] = [];
  for (let i = 0; i < timeCount; i++) {
    const at = txStart + i * timeSize;
    const when = timeSize === 4 ? view.getInt32(at) : Number(view.getBigInt64(at));
    const index = data[idxStart + i]!;
    if (index >= zones.length) return undefined;
    tx.push({ when, index });
  }
  if (tx.length === 0) tx.push({ when: ALPHA, index: 0 });
  const rest = data.subarray(afterAbbr);
  let extend = '';
  if (rest.length > 2 && rest[0] === 0x0a && rest[rest.length - 1] === 0x0a) {
    extend = String.fromCharCode(...rest.subarray(1, rest.length - 1));
  }
  return new Location(name, zones, tx, extend);
}

// --- POSIX TZ rules (Go's tzset) -------------------------------------------------------

interface Rule {
  kind: 'julian' | 'doy' | 'monthWeekDay';
  day: number;
  week: number;
  mon: number;
  /** Seconds after local midnight. */
  time: number;
}

/** Go's tzset: the zone a TZ rule string gives at Unix second `sec`. */
function tzset(s: string, lastTxSec: number, sec: number): ZoneInfo | undefined {
  const std = tzsetName(s);
  if (!std) return undefined;
  const stdOff = tzsetOffset(std.rest);
  if (!stdOff) return undefined;
  let stdName = std.name;
  // TZ strings give UTC minus local; Go offsets are local minus UTC.
  let stdOffset = -stdOff.value;
  s = stdOff.rest;
  if (s.length === 0 || s[0] === ',') return { name: stdName, offset: stdOffset, start: lastTxSec, end: OMEGA, isDST: false };
  const dst = tzsetName(s);
  if (!dst) return undefined;
  let dstName = dst.name;
  let dstOffset: number;
  s = dst.rest;
  if (s.length === 0 || s[0] === ',') {
    dstOffset = stdOffset + 3600;
  } else {
    const off = tzsetOffset(s);
    if (!off) return undefined;
    dstOffset = -off.value;
    s = off.rest;
  }
  if (s.length === 0) s = ',M3.2.0,M11.1.0';
  if (s[0] !== ',' && s[0] !== ';') return undefined;
  const startRule = tzsetRule(s.slice(1));
  if (!startRule || startRule.rest[0] !== ',') return undefined;
  const endRule = tzsetRule(startRule.rest.slice(1));
  if (!endRule || endRule.rest.length > 0) return undefined;

  // Go takes the year and day of year from the UTC instant, not the local one.
  const { year, yday } = yearAndYday(sec);
  const ysec = yday * SECONDS_PER_DAY + (sec % SECONDS_PER_DAY);
  const abs = daysFromCivil(year, 1, 1) * SECONDS_PER_DAY;
  let startSec = tzruleTime(year, startRule.rule, stdOffset);
  let endSec = tzruleTime(year, endRule.rule, dstOffset);
  let dstIsDST = true;
  let stdIsDST = false;
  if (endSec < startSec) {
    // Southern hemisphere: the labels stay, the roles swap (as Go does).
    [startSec, endSec] = [endSec, startSec];
    [stdName, dstName] = [dstName, stdName];
    [stdOffset, dstOffset] = [dstOffset, stdOffset];
    [stdIsDST, dstIsDST] = [dstIsDST, stdIsDST];
  }
  if (ysec < startSec) return { name: stdName, offset: stdOffset, start: abs, end: startSec + abs, isDST: stdIsDST };
  if (ysec >= endSec) return { name: stdName, offset: stdOffset, start: endSec + abs, end: abs + 365 * SECONDS_PER_DAY, isDST: stdIsDST };
  return { name: dstName, offset: dstOffset, start: startSec + abs, end: endSec + abs, isDST: dstIsDST };
}

function tzsetName(s: string): { name: string; rest: string } | undefined {
  if (s.length === 0) return undefined;
  if (s[0] !== '<') {
    for (let i = 0; i < s.length; i++) {
      if ('0123456789,-+'.includes(s[i]!)) return i < 3 ? undefined : { name: s.slice(0, i), rest: s.slice(i) };
    }
    return s.length < 3 ? undefined : { name: s, rest: '' };
  }
  const close = s.indexOf('>');
  return close < 0 ? undefined : { name: s.slice(1, close), rest: s.slice(close + 1) };
}

function tzsetOffset(s: string): { value: number; rest: string } | undefined {
  if (s.length === 0) return undefined;
  let neg = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') {
    s = s.slice(1);
    neg = true;
  }
  const hours = tzsetNum(s, 0, 24 * 7);
  if (!hours) return undefined;
  let off = hours.value * 3600;
  s = hours.rest;
  if (s[0] === ':') {
    const mins = tzsetNum(s.slice(1), 0, 59);
    if (!mins) return undefined;
    off += mins.value * 60;
    s = mins.rest;
    if (s[0] === ':') {
      const secs = tzsetNum(s.slice(1), 0, 59);
      if (!secs) return undefined;
      off += secs.value;
      s = secs.rest;
    }
  }
  return { value: neg ? -off : off, rest: s };
}

function tzsetRule(s: string): { rule: Rule; rest: string } | undefined {
  if (s.length === 0) return undefined;
  const rule: Rule = { kind: 'doy', day: 0, week: 0, mon: 0, time: 0 };
  if (s[0] === 'J') {
    const jday = tzsetNum(s.slice(1), 1, 365);
    if (!jday) return undefined;
    rule.kind = 'julian';
    rule.day = jday.value;
    s = jday.rest;
  } else if (s[0] === 'M') {
    const mon = tzsetNum(s.slice(1), 1, 12);
    if (!mon || mon.rest[0] !== '.') return undefined;
    const week = tzsetNum(mon.rest.slice(1), 1, 5);
    if (!week || week.rest[0] !== '.') return undefined;
    const day = tzsetNum(week.rest.slice(1), 0, 6);
    if (!day) return undefined;
    Object.assign(rule, { kind: 'monthWeekDay', mon: mon.value, week: week.value, day: day.value });
    s = day.rest;
  } else {
    const day = tzsetNum(s, 0, 365);
    if (!day) return undefined;
    rule.day = day.value;
    s = day.rest;
  }
  if (s[0] !== '/') {
    rule.time = 2 * 3600; // 2am is the default
    return { rule, rest: s };
  }
  const off = tzsetOffset(s.slice(1));
  if (!off) return undefined;
  rule.time = off.value;
  return { rule, rest: off.rest };
}

function tzsetNum(s: string, min: number, max: number): { value: number; rest: string } | undefined {
  if (s.length === 0) return undefined;
  let num = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      if (i === 0 || num < min) return undefined;
      return { value: num, rest: s.slice(i) };
    }
    num = num * 10 + (c - 0x30);
    if (num > max) return undefined;
  }
  return num < min ? undefined : { value: num, rest: '' };
}

const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return DAYS_BEFORE[month]! - DAYS_BEFORE[month - 1]!;
}

/** Days before the first of `month` in a non-leap year. */
export function daysBefore(month: number): number {
  return DAYS_BEFORE[month - 1]!;
}

/** Go's tzruleTime: seconds after the start of `year` (UTC) at which a rule fires. */
function tzruleTime(year: number, r: Rule, off: number): number {
  let s: number;
  if (r.kind === 'julian') {
    s = (r.day - 1) * SECONDS_PER_DAY;
    if (isLeap(year) && r.day >= 60) s += SECONDS_PER_DAY;
  } else if (r.kind === 'doy') {
    s = r.day * SECONDS_PER_DAY;
  } else {
    // Zeller's congruence: weekday of the first of the month.
    const m1 = ((r.mon + 9) % 12) + 1;
    const yy0 = r.mon <= 2 ? year - 1 : year;
    const yy1 = Math.trunc(yy0 / 100);
    const yy2 = yy0 % 100;
    let dow = (Math.trunc((26 * m1 - 2) / 10) + 1 + yy2 + Math.trunc(yy2 / 4) + Math.trunc(yy1 / 4) - 2 * yy1) % 7;
    if (dow < 0) dow += 7;
    let d = r.day - dow;
    if (d < 0) d += 7;
    for (let i = 1; i < r.week; i++) {
      if (d + 7 >= daysIn(r.mon, year)) break;
      d += 7;
    }
    d += DAYS_BEFORE[r.mon - 1]!;
    if (isLeap(year) && r.mon > 2) d++;
    s = d * SECONDS_PER_DAY;
  }
  return s + r.time - off;
}

// --- proleptic Gregorian calendar arithmetic -------------------------------------------

/** Days since 1970-01-01 of a civil date (month 1-12; out-of-range days roll over). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Year and zero-based day of year of a Unix second (UTC). */
function yearAndYday(sec: number): { year: number; yday: number } {
  const days = Math.floor(sec / SECONDS_PER_DAY);
  const { year } = civilFromDays(days);
  return { year, yday: days - daysFromCivil(year, 1, 1) };
}

// --- Intl fallback (no zone database on this machine) ----------------------------------

const intlFormatters = new Map<string, Intl.DateTimeFormat>();

function intlLocation(name: string): Location | undefined {
  if (ZONE_SOURCES.some((dir) => existsSync(dir)) || (process.env.ZONEINFO ?? '') !== '') return undefined;
  try {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    intlFormatters.set(name, fmt);
  } catch {
    return undefined;
  }
  return new Location(name, [], [], '', name);
}

/** The offset Intl reports for `zone` at Unix second `sec`, with a Go-style numeric name. */
function intlLookup(zone: string, sec: number): ZoneInfo {
  const fmt = intlFormatters.get(zone)!;
  const ms = Math.max(Math.min(sec, 8.64e12), -8.64e12) * 1000;
  const parts = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = daysFromCivil(Number(parts.year), Number(parts.month), Number(parts.day)) * SECONDS_PER_DAY + Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
  const offset = asUtc - Math.floor(ms / 1000);
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = Math.floor((a % 3600) / 60);
  const name = offset === 0 ? 'UTC' : sign + hh + (mm ? String(mm).padStart(2, '0') : '');
  // Intl offers no transition times; an hour either side keeps Date's two-step lookup honest.
  return { name, offset, start: sec - 3600, end: sec + 3600, isDST: false };
}
