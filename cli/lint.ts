/**
 * `dpu-gitops lint PATH...`: the DPF contract rules over charts (directories or .tgz),
 * DPUService files, NICo extension-service files and whole repositories, as CI or a git
 * pre-push hook runs them. Each PATH reads the repository config that applies to it
 * (cli/lint-config.ts); paths under different configs are linted apart and reported together.
 * Exit 0 when clean or only warnings, 1 on any error, 2 on bad usage or input.
 */
import { settleFindings } from '../config/rules.js';
import { MessageCatalog, MessageTemplateError } from '../contract/index.js';
import { formatHuman, formatJson, sortViolations, summarize } from '../contract/lint/format.js';
import { DEFAULT_LINT_RELEASE, runLint } from '../contract/lint/run-lint.js';
import { LintInputError } from '../contract/lint/targets.js';
import type { RenderFn } from '../contract/chart.js';
import type { Finding } from '../contract/types.js';
import { parseCommandArgs } from './args.js';
import { CONFIG_FLAGS, CONFIG_FLAGS_USAGE, configChoice, reportSetupError } from './command-config.js';
import { LOG_FORMAT_FLAG, logFormatUsage, openReporter, usageError } from './command-report.js';
import { lintGroups } from './lint-config.js';
import { chartChecks, HELM_LINT_FLAGS, HELM_LINT_USAGE, runHelmFormat, schemaFlagError } from './lint-helm.js';

const USAGE = `Usage: dpu-gitops lint [flags] PATH...

Checks charts (directories or .tgz), DPUService files, NICo extension-service files and whole
repositories against the DPF contract rules. The report goes to stdout; stderr has what stopped
a run and ends with a summary line (files, charts, warnings, errors, seconds).

Repository config (docs/config.md): for each PATH the nearest dpu-gitops.yaml in it (a file: in
its directory) or above it, up to the repository root (--repo-root, else the git work tree).
PATHs under different config files are linted apart, each with its own, and reported together.
lint takes cluster, chart-paths and vendor-dir (more chart sources, as --chart-dir), doca-version,
kube-version (the helm lint flag's default) and rules (disable, severity) from it; flags beat
the config, --disable adds to rules.disable. --format helm reads no config (helm lint's output).
One object's findings are settled with its annotation dpu-gitops.nvidia.com/disable: RULE[,RULE]
(on a DPUService or DPUDeployment: also everything its chart renders).

Flags:
  -o, --output FORMAT     human (default), json, or helm: exactly what helm lint prints (charts only)
      --format FORMAT     the same as --output
      --chart-dir DIR     more charts for DPUService sources (repeatable; never downloads)
      --release-name NAME release name for charts linted on their own (default ${DEFAULT_LINT_RELEASE})
      --namespace NS      namespace for charts linted on their own (default "default")
      --cluster NAME      cluster in DPF's default release name <cluster>-<dpuservice> (default: the
                          config's cluster, else in-cluster)
      --doca-version V    DOCA version for DPUDeployments whose BFB is not among the PATHs
      --messages DIR      message templates overriding templates/ (messages/, fixes/, layouts/)
      --disable RULE      skip a rule (repeatable; adds to the config's rules.disable)
      --no-render         static chart rules only (do not render charts)
      --repo-root DIR     nothing read may resolve outside DIR through a symlink, and config
                          discovery stops there (default: each path's git work tree, else the
                          path itself)
${CONFIG_FLAGS_USAGE}
${logFormatUsage(26)}
  -h, --help              this help

${HELM_LINT_USAGE}
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or input error (a PATH, a
flag's path or a config file with problems: each named on stderr).
`;

