/**
 * The result of `dpu-gitops diff`, which every format prints. This is also the JSON format's
 * schema (docs/diff.md): fields are only ever added within one schemaVersion; arrays are sorted
 * as documented so equal inputs give equal bytes.
 */
export const DIFF_SCHEMA_VERSION = 1;

export interface DiffReport {
  schemaVersion: typeof DIFF_SCHEMA_VERSION;
  base: SideSummary;
  head: SideSummary;
  /** True when anything below reports a change (objects, per-DPU, findings). */
  changed: boolean;
  /** Services with a change, sorted by `service`. */
  services: ServiceDiff[];
  rollout: Rollout;
  findings: { new: Finding[]; fixed: Finding[] };
  /** DPUServices rendered, and reused because both sides had identical inputs. */
  renders: { rendered: number; reused: number };
}

export interface SideSummary {
  label: string;
  commit?: string;
  /** False when generate failed on this side (its errors are in findings): nothing to compare. */
  rendered: boolean;
  errors: number;
  warnings: number;
  /** DPUServices rendered. */
  services: number;
  /** DPUs in the inventory, when one was read. */
  dpus?: number;
}

/** `namespace/name` of a DPUService, or OTHER_OBJECTS for objects passed through. */
export const OTHER_OBJECTS = '(other objects)';

export interface ServiceDiff {
  service: string;
  /** replaced: a new DPUDeployment revision (new name) of the service `replaces` names. */
  status: 'added' | 'removed' | 'changed' | 'replaced';
  /** For `replaced`: the base side's `namespace/name`. */
  replaces?: string;
  /** Sorted by kind, namespace, name. Startup shards are not here: see perDpu. */
  objects: ObjectChange[];
  perDpu?: PerDpuDiff;
}

export interface ObjectChange {
  change: 'added' | 'removed' | 'changed';
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Unified diff of the YAML (base then head), Secret data masked as ArgoCD masks it. */
  diff: string;
}

export interface PerDpuDiff {
  dpusBase: number;
  dpusHead: number;
  unchanged: number;
  /** DPUs targeted only in head / only in base, sorted. */
  added: string[];
  removed: string[];
  /** DPUs whose values or startup config change, grouped by identical change; largest group first. */
  groups: DpuChangeGroup[];
  /** startupConfig.shards on each side, when it changes. */
  shards?: { base: number; head: number };
}

export interface DpuChangeGroup {
  count: number;
  /** Sorted. */
  dpus: string[];
  /** Changed leaves of the template context (merged values, ipaddresses), by path. */
  values: ValueChange[];
  /** Changed lines of the startup config, `-old` / `+new`, in order (empty: unchanged). */
  startup: string[];
}

export interface ValueChange {
  /** Dotted path in the context, e.g. `config.bgp_autonomous_system`. */
  path: string;
  /** JSON text of the value; absent when the path is absent on that side. */
  base?: string;
  head?: string;
}

export interface Rollout {
  /** DaemonSets whose pod template changes, sorted by service then name. */
  daemonSets: DaemonSetRollout[];
  /** Services whose startup configs change but whose pods are not rolled. */
  startupWithoutRestart: { service: string; dpus: number }[];
}

export interface DaemonSetRollout {
  service: string;
  namespace?: string;
  name: string;
  /** DPUs of the head inventory the pod template selects (null: no inventory). */
  dpus: number | null;
  /** Replaced: a new DPUDeployment revision, a new DaemonSet; every pod replaced in one step. */
  strategy: 'RollingUpdate' | 'OnDelete' | 'Replaced';
  /** RollingUpdate: pods replaced at a time, and how many waves that takes. */
  atATime?: number;
  waves?: number;
  maxUnavailable?: number;
  maxSurge?: number;
  /** What the count does not account for (affinity not evaluated, ...). */
  notes: string[];
}

export interface Finding {
  severity: 'error' | 'warning';
  object?: string;
  field?: string;
  message: string;
  /** `file#doc (line N)` on the side it is found on. */
  location?: string;
}
