/**
 * Parse nodes printed back as template source (Go's Node.String() in parse/node.go, Go 1.23),
 * and Go's Tree.ErrorContext, which exec errors use for `FILE:LINE:COL` and `at <NODE>`.
 */
import type { Node, PipeNode, Tree } from './ast.js';
import type { ExecLocation } from './errors.js';
import { quote } from './strconv.js';
import { goByteLength } from './gostring.js';

/**
 * Go's Node.String(): `{{if .x}}a{{else}}b{{end}}`, pipelines joined by ` | `, declarations
 * `$x := ` (assignments `$x = `), strings and numbers as their original source text,
 * parenthesized pipelines in parentheses, text verbatim.
 */
export function printNode(node: Node): string {
  const out: string[] = [];
  writeNode(node, out);
  return out.join('');
}

function writeNode(node: Node, out: string[]): void {
  switch (node.type) {
    case 'list':
      for (const n of node.nodes) writeNode(n, out);
      return;
    case 'text':
      out.push(node.text);
      return;
    case 'comment':
      out.push('{{', node.text, '}}');
      return;
    case 'action':
      out.push('{{');
      writePipe(node.pipe, out);
      out.push('}}');
      return;
    case 'pipe':
      writePipe(node, out);
      return;
    case 'command':
      node.args.forEach((arg, i) => {
        if (i > 0) out.push(' ');
        if (arg.type === 'pipe') {
          out.push('(');
          writePipe(arg, out);
          out.push(')');
        } else writeNode(arg, out);
      });
      return;
    case 'identifier':
      out.push(node.ident);
      return;
    case 'variable':
      out.push(node.ident.join('.'));
      return;
    case 'dot':
      out.push('.');
      return;
    case 'nil':
      out.push('nil');
      return;
    case 'field':
      for (const id of node.ident) out.push('.', id);
      return;
    case 'chain':
      if (node.node.type === 'pipe') {
        out.push('(');
        writePipe(node.node, out);
        out.push(')');
      } else writeNode(node.node, out);
      for (const f of node.field) out.push('.', f);
      return;
    case 'bool':
      out.push(node.value ? 'true' : 'false');
      return;
    case 'number':
      out.push(node.text);
      return;
    case 'string':
      out.push(node.quoted);
      return;
    case 'if':
    case 'range':
    case 'with':
      out.push('{{', node.type, ' ');
      writePipe(node.pipe, out);
      out.push('}}');
      writeNode(node.list, out);
      if (node.elseList) {
        out.push('{{else}}');
        writeNode(node.elseList, out);
      }
      out.push('{{end}}');
      return;
    case 'template':
      out.push('{{template ', quote(node.name));
      if (node.pipe) {
        out.push(' ');
        writePipe(node.pipe, out);
      }
      out.push('}}');
      return;
    case 'break':
      out.push('{{break}}');
      return;
    case 'continue':
      out.push('{{continue}}');
      return;
  }
}

function writePipe(pipe: PipeNode, out: string[]): void {
  if (pipe.decl.length > 0) {
    pipe.decl.forEach((v, i) => {
      if (i > 0) out.push(', ');
      writeNode(v, out);
    });
    out.push(pipe.isAssign ? ' = ' : ' := ');
  }
  pipe.cmds.forEach((c, i) => {
    if (i > 0) out.push(' | ');
    writeNode(c, out);
  });
}

/**
 * Go's Tree.ErrorContext(node): the location `ParseName:LINE:COL` (COL is the 0-based byte
 * offset of the node in its line, as Go counts it) and the node printed back in full (Go 1.23
 * does not shorten it). `tree` must be the tree the node was parsed in (any tree of the same
 * parse: they share source and parseName).
 */
export function errorContext(tree: Tree, node: Node): ExecLocation {
  const before = tree.source.slice(0, node.pos);
  const lastNewline = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return {
    template: tree.parseName,
    line,
    col: goByteLength(before.slice(lastNewline + 1)),
    nodeText: printNode(node),
  };
}
