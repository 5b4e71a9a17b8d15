/**
 * The part of Go's net/url that sprig's urlParse/urlJoin use: url.Parse, URL.String,
 * URL.Hostname, Userinfo.String and the escape/unescape rules behind them (RFC 3986 as Go
 * bends it). Go works on bytes, so this works on the bytes of Go strings too; a `%XX` escape
 * that decodes to invalid UTF-8 stays a raw byte (template/gostring.ts).
 */
import { checkEngineElements } from '../template/budget.js';
import { quote } from '../template/strconv.js';
import { goStringFromBytes, goStringToBytes } from '../template/gostring.js';

/** A url.Parse failure; `message` is Go's `parse "URL": REASON`. */
export class UrlError extends Error {
  constructor(
    readonly op: string,
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${op} ${quote(url)}: ${reason}`);
    this.name = 'UrlError';
  }
}

/** Go's url.Userinfo. */
export interface Userinfo {
  readonly username: string;
  readonly password: string;
  readonly passwordSet: boolean;
}

/** Go's url.URL (the fields sprig reads or sets). */
export interface GoUrl {
  scheme: string;
  opaque: string;
  user: Userinfo | undefined;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

type Mode = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

/** A failure inside parsing, before Parse wraps it with the op and URL. */
class ParseFailure {
  constructor(readonly reason: string) {}
}

const isAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const ch = (s: string): number => s.charCodeAt(0);

/** net/url shouldEscape. */
function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  if (mode === 'host' || mode === 'zone') {
    if (`!$&'()*+,;=:[]<>"`.includes(String.fromCharCode(c))) return false;
  }
  const s = String.fromCharCode(c);
  if ('-_.~'.includes(s)) return false;
  if ('$&+,/:;=?@'.includes(s)) {
    switch (mode) {
      case 'path':
        return s === '?';
      case 'pathSegment':
        return s === '/' || s === ';' || s === ',' || s === '?';
      case 'userPassword':
        return s === '@' || s === '/' || s === '?' || s === ':';
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(s)) return false;
  return true;
}

const HEX = '0123456789ABCDEF';
const isHex = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46));
const unhex = (c: number): number => (c <= 0x39 ? c - 0x30 : c <= 0x46 ? c - 0x41 + 10 : c - 0x61 + 10);

/** net/url escape, on the UTF-8 bytes of s. */
export function escape(s: string, mode: Mode): string {
  const bytes = goStringToBytes(s);
  if (!bytes.some((b) => shouldEscape(b, mode))) return s;
  let out = '';
  for (const b of bytes) {
    if (b === 0x20 && mode === 'queryComponent') out += '+';
    else if (shouldEscape(b, mode)) out += '%' + HEX[b >> 4] + HEX[b & 15];
    else out += String.fromCharCode(b); // only ASCII is ever left unescaped
  }
  return out;
}

/** net/url unescape, with Go's EscapeError / InvalidHostError texts. */
function unescape(s: string, mode: Mode): string | ParseFailure {
  const b = goStringToBytes(s);
  let n = 0;
  let hasPlus = false;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c === 0x25) {
      n++;
      if (i + 2 >= b.length || !isHex(b[i + 1]) || !isHex(b[i + 2])) {
        return new ParseFailure('invalid URL escape ' + quote(goStringFromBytes(b.subarray(i, i + 3))));
      }
      const esc = goStringFromBytes(b.subarray(i, i + 3));
      // In a host, %-escapes may only encode non-ASCII bytes (or %25 in an IPv6 zone).
      if (mode === 'host' && unhex(b[i + 1]!) < 8 && esc !== '%25') return new ParseFailure('invalid URL escape ' + quote(esc));
      if (mode === 'zone') {
        const v = (unhex(b[i + 1]!) << 4) | unhex(b[i + 2]!);
        if (esc !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) return new ParseFailure('invalid URL escape ' + quote(esc));
      }
      i += 3;
    } else if (c === 0x2b) {
      hasPlus = mode === 'queryComponent';
      i++;
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) {
        return new ParseFailure('invalid character ' + quote(String.fromCharCode(c)) + ' in host name');
      }
      i++;
    }
  }
  if (n === 0 && !hasPlus) return s;
  checkEngineElements(b.length);
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0x25) {
      out.push((unhex(b[i + 1]!) << 4) | unhex(b[i + 2]!));
      i += 2;
    } else if (c === 0x2b) {
      out.push(mode === 'queryComponent' ? 0x20 : 0x2b);
    } else {
      out.push(c);
    }
  }
  return goStringFromBytes(Uint8Array.from(out));
}

