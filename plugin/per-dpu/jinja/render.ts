/**
 * The tree-walking interpreter: executes a parsed template against a context, with the scoping
 * Jinja2's compiler produces (a fresh scope per loop iteration, `if` without scope, macros that
 * read their defining scope at call time, `namespace()` for values that outlive a loop) and
 * Jinja2's runtime rules (LoopContext, Macro argument binding, caller, inline-if Undefined).
 * Every node evaluated and every item built is charged to the active Budget.
 */
import { renderMode } from './mode.js';
import type { CallParts, Expr, Stmt, Target } from './ast.js';
import { budget } from './budget.js';
import { JinjaError, limitError, typeError, valueError } from './errors.js';
import { callFilter, callTest } from './filters.js';
import {
  binop,
  escapeHtml,
  failIfStrict,
  getAttr,
  getItem,
  iterate,
  pyCompare,
  pyContains,
  pyEq,
  pySlice,
  toText,
  truthy,
  unary,
} from './pyops.js';
import { pyStr, undefinedError } from './pyrepr.js';
import {
  LoopContext,
  Macro,
  Markup,
  Namespace,
  PyCallable,
  PyDict,
  PyRange,
  PyTuple,
  Scope,
  UnhashableError,
  Undefined,
  undefinedHint,
  undefinedName,
  type CallArgs,
  type PyValue,
} from './values.js';

/** Output collector with a size bound. */
class Buffer {
  readonly parts: string[] = [];
  length = 0;
  constructor(private readonly max: number, private readonly what: string) {}
  push(s: string): void {
    if (!s) return;
    this.length += s.length;
    if (this.length > this.max) throw limitError(`${this.what} exceeds ${this.max} characters`);
    this.parts.push(s);
  }
  text(): string {
    return this.parts.join('');
  }
}

const GLOBAL_NAMES = new Set(['range', 'dict', 'namespace', 'cycler', 'joiner', 'lipsum']);

/** Executes templates; one instance per render. */
export class Interpreter {
  /** Line of the node being evaluated, for error positions. */
  line = 1;
  private readonly globals = new Map<string, PyValue>();

  constructor() {
    for (const name of GLOBAL_NAMES) this.globals.set(name, makeGlobal(name));
  }

  /** Renders the template body with `root` as the template's scope. */
  renderTemplate(body: Stmt[], root: Scope): string {
    const out = new Buffer(budget().limits.maxOutputChars, 'rendered output');
    this.execBody(body, root, out);
    return out.text();
  }

  private newBuffer(): Buffer {
    return new Buffer(budget().limits.maxStringLength, 'a string built by the template');
  }

  private execBody(stmts: Stmt[], scope: Scope, out: Buffer): void {
    for (const s of stmts) this.exec(s, scope, out);
  }

  private exec(s: Stmt, scope: Scope, out: Buffer): void {
    budget().step();
    this.line = s.line;
    switch (s.type) {
      case 'text':
        out.push(s.text);
        return;
      case 'print':
        out.push(toText(this.eval(s.expr, scope)));
        return;
      case 'if':
        this.line = s.line;
        this.execBody(truthy(this.eval(s.test, scope)) ? s.body : s.else_, scope, out);
        return;
      case 'for':
        this.execFor(s, scope, out, this.eval(s.iter, scope), 0);
        return;
      case 'assign':
        this.assign(s.target, this.eval(s.expr, scope), scope);
        return;
      case 'assignblock': {
        const buf = this.newBuffer();
        this.execBody(s.body, new Scope(scope), buf);
        // under autoescape a set block holds Markup (its text was escaped as it was printed)
        let value: PyValue = renderMode().autoescape ? new Markup(buf.text()) : buf.text();
        if (s.filter) value = this.evalFilterChain(s.filter, scope, value);
        this.assign(s.target, value, scope);
        return;
      }
      case 'macro':
        scope.vars.set(s.name, this.makeMacro(s.name, s, scope));
        return;
      case 'callblock': {
        const caller = this.makeMacro('caller', { params: s.params, defaults: s.defaults, body: s.body, line: s.line }, scope);
        const call = s.call;
        const fn = this.eval(call.node, scope);
        const args = this.evalArgs(call, scope);
        args.kwargs.set('caller', caller);
        out.push(toText(this.callValue(fn, args)));
        return;
      }
      case 'filterblock': {
        const buf = this.newBuffer();
        this.execBody(s.body, new Scope(scope), buf);
        out.push(toText(this.evalFilterChain(s.filter, scope, buf.text())));
        return;
      }
      case 'with': {
        const values = s.values.map((v) => this.eval(v, scope));
        const inner = new Scope(scope);
        s.targets.forEach((t, i) => this.assign(t, values[i]!, inner));
        this.execBody(s.body, inner, out);
        return;
      }
      case 'scope':
        this.execBody(s.body, new Scope(scope), out);
        return;
    }
  }

