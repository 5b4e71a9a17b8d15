/**
 * Semantic versions as github.com/Masterminds/semver/v3 (v3.3.0, the version helm v3.17.3
 * links) parses, prints and orders them. `parseVersion` mirrors `semver.NewVersion`, the
 * forgiving parser sprig's `semver`/`semverCompare` and helm's chart-version checks use: a
 * leading `v`, and missing minor/patch parts (`1`, `v1.2`) are accepted.
 *
 * Failures are returned as `SemverError` values carrying Go's exact error text.
 */

/** A version-parsing or constraint-parsing failure, with Masterminds' exact message. */
export class SemverError extends Error {
  constructor(
    message: string,
    /** The text that failed to parse. */
    readonly input: string,
  ) {
    super(message);
    this.name = 'SemverError';
  }
}

/** Masterminds' error sentinels (their `.Error()` texts). */
export const ERR_INVALID_SEMVER = 'Invalid Semantic Version';
export const ERR_INVALID_PRERELEASE = 'Invalid Prerelease string';
export const ERR_SEGMENT_STARTS_ZERO = 'Version segment starts with 0';
export const ERR_INVALID_METADATA = 'Invalid Metadata string';

const UINT64_MAX = (1n << 64n) - 1n;

/**
 * The body of Masterminds' version pattern: optional `v`, major, optional `.minor` and
 * `.patch`, optional `-prerelease` and `+metadata` made of dot-separated [0-9A-Za-z-] runs.
 * Groups: 1 major, 2 `.minor`, 3 `.patch`, 5 prerelease, 8 metadata.
 */
const IDENTIFIERS = String.raw`[0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*`;
export const SEMVER_PATTERN = String.raw`v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?` + `(-(${IDENTIFIERS}))?` + String.raw`(\+(${IDENTIFIERS}))?`;

/**
 * V8's own RegExp, not RE2JS: building RE2JS's program for this pattern cost every process that
 * validates a chart ~9-20 ms (profiled cold `template`). Safe to backtrack on hostile text: every
 * repetition is delimited (`.`, `-`, `+` end one and start the next), so a failing match is
 * linear, and Go's RE2 and V8 pick the same groups for this leftmost-first pattern.
 */
const VERSION_REGEX = new RegExp('^' + SEMVER_PATTERN + '$');

