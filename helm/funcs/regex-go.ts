/**
 * Go's package regexp (RE2 syntax, leftmost-first matching) over the re2js engine, never JS
 * RegExp: compile errors carry Go's `error parsing regexp: CODE: `EXPR`` text, and the
 * find-all, replace-all, expand (`$1`, `${name}`) and split loops follow regexp.go, including
 * its rules for empty matches next to other matches.
 */
import type { RE2JS } from 're2js';
import { re2js } from '../on-demand.js';
import { GrowingResult, pollWork } from '../template/budget.js';

/** Heap bytes per match of a find-all: the index pair, then the matched substring in the result. */
const MATCH_BYTES = 96;

type RE2 = ReturnType<RE2JS['re2']>;

/** A pattern Go's regexp.Compile rejects; `message` is Go's err.Error(). */
export class RegexpSyntaxError extends Error {
  constructor(
    message: string,
    /** The whole pattern passed to Compile. */
    readonly expr: string,
  ) {
    super(message);
    this.name = 'RegexpSyntaxError';
  }
}

const COMPILE_CACHE_SIZE = 512;
const compileCache = new Map<string, GoRegexp | RegexpSyntaxError>();

/** A compiled Go regexp (*regexp.Regexp). */
export class GoRegexp {
  private constructor(
    /** The source text (Regexp.String()). */
    readonly expr: string,
    private readonly re2: RE2,
    /** SubexpNames(): index 0 is the whole match, unnamed groups are "". */
    readonly subexpNames: readonly string[],
  ) {}

  /**
   * regexp.Compile. Results are cached per pattern (sprig compiles on every call; templates
   * often call the same pattern in a loop, and a GoRegexp is immutable).
   */
  static compile(expr: string): GoRegexp | RegexpSyntaxError {
    const cached = compileCache.get(expr);
    if (cached) return cached;
    const result = GoRegexp.compileUncached(expr);
    if (compileCache.size >= COMPILE_CACHE_SIZE) compileCache.delete(compileCache.keys().next().value!);
    compileCache.set(expr, result);
    return result;
  }

  private static compileUncached(expr: string): GoRegexp | RegexpSyntaxError {
    const compiled = compileRe2(expr, expr);
    if (compiled instanceof RegexpSyntaxError) {
      // RE2/J rejects repeated group names; Go (1.23) accepts them, the first one wins.
      if (!compiled.message.includes('duplicate capture group name')) return compiled;
      const renamed = renameDuplicateGroups(expr);
      const retry = compileRe2(renamed.pattern, expr);
      if (retry instanceof RegexpSyntaxError) return retry;
      return new GoRegexp(expr, retry, renamed.names);
    }
    const names = new Array<string>(compiled.numberOfCapturingGroups() + 1).fill('');
    for (const [name, index] of Object.entries(compiled.namedGroups)) names[index] = name;
    return new GoRegexp(expr, compiled, names);
  }

  get numSubexp(): number {
    return this.subexpNames.length - 1;
  }

  /** The leftmost match at or after `pos` (context before `pos` still counts for ^ and \b). */
  private execAt(s: string, pos: number, groups: number): number[] | null {
    const [found, caps] = this.re2.matchWithGroup(s, pos, s.length, re2js().RE2Set.UNANCHORED, groups) as [boolean, number[] | null];
    if (!found || caps === null) return null;
    const out = caps.slice(0, 2 * groups);
    while (out.length < 2 * groups) out.push(-1);
    return out;
  }

  /** Regexp.MatchString. */
  matchString(s: string): boolean {
    pollWork(s.length);
    return this.execAt(s, 0, 1) !== null;
  }

  /** Regexp.FindString: the leftmost match, "" when there is none. */
  findString(s: string): string {
    pollWork(s.length);
    const m = this.execAt(s, 0, 1);
    return m === null ? '' : s.slice(m[0], m[1]);
  }

