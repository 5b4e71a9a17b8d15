/**
 * Named limits of the template engine (Go text/template and helm's engine), in one place so the
 * lexer, parser, executor and helm's include/tpl layer agree on them.
 */

/**
 * Deepest nesting of parenthesized pipelines the parser accepts: Go's parse.maxStackDepth as
 * Go sets it for WebAssembly, whose stack is small like JavaScript's (10000 elsewhere; the limit
 * arrived after Go 1.23, so helm v3.17.3 has none). Parsing recurses several calls per level
 * and a default Node stack overflows a few thousand levels down. Exceeding it is Go's parse
 * error `max expression depth exceeded`.
 */
export const MAX_PAREN_DEPTH = 1000;

/**
 * Deepest nesting of template execution (`{{template}}` calls and recursion through pipelines):
 * Go's exec.maxExecDepth. Exceeding it is the exec error
 * `exceeded maximum template depth (100000)`.
 */
export const MAX_EXEC_DEPTH = 100000;

/**
 * How often one named template may be entered recursively through `include`/`tpl`: helm's
 * engine.recursionMaxNums. Exceeding it is helm's `rendering template has a nested reference
 * name: NAME: unable to execute template`.
 */
export const MAX_INCLUDE_DEPTH = 1000;

/**
 * Largest template source (UTF-8 bytes) one parse accepts. Go has no such bound; ours keeps a
 * hostile chart from exhausting memory in the lexer and tree. Exceeding it throws a
 * TemplateLimitError named `MAX_TEMPLATE_BYTES`.
 */
export const MAX_TEMPLATE_BYTES = 8 * 1024 * 1024;

/**
 * Longest string V8 can hold (UTF-16 code units; buffer.constants.MAX_STRING_LENGTH on 64-bit
 * Node). Building a longer one throws RangeError; functions refuse before that with
 * `ENGINE_STRING`, even when the render has no budget (`dpu-gitops template`).
 */
export const ENGINE_MAX_STRING_CHARS = 2 ** 29 - 24;

/**
 * Most elements a function builds into one JavaScript array (a list, or a string's code
 * points). V8 aborts the whole process, worker threads included, with the fatal error
 * "invalid size" once an array needs more than 2^27 slots, and growing arrays overshoot by half;
 * half of that stays clear of it. Exceeding it is a TemplateLimitError `ENGINE_LIST`, with or
 * without a budget.
 */
export const ENGINE_MAX_LIST_ELEMENTS = 2 ** 26;

/**
 * Share of the JavaScript heap (v8 heap_size_limit) one function call may plan to allocate.
 * Running out of heap is a V8 fatal too; a single call asking for more than this fails with
 * `ENGINE_HEAP` instead. A fixed share, not the heap's current use, keeps the outcome the same
 * from run to run.
 */
export const ENGINE_MAX_HEAP_SHARE = 0.5;