/** A parsed semantic version (Masterminds' `semver.Version`). Immutable. */
export class SemverVersion {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    /** Prerelease without the leading `-`. */
    readonly prerelease: string,
    /** Build metadata without the leading `+`. */
    readonly metadata: string,
    /** The text that was parsed (Version.Original()). */
    readonly original: string,
  ) {}

  /** Version.String(): `MAJOR.MINOR.PATCH[-PRE][+META]`, never with the `v` prefix. */
  toString(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`;
    if (this.prerelease !== '') s += '-' + this.prerelease;
    if (this.metadata !== '') s += '+' + this.metadata;
    return s;
  }

  /**
   * Version.Compare: -1, 0 or 1. Metadata is ignored; a prerelease sorts before the release;
   * prerelease identifiers compare numerically when both are numbers, numbers sort first.
   */
  compare(other: SemverVersion): -1 | 0 | 1 {
    const d = compareBig(this.major, other.major) || compareBig(this.minor, other.minor) || compareBig(this.patch, other.patch);
    if (d !== 0) return d;
    if (this.prerelease === '' && other.prerelease === '') return 0;
    if (this.prerelease === '') return 1;
    if (other.prerelease === '') return -1;
    return comparePrerelease(this.prerelease, other.prerelease);
  }

  lessThan(other: SemverVersion): boolean {
    return this.compare(other) < 0;
  }

  greaterThan(other: SemverVersion): boolean {
    return this.compare(other) > 0;
  }

  equal(other: SemverVersion): boolean {
    return this.compare(other) === 0;
  }

  /** The `v` prefix of the original text, kept by the Inc* and Set* methods. */
  private originalPrefix(): string {
    return this.original.startsWith('v') ? 'v' : '';
  }

  /** A copy with some parts replaced; `original` becomes prefix + String() as Masterminds does. */
  private with(parts: Partial<Pick<SemverVersion, 'major' | 'minor' | 'patch' | 'prerelease' | 'metadata'>>): SemverVersion {
    const next = new SemverVersion(
      parts.major ?? this.major,
      parts.minor ?? this.minor,
      parts.patch ?? this.patch,
      parts.prerelease ?? this.prerelease,
      parts.metadata ?? this.metadata,
      '',
    );
    return new SemverVersion(next.major, next.minor, next.patch, next.prerelease, next.metadata, this.originalPrefix() + next.toString());
  }

  /** Version.IncPatch: drops prerelease/metadata; bumps the patch only when there was no prerelease. */
  incPatch(): SemverVersion {
    if (this.prerelease !== '') return this.with({ prerelease: '', metadata: '' });
    return this.with({ patch: (this.patch + 1n) & UINT64_MAX, prerelease: '', metadata: '' });
  }

  /** Version.IncMinor. */
  incMinor(): SemverVersion {
    return this.with({ minor: (this.minor + 1n) & UINT64_MAX, patch: 0n, prerelease: '', metadata: '' });
  }

  /** Version.IncMajor. */
  incMajor(): SemverVersion {
    return this.with({ major: (this.major + 1n) & UINT64_MAX, minor: 0n, patch: 0n, prerelease: '', metadata: '' });
  }

  /** Version.SetPrerelease: validates like the parser does. */
  setPrerelease(prerelease: string): SemverVersion | SemverError {
    if (prerelease !== '') {
      const err = validatePrerelease(prerelease);
      if (err) return new SemverError(err, prerelease);
    }
    return this.with({ prerelease });
  }

  /** Version.SetMetadata. */
  setMetadata(metadata: string): SemverVersion | SemverError {
    if (metadata !== '') {
      const err = validateMetadata(metadata);
      if (err) return new SemverError(err, metadata);
    }
    return this.with({ metadata });
  }
}

/**
 * semver.NewVersion: parses a SemVer-ish string (`v` prefix and short forms allowed).
 * Returns a SemverError with Masterminds' message when the text is not accepted.
 */
export function parseVersion(text: string): SemverVersion | SemverError {
  const m = VERSION_REGEX.exec(text);
  if (m === null) return new SemverError(ERR_INVALID_SEMVER, text);
  const segment = (s: string | null): bigint | SemverError => {
    const digits = (s ?? '').replace(/^\./, '');
    if (digits === '') return 0n;
    const n = BigInt(digits);
    if (n > UINT64_MAX) {
      return new SemverError(`Error parsing version segment: strconv.ParseUint: parsing "${digits}": value out of range`, text);
    }
    return n;
  };
  const major = segment(m[1] ?? null);
  if (major instanceof SemverError) return major;
  const minor = segment(m[2] ?? null);
  if (minor instanceof SemverError) return minor;
  const patch = segment(m[3] ?? null);
  if (patch instanceof SemverError) return patch;
  const pre = m[5] ?? '';
  const meta = m[8] ?? '';
  if (pre !== '') {
    const err = validatePrerelease(pre);
    if (err) return new SemverError(err, text);
  }
  if (meta !== '') {
    const err = validateMetadata(meta);
    if (err) return new SemverError(err, text);
  }
  return new SemverVersion(major, minor, patch, pre, meta, text);
}

/** Like parseVersion, but throws the SemverError (Masterminds' MustParse). */
export function mustParseVersion(text: string): SemverVersion {
  const v = parseVersion(text);
  if (v instanceof SemverError) throw v;
  return v;
}

function compareBig(a: bigint, b: bigint): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Masterminds' comparePrerelease: dot-separated parts, a missing part sorts first. */
export function comparePrerelease(a: string, b: string): -1 | 0 | 1 {
  const ap = a.split('.');
  const bp = b.split('.');
  const n = Math.max(ap.length, bp.length);
  for (let i = 0; i < n; i++) {
    const d = comparePrereleasePart(ap[i] ?? '', bp[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

const NUMERIC = /^[0-9]+$/;

/** A prerelease part parses as a number when strconv.ParseUint would accept it. */
function asUint64(s: string): bigint | undefined {
  if (!NUMERIC.test(s)) return undefined;
  const n = BigInt(s);
  return n > UINT64_MAX ? undefined : n;
}

function comparePrereleasePart(s: string, o: string): -1 | 0 | 1 {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const si = asUint64(s);
  const oi = asUint64(o);
  if (si === undefined && oi === undefined) return s > o ? 1 : -1;
  if (oi === undefined) return -1; // s is a number, o is not: numbers sort first
  if (si === undefined) return 1;
  // Both numeric and unequal as text; Masterminds never reports 0 here.
  return si > oi ? 1 : -1;
}

const ALLOWED = /^[0-9A-Za-z-]*$/;

/** Masterminds' validatePrerelease: numeric parts must not have leading zeros. */
function validatePrerelease(p: string): string | undefined {
  for (const part of p.split('.')) {
    if (/^[0-9]*$/.test(part)) {
      if (part.length > 1 && part[0] === '0') return ERR_SEGMENT_STARTS_ZERO;
    } else if (!ALLOWED.test(part)) {
      return ERR_INVALID_PRERELEASE;
    }
  }
  return undefined;
}

function validateMetadata(m: string): string | undefined {
  for (const part of m.split('.')) {
    if (!ALLOWED.test(part)) return ERR_INVALID_METADATA;
  }
  return undefined;
}
