/**
 * The parse tree of Go text/template (mirrors src/text/template/parse/node.go).
 *
 * A discriminated union on `type`: parse, exec and print switch over it exhaustively. Every node
 * carries `pos`, its offset in the template source (Go's Pos), from which errors compute
 * line and byte column (print.ts errorContext); `print.ts` turns a node back into source text, which Go uses in
 * `executing "x" at <NODE>` messages and in parse tests.
 */

/**
 * Offset into the template source as a JavaScript string index (UTF-16 units). Go counts UTF-8
 * bytes; print.ts errorContext converts when it reports a column, the only place Go shows one.
 */
export type Pos = number;

export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | ActionNode
  | PipeNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | IfNode
  | RangeNode
  | WithNode
  | TemplateNode
  | BreakNode
  | ContinueNode;

/** A sequence of nodes (the body of a template or of a control structure). */
export interface ListNode {
  type: 'list';
  pos: Pos;
  nodes: Node[];
}

/** Plain text between actions; trim markers are already applied by the lexer. */
export interface TextNode {
  type: 'text';
  pos: Pos;
  text: string;
}

/** `{{/* ... *\/}}`, kept only when parsing with ParseComments mode. */
export interface CommentNode {
  type: 'comment';
  pos: Pos;
  text: string;
}

/** `{{pipeline}}`: evaluate and print. */
export interface ActionNode {
  type: 'action';
  pos: Pos;
  line: number;
  pipe: PipeNode;
}

/** Optional declarations/assignments, then commands joined by `|`. */
export interface PipeNode {
  type: 'pipe';
  pos: Pos;
  line: number;
  /** True for `$x = ...` (assignment), false for `$x := ...` (declaration). */
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}

/** One command of a pipeline: an operand followed by arguments. */
export interface CommandNode {
  type: 'command';
  pos: Pos;
  args: Node[];
}

/** A function name (`printf`, `include`). */
export interface IdentifierNode {
  type: 'identifier';
  pos: Pos;
  ident: string;
}

/** `$`, `$x`, `$x.Field.Chain`: ident[0] is the variable name, the rest are field names. */
export interface VariableNode {
  type: 'variable';
  pos: Pos;
  ident: string[];
}

export interface DotNode {
  type: 'dot';
  pos: Pos;
}

export interface NilNode {
  type: 'nil';
  pos: Pos;
}

/** `.A.B.C`: ident holds the field names without dots. */
export interface FieldNode {
  type: 'field';
  pos: Pos;
  ident: string[];
}

/** `(pipeline).A.B` or `$x.A` after a non-field operand: field names applied to `node`. */
export interface ChainNode {
  type: 'chain';
  pos: Pos;
  node: Node;
  field: string[];
}

export interface BoolNode {
  type: 'bool';
  pos: Pos;
  value: boolean;
}

/**
 * A number literal with every interpretation Go's parser accepted (parse.go newNumber):
 * a literal may be at once an int, a uint and a float (`1`), only a float (`1.5`), a char
 * constant (`'a'`, int and float), or complex (`1i`).
 */
export interface NumberNode {
  type: 'number';
  pos: Pos;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64?: bigint;
  uint64?: bigint;
  float64?: number;
  /** Complex value as [real, imaginary]. */
  complex128?: [number, number];
  /** The original source text, e.g. `0x1F`, `1_000`, `'a'`. */
  text: string;
}

export interface StringNode {
  type: 'string';
  pos: Pos;
  /** Source text including quotes, as printed back. */
  quoted: string;
  /** The unquoted value. */
  text: string;
}

interface BranchFields {
  pos: Pos;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

/** `{{if}}`; `{{else if}}` is parsed as an else list holding one nested IfNode, as in Go. */
export interface IfNode extends BranchFields {
  type: 'if';
}

export interface RangeNode extends BranchFields {
  type: 'range';
}

/** `{{with}}`; `{{else with}}` nests like `else if`. */
export interface WithNode extends BranchFields {
  type: 'with';
}

/** `{{template "name" pipeline}}` (also the call half of `{{block}}`). */
export interface TemplateNode {
  type: 'template';
  pos: Pos;
  line: number;
  name: string;
  pipe?: PipeNode;
}

export interface BreakNode {
  type: 'break';
  pos: Pos;
  line: number;
}

export interface ContinueNode {
  type: 'continue';
  pos: Pos;
  line: number;
}

/**
 * One parsed template: a named tree. `parseName` is the name of the top-level template being
 * parsed when this tree was defined (Go's Tree.ParseName), used in error messages; `source` is
 * the full text it was parsed from, needed to turn byte offsets into line:col.
 */
export interface Tree {
  name: string;
  parseName: string;
  root: ListNode;
  source: string;
}
