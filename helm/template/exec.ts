/**
 * The text/template executor (mirrors Go 1.23 src/text/template/exec.go): walks a parsed tree
 * over a Go value, printing text and action results.
 *
 * All execution state lives in an ExecState created per call (current node for errors, variable
 * stack, template depth, output), never on the trees: a set parses once and executes many times.
 * Errors are thrown as TemplateExecError located at the node Go's `s.at(node)` would have set.
 */
import type {
  ActionNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  RangeNode,
  TemplateNode,
  Tree,
  VariableNode,
} from './ast.js';
import { TemplateExecError } from './errors.js';
import {
  Boxed,
  concrete,
  evalArg,
  evalCall,
  evalField,
  type Final,
  holdElem,
  MISSING,
  truth,
  type Val,
} from './exec-call.js';
import { sprint, sprintf } from './gofmt.js';
import { compareGoStrings } from './gostring.js';
import { MAX_EXEC_DEPTH } from './limits.js';
import { errorContext, printNode } from './print.js';
import { quote } from './strconv.js';
import { GoComplex, GoFunc, GoInt, type GoValue, GoStruct, mapType, NO_FIELD, sliceType, typeOf } from './value.js';
import { type ExecBudget, printedSizeAtLeast, runWithBudget } from './budget.js';

/** text/template's missingkey option. `default` and `invalid` are the same mode. */
export type MissingKeyMode = 'default' | 'invalid' | 'zero' | 'error';

/** What the executor needs from its template set. */
export interface ExecContext {
  /** The associated template with this name (Go's Template.Lookup). */
  lookupTree(name: string): Tree | undefined;
  /** A function by name: the set's functions first, then the builtins (Go's findFunction). */
  findFunction(name: string): { fn: GoFunc; isBuiltin: boolean } | undefined;
  readonly missingKey: MissingKeyMode;
  /** The render's work bound, if the caller set one (helm itself has none). */
  readonly budget?: ExecBudget | undefined;
}

interface Variable {
  name: string;
  value: Val;
}

/** Output shared by a template and the templates it calls. */
interface Output {
  text: string;
}

/** Control flow out of a range body: Go panics with walkBreak/walkContinue. */
const enum Flow {
  Normal,
  Break,
  Continue,
}

/**
 * Executes `tree` (the template named `name`) with `data` as dot and `$`, returning the output.
 * Throws TemplateExecError on the first error, as Template.Execute returns one.
 */
export function executeTree(ctx: ExecContext, name: string, tree: Tree, data: GoValue): string {
  const value: Val = data === null ? undefined : data;
  const state = new ExecState(ctx, name, tree, [{ name: '$', value }], 0, { text: '' });
  // Functions find the render's budget as the active one (budget.ts).
  return runWithBudget(ctx.budget, () => {
    state.walk(value, tree.root);
    return state.out.text;
  });
}

/** One template's execution: Go's `state`. Exported for exec-call.ts, which evaluates calls on it. */
export class ExecState {
  /** The node being evaluated, for error locations (Go's s.node). */
  node: Node | undefined;

  constructor(
    readonly ctx: ExecContext,
    /** Name of the template being executed (Go's s.tmpl.Name()). */
    readonly name: string,
    readonly tree: Tree,
    private vars: Variable[],
    readonly depth: number,
    readonly out: Output,
  ) {}

  get missingKey(): MissingKeyMode {
    return this.ctx.missingKey;
  }

  /** Marks the state to be on node n, for error reporting. */
  at(node: Node): void {
    this.node = node;
  }

  /** Throws an ExecError located at the current node. */
  errorf(detail: string, cause?: unknown): never {
    const location = this.node ? errorContext(this.tree, this.node) : undefined;
    throw new TemplateExecError(this.name, location, detail, cause === undefined ? undefined : { cause });
  }

