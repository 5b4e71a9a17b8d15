/**
 * `dpu-gitops lint PATH...`: the DPF contract rules over charts (directories or .tgz),
 * DPUService files, NICo extension-service files and whole repositories, as CI or a git
 * pre-push hook runs them. Exit 0 when clean or only warnings, 1 on any error, 2 on bad usage.
 */
import { MessageCatalog, MessageTemplateError, RULE_IDS, type RuleId } from '../contract/index.js';
import { formatHuman, formatJson, sortViolations, summarize } from '../contract/lint/format.js';
import { DEFAULT_LINT_RELEASE, runLint } from '../contract/lint/run-lint.js';
import { LintInputError } from '../contract/lint/targets.js';
import type { RenderFn } from '../contract/chart.js';
import type { Finding } from '../contract/types.js';
import { parseCommandArgs } from './args.js';
import { chartChecks, HELM_LINT_FLAGS, HELM_LINT_USAGE, runHelmFormat, schemaFlagError } from './lint-helm.js';

const USAGE = `Usage: dpu-gitops lint [flags] PATH...

Checks charts (directories or .tgz), DPUService files, NICo extension-service files and whole
repositories against the DPF contract rules.

Flags:
  -o, --output FORMAT     human (default), json, or helm: exactly what helm lint prints (charts only)
      --format FORMAT     the same as --output
      --chart-dir DIR     more charts for DPUService sources (repeatable; never downloads)
      --release-name NAME release name for charts linted on their own (default ${DEFAULT_LINT_RELEASE})
      --namespace NS      namespace for charts linted on their own (default "default")
      --cluster NAME      cluster in DPF's default release name <cluster>-<dpuservice> (default in-cluster)
      --doca-version V    DOCA version for DPUDeployments whose BFB is not among the PATHs
      --messages DIR      message templates overriding templates/ (messages/, fixes/, layouts/)
      --disable RULE      skip a rule (repeatable)
      --no-render         static chart rules only (do not render charts)
      --repo-root DIR     nothing read may resolve outside DIR through a symlink (default: each
                          path's git work tree, else the path itself)
  -h, --help              this help

${HELM_LINT_USAGE}
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or input error.
`;

/** The CLI entry for `lint`. */
export async function run(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      output: { type: 'string', short: 'o', default: 'human' },
      format: { type: 'string' },
      ...HELM_LINT_FLAGS,
      'chart-dir': { type: 'string', multiple: true, default: [] },
      'release-name': { type: 'string', default: DEFAULT_LINT_RELEASE },
      namespace: { type: 'string', default: 'default' },
      cluster: { type: 'string', default: 'in-cluster' },
      'doca-version': { type: 'string' },
      messages: { type: 'string' },
      disable: { type: 'string', multiple: true, default: [] },
      'no-render': { type: 'boolean', default: false },
      'repo-root': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? values.output;
  if (format !== 'human' && format !== 'json' && format !== 'helm') {
    io.stderr(`Error: --output must be human, json or helm, not "${format}"\n`);
    return 2;
  }
  if (format === 'helm') return runHelmFormat(values, positionals, values.namespace, io);
  const schemaFlags = schemaFlagError(values);
  if (schemaFlags !== undefined) {
    io.stderr(`Error: ${schemaFlags}\n`);
    return 2;
  }
  if (positionals.length === 0) {
    io.stderr(`Error: lint needs at least one PATH\n\n${USAGE}`);
    return 2;
  }
  const unknownRules = values.disable.filter((r) => !(RULE_IDS as readonly string[]).includes(r));
  if (unknownRules.length > 0) {
    io.stderr(`Error: unknown rule ${unknownRules.map((r) => `"${r}"`).join(', ')} (rules: ${RULE_IDS.join(', ')})\n`);
    return 2;
  }
  let catalog: MessageCatalog;
  try {
    catalog = MessageCatalog.load(values.messages ? { overrideDir: values.messages } : {});
  } catch (err) {
    io.stderr(`Error: ${err instanceof MessageTemplateError ? err.message : String(err)}\n`);
    return 2;
  }
  let render: RenderFn | undefined;
  if (!values['no-render']) render = (await import('../contract/render-helm.js')).renderWithHelm;
  try {
    const result = runLint({
      paths: positionals,
      chartDirs: values['chart-dir'],
      releaseName: values['release-name'],
      namespace: values.namespace,
      cluster: values.cluster,
      ...(values['doca-version'] ? { docaVersion: values['doca-version'].trim() } : {}),
      disabled: new Set(values.disable as RuleId[]),
      ...(render ? { render } : {}),
      ...(values['repo-root'] !== undefined ? { repoRoot: values['repo-root'] } : {}),
    });
    // helm lint's findings and Kubernetes schema checks of what each chart renders.
    let chartFindings: Finding[] = [];
    try {
      if (!values['no-render']) chartFindings = chartChecks(values, positionals, values.namespace).filter((f) => !values.disable.includes(f.rule));
    } catch (err) {
      io.stderr(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
    const violations = sortViolations(catalog.renderAll([...result.findings, ...chartFindings]));
    const summary = summarize(violations, result.files, result.charts);
    io.stdout(format === 'json' ? formatJson(violations, summary) : formatHuman(violations, summary));
    return summary.errors > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof LintInputError) {
      io.stderr(`Error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