  /**
   * Regexp.FindAllStringIndex: up to n (all when n < 0) successive non-overlapping matches;
   * an empty match right after a previous match is skipped. Null when there is none (Go's nil).
   */
  findAllIndex(s: string, n: number): [number, number][] | null {
    if (n < 0) n = s.length + 1;
    const out: [number, number][] = [];
    // The matches are counted as they are found (a pair each, then a string each for the callers).
    const matches = new GrowingResult('elements', MATCH_BYTES);
    let pos = 0;
    let prevMatchEnd = -1;
    while (out.length < n && pos <= s.length) {
      matches.add(1);
      const m = this.execAt(s, pos, 1);
      if (m === null) break;
      const [start, end] = m as [number, number];
      let accept = true;
      if (end === pos) {
        // An empty match: never right after the previous match; move on one character.
        if (start === prevMatchEnd) accept = false;
        pos += pos < s.length ? charWidth(s, pos) : 1;
      } else {
        pos = end;
      }
      prevMatchEnd = end;
      if (accept) out.push([start, end]);
    }
    matches.done();
    return out.length === 0 ? null : out;
  }

  /** Regexp.FindAllString; null stands for Go's nil slice. */
  findAllString(s: string, n: number): string[] | null {
    return this.findAllIndex(s, n)?.map(([a, b]) => s.slice(a, b)) ?? null;
  }

  /** Regexp.ReplaceAllString: `repl` is expanded with Regexp.Expand rules for each match. */
  replaceAllString(src: string, repl: string): string {
    const groups = repl.includes('$') ? this.numSubexp + 1 : 1;
    return this.replaceAll(src, groups, (m) => this.expand(repl, src, m));
  }

  /** Regexp.ReplaceAllLiteralString: `repl` is inserted as is. */
  replaceAllLiteralString(src: string, repl: string): string {
    return this.replaceAll(src, 1, () => repl);
  }

  /** regexp.go's replaceAll loop: no replacement for an empty match right after a match. */
  private replaceAll(src: string, groups: number, repl: (match: number[]) => string): string {
    let out = '';
    // The result grows with each replacement (an empty pattern replaces at every position).
    const size = new GrowingResult('characters', 2);
    let lastMatchEnd = 0;
    let searchPos = 0;
    while (searchPos <= src.length) {
      const m = this.execAt(src, searchPos, groups);
      if (m === null) break;
      const [start, end] = m as [number, number];
      out += src.slice(lastMatchEnd, start);
      size.add(start - lastMatchEnd + 1);
      if (end > lastMatchEnd || start === 0) {
        const replacement = repl(m);
        size.add(replacement.length);
        out += replacement;
      }
      lastMatchEnd = end;
      const width = searchPos < src.length ? charWidth(src, searchPos) : 0;
      if (searchPos + width > end) searchPos += width;
      else if (searchPos + 1 > end) searchPos++;
      else searchPos = end;
    }
    size.add(src.length - lastMatchEnd);
    size.done();
    return out + src.slice(lastMatchEnd);
  }

  /**
   * Regexp.Expand: `$$` is `$`; `$name` takes the longest run of letters, digits and `_`
   * (so `$1x` names group "1x"); `${name}` is explicit; a number with a leading zero or an
   * unknown name expands to ""; a malformed reference leaves the `$` as text.
   */
  expand(template: string, src: string, match: readonly number[]): string {
    let out = '';
    let rest = template;
    for (;;) {
      const dollar = rest.indexOf('$');
      if (dollar < 0) break;
      out += rest.slice(0, dollar);
      rest = rest.slice(dollar + 1);
      if (rest.startsWith('$')) {
        out += '$';
        rest = rest.slice(1);
        continue;
      }
      const ref = extractReference(rest);
      if (ref === undefined) {
        out += '$';
        continue;
      }
      rest = ref.rest;
      const index = ref.num >= 0 ? ref.num : this.subexpNames.indexOf(ref.name);
      if (index > 0 || (index === 0 && ref.num === 0)) {
        const a = match[2 * index];
        const b = match[2 * index + 1];
        if (a !== undefined && b !== undefined && a >= 0) out += src.slice(a, b);
      }
    }
    return out + rest;
  }

