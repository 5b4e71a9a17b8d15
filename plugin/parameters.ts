/**
 * The plugin's parameters: what the ArgoCD UI is told (`parameters.dynamic` prints
 * `announcement()` as a JSON array; argocd-cmp.md §8) and how values sent in
 * ARGOCD_APP_PARAMETERS become settings. ArgoCD never sends announced defaults
 * ("Only parameters explicitly set in the Application spec are sent"), so the defaults here
 * are applied by `resolveParameters` as well.
 */

/** One ParameterAnnouncement (reposerver/repository/repository.proto), as ArgoCD decodes it. */
export interface ParameterAnnouncement {
  name: string;
  title?: string;
  tooltip?: string;
  required?: boolean;
  itemType?: string;
  collectionType?: 'string' | 'array' | 'map';
  string?: string;
  array?: string[];
  map?: Record<string, string>;
}

/** A parameter as the Application sets it (`spec.source.plugin.parameters[]`). */
export interface AppParameter {
  name: string;
  string?: string;
  array?: string[];
  map?: Record<string, string>;
}

/** The settings of one generate run. */
export interface PluginSettings {
  /** DPUCluster name for DPF's `<cluster>-<dpuservice>` release names; "" when unset. */
  cluster: string;
  /** Which side this Application renders: host (`deployInCluster: true`) or DPU services. */
  deployInCluster: boolean;
  /** Emit the other Kubernetes objects found in the app directory. */
  passThrough: boolean;
  /** Chart reference (`<repoURL>/<chart>`) → chart directory or .tgz inside the git repo. */
  chartPaths: Record<string, string>;
  /** Directory (relative to the app dir) holding vendored `<chart>-<version>.tgz` files. */
  vendorDir: string;
  /**
   * DPU inventory file (relative to the app dir) for DPUServices with per-DPU configuration;
   * "" = read the DPU cluster whose kubeconfig the sidecar mounts (plugin/per-dpu-stage.ts).
   */
  inventory: string;
  /**
   * How startupYAMLJ2 templates render unless a DPUService's annotation
   * dpu-gitops.nvidia.com/startup-render-mode says otherwise: 'strict' or 'dpf' (plugin/per-dpu/render-mode.ts).
   */
  startupRenderMode: 'strict' | 'dpf';
  /**
   * DOCA version of the BFB the DPUDeployments' DPUs run, for version matching when the BFB
   * object is not in the app directory (or has no versions); "" = unset.
   */
  docaVersion: string;
  /**
   * Kubernetes schema validation of every rendered object (contract/kube-schema): 'warn'
   * reports problems as warnings, 'error' fails the DPUService, 'off' skips it.
   */
  kubeSchema: 'warn' | 'error' | 'off';
}

export const DEFAULT_SETTINGS: Readonly<PluginSettings> = Object.freeze({
  cluster: '',
  deployInCluster: false,
  passThrough: true,
  chartPaths: {},
  vendorDir: 'vendor/charts',
  inventory: '',
  startupRenderMode: 'strict',
  docaVersion: '',
  kubeSchema: 'warn',
});

/** The announcement the UI shows (also used for the static list in plugin.yaml docs). */
export function announcement(): ParameterAnnouncement[] {
  return [
    {
      name: 'cluster',
      title: 'DPU cluster name',
      tooltip: 'DPUCluster name DPF would use: release names are <cluster>-<dpuservice> unless releaseName is set',
      required: false,
      string: DEFAULT_SETTINGS.cluster,
    },
    {
      name: 'deploy-in-cluster',
      title: 'Render host-side services',
      tooltip: 'true: only DPUServices with deployInCluster: true (cluster name in-cluster); false: only DPU-side ones',
      itemType: 'boolean',
      string: String(DEFAULT_SETTINGS.deployInCluster),
    },
    {
      name: 'pass-through',
      title: 'Pass other objects through',
      tooltip: 'Emit the other Kubernetes objects of the app directory unchanged',
      itemType: 'boolean',
      string: String(DEFAULT_SETTINGS.passThrough),
    },
    {
      name: 'chart-paths',
      title: 'Charts in this repository',
      tooltip: 'Map "<repoURL>/<chart>" to a chart directory or .tgz in the repo (relative to the app dir)',
      collectionType: 'map',
      map: {},
    },
    {
      name: 'vendor-dir',
      title: 'Vendored charts',
      tooltip: 'Directory with <chart>-<version>.tgz files used before any download (air-gapped sites)',
      string: DEFAULT_SETTINGS.vendorDir,
    },
    {
      name: 'inventory',
      title: 'DPU inventory file',
      tooltip: 'For perDPUValuesYAML/startupYAMLJ2: the DPUs (hostnames, labels, addresses) as a file in the repo, relative to the app dir; empty = read the DPU cluster the sidecar has a kubeconfig for',
      string: DEFAULT_SETTINGS.inventory,
    },
    {
      name: 'startup-render-mode',
      title: 'Startup template renderer',
      tooltip: "strict (StrictUndefined, no autoescape) or dpf (DPF's guideline renderer: autoescape, lenient Undefined); a DPUService's dpu-gitops.nvidia.com/startup-render-mode annotation wins",
      string: DEFAULT_SETTINGS.startupRenderMode,
    },
    {
      name: 'doca-version',
      title: 'DOCA version of the BFB',
      tooltip: "For DPUDeployments whose BFB is not in the app directory: the DOCA version its DPUs run, matched against each DPUServiceTemplate chart's dpu.nvidia.com/doca-version",
      string: DEFAULT_SETTINGS.docaVersion,
    },
    {
      name: 'kube-schema',
      title: 'Kubernetes schema check',
      tooltip: 'Validate every rendered object against its Kubernetes schema (built-in kinds, the chart\'s CRDs): warn, error (fail the DPUService) or off',
      string: DEFAULT_SETTINGS.kubeSchema,
    },
  ];
}

