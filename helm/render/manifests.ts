/**
 * Rendered files → manifests and hooks, as helm v3.17.3 pkg/releaseutil does it
 * (manifest.go SplitManifests, manifest_sorter.go SortManifests, kind_sorter.go InstallOrder).
 */
import { decodeSimpleHeadKeepingYaml, ManifestHeadError, type SimpleHead } from './simple-head.js';
import type { YamlValue } from '../yaml/decode.js';
import { baseName, goTrimSpace } from './go-text.js';
import { quote as goQuote } from '../template/strconv.js';
import { compareGoStrings } from '../template/gostring.js';

/** One non-hook document of a rendered file. */
export interface Manifest {
  /** The template path, e.g. `mychart/templates/deploy.yaml`. */
  name: string;
  /** The document text, trimmed. */
  content: string;
  head: SimpleHead;
  /** What sortManifests' keepDocument made of the parsed document (undefined without one). */
  kept: unknown;
}

/** A document annotated with a known `helm.sh/hook` (release.Hook, the fields `helm template` uses). */
export interface Hook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: HookEvent[];
  weight: number;
  deletePolicies: string[];
  /** What sortManifests' keepDocument made of the parsed document (undefined without one). */
  kept: unknown;
}

export type HookEvent =
  | 'pre-install' | 'post-install' | 'pre-delete' | 'post-delete' | 'pre-upgrade' | 'post-upgrade'
  | 'pre-rollback' | 'post-rollback' | 'test';

/** A document that does not parse: helm reports `YAML parse error on PATH: CAUSE`. */
export class ManifestParseError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`YAML parse error on ${path}: ${detail}`);
    this.name = 'ManifestParseError';
  }
}

const HOOK_ANNOTATION = 'helm.sh/hook';
const HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
const HOOK_DELETE_ANNOTATION = 'helm.sh/hook-delete-policy';

/** The accepted hook names; `test-success` is the Helm 2 spelling of `test`. */
const HOOK_EVENTS: ReadonlyMap<string, HookEvent> = new Map<string, HookEvent>([
  ['pre-install', 'pre-install'], ['post-install', 'post-install'], ['pre-delete', 'pre-delete'],
  ['post-delete', 'post-delete'], ['pre-upgrade', 'pre-upgrade'], ['post-upgrade', 'post-upgrade'],
  ['pre-rollback', 'pre-rollback'], ['post-rollback', 'post-rollback'], ['test', 'test'],
  ['test-success', 'test'],
]);

/** releaseutil.InstallOrder: kinds installed first come first; unknown kinds go last. */
export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole',
  'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding',
  'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment',
  'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
];

/**
 * releaseutil.SplitManifests: the documents of one YAML stream, trimmed, empty ones dropped, in
 * order. Any `---` at a line start separates, even `---foo` (helm's regexp needs no line end).
 */
export function splitManifests(bigFile: string): string[] {
  const docs: string[] = [];
  for (const d of splitAtSeparators(goTrimSpace(bigFile))) {
    if (d !== '') docs.push(goTrimSpace(d));
  }
  return docs;
}

/** RE2's ASCII `\s`: tab, newline, form feed, carriage return, space (Go has no `\v` in it). */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;
}

/**
 * Go `regexp.MustCompile(`(?:^|\s*\n)---\s*`).Split(s, -1)`, as one linear scan. A backtracking
 * regex costs the square of every indentation run it starts in (a third of a render's time on
 * CRD-heavy charts). What the pattern matches, leftmost-first: at offset 0, `---` and the
 * blanks after it; elsewhere a `\n---` together with the blanks before it (back to the previous
 * match) and after it. The `\n` is always the last blank before the `---`, since `-` is not a
 * blank, so the match can be found from `\n---` alone.
 */
