/**
 * sprig's regular-expression functions (sprig v3.3.0 regex.go), on Go regexp semantics.
 *
 * The plain functions call regexp.MustCompile, which panics on a bad pattern; text/template
 * turns that panic into `error calling NAME: regexp: Compile(`EXPR`): error parsing regexp: ...`,
 * so they throw a GoError with that panic text. The `must*` variants return Go's compile error
 * itself. `regexMatch` swallows the error and answers false.
 */
import { canBackquote, quote } from '../template/strconv.js';
import { GoError, type GoFunc, type GoInt, T_BOOL, T_INT, T_STRING, T_STRING_SLICE, tagSliceType } from '../template/value.js';
import { define } from './define.js';
import { GoRegexp, quoteMeta, RegexpSyntaxError } from './regex-go.js';

/** regexp.Compile, with the error as a GoError (what the `must*` functions return). */
function compileOrError(expr: string): GoRegexp {
  const re = GoRegexp.compile(expr);
  if (re instanceof RegexpSyntaxError) throw new GoError(re.message);
  return re;
}

/** regexp.MustCompile: the panic text is `regexp: Compile(QUOTED): ERR`. */
function mustCompile(expr: string): GoRegexp {
  const re = GoRegexp.compile(expr);
  if (re instanceof RegexpSyntaxError) {
    const quoted = canBackquote(expr) ? '`' + expr + '`' : quote(expr);
    throw new GoError(`regexp: Compile(${quoted}): ${re.message}`);
  }
  return re;
}

const toInt = (n: GoInt | number): number => (typeof n === 'number' ? n : Number(n.value));

/** A Go []string result; Go's nil slice becomes an empty one (both print `[]`). */
const strings = (items: string[] | null): string[] => tagSliceType(items ?? [], T_STRING_SLICE);

/** sprig regexMatch, mustRegexMatch, regexFind(All), regexReplaceAll(Literal), regexSplit, regexQuoteMeta. */
export const regexFuncs: readonly GoFunc[] = [
  define('regexMatch', [T_STRING, T_STRING], T_BOOL, (regex: string, s: string) => {
    const re = GoRegexp.compile(regex);
    return re instanceof RegexpSyntaxError ? false : re.matchString(s);
  }),
  define('mustRegexMatch', [T_STRING, T_STRING], T_BOOL, (regex: string, s: string) => compileOrError(regex).matchString(s), {
    returnsError: true,
  }),
  define('regexFindAll', [T_STRING, T_STRING, T_INT], T_STRING_SLICE, (regex: string, s: string, n: GoInt) =>
    strings(mustCompile(regex).findAllString(s, toInt(n))),
  ),
  define(
    'mustRegexFindAll',
    [T_STRING, T_STRING, T_INT],
    T_STRING_SLICE,
    (regex: string, s: string, n: GoInt) => strings(compileOrError(regex).findAllString(s, toInt(n))),
    { returnsError: true },
  ),
  define('regexFind', [T_STRING, T_STRING], T_STRING, (regex: string, s: string) => mustCompile(regex).findString(s)),
  define('mustRegexFind', [T_STRING, T_STRING], T_STRING, (regex: string, s: string) => compileOrError(regex).findString(s), {
    returnsError: true,
  }),
  define('regexReplaceAll', [T_STRING, T_STRING, T_STRING], T_STRING, (regex: string, s: string, repl: string) =>
    mustCompile(regex).replaceAllString(s, repl),
  ),
  define(
    'mustRegexReplaceAll',
    [T_STRING, T_STRING, T_STRING],
    T_STRING,
    (regex: string, s: string, repl: string) => compileOrError(regex).replaceAllString(s, repl),
    { returnsError: true },
  ),
  define('regexReplaceAllLiteral', [T_STRING, T_STRING, T_STRING], T_STRING, (regex: string, s: string, repl: string) =>
    mustCompile(regex).replaceAllLiteralString(s, repl),
  ),
  define(
    'mustRegexReplaceAllLiteral',
    [T_STRING, T_STRING, T_STRING],
    T_STRING,
    (regex: string, s: string, repl: string) => compileOrError(regex).replaceAllLiteralString(s, repl),
    { returnsError: true },
  ),
  define('regexSplit', [T_STRING, T_STRING, T_INT], T_STRING_SLICE, (regex: string, s: string, n: GoInt) =>
    strings(mustCompile(regex).split(s, toInt(n))),
  ),
  define(
    'mustRegexSplit',
    [T_STRING, T_STRING, T_INT],
    T_STRING_SLICE,
    (regex: string, s: string, n: GoInt) => strings(compileOrError(regex).split(s, toInt(n))),
    { returnsError: true },
  ),
  define('regexQuoteMeta', [T_STRING], T_STRING, (s: string) => quoteMeta(s)),
];
