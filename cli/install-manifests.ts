/**
 * `dpu-gitops install-manifests`: prints (or writes) the Kubernetes manifests that install
 * the admission webhook (ValidatingWebhookConfiguration, Service, Deployment, PDB,
 * cert-manager Issuers/Certificates) and the CMP (the plugin.yaml ConfigMap and the sidecar
 * patch for argocd-repo-server, plus an example Application), rendered from the handlebars
 * templates in templates/install/. With --output-dir each component goes to its own folder
 * with a kustomization.yaml; manifests/ in the repository is that output with the defaults,
 * the single source of the install manifests.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { builtinTemplatesDir } from '../contract/messages.js';
import { RepoAllowlist } from '../plugin/chart-source/allowlist.js';
import { parseCommandArgs } from './args.js';

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
}

export type Component = 'webhook' | 'cmp';

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
};

const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

/** The folder each component is written to under --output-dir. */
export const OUTPUT_FOLDERS: Readonly<Record<Component, string>> = { webhook: 'webhook', cmp: 'cmp' };

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
    excludedNamespaces: [...SYSTEM_NAMESPACES, values.namespace, ...values.excludedNamespaces],
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

/**
 * kustomization.yaml for one component folder. The CMP is a kustomize Component: it adds the
 * plugin ConfigMap to, and patches argocd-repo-server of, the Argo CD installation that
 * includes it (a patch needs its target among the including kustomization's resources).
 */
function kustomization(component: Component, files: string[], values: InstallValues): string {
  const applied = files.filter((f) => !isExample(f));
  if (component === 'cmp') {
    const patches = applied.filter((f) => f.endsWith('-patch.yaml'));
    const resources = applied.filter((f) => !patches.includes(f));
    return [
      'apiVersion: kustomize.config.k8s.io/v1alpha1',
      'kind: Component',
      `# Include from the kustomization that installs Argo CD (namespace ${values.argocdNamespace}):`,
      '#   resources: [<the Argo CD install manifests>]',
      '#   components: [<path to this folder>]',
      'resources:',
      ...resources.map((f) => `  - ${f}`),
      'patches:',
      ...patches.map((f) => `  - path: ${f}`),
      '',
    ].join('\n');
  }
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${applied.map((f) => `  - ${f}\n`).join('')}`;
}

const USAGE = `Usage: dpu-gitops install-manifests [flags]

Prints the install manifests of the admission webhook and/or the CMP (plugin ConfigMap and
argocd-repo-server sidecar patch; --output-dir also writes an example Application).

Flags:
      --component C          webhook, cmp or all (default all)
      --namespace NS         namespace of the webhook (default ${DEFAULT_INSTALL_VALUES.namespace})
      --argocd-namespace NS  namespace of Argo CD, for the cmp patch (default ${DEFAULT_INSTALL_VALUES.argocdNamespace})
      --image IMG            container image (default ${DEFAULT_INSTALL_VALUES.image})
      --name NAME            name prefix of every object (default ${DEFAULT_INSTALL_VALUES.name})
      --timeout-seconds N    webhook timeoutSeconds, 1-30 (default ${DEFAULT_INSTALL_VALUES.timeoutSeconds})
      --on-chart-unavailable deny (default) or allow
      --exclude-namespace NS also skip this namespace (repeatable)
      --allowed-repo PATTERN a chart repository the webhook may fetch from (ArgoCD sourceRepos
                             patterns, repeatable); also set as the CMP's allowlist. Without
                             it the webhook fetches nothing (charts from /charts only) and the
                             CMP fetches from any https/oci repository
      --output-dir DIR       write DIR/webhook/ and DIR/cmp/ (YAML + kustomization.yaml) instead of printing
  -h, --help                 this help
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
    io.stderr(`Error: ${message}\n`);
    return 2;
  };
  const components: Component[] = v.component === 'all' ? ['webhook', 'cmp'] : v.component === 'webhook' || v.component === 'cmp' ? [v.component] : [];
  if (components.length === 0) return fail(`--component must be webhook, cmp or all, not "${v.component}"`);
  const timeoutSeconds = Number(v['timeout-seconds']);
  // The API server allows 1-30 s; the chart deadline must leave time to render and answer.
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 2 || timeoutSeconds > 30) return fail('--timeout-seconds must be an integer from 2 to 30');
  if (v['on-chart-unavailable'] !== 'deny' && v['on-chart-unavailable'] !== 'allow') return fail('--on-chart-unavailable must be deny or allow');
  const dns = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  for (const [flag, value] of [['namespace', v.namespace], ['argocd-namespace', v['argocd-namespace']], ['name', v.name]] as const) {
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
  };
  const rendered = components.map((c) => [c, renderComponent(c, values)] as const);
  const outDir = v['output-dir'];
  if (!outDir) {
    const applied = rendered.flatMap(([, files]) => files.filter(([file]) => !isExample(file)).map(([, text]) => text));
    io.stdout(applied.map((t) => (t.startsWith('---') ? t : `---\n${t}`)).join(''));
    return 0;
  }
  for (const [component, files] of rendered) {
    const dir = join(outDir, OUTPUT_FOLDERS[component]);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of files) writeFileSync(join(dir, file), text);
    writeFileSync(join(dir, 'kustomization.yaml'), kustomization(component, files.map(([f]) => f), values));
  }
  if (components.length === 2) {
    writeFileSync(
      join(outDir, 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n# The webhook; cmp/ is a kustomize Component for the Argo CD installation (see cmp/kustomization.yaml).\nresources:\n  - webhook\n',
    );
  }
  io.stdout(`wrote ${rendered.map(([c, files]) => `${files.length + 1} files to ${join(outDir, OUTPUT_FOLDERS[c])}`).join(', ')}\n`);
  return 0;
}
