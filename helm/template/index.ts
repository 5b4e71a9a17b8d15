/**
 * Public API of helm/template: Go's text/template (parse, execute, associated template sets) over
 * the Go value model, with Go's fmt for printing. Mirrors the surface helm uses of
 * text/template: New/Funcs/Option/Parse/Lookup/ExecuteTemplate/Clone.
 */
export { ExecBudget } from './budget.js';
export { TemplateSet, TemplateNotFoundError, type TemplateSetOptions, type MissingKeyMode } from './template-set.js';
export { parse, isEmptyTree, type ParseOptions } from './parse.js';
export { printNode, errorContext } from './print.js';
export { executeTree, type ExecContext } from './exec.js';
export { BUILTINS } from './builtins.js';
export { registerNamedType } from './exec-call.js';
export { sprint, sprintf, sprintln, formatValue } from './gofmt.js';
export { goStringFromBytes, goStringToBytes, goByteLength, compareGoStrings } from './gostring.js';
export { htmlEscaper, jsEscaper, urlQueryEscaper } from './escape.js';
export * from './value.js';
export * from './errors.js';
export * from './limits.js';
export type * from './ast.js';