  private execFor(s: Stmt & { type: 'for' }, scope: Scope, out: Buffer, iterValue: PyValue, depth0: number): void {
    let items = iterate(iterValue);
    budget().collectionOf(items.length);
    if (s.test) {
      const test = s.test;
      items = items.filter((item) => {
        budget().step();
        const probe = new Scope(scope);
        this.assign(s.target, item, probe);
        return truthy(this.eval(test, probe));
      });
    }
    if (!items.length) {
      this.execBody(s.else_, new Scope(scope), out);
      return;
    }
    const recurse = s.recursive
      ? (inner: PyValue) => {
          const b = budget();
          if (++b.callDepth > b.limits.maxCallDepth) throw limitError(`recursive loop deeper than ${b.limits.maxCallDepth}`);
          try {
            const buf = this.newBuffer();
            this.execFor(s, scope, buf, inner, depth0 + 1);
            return buf.text();
          } finally {
            b.callDepth--;
          }
        }
      : undefined;
    const loop = new LoopContext(items, depth0, recurse);
    for (const item of items) {
      budget().step();
      loop.index0++;
      const iter = new Scope(scope);
      iter.vars.set('loop', loop);
      this.assign(s.target, item, iter);
      this.execBody(s.body, iter, out);
    }
  }

  private assign(t: Target, value: PyValue, scope: Scope): void {
    if (t.type === 'name') {
      scope.vars.set(t.name, value);
      return;
    }
    if (t.type === 'nsref') {
      const ns = scope.lookup(t.name);
      if (!(ns instanceof Namespace)) throw new JinjaError('runtime', 'TemplateRuntimeError', 'cannot assign attribute on non-namespace object', t.line);
      ns.attrs.set(t.attr, value);
      return;
    }
    const items = iterate(value);
    if (items.length < t.items.length) throw valueError(`not enough values to unpack (expected ${t.items.length}, got ${items.length})`);
    if (items.length > t.items.length) throw valueError(`too many values to unpack (expected ${t.items.length})`);
    t.items.forEach((sub, i) => this.assign(sub, items[i]!, scope));
  }

  private makeMacro(name: string, node: { params: string[]; defaults: Expr[]; body: Stmt[]; line: number }, scope: Scope): Macro {
    const refs = referencedNames(node.body);
    return new Macro(name, node, scope, refs.has('varargs'), refs.has('kwargs'), refs.has('caller'));
  }

  /** Calls a macro with Jinja2's Macro.__call__ argument rules. */
  private callMacro(m: Macro, a: CallArgs): PyValue {
    const b = budget();
    if (++b.callDepth > b.limits.maxCallDepth) throw limitError(`macro calls nested deeper than ${b.limits.maxCallDepth}`);
    try {
      const { params, defaults } = m.node;
      const scope = new Scope(m.closure);
      const kwargs = new Map(a.kwargs);
      const firstDefault = params.length - defaults.length;
      params.forEach((p, i) => {
        let v: PyValue | undefined = i < a.args.length ? a.args[i] : kwargs.get(p);
        if (i >= a.args.length) kwargs.delete(p);
        if (v === undefined) v = i >= firstDefault ? this.eval(defaults[i - firstDefault]!, scope) : undefinedHint(`parameter '${p}' was not provided`);
        scope.vars.set(p, v);
      });
      if (m.usesCaller && !params.includes('caller')) {
        const caller = kwargs.get('caller');
        kwargs.delete('caller');
        scope.vars.set('caller', caller ?? new Undefined(!renderMode().lenientUndefined, 'caller', undefined, false, 'No caller defined'));
      }
      if (m.catchKwargs) scope.vars.set('kwargs', PyDict.from(kwargs));
      else if (kwargs.size) {
        if (kwargs.has('caller')) throw typeError(`macro '${m.name}' was invoked with two values for the special caller argument. This is most likely a bug.`);
        throw typeError(`macro '${m.name}' takes no keyword argument '${[...kwargs.keys()][0]}'`);
      }
      if (m.catchVarargs) scope.vars.set('varargs', new PyTuple(a.args.slice(params.length)));
      else if (a.args.length > params.length) throw typeError(`macro '${m.name}' takes not more than ${params.length} argument(s)`);
      const buf = this.newBuffer();
      this.execBody(m.node.body, scope, buf);
      // Macro._invoke: Markup under autoescape
      return renderMode().autoescape ? new Markup(buf.text()) : buf.text();
    } finally {
      b.callDepth--;
    }
  }

