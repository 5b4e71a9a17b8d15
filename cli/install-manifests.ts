/**
 * `dpu-gitops install-manifests`: prints (or writes) the Kubernetes manifests that install
 * the admission webhook (Namespace, ValidatingWebhookConfiguration, Service, Deployment, PDB,
 * cert-manager Issuers/Certificates), the CMP (the plugin.yaml ConfigMap and the sidecar
 * patch for argocd-repo-server, plus an example Application) and the Argo CD health checks
 * for DPF kinds (an argocd-cm patch), rendered from the handlebars templates in
 * templates/install/. With --output-dir each component goes to its own folder with a
 * kustomization.yaml (cmp and health are kustomize Components for the kustomization that
 * installs Argo CD); manifests/ in the repository is that output with the defaults, the
 * single source of the install manifests.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Handlebars from 'handlebars';
import { builtinTemplatesDir } from '../contract/messages.js';
import { parse } from 'yaml';
import { RepoAllowlist } from '../plugin/chart-source/allowlist.js';
import { parseCommandArgs } from './args.js';
import { healthCustomizations } from './install-health.js';

/** What the templates see. */
export interface InstallValues {
  name: string;
  namespace: string;
  argocdNamespace: string;
  image: string;
  timeoutSeconds: number;
  chartTimeoutMs: number;
  /** Whole DPUService review limit in the webhook (queue wait, fetch and render). */
  reviewTimeoutMs: number;
  onChartUnavailable: 'deny' | 'allow';
  excludedNamespaces: string[];
  /** Repositories the webhook (and the CMP, when set) may fetch charts from. */
  allowedRepos: string[];
  /** Namespaces whose Pods, DaemonSets and Deployments are reviewed without the opt-in label. */
  workloadNamespaces: string[];
}

export type Component = 'webhook' | 'cmp' | 'health';

/** The namespace label that opts a namespace's workloads into review (value "true"). */
export const WORKLOAD_OPT_IN_LABEL = 'dpu-gitops.dpu.nvidia.com/validate-workloads';

export const DEFAULT_INSTALL_VALUES: InstallValues = {
  name: 'dpu-gitops',
  namespace: 'dpu-gitops',
  argocdNamespace: 'argocd',
  image: 'ghcr.io/example/dpu-gitops:0.1.0',
  timeoutSeconds: 10,
  chartTimeoutMs: 5000,
  reviewTimeoutMs: 8000,
  onChartUnavailable: 'deny',
  excludedNamespaces: [],
  allowedRepos: [],
  // DPF's own namespace, where DPF installs DPUServices and their host-side workloads.
  workloadNamespaces: ['dpf-operator-system'],
};

const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

/** The folder each component is written to under --output-dir. */
export const OUTPUT_FOLDERS: Readonly<Record<Component, string>> = { webhook: 'webhook', cmp: 'cmp', health: 'health' };

const ALL_COMPONENTS: readonly Component[] = ['webhook', 'cmp', 'health'];

/** Rendered files that only show how to use the install (written, never printed or applied). */
export function isExample(file: string): boolean {
  return file.endsWith('-example.yaml');
}

/** Renders one component: [file name, YAML text] per template, in file order. */
export function renderComponent(component: Component, values: InstallValues, templatesDir = join(builtinTemplatesDir(), 'install')): [string, string][] {
  const hb = Handlebars.create();
  const partialsDir = join(templatesDir, 'partials');
  for (const file of readdirSync(partialsDir).sort()) {
    hb.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(join(partialsDir, file), 'utf8'));
  }
  const context = {
    ...values,
    excludedNamespaces: [...new Set([...SYSTEM_NAMESPACES, values.namespace, values.argocdNamespace, ...values.excludedNamespaces])],
    workloadLabel: WORKLOAD_OPT_IN_LABEL,
    // Each script as the body of a YAML literal block under `data:` (4 spaces).
    healthChecks: component === 'health' ? healthCustomizations(dirname(templatesDir)).map(([key, script]) => ({ key, script: indentBlock(script, 4) })) : [],
    // Pre-quoted: a JSON string is a YAML double-quoted scalar, whatever a pattern holds.
    allowRepoArgs: values.allowedRepos.map((p) => JSON.stringify(`--allow-repo=${p}`)),
    allowedReposEnv: values.allowedRepos.length > 0 ? JSON.stringify(values.allowedRepos.join(',')) : '',
  };
  const dir = join(templatesDir, component);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml.hbs'))
    .sort()
    .map((f) => [f.replace(/^\d+-/, '').replace(/\.hbs$/, ''), hb.compile(readFileSync(join(dir, f), 'utf8'), { noEscape: true, strict: true })(context)]);
}

