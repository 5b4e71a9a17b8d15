/**
 * `helm template` after flag parsing (helm v3.17.3 cmd/helm/template.go RunE and
 * cmd/helm/install.go runInstall): the steps in helm's order, each failure with helm's text.
 * The CLI (cli/template.ts) parses flags and prints; this module decides what is printed.
 */
import { resolve } from 'node:path';
import type { GoMap } from '../template/index.js';
import { defaultCapabilities, KubeVersionError, type CapabilitiesStruct } from '../chart/capabilities.js';
import { loadChartSync } from '../chart/load.js';
import type { Chart } from '../chart/types.js';
import { userValues, type ValueFlags } from '../chart/value-options.js';
import { missingDependencies, ReleaseError, renderRelease } from './release.js';
import { ShowOnlyError, templateOutput } from './output.js';
import { logLine } from './log-lines.js';
import { locateLocalChart } from './locate-chart.js';
import { checkIfInstallable } from '../chart/install-checks.js';

/** The `helm template` inputs this renderer honours. */
export interface TemplateCommandOptions extends ValueFlags {
  /** Positional arguments: `[NAME] CHART`. */
  args: readonly string[];
  namespace: string;
  includeCrds: boolean;
  skipTests: boolean;
  noHooks: boolean;
  isUpgrade: boolean;
  skipSchemaValidation: boolean;
  subNotes: boolean;
  /** `--kube-version`, "" when not given. */
  kubeVersion: string;
  apiVersions: readonly string[];
  showOnly: readonly string[];
  /** `--generate-name`/`-g` (helm template still names the release `release-name`). */
  generateName?: boolean;
  /**
   * The working directory relative paths (CHART, `-f`, `--set-file`) are taken from; default the
   * process's. The render server runs `template` for a client in another directory.
   */
  cwd?: string;
}

/** What `helm template` prints, and its error (the text after `Error: `), if any. */
export interface TemplateCommandResult {
  stdout: string;
  /** Warning lines, each ending in a newline. */
  stderr: string;
  error?: string;
  /**
   * The JavaScript stack ran out (templates nesting `include` hundreds of levels deep, which Go
   * handles): the result is unusable and the command should be re-run with a larger stack.
   */
  stackOverflow?: boolean;
}

const DEBUG_HINT = '\n\nUse --debug flag to render out invalid YAML';

/** The default release name of `helm template` with one positional argument. */
export const DEFAULT_RELEASE_NAME = 'release-name';

/** Runs `helm template` on local files (paths relative to the working directory, or opts.cwd). */
export function renderTemplateCommand(opts: TemplateCommandOptions): TemplateCommandResult {
  const lines: string[] = [];
  const log = (line: string): void => void lines.push(line);
  try {
    return { stdout: run(opts, log), stderr: lines.join('') };
  } catch (e) {
    if (causedByStackOverflow(e)) return { stdout: '', stderr: '', stackOverflow: true };
    if (e instanceof CommandError) return { stdout: '', stderr: lines.join(''), error: e.message };
    throw e;
  }
}

/** Whether a RangeError for stack exhaustion is anywhere in the error's cause chain. */
function causedByStackOverflow(e: unknown): boolean {
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 10_000; c = c.cause, depth++) {
    if (c instanceof RangeError && /call stack/i.test(c.message)) return true;
  }
  return false;
}

class CommandError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

function run(opts: TemplateCommandOptions, log: (line: string) => void): string {
  let capabilities: CapabilitiesStruct;
  try {
    capabilities = defaultCapabilities(opts.kubeVersion, opts.apiVersions);
  } catch (e) {
    if (e instanceof KubeVersionError) throw new CommandError(e.message);
    throw e;
  }

  const [name, chartArg] = nameAndChart(opts);
  let chartPath: string;
  try {
    chartPath = resolve(opts.cwd ?? process.cwd(), locateLocalChart(chartArg, opts.cwd));
  } catch (e) {
    throw new CommandError(messageOf(e));
  }

  const values = commandValues(opts);
  const chart = loadChart(chartPath, log);
  const notInstallable = checkIfInstallable(chart);
  if (notInstallable !== undefined) throw new CommandError(notInstallable.message);
  if (chart.metadata.deprecated) log('WARNING: This chart is deprecated\n');
  if (chart.metadata.dependencies !== undefined) {
    const missing = missingDependencies(chart);
    if (missing !== undefined) throw new CommandError(missing);
  }

  let manifest: string;
  let hooks;
  try {
    const rel = renderRelease(chart, values, {
      releaseName: name,
      namespace: opts.namespace,
      isUpgrade: opts.isUpgrade,
      capabilities,
      skipSchemaValidation: opts.skipSchemaValidation,
      includeCrds: opts.includeCrds,
      subNotes: opts.subNotes,
      log,
    });
    manifest = rel.manifest;
    hooks = rel.hooks;
  } catch (e) {
    if (e instanceof ReleaseError) throw new CommandError(e.afterRender ? e.message + DEBUG_HINT : e.message, e);
    throw e;
  }

  try {
    return templateOutput(manifest, hooks, { noHooks: opts.noHooks, skipTests: opts.skipTests, showOnly: opts.showOnly });
  } catch (e) {
    if (e instanceof ShowOnlyError) throw new CommandError(e.message);
    throw e;
  }
}

/** Install.NameAndChart as `helm template` configures it (ReleaseName preset to `release-name`). */
function nameAndChart(opts: TemplateCommandOptions): [string, string] {
  const args = opts.args;
  if (args.length > 2) {
    throw new CommandError(`expected at most two arguments, unexpected arguments: ${args.slice(2).join(', ')}`);
  }
  if (args.length === 2) {
    if (opts.generateName) throw new CommandError('cannot set --generate-name and also specify a name');
    return [args[0] as string, args[1] as string];
  }
  return [DEFAULT_RELEASE_NAME, args[0] as string];
}

/** The user values, with a failure as the command's error (helm's text). */
function commandValues(opts: TemplateCommandOptions): GoMap {
  try {
    return userValues(opts, opts.cwd);
  } catch (e) {
    throw new CommandError(messageOf(e));
  }
}

function loadChart(path: string, log: (line: string) => void): Chart {
  try {
    return loadChartSync(path, (message) => log(logLine(message)));
  } catch (e) {
    throw new CommandError(messageOf(e));
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
