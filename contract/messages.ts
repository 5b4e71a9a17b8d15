/**
 * Rule wording from handlebars templates, so operators can change it without a rebuild:
 *   templates/messages/<rule-id>.hbs   the one-line message of a finding
 *   templates/fixes/<rule-id>.hbs      (optional) the fix hint; default: the rule's `fix`
 *   templates/layouts/warning.hbs      one admission warning (cut to 120 characters; also sees
 *                                      `named`, the object when it is not the one reviewed)
 *   templates/layouts/status-message.hbs   the status.message of a denial
 * A folder given with `overrideDir` (the `--messages DIR` flag of lint, webhook and CMP) is
 * searched first, file by file; anything it lacks comes from the built-in templates.
 *
 * Every template sees the same fields: rule, severity, kind, namespace, name, object
 * (`Kind ns/name`), field (dotted path), template, file, line, location, measured, limit,
 * detail, and (messages, layouts) fix. Helpers: `eq a b`, `join list [sep]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from './registry.js';
import { formatObject, formatPath, type Finding, type ObjectRef, type RuleId, type Violation } from './types.js';
import { shortenStrings } from './shorten.js';
import { compileTemplate, precompiledTemplate, type Compiled } from './message-compile.js';

/** Kubernetes' guidance for admission warnings: at most 120 characters each. */
export const WARNING_MAX_LENGTH = 120;

/** A template that could not be read or compiled. */
export class MessageTemplateError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`message template ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MessageTemplateError';
  }
}

/** Finds the built-in templates/ folder from this module (source tree or dist/). */
export function builtinTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'templates', 'messages');
    if (existsSync(candidate)) return join(dir, 'templates');
    dir = dirname(dir);
  }
  throw new MessageTemplateError('templates/messages', new Error('built-in templates folder not found'));
}

/** The fields every message template sees. */
export function templateContext(finding: Finding): Record<string, unknown> {
  const field = finding.path && finding.path.length > 0 ? formatPath(finding.path) : undefined;
  const file = finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}` : undefined;
  const location = [finding.template, field, file].filter((x) => x).join(', ');
  return {
    rule: finding.rule,
    severity: finding.severity,
    kind: finding.object?.kind,
    namespace: finding.object?.namespace,
    name: finding.object?.name,
    object: formatObject(finding.object),
    field,
    template: finding.template,
    file: finding.file,
    line: finding.line,
    location: location || undefined,
    measured: finding.measured,
    limit: finding.limit,
    detail: finding.detail ?? {},
  };
}

/**
 * Compiled templates by file, reused while the file's text is the same: a process that loads a
 * catalog per run (the render server, one per generate) compiles each template once. Measured:
 * compiling every template was about half of a served tiny generate's server time (31 -> 16 ms).
 */
const compiledFiles = new Map<string, { source: string; fn: Compiled }>();
const COMPILED_FILES_MAX = 1000;

/** Compiled templates plus the functions that turn findings into wording. */
export class MessageCatalog {
  private readonly cache = new Map<string, Compiled | null>();

  private constructor(
    private readonly builtinDir: string,
    private readonly overrideDir: string | undefined,
  ) {}

  /**
   * Loads the built-in templates (and an override folder). Every message template is compiled
   * up front so a broken override fails at start-up, not on the first denial.
   */
  static load(opts: { overrideDir?: string; builtinDir?: string } = {}): MessageCatalog {
    const catalog = new MessageCatalog(opts.builtinDir ?? builtinTemplatesDir(), opts.overrideDir);
    for (const id of Object.keys(RULES) as RuleId[]) {
      if (!catalog.template(`messages/${id}.hbs`)) throw new MessageTemplateError(`messages/${id}.hbs`, new Error('missing'));
      catalog.template(`fixes/${id}.hbs`);
    }
    for (const layout of ['layouts/warning.hbs', 'layouts/status-message.hbs']) {
      if (!catalog.template(layout)) throw new MessageTemplateError(layout, new Error('missing'));
    }
    return catalog;
  }

  /** The compiled template for a relative name, override first; null when neither has it. */
  private template(name: string): Compiled | null {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    let compiled: Compiled | null = null;
    for (const dir of [this.overrideDir, this.builtinDir]) {
      if (!dir) continue;
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      try {
        const source = readFileSync(file, 'utf8');
        const known = compiledFiles.get(file);
        if (known && known.source === source) {
          compiled = known.fn;
          break;
        }
        const fn = (dir === this.builtinDir ? precompiledTemplate(dir, name, source) : undefined) ?? compileTemplate(source);
        if (compiledFiles.size >= COMPILED_FILES_MAX) compiledFiles.clear();
        compiledFiles.set(file, { source, fn });
        compiled = fn;
      } catch (err) {
        throw new MessageTemplateError(file, err);
      }
      break;
    }
    this.cache.set(name, compiled);
    return compiled;
  }

  private compileInline(name: string, source: string): Compiled {
    const key = `inline:${name}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const fn = precompiledTemplate(this.builtinDir, key, source) ?? compileTemplate(source);
    this.cache.set(key, fn);
    return fn;
  }

  /** A finding with its message and fix. */
  render(original: Finding): Violation {
    // Messages quote what users sent; a quoted value never makes a message huge.
    const finding = shortenStrings(original);
    const ctx = templateContext(finding);
    const fixTemplate = this.template(`fixes/${finding.rule}.hbs`) ?? this.compileInline(`fix:${finding.rule}`, RULES[finding.rule].fix);
    const fix = oneLine(fixTemplate(ctx));
    const message = oneLine((this.template(`messages/${finding.rule}.hbs`) as Compiled)({ ...ctx, fix }));
    const violation: Violation = { ...finding, message, fix };
    if (ctx.field) violation.field = ctx.field as string;
    return violation;
  }

  renderAll(findings: readonly Finding[]): Violation[] {
    return findings.map((f) => this.render(f));
  }

  /**
   * One admission warning, at most 120 characters (cut with `...`). The layout also sees
   * `named`: `Kind ns/name` of the finding's object when it has a name, is not a Chart and is not `reviewed`
   * (the object under review, which kubectl already shows the warning with), so a warning
   * about a rendered object (an arm64 DaemonSet) says which one to annotate.
   */
  warning(v: Violation, reviewed?: ObjectRef): string {
    // A Chart is named by the DPUService under review and is no object one could annotate.
    const named = v.object?.name && v.object.kind !== 'Chart' && !sameObject(v.object, reviewed) ? formatObject(v.object) : undefined;
    const text = oneLine((this.template('layouts/warning.hbs') as Compiled)({ ...templateContext(v), named, message: v.message, fix: v.fix }));
    return text.length <= WARNING_MAX_LENGTH ? text : `${text.slice(0, WARNING_MAX_LENGTH - 3)}...`;
  }

  /** The status.message of a denial: every error with its rule, object, location and fix. */
  statusMessage(context: { operation: string; object: string; violations: readonly Violation[] }): string {
    const violations = context.violations.map((v) => ({ ...templateContext(v), message: v.message, fix: v.fix }));
    return (this.template('layouts/status-message.hbs') as Compiled)({ ...context, count: violations.length, violations }).trimEnd();
  }
}

function sameObject(a: ObjectRef, b: ObjectRef | undefined): boolean {
  return b !== undefined && a.kind === b.kind && a.name === b.name && (a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace);
}

/** Messages are single lines: collapse any newline a value brought in. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