function indentBlock(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text.replace(/\n$/, '').split('\n').map((line) => (line === '' ? '' : pad + line)).join('\n');
}

/**
 * kustomization.yaml for one component folder. cmp and health are kustomize Components: they
 * add to, and patch objects of, the Argo CD installation that includes them. Each patch names
 * its target by group, kind and name only: a Component runs before the including
 * kustomization's `namespace:` is applied (Argo CD's documented layout sets `namespace: argocd`
 * over install.yaml, whose objects carry none), so a patch matched by namespace finds nothing.
 */
function kustomization(component: Component, rendered: [string, string][], values: InstallValues): string {
  const applied = rendered.filter(([f]) => !isExample(f));
  if (component === 'webhook') {
    return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${applied.map(([f]) => `  - ${f}\n`).join('')}`;
  }
  const patches = applied.filter(([f]) => f.endsWith('-patch.yaml'));
  const resources = applied.filter(([f]) => !f.endsWith('-patch.yaml'));
  return [
    'apiVersion: kustomize.config.k8s.io/v1alpha1',
    'kind: Component',
    `# Include from the kustomization that installs Argo CD (namespace ${values.argocdNamespace}):`,
    '#   resources: [<the Argo CD install manifests>]',
    '#   components: [<path to this folder>]',
    ...(resources.length > 0 ? ['resources:', ...resources.map(([f]) => `  - ${f}`)] : []),
    'patches:',
    ...patches.flatMap(([f, text]) => {
      const target = patchTarget(text);
      return [`  - path: ${f}`, '    target:', ...(target.group ? [`      group: ${target.group}`] : []), `      version: ${target.version}`, `      kind: ${target.kind}`, `      name: ${target.name}`];
    }),
    '',
  ].join('\n');
}

/** The object a rendered patch applies to, from its own apiVersion, kind and name. */
function patchTarget(text: string): { group: string; version: string; kind: string; name: string } {
  const doc = parse(text) as { apiVersion: string; kind: string; metadata: { name: string } };
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  return { group: group!, version: version!, kind: doc.kind, name: doc.metadata.name };
}

const USAGE = `Usage: dpu-gitops install-manifests [flags]

Prints the install manifests of the admission webhook, the CMP (plugin ConfigMap and
argocd-repo-server sidecar patch; --output-dir also writes an example Application) and the
Argo CD health checks for DPF kinds (argocd-cm patch). cmp and health patch Argo CD's own
objects: include their --output-dir folders as kustomize Components (docs/install.md).

Flags:
      --component C             webhook, cmp, health or all (default all)
      --namespace NS            namespace of the webhook (default ${DEFAULT_INSTALL_VALUES.namespace})
      --argocd-namespace NS     namespace of Argo CD, for the cmp patch (default ${DEFAULT_INSTALL_VALUES.argocdNamespace})
      --image IMG               container image (default ${DEFAULT_INSTALL_VALUES.image})
      --name NAME               name prefix of every object (default ${DEFAULT_INSTALL_VALUES.name})
      --timeout-seconds N       webhook timeoutSeconds, 2-30 (default ${DEFAULT_INSTALL_VALUES.timeoutSeconds}; Kubernetes
                                allows 1, but a review ends a second before the API server gives up)
      --on-chart-unavailable M  deny (default) or allow: the webhook's answer when a DPUService's
                                chart cannot be had
      --exclude-namespace NS    never review this namespace either (repeatable; system
                                namespaces, the webhook's and Argo CD's always are)
      --workload-namespace NS   review Pods, DaemonSets and Deployments in NS without the
                                opt-in label (repeatable; replaces the default
                                ${DEFAULT_INSTALL_VALUES.workloadNamespaces.join(', ')}). Elsewhere only namespaces
                                labelled ${WORKLOAD_OPT_IN_LABEL}=true
      --allowed-repo PATTERN    a chart repository the webhook may fetch from (ArgoCD sourceRepos
                                patterns, repeatable); also set as the CMP's allowlist. Without
                                it the webhook fetches nothing (charts from /charts only) and the
                                CMP fetches from any https/oci repository
      --output-dir DIR          write DIR/webhook/, DIR/cmp/ and DIR/health/ (YAML +
                                kustomization.yaml) instead of printing
  -h, --help                    this help

Exit status: 0 printed or written; 1 --output-dir cannot be written; 2 a usage error.
`;

