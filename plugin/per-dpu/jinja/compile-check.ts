/**
 * The checks Jinja2's code generator makes before rendering (jinja2/compiler.py): an unknown
 * filter or test is a TemplateAssertionError, except inside an `if` statement or an inline `if`
 * expression, where Jinja2 defers the error to the moment the filter is called; a for loop may
 * not assign to `loop`.
 */
import type { Expr, Stmt, Target, TemplateAst } from './ast.js';
import { JinjaError } from './errors.js';
import { hasFilter, hasTest } from './filters.js';

function fail(msg: string, line: number): never {
  throw new JinjaError('assertion', 'TemplateAssertionError', msg, line);
}

function checkExpr(e: Expr | undefined | null, soft: boolean): void {
  if (!e) return;
  switch (e.type) {
    case 'filter':
      if (!soft && !hasFilter(e.name)) fail(`No filter named '${e.name}'.`, e.line);
      checkExpr(e.node, soft);
      checkCall(e, soft);
      return;
    case 'test':
      if (!soft && !hasTest(e.name)) fail(`No test named '${e.name}'.`, e.line);
      checkExpr(e.node, soft);
      checkCall(e, soft);
      return;
    case 'condexpr':
      checkExpr(e.test, true);
      checkExpr(e.expr1, true);
      checkExpr(e.expr2, true);
      return;
    case 'call':
      checkExpr(e.node, soft);
      checkCall(e, soft);
      return;
    case 'getattr':
    case 'not':
    case 'neg':
    case 'pos':
      checkExpr(e.node, soft);
      return;
    case 'getitem':
      checkExpr(e.node, soft);
      checkExpr(e.arg, soft);
      return;
    case 'slice':
      checkExpr(e.start, soft);
      checkExpr(e.stop, soft);
      checkExpr(e.step, soft);
      return;
    case 'binop':
    case 'and':
    case 'or':
      checkExpr(e.left, soft);
      checkExpr(e.right, soft);
      return;
    case 'concat':
      e.nodes.forEach((n) => checkExpr(n, soft));
      return;
    case 'compare':
      checkExpr(e.expr, soft);
      e.ops.forEach((o) => checkExpr(o.expr, soft));
      return;
    case 'list':
    case 'tuple':
      e.items.forEach((n) => checkExpr(n, soft));
      return;
    case 'dict':
      e.items.forEach(([k, v]) => {
        checkExpr(k, soft);
        checkExpr(v, soft);
      });
      return;
    case 'const':
    case 'name':
      return;
  }
}

function checkCall(c: { args: Expr[]; kwargs: [string, Expr][]; dynArgs?: Expr; dynKwargs?: Expr }, soft: boolean): void {
  c.args.forEach((a) => checkExpr(a, soft));
  c.kwargs.forEach(([, a]) => checkExpr(a, soft));
  checkExpr(c.dynArgs, soft);
  checkExpr(c.dynKwargs, soft);
}

function targetNames(t: Target): string[] {
  return t.type === 'tuple' ? t.items.flatMap(targetNames) : [t.name];
}

function checkBody(stmts: Stmt[], soft: boolean): void {
  for (const s of stmts) {
    switch (s.type) {
      case 'text':
        break;
      case 'print':
        checkExpr(s.expr, soft);
        break;
      case 'if':
        checkExpr(s.test, true);
        checkBody(s.body, true);
        checkBody(s.else_, true);
        break;
      case 'for':
        if (targetNames(s.target).includes('loop')) fail("Can't assign to special loop variable in for-loop target", s.line);
        checkExpr(s.iter, soft);
        checkExpr(s.test, soft);
        checkBody(s.body, soft);
        checkBody(s.else_, soft);
        break;
      case 'assign':
        checkExpr(s.expr, soft);
        break;
      case 'assignblock':
        checkExpr(s.filter, soft);
        checkBody(s.body, soft);
        break;
      case 'macro':
        s.defaults.forEach((d) => checkExpr(d, soft));
        checkBody(s.body, soft);
        break;
      case 'callblock':
        checkExpr(s.call, soft);
        s.defaults.forEach((d) => checkExpr(d, soft));
        checkBody(s.body, soft);
        break;
      case 'filterblock':
        checkExpr(s.filter, soft);
        checkBody(s.body, soft);
        break;
      case 'with':
        s.values.forEach((v) => checkExpr(v, soft));
        checkBody(s.body, soft);
        break;
      case 'scope':
        checkBody(s.body, soft);
        break;
    }
  }
}

/** Throws the TemplateAssertionError Jinja2 raises when compiling `ast`. */
export function checkTemplate(ast: TemplateAst): void {
  checkBody(ast.body, false);
}
