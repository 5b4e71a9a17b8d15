/**
 * `hostnamePattern` matching. DPF documents only `"*"` and `"prefix*"` patterns and calls them
 * hostname patterns; the HBN side is Python, so the pattern language taken is Python's
 * `fnmatch.fnmatchcase` (case-sensitive): `*`, `?`, `[seq]`, `[!seq]`, everything else literal.
 * The glob is translated as `fnmatch.translate` does and run with RE2 (re2js), so matching time
 * is linear in the hostname whatever the pattern.
 */
import type { RE2JS } from 're2js';
import { re2js } from '../../helm/on-demand.js';

const cache = new Map<string, RE2JS>();

function escapeRe(c: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(c) ? '\\' + c : c;
}

/** Python fnmatch.translate, producing an RE2 pattern anchored at both ends. */
export function translateGlob(pattern: string): string {
  let out = '';
  const n = pattern.length;
  let i = 0;
  while (i < n) {
    const c = pattern[i++]!;
    if (c === '*') {
      if (!out.endsWith('.*')) out += '.*'; // consecutive stars collapse, as in Python
    } else if (c === '?') out += '.';
    else if (c === '[') {
      let j = i;
      if (j < n && pattern[j] === '!') j++;
      if (j < n && pattern[j] === ']') j++;
      while (j < n && pattern[j] !== ']') j++;
      if (j >= n) {
        out += '\\[';
        continue;
      }
      let stuff = pattern.slice(i, j);
      i = j + 1;
      // Python drops empty ranges such as z-a; with none it is a set that never matches
      let negate = false;
      if (stuff.startsWith('!')) {
        negate = true;
        stuff = stuff.slice(1);
      }
      const items: string[] = [];
      for (let k = 0; k < stuff.length; k++) {
        const a = stuff[k]!;
        if (stuff[k + 1] === '-' && k + 2 < stuff.length) {
          const b = stuff[k + 2]!;
          if (a <= b) items.push(`${escapeSetChar(a)}-${escapeSetChar(b)}`);
          k += 2;
        } else items.push(escapeSetChar(a));
      }
      if (!items.length) out += negate ? '.' : '[^\\x00-\\x{10FFFF}]';
      else out += `[${negate ? '^' : ''}${items.join('')}]`;
    } else out += escapeRe(c);
  }
  return `^(?s:${out})$`;
}

function escapeSetChar(c: string): string {
  return c === '\\' || c === ']' || c === '[' || c === '^' || c === '-' ? '\\' + c : c;
}

/**
 * The patterns DPF documents (`*`, `prefix*`) and their like (`*suffix`, `prefix*suffix`, a
 * literal): one string comparison instead of an RE2 run, which at 100,000 DPUs x a few patterns
 * was a tenth of the render. Anything with `?`, `[` or two stars goes to RE2.
 */
function simpleMatch(pattern: string, hostname: string): boolean | undefined {
  if (pattern.includes('?') || pattern.includes('[')) return undefined;
  const first = pattern.indexOf('*');
  if (first === -1) return pattern === hostname;
  const last = pattern.lastIndexOf('*');
  for (let i = first; i <= last; i++) if (pattern[i] !== '*') return undefined; // one run of stars only
  const prefix = pattern.slice(0, first);
  const suffix = pattern.slice(last + 1);
  return hostname.length >= prefix.length + suffix.length && hostname.startsWith(prefix) && hostname.endsWith(suffix);
}

/** Python `fnmatch.fnmatchcase(hostname, pattern)`. */
export function matchHostname(pattern: string, hostname: string): boolean {
  const simple = simpleMatch(pattern, hostname);
  if (simple !== undefined) return simple;
  let re = cache.get(pattern);
  if (!re) {
    re = re2js().RE2JS.compile(translateGlob(pattern));
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re.matcher(hostname).matches();
}
