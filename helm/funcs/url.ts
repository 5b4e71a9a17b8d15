/**
 * sprig's urlParse and urlJoin (sprig v3.3.0 url.go) over Go's net/url.
 *
 * urlParse returns a map with scheme, host, hostname, path (decoded), query (raw), opaque,
 * fragment (decoded) and userinfo; a parse failure panics in sprig, which text/template
 * reports as `error calling urlParse: unable to parse url: parse "URL": REASON`. urlJoin
 * builds a url.URL from such a map and prints it with URL.String().
 */
import { GoError, type GoFunc, type GoMap, type GoValue, kindOf, T_MAP, T_STRING } from '../template/value.js';
import { define } from './define.js';
import { emptyUrl, type GoUrl, hostname, parseUrl, UrlError, urlString, userinfoString } from './url-go.js';

/** sprig urlParse: the parts of a URL as a map[string]interface{}. */
export function urlParse(v: string): GoMap {
  const u = parseUrl(v);
  if (u instanceof UrlError) throw new GoError(`unable to parse url: ${u.message}`);
  return new Map<string, GoValue>([
    ['scheme', u.scheme],
    ['host', u.host],
    ['hostname', hostname(u)],
    ['path', u.path],
    ['query', u.rawQuery],
    ['opaque', u.opaque],
    ['fragment', u.fragment],
    ['userinfo', u.user ? userinfoString(u.user) : ''],
  ]);
}

/** sprig dictGetOrEmpty: a missing key is "", a non-string value panics. */
function stringEntry(d: GoMap, key: string): string {
  if (!d.has(key)) return '';
  const value = d.get(key);
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) {
    // reflect.TypeOf(nil).Kind() dereferences a nil Type: a runtime panic in Go.
    throw new GoError('runtime error: invalid memory address or nil pointer dereference');
  }
  throw new GoError(`unable to parse ${key} key, must be of type string, but ${kindOf(value)} found`);
}

/** sprig urlJoin: URL.String() of the map's scheme/host/path/query/opaque/fragment/userinfo. */
export function urlJoin(d: GoMap): string {
  const u: GoUrl = {
    ...emptyUrl(),
    scheme: stringEntry(d, 'scheme'),
    host: stringEntry(d, 'host'),
    path: stringEntry(d, 'path'),
    rawQuery: stringEntry(d, 'query'),
    opaque: stringEntry(d, 'opaque'),
    fragment: stringEntry(d, 'fragment'),
  };
  const userinfo = stringEntry(d, 'userinfo');
  if (userinfo !== '') {
    // sprig parses "proto://USERINFO@host" to split and unescape the user and password.
    const parsed = parseUrl(`proto://${userinfo}@host`);
    if (parsed instanceof UrlError) throw new GoError(`unable to parse userinfo in dict: ${parsed.message}`);
    u.user = parsed.user;
  }
  return urlString(u);
}

/** sprig urlParse, urlJoin. */
export const urlFuncs: readonly GoFunc[] = [
  define('urlParse', [T_STRING], T_MAP, urlParse),
  define('urlJoin', [T_MAP], T_STRING, urlJoin),
];
