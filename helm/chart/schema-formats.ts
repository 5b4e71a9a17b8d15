/**
 * The `format` checkers of gojsonschema v1.2.0 (format_checkers.go) as ajv formats, so that
 * values.schema.json accepts and rejects the same strings as helm. Checks built on Go's time,
 * net and net/url parsers are close approximations; formats gojsonschema does not know pass.
 */
import { nodeNet } from '../on-demand.js';
import type { Ajv } from 'ajv';
import { goRegexpCompiles } from './schema-regex.js';

const HOSTNAME = /^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9])(\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]))*$/;
const UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const JSON_POINTER = /^(?:\/(?:[^~/]|~0|~1)*)*$/;
const RELATIVE_JSON_POINTER = /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/;
const URI_TEMPLATE = /^([^{]*({[^}]*})?)*$/;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:[.,]\d+)?$/;
const TIME_ZONE = /^(\d{2}):(\d{2}):(\d{2})(?:[.,]\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** time.Parse("2006-01-02"): a real calendar day. */
export function isGoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function validClock(h: string, m: string, s: string): boolean {
  return Number(h) < 24 && Number(m) < 60 && Number(s) < 60;
}

function validZone(z: string): boolean {
  if (z === 'Z') return true;
  return Number(z.slice(1, 3)) < 24 && Number(z.slice(4, 6)) < 60;
}

/** time.Parse with "15:04:05Z07:00" or "15:04:05" (fractional seconds allowed after the seconds). */
export function isGoTime(s: string): boolean {
  const z = TIME_ZONE.exec(s);
  if (z !== null) return validClock(z[1] as string, z[2] as string, z[3] as string) && validZone(z[4] as string);
  const t = TIME.exec(s);
  return t !== null && validClock(t[1] as string, t[2] as string, t[3] as string);
}

/** gojsonschema's date-time: a time, a date, or RFC 3339. */
export function isGoDateTime(s: string): boolean {
  if (isGoTime(s) || isGoDate(s)) return true;
  const m = DATE_TIME.exec(s);
  if (m === null) return false;
  return isGoDate(s.slice(0, 10)) && validClock(m[4] as string, m[5] as string, m[6] as string) && validZone(m[7] as string);
}

/** net/mail.ParseAddress, approximately: `local@domain` or `Name <local@domain>`. */
export function isGoEmail(s: string): boolean {
  const angle = /^[^<>]*<([^<>]+)>$/.exec(s.trim());
  const addr = angle !== null ? (angle[1] as string) : s.trim();
  return /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(addr) && !addr.startsWith('.') && !/\.\.|\.@|@\./.test(addr);
}

/** net/url.Parse, approximately: no control characters, well-formed % escapes. */
function parsesAsUrl(s: string): boolean {
  if (/[\u0000-\u001f\u007f]/.test(s)) return false;
  if (/%(?![0-9a-fA-F]{2})/.test(s)) return false;
  // A colon in the first segment of a scheme-less reference is an error in Go.
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s) && /^[^/?#]*:/.test(s)) return false;
  return true;
}

function hasScheme(s: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s);
}

/** gojsonschema's regex format: "" or a pattern Go's regexp.Compile accepts. */
function compilesAsRegex(s: string): boolean {
  return s === '' || goRegexpCompiles(s);
}

/** Registers gojsonschema's format checkers on an ajv instance. */
export function addGoJsonSchemaFormats(ajv: Ajv): void {
  const uri = (s: string) => parsesAsUrl(s) && hasScheme(s) && !s.includes('\\');
  const uriReference = (s: string) => parsesAsUrl(s) && !s.includes('\\');
  const formats: Record<string, (s: string) => boolean> = {
    date: isGoDate,
    time: isGoTime,
    'date-time': isGoDateTime,
    hostname: (s) => HOSTNAME.test(s) && s.length < 256,
    email: isGoEmail,
    'idn-email': isGoEmail,
    ipv4: (s) => nodeNet().isIP(s) !== 0 && s.includes('.'),
    ipv6: (s) => nodeNet().isIP(s) !== 0 && s.includes(':'),
    uri,
    'uri-reference': uriReference,
    iri: uri,
    'iri-reference': uriReference,
    'uri-template': (s) => uriReference(s) && URI_TEMPLATE.test(s.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/, '').split(/[?#]/)[0] ?? ''),
    uuid: (s) => UUID.test(s),
    regex: compilesAsRegex,
    'json-pointer': (s) => JSON_POINTER.test(s),
    'relative-json-pointer': (s) => RELATIVE_JSON_POINTER.test(s),
  };
  for (const [name, check] of Object.entries(formats)) ajv.addFormat(name, { type: 'string', validate: check });
}
