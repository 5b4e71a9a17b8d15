/**
 * `dpu-gitops template [NAME] CHART [flags]`: helm v3.17.3's `helm template`, without helm.
 * Same arguments, same stdout byte for byte, same `Error: ...` lines and exit codes
 * (cmd/helm/template.go, cmd/helm/install.go runInstall, pkg/action/install.go). Flags follow
 * spf13/pflag's rules (`--f=v`, `--f v`, `-fv`, `-f=v`, `--bool=false`, `--` ends flags);
 * only the flags that change rendering are accepted.
 */
import type { CliIO } from './io.js';
import { renderTemplateCommand, type TemplateCommandOptions } from '../helm/render/template-command.js';
import { renderTemplateCommandDeep } from '../helm/render/deep-stack.js';

type FlagKind = 'string' | 'bool' | 'stringArray' | 'stringSlice';

interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** pflag NoOptDefVal: the value when the flag is given without `=value`. */
  noOptDefault?: string;
}

/** The flags of `helm template` this command implements. */
const FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'values', short: 'f', kind: 'stringSlice' },
  { name: 'set', kind: 'stringArray' },
  { name: 'set-string', kind: 'stringArray' },
  { name: 'set-json', kind: 'stringArray' },
  { name: 'set-file', kind: 'stringArray' },
  { name: 'set-literal', kind: 'stringArray' },
  { name: 'include-crds', kind: 'bool' },
  { name: 'skip-tests', kind: 'bool' },
  { name: 'no-hooks', kind: 'bool' },
  { name: 'is-upgrade', kind: 'bool' },
  { name: 'skip-schema-validation', kind: 'bool' },
  { name: 'render-subchart-notes', kind: 'bool' },
  { name: 'kube-version', kind: 'string' },
  { name: 'api-versions', short: 'a', kind: 'stringSlice' },
  { name: 'show-only', short: 's', kind: 'stringArray' },
  { name: 'generate-name', short: 'g', kind: 'bool' },
  // Ours: `--release-name NAME` names the release (an alternative to `template NAME CHART`).
  // helm's flag of this name is a boolean that only matters with --output-dir, which this
  // command does not offer, so giving it a value loses nothing helm users rely on.
  { name: 'release-name', kind: 'string' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'client' },
  { name: 'help', short: 'h', kind: 'bool' },
];

/** The flags (`--long` and `-s`) the command accepts, to hold its help against. */
export function templateFlagsAccepted(): string[] {
  return FLAGS.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]).sort();
}

const USAGE_LINE = 'Usage:  helm template [NAME] [CHART] [flags]';

/** A command-line error, printed as cobra does: `Error: MESSAGE`. */
class UsageError extends Error {}

interface ParsedFlags {
  positional: string[];
  values: Map<string, string[]>;
}