function splitAtSeparators(s: string): string[] {
  if (s.length === 0) return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  let from = 0;
  for (;;) {
    let start: number;
    let dashes: number;
    if (from === 0 && s.startsWith('---')) {
      start = 0;
      dashes = 0;
    } else {
      const nl = s.indexOf('\n---', from);
      if (nl < 0) break;
      start = nl;
      while (start > from && isSpace(s.charCodeAt(start - 1))) start--;
      dashes = nl + 1;
    }
    let matchEnd = dashes + 3;
    while (matchEnd < s.length && isSpace(s.charCodeAt(matchEnd))) matchEnd++;
    end = start;
    if (matchEnd !== 0) out.push(s.slice(beg, end));
    beg = matchEnd;
    from = matchEnd;
    if (from > s.length) break;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Receives helm's log messages (`info: skipping unknown hook: "x"`), without the source prefix. */
export type LogPrinter = (line: string) => void;

/**
 * releaseutil.SortManifests with InstallOrder: files in path order (partials and blank files
 * skipped), each split into documents; documents with a known hook annotation become hooks.
 * Both lists are then stable-sorted by kind. `keepDocument` turns each parsed document into
 * what the caller keeps of it (`kept`); without it nothing is kept, and each parse tree can be
 * collected as soon as its head is read.
 */
export function sortManifests(
  files: ReadonlyMap<string, string>,
  log: LogPrinter = () => {},
  keepDocument?: (yaml: YamlValue) => unknown,
): { hooks: Hook[]; manifests: Manifest[] } {
  const hooks: Hook[] = [];
  const manifests: Manifest[] = [];
  for (const path of [...files.keys()].sort(compareGoStrings)) {
    const content = files.get(path) ?? '';
    if (baseName(path).startsWith('_')) continue;
    if (goTrimSpace(content) === '') continue;
    for (const doc of splitManifests(content)) {
      let head: SimpleHead;
      let yaml: YamlValue;
      try {
        ({ head, yaml } = decodeSimpleHeadKeepingYaml(doc));
      } catch (e) {
        if (e instanceof ManifestHeadError) throw new ManifestParseError(path, e.message);
        throw e;
      }
      const annotations = head.metadata?.annotations;
      const hookTypes = annotations !== undefined && annotations.size > 0 ? annotations.get(HOOK_ANNOTATION) : undefined;
      if (hookTypes === undefined) {
        manifests.push({ name: path, content: doc, head, kept: keepDocument?.(yaml) });
        continue;
      }
      const hook = toHook(path, doc, head, hookTypes, keepDocument?.(yaml));
      if (hook === undefined) {
        log(`info: skipping unknown hook: ${goQuote(hookTypes)}`);
        continue;
      }
      hooks.push(hook);
    }
  }
  return { hooks: sortByKind(hooks, (h) => h.kind), manifests: sortByKind(manifests, (m) => m.head.kind) };
}

function toHook(path: string, doc: string, head: SimpleHead, hookTypes: string, kept: unknown): Hook | undefined {
  const annotations = head.metadata?.annotations ?? new Map<string, string>();
  const events: HookEvent[] = [];
  for (const t of hookTypes.split(',')) {
    const event = HOOK_EVENTS.get(t.trim().toLowerCase());
    if (event === undefined) return undefined;
    events.push(event);
  }
  const deletePolicies = annotations.has(HOOK_DELETE_ANNOTATION)
    ? (annotations.get(HOOK_DELETE_ANNOTATION) ?? '').split(',').map((p) => p.trim().toLowerCase())
    : [];
  return {
    name: head.metadata?.name ?? '',
    kind: head.kind,
    path,
    manifest: doc,
    events,
    weight: goAtoi(annotations.get(HOOK_WEIGHT_ANNOTATION) ?? ''),
    deletePolicies,
    kept,
  };
}

/** strconv.Atoi, 0 on any error (calculateHookWeight). */
function goAtoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : 0;
}

/** kind_sorter.go lessByKind: known kinds by InstallOrder, unknown kinds after them by name. */
export function sortByKind<T>(items: T[], kindOf: (item: T) => string): T[] {
  const rank = (k: string): number | undefined => {
    const i = INSTALL_ORDER.indexOf(k);
    return i < 0 ? undefined : i;
  };
  return [...items].sort((a, b) => {
    const ka = kindOf(a);
    const kb = kindOf(b);
    if (less(ka, kb)) return -1;
    if (less(kb, ka)) return 1;
    return 0;
  });
  function less(ka: string, kb: string): boolean {
    const ra = rank(ka);
    const rb = rank(kb);
    if (ra === undefined && rb === undefined) return compareGoStrings(ka, kb) < 0;
    if (ra === undefined) return false;
    if (rb === undefined) return true;
    return ra < rb;
  }
}
