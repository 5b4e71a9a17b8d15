/**
 * errorContext and printNode against Go 1.23's exec errors: each row's location and node text
 * were recorded from helm v3.17.3 (Go 1.23.7) by scripts/record/template-parse/record.mjs, from
 * `template: LOCATION: executing "NAME" at <NODE>: ...`. The test finds the node printed as NODE
 * in tree NAME and checks that Go's location (byte column) is where errorContext puts it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../../helm/template/ast.js';
import { parse } from '../../../helm/template/parse.js';
import { errorContext, printNode } from '../../../helm/template/print.js';

type Row = [name: string, source: string, location: string, executing: string, node: string];

// Recorded by scripts/record/template-parse/record.mjs: helm v3.17.3+ge4da497 (Go 1.23.7).
const rows: Row[] = [
  ["field chain", "{{ index .Values.aaaa.bbbé 1 }}", "gotpl:1:16", "gotpl", ".Values.aaaa.bbbé"],
  ["long node is not shortened", "{{ index .Values.aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbé 1 }}", "gotpl:1:16", "gotpl", ".Values.aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbé"],
  ["byte column after multibyte text", "é\n  日本 {{ $x := 1 }}{{ $x = (index .Values.a.b 1) }}", "gotpl:2:44", "gotpl", ".Values.a.b"],
  ["assignment printed with =", "{{ $x := 0 }}{{ ($x = 1) 2 }}", "gotpl:1:16", "gotpl", "($x = 1) 2"],
  ["declaration printed with :=", "{{ ($x := 1) 2 }}", "gotpl:1:3", "gotpl", "($x := 1) 2"],
  ["chain on parenthesized literal", "{{ (1).x }}", "gotpl:1:4", "gotpl", "1"],
  ["template node", "a\n{{ template \"nope\" }}", "gotpl:2:12", "gotpl", "{{template \"nope\"}}"],
  ["error inside define", "line1\n{{define \"t\"}}\n  {{ index \"abc\" 5 }}{{end}}{{template \"t\"}}", "gotpl:3:5", "t", "index \"abc\" 5"],
  ["quoted string printed as written", "{{ index \"x\\ty\" 7 }}", "gotpl:1:3", "gotpl", "index \"x\\ty\" 7"],
  ["number printed as written", "{{ index 0x1F 1 }}", "gotpl:1:3", "gotpl", "index 0x1F 1"],
  ["variable with fields", "{{ $a := list 1 }}{{ $a.x.y }}", "gotpl:1:23", "gotpl", "$a.x.y"],
  ["field after missing value", "{{ .Values.x.y.z }}", "gotpl:1:10", "gotpl", ".Values.x.y.z"],
  ["tab and multibyte before action", "\t日本 {{ index 1 2 }}", "gotpl:1:11", "gotpl", "index 1 2"],
  ["nil command", "x {{ nil }}", "gotpl:1:5", "gotpl", "nil"],
  ["with variable field", "{{ with $x := 1 }}{{ $x.y }}{{ end }}", "gotpl:1:23", "gotpl", "$x.y"],
  ["pipeline command", "{{ \"a\" | printf \"%s\" | index 1 }}", "gotpl:1:23", "gotpl", "index 1"],
];

const FUNCS = new Set(['index', 'list', 'printf']);

function allNodes(node: Node | undefined, out: Node[] = []): Node[] {
  if (node === undefined) return out;
  out.push(node);
  switch (node.type) {
    case 'list':
      node.nodes.forEach((n) => allNodes(n, out));
      break;
    case 'action':
      allNodes(node.pipe, out);
      break;
    case 'pipe':
      node.decl.forEach((n) => allNodes(n, out));
      node.cmds.forEach((n) => allNodes(n, out));
      break;
    case 'command':
      node.args.forEach((n) => allNodes(n, out));
      break;
    case 'chain':
      allNodes(node.node, out);
      break;
    case 'if':
    case 'range':
    case 'with':
      allNodes(node.pipe, out);
      allNodes(node.list, out);
      allNodes(node.elseList, out);
      break;
    case 'template':
      allNodes(node.pipe, out);
      break;
  }
  return out;
}

for (const [name, source, location, executing, nodeText] of rows) {
  test(`errorContext: ${name}`, () => {
    const tree = parse('gotpl', source, { isFunc: (n) => FUNCS.has(n) }).get(executing);
    assert.ok(tree, `tree ${executing}`);
    const candidates = allNodes(tree.root).filter((n) => printNode(n) === nodeText);
    assert.ok(candidates.length > 0, `no node prints as ${nodeText}`);
    const contexts = candidates.map((n) => errorContext(tree, n));
    const locations = contexts.map((c) => `${c.template}:${c.line}:${c.col}`);
    assert.ok(locations.includes(location), `${location} not in ${locations.join(', ')}`);
    for (const c of contexts) assert.equal(c.nodeText, nodeText);
  });
}