/** pflag's ParseBool. */
function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** A StringSlice value: encoding/csv fields of one line (quotes allowed). */
function csvFields(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

function setFlag(flags: ParsedFlags, spec: FlagSpec, value: string, display: string): void {
  const list = flags.values.get(spec.name) ?? [];
  if (spec.kind === 'bool') {
    const b = parseBool(value);
    if (b === undefined) {
      throw new UsageError(`invalid argument "${value}" for "${display}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
    }
    flags.values.set(spec.name, [String(b)]);
    return;
  }
  if (spec.kind === 'string') flags.values.set(spec.name, [value]);
  else if (spec.kind === 'stringSlice') flags.values.set(spec.name, [...list, ...csvFields(value)]);
  else flags.values.set(spec.name, [...list, value]);
}

/** pflag's parsing of the arguments after `template`. Throws UsageError. */
function parseFlags(argv: readonly string[]): ParsedFlags {
  const flags: ParsedFlags = { positional: [], values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      flags.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = FLAGS.find((f) => f.name === name);
      if (spec === undefined) throw new UsageError(`unknown flag: --${name}`);
      if (eq >= 0) setFlag(flags, spec, arg.slice(eq + 1), `--${name}`);
      else if (spec.kind === 'bool') setFlag(flags, spec, 'true', `--${name}`);
      else if (spec.noOptDefault !== undefined) setFlag(flags, spec, spec.noOptDefault, `--${name}`);
      else if (i + 1 < argv.length) setFlag(flags, spec, argv[++i] as string, `--${name}`);
      else throw new UsageError(`flag needs an argument: --${name}`);
    } else if (arg.startsWith('-') && arg.length > 1) {
      i = parseShorthands(flags, argv, i);
    } else {
      flags.positional.push(arg);
    }
  }
  return flags;
}

/** A `-abc` group: booleans may be combined; a value flag takes the rest or the next argument. */
function parseShorthands(flags: ParsedFlags, argv: readonly string[], i: number): number {
  const arg = argv[i] as string;
  let rest = arg.slice(1);
  while (rest.length > 0) {
    const c = rest[0] as string;
    const spec = FLAGS.find((f) => f.short === c);
    if (spec === undefined) throw new UsageError(`unknown shorthand flag: '${c}' in -${rest}`);
    const after = rest.slice(1);
    if (after.startsWith('=')) {
      setFlag(flags, spec, after.slice(1), `-${c}, --${spec.name}`);
      return i;
    }
    if (spec.kind === 'bool') {
      setFlag(flags, spec, 'true', `-${c}, --${spec.name}`);
      rest = after;
      continue;
    }
    if (after.length > 0) {
      setFlag(flags, spec, after, `-${c}, --${spec.name}`);
      return i;
    }
    if (i + 1 < argv.length) {
      setFlag(flags, spec, argv[i + 1] as string, `-${c}, --${spec.name}`);
      return i + 1;
    }
    throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
  }
  return i;
}

function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  return flags.values.get(name)?.[0];
}

function listFlag(flags: ParsedFlags, name: string): string[] {
  return flags.values.get(name) ?? [];
}

function boolFlag(flags: ParsedFlags, name: string): boolean {
  return stringFlag(flags, name) === 'true';
}

const HELP_TEXT = [
  'Render chart templates locally and display the output, exactly as `helm template` (v3.17.3) does.',
  '',
  USAGE_LINE.replace('Usage:  ', 'Usage:\n  dpu-gitops ').replace('helm template', 'template'),
  '',
  'Flags:',
  '  -a, --api-versions strings   Kubernetes api versions used for Capabilities.APIVersions',
  '      --dry-run string[="client"]  accepted for helm\'s command lines; every mode renders alike',
  '                               (no cluster is contacted) and the value is not checked',
  '  -g, --generate-name          no NAME argument (helm template then names the release release-name)',
  '  -h, --help                   this help',
  '      --include-crds           include CRDs in the templated output',
  '      --is-upgrade             set .Release.IsUpgrade instead of .Release.IsInstall',
  '      --kube-version string    Kubernetes version used for Capabilities.KubeVersion',
  '  -n, --namespace string       namespace scope for this request (default "default")',
  '      --release-name string    the release name (same as the NAME argument)',
  '      --no-hooks               leave hooks out of the output',
  '      --set stringArray        set values on the command line (key1=val1,key2=val2)',
  '      --set-file stringArray   set values from files (key1=path1,key2=path2)',
  '      --set-json stringArray   set JSON values (key1=jsonval1,key2=jsonval2)',
  '      --set-literal stringArray  set a literal STRING value',
  '      --set-string stringArray set STRING values (key1=val1,key2=val2)',
  '      --render-subchart-notes  render the NOTES.txt of subcharts with the parent\'s',
  '  -s, --show-only stringArray  only show manifests rendered from the given templates',
  '      --skip-schema-validation disable JSON schema validation',
  '      --skip-tests             skip tests from templated output',
  '  -f, --values strings         specify values in a YAML file (can specify multiple)',
  '',
  'Exit status: 0 rendered; 1 an error, usage errors included (as helm template exits).',
  '',
].join('\n');

/**
 * Runs the command; returns the exit code. stdout gets exactly what `helm template` prints,
 * stderr its warnings and `Error: ...` line.
 */
export async function runTemplate(argv: string[], io: Pick<CliIO, 'stdout' | 'stderr'>, ctx: { cwd?: string } = {}): Promise<number> {
  let flags: ParsedFlags;
  try {
    flags = parseFlags(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`Error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (boolFlag(flags, 'help')) {
    io.stdout(HELP_TEXT);
    return 0;
  }
  if (flags.positional.length < 1) {
    io.stderr(`Error: "helm template" requires at least 1 argument\n\n${USAGE_LINE}\n`);
    return 1;
  }
  const releaseName = stringFlag(flags, 'release-name');
  if (releaseName !== undefined && flags.positional.length > 1) {
    io.stderr(`Error: the release name is given twice: as --release-name ${releaseName} and as the argument ${flags.positional[0]}\n\n${USAGE_LINE}\n`);
    return 1;
  }
  const options: TemplateCommandOptions = {
    args: releaseName === undefined ? flags.positional : [releaseName, ...flags.positional],
    namespace: stringFlag(flags, 'namespace') ?? 'default',
    valueFiles: listFlag(flags, 'values'),
    set: listFlag(flags, 'set'),
    setString: listFlag(flags, 'set-string'),
    setJson: listFlag(flags, 'set-json'),
    setFile: listFlag(flags, 'set-file'),
    setLiteral: listFlag(flags, 'set-literal'),
    includeCrds: boolFlag(flags, 'include-crds'),
    skipTests: boolFlag(flags, 'skip-tests'),
    noHooks: boolFlag(flags, 'no-hooks'),
    isUpgrade: boolFlag(flags, 'is-upgrade'),
    skipSchemaValidation: boolFlag(flags, 'skip-schema-validation'),
    subNotes: boolFlag(flags, 'render-subchart-notes'),
    kubeVersion: stringFlag(flags, 'kube-version') ?? '',
    apiVersions: listFlag(flags, 'api-versions'),
    showOnly: listFlag(flags, 'show-only'),
    generateName: boolFlag(flags, 'generate-name'),
    ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}),
  };
  let result = renderTemplateCommand(options);
  if (result.stackOverflow) result = await renderTemplateCommandDeep(options);
  if (result.stderr !== '') io.stderr(result.stderr);
  if (result.stdout !== '') io.stdout(result.stdout);
  if (result.error !== undefined) {
    io.stderr(`Error: ${result.error}\n`);
    return 1;
  }
  return 0;
}
