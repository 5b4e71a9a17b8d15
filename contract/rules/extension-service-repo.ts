/**
 * Rules over all extension-service definitions of a repository (seed 000):
 * - extension-service-name-unique: "Service names must be case-insensitive unique within a
 *   tenant"; a repository is taken as one tenant's set.
 * - extension-service-registry-conflict: NICo matches credentials to images by registryUrl
 *   prefix, so "if two services share the same prefix ... with different username/password
 *   pairs, kubelet may apply either credential non-deterministically". Flagged when one
 *   registryUrl equals the other or is a path prefix of it, and the credentials differ.
 */
import { field, nonEmptyString } from '../json.js';
import type { Finding, RuleSpec } from '../types.js';
import { extensionServiceRef } from './extension-service-spec.js';

export const extensionServiceNameUniqueRule: RuleSpec = {
  id: 'extension-service-name-unique',
  severity: 'error',
  summary: 'Extension-service names are unique, case-insensitively, across the repository.',
  fix: 'rename one of the services; NICo compares names case-insensitively',
};

export const extensionServiceRegistryConflictRule: RuleSpec = {
  id: 'extension-service-registry-conflict',
  severity: 'error',
  summary: 'Two extension services with different credentials must not use the same registryUrl prefix.',
  fix: 'give each credential its own registryUrl prefix (e.g. nvcr.io/team-a and nvcr.io/team-b), or share one credential',
};

/** One definition and where it came from. */
export interface LocatedDefinition {
  definition: unknown;
  file?: string;
  line?: number;
}

/** Checks name uniqueness and registry-prefix conflicts across a set of definitions. */
export function checkExtensionServiceSet(items: readonly LocatedDefinition[]): Finding[] {
  return [...checkNames(items), ...checkRegistries(items)];
}

function where(item: LocatedDefinition): string {
  return item.file ? `${item.file}${item.line ? `:${item.line}` : ''}` : '(input)';
}

function located(finding: Finding, item: LocatedDefinition): Finding {
  if (item.file) finding.file = item.file;
  if (item.line) finding.line = item.line;
  return finding;
}

function checkNames(items: readonly LocatedDefinition[]): Finding[] {
  const first = new Map<string, LocatedDefinition>();
  const findings: Finding[] = [];
  for (const item of items) {
    const name = nonEmptyString(field(item.definition, 'name'));
    if (!name) continue;
    const key = name.toLowerCase();
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, item);
      continue;
    }
    const earlierName = String(field(earlier.definition, 'name'));
    findings.push(
      located(
        {
          rule: 'extension-service-name-unique',
          severity: 'error',
          object: extensionServiceRef(item.definition),
          path: ['name'],
          detail: { other: earlierName, otherAt: where(earlier) },
        },
        item,
      ),
    );
  }
  return findings;
}

interface Credential {
  item: LocatedDefinition;
  url: string;
  username: unknown;
  password: unknown;
}

/** a is b, or a path prefix of b (`nvcr.io/x` covers `nvcr.io/x/y`, not `nvcr.io/xy`). */
function covers(a: string, b: string): boolean {
  return a === b || b.startsWith(`${a}/`);
}

function checkRegistries(items: readonly LocatedDefinition[]): Finding[] {
  const creds: Credential[] = [];
  for (const item of items) {
    const c = field(item.definition, 'credentials');
    const url = nonEmptyString(field(c, 'registryUrl'));
    if (url) creds.push({ item, url: url.replace(/\/+$/, ''), username: field(c, 'username'), password: field(c, 'password') });
  }
  const findings: Finding[] = [];
  for (let i = 0; i < creds.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = creds[j] as Credential;
      const b = creds[i] as Credential;
      if (!covers(a.url, b.url) && !covers(b.url, a.url)) continue;
      if (a.username === b.username && a.password === b.password) continue;
      findings.push(
        located(
          {
            rule: 'extension-service-registry-conflict',
            severity: 'error',
            object: extensionServiceRef(b.item.definition),
            path: ['credentials', 'registryUrl'],
            measured: b.url,
            detail: {
              otherUrl: a.url,
              other: nonEmptyString(field(a.item.definition, 'name')) ?? '(unnamed)',
              otherAt: where(a.item),
            },
          },
          b.item,
        ),
      );
    }
  }
  return findings;
}