  callValue(fn: PyValue, a: CallArgs): PyValue {
    if (fn instanceof Macro) return this.callMacro(fn, a);
    if (fn instanceof PyCallable) return fn.call(a);
    if (fn instanceof LoopContext) {
      if (!fn.recurse) throw typeError("The loop must have the 'recursive' marker to be called recursively.");
      return fn.recurse(a.args[0] ?? null);
    }
    failIfStrict(fn);
    // jinja2.Undefined.__call__ raises with the Undefined's own message; the inline if's has none to give
    if (fn instanceof Undefined && (fn.name !== undefined || fn.hasObj)) throw undefinedError(fn);
    if (fn instanceof Undefined) throw new JinjaError('undefined', 'UndefinedError', 'the inline if-expression evaluated to an undefined value');
    throw typeError(`'${typeNameOf(fn)}' object is not callable`);
  }

  private evalArgs(c: CallParts, scope: Scope): CallArgs {
    const args = c.args.map((e) => this.eval(e, scope));
    if (c.dynArgs) args.push(...iterate(this.eval(c.dynArgs, scope)));
    const kwargs = new Map<string, PyValue>();
    for (const [k, e] of c.kwargs) kwargs.set(k, this.eval(e, scope));
    if (c.dynKwargs) {
      const d = this.eval(c.dynKwargs, scope);
      if (!(d instanceof PyDict)) throw typeError(`argument after ** must be a mapping, not ${typeNameOf(d)}`);
      for (const [k, v] of d.entries()) {
        if (typeof k !== 'string') throw typeError('keywords must be strings');
        kwargs.set(k, v);
      }
    }
    return { args, kwargs };
  }

  /** A filter expression whose innermost node is null takes `input` (set/filter blocks). */
  private evalFilterChain(e: Expr, scope: Scope, input: PyValue): PyValue {
    if (e.type !== 'filter') return this.eval(e, scope);
    const value = e.node === null ? input : this.evalFilterChain(e.node, scope, input);
    this.line = e.line;
    return callFilter(e.name, value, this.evalArgs(e, scope));
  }

  eval(e: Expr, scope: Scope): PyValue {
    budget().step();
    this.line = e.line;
    switch (e.type) {
      case 'const':
        return e.value;
      case 'name': {
        const v = scope.lookup(e.name);
        if (v !== undefined) return v;
        return this.globals.get(e.name) ?? undefinedName(e.name);
      }
      case 'getattr': {
        const obj = this.eval(e.node, scope);
        this.line = e.line;
        return getAttr(obj, e.attr);
      }
      case 'getitem': {
        const obj = this.eval(e.node, scope);
        if (e.arg.type === 'slice') {
          const part = (x?: Expr) => (x ? this.eval(x, scope) : null);
          const v = pySlice(obj, part(e.arg.start), part(e.arg.stop), part(e.arg.step));
          return v;
        }
        const key = this.eval(e.arg, scope);
        this.line = e.line;
        try {
          return getItem(obj, key);
        } catch (err) {
          if (err instanceof UnhashableError) throw typeError(err.message);
          throw err;
        }
      }
      case 'slice':
        throw typeError('slice outside of a subscript');
      case 'call': {
        const fn = this.eval(e.node, scope);
        const args = this.evalArgs(e, scope);
        this.line = e.line;
        return this.callValue(fn, args);
      }
      case 'filter': {
        const value = e.node === null ? '' : this.eval(e.node, scope);
        const args = this.evalArgs(e, scope);
        this.line = e.line;
        return callFilter(e.name, value, args);
      }
      case 'test': {
        const value = this.eval(e.node, scope);
        const args = this.evalArgs(e, scope);
        this.line = e.line;
        return callTest(e.name, value, args);
      }
      case 'not':
        return !truthy(this.eval(e.node, scope));
      case 'neg':
      case 'pos':
        return unary(e.type, this.eval(e.node, scope));
      case 'binop': {
        const l = this.eval(e.left, scope);
        const r = this.eval(e.right, scope);
        this.line = e.line;
        return binop(e.op, l, r);
      }
      case 'concat': {
        const values = e.nodes.map((n) => this.eval(n, scope));
        // markup_join under autoescape: any Markup part makes a Markup of the others escaped
        const markup = renderMode().autoescape && values.some((v) => v instanceof Markup);
        const parts = values.map((v) => (markup && !(v instanceof Markup) ? escapeHtml(pyStr(v)) : pyStr(v)));
        budget().stringOf(parts.reduce((n, p) => n + p.length, 0));
        return markup ? new Markup(parts.join('')) : parts.join('');
      }
      case 'and': {
        const l = this.eval(e.left, scope);
        return truthy(l) ? this.eval(e.right, scope) : l;
      }
      case 'or': {
        const l = this.eval(e.left, scope);
        return truthy(l) ? l : this.eval(e.right, scope);
      }
      case 'compare': {
        let left = this.eval(e.expr, scope);
        for (const { op, expr } of e.ops) {
          const right = this.eval(expr, scope);
          this.line = e.line;
          let ok: boolean;
          if (op === 'eq') ok = pyEq(left, right);
          else if (op === 'ne') ok = !pyEq(left, right);
          else if (op === 'in') ok = pyContains(right, left);
          else if (op === 'notin') ok = !pyContains(right, left);
          else ok = pyCompare(op, left, right);
          if (!ok) return false;
          left = right;
        }
        return true;
      }
      case 'condexpr':
        if (truthy(this.eval(e.test, scope))) return this.eval(e.expr1, scope);
        if (e.expr2) return this.eval(e.expr2, scope);
        return new Undefined(false, undefined, undefined, false, `the inline if-expression on line ${e.line} evaluated to false and no else section was defined.`);
      case 'list': {
        budget().collectionOf(e.items.length);
        return e.items.map((x) => this.eval(x, scope));
      }
      case 'tuple':
        return new PyTuple(e.items.map((x) => this.eval(x, scope)));
      case 'dict': {
        const d = new PyDict();
        for (const [k, v] of e.items) {
          const key = this.eval(k, scope);
          try {
            d.set(key, this.eval(v, scope));
          } catch (err) {
            if (err instanceof UnhashableError) throw typeError(err.message);
            throw err;
          }
        }
        return d;
      }
    }
  }
}

