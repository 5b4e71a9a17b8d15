/**
 * Version selection for OCI charts, as helm v3.17's registry client does it
 * (pkg/registry/client.go ValidateReference, Tags; pkg/registry/util.go
 * GetTagMatchingVersionOrConstraint):
 *   - a version that Masterminds' NewVersion accepts is the tag itself (no listing);
 *   - anything else is a constraint: list the repository's tags, keep the ones that are strict
 *     semver once `_` is read back as `+`, newest first, then take an exact string match if any,
 *     else the first (highest) version satisfying the constraint.
 */
import { parseConstraint } from '../../helm/semver/constraint.js';
import { parseVersion, SemverError, type SemverVersion } from '../../helm/semver/version.js';

/** Masterminds' ErrInvalidCharacters / ErrSegmentStartsZero texts (StrictNewVersion). */
const ERR_INVALID_CHARACTERS = 'Invalid characters in version';
const ERR_SEGMENT_STARTS_ZERO = 'Version segment starts with 0';

/**
 * semver.StrictNewVersion: exactly MAJOR.MINOR.PATCH (no `v`, no short forms, no leading
 * zeros) with optional `-prerelease` and `+metadata`.
 */
export function strictParseVersion(text: string): SemverVersion | SemverError {
  const parts = text.split('.');
  if (parts.length < 3) return new SemverError('Invalid Semantic Version', text);
  // SplitN(v, ".", 3): the third part keeps the rest; metadata, then prerelease, are cut off it.
  let third = parts.slice(2).join('.');
  const plus = third.indexOf('+');
  if (plus >= 0) third = third.slice(0, plus);
  const dash = third.indexOf('-');
  if (dash >= 0) third = third.slice(0, dash);
  for (const segment of [parts[0]!, parts[1]!, third]) {
    if (!/^[0-9]*$/.test(segment)) return new SemverError(ERR_INVALID_CHARACTERS, text);
    if (segment.length > 1 && segment.startsWith('0')) return new SemverError(ERR_SEGMENT_STARTS_ZERO, text);
    if (segment === '') return new SemverError('Invalid Semantic Version', text);
  }
  return parseVersion(text);
}

/** True when helm uses `version` as the tag directly (semver.NewVersion accepts it). */
export function isExactVersion(version: string): boolean {
  return !(parseVersion(version) instanceof SemverError);
}

/** Client.Tags: the semver tags (`_` read as `+`), highest first, in Version.String() form. */
export function helmTagVersions(registryTags: readonly string[]): string[] {
  const versions: SemverVersion[] = [];
  for (const tag of registryTags) {
    const v = strictParseVersion(tag.replace(/_/g, '+'));
    if (!(v instanceof SemverError)) versions.push(v);
  }
  // sort.Sort(sort.Reverse(Collection)): not stable, but equal versions print identically
  // except for metadata, which Compare ignores; order those by text for determinism.
  versions.sort((a, b) => b.compare(a) || (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0));
  return versions.map((v) => v.toString());
}

/** A constraint no tag satisfies, or text that is not a constraint (helm's error texts). */
export class TagSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TagSelectionError';
  }
}

/** GetTagMatchingVersionOrConstraint over `tags` as helmTagVersions returns them. */
export function matchTag(tags: readonly string[], version: string): string {
  let text = version;
  if (version === '') text = '*';
  else if (tags.includes(version)) return version;
  const constraint = parseConstraint(text);
  if (constraint instanceof SemverError) throw new TagSelectionError(constraint.message);
  for (const tag of tags) {
    const v = parseVersion(tag);
    if (!(v instanceof SemverError) && constraint.check(v)) return tag;
  }
  throw new TagSelectionError(`Could not locate a version matching provided version string ${version}`);
}

/**
 * The `rel="next"` target of a registry's Link header (distribution's tag list pagination),
 * resolved against the URL that answered; undefined when there is no next page.
 */
export function nextPageUrl(link: string | string[] | undefined, requestUrl: string): string | undefined {
  const values = Array.isArray(link) ? link : link === undefined ? [] : [link];
  for (const value of values) {
    for (const part of value.split(',')) {
      const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
      if (m && /(^|;)\s*rel="?next"?\s*(;|$)/i.test(m[2]!)) return new URL(m[1]!, requestUrl).toString();
    }
  }
  return undefined;
}