/** url.Parse: cuts the #fragment, parses the rest, then decodes the fragment. */
export function parseUrl(rawURL: string): GoUrl | UrlError {
  const hash = rawURL.indexOf('#');
  const u = hash < 0 ? rawURL : rawURL.slice(0, hash);
  const frag = hash < 0 ? '' : rawURL.slice(hash + 1);
  const url = parseReference(u);
  if (url instanceof ParseFailure) return new UrlError('parse', u, url.reason);
  if (frag === '') return url;
  const fragment = unescape(frag, 'fragment');
  if (fragment instanceof ParseFailure) return new UrlError('parse', rawURL, fragment.reason);
  url.fragment = fragment;
  url.rawFragment = escape(fragment, 'fragment') === frag ? '' : frag;
  return url;
}

/** An empty URL value (all fields zero). */
export function emptyUrl(): GoUrl {
  return {
    scheme: '',
    opaque: '',
    user: undefined,
    host: '',
    path: '',
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
}

/** net/url parse(rawURL, viaRequest=false). */
function parseReference(rawURL: string): GoUrl | ParseFailure {
  if ([...rawURL].some((c) => ch(c) < 0x20 || ch(c) === 0x7f)) {
    return new ParseFailure('net/url: invalid control character in URL');
  }
  const url = emptyUrl();
  if (rawURL === '*') {
    url.path = '*';
    return url;
  }
  const scheme = getScheme(rawURL);
  if (scheme instanceof ParseFailure) return scheme;
  url.scheme = scheme.scheme.toLowerCase();
  let rest = scheme.rest;
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      // Rootless paths after a scheme are opaque (RFC 3986).
      url.opaque = rest;
      return url;
    }
    // A relative reference's first segment may not hold a colon (golang.org/issue/16822).
    if (rest.split('/')[0]!.includes(':')) return new ParseFailure('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const auth = parseAuthority(authority);
    if (auth instanceof ParseFailure) return auth;
    url.user = auth.user;
    url.host = auth.host;
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }
  const path = unescape(rest, 'path');
  if (path instanceof ParseFailure) return path;
  url.path = path;
  url.rawPath = escape(path, 'path') === rest ? '' : rest;
  return url;
}

/** getScheme: [a-zA-Z][a-zA-Z0-9+-.]* before a colon, or no scheme at all. */
function getScheme(rawURL: string): { scheme: string; rest: string } | ParseFailure {
  for (let i = 0; i < rawURL.length; i++) {
    const c = rawURL.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return { scheme: '', rest: rawURL };
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) return new ParseFailure('missing protocol scheme');
      return { scheme: rawURL.slice(0, i), rest: rawURL.slice(i + 1) };
    }
    return { scheme: '', rest: rawURL };
  }
  return { scheme: '', rest: rawURL };
}

const USERINFO_PUNCT = "-._:~!$&'()*+,;=%@";

