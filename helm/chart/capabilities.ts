/**
 * `.Capabilities` for `helm template`, mirroring helm v3.17.3 pkg/chartutil/capabilities.go and
 * pkg/action/install.go's client-only setup: KubeVersion v1.32.0 unless `--kube-version` is given
 * (parsed with semver, printed as `v` + the version), the API versions of client-go's scheme
 * (recorded from real helm) followed by `--api-versions`, and helm's build info.
 *
 * Template behaviour of these Go types: `{{ .Capabilities.KubeVersion }}` prints `v1.32.0`
 * (text/template uses the pointer-receiver String method of an addressable value), while
 * `quote`/`print`/`printf "%v"` see a copy and print `{v1.32.0 1 32}`; so KubeVersionStruct has a
 * `String` method and no fmt override. `APIVersions` is a []string of the named type
 * chartutil.VersionSet with method `Has`.
 */
import {
  GoFunc, GoStruct, NO_FIELD, registerTypeMethods, tagSliceType, T_BOOL, T_STRING, type GoValue,
} from '../template/value.js';
import { parseVersion, SemverError } from '../semver/version.js';
import { JsonStruct } from '../yaml/json.js';

/** The Kubernetes version helm v3.17.3 reports without `--kube-version` (k8sVersionMajor/Minor). */
export const DEFAULT_KUBE_VERSION = { version: 'v1.32.0', major: '1', minor: '32' } as const;

/** chartutil.DefaultVersionSet of helm v3.17.3, in its order (recorded with `range .Capabilities.APIVersions`). */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1', 'internal.apiserver.k8s.io/v1alpha1', 'apps/v1', 'apps/v1beta1',
  'apps/v1beta2', 'authentication.k8s.io/v1', 'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1', 'autoscaling/v1', 'autoscaling/v2',
  'autoscaling/v2beta1', 'autoscaling/v2beta2', 'batch/v1', 'batch/v1beta1', 'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1', 'certificates.k8s.io/v1alpha1', 'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1', 'events.k8s.io/v1beta1', 'extensions/v1beta1', 'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1', 'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1', 'networking.k8s.io/v1alpha1',
  'networking.k8s.io/v1beta1', 'node.k8s.io/v1', 'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1',
  'policy/v1beta1', 'rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1', 'resource.k8s.io/v1beta1', 'resource.k8s.io/v1alpha3',
  'scheduling.k8s.io/v1alpha1', 'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1alpha1',
  'apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
];

/** helm v3.17.3's version.BuildInfo, as `.Capabilities.HelmVersion` shows it. */
export const HELM_BUILD_INFO = {
  version: 'v3.17.3',
  gitCommit: 'e4da49785aa6e6ee2b86efd5dd9e43400318262b',
  gitTreeState: 'clean',
  goVersion: 'go1.23.7',
} as const;

/** The Go type name of `.Capabilities.APIVersions`. */
export const VERSION_SET_TYPE = 'chartutil.VersionSet';

registerTypeMethods(VERSION_SET_TYPE, (receiver, name) => {
  if (name !== 'Has' || !Array.isArray(receiver)) return undefined;
  return new GoFunc('Has', { params: [T_STRING], result: T_BOOL, returnsError: false }, (apiVersion) =>
    receiver.includes(apiVersion),
  );
});

/** `--kube-version` that does not parse: helm's `invalid kube version 'x': Invalid Semantic Version`. */
export class KubeVersionError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`invalid kube version '${input}': ${reason}`);
    this.name = 'KubeVersionError';
  }
}

