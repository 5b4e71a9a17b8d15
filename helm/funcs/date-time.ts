/**
 * Go's time.Time as a template value: an instant (Unix seconds + nanoseconds), a Location,
 * and optionally a monotonic clock reading (what time.Now attaches, printed by String() as
 * ` m=+0.012345678`). Formatting follows Go's reference-time layouts exactly
 * ("2006-01-02 15:04:05.999999999 -0700 MST").
 */
import { GoFunc, GoInt, type GoValue, GoStruct, NO_FIELD, T_BOOL, T_INT, T_INT64, T_STRING } from '../template/value.js';
import { type Duration, int64, SECOND } from './date-duration.js';
import { civilFromDays, daysFromCivil, localLocation, Location, UTC } from './date-zone.js';
import { MarshalJsonMethodError } from '../yaml/json.js';

/** time.RFC3339Nano. */
const RFC3339_NANO = '2006-01-02T15:04:05.999999999Z07:00';

/**
 * BurntSushi/toml's internal zones for TOML's local date-times, dates and times (the names
 * fromToml's times carry, see serialization.ts) and the layouts its encoder writes them with.
 */
const TOML_LOCAL_LAYOUTS: ReadonlyMap<string, string> = new Map([
  ['datetime-local', '2006-01-02T15:04:05.999999999'],
  ['date-local', '2006-01-02'],
  ['time-local', '15:04:05.999999999'],
]);

const SECONDS_PER_DAY = 86400;
/** Unix second of 0001-01-01 00:00:00 UTC (Go's zero Time). */
const ZERO_TIME_UNIX = -62135596800;
/** Unix second of 1885-01-01, the base of Go's wall clock when a monotonic reading is kept. */
const WALL_BASE_UNIX = -2682374400;

