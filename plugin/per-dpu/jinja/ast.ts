/**
 * Jinja2's parse tree (jinja2/nodes.py) as a discriminated union. Every node carries the template
 * line Jinja2 would report for it.
 */
import type { PyValue } from './values.js';

export interface CallParts {
  args: Expr[];
  kwargs: [string, Expr][];
  dynArgs?: Expr;
  dynKwargs?: Expr;
}

export type Expr =
  | { type: 'const'; line: number; value: PyValue }
  | { type: 'name'; line: number; name: string }
  | { type: 'getattr'; line: number; node: Expr; attr: string }
  | { type: 'getitem'; line: number; node: Expr; arg: Expr }
  | { type: 'slice'; line: number; start?: Expr; stop?: Expr; step?: Expr }
  | ({ type: 'call'; line: number; node: Expr } & CallParts)
  | ({ type: 'filter'; line: number; node: Expr | null; name: string } & CallParts)
  | ({ type: 'test'; line: number; node: Expr; name: string } & CallParts)
  | { type: 'not' | 'neg' | 'pos'; line: number; node: Expr }
  | { type: 'binop'; line: number; op: '+' | '-' | '*' | '/' | '//' | '%' | '**'; left: Expr; right: Expr }
  | { type: 'concat'; line: number; nodes: Expr[] }
  | { type: 'and' | 'or'; line: number; left: Expr; right: Expr }
  | { type: 'compare'; line: number; expr: Expr; ops: { op: CompareOp; expr: Expr }[] }
  | { type: 'condexpr'; line: number; test: Expr; expr1: Expr; expr2?: Expr }
  | { type: 'list' | 'tuple'; line: number; items: Expr[] }
  | { type: 'dict'; line: number; items: [Expr, Expr][] };

export type CompareOp = 'eq' | 'ne' | 'lt' | 'lteq' | 'gt' | 'gteq' | 'in' | 'notin';

/** Assignment targets: a name, a (nested) tuple of names, or `ns.attr`. */
export type Target =
  | { type: 'name'; line: number; name: string }
  | { type: 'tuple'; line: number; items: Target[] }
  | { type: 'nsref'; line: number; name: string; attr: string };

export interface MacroNode {
  type: 'macro';
  line: number;
  name: string;
  params: string[];
  defaults: Expr[];
  body: Stmt[];
}

export type Stmt =
  | { type: 'text'; line: number; text: string }
  | { type: 'print'; line: number; expr: Expr }
  | { type: 'for'; line: number; target: Target; iter: Expr; body: Stmt[]; else_: Stmt[]; test?: Expr; recursive: boolean }
  | { type: 'if'; line: number; test: Expr; body: Stmt[]; else_: Stmt[] }
  | { type: 'assign'; line: number; target: Target; expr: Expr }
  | { type: 'assignblock'; line: number; target: Target; filter: Expr | null; body: Stmt[] }
  | MacroNode
  | { type: 'callblock'; line: number; call: Expr & { type: 'call' }; params: string[]; defaults: Expr[]; body: Stmt[] }
  | { type: 'filterblock'; line: number; filter: Expr; body: Stmt[] }
  | { type: 'with'; line: number; targets: Target[]; values: Expr[]; body: Stmt[] }
  | { type: 'scope'; line: number; body: Stmt[] };

/** A parsed template. */
export interface TemplateAst {
  body: Stmt[];
}