/** A parameter value that cannot be used. */
export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    detail: string,
  ) {
    super(`parameter ${parameter}: ${detail}`);
    this.name = 'ParameterError';
  }
}

/** Parameters plugin.yaml announces statically (plugin.yaml `parameters.static`, templates/install/cmp/10-plugin-configmap.yaml.hbs). */
export const STATIC_PARAMETERS: ReadonlySet<string> = new Set(['cluster', 'deploy-in-cluster']);

/**
 * The `parameters.dynamic` output: the announcements plugin.yaml does not list statically, with
 * `chart-paths` prefilled with the chart references of the app dir's DPUServices, so the UI
 * shows which keys can be mapped to charts in the repository.
 */
export function dynamicAnnouncement(chartReferences: readonly string[]): ParameterAnnouncement[] {
  return announcement()
    .filter((a) => !STATIC_PARAMETERS.has(a.name))
    .map((a) => (a.name === 'chart-paths' ? { ...a, map: Object.fromEntries([...new Set(chartReferences)].sort().map((r) => [r, ''])) } : a));
}

const KNOWN = new Set(announcement().map((a) => a.name));

/**
 * Settings from the Application's parameters over `base` (the defaults, or the defaults with
 * the repository config laid over them: config/settings.ts). Unknown names are errors (a typo
 * would otherwise silently render with defaults). `chart-paths` entries are laid over the
 * base's one by one; an empty path (as the UI's prefilled map sends) leaves a reference as is.
 */
export function resolveParameters(params: readonly AppParameter[], base: Readonly<PluginSettings> = DEFAULT_SETTINGS): PluginSettings {
  const s: PluginSettings = { ...base, chartPaths: { ...base.chartPaths } };
  for (const p of params) {
    if (!KNOWN.has(p.name)) throw new ParameterError(p.name, `unknown parameter (known: ${[...KNOWN].join(', ')})`);
    switch (p.name) {
      case 'cluster':
        s.cluster = stringOf(p);
        break;
      case 'deploy-in-cluster':
        s.deployInCluster = boolOf(p);
        break;
      case 'pass-through':
        s.passThrough = boolOf(p);
        break;
      case 'chart-paths':
        if (p.map === undefined) throw new ParameterError(p.name, 'must be a map');
        for (const [ref, path] of Object.entries(p.map)) if (path !== '') s.chartPaths[ref] = path;
        break;
      case 'vendor-dir':
        s.vendorDir = stringOf(p);
        break;
      case 'inventory':
        s.inventory = stringOf(p);
        break;
      case 'startup-render-mode': {
        const mode = stringOf(p).trim();
        if (mode !== 'strict' && mode !== 'dpf') throw new ParameterError(p.name, 'must be strict or dpf');
        s.startupRenderMode = mode;
        break;
      }
      case 'doca-version':
        s.docaVersion = stringOf(p).trim();
        break;
      case 'kube-schema': {
        const mode = stringOf(p).trim();
        if (mode !== 'warn' && mode !== 'error' && mode !== 'off') throw new ParameterError(p.name, 'must be warn, error or off');
        s.kubeSchema = mode;
        break;
      }
    }
  }
  return s;
}

function stringOf(p: AppParameter): string {
  if (p.string === undefined) throw new ParameterError(p.name, 'must be a string');
  return p.string;
}

function boolOf(p: AppParameter): boolean {
  const v = stringOf(p).trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new ParameterError(p.name, `must be "true" or "false", got ${JSON.stringify(p.string)}`);
}