function parseAuthority(authority: string): { user: Userinfo | undefined; host: string } | ParseFailure {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (host instanceof ParseFailure) return host;
  if (at < 0) return { user: undefined, host };
  const userinfo = authority.slice(0, at);
  for (const c of userinfo) {
    if (!isAlnum(ch(c)) && !USERINFO_PUNCT.includes(c)) {
      return new ParseFailure('net/url: invalid userinfo');
    }
  }
  const colon = userinfo.indexOf(':');
  if (colon < 0) {
    const username = unescape(userinfo, 'userPassword');
    if (username instanceof ParseFailure) return username;
    return { user: { username, password: '', passwordSet: false }, host };
  }
  const username = unescape(userinfo.slice(0, colon), 'userPassword');
  if (username instanceof ParseFailure) return username;
  const password = unescape(userinfo.slice(colon + 1), 'userPassword');
  if (password instanceof ParseFailure) return password;
  return { user: { username, password, passwordSet: true }, host };
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function parseHost(host: string): string | ParseFailure {
  if (host.startsWith('[')) {
    // An IP literal (RFC 3986, RFC 6874): "[fe80::1%25en0]:80".
    const close = host.lastIndexOf(']');
    if (close < 0) return new ParseFailure("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return new ParseFailure(`invalid port ${quote(colonPort)} after host`);
    const zone = host.slice(0, close).indexOf('%25');
    if (zone >= 0) {
      const h1 = unescape(host.slice(0, zone), 'host');
      if (h1 instanceof ParseFailure) return h1;
      const h2 = unescape(host.slice(zone, close), 'zone');
      if (h2 instanceof ParseFailure) return h2;
      const h3 = unescape(host.slice(close), 'host');
      if (h3 instanceof ParseFailure) return h3;
      return h1 + h2 + h3;
    }
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) {
      const colonPort = host.slice(colon);
      if (!validOptionalPort(colonPort)) return new ParseFailure(`invalid port ${quote(colonPort)} after host`);
    }
  }
  return unescape(host, 'host');
}

/** URL.Hostname: the host without a valid port and without IPv6 brackets. */
export function hostname(u: GoUrl): string {
  let host = u.host;
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(host.slice(colon))) host = host.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return host;
}

/** Userinfo.String: `user[:password]`, escaped. */
export function userinfoString(u: Userinfo): string {
  let s = escape(u.username, 'userPassword');
  if (u.passwordSet) s += ':' + escape(u.password, 'userPassword');
  return s;
}

/** validEncoded: may this raw text stand for itself in the given section? */
function validEncoded(s: string, mode: Mode): boolean {
  for (const b of goStringToBytes(s)) {
    if (`!$&'()*+,;=:@[]%`.includes(String.fromCharCode(b))) continue;
    if (shouldEscape(b, mode)) return false;
  }
  return true;
}

/** URL.EscapedPath: RawPath when it is a valid encoding of Path, else Path escaped. */
function escapedPath(u: GoUrl): string {
  if (u.rawPath !== '' && validEncoded(u.rawPath, 'path')) {
    const p = unescape(u.rawPath, 'path');
    if (!(p instanceof ParseFailure) && p === u.path) return u.rawPath;
  }
  if (u.path === '*') return '*';
  return escape(u.path, 'path');
}

function escapedFragment(u: GoUrl): string {
  if (u.rawFragment !== '' && validEncoded(u.rawFragment, 'fragment')) {
    const f = unescape(u.rawFragment, 'fragment');
    if (!(f instanceof ParseFailure) && f === u.fragment) return u.rawFragment;
  }
  return escape(u.fragment, 'fragment');
}

/** URL.String: `scheme:opaque?query#fragment` or `scheme://userinfo@host/path?query#fragment`. */
export function urlString(u: GoUrl): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') {
    buf += u.opaque;
  } else {
    if (u.scheme !== '' || u.host !== '' || u.user !== undefined) {
      if (!(u.omitHost && u.host === '' && u.user === undefined)) {
        if (u.host !== '' || u.path !== '' || u.user !== undefined) buf += '//';
        if (u.user !== undefined) buf += userinfoString(u.user) + '@';
        if (u.host !== '') buf += escape(u.host, 'host');
      }
    }
    const path = escapedPath(u);
    if (path !== '' && path[0] !== '/' && u.host !== '') buf += '/';
    // A first segment with a colon would read as a scheme: prefix "./" (RFC 3986 4.2).
    if (buf === '' && path.split('/')[0]!.includes(':')) buf += './';
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escapedFragment(u);
  return buf;
}
