/**
 * The parser of Go text/template (mirrors src/text/template/parse/parse.go as of Go 1.23).
 *
 * Recursive descent over the lexer's items with Go's three-item lookahead; each production is
 * one method whose comment states its grammar. `parse` returns every tree of the source: the
 * top-level one under `name`, plus one per `{{define}}` and `{{block}}`. Errors are thrown as
 * TemplateParseError with Go's text, `template: NAME:LINE: MSG`, where LINE is the line of the
 * last item read from the lexer, as in Go.
 */
import type {
  ActionNode,
  CommandNode,
  IfNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  RangeNode,
  TemplateNode,
  Tree,
  VariableNode,
  WithNode,
} from './ast.js';
import { TemplateLimitError } from './errors.js';
import { Lexer } from './lex.js';
import { MAX_PAREN_DEPTH, MAX_TEMPLATE_BYTES } from './limits.js';
import { ItemReader } from './parse-lookahead.js';
import { newNumber, NumberSyntaxError } from './parse-number.js';
import { printNode } from './print.js';
import { quote, unquote } from './strconv.js';
import { goByteLength } from './gostring.js';
import { type Item, type ItemKind } from './token.js';

/** How to parse: the function names in scope (builtins included), delimiters and Go's modes. */
export interface ParseOptions {
  /** Whether a function of this name exists (Go checks identifiers at parse time). */
  isFunc: (name: string) => boolean;
  /** Left action delimiter; empty or absent means `{{`. */
  leftDelim?: string;
  /** Right action delimiter; empty or absent means `}}`. */
  rightDelim?: string;
  /** Keep `{{/* *\/}}` comments as CommentNodes (parse.ParseComments). */
  parseComments?: boolean;
  /** Do not check that functions are defined (parse.SkipFuncCheck). */
  skipFuncCheck?: boolean;
}

/**
 * Go's parse.Parse: parses `source` as the template `name` and returns the map from template
 * name to tree. Throws TemplateParseError (Go's message) or, for sources over
 * MAX_TEMPLATE_BYTES, TemplateLimitError.
 */
export function parse(name: string, source: string, options: ParseOptions): Map<string, Tree> {
  if (source.length > MAX_TEMPLATE_BYTES / 3) {
    const bytes = goByteLength(source);
    if (bytes > MAX_TEMPLATE_BYTES) {
      throw new TemplateLimitError(
        'MAX_TEMPLATE_BYTES',
        MAX_TEMPLATE_BYTES,
        `template: ${name}: source is ${bytes} bytes, more than the limit of ${MAX_TEMPLATE_BYTES}`,
      );
    }
  }
  const lexer = new Lexer(name, source, options.leftDelim ?? '', options.rightDelim ?? '', {
    emitComment: options.parseComments === true,
    breakOK: !options.isFunc('break'),
    continueOK: !options.isFunc('continue'),
  });
  const shared: Shared = {
    source,
    lexer,
    treeSet: new Map(),
    isFunc: options.isFunc,
    skipFuncCheck: options.skipFuncCheck === true,
  };
  const top = new TreeParser(name, name, shared);
  try {
    top.parse();
    top.add();
  } catch (err) {
    // Go's goroutine stacks grow to 1 GB; ours does not. Deeply nested control structures end
    // here rather than in a bare RangeError.
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      throw new TemplateLimitError('STACK', 0, `template: ${name}: nesting too deep to parse`);
    }
    throw err;
  }
  return shared.treeSet;
}

/**
 * Go's IsEmptyTree: whether a tree holds nothing but space (Unicode white space, as
 * bytes.TrimSpace) and comments. A template set lets a non-empty definition replace an empty one.
 */
export function isEmptyTree(node: Node | undefined): boolean {
  if (node === undefined) return true;
  switch (node.type) {
    case 'comment':
      return true;
    case 'list':
      return node.nodes.every(isEmptyTree);
    case 'text':
      return GO_SPACE_ONLY.test(node.text);
    case 'action':
    case 'if':
    case 'range':
    case 'template':
    case 'with':
      return false;
    default:
      throw new Error(`unknown node: ${printNode(node)}`);
  }
}

/** Text made only of unicode.IsSpace characters. */
const GO_SPACE_ONLY = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** What all trees of one parse share (Go passes these along through startParse). */
interface Shared {
  source: string;
  lexer: Lexer;
  treeSet: Map<string, Tree>;
  isFunc: (name: string) => boolean;
  skipFuncCheck: boolean;
}

