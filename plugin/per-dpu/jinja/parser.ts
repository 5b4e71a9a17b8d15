/**
 * Recursive-descent parser mirroring jinja2/parser.py: one method per grammar production, same
 * precedence (condexpr < or < and < not < compare < + - < ~ < * / // % < ** < unary/postfix/filter),
 * same error texts ("Unexpected end of template. Jinja was looking for ...").
 * Tags: for, if/elif/else, set (expression and block), macro, call, filter, with, block, print;
 * raw is handled by the lexer. extends/include/import/from need a loader Jinja2's from_string has
 * not got, so they fail here with a clear message.
 */
import type { CallParts, CompareOp, Expr, MacroNode, Stmt, Target, TemplateAst } from './ast.js';
import { JinjaError, limitError, syntaxError } from './errors.js';
import type { Token, TokenType } from './lexer.js';

const DESCRIBE: Partial<Record<TokenType, string>> = {
  variable_begin: 'begin of print statement',
  variable_end: 'end of print statement',
  block_begin: 'begin of statement block',
  block_end: 'end of statement block',
  data: 'template data / text',
  eof: 'end of template',
};

function describeToken(t: Token): string {
  if (t.type === 'name') return String(t.value);
  if (DESCRIBE[t.type]) return DESCRIBE[t.type]!;
  if (t.type === 'string' || t.type === 'integer' || t.type === 'float') return t.type;
  return String(t.value);
}

/** describe_token_expr: 'name:endif' -> 'endif', 'variable_end' -> 'end of print statement'. */
function describeExpr(expr: string): string {
  if (expr.startsWith('name:')) return expr.slice(5);
  return DESCRIBE[expr as TokenType] ?? OP_TEXT[expr] ?? expr;
}

const OP_TEXT: Record<string, string> = {
  rparen: ')', rbracket: ']', rbrace: '}', lparen: '(', colon: ':', comma: ',', assign: '=', name: 'name',
};

