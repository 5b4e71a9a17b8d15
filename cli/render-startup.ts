/**
 * `dpu-gitops render-startup TEMPLATE (--context FILE.yaml | --shards STREAM.yaml --dpu NODE)`:
 * renders one startup template (what `configuration.startupYAMLJ2` holds) for one DPU context
 * with the engine the pipeline uses (plugin/per-dpu: Jinja2 with StrictUndefined, sandboxed and
 * bounded) and prints the result byte for byte (Jinja2 drops the final newline, so does this).
 * The context is a file, or the `<node>.context.json` entry of a DPU in startup shards (a
 * generate stream or `kubectl get configmap -o yaml`). The output must parse as YAML, as in the
 * pipeline. The repository config of the template's directory gives the default render mode.
 * Exit 0 rendered, 1 render/context error, 2 usage error, a missing file or a bad config.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseUserDocuments } from '../dpf/yaml-input.js';
import type { RenderModeName } from '../plugin/per-dpu/jinja/index.js';
import { RenderModeError, renderModeOf } from '../plugin/per-dpu/render-mode.js';
import { findShardEntries } from '../plugin/per-dpu/shard-lookup.js';
import { loadYaml11, Yaml11Error } from '../plugin/per-dpu/yaml11.js';
import { compileStartupTemplate, renderStartupConfig, renderStartupText, StartupTemplateError } from '../plugin/per-dpu/startup-template.js';
import { decodeStartupContext, loadStartupContextFile, StartupContextError } from '../plugin/per-dpu/startup-context.js';
import type { StartupContext } from '../plugin/per-dpu/startup-template.js';
import { parseCommandArgs } from './args.js';
import { LOG_FORMAT_FLAG, logFormatUsage, openReporter, usageError } from './command-report.js';
import { CONFIG_FLAGS, checkNamedPath, configChoice, configFor, reportSetupError } from './command-config.js';

export const RENDER_STARTUP_USAGE = `Usage: dpu-gitops render-startup TEMPLATE (--context FILE.yaml | --shards STREAM.yaml --dpu NODE) [flags]

Renders one startup template for one DPU with the pipeline's Jinja2 engine, and prints it
exactly (no newline added). TEMPLATE is a template file (- for stdin), or a DPUService YAML file
whose spec.helmChart.values.configuration.startupYAMLJ2 is rendered (lines count in that text).

The context file holds the template's variables, read as the DPU's Python reads YAML:
  hostname: worker1-0000-08-00
  config: {bgp_autonomous_system: 65112}       # merged perDPUValuesYAML values
  ipaddresses:
    ip_lo: {ip: 11.0.0.7, cidr: 11.0.0.7/32, prefixlen: 32, gateway: ''}

Or the context generate stored for a DPU: --shards names a file holding startup shards
(generate's output, or kubectl get configmap -o yaml), --dpu the DPU node whose
<node>.context.json entry is used.

Flags:
  -c, --context FILE   the context file
      --shards FILE    startup shards to take the context from (with --dpu)
      --dpu NODE       the DPU node name in the shards
      --mode MODE      strict (StrictUndefined, no autoescape) or dpf (DPF's guideline
                       renderer: autoescape, lenient Undefined); default: the DPUService's
                       dpu-gitops.nvidia.com/startup-render-mode annotation, else strict
      --no-yaml-check  print the output even if it does not parse as YAML
      --config FILE    read this repository config instead of looking for dpu-gitops.yaml
      --no-config      read no repository config
${logFormatUsage(23)}
  -h, --help           this help

Repository config (docs/config.md): the nearest dpu-gitops.yaml in TEMPLATE's directory (stdin:
the current directory) or above it, up to the git work tree's root. Only startup-render-mode
applies: the mode when neither --mode nor the DPUService's annotation says (the order generate
uses). The context comes from --context or --shards, never from the config's inventory.

Exit status: 0 rendered, 1 template or context error (the message names line and variable),
2 usage error, a named file that does not exist, or a config file with problems.
`;

/** One line naming where the template failed: FILE:LINE: [DPU h] detail. */
export function describeStartupError(e: StartupTemplateError, templateName: string): string {
  const where = e.line !== undefined ? `${templateName}:${e.line}` : templateName;
  const variable = e.variable !== undefined && !e.detail.includes(`'${e.variable}'`) ? ` (variable '${e.variable}')` : '';
  return `${where}: ${e.kind}: ${e.detail}${variable}${e.dpu !== undefined ? ` [DPU ${e.dpu}]` : ''}`;
}

