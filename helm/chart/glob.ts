/**
 * Go's path/filepath.Match on `/`-separated paths (Unix rules), which .helmignore patterns use:
 * `*` and `?` never cross `/`, `[...]` classes with `^` negation and `a-z` ranges, `\` escapes.
 * A malformed chunk is an error even after the name stopped matching inside that chunk (Go 1.16+),
 * but chunks after a failed one are not checked.
 */

/** filepath.ErrBadPattern. */
export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
    this.name = 'BadPatternError';
  }
}

/** filepath.Match: whether `name` matches the shell pattern; throws BadPatternError when malformed. */
export function goMatch(pattern: string, name: string): boolean {
  let pat = Array.from(pattern);
  let rest = Array.from(name);
  outer: while (pat.length > 0) {
    const chunkInfo = scanChunk(pat);
    pat = chunkInfo.rest;
    const { star, chunk } = chunkInfo;
    if (star && chunk.length === 0) {
      // A trailing `*` matches the rest of the name unless it holds a separator.
      return !rest.includes('/');
    }
    const first = matchChunk(chunk, rest);
    if (first !== null && (first.length === 0 || pat.length > 0)) {
      rest = first;
      continue;
    }
    if (star) {
      // `*` may swallow any run of non-separators before the chunk.
      for (let i = 0; i < rest.length && rest[i] !== '/'; i++) {
        const t = matchChunk(chunk, rest.slice(i + 1));
        if (t !== null) {
          if (pat.length === 0 && t.length > 0) continue;
          rest = t;
          continue outer;
        }
      }
    }
    return false;
  }
  return rest.length === 0;
}

/** filepath.scanChunk: leading stars, then everything up to the next unbracketed `*`. */
function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; rest: string[] } {
  let star = false;
  let p = pattern;
  while (p.length > 0 && p[0] === '*') {
    p = p.slice(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  scan: for (; i < p.length; i++) {
    switch (p[i]) {
      case '\\':
        if (i + 1 < p.length) i++;
        break;
      case '[':
        inRange = true;
        break;
      case ']':
        inRange = false;
        break;
      case '*':
        if (!inRange) break scan;
        break;
    }
  }
  return { star, chunk: p.slice(0, i), rest: p.slice(i) };
}

/**
 * filepath.matchChunk: the rest of `s` after the chunk matched its start, or null. After a
 * mismatch it keeps parsing the chunk so that syntax errors are still thrown.
 */
function matchChunk(chunk: string[], s: string[]): string[] | null {
  let failed = false;
  let c = 0;
  let rest = s;
  while (c < chunk.length) {
    if (!failed && rest.length === 0) failed = true;
    const ch = chunk[c] as string;
    if (ch === '[') {
      let r = '';
      if (!failed) {
        r = rest[0] as string;
        rest = rest.slice(1);
      }
      c++;
      let negated = false;
      if (c < chunk.length && chunk[c] === '^') {
        negated = true;
        c++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (c < chunk.length && chunk[c] === ']' && nrange > 0) {
          c++;
          break;
        }
        const lo = getEsc(chunk, c);
        c = lo.next;
        let hi = lo.rune;
        if (chunk[c] === '-') {
          const h = getEsc(chunk, c + 1);
          hi = h.rune;
          c = h.next;
        }
        if (!failed && cp(lo.rune) <= cp(r) && cp(r) <= cp(hi)) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (ch === '?') {
      if (!failed) {
        if (rest[0] === '/') failed = true;
        rest = rest.slice(1);
      }
      c++;
    } else {
      if (ch === '\\') {
        c++;
        if (c >= chunk.length) throw new BadPatternError();
      }
      if (!failed) {
        if (chunk[c] !== rest[0]) failed = true;
        rest = rest.slice(1);
      }
      c++;
    }
  }
  return failed ? null : rest;
}

/** filepath.getEsc: one possibly escaped rune of a character class. */
function getEsc(chunk: string[], i: number): { rune: string; next: number } {
  let c = chunk[i];
  if (c === undefined || c === '-' || c === ']') throw new BadPatternError();
  if (c === '\\') {
    i++;
    c = chunk[i];
    if (c === undefined) throw new BadPatternError();
  }
  i++;
  if (i >= chunk.length) throw new BadPatternError();
  return { rune: c, next: i };
}

function cp(r: string): number {
  return r.codePointAt(0) ?? 0;
}