  // --- variables -------------------------------------------------------------------------------

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  /** Overwrites the last declared variable with the given name (`$x = ...`). */
  private setVar(name: string, value: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  /** Overwrites the top-nth variable on the stack (range iterations). */
  private setTopVar(n: number, value: Val): void {
    this.vars[this.vars.length - n]!.value = value;
  }

  private varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  // --- walking ---------------------------------------------------------------------------------

  /** Steps through one node, writing output. Returns break/continue to the enclosing range. */
  walk(dot: Val, node: Node): Flow {
    this.at(node);
    this.ctx.budget?.tick(this.out.text.length);
    switch (node.type) {
      case 'action': {
        // Declared variables persist until the end of the enclosing block; a declaration prints nothing.
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return Flow.Normal;
      }
      case 'break':
        return Flow.Break;
      case 'continue':
        return Flow.Continue;
      case 'comment':
        return Flow.Normal;
      case 'if':
        return this.walkIfOrWith(false, dot, node.pipe, node.list, node.elseList);
      case 'list':
        // Inlined (not a helper) to keep JavaScript stack use per template level low.
        for (const child of node.nodes) {
          const flow = this.walk(dot, child);
          if (flow !== Flow.Normal) return flow;
        }
        return Flow.Normal;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        this.walkTemplate(dot, node);
        return Flow.Normal;
      case 'text':
        this.out.text += node.text;
        return Flow.Normal;
      case 'with':
        return this.walkIfOrWith(true, dot, node.pipe, node.list, node.elseList);
      default:
        return this.errorf(`unknown node: ${printNode(node)}`);
    }
  }

  /** `if` and `with` differ only in that `with` sets dot; variables declared in them end with them. */
  private walkIfOrWith(isWith: boolean, dot: Val, pipe: PipeNode, list: ListNode, elseList: ListNode | undefined): Flow {
    const mark = this.mark();
    const val = this.evalPipeline(dot, pipe);
    let flow = Flow.Normal;
    if (truth(val)) flow = this.walk(isWith ? val : dot, list);
    else if (elseList) flow = this.walk(dot, elseList);
    this.pop(mark);
    return flow;
  }

  private walkRange(dot: Val, r: RangeNode): Flow {
    this.at(r);
    const outerMark = this.mark();
    const val = indirect(this.evalPipeline(dot, r.pipe));
    // Mark the stack before any variables of the body are pushed.
    const mark = this.mark();
    const decl = r.pipe.decl;
    const oneIteration = (index: Val, elem: Val): Flow => {
      if (decl.length > 0) {
        if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
        else this.setTopVar(1, elem);
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
        else this.setTopVar(2, index);
      }
      const flow = this.walk(elem, r.list);
      this.pop(mark);
      return flow;
    };
    let iterated = false;
    if (Array.isArray(val)) {
      if (val.length > 0) {
        iterated = true;
        const hold = (e: GoValue): Val => holdElem(sliceType(val), e);
        for (let i = 0; i < val.length; i++) {
          if (oneIteration(GoInt.int(i), hold(val[i])) === Flow.Break) break;
        }
      }
    } else if (val instanceof Uint8Array) {
      if (val.length > 0) {
        iterated = true;
        for (let i = 0; i < val.length; i++) {
          if (oneIteration(GoInt.int(i), new GoInt(BigInt(val[i]!), 'uint8')) === Flow.Break) break;
        }
      }
    } else if (val instanceof Map) {
      if (val.size > 0) {
        iterated = true;
        const type = mapType(val);
        for (const key of sortedKeys(val)) {
          if (oneIteration(key, holdElem(type, val.get(key))) === Flow.Break) break;
        }
      }
    } else if (val !== undefined) {
      this.errorf(`range can't iterate over ${sprintf('%v', [printable(val)])}`);
    }
    let flow = Flow.Normal;
    if (!iterated && r.elseList) {
      flow = this.walk(dot, r.elseList);
      // walkBreak is recovered by this range even from its else branch; walkContinue is not.
      if (flow === Flow.Break) flow = Flow.Normal;
    }
    this.pop(outerMark);
    return flow;
  }

  private walkTemplate(dot: Val, t: TemplateNode): void {
    this.at(t);
    const tree = this.ctx.lookupTree(t.name);
    if (!tree) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    // Variables declared by the pipeline persist; the called template sees none of ours.
    const newDot = this.evalPipeline(dot, t.pipe);
    const state = new ExecState(this.ctx, t.name, tree, [{ name: '$', value: newDot }], this.depth + 1, this.out);
    try {
      state.walk(newDot, tree.root);
    } catch (e) {
      // JavaScript's stack ends long before Go's 100000 levels; runaway recursion reports Go's error.
      if (!isStackOverflow(e)) throw e;
      this.at(t);
      this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    }
  }

  // --- evaluation ------------------------------------------------------------------------------

  /**
   * Evaluates a pipeline, pushing (or assigning) its declared variables. After each command a
   * value held in an interface{} is replaced by its concrete value, and a nil interface becomes
   * invalid (Go's "lovely!" step), which is why a missing key prints `<no value>`.
   */
  evalPipeline(dot: Val, pipe: PipeNode | undefined): Val {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = concrete(this.evalCommand(dot, cmd, value));
    const result = value as Val;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, result);
      else this.vars.push({ name: variable.ident[0]!, value: result });
    }
    return result;
  }

  private notAFunction(args: readonly Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${printNode(args[0]!)}`);
    }
  }

  private evalCommand(dot: Val, cmd: CommandNode, final: Final): Val {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        // A parenthesized pipeline: its arguments are inside it, so there must be no final value.
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    return this.errorf(`can't evaluate command ${quote(printNode(first))}`);
  }

  /**
   * A number literal where no type is known: a complex literal (`3i`, `1+2i`, even `1+0i`) gives
   * complex128, float syntax float64, otherwise int (a literal that fits only uint64
   * `overflows int`; one that fits neither is invalid).
   */
  idealConstant(constant: NumberNode): Val {
    this.at(constant);
    const text = constant.text;
    if (constant.isComplex) return new GoComplex(...constant.complex128!);
    if (constant.isFloat && !isHexInt(text) && !isRuneInt(text) && /[.eEpP]/.test(text)) return constant.float64!;
    if (constant.isInt) return new GoInt(constant.int64!, 'int');
    if (constant.isUint) this.errorf(`${text} overflows int`);
    return undefined;
  }

  evalFieldNode(dot: Val, field: FieldNode, args: readonly Node[] | undefined, final: Final): Val {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  evalChainNode(dot: Val, chain: ChainNode, args: readonly Node[] | undefined, final: Final): Val {
    this.at(chain);
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${printNode(chain)}`);
    // (pipe).Field1.Field2: evaluate the pipeline, then the fields.
    const pipe = evalArg(this, dot, undefined, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  evalVariableNode(dot: Val, variable: VariableNode, args: readonly Node[] | undefined, final: Final): Val {
    // $x.Field has $x as the first ident, Field as the second.
    this.at(variable);
    const value = this.varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  /** .X.Y.Z: dot evaluates arguments, receiver walks along the chain; only the last gets the arguments. */
  private evalFieldChain(
    dot: Val,
    receiver: Val,
    node: Node,
    ident: readonly string[],
    args: readonly Node[] | undefined,
    final: Final,
  ): Val {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = evalField(this, dot, ident[i]!, node, undefined, MISSING, receiver);
    return evalField(this, dot, ident[n - 1]!, node, args, final, receiver);
  }

  evalFunction(dot: Val, node: IdentifierNode, cmd: Node, args: readonly Node[] | undefined, final: Final): Val {
    this.at(node);
    const found = this.ctx.findFunction(node.ident);
    if (!found) return this.errorf(`${quote(node.ident)} is not a defined function`);
    return evalCall(this, dot, found.fn, found.isBuiltin, cmd, node.ident, args, final);
  }

  /** Prints an action's value the way fmt.Print does, with Go's printableValue adjustments. */
  private printValue(node: ActionNode, v: Val): void {
    this.at(node);
    if (v === undefined) {
      this.out.text += '<no value>';
      return;
    }
    const raw = v instanceof Boxed ? v.value : v;
    if (raw instanceof GoStruct && !raw.goType.startsWith('*')) {
      const viaPointer = raw.pointerString();
      if (viaPointer !== undefined) {
        this.out.text += viaPointer;
        return;
      }
    }
    const value = printable(raw);
    if (value instanceof GoFunc) this.errorf(`can't print ${printNode(node)} of type ${typeOf(value)}`);
    const budget = this.ctx.budget;
    if (budget !== undefined && (value instanceof Map || Array.isArray(value))) {
      // A list or map sharing sub-values prints exponentially long: refuse before printing.
      budget.checkOutput(this.out.text.length + printedSizeAtLeast(value));
    }
    this.out.text += sprint([value]);
    budget?.checkOutput(this.out.text.length);
  }
}

