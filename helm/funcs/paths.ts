/**
 * sprig v3.3.0's path functions: base, dir, clean, ext, isAbs are Go's `path` package (always
 * `/`-separated); osBase, osDir, osClean, osExt, osIsAbs are `path/filepath`, which on Linux
 * (where helm renders for us) behaves exactly like `path`.
 */
import { type GoFunc, T_BOOL, T_STRING } from '../template/value.js';
import { define } from './define.js';

/**
 * path.Clean: the shortest equivalent path by lexical processing (collapse `//`, drop `.`,
 * resolve `..` against the preceding element; "" becomes ".").
 */
export function clean(path: string): string {
  if (path === '') return '.';
  const rooted = path[0] === '/';
  const n = path.length;
  const out: string[] = [];
  let r = 0;
  let dotdot = 0;
  if (rooted) {
    out.push('/');
    r = 1;
    dotdot = 1;
  }
  while (r < n) {
    if (path[r] === '/') {
      r++;
    } else if (path[r] === '.' && (r + 1 === n || path[r + 1] === '/')) {
      r++;
    } else if (path[r] === '.' && path[r + 1] === '.' && (r + 2 === n || path[r + 2] === '/')) {
      r += 2;
      if (out.length > dotdot) {
        // Back up over the last element and its leading '/' (Go's lazybuf w--).
        let w = out.length - 1;
        while (w > dotdot && out[w] !== '/') w--;
        out.length = w;
      } else if (!rooted) {
        if (out.length > 0) out.push('/');
        out.push('.', '.');
        dotdot = out.length;
      }
    } else {
      if ((rooted && out.length !== 1) || (!rooted && out.length !== 0)) out.push('/');
      for (; r < n && path[r] !== '/'; r++) out.push(path[r]!);
    }
  }
  return out.length === 0 ? '.' : out.join('');
}

/** path.Base: the last element, trailing slashes removed; "." for "", "/" for only slashes. */
export function base(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  const last = i >= 0 ? trimmed.slice(i + 1) : trimmed;
  return last === '' ? '/' : last;
}

/** path.Dir: everything but the last element, cleaned. */
export function dir(path: string): string {
  return clean(path.slice(0, path.lastIndexOf('/') + 1));
}

/** path.Ext: the suffix from the last '.' of the last element, or "". */
export function ext(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== '/'; i--) {
    if (path[i] === '.') return path.slice(i);
  }
  return '';
}

/** path.IsAbs. */
export function isAbs(path: string): boolean {
  return path.startsWith('/');
}

const s1 = [T_STRING];

/** sprig's path functions. */
export const pathFuncs: readonly GoFunc[] = [
  define('base', s1, T_STRING, base),
  define('dir', s1, T_STRING, dir),
  define('clean', s1, T_STRING, clean),
  define('ext', s1, T_STRING, ext),
  define('isAbs', s1, T_BOOL, isAbs),
  define('osBase', s1, T_STRING, base),
  define('osDir', s1, T_STRING, dir),
  define('osClean', s1, T_STRING, clean),
  define('osExt', s1, T_STRING, ext),
  define('osIsAbs', s1, T_BOOL, isAbs),
];