function typeNameOf(v: PyValue): string {
  return v === null ? 'NoneType' : v instanceof PyDict ? 'dict' : typeof v === 'string' ? 'str' : typeof v === 'bigint' ? 'int' : typeof v === 'number' ? 'float' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'list' : v instanceof PyTuple ? 'tuple' : v instanceof Markup ? 'Markup' : 'object';
}

/** Names a block of statements loads (Jinja2's find_undeclared for caller/varargs/kwargs). */
function referencedNames(body: Stmt[]): Set<string> {
  const names = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    if (!x || typeof x !== 'object') return;
    const node = x as { type?: string; name?: unknown };
    if (node.type === 'name' && typeof node.name === 'string') names.add(node.name);
    for (const [k, v] of Object.entries(x)) if (k !== 'value' && typeof v === 'object') walk(v);
  };
  walk(body);
  return names;
}

function intArg(v: PyValue | undefined, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return BigInt(+v);
  failIfStrict(v ?? null);
  throw typeError(`'${typeNameOf(v ?? null)}' object cannot be interpreted as an integer${what}`);
}

function makeGlobal(name: string): PyValue {
  switch (name) {
    case 'range':
      return new PyCallable('range', undefined, ({ args }) => {
        if (!args.length) throw typeError('range expected at least 1 argument, got 0');
        if (args.length > 3) throw typeError(`range expected at most 3 arguments, got ${args.length}`);
        const [a, b, c] = args.map((x) => intArg(x, ''));
        const r = args.length === 1 ? new PyRange(0n, a!, 1n) : new PyRange(a!, b!, c ?? 1n);
        if (r.step === 0n) throw valueError('range() arg 3 must not be zero');
        const max = budget().limits.maxCollectionLength;
        if (r.length > max) throw limitError(`range of ${r.length} items is larger than ${max} (Jinja2's sandbox MAX_RANGE)`);
        return r;
      });
    case 'dict':
      return new PyCallable('dict', undefined, ({ args, kwargs }) => {
        const d = new PyDict();
        if (args[0] instanceof PyDict) for (const [k, v] of args[0].entries()) d.set(k, v);
        else if (args[0] !== undefined) for (const pair of iterate(args[0])) {
          const kv = iterate(pair);
          d.set(kv[0]!, kv[1]!);
        }
        for (const [k, v] of kwargs) d.set(k, v);
        return d;
      });
    case 'namespace':
      return new PyCallable('namespace', undefined, ({ args, kwargs }) => {
        const ns = new Namespace();
        if (args[0] instanceof PyDict) for (const [k, v] of args[0].entries()) ns.attrs.set(pyStr(k), v);
        for (const [k, v] of kwargs) ns.attrs.set(k, v);
        return ns;
      });
    case 'joiner':
      return new PyCallable('joiner', undefined, ({ args, kwargs }) => {
        const given = args.length ? args[0] : kwargs.get('sep');
        const sep = pyStr(given === undefined ? ', ' : given);
        let used = false;
        return new PyCallable('__call__', 'Joiner', () => {
          if (!used) {
            used = true;
            return '';
          }
          return sep;
        });
      });
    case 'cycler':
      return new PyCallable('cycler', undefined, () => {
        throw new JinjaError('runtime', 'TemplateRuntimeError', 'cycler() is not supported; use loop.cycle()');
      });
    default:
      return new PyCallable(name, undefined, () => {
        throw new JinjaError('runtime', 'TemplateRuntimeError', `${name}() is not supported: a startup config must render the same on every sync`);
      });
  }
}