export async function run(argv: string[], io: { stdout(s: string): void; stderr(s: string): void }, ctx: { cwd?: string } = {}): Promise<number> {
  const cwd = ctx.cwd ?? process.cwd();
  const parsed = parseCommandArgs(
    argv,
    {
      context: { type: 'string', short: 'c' },
      shards: { type: 'string' },
      dpu: { type: 'string' },
      mode: { type: 'string' },
      'no-yaml-check': { type: 'boolean', default: false },
      ...CONFIG_FLAGS,
      ...LOG_FORMAT_FLAG,
      help: { type: 'boolean', short: 'h', default: false },
    },
    RENDER_STARTUP_USAGE,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const { report, badFormat } = openReporter('render-startup', values['log-format'], process.env, io.stderr);
  const usage = (m: string): 2 => usageError(report, m, RENDER_STARTUP_USAGE, io.stderr);
  if (badFormat !== undefined) return usage(badFormat);
  const fromShards = values.shards !== undefined || values.dpu !== undefined;
  if (positionals.length !== 1 || (values.context === undefined) === !fromShards || (fromShards && (values.shards === undefined || values.dpu === undefined))) {
    return usage('render-startup needs one TEMPLATE and either --context FILE or --shards FILE with --dpu NODE');
  }
  if (values.mode !== undefined && values.mode !== 'strict' && values.mode !== 'dpf') {
    return usage(`--mode must be strict or dpf, not ${JSON.stringify(values.mode)}`);
  }
  const choice = configChoice(values, cwd);
  if (typeof choice === 'string') {
    return usage(choice);
  }
  const templatePath = positionals[0]!;
  let configMode: RenderModeName | undefined;
  try {
    if (templatePath !== '-') checkNamedPath('TEMPLATE', resolve(cwd, templatePath), 'file', cwd);
    if (values.context !== undefined) checkNamedPath('--context', resolve(cwd, values.context), 'file', cwd);
    if (values.shards !== undefined) checkNamedPath('--shards', resolve(cwd, values.shards), 'file', cwd);
    configMode = configFor(templatePath === '-' ? '.' : templatePath, choice)?.startupRenderMode;
  } catch (err) {
    if (!reportSetupError(report, err)) throw err;
    return 2;
  }
  let source: string;
  try {
    source = readFileSync(templatePath === '-' ? 0 : resolve(cwd, templatePath), 'utf8');
  } catch (err) {
    report.error(`cannot read template ${templatePath}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  let name = templatePath === '-' ? '<stdin>' : templatePath;
  const found = /\.ya?ml$/i.test(templatePath) ? startupTemplateOfDpuService(source) : undefined;
  if (found !== undefined && 'missing' in found) {
    // A DPUService file without a template: rendering the file itself as Jinja would echo it.
    report.error(`${templatePath}: ${found.missing} has no spec.helmChart.values.configuration.startupYAMLJ2 string: nothing to render (add one, or give the template file itself)`);
    return 1;
  }
  const embedded = found;
  // --mode, else the DPUService's annotation, else the config's startup-render-mode, else strict.
  let mode: RenderModeName = (values.mode as RenderModeName | undefined) ?? configMode ?? 'strict';
  if (embedded !== undefined) {
    source = embedded.template;
    name = `${templatePath} (startupYAMLJ2)`;
    if (values.mode === undefined) {
      try {
        mode = renderModeOf(embedded.object, configMode ?? 'strict');
      } catch (e) {
        if (!(e instanceof RenderModeError)) throw e;
        report.error(`${templatePath}: ${e.message}`);
        return 1;
      }
    }
  }
  try {
    const context = values.context !== undefined ? loadStartupContextFile(resolve(cwd, values.context)) : contextFromShards(resolve(cwd, values.shards!), values.dpu!);
    const template = compileStartupTemplate(source, undefined, mode);
    io.stdout(values['no-yaml-check'] ? renderStartupText(template, context, context.hostname) : renderStartupConfig(template, context, context.hostname));
    return 0;
  } catch (err) {
    if (err instanceof StartupTemplateError) report.error(describeStartupError(err, name));
    else if (err instanceof StartupContextError) report.error(err.message);
    else throw err;
    return 1;
  }
}


/**
 * The startupYAMLJ2 of the first DPUService in a YAML file that has one, with that object; or, when
 * the file holds DPUServices and none has one, the first of them (`missing`); undefined when the
 * file holds no DPUService (it is a template file).
 */
function startupTemplateOfDpuService(text: string): { template: string; object: unknown } | { missing: string } | undefined {
  let docs;
  try {
    docs = parseUserDocuments(text);
  } catch {
    return undefined;
  }
  let first: string | undefined;
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length) return undefined;
    const o = d.toJS() as { kind?: unknown; apiVersion?: unknown; metadata?: { name?: unknown; namespace?: unknown }; spec?: { helmChart?: { values?: { configuration?: { startupYAMLJ2?: unknown } } } } } | null;
    if (o?.kind !== 'DPUService' || typeof o.apiVersion !== 'string' || !o.apiVersion.startsWith('svc.dpu.nvidia.com/')) continue;
    const tpl = o.spec?.helmChart?.values?.configuration?.startupYAMLJ2;
    if (typeof tpl === 'string') return { template: tpl, object: o };
    first ??= `DPUService ${String(o.metadata?.namespace ?? '')}/${String(o.metadata?.name ?? '')}`;
  }
  return first !== undefined ? { missing: first } : undefined;
}

/** The context stored for `dpu` in the startup shards of `file`; StartupContextError if absent or ambiguous. */
function contextFromShards(file: string, dpu: string): StartupContext {
  let objects: unknown[];
  try {
    objects = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as unknown);
  } catch (err) {
    throw new StartupContextError(file, [`cannot read the shards: ${err instanceof Error ? err.message : String(err)}`]);
  }
  const entries = findShardEntries(objects, dpu).filter((e) => e.context !== undefined);
  if (entries.length === 0) throw new StartupContextError(file, [`no ConfigMap holds ${dpu}.context.json: DPU '${dpu}' is in none of these startup shards`]);
  if (entries.length > 1) throw new StartupContextError(file, [`${entries.length} ConfigMaps hold ${dpu}.context.json (${entries.map((e) => e.configMap).join(', ')}): keep one service's shards in the file`]);
  const source = `${file} (${entries[0]!.configMap} ${dpu}.context.json)`;
  try {
    return decodeStartupContext(loadYaml11(entries[0]!.context!), source);
  } catch (e) {
    if (e instanceof Yaml11Error) throw new StartupContextError(source, [`not JSON: ${e.message}`]);
    throw e;
  }
}
