/**
 * The three checks of github.com/asaskevich/govalidator (a9d515a, the version helm v3.17.3
 * pins) that helm's Chart.yaml rules use: IsEmail, IsURL and IsRequestURL. Their patterns are
 * Go regexps (RE2), matched here by Go's rules; URLs are parsed by our port of net/url.
 */
import { GoRegexp, RegexpSyntaxError } from '../../helm/funcs/regex-go.js';
import { parseUrl, UrlError } from '../../helm/funcs/url-go.js';

function compile(expr: string): GoRegexp {
  const re = GoRegexp.compile(expr);
  if (re instanceof RegexpSyntaxError) throw re;
  return re;
}

// Characters beyond ASCII that RFC 5322-style local parts and domains may use.
const UCS = '\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}';
const ATEXT = `([a-zA-Z]|\\d|[!#\\$%&'\\*\\+\\-\\/=\\?\\^_\`{\\|}~]|[${UCS}])`;
const DOT_ATOM = `(${ATEXT}+(\\.${ATEXT}+)*)`;
const FWS = '(((\\x20|\\x09)*(\\x0d\\x0a))?(\\x20|\\x09)+)';
const QTEXT = `([\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]|\\x21|[\\x23-\\x5b]|[\\x5d-\\x7e]|[${UCS}])`;
// As written upstream: an escaped "(" (not a backslash) starts the quoted pair.
const QUOTED_PAIR = `(\\([\\x01-\\x09\\x0b\\x0c\\x0d-\\x7f]|[${UCS}])`;
const QUOTED_STRING = `((\\x22)(${FWS}?(${QTEXT}|${QUOTED_PAIR}))*${FWS}?(\\x22))`;
const ALNUM = `([a-zA-Z]|\\d|[${UCS}])`;
const ALPHA = `([a-zA-Z]|[${UCS}])`;
const LABEL = `((${ALNUM})|((${ALNUM})([a-zA-Z]|\\d|-|\\.|_|~|[${UCS}])*(${ALNUM})))`;
const TLD = `((${ALPHA})|((${ALPHA})([a-zA-Z]|\\d|-|_|~|[${UCS}])*(${ALPHA})))`;
const EMAIL = `^((${DOT_ATOM})|${QUOTED_STRING})@(${LABEL}\\.)+${TLD}\\.?$`;

const IPV4_OCTET = '(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])';
const IPV4_IN_V6 = `(${IPV4_OCTET}\\.){3,3}${IPV4_OCTET}`;
const H16 = '[0-9a-fA-F]{1,4}';
const IP = [
  `(${H16}:){7,7}${H16}`,
  `(${H16}:){1,7}:`,
  `(${H16}:){1,6}:${H16}`,
  `(${H16}:){1,5}(:${H16}){1,2}`,
  `(${H16}:){1,4}(:${H16}){1,3}`,
  `(${H16}:){1,3}(:${H16}){1,4}`,
  `(${H16}:){1,2}(:${H16}){1,5}`,
  `${H16}:((:${H16}){1,6})`,
  `:((:${H16}){1,7}|:)`,
  'fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}',
  `::(ffff(:0{1,4}){0,1}:){0,1}${IPV4_IN_V6}`,
  `(${H16}:){1,4}:${IPV4_IN_V6}`,
].join('|');
const URL_SCHEMA = '((ftp|tcp|udp|wss?|https?):\\/\\/)';
const URL_USERNAME = '(\\S+(:\\S*)?@)';
const URL_PATH = '((\\/|\\?|#)[^\\s]*)';
const URL_PORT = '(:(\\d{1,5}))';
const URL_IP = '([1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3]|24\\d|25[0-5])(\\.(\\d{1,2}|1\\d\\d|2[0-4]\\d|25[0-5])){2}(?:\\.([0-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-5]))';
const URL_SUBDOMAIN = '((www\\.)|([a-zA-Z0-9]+([-_\\.]?[a-zA-Z0-9])*[a-zA-Z0-9]\\.[a-zA-Z0-9]+))';
const URL_HOSTNAME = `(([a-zA-Z0-9]([a-zA-Z0-9-_]+)?[a-zA-Z0-9]([-\\.][a-zA-Z0-9]+)*)|(${URL_SUBDOMAIN}?))?(([a-zA-Z\\x{00a1}-\\x{ffff}0-9]+-?-?)*[a-zA-Z\\x{00a1}-\\x{ffff}0-9]+)(?:\\.([a-zA-Z\\x{00a1}-\\x{ffff}]{1,}))?`;
const URL = `^${URL_SCHEMA}?${URL_USERNAME}?((${URL_IP}|(\\[(${IP})\\])|${URL_HOSTNAME}))\\.?${URL_PORT}?${URL_PATH}?$`;

let emailRe: GoRegexp | undefined;
let urlRe: GoRegexp | undefined;

/** govalidator.IsEmail. */
export function isEmail(s: string): boolean {
  return (emailRe ??= compile(EMAIL)).matchString(s);
}

/** govalidator.IsURL. */
export function isURL(s: string): boolean {
  const runes = [...s].length;
  if (s === '' || runes >= 2083 || Buffer.byteLength(s, 'utf8') <= 3 || s.startsWith('.')) return false;
  // A colon without "://" is taken for a port: parse it as an http URL.
  const parsed = parseUrl(s.includes(':') && !s.includes('://') ? `http://${s}` : s);
  if (parsed instanceof UrlError) return false;
  if (parsed.host.startsWith('.')) return false;
  if (parsed.host === '' && parsed.path !== '' && !parsed.path.includes('.')) return false;
  return (urlRe ??= compile(URL)).matchString(s);
}

/**
 * govalidator.IsRequestURL: url.ParseRequestURI accepts it and it has a scheme. ParseRequestURI
 * is url.Parse without cutting a #fragment, so "#" is parsed as the rest of the URL is.
 */
export function isRequestURL(s: string): boolean {
  const parsed = parseUrl(s.replaceAll('#', '%23'));
  if (parsed instanceof UrlError) return false;
  // ParseRequestURI refuses a relative reference: no scheme and no leading "/".
  return parsed.scheme !== '';
}