/** `{{end}}` and `{{else}}`: returned by itemList to its caller, never put in a tree. */
type EndMarker = { type: 'end'; pos: number };
type ElseMarker = { type: 'else'; pos: number; line: number };
type Parsed = Node | EndMarker | ElseMarker;

function isMarker(n: Parsed): n is EndMarker | ElseMarker {
  return n.type === 'end' || n.type === 'else';
}

function parsedString(n: Parsed): string {
  if (n.type === 'end') return '{{end}}';
  if (n.type === 'else') return '{{else}}';
  return printNode(n);
}

/** Item kinds that can start a command (Go's list in pipeline). */
const COMMAND_START: ReadonlySet<ItemKind> = new Set<ItemKind>([
  'bool', 'charConstant', 'complex', 'dot', 'field', 'identifier',
  'number', 'nil', 'rawString', 'string', 'variable', 'leftParen',
]);

/** The parse state of one tree (Go's Tree during parsing); each define/block gets its own. */
class TreeParser extends ItemReader {
  root: ListNode | undefined;
  /** Variables defined at the moment. */
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  /** Depth of nested parenthesized pipelines. */
  private stackDepth = 0;

  constructor(
    private name: string,
    parseName: string,
    private readonly shared: Shared,
  ) {
    super(parseName, shared.lexer);
  }

  // ---- trees ----