/**
 * A non-nil pointer to a struct seen as the struct itself: text/template indirects pointers before
 * printing (`{{.Chart}}` prints `{...}`, not `&{...}`) and before ranging.
 */
class Pointee extends GoStruct {
  readonly goType: string;

  constructor(private readonly ptr: GoStruct) {
    super();
    this.goType = ptr.goType.slice(1);
  }

  fieldNames(): readonly string[] {
    return this.ptr.fieldNames();
  }

  field(name: string): GoValue | typeof NO_FIELD {
    return this.ptr.field(name);
  }

  override method(name: string): GoFunc | undefined {
    return this.ptr.method(name);
  }

  override goString(): string | undefined {
    return this.ptr.goString();
  }
}

/** printableValue / indirect for printing: a non-nil struct pointer becomes its struct. */
function printable(v: GoValue): GoValue {
  if (v instanceof GoStruct && v.goType.startsWith('*') && !v.isNilPointer()) return new Pointee(v);
  return v;
}

/** indirect(): through interfaces and non-nil pointers. */
function indirect(v: Val): GoValue {
  const c = concrete(v);
  return printable(c);
}

/** Map keys in the order Go's fmtsort gives string keys: byte-wise. */
function sortedKeys(m: Map<string, GoValue>): string[] {
  return [...m.keys()].sort(compareGoStrings);
}

function isRuneInt(s: string): boolean {
  return s.length > 0 && s[0] === "'";
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}

function isStackOverflow(e: unknown): boolean {
  // No regular expression: this runs where the stack just ran out, and Node 24's V8 compiles a
  // regexp on first use, which fails there ("Invalid regular expression: ... Stack overflow").
  return e instanceof RangeError && e.message.includes('call stack');
}
