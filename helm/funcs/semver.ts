/**
 * sprig's semver and semverCompare (sprig v3.3.0 semver.go) over the Masterminds/semver v3
 * port in helm/semver/. `semver` returns a *semver.Version whose methods templates can call
 * (`(semver "1.2.3").Major`); `semverCompare` returns the constraint or version parse error
 * as Go's error.
 */
import { Constraint, parseConstraint } from '../semver/constraint.js';
import { SemverError, SemverVersion, parseVersion } from '../semver/version.js';
import { GoError, GoFunc, GoInt, type GoValue, GoStruct, NO_FIELD, T_BOOL, T_INT, T_STRING } from '../template/value.js';
import { define } from './define.js';

export const T_SEMVER_POINTER = '*semver.Version';
export const T_SEMVER_VALUE = 'semver.Version';

/**
 * A Masterminds *semver.Version (or a semver.Version value, as IncPatch returns: then only
 * the value-receiver methods exist, since text/template cannot take its address).
 */
export class GoSemver extends GoStruct {
  readonly goType: string;

  constructor(
    readonly version: SemverVersion,
    readonly pointer = true,
  ) {
    super();
    this.goType = pointer ? T_SEMVER_POINTER : T_SEMVER_VALUE;
  }

  fieldNames(): readonly string[] {
    return [];
  }

  field(): typeof NO_FIELD {
    return NO_FIELD;
  }

  /** Version.String() via fmt's Stringer. */
  override goString(): string {
    return this.version.toString();
  }

  /** Version.MarshalJSON (toJson's JsonMarshaler hook): the version string. */
  toJSONValue(): GoValue {
    return this.version.toString();
  }

  override method(name: string): GoFunc | undefined {
    const v = this.version;
    const fn = (params: string[], result: string, impl: (...a: GoValue[]) => GoValue, returnsError = false) =>
      new GoFunc(name, { params, result, returnsError }, impl);
    const uint64 = (n: bigint) => new GoInt(n, 'uint64');
    const other = (o: GoValue) => (o as GoSemver).version;
    const value = (next: SemverVersion) => new GoSemver(next, false);
    switch (name) {
      case 'Major':
        return fn([], 'uint64', () => uint64(v.major));
      case 'Minor':
        return fn([], 'uint64', () => uint64(v.minor));
      case 'Patch':
        return fn([], 'uint64', () => uint64(v.patch));
      case 'Prerelease':
        return fn([], T_STRING, () => v.prerelease);
      case 'Metadata':
        return fn([], T_STRING, () => v.metadata);
      case 'String':
        return fn([], T_STRING, () => v.toString());
      case 'IncPatch':
        return fn([], T_SEMVER_VALUE, () => value(v.incPatch()));
      case 'IncMinor':
        return fn([], T_SEMVER_VALUE, () => value(v.incMinor()));
      case 'IncMajor':
        return fn([], T_SEMVER_VALUE, () => value(v.incMajor()));
      case 'SetPrerelease':
        return fn([T_STRING], T_SEMVER_VALUE, (p) => value(orThrow(v.setPrerelease(p as string))), true);
      case 'SetMetadata':
        return fn([T_STRING], T_SEMVER_VALUE, (m) => value(orThrow(v.setMetadata(m as string))), true);
    }
    if (!this.pointer) return undefined;
    // Pointer-receiver methods.
    switch (name) {
      case 'Original':
        return fn([], T_STRING, () => v.original);
      case 'Compare':
        return fn([T_SEMVER_POINTER], T_INT, (o) => GoInt.int(v.compare(other(o))));
      case 'LessThan':
        return fn([T_SEMVER_POINTER], T_BOOL, (o) => v.compare(other(o)) < 0);
      case 'LessThanEqual':
        return fn([T_SEMVER_POINTER], T_BOOL, (o) => v.compare(other(o)) <= 0);
      case 'GreaterThan':
        return fn([T_SEMVER_POINTER], T_BOOL, (o) => v.compare(other(o)) > 0);
      case 'GreaterThanEqual':
        return fn([T_SEMVER_POINTER], T_BOOL, (o) => v.compare(other(o)) >= 0);
      case 'Equal':
        return fn([T_SEMVER_POINTER], T_BOOL, (o) => v.compare(other(o)) === 0);
    }
    return undefined;
  }
}

function orThrow<T>(v: T | SemverError): T {
  if (v instanceof SemverError) throw new GoError(v.message);
  return v;
}

/** sprig semverCompare: does `version` satisfy `constraint`? */
export function semverCompare(constraint: string, version: string): boolean {
  const c: Constraint = orThrow(parseConstraint(constraint));
  return c.check(orThrow(parseVersion(version)));
}

/** sprig semver, semverCompare. */
export const semverFuncs: readonly GoFunc[] = [
  define('semver', [T_STRING], T_SEMVER_POINTER, (s: string) => new GoSemver(orThrow(parseVersion(s))), { returnsError: true }),
  define('semverCompare', [T_STRING, T_STRING], T_BOOL, semverCompare, { returnsError: true }),
];
