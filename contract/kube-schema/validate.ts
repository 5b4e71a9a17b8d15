/**
 * Kubernetes schema validation of rendered objects, as `kubeconform -strict` does for a target
 * Kubernetes version: built-in kinds by their recorded structure (builtin.ts), custom resources
 * by their CRD's schema (crd.ts, CRDs from the chart's crds/ and from the rendered objects),
 * kinds the target version does not serve are errors, and kinds without any schema are reported
 * as the caller chooses (`unknownKinds`).
 */
import { lifecycleTable } from '../helm-lint/deprecations.js';
import { builtinModel, validateBuiltin } from './builtin.js';
import { crdVersionsOf, validateCustomResource, type CrdVersion } from './crd.js';
import type { SchemaProblem } from './problem.js';

export type UnknownKinds = 'error' | 'warning' | 'ignore';

export interface KubeSchemaOptions {
  /** Target Kubernetes version (major, minor). */
  kubeVersion: { major: number; minor: number };
  /** Unknown fields are errors (kubeconform -strict). */
  strict: boolean;
  unknownKinds: UnknownKinds;
}

/** One object to validate and where it came from. */
export interface SchemaTarget {
  value: unknown;
  /** For the caller: template name, document index... carried through untouched. */
  origin: unknown;
}

export interface SchemaFinding {
  severity: 'error' | 'warning';
  apiVersion: string;
  kind: string;
  name: string;
  problem: SchemaProblem;
  origin: unknown;
}

/** The CRD versions found among `objects` (rendered CRDs, crds/ files), keyed `group/version/Kind`. */
export function collectCrds(objects: readonly { value: unknown; source: string }[]): Map<string, CrdVersion> {
  const out = new Map<string, CrdVersion>();
  for (const o of objects) for (const v of crdVersionsOf(o.value, o.source)) out.set(`${v.group}/${v.version}/${v.kind}`, v);
  return out;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Validates every target; objects without apiVersion or kind are not Kubernetes objects and are skipped. */
export function validateObjects(targets: readonly SchemaTarget[], crds: ReadonlyMap<string, CrdVersion>, opts: KubeSchemaOptions): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const t of targets) {
    if (!(t.value instanceof Map)) continue;
    const apiVersion = str(t.value.get('apiVersion'));
    const kind = str(t.value.get('kind'));
    if (apiVersion === '' || kind === '') continue;
    const metadata = t.value.get('metadata');
    const name = metadata instanceof Map ? str(metadata.get('name')) : '';
    const report = (severity: 'error' | 'warning', problem: SchemaProblem) => findings.push({ severity, apiVersion, kind, name, problem, origin: t.origin });
    for (const r of validateOne(t.value, apiVersion, kind, crds, opts)) report(r.severity, r.problem);
  }
  return findings;
}

function validateOne(
  value: Map<unknown, unknown>,
  apiVersion: string,
  kind: string,
  crds: ReadonlyMap<string, CrdVersion>,
  opts: KubeSchemaOptions,
): { severity: 'error' | 'warning'; problem: SchemaProblem }[] {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/', 2) as [string, string]) : ['', apiVersion];
  const served = servedError(group, version, kind, opts.kubeVersion);
  if (served) return [{ severity: 'error', problem: { path: ['apiVersion'], message: served } }];
  const model = builtinModel(apiVersion, kind);
  if (model) return validateBuiltin(value, model).filter((p) => opts.strict || !p.message.startsWith('additionalProperties')).map((problem) => ({ severity: 'error', problem }));
  const crd = crds.get(`${group}/${version}/${kind}`);
  if (crd) return validateCustomResource(value, crd, opts.strict).map((problem) => ({ severity: 'error', problem }));
  if (opts.unknownKinds === 'ignore') return [];
  return [{ severity: opts.unknownKinds, problem: { path: ['kind'], message: `could not find schema for ${kind} (${apiVersion}): not a built-in kind and no CRD for it in the chart` } }];
}

/** A built-in kind the target version does not serve: introduced later or already removed. */
function servedError(group: string, version: string, kind: string, target: { major: number; minor: number }): string | undefined {
  const facts = lifecycleTable().get(`${group}/${version}/${kind}`);
  if (!facts) return undefined;
  const before = (v: [number, number]) => target.major < v[0] || (target.major === v[0] && target.minor < v[1]);
  const gv = group === '' ? version : `${group}/${version}`;
  const at = `v${target.major}.${target.minor}`;
  if (facts.removed && !before(facts.removed)) return `${gv} ${kind} is not served by Kubernetes ${at} (removed in v${facts.removed[0]}.${facts.removed[1]})`;
  if (facts.introduced && before(facts.introduced)) return `${gv} ${kind} is not served by Kubernetes ${at} (introduced in v${facts.introduced[0]}.${facts.introduced[1]})`;
  return undefined;
}
