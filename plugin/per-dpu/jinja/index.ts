/**
 * A focused Jinja2 implementation for DPU startup templates: the reference is Python Jinja2 3.1
 * with `Environment(undefined=StrictUndefined)` and default settings (no autoescape, final newline
 * dropped, `{{ }}`/`{% %}`/`{# #}`). Parity with Python is measured by
 * test/plugin/per-dpu/jinja-parity.test.ts against outputs recorded from Python.
 *
 * Sandboxed by construction: templates see only the Python value model (values.ts); attribute
 * access never reaches a JavaScript object; every render is bounded (limits.ts).
 */
import type { TemplateAst } from './ast.js';
import { Budget, runWithBudget } from './budget.js';
import { checkTemplate } from './compile-check.js';
import { JinjaError, limitError } from './errors.js';
import { tokenize } from './lexer.js';
import { DEFAULT_JINJA_LIMITS, type JinjaLimits } from './limits.js';
import { parseTokens } from './parser.js';
import './pyformat.js'; // registers the `%` operator's formatter
import { Interpreter } from './render.js';
import { PyDict, Scope, type PyValue } from './values.js';
import { RENDER_MODES, runInMode, type RenderModeName } from './mode.js';

export { JinjaError } from './errors.js';
export type { JinjaErrorKind } from './errors.js';
export { DEFAULT_JINJA_LIMITS } from './limits.js';
export type { JinjaLimits } from './limits.js';
export { toPyValue, fromPyValue } from './convert.js';
export { RENDER_MODES } from './mode.js';
export type { RenderMode, RenderModeName } from './mode.js';
export { pyRepr, pyStr } from './pyrepr.js';
export * from './values.js';

/** A parsed template: parse once, render per DPU. */
export interface CompiledTemplate {
  readonly ast: TemplateAst;
  /** Renders with `context` as the template's variables. Throws JinjaError. */
  render(context: Map<string, PyValue> | PyDict | Record<string, PyValue>, limits?: Partial<JinjaLimits>): string;
}

function withLine<T>(fn: () => T, line: () => number): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof JinjaError) {
      if (e.lineno === undefined) e.lineno = line();
      throw e;
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      const err = limitError('template or data nested too deeply (call stack exhausted)');
      err.lineno = line();
      throw err;
    }
    throw e;
  }
}

/**
 * Parses `source` as Jinja2's `Environment.from_string` does, including its compile-time checks
 * (unknown filters and tests). Throws JinjaError ('syntax', 'assertion' or 'limit'). `mode`
 * chooses the Environment its renders reproduce (mode.ts): 'strict' (StrictUndefined, no
 * autoescape) or 'dpf' (autoescape=True, lenient Undefined).
 */
export function compileTemplate(source: string, limits?: Partial<JinjaLimits>, mode: RenderModeName = 'strict'): CompiledTemplate {
  const lim: JinjaLimits = { ...DEFAULT_JINJA_LIMITS, ...limits };
  if (source.length > lim.maxTemplateLength) throw limitError(`template of ${source.length} characters exceeds ${lim.maxTemplateLength}`);
  const ast = withLine(
    () => parseTokens(tokenize(source), lim.maxParseDepth),
    () => 1,
  );
  checkTemplate(ast);
  return {
    ast,
    render(context, renderLimits) {
      const b = new Budget({ ...lim, ...renderLimits });
      const globals = new Scope();
      const entries: Iterable<[unknown, PyValue]> =
        context instanceof Map ? context : context instanceof PyDict ? context.entries() : Object.entries(context);
      for (const [k, v] of entries) globals.vars.set(String(k), v);
      const interp = new Interpreter();
      return runInMode(RENDER_MODES[mode], () => runWithBudget(b, () => withLine(() => interp.renderTemplate(ast.body, new Scope(globals)), () => interp.line)));
    },
  };
}