  /** Adds this tree to the set; a second non-empty definition of a name is an error. */
  add(): void {
    const existing = this.shared.treeSet.get(this.name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.shared.treeSet.set(this.name, {
        name: this.name,
        parseName: this.parseName,
        root: this.root ?? { type: 'list', pos: 0, nodes: [] },
        source: this.shared.source,
      });
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${quote(this.name)}`);
  }

  /**
   * The top level: like itemList, but runs to EOF and also accepts `{{define}}`, each of which
   * is parsed into its own tree.
   */
  parse(): void {
    this.root = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().kind !== 'eof') {
      if (this.peek().kind === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().kind === 'define') {
          new TreeParser('definition', this.parseName, this.shared).parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (isMarker(n)) this.errorf(`unexpected ${parsedString(n)}`);
      this.root.nodes.push(n);
    }
  }

  /** `{{define "name"}} itemList {{end}}`; the define keyword is past. */
  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf('string', 'rawString', context);
    this.name = this.unquote(name.text);
    this.expect('rightDelim', context);
    const [root, end] = this.itemList();
    this.root = root;
    if (end.type !== 'end') this.errorf(`unexpected ${parsedString(end)} in ${context}`);
    this.add();
  }

  /**
   * itemList:
   *	textOrAction*
   * Terminates at {{end}} or {{else}}, returned separately.
   */
  private itemList(): [ListNode, EndMarker | ElseMarker] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().kind !== 'eof') {
      const n = this.textOrAction();
      if (isMarker(n)) return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  /**
   * textOrAction:
   *	text | comment | action
   */
  private textOrAction(): Parsed {
    const token = this.nextNonSpace();
    switch (token.kind) {
      case 'text':
        return { type: 'text', pos: token.pos, text: token.text };
      case 'leftDelim':
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      case 'comment':
        return { type: 'comment', pos: token.pos, text: token.text };
      default:
        this.unexpected(token, 'input');
    }
  }

  /**
   * Action:
   *	control
   *	command ("|" command)*
   * The left delimiter is past; the first word may be a keyword such as range.
   */
  private action(): Parsed {
    const token = this.nextNonSpace();
    switch (token.kind) {
      case 'block':
        return this.blockControl();
      case 'break':
        return this.breakControl(token.pos, token.line);
      case 'continue':
        return this.continueControl(token.pos, token.line);
      case 'else':
        return this.elseControl();
      case 'end':
        return this.endControl();
      case 'if':
        return this.ifControl();
      case 'range':
        return this.rangeControl();
      case 'template':
        return this.templateControl();
      case 'with':
        return this.withControl();
    }
    this.backup();
    const first = this.peek();
    // Variables declared here persist until the enclosing "end".
    const pipe = this.pipeline('command', 'rightDelim');
    return { type: 'action', pos: first.pos, line: first.line, pipe } satisfies ActionNode;
  }

  /**
   * Break:
   *	{{break}}
   * The break keyword is past.
   */
  private breakControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.kind !== 'rightDelim') this.unexpected(token, '{{break}}');
    if (this.rangeDepth === 0) this.errorf('{{break}} outside {{range}}');
    return { type: 'break', pos, line };
  }

  /**
   * Continue:
   *	{{continue}}
   * The continue keyword is past.
   */
  private continueControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.kind !== 'rightDelim') this.unexpected(token, '{{continue}}');
    if (this.rangeDepth === 0) this.errorf('{{continue}} outside {{range}}');
    return { type: 'continue', pos, line };
  }

  /**
   * Pipeline:
   *	declarations? command ('|' command)*
   */
  private pipeline(context: string, end: ItemKind): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: start.pos, line: start.line, isAssign: false, decl: [], cmds: [] };
    // Declarations or assignments? Space is an item, so "$x foo" needs 3-item lookahead to
    // tell an argument from a declaration: remember the item after the variable.
    for (;;) {
      const v = this.peekNonSpace();
      if (v.kind !== 'variable') break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.kind === 'assign' || next.kind === 'declare') {
        pipe.isAssign = next.kind === 'assign';
        this.nextNonSpace();
        pipe.decl.push(newVariable(v.pos, v.text));
        this.vars.push(v.text);
      } else if (next.kind === 'char' && next.text === ',') {
        this.nextNonSpace();
        pipe.decl.push(newVariable(v.pos, v.text));
        this.vars.push(v.text);
        if (context === 'range' && pipe.decl.length < 2) {
          const k = this.peekNonSpace().kind;
          // The second initialized variable of a range.
          if (k === 'variable' || k === 'rightDelim' || k === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.kind === 'space') {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.kind === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!COMMAND_START.has(token.kind)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  /** A pipeline needs a command; only its first command may start with a non-executable. */
  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      switch (c.args[0].type) {
        case 'bool':
        case 'dot':
        case 'nil':
        case 'number':
        case 'string':
          // With A|B|C, pipeline stage 2 is B.
          this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  /**
   * The body of if/range/with: pipeline, itemList, and an optional {{else}} itemList.
   * `{{else if}}` in an if (and `{{else with}}` in a with) is parsed as an else list holding one
   * nested if (with) that shares the outer {{end}}. Variables declared here pop at the end.
   */
  private parseControl(context: 'if' | 'range' | 'with') {
    const varsLength = this.vars.length;
    const pipe = this.pipeline(context, 'rightDelim');
    if (context === 'range') this.rangeDepth++;
    const [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.type === 'else') {
      if (context === 'if' && this.peek().kind === 'if') {
        this.next(); // Consume the "if".
        elseList = { type: 'list', pos: next.pos, nodes: [this.ifControl()] };
      } else if (context === 'with' && this.peek().kind === 'with') {
        this.next();
        elseList = { type: 'list', pos: next.pos, nodes: [this.withControl()] };
      } else {
        const [list2, next2] = this.itemList();
        elseList = list2;
        if (next2.type !== 'end') this.errorf(`expected end; found ${parsedString(next2)}`);
      }
    }
    this.vars.length = varsLength;
    return { pos: pipe.pos, line: pipe.line, pipe, list, elseList };
  }

  /**
   * If:
   *	{{if pipeline}} itemList {{end}}
   *	{{if pipeline}} itemList {{else}} itemList {{end}}
   * The if keyword is past.
   */
  private ifControl(): IfNode {
    return { type: 'if', ...this.parseControl('if') };
  }

  /**
   * Range:
   *	{{range pipeline}} itemList {{end}}
   *	{{range pipeline}} itemList {{else}} itemList {{end}}
   * The range keyword is past.
   */
  private rangeControl(): RangeNode {
    return { type: 'range', ...this.parseControl('range') };
  }

  /**
   * With:
   *	{{with pipeline}} itemList {{end}}
   *	{{with pipeline}} itemList {{else}} itemList {{end}}
   * The with keyword is past.
   */
  private withControl(): WithNode {
    return { type: 'with', ...this.parseControl('with') };
  }

  /**
   * End:
   *	{{end}}
   * The end keyword is past.
   */
  private endControl(): EndMarker {
    return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
  }

  /**
   * Else:
   *	{{else}}
   * The else keyword is past. `{{else if ...` and `{{else with ...` leave the if/with pending.
   */
  private elseControl(): ElseMarker {
    const peek = this.peekNonSpace();
    if (peek.kind === 'if' || peek.kind === 'with') return { type: 'else', pos: peek.pos, line: peek.line };
    const token = this.expect('rightDelim', 'else');
    return { type: 'else', pos: token.pos, line: token.line };
  }

  /**
   * Block:
   *	{{block stringValue pipeline}}
   * The block keyword is past. The body becomes its own tree; the block itself is a template
   * call. The pipeline is mandatory.
   */
  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = new TreeParser(name, this.parseName, this.shared);
    const [root, end] = block.itemList();
    block.root = root;
    if (end.type !== 'end') this.errorf(`unexpected ${parsedString(end)} in ${context}`);
    block.add();
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  /**
   * Template:
   *	{{template stringValue pipeline}}
   * The template keyword is past. The pipeline is optional.
   */
  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().kind !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.kind !== 'string' && token.kind !== 'rawString') this.unexpected(token, context);
    return this.unquote(token.text);
  }

  /**
   * command:
   *	operand (space operand)*
   * Space-separated arguments up to a pipe character or right delimiter. The pipe is
   * consumed; the right delimiter is left to end the action.
   */
  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace(); // Skip leading spaces.
      const operand = this.operand();
      if (operand !== undefined) cmd.args.push(operand);
      const token = this.next();
      if (token.kind === 'space') continue;
      if (token.kind === 'rightDelim' || token.kind === 'rightParen') this.backup();
      else if (token.kind !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  /**
   * operand:
   *	term .Field*
   * A term possibly followed by field accesses; undefined when the next item is not a term.
   * Fields after a field or variable extend it; after a literal they are an error; otherwise
   * they make a chain.
   */
  private operand(): Node | undefined {
    let node = this.term();
    if (node === undefined) return undefined;
    if (this.peek().kind === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().kind === 'field') fields.push(this.next().text.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { type: 'variable', pos, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${quote(printNode(node))}`);
        default:
          node = { type: 'chain', pos, node, field: fields };
      }
    }
    return node;
  }

  /**
   * term:
   *	literal (number, string, nil, boolean)
   *	function (identifier)
   *	.
   *	.Field
   *	$
   *	'(' pipeline ')'
   * A simple "expression"; undefined when the next item is not a term.
   */
  private term(): Node | undefined {
    const token = this.nextNonSpace();
    switch (token.kind) {
      case 'identifier':
        if (!this.shared.skipFuncCheck && !this.shared.isFunc(token.text)) {
          this.errorf(`function ${quote(token.text)} not defined`);
        }
        return { type: 'identifier', pos: token.pos, ident: token.text };
      case 'dot':
        return { type: 'dot', pos: token.pos };
      case 'nil':
        return { type: 'nil', pos: token.pos };
      case 'variable':
        return this.useVar(token.pos, token.text);
      case 'field':
        return { type: 'field', pos: token.pos, ident: token.text.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos: token.pos, value: token.text === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.newNumber(token);
      case 'leftParen': {
        if (this.stackDepth >= MAX_PAREN_DEPTH) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        this.stackDepth--;
        return pipe;
      }
      case 'string':
      case 'rawString':
        return { type: 'string', pos: token.pos, quoted: token.text, text: this.unquote(token.text) };
    }
    this.backup();
    return undefined;
  }

  private newNumber(token: Item): NumberNode {
    try {
      const value = newNumber(token.text, token.kind as 'number' | 'charConstant' | 'complex');
      return { type: 'number', pos: token.pos, text: token.text, ...value };
    } catch (err) {
      if (err instanceof NumberSyntaxError) this.errorf(err.message);
      throw err;
    }
  }

  /** strconv.Unquote, its error reported as Go reports it (`invalid syntax`). */
  private unquote(quoted: string): string {
    try {
      return unquote(quoted);
    } catch (err) {
      this.errorf(err instanceof Error ? err.message : String(err));
    }
  }

  /** A variable reference; an error unless the variable is in scope. */
  private useVar(pos: number, name: string): VariableNode {
    const v = newVariable(pos, name);
    if (!this.vars.includes(v.ident[0])) this.errorf(`undefined variable ${quote(v.ident[0])}`);
    return v;
  }
}

function newVariable(pos: number, ident: string): VariableNode {
  return { type: 'variable', pos, ident: ident.split('.') };
}
