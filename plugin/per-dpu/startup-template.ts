/**
 * `configuration.startupYAMLJ2` rendered for one DPU, as the DPU's Python would render it
 * (jinja/: Jinja2 with StrictUndefined), with the context HBN documents: `config` (the DPU's
 * merged perDPUValuesYAML values), `ipaddresses.<iface>.{ip, cidr, prefixlen, gateway}` and
 * `hostname`. The result must parse as YAML (as the DPU's NVUE startup file is read).
 * Errors name the DPU, the template line and, for a missing variable, the variable.
 */
import { compileTemplate, JinjaError, PyDict, type CompiledTemplate, type JinjaLimits, type RenderModeName } from './jinja/index.js';
import type { InterfaceAddress } from './ipam.js';
import { loadYaml11, Yaml11Error } from './yaml11.js';

export type StartupErrorKind = 'template-syntax' | 'template-render' | 'template-limit' | 'template-security' | 'output-not-yaml';

/** A startup template that does not render to YAML for a DPU (or at all). */
export class StartupTemplateError extends Error {
  override readonly name = 'StartupTemplateError';
  constructor(
    readonly kind: StartupErrorKind,
    readonly detail: string,
    readonly dpu?: string,
    readonly line?: number,
    readonly variable?: string,
    options?: { cause?: unknown },
  ) {
    const where = [dpu ? `DPU '${dpu}'` : undefined, line !== undefined ? `startupYAMLJ2 line ${line}` : 'startupYAMLJ2'].filter(Boolean).join(', ');
    super(`${where}: ${detail}`, options);
  }
}

function fromJinja(e: JinjaError, dpu: string | undefined): StartupTemplateError {
  const kind: StartupErrorKind =
    e.kind === 'syntax' || e.kind === 'assertion' ? 'template-syntax' : e.kind === 'limit' ? 'template-limit' : e.kind === 'security' ? 'template-security' : 'template-render';
  const detail = e.kind === 'undefined' && e.variable !== undefined ? `undefined variable '${e.variable}': ${e.pythonType}: ${e.detail}` : `${e.pythonType}: ${e.detail}`;
  return new StartupTemplateError(kind, detail, dpu, e.lineno, e.variable, { cause: e });
}

/** Parses the template once (syntax errors and unknown filters surface here, for no DPU). */
export function compileStartupTemplate(source: string, limits?: Partial<JinjaLimits>, mode: RenderModeName = 'strict'): CompiledTemplate {
  try {
    return compileTemplate(source, limits, mode);
  } catch (e) {
    if (e instanceof JinjaError) throw fromJinja(e, undefined);
    throw e;
  }
}

/** The template context of one DPU. */
export interface StartupContext {
  hostname: string;
  config: PyDict;
  ipaddresses: Record<string, InterfaceAddress>;
}

function addressDict(a: InterfaceAddress): PyDict {
  return PyDict.from([
    ['ip', a.ip],
    ['cidr', a.cidr],
    ['prefixlen', BigInt(a.prefixlen)],
    ['gateway', a.gateway],
  ]);
}

/**
 * Remembers outputs already proven to load, by a key that only erases digits. Thousands of DPUs
 * rendered from one template differ mostly in numbers (addresses, ASNs, VLANs), and a digit run
 * cannot change YAML structure once the text has none of the constructs where digits matter:
 * anchors/aliases/tags (`& * !`), escapes (`\`), directives (`%`), block indentation indicators
 * (`|2`), timestamps (a date's validity depends on its digits; a scalar can only be one if the
 * date is not glued to a preceding word character, dot or hyphen) and long implicit keys (lines past
 * 512 characters). Outputs with any of those are always checked in full.
 */
export class YamlCheckCache {
  private readonly proven = new Set<string>();
  // A date only counts where a plain scalar can start with it: DPF's DPU names embed PCI
  // addresses (`worker1-0000-08-00`), which are never timestamps and must not defeat the cache.
  // (Separate tests, and lines measured by hand: one alternation with `[^\n]{513}` costs 40 µs
  // per output, more than rendering it.)
  private static readonly UNSAFE_CHARS = /[&*!\\%]|[|>][-+]?\d/;
  private static readonly DATE = /(?:^|[^\w.-])\d{4}-\d\d?-\d\d?/m;

  keyFor(text: string): string | undefined {
    if (YamlCheckCache.UNSAFE_CHARS.test(text) || YamlCheckCache.DATE.test(text) || hasLineLongerThan(text, 512)) return undefined;
    return text.replace(/\d+/g, '0');
  }
  has(key: string | undefined): boolean {
    return key !== undefined && this.proven.has(key);
  }
  add(key: string | undefined): void {
    if (key !== undefined && this.proven.size < 10_000) this.proven.add(key);
  }
}

function hasLineLongerThan(text: string, max: number): boolean {
  for (let start = 0; ; ) {
    const nl = text.indexOf('\n', start);
    if ((nl === -1 ? text.length : nl) - start > max) return true;
    if (nl === -1) return false;
    start = nl + 1;
  }
}

/** Renders the template for DPU `dpu` without checking the output (render-startup --no-yaml-check). */
export function renderStartupText(template: CompiledTemplate, ctx: StartupContext, dpu: string, limits?: Partial<JinjaLimits>): string {
  try {
    return template.render(
      {
        hostname: ctx.hostname,
        config: ctx.config,
        ipaddresses: PyDict.from(Object.entries(ctx.ipaddresses).map(([k, v]) => [k, addressDict(v)])),
      },
      limits,
    );
  } catch (e) {
    if (e instanceof JinjaError) throw fromJinja(e, dpu);
    throw e;
  }
}

/** Renders the startup config of DPU `dpu`; checks the output parses as YAML. */
export function renderStartupConfig(template: CompiledTemplate, ctx: StartupContext, dpu: string, limits?: Partial<JinjaLimits>, yamlCache?: YamlCheckCache): string {
  const out = renderStartupText(template, ctx, dpu, limits);
  const key = yamlCache?.keyFor(out);
  if (yamlCache?.has(key)) return out;
  try {
    loadYaml11(out);
    yamlCache?.add(key);
  } catch (e) {
    if (e instanceof Yaml11Error) throw new StartupTemplateError('output-not-yaml', `rendered config is not YAML${e.line !== undefined ? ` (rendered line ${e.line})` : ''}: ${e.detail}`, dpu, undefined, undefined, { cause: e });
    throw e;
  }
  return out;
}