const pyQuote = (s: string) => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`);

class TokenStream {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  get current(): Token {
    return this.tokens[this.i]!;
  }
  type(): TokenType {
    return this.current.type;
  }
  look(): Token {
    return this.tokens[Math.min(this.i + 1, this.tokens.length - 1)]!;
  }
  next(): Token {
    const t = this.current;
    if (t.type !== 'eof') this.i++;
    return t;
  }
  test(expr: string, t: Token = this.current): boolean {
    const colon = expr.indexOf(':');
    if (colon === -1) return t.type === expr;
    return t.type === expr.slice(0, colon) && t.value === expr.slice(colon + 1);
  }
  testAny(...exprs: string[]): boolean {
    return exprs.some((e) => this.test(e));
  }
  skipIf(expr: string): boolean {
    if (!this.test(expr)) return false;
    this.next();
    return true;
  }
  expect(expr: string): Token {
    if (!this.test(expr)) {
      const d = describeExpr(expr);
      if (this.current.type === 'eof') throw syntaxError(`unexpected end of template, expected ${pyQuote(d)}.`, this.current.line);
      throw syntaxError(`expected token ${pyQuote(d)}, got ${pyQuote(describeToken(this.current))}`, this.current.line);
    }
    return this.next();
  }
}

const COMPARE_OPS = new Set(['eq', 'ne', 'lt', 'lteq', 'gt', 'gteq']);
const MATH1: Record<string, '+' | '-'> = { add: '+', sub: '-' };
const MATH2: Record<string, '*' | '/' | '//' | '%'> = { mul: '*', div: '/', floordiv: '//', mod: '%' };
const STATEMENTS = new Set(['for', 'if', 'block', 'extends', 'print', 'macro', 'include', 'from', 'import', 'set', 'with', 'autoescape']);

/** Parses tokens into a TemplateAst. Throws JinjaError ('syntax' or 'limit'). */
export function parseTokens(tokens: Token[], maxDepth: number): TemplateAst {
  return new Parser(tokens, maxDepth).parse();
}

class Parser {
  private readonly s: TokenStream;
  private readonly tagStack: string[] = [];
  private readonly endTokenStack: string[][] = [];
  private depth = 0;

  constructor(
    tokens: Token[],
    private readonly maxDepth: number,
  ) {
    this.s = new TokenStream(tokens);
  }

  parse(): TemplateAst {
    return { body: this.subparse(null) };
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) {
      const e = limitError(`template nesting deeper than ${this.maxDepth}`);
      e.lineno = this.s.current.line;
      throw e;
    }
  }

  private fail(msg: string, line = this.s.current.line): never {
    throw syntaxError(msg, line);
  }

  private failUnknownTag(name: string | null, endStack: string[][], line: number): never {
    const expected = new Set<string>();
    for (const exprs of endStack) for (const e of exprs) expected.add(describeExpr(e));
    const looking = endStack.length ? endStack[endStack.length - 1]!.map((e) => pyQuote(describeExpr(e))).join(' or ') : null;
    const msg = [name === null ? 'Unexpected end of template.' : `Encountered unknown tag ${pyQuote(name)}.`];
    if (looking) {
      if (name !== null && expected.has(name)) {
        msg.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${looking}.`);
      } else msg.push(`Jinja was looking for the following tags: ${looking}.`);
    }
    if (this.tagStack.length) msg.push(`The innermost block that needs to be closed is ${pyQuote(this.tagStack[this.tagStack.length - 1]!)}.`);
    this.fail(msg.join(' '), line);
  }

  private subparse(endTokens: string[] | null): Stmt[] {
    const body: Stmt[] = [];
    if (endTokens) this.endTokenStack.push(endTokens);
    this.enter();
    try {
      for (;;) {
        const t = this.s.current;
        if (t.type === 'eof') break;
        if (t.type === 'data') {
          body.push({ type: 'text', line: t.line, text: String(t.value) });
          this.s.next();
        } else if (t.type === 'variable_begin') {
          this.s.next();
          body.push({ type: 'print', line: this.s.current.line, expr: this.parseTuple({ withCondexpr: true }) });
          this.s.expect('variable_end');
        } else if (t.type === 'block_begin') {
          this.s.next();
          if (endTokens && this.s.testAny(...endTokens)) return body;
          body.push(...this.parseStatement());
          this.s.expect('block_end');
        } else {
          this.fail('internal parsing error');
        }
      }
      return body;
    } finally {
      this.depth--;
      if (endTokens) this.endTokenStack.pop();
    }
  }

  private parseStatements(endTokens: string[], dropNeedle = false): Stmt[] {
    this.s.skipIf('colon');
    this.s.expect('block_end');
    const result = this.subparse(endTokens);
    if (this.s.type() === 'eof') this.failUnknownTag(null, [...this.endTokenStack, endTokens], this.s.current.line);
    if (dropNeedle) this.s.next();
    return result;
  }

  private parseStatement(): Stmt[] {
    const t = this.s.current;
    if (t.type !== 'name') this.fail('tag name expected', t.line);
    const name = String(t.value);
    const known = STATEMENTS.has(name) || name === 'call' || name === 'filter';
    if (!known) this.failUnknownTag(name, this.endTokenStack, t.line);
    this.tagStack.push(name);
    try {
      switch (name) {
        case 'for': return [this.parseFor()];
        case 'if': return [this.parseIf()];
        case 'set': return [this.parseSet()];
        case 'macro': return [this.parseMacro()];
        case 'call': return [this.parseCallBlock()];
        case 'filter': return [this.parseFilterBlock()];
        case 'with': return [this.parseWith()];
        case 'block': return [this.parseBlock()];
        case 'print': return this.parsePrint();
        case 'autoescape': return [this.parseAutoescape()];
        default:
          // extends, include, import, from: Jinja2's from_string has no loader for these.
          throw new JinjaError('runtime', 'TypeError', `no loader for this environment specified ('${name}' needs another template; a startup template is one file)`, t.line);
      }
    } finally {
      this.tagStack.pop();
    }
  }

  private parseFor(): Stmt {
    const line = this.s.expect('name:for').line;
    const target = this.parseAssignTarget({ extraEndRules: ['name:in'] });
    this.s.expect('name:in');
    const iter = this.parseTuple({ withCondexpr: false, extraEndRules: ['name:recursive'] });
    let test: Expr | undefined;
    if (this.s.skipIf('name:if')) test = this.parseExpression();
    const recursive = this.s.skipIf('name:recursive');
    const body = this.parseStatements(['name:endfor', 'name:else']);
    let else_: Stmt[] = [];
    if (this.s.next().value !== 'endfor') else_ = this.parseStatements(['name:endfor'], true);
    const node: Stmt = { type: 'for', line, target, iter, body, else_, recursive };
    if (test) node.test = test;
    return node;
  }

  private parseIf(): Stmt {
    const line = this.s.expect('name:if').line;
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(['name:elif', 'name:else', 'name:endif']);
    const root: Stmt & { type: 'if' } = { type: 'if', line, test, body, else_: [] };
    let node = root;
    for (;;) {
      const tok = this.s.next();
      if (this.s.test('name:elif', tok)) {
        const elifLine = this.s.current.line;
        const elifTest = this.parseTuple({ withCondexpr: false });
        const elifBody = this.parseStatements(['name:elif', 'name:else', 'name:endif']);
        const next: Stmt & { type: 'if' } = { type: 'if', line: elifLine, test: elifTest, body: elifBody, else_: [] };
        node.else_ = [next];
        node = next;
        continue;
      }
      if (this.s.test('name:else', tok)) node.else_ = this.parseStatements(['name:endif'], true);
      break;
    }
    return root;
  }

  private parseSet(): Stmt {
    const line = this.s.next().line;
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.s.skipIf('assign')) return { type: 'assign', line, target, expr: this.parseTuple({}) };
    const filter = this.parseFilter(null);
    const body = this.parseStatements(['name:endset'], true);
    return { type: 'assignblock', line, target, filter, body };
  }

  private parseWith(): Stmt {
    const line = this.s.next().line;
    const targets: Target[] = [];
    const values: Expr[] = [];
    while (this.s.type() !== 'block_end') {
      if (targets.length) this.s.expect('comma');
      targets.push(this.parseAssignTarget({}));
      this.s.expect('assign');
      values.push(this.parseExpression());
    }
    return { type: 'with', line, targets, values, body: this.parseStatements(['name:endwith'], true) };
  }

  private parseAutoescape(): Stmt {
    // Autoescape only changes escaping, which is off in the reference Environment; its
    // expression is parsed and the body rendered in a scope.
    const line = this.s.next().line;
    this.parseExpression();
    return { type: 'scope', line, body: this.parseStatements(['name:endautoescape'], true) };
  }

  private parseBlock(): Stmt {
    const line = this.s.next().line;
    const name = String(this.s.expect('name').value);
    this.s.skipIf('name:scoped');
    this.s.skipIf('name:required');
    if (this.s.type() === 'sub') {
      this.fail('Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.');
    }
    const body = this.parseStatements(['name:endblock'], true);
    this.s.skipIf('name:' + name);
    return { type: 'scope', line, body };
  }

  private parsePrint(): Stmt[] {
    this.s.next();
    const out: Stmt[] = [];
    while (this.s.type() !== 'block_end') {
      if (out.length) this.s.expect('comma');
      const line = this.s.current.line;
      out.push({ type: 'print', line, expr: this.parseExpression() });
    }
    return out;
  }

  private parseSignature(): { params: string[]; defaults: Expr[] } {
    const params: string[] = [];
    const defaults: Expr[] = [];
    this.s.expect('lparen');
    while (this.s.type() !== 'rparen') {
      if (params.length) this.s.expect('comma');
      const arg = String(this.s.expect('name').value);
      if (this.s.skipIf('assign')) defaults.push(this.parseExpression());
      else if (defaults.length) this.fail('non-default argument follows default argument');
      params.push(arg);
    }
    this.s.expect('rparen');
    return { params, defaults };
  }

  private parseCallBlock(): Stmt {
    const line = this.s.next().line;
    const sig = this.s.type() === 'lparen' ? this.parseSignature() : { params: [], defaults: [] };
    const call = this.parseExpression();
    if (call.type !== 'call') this.fail('expected call', line);
    const body = this.parseStatements(['name:endcall'], true);
    return { type: 'callblock', line, call, params: sig.params, defaults: sig.defaults, body };
  }

  private parseFilterBlock(): Stmt {
    const line = this.s.next().line;
    const filter = this.parseFilter(null, true)!;
    return { type: 'filterblock', line, filter, body: this.parseStatements(['name:endfilter'], true) };
  }

  private parseMacro(): MacroNode {
    const line = this.s.next().line;
    const name = String(this.s.expect('name').value);
    const sig = this.parseSignature();
    const body = this.parseStatements(['name:endmacro'], true);
    return { type: 'macro', line, name, params: sig.params, defaults: sig.defaults, body };
  }

  private parseAssignTarget(o: { withTuple?: boolean; nameOnly?: boolean; extraEndRules?: string[]; withNamespace?: boolean }): Target {
    if (o.withNamespace && this.s.look().type === 'dot') {
      const tok = this.s.expect('name');
      this.s.next();
      const attr = this.s.expect('name');
      return { type: 'nsref', line: tok.line, name: String(tok.value), attr: String(attr.value) };
    }
    if (o.nameOnly) {
      const tok = this.s.expect('name');
      return { type: 'name', line: tok.line, name: String(tok.value) };
    }
    const expr = o.withTuple === false ? this.parsePrimary() : this.parseTuple({ simplified: true, extraEndRules: o.extraEndRules });
    return this.toTarget(expr);
  }

  private toTarget(e: Expr): Target {
    if (e.type === 'name') {
      if (['true', 'false', 'none', 'True', 'False', 'None'].includes(e.name)) this.fail(`can't assign to 'const'`, e.line);
      return { type: 'name', line: e.line, name: e.name };
    }
    if (e.type === 'tuple') return { type: 'tuple', line: e.line, items: e.items.map((x) => this.toTarget(x)) };
    this.fail(`can't assign to ${pyQuote(e.type)}`, e.line);
  }

  parseExpression(withCondexpr = true): Expr {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  private parseCondexpr(): Expr {
    let line = this.s.current.line;
    let expr1 = this.parseOr();
    while (this.s.skipIf('name:if')) {
      const test = this.parseOr();
      const node: Expr = { type: 'condexpr', line, test, expr1 };
      if (this.s.skipIf('name:else')) node.expr2 = this.parseCondexpr();
      expr1 = node;
      line = this.s.current.line;
    }
    return expr1;
  }

  private parseOr(): Expr {
    let line = this.s.current.line;
    let left = this.parseAnd();
    while (this.s.skipIf('name:or')) {
      left = { type: 'or', line, left, right: this.parseAnd() };
      line = this.s.current.line;
    }
    return left;
  }

  private parseAnd(): Expr {
    let line = this.s.current.line;
    let left = this.parseNot();
    while (this.s.skipIf('name:and')) {
      left = { type: 'and', line, left, right: this.parseNot() };
      line = this.s.current.line;
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.s.test('name:not')) {
      const line = this.s.next().line;
      this.enter();
      try {
        return { type: 'not', line, node: this.parseNot() };
      } finally {
        this.depth--;
      }
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    let line = this.s.current.line;
    const expr = this.parseMath1();
    const ops: { op: CompareOp; expr: Expr }[] = [];
    for (;;) {
      const type = this.s.type();
      if (COMPARE_OPS.has(type)) {
        this.s.next();
        ops.push({ op: type as CompareOp, expr: this.parseMath1() });
      } else if (this.s.skipIf('name:in')) {
        ops.push({ op: 'in', expr: this.parseMath1() });
      } else if (this.s.test('name:not') && this.s.test('name:in', this.s.look())) {
        this.s.next();
        this.s.next();
        ops.push({ op: 'notin', expr: this.parseMath1() });
      } else break;
      line = this.s.current.line;
    }
    return ops.length ? { type: 'compare', line, expr, ops } : expr;
  }

  private parseMath1(): Expr {
    let line = this.s.current.line;
    let left = this.parseConcat();
    while (MATH1[this.s.type()]) {
      const op = MATH1[this.s.next().type]!;
      left = { type: 'binop', line, op, left, right: this.parseConcat() };
      line = this.s.current.line;
    }
    return left;
  }

  private parseConcat(): Expr {
    const line = this.s.current.line;
    const nodes = [this.parseMath2()];
    while (this.s.type() === 'tilde') {
      this.s.next();
      nodes.push(this.parseMath2());
    }
    return nodes.length === 1 ? nodes[0]! : { type: 'concat', line, nodes };
  }

  private parseMath2(): Expr {
    let line = this.s.current.line;
    let left = this.parsePow();
    while (MATH2[this.s.type()]) {
      const op = MATH2[this.s.next().type]!;
      left = { type: 'binop', line, op, left, right: this.parsePow() };
      line = this.s.current.line;
    }
    return left;
  }

  private parsePow(): Expr {
    let line = this.s.current.line;
    let left = this.parseUnary();
    while (this.s.type() === 'pow') {
      this.s.next();
      left = { type: 'binop', line, op: '**', left, right: this.parseUnary() };
      line = this.s.current.line;
    }
    return left;
  }

  private parseUnary(withFilter = true): Expr {
    this.enter();
    try {
      const type = this.s.type();
      const line = this.s.current.line;
      let node: Expr;
      if (type === 'sub') {
        this.s.next();
        node = { type: 'neg', line, node: this.parseUnary(false) };
      } else if (type === 'add') {
        this.s.next();
        node = { type: 'pos', line, node: this.parseUnary(false) };
      } else node = this.parsePrimary();
      node = this.parsePostfix(node);
      if (withFilter) node = this.parseFilterExpr(node);
      return node;
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): Expr {
    const t = this.s.current;
    if (t.type === 'name') {
      this.s.next();
      const v = String(t.value);
      if (v === 'true' || v === 'True') return { type: 'const', line: t.line, value: true };
      if (v === 'false' || v === 'False') return { type: 'const', line: t.line, value: false };
      if (v === 'none' || v === 'None') return { type: 'const', line: t.line, value: null };
      return { type: 'name', line: t.line, name: v };
    }
    if (t.type === 'string') {
      this.s.next();
      let value = String(t.value);
      while (this.s.type() === 'string') value += String(this.s.next().value);
      return { type: 'const', line: t.line, value };
    }
    if (t.type === 'integer' || t.type === 'float') {
      this.s.next();
      return { type: 'const', line: t.line, value: t.value as bigint | number };
    }
    if (t.type === 'lparen') {
      this.s.next();
      this.enter();
      try {
        const node = this.parseTuple({ explicitParentheses: true });
        this.s.expect('rparen');
        return node;
      } finally {
        this.depth--;
      }
    }
    if (t.type === 'lbracket') return this.parseList();
    if (t.type === 'lbrace') return this.parseDict();
    this.fail(`unexpected ${pyQuote(describeToken(t))}`, t.line);
  }

  private isTupleEnd(extra?: string[]): boolean {
    const type = this.s.type();
    if (type === 'variable_end' || type === 'block_end' || type === 'rparen') return true;
    return extra ? this.s.testAny(...extra) : false;
  }

  parseTuple(o: { simplified?: boolean; withCondexpr?: boolean; extraEndRules?: string[]; explicitParentheses?: boolean }): Expr {
    let line = this.s.current.line;
    const parse = o.simplified ? () => this.parsePrimary() : () => this.parseExpression(o.withCondexpr !== false);
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.s.expect('comma');
      if (this.isTupleEnd(o.extraEndRules)) break;
      items.push(parse());
      if (this.s.type() === 'comma') isTuple = true;
      else break;
      line = this.s.current.line;
    }
    if (!isTuple) {
      if (items.length) return items[0]!;
      if (!o.explicitParentheses) this.fail(`Expected an expression, got ${pyQuote(describeToken(this.s.current))}`);
    }
    return { type: 'tuple', line, items };
  }

  private parseList(): Expr {
    const tok = this.s.expect('lbracket');
    const items: Expr[] = [];
    this.enter();
    while (this.s.type() !== 'rbracket') {
      if (items.length) this.s.expect('comma');
      if (this.s.type() === 'rbracket') break;
      items.push(this.parseExpression());
    }
    this.depth--;
    this.s.expect('rbracket');
    return { type: 'list', line: tok.line, items };
  }

  private parseDict(): Expr {
    const tok = this.s.expect('lbrace');
    const items: [Expr, Expr][] = [];
    this.enter();
    while (this.s.type() !== 'rbrace') {
      if (items.length) this.s.expect('comma');
      if (this.s.type() === 'rbrace') break;
      const key = this.parseExpression();
      this.s.expect('colon');
      items.push([key, this.parseExpression()]);
    }
    this.depth--;
    this.s.expect('rbrace');
    return { type: 'dict', line: tok.line, items };
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      const type = this.s.type();
      if (type === 'dot' || type === 'lbracket') node = this.parseSubscript(node);
      else if (type === 'lparen') node = this.parseCall(node);
      else return node;
    }
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      const t = this.s.current;
      if (t.type === 'pipe') node = this.parseFilter(node)!;
      else if (t.type === 'name' && t.value === 'is') node = this.parseTest(node);
      else if (t.type === 'lparen') node = this.parseCall(node);
      else return node;
    }
  }

  private parseSubscript(node: Expr): Expr {
    const tok = this.s.next();
    if (tok.type === 'dot') {
      const attr = this.s.current;
      this.s.next();
      if (attr.type === 'name') return { type: 'getattr', line: tok.line, node, attr: String(attr.value) };
      if (attr.type !== 'integer') this.fail('expected name or number', attr.line);
      return { type: 'getitem', line: tok.line, node, arg: { type: 'const', line: attr.line, value: attr.value as bigint } };
    }
    const args: Expr[] = [];
    while (this.s.type() !== 'rbracket') {
      if (args.length) this.s.expect('comma');
      args.push(this.parseSubscribed());
    }
    this.s.expect('rbracket');
    const arg: Expr = args.length === 1 ? args[0]! : { type: 'tuple', line: tok.line, items: args };
    return { type: 'getitem', line: tok.line, node, arg };
  }

  private parseSubscribed(): Expr {
    const line = this.s.current.line;
    const parts: (Expr | undefined)[] = [];
    if (this.s.type() === 'colon') {
      this.s.next();
      parts.push(undefined);
    } else {
      const node = this.parseExpression();
      if (this.s.type() !== 'colon') return node;
      this.s.next();
      parts.push(node);
    }
    if (this.s.type() === 'colon') parts.push(undefined);
    else if (this.s.type() !== 'rbracket' && this.s.type() !== 'comma') parts.push(this.parseExpression());
    else parts.push(undefined);
    if (this.s.type() === 'colon') {
      this.s.next();
      if (this.s.type() !== 'rbracket' && this.s.type() !== 'comma') parts.push(this.parseExpression());
      else parts.push(undefined);
    } else parts.push(undefined);
    const slice: Expr & { type: 'slice' } = { type: 'slice', line };
    if (parts[0]) slice.start = parts[0];
    if (parts[1]) slice.stop = parts[1];
    if (parts[2]) slice.step = parts[2];
    return slice;
  }

  private parseCallArgs(): CallParts {
    const tok = this.s.expect('lparen');
    const out: CallParts = { args: [], kwargs: [] };
    let requireComma = false;
    const ensure = (ok: boolean) => {
      if (!ok) this.fail('invalid syntax for function call expression', tok.line);
    };
    this.enter();
    while (this.s.type() !== 'rparen') {
      if (requireComma) {
        this.s.expect('comma');
        if (this.s.type() === 'rparen') break;
      }
      if (this.s.type() === 'mul') {
        ensure(out.dynArgs === undefined && out.dynKwargs === undefined);
        this.s.next();
        out.dynArgs = this.parseExpression();
      } else if (this.s.type() === 'pow') {
        ensure(out.dynKwargs === undefined);
        this.s.next();
        out.dynKwargs = this.parseExpression();
      } else if (this.s.type() === 'name' && this.s.look().type === 'assign') {
        ensure(out.dynKwargs === undefined);
        const key = String(this.s.current.value);
        this.s.next();
        this.s.next();
        out.kwargs.push([key, this.parseExpression()]);
      } else {
        ensure(out.dynArgs === undefined && out.dynKwargs === undefined && out.kwargs.length === 0);
        out.args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.depth--;
    this.s.expect('rparen');
    return out;
  }

  private parseCall(node: Expr): Expr {
    const line = this.s.current.line;
    return { type: 'call', line, node, ...this.parseCallArgs() };
  }

  private parseFilter(node: Expr | null, startInline = false): Expr | null {
    while (this.s.type() === 'pipe' || startInline) {
      if (!startInline) this.s.next();
      const tok = this.s.expect('name');
      let name = String(tok.value);
      while (this.s.type() === 'dot') {
        this.s.next();
        name += '.' + String(this.s.expect('name').value);
      }
      const parts: CallParts = this.s.type() === 'lparen' ? this.parseCallArgs() : { args: [], kwargs: [] };
      node = { type: 'filter', line: tok.line, node, name, ...parts };
      startInline = false;
    }
    return node;
  }

  private parseTest(node: Expr): Expr {
    const tok = this.s.next();
    const negated = this.s.skipIf('name:not');
    let name = String(this.s.expect('name').value);
    while (this.s.type() === 'dot') {
      this.s.next();
      name += '.' + String(this.s.expect('name').value);
    }
    let parts: CallParts = { args: [], kwargs: [] };
    const c = this.s.current;
    if (c.type === 'lparen') parts = this.parseCallArgs();
    else if (['name', 'string', 'integer', 'float', 'lparen', 'lbracket', 'lbrace'].includes(c.type) && !this.s.testAny('name:else', 'name:or', 'name:and')) {
      if (this.s.test('name:is')) this.fail('You cannot chain multiple tests with is');
      parts = { args: [this.parsePostfix(this.parsePrimary())], kwargs: [] };
    }
    const test: Expr = { type: 'test', line: tok.line, node, name, ...parts };
    return negated ? { type: 'not', line: tok.line, node: test } : test;
  }
}
