/**
 * Version constraints exactly as github.com/Masterminds/semver/v3 v3.3.0 (`semver.NewConstraint`,
 * `Constraints.Check`, `Constraints.Validate`) accepts and evaluates them: `||` between groups,
 * comma or space between ANDed terms, hyphen ranges, `x`/`X`/`*` wildcards, and the
 * operators `= != > < >= => <= =< ~ ~> ^`. Prerelease versions only satisfy terms whose own
 * version carries a prerelease (Masterminds issue 21).
 *
 * Acceptance is decided by the same regular expressions Masterminds uses, run on RE2 (re2js),
 * so odd inputs (`1|2`, `>=1.2.3,`, `1 - 2 - 3`) are accepted or rejected just as helm does.
 */
import type { RE2JS } from 're2js';
import { re2js } from '../on-demand.js';
import { SemverError, SemverVersion, comparePrerelease, parseVersion } from './version.js';

/** Operators, in Masterminds' alternation order (note the empty alternative after `=`). */
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;

/** A constraint's version: like a version but wildcards allowed in the numeric parts. */
const IDENTIFIERS = String.raw`[0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*`;
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?` + `(-(${IDENTIFIERS}))?` + String.raw`(\+(${IDENTIFIERS}))?`;

type Re2 = ReturnType<ReturnType<typeof RE2JS.compile>['re2']>;

/**
 * Inputs up to this many characters are matched with V8's RegExp, longer ones with RE2 (re2js).
 * The patterns behave the same on both engines: Go's regexp and a backtracking engine pick the
 * same leftmost-first match and groups for one pattern, and `\s` is written as Go's class
 * `[\t\n\f\r ]`. What differs is time: backtracking is exponential in the number of
 * whitespace runs on some failing inputs, so only short texts (every real doca-version and
 * chart version constraint) take V8's way, which is bounded at this length (the whitespace-heavy
 * cases of test/helm/semver-engines.test.ts); RE2 is linear whatever the length. Loading re2js and
 * building its programs cost a fresh generate ~40 ms (profile of the example DPUService).
 */
export const V8_CONSTRAINT_MAX_LENGTH = 64;

/** Tests run the recorded Masterminds cases on each engine alone; undefined: by length. */
let forcedEngine: 'v8' | 're2' | undefined;
export function forceConstraintEngine(engine: 'v8' | 're2' | undefined): void {
  forcedEngine = engine;
}

/** One pattern on both engines, each built on first use. */
class DualRegex {
  private re2: Re2 | undefined;
  private v8: RegExp | undefined;
  /** `v8Pattern`: the V8 form when the pattern itself must change (see validGroupRegex). */
  constructor(
    private readonly pattern: string,
    private readonly v8Pattern = pattern.replaceAll(String.raw`\s`, GO_SPACE),
  ) {}

  private useV8(s: string): boolean {
    return forcedEngine !== undefined ? forcedEngine === 'v8' : s.length <= V8_CONSTRAINT_MAX_LENGTH;
  }

  private v8Regex(): RegExp {
    return (this.v8 ??= new RegExp(this.v8Pattern, 'g'));
  }

  private re2Regex(): Re2 {
    return (this.re2 ??= re2js().RE2JS.compile(this.pattern).re2());
  }

  /** Whether the pattern matches somewhere in s. */
  matches(s: string): boolean {
    if (!this.useV8(s)) return this.re2Regex().match(s);
    const r = this.v8Regex();
    r.lastIndex = 0;
    return r.test(s);
  }

  /** Every successive non-overlapping match's text, or null when none (Go's FindAllString). */
  findAll(s: string): string[] | null {
    if (!this.useV8(s)) return this.re2Regex().findAll(s, -1) as string[] | null;
    const found = [...s.matchAll(this.v8Regex())].map((m) => m[0]);
    return found.length > 0 ? found : null;
  }

  /** Every match's groups, null for a group that took no part; null when none (FindAllStringSubmatch). */
  findAllSubmatch(s: string): (string | null)[][] | null {
    if (!this.useV8(s)) return this.re2Regex().findAllSubmatch(s, -1) as (string | null)[][] | null;
    const found = [...s.matchAll(this.v8Regex())].map((m) => [...m].map((g) => g ?? null));
    return found.length > 0 ? found : null;
  }

  /** The first match's groups, or null (FindStringSubmatch). */
  findSubmatch(s: string): (string | null)[] | null {
    if (!this.useV8(s)) return this.re2Regex().findSubmatch(s) as (string | null)[] | null;
    const r = this.v8Regex();
    r.lastIndex = 0;
    const m = r.exec(s);
    return m === null ? null : [...m].map((g) => g ?? null);
  }
}

/** Go's `\s`. */
const GO_SPACE = String.raw`[\t\n\f\r ]`;

/** A whitespace run taken whole, never given back (an atomic group, which V8 lacks, by lookahead). */
const wholeSpace = (name: string): string => `(?=(?<${name}>${GO_SPACE}*))\\k<${name}>`;
/** One term: groups 1 operator, 2 version, 3 major, 4 `.minor`, 5 `.patch`, 6 `-prerelease`. */
const termRegex = new DualRegex(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
/** `A - B` hyphen ranges; group 1 is A and group 11 is B. */
const rangeRegex = new DualRegex(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`);
/** Finds the terms inside one `||` group. */
const findTermRegex = new DualRegex(String.raw`(${OPS})\s*(${CV})`);
/** A whole `||` group: terms separated by whitespace or a comma. */
const validGroupRegex = new DualRegex(
  String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`,
  // The same language for V8 (only whether it matches is used): the whitespace between terms
  // could be split between one term's trailing \s*, the separator and the next operator's \s*
  // in many ways, which a backtracking engine tries one by one on a failing text (exponential in
  // the number of gaps, measured: 30 s at 47 characters). Taking each run whole is equivalent,
  // because no operator or version starts with whitespace; a separator is a run with at least
  // one space or a comma.
  `^${wholeSpace('a')}(?:${OPS})${wholeSpace('b')}(?:${CV})(?:(?=[\t\n\f\r ,])${wholeSpace('c')}(?:,${wholeSpace('d')})?(?:${OPS})${wholeSpace('e')}(?:${CV}))*${wholeSpace('f')}$`,
);

type Operator = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^';

/** One parsed term such as `>=1.2` (Masterminds' unexported `constraint`). */
interface Term {
  readonly op: Operator;
  /** The version text as written (used in messages and String()). */
  readonly orig: string;
  readonly con: SemverVersion;
  /** A wildcard or missing part: `1`, `1.x`, `1.2`, `*`. */
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

/** The outcome of one term: Masterminds' (bool, error) pair. */
type TermResult = { ok: true } | { ok: false; reason: string };

const OK: TermResult = { ok: true };
const fail = (reason: string): TermResult => ({ ok: false, reason });

/** Parsed constraints (Masterminds' `semver.Constraints`): OR of ANDs of terms. */
export class Constraint {
  /** @internal Use parseConstraint. */
  constructor(private readonly groups: readonly (readonly Term[])[]) {}

  /** Constraints.Check: true when some `||` group has every term satisfied. */
  check(version: SemverVersion): boolean {
    return this.groups.some((group) => group.every((term) => checkTerm(version, term).ok));
  }

  /**
   * Constraints.Validate: like check, plus Masterminds' reasons when it fails (one
   * "is a prerelease version" message at most, then each failing term's message).
   */
  validate(version: SemverVersion): { ok: boolean; reasons: string[] } {
    const reasons: string[] = [];
    let prereleaseReported = false;
    for (const group of this.groups) {
      let joy = true;
      for (const term of group) {
        if (term.con.prerelease === '' && version.prerelease !== '') {
          if (!prereleaseReported) {
            reasons.push(`${version} is a prerelease version and the constraint is only looking for release versions`);
            prereleaseReported = true;
          }
          joy = false;
        } else {
          const r = checkTerm(version, term);
          if (!r.ok) {
            reasons.push(r.reason);
            joy = false;
          }
        }
      }
      if (joy) return { ok: true, reasons: [] };
    }
    return { ok: false, reasons };
  }

  /** Constraints.String(): terms re-joined with spaces and ` || `. */
  toString(): string {
    return this.groups.map((g) => g.map((t) => t.op + t.orig).join(' ')).join(' || ');
  }
}

/**
 * semver.NewConstraint: parses constraint text. Returns a SemverError with Masterminds'
 * message (`improper constraint: TEXT`, or `constraint Parser Error`) when it is not accepted.
 */
export function parseConstraint(text: string): Constraint | SemverError {
  const rewritten = rewriteRanges(text);
  const groups: Term[][] = [];
  for (const segment of rewritten.split('||')) {
    if (!validGroupRegex.matches(segment)) return new SemverError(`improper constraint: ${segment}`, text);
    const found = findTermRegex.findAll(segment) ?? [segment];
    const terms: Term[] = [];
    for (const termText of found) {
      const term = parseTerm(termText, text);
      if (term instanceof SemverError) return term;
      terms.push(term);
    }
    groups.push(terms);
  }
  return new Constraint(groups);
}

/** Masterminds' rewriteRange: `A - B` becomes `>= A, <= B ` (v3.3.0 adds the trailing space). */
function rewriteRanges(text: string): string {
  const matches = rangeRegex.findAllSubmatch(text);
  if (matches === null) return text;
  let out = text;
  for (const m of matches) {
    // strings.Replace(o, m[0], t, 1): the first occurrence of the matched text.
    out = out.replace(m[0] ?? '', () => `>= ${m[1] ?? ''}, <= ${m[11] ?? ''} `);
  }
  return out;
}

const isWildcard = (s: string): boolean => s === 'x' || s === 'X' || s === '*';

/** Masterminds' parseConstraint for one term. */
function parseTerm(text: string, whole: string): Term | SemverError {
  if (text === '') {
    // An empty group means "any": >= 0.0.0 with every part dirty.
    const zero = parseVersion('0.0.0') as SemverVersion;
    return { op: '', orig: '', con: zero, dirty: true, minorDirty: false, patchDirty: false };
  }
  const m = termRegex.findSubmatch(text);
  if (m === null) return new SemverError(`improper constraint: ${text}`, whole);
  const op = (m[1] ?? '') as Operator;
  const orig = m[2] ?? '';
  const major = m[3] ?? '';
  const dotMinor = m[4] ?? '';
  const dotPatch = m[5] ?? '';
  const dashPre = m[6] ?? '';
  let versionText = orig;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  // A wildcard part zeroes everything after it and drops the build metadata.
  if (isWildcard(major) || major === '') {
    versionText = `0.0.0${dashPre}`;
    dirty = true;
  } else if (isWildcard(dotMinor.replace(/^\./, '')) || dotMinor === '') {
    minorDirty = dirty = true;
    versionText = `${major}.0.0${dashPre}`;
  } else if (isWildcard(dotPatch.replace(/^\./, '')) || dotPatch === '') {
    patchDirty = dirty = true;
    versionText = `${major}${dotMinor}.0${dashPre}`;
  }
  const con = parseVersion(versionText);
  // Reachable when a part mixes digits with `|`, `x` or `*` (e.g. `1|2`, `1x`).
  if (con instanceof SemverError) return new SemverError('constraint Parser Error', whole);
  return { op, orig, con, dirty, minorDirty, patchDirty };
}

function checkTerm(v: SemverVersion, c: Term): TermResult {
  switch (c.op) {
    case '':
    case '=':
      return tildeOrEqual(v, c);
    case '!=':
      return notEqual(v, c);
    case '>':
      return greaterThan(v, c);
    case '<':
      return lessThan(v, c);
    case '>=':
    case '=>':
      return greaterThanEqual(v, c);
    case '<=':
    case '=<':
      return lessThanEqual(v, c);
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
}

/** The prerelease gate every operator but `!=` applies first (issue 21). */
function prereleaseExcluded(v: SemverVersion, c: Term): TermResult | undefined {
  if (v.prerelease !== '' && c.con.prerelease === '') {
    return fail(`${v} is a prerelease version and the constraint is only looking for release versions`);
  }
  return undefined;
}

function notEqual(v: SemverVersion, c: Term): TermResult {
  const equalTo = fail(`${v} is equal to ${c.orig}`);
  if (c.dirty) {
    const excluded = prereleaseExcluded(v, c);
    if (excluded) return excluded;
    if (c.con.major !== v.major) return OK;
    if (c.con.minor !== v.minor && !c.minorDirty) return OK;
    if (c.minorDirty) return equalTo;
    if (c.con.patch !== v.patch && !c.patchDirty) return OK;
    if (c.patchDirty) {
      if (v.prerelease !== '' || c.con.prerelease !== '') {
        return comparePrerelease(v.prerelease, c.con.prerelease) !== 0 ? OK : equalTo;
      }
      return equalTo;
    }
  }
  return v.equal(c.con) ? equalTo : OK;
}

function greaterThan(v: SemverVersion, c: Term): TermResult {
  const excluded = prereleaseExcluded(v, c);
  if (excluded) return excluded;
  const notGreater = fail(`${v} is less than or equal to ${c.orig}`);
  if (!c.dirty) return v.compare(c.con) === 1 ? OK : notGreater;
  if (v.major > c.con.major) return OK;
  if (v.major < c.con.major) return notGreater;
  // `>11` needs 12 or more; `>11.1` needs 11.2 or more.
  if (c.minorDirty) return notGreater;
  if (c.patchDirty) return v.minor > c.con.minor ? OK : notGreater;
  return v.compare(c.con) === 1 ? OK : notGreater;
}

function lessThan(v: SemverVersion, c: Term): TermResult {
  const excluded = prereleaseExcluded(v, c);
  if (excluded) return excluded;
  return v.compare(c.con) < 0 ? OK : fail(`${v} is greater than or equal to ${c.orig}`);
}

function greaterThanEqual(v: SemverVersion, c: Term): TermResult {
  const excluded = prereleaseExcluded(v, c);
  if (excluded) return excluded;
  return v.compare(c.con) >= 0 ? OK : fail(`${v} is less than ${c.orig}`);
}

function lessThanEqual(v: SemverVersion, c: Term): TermResult {
  const excluded = prereleaseExcluded(v, c);
  if (excluded) return excluded;
  const greater = fail(`${v} is greater than ${c.orig}`);
  if (!c.dirty) return v.compare(c.con) <= 0 ? OK : greater;
  // `<=1.2` admits every 1.2.x (and 1.2.x prereleases passed the gate above).
  if (v.major > c.con.major) return greater;
  if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return greater;
  return OK;
}

/** `~1.2.3` is >=1.2.3 <1.3.0; `~1` is >=1.0.0 <2.0.0; `~0`/`~*` with no dirt is anything. */
function tilde(v: SemverVersion, c: Term): TermResult {
  const excluded = prereleaseExcluded(v, c);
  if (excluded) return excluded;
  if (v.lessThan(c.con)) return fail(`${v} is less than ${c.orig}`);
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return OK;
  if (v.major !== c.con.major) return fail(`${v} does not have same major version as ${c.orig}`);
  if (v.minor !== c.con.minor && !c.minorDirty) return fail(`${v} does not have same major and minor version as ${c.orig}`);
  return OK;
}

/** No operator or `=`: a wildcard term behaves like `~`, a full version must be equal. */
function tildeOrEqual(v: SemverVersion, c: Term): TermResult {
  const excluded = prereleaseExcluded(v, c);
  if (excluded) return excluded;
  if (c.dirty) return tilde(v, c);
  return v.equal(c.con) ? OK : fail(`${v} is not equal to ${c.orig}`);
}

/** `^1.2.3` is >=1.2.3 <2.0.0; `^0.2.3` is >=0.2.3 <0.3.0; `^0.0.3` is exactly 0.0.3. */
function caret(v: SemverVersion, c: Term): TermResult {
  const excluded = prereleaseExcluded(v, c);
  if (excluded) return excluded;
  if (v.lessThan(c.con)) return fail(`${v} is less than ${c.orig}`);
  if (c.con.major > 0n || c.minorDirty) {
    return v.major === c.con.major ? OK : fail(`${v} does not have same major version as ${c.orig}`);
  }
  if (v.major > 0n) return fail(`${v} does not have same major version as ${c.orig}`);
  if (c.con.minor > 0n || c.patchDirty) {
    return v.minor === c.con.minor
      ? OK
      : fail(`${v} does not have same minor version as ${c.orig}. Expected minor versions to match when constraint major version is 0`);
  }
  if (v.minor > 0n) return fail(`${v} does not have same minor version as ${c.orig}`);
  return c.con.patch === v.patch
    ? OK
    : fail(`${v} does not equal ${c.orig}. Expect version and constraint to equal when major and minor versions are 0`);
}