/** The CLI entry for `lint`. */
export async function run(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }): Promise<number> {
  // PATHs and --chart-dir folders are read relative to the process's directory, as given.
  const cwd = process.cwd();
  const parsed = parseCommandArgs(
    argv,
    {
      output: { type: 'string', short: 'o', default: 'human' },
      format: { type: 'string' },
      ...HELM_LINT_FLAGS,
      'chart-dir': { type: 'string', multiple: true, default: [] },
      'release-name': { type: 'string', default: DEFAULT_LINT_RELEASE },
      namespace: { type: 'string', default: 'default' },
      cluster: { type: 'string' },
      'doca-version': { type: 'string' },
      messages: { type: 'string' },
      disable: { type: 'string', multiple: true, default: [] },
      'no-render': { type: 'boolean', default: false },
      'repo-root': { type: 'string' },
      ...CONFIG_FLAGS,
      ...LOG_FORMAT_FLAG,
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const started = performance.now();
  const { report, badFormat } = openReporter('lint', values['log-format'], process.env, io.stderr);
  if (badFormat !== undefined) return usageError(report, badFormat, USAGE, io.stderr);
  const format = values.format ?? values.output;
  if (format !== 'human' && format !== 'json' && format !== 'helm') {
    report.error(`--output must be human, json or helm, not "${format}"`);
    return 2;
  }
  // helm lint's own output, stderr included (its `Error: ...` summary line is helm's).
  if (format === 'helm') return runHelmFormat(values, positionals, values.namespace, io);
  const schemaFlags = schemaFlagError(values);
  if (schemaFlags !== undefined) {
    report.error(schemaFlags);
    return 2;
  }
  if (positionals.length === 0) return usageError(report, 'lint needs at least one PATH', USAGE, io.stderr);
  const choice = configChoice(values, cwd, values['repo-root']);
  if (typeof choice === 'string') return usageError(report, choice, USAGE, io.stderr);
  let catalog: MessageCatalog;
  try {
    catalog = MessageCatalog.load(values.messages ? { overrideDir: values.messages } : {});
  } catch (err) {
    report.error(err instanceof MessageTemplateError ? err.message : String(err));
    return 2;
  }
  let groups;
  try {
    groups = lintGroups(positionals, values, choice);
  } catch (err) {
    if (!reportSetupError(report, err)) throw err;
    return 2;
  }
  let render: RenderFn | undefined;
  if (!values['no-render']) render = (await import('../contract/render-helm.js')).renderWithHelm;
  const findings: Finding[] = [];
  let files = 0;
  let charts = 0;
  try {
    for (const group of groups) {
      const result = runLint({
        paths: group.paths,
        chartDirs: group.chartDirs,
        releaseName: values['release-name'],
        namespace: values.namespace,
        cluster: group.cluster,
        ...(group.docaVersion ? { docaVersion: group.docaVersion } : {}),
        rules: group.rules,
        ...(render ? { render } : {}),
        ...(values['repo-root'] !== undefined ? { repoRoot: values['repo-root'] } : {}),
      });
      findings.push(...result.findings);
      files += result.files;
      charts += result.charts;
      // helm lint's findings and Kubernetes schema checks of what each chart renders.
      try {
        if (!values['no-render']) findings.push(...settleFindings(chartChecks({ ...values, 'kube-version': group.kubeVersion }, group.paths, values.namespace), group.rules));
      } catch (err) {
        report.error(err instanceof Error ? err.message : String(err));
        return 2;
      }
    }
  } catch (err) {
    if (err instanceof LintInputError) {
      report.error(err.message);
      return 2;
    }
    throw err;
  }
  const violations = sortViolations(catalog.renderAll(findings));
  const summary = summarize(violations, files, charts);
  // The findings are the report on stdout; stderr ends with the run's summary line.
  io.stdout(format === 'json' ? formatJson(violations, summary) : formatHuman(violations, summary));
  report.summary(
    [
      { key: 'files', label: 'files', count: summary.files },
      { key: 'charts', label: 'charts', count: summary.charts },
      { key: 'warnings', label: 'warnings', count: summary.warnings },
      { key: 'errors', label: 'errors', count: summary.errors },
    ],
    performance.now() - started,
  );
  return summary.errors > 0 ? 1 : 0;
}