export async function run(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      component: { type: 'string', default: 'all' },
      namespace: { type: 'string', default: DEFAULT_INSTALL_VALUES.namespace },
      'argocd-namespace': { type: 'string', default: DEFAULT_INSTALL_VALUES.argocdNamespace },
      image: { type: 'string', default: DEFAULT_INSTALL_VALUES.image },
      name: { type: 'string', default: DEFAULT_INSTALL_VALUES.name },
      'timeout-seconds': { type: 'string', default: String(DEFAULT_INSTALL_VALUES.timeoutSeconds) },
      'on-chart-unavailable': { type: 'string', default: 'deny' },
      'exclude-namespace': { type: 'string', multiple: true, default: [] },
      'workload-namespace': { type: 'string', multiple: true },
      'allowed-repo': { type: 'string', multiple: true, default: [] },
      'output-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
    io, { allowPositionals: false },
  );
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const fail = (message: string) => {
    io.stderr(`error: ${message}\n`);
    return 2;
  };
  const components: Component[] = v.component === 'all' ? [...ALL_COMPONENTS] : ALL_COMPONENTS.filter((c) => c === v.component);
  if (components.length === 0) return fail(`--component must be webhook, cmp, health or all, not "${v.component}"`);
  const timeoutSeconds = Number(v['timeout-seconds']);
  // The API server allows 1-30 s; the chart deadline must leave time to render and answer.
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 2 || timeoutSeconds > 30) return fail('--timeout-seconds must be an integer from 2 to 30');
  if (v['on-chart-unavailable'] !== 'deny' && v['on-chart-unavailable'] !== 'allow') return fail('--on-chart-unavailable must be deny or allow');
  const dns = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  const workloadNamespaces = v['workload-namespace'] ?? DEFAULT_INSTALL_VALUES.workloadNamespaces;
  const labels: [string, string][] = [
    ['namespace', v.namespace],
    ['argocd-namespace', v['argocd-namespace']],
    ['name', v.name],
    ...v['exclude-namespace'].map((ns): [string, string] => ['exclude-namespace', ns]),
    ...workloadNamespaces.map((ns): [string, string] => ['workload-namespace', ns]),
  ];
  for (const [flag, value] of labels) {
    if (!dns.test(value)) return fail(`--${flag} must be a DNS-1123 label, not "${value}"`);
  }
  try {
    new RepoAllowlist(v['allowed-repo']);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const chartTimeoutMs = Math.max(1000, (timeoutSeconds - 3) * 1000);
  const values: InstallValues = {
    name: v.name,
    namespace: v.namespace,
    argocdNamespace: v['argocd-namespace'],
    image: v.image,
    timeoutSeconds,
    chartTimeoutMs,
    // The review (queue wait, fetch, render) ends a second before the API server gives up.
    reviewTimeoutMs: Math.max(chartTimeoutMs + 500, timeoutSeconds * 1000 - 1000),
    onChartUnavailable: v['on-chart-unavailable'],
    excludedNamespaces: v['exclude-namespace'],
    allowedRepos: v['allowed-repo'],
    workloadNamespaces,
  };
  const rendered = components.map((c) => [c, renderComponent(c, values)] as const);
  const outDir = v['output-dir'];
  if (!outDir) {
    const applied = rendered.flatMap(([, files]) => files.filter(([file]) => !isExample(file)).map(([, text]) => text));
    io.stdout(applied.map((t) => (t.startsWith('---') ? t : `---\n${t}`)).join(''));
    return 0;
  }
  try {
    for (const [component, files] of rendered) {
      const dir = join(outDir, OUTPUT_FOLDERS[component]);
      mkdirSync(dir, { recursive: true });
      for (const [file, text] of files) writeFileSync(join(dir, file), text);
      writeFileSync(join(dir, 'kustomization.yaml'), kustomization(component, files, values));
    }
    if (components.length === ALL_COMPONENTS.length) {
      writeFileSync(
        join(outDir, 'kustomization.yaml'),
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n# The webhook; cmp/ and health/ are kustomize Components for the kustomization that installs\n# Argo CD (docs/install.md).\nresources:\n  - webhook\n',
      );
    }
  } catch (err) {
    // an unwritable or misnamed --output-dir is the user's to fix, not an internal error
    const code = (err as NodeJS.ErrnoException).code;
    io.stderr(`error: --output-dir ${outDir} cannot be written${code ? ` (${code}${(err as NodeJS.ErrnoException).path ? ` at ${(err as NodeJS.ErrnoException).path}` : ''})` : `: ${String(err)}`}\n`);
    return 1;
  }
  io.stdout(`wrote ${rendered.map(([c, files]) => `${files.length + 1} files to ${join(outDir, OUTPUT_FOLDERS[c])}`).join(', ')}\n`);
  return 0;
}
