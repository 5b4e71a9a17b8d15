/**
 * The helm-lint side of `dpu-gitops lint`: its flags (helm lint v3.17.3's), and `--format helm`,
 * which prints exactly what `helm lint` prints (stdout, the summary as `Error: ...` on stderr,
 * exit 1 when a chart failed).
 */
import { runHelmLint, type HelmLintOptions, type HelmLintRun } from '../contract/helm-lint/command.js';
import { userValues } from '../helm/chart/value-options.js';
import { parseKubeVersion, KubeVersionError } from '../helm/chart/capabilities.js';
import { chartCheckFindings, type KubeSchemaMode } from '../contract/lint/chart-checks.js';
import { collectTargets } from '../contract/lint/targets.js';
import { lintRoots } from '../contract/lint/run-lint.js';
import type { UnknownKinds } from '../contract/kube-schema/validate.js';
import type { Finding } from '../contract/types.js';

/** The flags `lint` shares with helm lint (parseArgs options). */
export const HELM_LINT_FLAGS = {
  strict: { type: 'boolean' as const, default: false },
  'with-subcharts': { type: 'boolean' as const, default: false },
  quiet: { type: 'boolean' as const, default: false },
  'skip-schema-validation': { type: 'boolean' as const, default: false },
  'kube-version': { type: 'string' as const, default: '' },
  values: { type: 'string' as const, short: 'f', multiple: true as const, default: [] as string[] },
  set: { type: 'string' as const, multiple: true as const, default: [] as string[] },
  'set-string': { type: 'string' as const, multiple: true as const, default: [] as string[] },
  'set-json': { type: 'string' as const, multiple: true as const, default: [] as string[] },
  'set-file': { type: 'string' as const, multiple: true as const, default: [] as string[] },
  'set-literal': { type: 'string' as const, multiple: true as const, default: [] as string[] },
  'kube-schema': { type: 'string' as const, default: 'strict' },
  'unknown-kinds': { type: 'string' as const, default: 'warning' },
};

export const HELM_LINT_USAGE = `helm lint flags (charts are also checked as helm lint v3.17.3 does):
      --strict                  helm lint warnings fail the chart
      --with-subcharts          also lint every chart under each chart's charts/
      --quiet                   (--format helm) print only charts with warnings or errors
      --kube-version VERSION    Kubernetes version for capabilities and deprecation checks (default v1.32.0)
      --skip-schema-validation  do not check values against values.schema.json
  -f, --values FILE             values file (repeatable)
      --set, --set-string, --set-json, --set-file, --set-literal K=V   values as helm takes them
Kubernetes schema checks of everything a chart renders (as kubeconform does):
      --kube-schema MODE        strict (default: unknown fields are errors), loose, or off
      --unknown-kinds LEVEL     kinds without a schema: warning (default), error, or ignore
`;

export interface HelmLintFlagValues {
  strict: boolean;
  'with-subcharts': boolean;
  quiet: boolean;
  'skip-schema-validation': boolean;
  'kube-version': string;
  values: string[];
  set: string[];
  'set-string': string[];
  'set-json': string[];
  'set-file': string[];
  'set-literal': string[];
  'kube-schema': string;
  'unknown-kinds': string;
}

/** The options for runHelmLint from the flags; an Error with helm's message when values or the version are bad. */
export function helmLintOptions(flags: HelmLintFlagValues, paths: readonly string[], namespace: string, log: (line: string) => void, repoRoot?: string): HelmLintOptions {
  if (flags['kube-version'] !== '') {
    const parsed = parseKubeVersion(flags['kube-version']);
    if (parsed instanceof KubeVersionError) throw parsed;
  }
  return {
    paths,
    values: userValues({
      valueFiles: flags.values,
      set: flags.set,
      setString: flags['set-string'],
      setJson: flags['set-json'],
      setFile: flags['set-file'],
      setLiteral: flags['set-literal'],
    }),
    namespace,
    kubeVersion: flags['kube-version'],
    strict: flags.strict,
    withSubcharts: flags['with-subcharts'],
    quiet: flags.quiet,
    skipSchemaValidation: flags['skip-schema-validation'],
    log,
    // As everywhere in lint: nothing read may resolve outside the repository through a symlink.
    confine: lintRoots(repoRoot),
  };
}

/** `--format helm`: helm lint's output and exit status. */
export function runHelmFormat(
  flags: HelmLintFlagValues & { 'repo-root'?: string | undefined },
  paths: readonly string[],
  namespace: string,
  io: { stdout(s: string): void; stderr(s: string): void },
): number {
  let run: HelmLintRun;
  try {
    run = runHelmLint(helmLintOptions(flags, paths, namespace, (line) => io.stderr(line), flags['repo-root']));
  } catch (e) {
    io.stderr(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  io.stdout(run.stdout);
  if (run.stderr !== '') io.stderr(run.stderr);
  return run.exitCode;
}

/** A usage error in the schema flags, or undefined. */
export function schemaFlagError(flags: HelmLintFlagValues): string | undefined {
  if (!['strict', 'loose', 'off'].includes(flags['kube-schema'])) return `--kube-schema must be strict, loose or off, not "${flags['kube-schema']}"`;
  if (!['error', 'warning', 'ignore'].includes(flags['unknown-kinds'])) return `--unknown-kinds must be error, warning or ignore, not "${flags['unknown-kinds']}"`;
  return undefined;
}

/**
 * The helm-lint and kube-schema findings for the charts among `paths` (human and json output).
 * Throws Error with helm's message when values or --kube-version are bad.
 */
export function chartChecks(flags: HelmLintFlagValues & { 'repo-root'?: string | undefined }, paths: readonly string[], namespace: string): Finding[] {
  const charts = collectTargets(paths).charts;
  if (charts.length === 0) return [];
  const { paths: _paths, quiet: _quiet, ...opts } = helmLintOptions(flags, charts, namespace, () => {}, flags['repo-root']);
  return chartCheckFindings(charts, { ...opts, kubeSchema: flags['kube-schema'] as KubeSchemaMode, unknownKinds: flags['unknown-kinds'] as UnknownKinds });
}