  /**
   * Regexp.Split: the text between matches, at most n pieces (all when n < 0, nil when 0);
   * a match at the very start adds no leading empty piece.
   */
  split(s: string, n: number): string[] | null {
    if (n === 0) return null;
    if (this.expr.length > 0 && s.length === 0) return [''];
    const matches = this.findAllIndex(s, n) ?? [];
    const out: string[] = [];
    let beg = 0;
    let end = 0;
    for (const [a, b] of matches) {
      if (n > 0 && out.length >= n - 1) break;
      end = a;
      if (b !== 0) out.push(s.slice(beg, end));
      beg = b;
    }
    if (end !== s.length) out.push(s.slice(beg));
    return out;
  }
}

/** regexp.QuoteMeta: backslash before each of `\.+*?()|[]{}^$`. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

function compileRe2(pattern: string, original: string): RE2 | RegexpSyntaxError {
  try {
    return re2js().RE2JS.compile(pattern).re2();
  } catch (e) {
    const err = e as { getDescription?: () => string; getPattern?: () => string | null; message?: string };
    if (typeof err.getDescription === 'function') {
      // Go's syntax.Error always prints ": `EXPR`", even when EXPR is empty.
      return new RegexpSyntaxError(`error parsing regexp: ${err.getDescription()}: \`${err.getPattern?.() ?? ''}\``, original);
    }
    return new RegexpSyntaxError(String(err.message ?? e), original);
  }
}

/** UTF-16 width of the code point at i (Go advances one rune). */
function charWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/** regexp's extract: the reference after a `$`, or undefined when malformed. */
function extractReference(str: string): { name: string; num: number; rest: string } | undefined {
  if (str === '') return undefined;
  const brace = str[0] === '{';
  const body = brace ? str.slice(1) : str;
  let i = 0;
  for (const ch of body) {
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = body.slice(0, i);
  if (brace) {
    if (body[i] !== '}') return undefined;
    i++;
  }
  let num = 0;
  for (const ch of name) {
    if (ch < '0' || ch > '9' || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (ch.charCodeAt(0) - 48);
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: body.slice(i) };
}

/**
 * Gives repeated `(?P<n>` / `(?<n>` group names unique stand-ins so RE2/J compiles the
 * pattern, and returns Go's SubexpNames for the original. Escapes, `\Q...\E` and character
 * classes are skipped so only real group openers are touched.
 */
function renameDuplicateGroups(pattern: string): { pattern: string; names: string[] } {
  const names = [''];
  const seen = new Set<string>();
  let out = '';
  let i = 0;
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      if (pattern[i + 1] === 'Q' && !inClass) {
        const end = pattern.indexOf('\\E', i + 2);
        const stop = end < 0 ? pattern.length : end + 2;
        out += pattern.slice(i, stop);
        i = stop;
        continue;
      }
      out += pattern.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (inClass) {
      if (pattern.startsWith('[:', i)) {
        const end = pattern.indexOf(':]', i + 2);
        if (end >= 0) {
          out += pattern.slice(i, end + 2);
          i = end + 2;
          continue;
        }
      }
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      // A `]` right after `[` or `[^` is a literal member.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      out += pattern.slice(i, j);
      i = j;
      continue;
    }
    if (c === '(') {
      const named = /^\(\?P?<([^>]*)>/.exec(pattern.slice(i));
      if (named) {
        const name = named[1]!;
        names.push(name);
        let stand = name;
        if (seen.has(name)) {
          let k = names.length;
          do stand = `${name}_dup${k++}`;
          while (pattern.includes(stand));
        }
        seen.add(name);
        out += `(?P<${stand}>`;
        i += named[0].length;
        continue;
      }
      if (pattern[i + 1] !== '?') names.push('');
    }
    out += c;
    i++;
  }
  return { pattern: out, names };
}