/** chartutil.KubeVersion. */
export class KubeVersionStruct extends GoStruct {
  readonly goType = 'chartutil.KubeVersion';
  constructor(
    readonly version: string,
    readonly major: string,
    readonly minor: string,
  ) {
    super();
  }
  fieldNames(): readonly string[] {
    return ['Version', 'Major', 'Minor'];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    if (name === 'Version') return this.version;
    if (name === 'Major') return this.major;
    if (name === 'Minor') return this.minor;
    return NO_FIELD;
  }
  /** String and the deprecated GitVersion both return Version (pointer receivers in Go). */
  override method(name: string): GoFunc | undefined {
    if (name !== 'String' && name !== 'GitVersion') return undefined;
    return new GoFunc(name, { params: [], result: T_STRING, returnsError: false }, () => this.version);
  }
  /** `{{ .Capabilities.KubeVersion }}` prints String(): the field is addressable in Go. */
  override pointerString(): string {
    return this.version;
  }
  toJSONValue(): JsonStruct {
    return structJson([['Version', this.version], ['Major', this.major], ['Minor', this.minor]]);
  }
}

/** helm's internal/version.BuildInfo. */
export class BuildInfoStruct extends GoStruct {
  readonly goType = 'version.BuildInfo';
  constructor(readonly info: typeof HELM_BUILD_INFO = HELM_BUILD_INFO) {
    super();
  }
  fieldNames(): readonly string[] {
    return ['Version', 'GitCommit', 'GitTreeState', 'GoVersion'];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    switch (name) {
      case 'Version':
        return this.info.version;
      case 'GitCommit':
        return this.info.gitCommit;
      case 'GitTreeState':
        return this.info.gitTreeState;
      case 'GoVersion':
        return this.info.goVersion;
    }
    return NO_FIELD;
  }
  toJSONValue(): JsonStruct {
    const i = this.info;
    return structJson([
      ['version', i.version],
      ['git_commit', i.gitCommit],
      ['git_tree_state', i.gitTreeState],
      ['go_version', i.goVersion],
    ]);
  }
}

/** *chartutil.Capabilities. */
export class CapabilitiesStruct extends GoStruct {
  readonly goType = '*chartutil.Capabilities';
  constructor(
    readonly kubeVersion: KubeVersionStruct,
    readonly apiVersions: readonly string[],
    readonly helmVersion: BuildInfoStruct = new BuildInfoStruct(),
  ) {
    super();
  }
  fieldNames(): readonly string[] {
    return ['KubeVersion', 'APIVersions', 'HelmVersion'];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    if (name === 'KubeVersion') return this.kubeVersion;
    if (name === 'APIVersions') return tagSliceType([...this.apiVersions], VERSION_SET_TYPE);
    if (name === 'HelmVersion') return this.helmVersion;
    return NO_FIELD;
  }
}

/**
 * chartutil.ParseKubeVersion: semver parsing (a `v` and missing parts allowed), then
 * `v` + MAJOR.MINOR.PATCH[-PRE][+META]. Returns a KubeVersionError for bad input.
 */
export function parseKubeVersion(text: string): KubeVersionStruct | KubeVersionError {
  const v = parseVersion(text);
  if (v instanceof SemverError) return new KubeVersionError(text, v.message);
  return new KubeVersionStruct(`v${v.toString()}`, v.major.toString(), v.minor.toString());
}

/**
 * The capabilities `helm template` renders with: DefaultCapabilities, KubeVersion replaced by
 * `--kube-version` when given, `--api-versions` appended. Throws KubeVersionError.
 */
export function defaultCapabilities(kubeVersion?: string, extraApiVersions: readonly string[] = []): CapabilitiesStruct {
  let kv = new KubeVersionStruct(DEFAULT_KUBE_VERSION.version, DEFAULT_KUBE_VERSION.major, DEFAULT_KUBE_VERSION.minor);
  if (kubeVersion !== undefined && kubeVersion !== '') {
    const parsed = parseKubeVersion(kubeVersion);
    if (parsed instanceof KubeVersionError) throw parsed;
    kv = parsed;
  }
  return new CapabilitiesStruct(kv, [...DEFAULT_API_VERSIONS, ...extraApiVersions]);
}

/** The struct as encoding/json writes it (field order kept). */
function structJson(entries: [string, GoValue][]): JsonStruct {
  return new JsonStruct(entries);
}
