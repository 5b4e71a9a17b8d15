/**
 * Chart metadata validation, mirroring helm v3.17.3 pkg/chart (metadata.go Metadata.Validate,
 * dependency.go Dependency.Validate, errors.go ValidationError): strings are sanitized in place
 * (whitespace becomes a space, unprintable runes are dropped), then the first problem is
 * reported as `validation: ...`.
 */
import { parseVersion, SemverError } from '../semver/version.js';
import { goQuote } from './strvals.js';
import type { Metadata } from './types.js';

/** chart.ValidationError: its text is `validation: ` + the message. */
export class ValidationError extends Error {
  constructor(readonly detail: string) {
    super(`validation: ${detail}`);
    this.name = 'ValidationError';
  }
}

const ALIAS_NAME_FORMAT = /^[a-zA-Z0-9_-]+$/;
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
const GO_PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** chart.sanitizeString: unicode.IsSpace runes become ' ', runes that are not unicode.IsPrint go. */
export function sanitizeString(s: string): string {
  let out = '';
  for (const r of s) {
    if (GO_SPACE.test(r)) out += ' ';
    else if (GO_PRINT.test(r)) out += r;
  }
  return out;
}

/**
 * Metadata.Validate: sanitizes md's strings (mutating it, as helm does) and returns the first
 * ValidationError, or undefined when the metadata is valid.
 */
export function validateMetadata(md: Metadata): ValidationError | undefined {
  md.name = sanitizeString(md.name);
  md.description = sanitizeString(md.description);
  md.home = sanitizeString(md.home);
  md.icon = sanitizeString(md.icon);
  md.condition = sanitizeString(md.condition);
  md.tags = sanitizeString(md.tags);
  md.appVersion = sanitizeString(md.appVersion);
  md.kubeVersion = sanitizeString(md.kubeVersion);
  md.sources = md.sources.map(sanitizeString);
  md.keywords = md.keywords.map(sanitizeString);

  if (md.apiVersion === '') return new ValidationError('chart.metadata.apiVersion is required');
  if (md.name === '') return new ValidationError('chart.metadata.name is required');
  if (md.name !== baseName(md.name)) return new ValidationError(`chart.metadata.name ${goQuote(md.name)} is invalid`);
  if (md.version === '') return new ValidationError('chart.metadata.version is required');
  if (parseVersion(md.version) instanceof SemverError) {
    return new ValidationError(`chart.metadata.version ${goQuote(md.version)} is invalid`);
  }
  if (md.type !== '' && md.type !== 'application' && md.type !== 'library') {
    return new ValidationError('chart.metadata.type must be application or library');
  }
  for (const m of md.maintainers) {
    if (m === null) return new ValidationError('maintainers must not contain empty or null nodes');
    m.name = sanitizeString(m.name);
    m.email = sanitizeString(m.email);
    m.url = sanitizeString(m.url);
  }
  const seen = new Set<string>();
  for (const dep of md.dependencies ?? []) {
    if (dep === null) return new ValidationError('dependencies must not contain empty or null nodes');
    dep.name = sanitizeString(dep.name);
    dep.version = sanitizeString(dep.version);
    dep.repository = sanitizeString(dep.repository);
    dep.condition = sanitizeString(dep.condition);
    dep.tags = dep.tags.map(sanitizeString);
    if (dep.alias !== '' && !ALIAS_NAME_FORMAT.test(dep.alias)) {
      return new ValidationError(`dependency ${goQuote(dep.name)} has disallowed characters in the alias`);
    }
    const key = dep.alias !== '' ? dep.alias : dep.name;
    if (seen.has(key)) return new ValidationError(`more than one dependency with name or alias ${goQuote(key)}`);
    seen.add(key);
  }
  return undefined;
}

/** filepath.Base (Unix): the last element, trailing slashes ignored; `/` for a root, `.` for empty. */
function baseName(p: string): string {
  if (p === '') return '.';
  let s = p;
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  if (s === '/') return '/';
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}
