/**
 * The in-memory chart, mirroring helm v3.17.3 pkg/chart (chart.go, metadata.go, dependency.go,
 * file.go): what the loaders produce, what dependency processing rewrites and what the
 * renderer walks. Field names are the JSON names of the Go structs.
 */
import type { GoMap, GoValue } from '../template/value.js';

/** chart.File: a path inside the chart (always `/`-separated) and its bytes. */
export interface ChartFile {
  name: string;
  data: Uint8Array;
}

/** chart.File under the name the Go package uses. */
export type File = ChartFile;

/** chart.Maintainer. */
export interface Maintainer {
  name: string;
  email: string;
  url: string;
}

/**
 * chart.Dependency: one entry of Chart.yaml `dependencies` (or requirements.yaml for
 * apiVersion v1). `enabled`, `name` and `importValues` are rewritten by dependency processing,
 * exactly as helm mutates them.
 */
export interface Dependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  /** Each item is a string (`child` under exports) or a map with `child` and `parent`. */
  importValues: GoValue[];
  alias: string;
}

/** chart.Metadata: every field of Chart.yaml helm v3.17.3 knows. Unknown keys are dropped. */
export interface Metadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  /** `null` items model Go's nil pointers (Chart.yaml `maintainers: [~]`), which validation rejects. */
  maintainers: (Maintainer | null)[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  /** map[string]string; undefined when absent (a nil map). */
  annotations: Map<string, string> | undefined;
  kubeVersion: string;
  /** `null` items model nil pointers; undefined when the key is absent (a nil slice). */
  dependencies: (Dependency | null)[] | undefined;
  type: string;
}

/** chart.Lock: Chart.lock (or requirements.lock). */
export interface Lock {
  /** The `generated` timestamp text as written. */
  generated: string;
  digest: string;
  dependencies: (Dependency | null)[];
}

/** chart.APIVersionV1 / APIVersionV2. */
export const API_VERSION_V1 = 'v1';
export const API_VERSION_V2 = 'v2';

/**
 * chart.Chart. `parent` and `dependencies` are the Go struct's unexported fields; use
 * `setDependencies`/`addDependency` to keep the parent links right, as Go does.
 */
export class Chart {
  /** Every file of the chart as loaded (chart.Raw), Chart.yaml included. */
  raw: ChartFile[] = [];
  metadata: Metadata;
  lock: Lock | undefined = undefined;
  /** Files under templates/. */
  templates: ChartFile[] = [];
  /** values.yaml, or null when it is missing or empty (a nil map in Go). */
  values: GoMap | null = null;
  /** values.schema.json bytes, when present. */
  schema: Uint8Array | undefined = undefined;
  /** Every other file (README, crds/, files/, ...): what `.Files` sees. */
  files: ChartFile[] = [];
  parent: Chart | undefined = undefined;
  dependencies: Chart[] = [];

  constructor(metadata: Metadata) {
    this.metadata = metadata;
  }

  /** Chart.Name(). */
  name(): string {
    return this.metadata.name;
  }

  /** Chart.AppVersion(). */
  appVersion(): string {
    return this.metadata.appVersion;
  }

  /** Chart.IsRoot(). */
  isRoot(): boolean {
    return this.parent === undefined;
  }

  /** Chart.Root(). */
  root(): Chart {
    return this.parent === undefined ? this : this.parent.root();
  }

  /** Chart.SetDependencies: replaces the subcharts and makes this chart their parent. */
  setDependencies(charts: readonly Chart[]): void {
    this.dependencies = [];
    this.addDependency(charts);
  }

  /** Chart.AddDependency: appends subcharts and makes this chart their parent. */
  addDependency(charts: readonly Chart[]): void {
    for (const c of charts) {
      c.parent = this;
      this.dependencies.push(c);
    }
  }

  /** Chart.ChartPath(): `parent.child` names from the root. */
  chartPath(): string {
    return this.parent === undefined ? this.name() : `${this.parent.chartPath()}.${this.name()}`;
  }

  /** Chart.ChartFullPath(): `parent/charts/child` from the root, the prefix of template names. */
  chartFullPath(): string {
    return this.parent === undefined ? this.name() : `${this.parent.chartFullPath()}/charts/${this.name()}`;
  }

  /** Chart.CRDs(): crds/*.yaml|yml|json files of this chart, then of its subcharts. */
  crds(): ChartFile[] {
    const own = this.files.filter((f) => f.name.startsWith('crds/') && hasManifestExtension(f.name));
    return own.concat(...this.dependencies.map((d) => d.crds()));
  }

  /** Chart.CRDObjects(): like crds(), each with its full path (`chart/charts/sub/crds/x.yaml`). */
  crdObjects(): { name: string; filename: string; file: ChartFile }[] {
    const own = this.files
      .filter((f) => f.name.startsWith('crds/') && hasManifestExtension(f.name))
      .map((f) => ({ name: f.name, filename: joinClean(this.chartFullPath(), f.name), file: f }));
    return own.concat(...this.dependencies.map((d) => d.crdObjects()));
  }

  /**
   * A shallow copy (Go's `out := *c`): the copy shares files, values and subcharts with the
   * original, with its own metadata copy. Used for dependency aliases.
   */
  shallowCopy(): Chart {
    const out = new Chart({ ...this.metadata });
    out.raw = this.raw;
    out.lock = this.lock;
    out.templates = this.templates;
    out.values = this.values;
    out.schema = this.schema;
    out.files = this.files;
    out.parent = this.parent;
    out.dependencies = this.dependencies;
    return out;
  }
}

/** A Metadata with Go's zero values. */
export function emptyMetadata(): Metadata {
  return {
    name: '',
    home: '',
    sources: [],
    version: '',
    description: '',
    keywords: [],
    maintainers: [],
    icon: '',
    apiVersion: '',
    condition: '',
    tags: '',
    appVersion: '',
    deprecated: false,
    annotations: undefined,
    kubeVersion: '',
    dependencies: undefined,
    type: '',
  };
}

/** A Dependency with Go's zero values. */
export function emptyDependency(): Dependency {
  return { name: '', version: '', repository: '', condition: '', tags: [], enabled: false, importValues: [], alias: '' };
}

function hasManifestExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  const slash = name.lastIndexOf('/');
  const ext = dot > slash ? name.slice(dot).toLowerCase() : '';
  return ext === '.yaml' || ext === '.yml' || ext === '.json';
}

/** filepath.Join on `/` paths: joined, then cleaned of `.`/`..`/double slashes. */
function joinClean(a: string, b: string): string {
  const out: string[] = [];
  for (const part of `${a}/${b}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