const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Nanoseconds on a process-local monotonic clock (Go's runtime nanotime since start). */
export function monotonicNow(): bigint {
  return BigInt(Math.round(performance.now() * 1e6));
}

/** A Go time.Time value. Immutable. */
export class GoTime extends GoStruct {
  readonly goType = 'time.Time';

  constructor(
    /** Seconds since 1970-01-01 UTC. */
    readonly unixSec: number,
    /** 0..999999999. */
    readonly nsec: number,
    readonly loc: Location,
    /** Monotonic reading in ns, when the value came from time.Now. */
    readonly mono?: bigint,
  ) {
    super();
  }

  /** time.Now(): local zone with a monotonic reading. */
  static now(): GoTime {
    const ms = Date.now();
    const ns = BigInt(ms) * 1000000n + (process.hrtime.bigint() % 1000000n);
    return new GoTime(Number(ns / 1000000000n), Number(ns % 1000000000n), localLocation(), monotonicNow());
  }

  /** time.Unix(sec, 0) in the local zone. */
  static unix(sec: number): GoTime {
    return new GoTime(sec, 0, localLocation());
  }

  /** The zero Time: 0001-01-01 00:00:00 UTC. */
  static zero(): GoTime {
    return new GoTime(ZERO_TIME_UNIX, 0, UTC);
  }

  /**
   * time.Date: wall-clock parts in `loc` (out-of-range parts roll over), resolved to an
   * instant with Go's two-step zone lookup around transitions.
   */
  static date(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number, loc: Location): GoTime {
    // Normalise month, then nanoseconds into seconds; the rest rolls over through day counts.
    const m0 = month - 1;
    year += Math.floor(m0 / 12);
    month = (((m0 % 12) + 12) % 12) + 1;
    sec += Math.floor(nsec / 1e9);
    nsec = ((nsec % 1e9) + 1e9) % 1e9;
    let unix = daysFromCivil(year, month, 1) * SECONDS_PER_DAY + (day - 1) * SECONDS_PER_DAY + hour * 3600 + min * 60 + sec;
    const z = loc.lookup(unix);
    if (z.offset !== 0) {
      const utc = unix - z.offset;
      const offset = utc < z.start || utc >= z.end ? loc.lookup(utc).offset : z.offset;
      unix -= offset;
    }
    return new GoTime(unix, nsec, loc);
  }

  /** Zone name and offset in effect for this instant. */
  zone(): { name: string; offset: number } {
    const z = this.loc.lookup(this.unixSec);
    return { name: z.name, offset: z.offset };
  }

  /** Local wall-clock fields. */
  fields(): { year: number; month: number; day: number; yday: number; weekday: number; hour: number; min: number; sec: number } {
    const { offset } = this.zone();
    const local = this.unixSec + offset;
    const days = Math.floor(local / SECONDS_PER_DAY);
    const secOfDay = local - days * SECONDS_PER_DAY;
    const { year, month, day } = civilFromDays(days);
    return {
      year,
      month,
      day,
      yday: days - daysFromCivil(year, 1, 1) + 1,
      weekday: (((days + 4) % 7) + 7) % 7,
      hour: Math.floor(secOfDay / 3600),
      min: Math.floor((secOfDay % 3600) / 60),
      sec: secOfDay % 60,
    };
  }

  /** Time.In: same instant, another zone; drops the monotonic reading. */
  inLocation(loc: Location): GoTime {
    return new GoTime(this.unixSec, this.nsec, loc);
  }

  /** Time.Add, keeping the monotonic reading while it stays representable. */
  add(d: Duration): GoTime {
    let dsec = d / SECOND;
    let nsec = BigInt(this.nsec) + (d % SECOND);
    if (nsec >= SECOND) {
      dsec++;
      nsec -= SECOND;
    } else if (nsec < 0n) {
      dsec--;
      nsec += SECOND;
    }
    const unixSec = this.unixSec + Number(dsec);
    let mono = this.mono;
    if (mono !== undefined) {
      // Go keeps the reading only while the wall clock fits its 33-bit field since 1885.
      const since1885 = unixSec - WALL_BASE_UNIX;
      const te = int64(mono + d);
      const overflowed = (d < 0n && te > mono) || (d > 0n && te < mono);
      mono = since1885 < 0 || since1885 > 2 ** 33 - 1 || overflowed ? undefined : te;
    }
    return new GoTime(unixSec, Number(nsec), this.loc, mono);
  }

  /** Time.Sub in nanoseconds (monotonic readings used when both have one). */
  sub(u: GoTime): bigint {
    if (this.mono !== undefined && u.mono !== undefined) return this.mono - u.mono;
    return (BigInt(this.unixSec) - BigInt(u.unixSec)) * SECOND + BigInt(this.nsec - u.nsec);
  }

  /** Time.Format with a Go reference-time layout. */
  format(layout: string): string {
    return formatTime(this, layout);
  }

  /** Time.String(). */
  override toString(): string {
    let s = this.format('2006-01-02 15:04:05.999999999 -0700 MST');
    if (this.mono !== undefined) {
      const neg = this.mono < 0n;
      let m2 = neg ? -this.mono : this.mono;
      let m1 = m2 / 1000000000n;
      m2 %= 1000000000n;
      const m0 = m1 / 1000000000n;
      m1 %= 1000000000n;
      s += ' m=' + (neg ? '-' : '+');
      s += m0 !== 0n ? m0.toString() + m1.toString().padStart(9, '0') : m1.toString();
      s += '.' + m2.toString().padStart(9, '0');
    }
    return s;
  }

  /**
   * Time.MarshalJSON (toJson's JsonMarshaler hook): RFC 3339 with nanoseconds, trailing zeros
   * trimmed. Like Go 1.23, refuses what RFC 3339 cannot write: a year outside 0..9999, or a
   * zone offset of 24 hours or more.
   */
  toJSONValue(): GoValue {
    const { year } = this.fields();
    if (year < 0 || year > 9999) throw new MarshalJsonMethodError('Time.MarshalJSON: year outside of range [0,9999]');
    if (Math.trunc(Math.abs(this.zone().offset) / 3600) >= 24) {
      throw new MarshalJsonMethodError('Time.MarshalJSON: timezone hour outside of range [0,23]');
    }
    return this.format(RFC3339_NANO);
  }

  /**
   * BurntSushi/toml's encoding of a time.Time (toToml): RFC 3339 with nanoseconds, or for the
   * zones its decoder gives TOML's local kinds, the local date-time, date or time in UTC.
   */
  tomlDatetimeText(): string {
    const layout = TOML_LOCAL_LAYOUTS.get(this.loc.name);
    if (layout === undefined) return this.format(RFC3339_NANO);
    return new GoTime(this.unixSec, this.nsec, UTC).format(layout);
  }

  /** yaml.v3's encoding of a time.Time (toYamlPretty): a plain RFC 3339 scalar, unchecked. */
  yamlV3PlainScalar(): string {
    return this.format(RFC3339_NANO);
  }

  override goString(): string {
    return this.toString();
  }

  fieldNames(): readonly string[] {
    return [];
  }

  field(): typeof NO_FIELD {
    return NO_FIELD;
  }

  override method(name: string): GoFunc | undefined {
    const f = this.fields.bind(this);
    const int = (v: number) => GoInt.int(v);
    const m = (params: string[], result: string, impl: (...a: GoValue[]) => GoValue) => new GoFunc(name, { params, result, returnsError: false }, impl);
    switch (name) {
      case 'Year':
        return m([], T_INT, () => int(f().year));
      case 'Month':
        return m([], 'time.Month', () => new GoNamedInt('time.Month', f().month, LONG_MONTHS[f().month - 1]!));
      case 'Day':
        return m([], T_INT, () => int(f().day));
      case 'YearDay':
        return m([], T_INT, () => int(f().yday));
      case 'Weekday':
        return m([], 'time.Weekday', () => new GoNamedInt('time.Weekday', f().weekday, LONG_DAYS[f().weekday]!));
      case 'Hour':
        return m([], T_INT, () => int(f().hour));
      case 'Minute':
        return m([], T_INT, () => int(f().min));
      case 'Second':
        return m([], T_INT, () => int(f().sec));
      case 'Nanosecond':
        return m([], T_INT, () => int(this.nsec));
      case 'Unix':
        return m([], T_INT64, () => GoInt.int64(this.unixSec));
      case 'UnixMilli':
        return m([], T_INT64, () => GoInt.int64(BigInt(this.unixSec) * 1000n + BigInt(Math.floor(this.nsec / 1e6))));
      case 'UnixMicro':
        return m([], T_INT64, () => GoInt.int64(BigInt(this.unixSec) * 1000000n + BigInt(Math.floor(this.nsec / 1e3))));
      case 'UnixNano':
        return m([], T_INT64, () => GoInt.int64(int64(BigInt(this.unixSec) * SECOND + BigInt(this.nsec))));
      case 'IsZero':
        return m([], T_BOOL, () => this.unixSec === ZERO_TIME_UNIX && this.nsec === 0);
      case 'Format':
        return m([T_STRING], T_STRING, (layout) => this.format(layout as string));
      case 'String':
        return m([], T_STRING, () => this.toString());
      case 'UTC':
        return m([], 'time.Time', () => this.inLocation(UTC));
      case 'Local':
        return m([], 'time.Time', () => this.inLocation(localLocation()));
      case 'AddDate':
        return m([T_INT, T_INT, T_INT], 'time.Time', (y, mo, d) => {
          const p = this.fields();
          const n = (v: GoValue) => Number((v as GoInt).value);
          return GoTime.date(p.year + n(y), p.month + n(mo), p.day + n(d), p.hour, p.min, p.sec, this.nsec, this.loc);
        });
      case 'Before':
        return m(['time.Time'], T_BOOL, (u) => this.compare(u as GoTime) < 0);
      case 'After':
        return m(['time.Time'], T_BOOL, (u) => this.compare(u as GoTime) > 0);
      case 'Equal':
        return m(['time.Time'], T_BOOL, (u) => this.compare(u as GoTime) === 0);
      case 'Compare':
        return m(['time.Time'], T_INT, (u) => int(this.compare(u as GoTime)));
    }
    return undefined;
  }

  /** Time.Compare (instants only; monotonic readings when both have one). */
  compare(u: GoTime): -1 | 0 | 1 {
    const d = this.sub(u);
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
}

/** A Go integer type with a String method (time.Month, time.Weekday): prints its name. */
export class GoNamedInt extends GoStruct {
  constructor(
    readonly goType: string,
    readonly value: number,
    private readonly text: string,
  ) {
    super();
  }
  fieldNames(): readonly string[] {
    return [];
  }
  field(): typeof NO_FIELD {
    return NO_FIELD;
  }
  override goString(): string {
    return this.text;
  }
  /** JSON sees the integer. */
  toJSONValue(): GoValue {
    return GoInt.int(this.value);
  }
}

// --- layouts (Go's nextStdChunk) -------------------------------------------------------

/** A layout element of Go's reference time. */
export type Std =
  | 'January' | 'Jan' | '1' | '01' | 'Monday' | 'Mon' | '2' | '_2' | '02' | '__2' | '002'
  | '15' | '3' | '03' | '4' | '04' | '5' | '05' | '2006' | '06' | 'PM' | 'pm' | 'MST'
  | 'Z0700' | 'Z070000' | 'Z07' | 'Z07:00' | 'Z07:00:00' | '-0700' | '-070000' | '-07' | '-07:00' | '-07:00:00'
  | 'frac0' | 'frac9';

/** One chunk: literal prefix, then an element (with fraction digits/separator), then the rest. */
export interface StdChunk {
  prefix: string;
  std: Std | undefined;
  /** Layout text of the element (for parse error messages). */
  stdText: string;
  /** Fraction digits and separator for frac0/frac9. */
  digits: number;
  separator: string;
  suffix: string;
}

const startsWithLower = (s: string): boolean => s.length > 0 && s[0]! >= 'a' && s[0]! <= 'z';
const ZERO_X: Std[] = ['01', '02', '03', '04', '05', '06'];
const NUM_TZ: Std[] = ['-070000', '-07:00:00', '-0700', '-07:00', '-07'];
const ISO_TZ: Std[] = ['Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'];

/** Go's nextStdChunk: finds the first layout element in `layout`. */
export function nextStdChunk(layout: string): StdChunk {
  const chunk = (i: number, std: Std, len: number, extra: Partial<StdChunk> = {}): StdChunk => ({
    prefix: layout.slice(0, i),
    std,
    stdText: layout.slice(i, i + len),
    digits: 0,
    separator: '.',
    suffix: layout.slice(i + len),
    ...extra,
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const at = (s: string) => layout.startsWith(s, i);
    switch (c) {
      case 'J':
        if (at('Jan')) {
          if (at('January')) return chunk(i, 'January', 7);
          if (!startsWithLower(layout.slice(i + 3))) return chunk(i, 'Jan', 3);
        }
        break;
      case 'M':
        if (at('Mon')) {
          if (at('Monday')) return chunk(i, 'Monday', 6);
          if (!startsWithLower(layout.slice(i + 3))) return chunk(i, 'Mon', 3);
        }
        if (at('MST')) return chunk(i, 'MST', 3);
        break;
      case '0': {
        const n = layout[i + 1];
        if (n !== undefined && n >= '1' && n <= '6') return chunk(i, ZERO_X[n.charCodeAt(0) - 49]!, 2);
        if (at('002')) return chunk(i, '002', 3);
        break;
      }
      case '1':
        if (at('15')) return chunk(i, '15', 2);
        return chunk(i, '1', 1);
      case '2':
        if (at('2006')) return chunk(i, '2006', 4);
        return chunk(i, '2', 1);
      case '_':
        if (layout[i + 1] === '2') {
          // "_2006" is a literal underscore followed by the year.
          if (layout.startsWith('2006', i + 1)) return { ...chunk(i + 1, '2006', 4), prefix: layout.slice(0, i + 1) };
          return chunk(i, '_2', 2);
        }
        if (at('__2')) return chunk(i, '__2', 3);
        break;
      case '3':
        return chunk(i, '3', 1);
      case '4':
        return chunk(i, '4', 1);
      case '5':
        return chunk(i, '5', 1);
      case 'P':
        if (layout[i + 1] === 'M') return chunk(i, 'PM', 2);
        break;
      case 'p':
        if (layout[i + 1] === 'm') return chunk(i, 'pm', 2);
        break;
      case '-':
        for (const std of NUM_TZ) if (at(std)) return chunk(i, std, std.length);
        break;
      case 'Z':
        for (const std of ISO_TZ) if (at(std)) return chunk(i, std, std.length);
        break;
      case '.':
      case ',': {
        const d = layout[i + 1];
        if (d === '0' || d === '9') {
          let j = i + 1;
          while (layout[j] === d) j++;
          // The digits must end the number: only a fraction is all zeros or nines.
          if (!(layout[j] !== undefined && layout[j]! >= '0' && layout[j]! <= '9')) {
            return chunk(i, d === '0' ? 'frac0' : 'frac9', j - i, { digits: j - (i + 1), separator: c });
          }
        }
        break;
      }
    }
  }
  return { prefix: layout, std: undefined, stdText: '', digits: 0, separator: '.', suffix: '' };
}

/** Go's appendInt: decimal, zero-padded to `width` (sign first). */
function pad(x: number, width: number): string {
  const s = Math.abs(x).toString();
  return (x < 0 ? '-' : '') + s.padStart(width, '0');
}

/** Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const { name, offset } = t.zone();
  let f: ReturnType<GoTime['fields']> | undefined;
  const fields = () => (f ??= t.fields());
  let out = '';
  while (layout !== '') {
    const c = nextStdChunk(layout);
    out += c.prefix;
    if (c.std === undefined) break;
    layout = c.suffix;
    const p = () => fields();
    switch (c.std) {
      case '06':
        out += pad(Math.abs(p().year) % 100, 2);
        break;
      case '2006':
        out += pad(p().year, 4);
        break;
      case 'Jan':
        out += LONG_MONTHS[p().month - 1]!.slice(0, 3);
        break;
      case 'January':
        out += LONG_MONTHS[p().month - 1]!;
        break;
      case '1':
        out += p().month;
        break;
      case '01':
        out += pad(p().month, 2);
        break;
      case 'Mon':
        out += LONG_DAYS[p().weekday]!.slice(0, 3);
        break;
      case 'Monday':
        out += LONG_DAYS[p().weekday]!;
        break;
      case '2':
        out += p().day;
        break;
      case '_2':
        out += (p().day < 10 ? ' ' : '') + p().day;
        break;
      case '02':
        out += pad(p().day, 2);
        break;
      case '__2':
        out += String(p().yday).padStart(3, ' ');
        break;
      case '002':
        out += pad(p().yday, 3);
        break;
      case '15':
        out += pad(p().hour, 2);
        break;
      case '3':
        out += p().hour % 12 === 0 ? 12 : p().hour % 12;
        break;
      case '03':
        out += pad(p().hour % 12 === 0 ? 12 : p().hour % 12, 2);
        break;
      case '4':
        out += p().min;
        break;
      case '04':
        out += pad(p().min, 2);
        break;
      case '5':
        out += p().sec;
        break;
      case '05':
        out += pad(p().sec, 2);
        break;
      case 'PM':
        out += p().hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += p().hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        out += name !== '' ? name : numericZone(offset, '-0700');
        break;
      case 'frac0':
      case 'frac9':
        out += formatFraction(t.nsec, c.digits, c.separator, c.std === 'frac9');
        break;
      default:
        // Numeric zones; the Z forms print "Z" for UTC.
        if (offset === 0 && c.std.startsWith('Z')) out += 'Z';
        else out += numericZone(offset, c.std);
    }
  }
  return out;
}

/** ±hh[:mm[:ss]] as the given element asks. */
function numericZone(offset: number, std: Std): string {
  const zone = Math.trunc(offset / 60);
  const abs = Math.abs(offset);
  let s = (zone < 0 ? '-' : '+') + pad(Math.trunc(Math.abs(zone) / 60), 2);
  const colon = std.includes(':');
  if (std !== '-07' && std !== 'Z07') s += (colon ? ':' : '') + pad(Math.abs(zone) % 60, 2);
  if (std === '-070000' || std === 'Z070000' || std === '-07:00:00' || std === 'Z07:00:00') s += (colon ? ':' : '') + pad(abs % 60, 2);
  return s;
}

/** Go's appendNano: `digits` places (at most 9), trailing zeros and dot dropped for .999. */
function formatFraction(nsec: number, digits: number, separator: string, trim: boolean): string {
  if (trim && (digits === 0 || nsec === 0)) return '';
  let s = String(nsec).padStart(9, '0').slice(0, Math.min(digits, 9));
  if (trim) s = s.replace(/0+$/, '');
  return s === '' && trim ? '' : separator + s;
}
