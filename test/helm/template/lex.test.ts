/**
 * Lexer tests: each row's items were recorded from Go's own text/template/parse lexer (driven
 * from inside a copy of the package) by scripts/record/template-parse/record.mjs. Positions are
 * Go's byte offsets; our lexer counts UTF-16 units, converted here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lexer } from '../../../helm/template/lex.js';
import { itemString, type Item } from '../../../helm/template/token.js';
import { goByteLength } from '../../../helm/template/gostring.js';

type LexOptions = { left?: string; right?: string; comments?: boolean; noBreak?: boolean };
/** [kind, text, Go byte position, line] */
type GoItem = [string, string, number, number];
type Row = [name: string, input: string, options: LexOptions, items: GoItem[]];

// Recorded by scripts/record/template-parse/record.mjs: local go1.19.8, cross-checked against
// helm v3.17.3 (Go 1.23.7) through the parse errors in parse.test.ts.
const rows: Row[] = [
  ["empty", "", {}, [["eof","",0,1]]],
  ["spaces", " \t\n", {}, [["text"," \t\n",0,1],["eof","",3,2]]],
  ["text", "now is the time", {}, [["text","now is the time",0,1],["eof","",15,1]]],
  ["text with comment", "hello-{{/* this is a comment */}}-world", {"comments":true}, [["text","hello-",0,1],["comment","/* this is a comment */",8,1],["text","-world",33,1],["eof","",39,1]]],
  ["comment not emitted", "hello-{{/* this is a comment */}}-world", {}, [["text","hello-",0,1],["text","-world",33,1],["eof","",39,1]]],
  ["punctuation", "{{,@% }}", {}, [["leftDelim","{{",0,1],["char",",",2,1],["char","@",3,1],["char","%",4,1],["space"," ",5,1],["rightDelim","}}",6,1],["eof","",8,1]]],
  ["parens", "{{((3))}}", {}, [["leftDelim","{{",0,1],["leftParen","(",2,1],["leftParen","(",3,1],["number","3",4,1],["rightParen",")",5,1],["rightParen",")",6,1],["rightDelim","}}",7,1],["eof","",9,1]]],
  ["empty action", "{{}}", {}, [["leftDelim","{{",0,1],["rightDelim","}}",2,1],["eof","",4,1]]],
  ["for", "{{for}}", {}, [["leftDelim","{{",0,1],["identifier","for",2,1],["rightDelim","}}",5,1],["eof","",7,1]]],
  ["block", "{{block \"foo\" .}}", {}, [["leftDelim","{{",0,1],["block","block",2,1],["space"," ",7,1],["string","\"foo\"",8,1],["space"," ",13,1],["dot",".",14,1],["rightDelim","}}",15,1],["eof","",17,1]]],
  ["quote", "{{\"abc \\n\\t\\\" \"}}", {}, [["leftDelim","{{",0,1],["string","\"abc \\n\\t\\\" \"",2,1],["rightDelim","}}",15,1],["eof","",17,1]]],
  ["raw quote", "{{`abc\\n\\t\\\" `}}", {}, [["leftDelim","{{",0,1],["rawString","`abc\\n\\t\\\" `",2,1],["rightDelim","}}",14,1],["eof","",16,1]]],
  ["raw quote with newline", "{{`now is{{\n}}the time`}}", {}, [["leftDelim","{{",0,1],["rawString","`now is{{\n}}the time`",2,1],["rightDelim","}}",23,2],["eof","",25,2]]],
  ["numbers", "{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}", {}, [["leftDelim","{{",0,1],["number","1",2,1],["space"," ",3,1],["number","02",4,1],["space"," ",6,1],["number","0x14",7,1],["space"," ",11,1],["number","0X14",12,1],["space"," ",16,1],["number","-7.2i",17,1],["space"," ",22,1],["number","1e3",23,1],["space"," ",26,1],["number","1E3",27,1],["space"," ",30,1],["number","+1.2e-4",31,1],["space"," ",38,1],["number","4.2i",39,1],["space"," ",43,1],["complex","1+2i",44,1],["space"," ",48,1],["number","1_2",49,1],["space"," ",52,1],["number","0x1.e_fp4",53,1],["space"," ",62,1],["number","0X1.E_FP4",63,1],["rightDelim","}}",72,1],["eof","",74,1]]],
  ["more numbers", "{{0o17 0O17 0b101 0B1 0x1p-2 1_000_000 .5 -.5e-3 0755 089 1i 0x 1e 1.2.3 .1.2}}", {}, [["leftDelim","{{",0,1],["number","0o17",2,1],["space"," ",6,1],["number","0O17",7,1],["space"," ",11,1],["number","0b101",12,1],["space"," ",17,1],["number","0B1",18,1],["space"," ",21,1],["number","0x1p-2",22,1],["space"," ",28,1],["number","1_000_000",29,1],["space"," ",38,1],["number",".5",39,1],["space"," ",41,1],["number","-.5e-3",42,1],["space"," ",48,1],["number","0755",49,1],["space"," ",53,1],["number","089",54,1],["space"," ",57,1],["number","1i",58,1],["space"," ",60,1],["number","0x",61,1],["space"," ",63,1],["number","1e",64,1],["space"," ",66,1],["number","1.2",67,1],["number",".3",70,1],["space"," ",72,1],["number",".1",73,1],["number",".2",75,1],["rightDelim","}}",77,1],["eof","",79,1]]],
  ["complex", "{{1-2i -1.5e3+0x1p2i}}", {}, [["leftDelim","{{",0,1],["complex","1-2i",2,1],["space"," ",6,1],["complex","-1.5e3+0x1p2i",7,1],["rightDelim","}}",20,1],["eof","",22,1]]],
  ["characters", "{{'a' '\\n' '\\'' '\\\\' '\\u00FF' '\\xFF' '本'}}", {}, [["leftDelim","{{",0,1],["charConstant","'a'",2,1],["space"," ",5,1],["charConstant","'\\n'",6,1],["space"," ",10,1],["charConstant","'\\''",11,1],["space"," ",15,1],["charConstant","'\\\\'",16,1],["space"," ",20,1],["charConstant","'\\u00FF'",21,1],["space"," ",29,1],["charConstant","'\\xFF'",30,1],["space"," ",36,1],["charConstant","'本'",37,1],["rightDelim","}}",42,1],["eof","",44,1]]],
  ["bools", "{{true false}}", {}, [["leftDelim","{{",0,1],["bool","true",2,1],["space"," ",6,1],["bool","false",7,1],["rightDelim","}}",12,1],["eof","",14,1]]],
  ["dot", "{{.}}", {}, [["leftDelim","{{",0,1],["dot",".",2,1],["rightDelim","}}",3,1],["eof","",5,1]]],
  ["nil", "{{nil}}", {}, [["leftDelim","{{",0,1],["nil","nil",2,1],["rightDelim","}}",5,1],["eof","",7,1]]],
  ["dots", "{{.x . .2 .x.y.z}}", {}, [["leftDelim","{{",0,1],["field",".x",2,1],["space"," ",4,1],["dot",".",5,1],["space"," ",6,1],["number",".2",7,1],["space"," ",9,1],["field",".x",10,1],["field",".y",12,1],["field",".z",14,1],["rightDelim","}}",16,1],["eof","",18,1]]],
  ["keywords", "{{range if else end with}}", {}, [["leftDelim","{{",0,1],["range","range",2,1],["space"," ",7,1],["if","if",8,1],["space"," ",10,1],["else","else",11,1],["space"," ",15,1],["end","end",16,1],["space"," ",19,1],["with","with",20,1],["rightDelim","}}",24,1],["eof","",26,1]]],
  ["more keywords", "{{block break continue define template nil}}", {}, [["leftDelim","{{",0,1],["block","block",2,1],["space"," ",7,1],["break","break",8,1],["space"," ",13,1],["continue","continue",14,1],["space"," ",22,1],["define","define",23,1],["space"," ",29,1],["template","template",30,1],["space"," ",38,1],["nil","nil",39,1],["rightDelim","}}",42,1],["eof","",44,1]]],
  ["variables", "{{$c := printf $ $hello $23 $ $var.Field .Method}}", {}, [["leftDelim","{{",0,1],["variable","$c",2,1],["space"," ",4,1],["declare",":=",5,1],["space"," ",7,1],["identifier","printf",8,1],["space"," ",14,1],["variable","$",15,1],["space"," ",16,1],["variable","$hello",17,1],["space"," ",23,1],["variable","$23",24,1],["space"," ",27,1],["variable","$",28,1],["space"," ",29,1],["variable","$var",30,1],["field",".Field",34,1],["space"," ",40,1],["field",".Method",41,1],["rightDelim","}}",48,1],["eof","",50,1]]],
  ["variable invocation", "{{$x 23}}", {}, [["leftDelim","{{",0,1],["variable","$x",2,1],["space"," ",4,1],["number","23",5,1],["rightDelim","}}",7,1],["eof","",9,1]]],
  ["pipeline", "intro {{echo hi 1.2 |noargs|args 1 \"hi\"}} outro", {}, [["text","intro ",0,1],["leftDelim","{{",6,1],["identifier","echo",8,1],["space"," ",12,1],["identifier","hi",13,1],["space"," ",15,1],["number","1.2",16,1],["space"," ",19,1],["pipe","|",20,1],["identifier","noargs",21,1],["pipe","|",27,1],["identifier","args",28,1],["space"," ",32,1],["number","1",33,1],["space"," ",34,1],["string","\"hi\"",35,1],["rightDelim","}}",39,1],["text"," outro",41,1],["eof","",47,1]]],
  ["declaration", "{{$v := 3}}", {}, [["leftDelim","{{",0,1],["variable","$v",2,1],["space"," ",4,1],["declare",":=",5,1],["space"," ",7,1],["number","3",8,1],["rightDelim","}}",9,1],["eof","",11,1]]],
  ["assignment", "{{$v = 3}}", {}, [["leftDelim","{{",0,1],["variable","$v",2,1],["space"," ",4,1],["assign","=",5,1],["space"," ",6,1],["number","3",7,1],["rightDelim","}}",8,1],["eof","",10,1]]],
  ["2 declarations", "{{$v , $w := 3}}", {}, [["leftDelim","{{",0,1],["variable","$v",2,1],["space"," ",4,1],["char",",",5,1],["space"," ",6,1],["variable","$w",7,1],["space"," ",9,1],["declare",":=",10,1],["space"," ",12,1],["number","3",13,1],["rightDelim","}}",14,1],["eof","",16,1]]],
  ["field of parenthesized expression", "{{(.X).Y}}", {}, [["leftDelim","{{",0,1],["leftParen","(",2,1],["field",".X",3,1],["rightParen",")",5,1],["field",".Y",6,1],["rightDelim","}}",8,1],["eof","",10,1]]],
  ["unicode identifiers", "é {{.été $ü été}} ü", {}, [["text","é ",0,1],["leftDelim","{{",3,1],["field",".été",5,1],["space"," ",11,1],["variable","$ü",12,1],["space"," ",15,1],["identifier","été",16,1],["rightDelim","}}",21,1],["text"," ü",23,1],["eof","",26,1]]],
  ["trimming spaces before and after", "hello- {{- 3 -}} -world", {}, [["text","hello-",0,1],["leftDelim","{{",7,1],["number","3",11,1],["rightDelim","}}",14,1],["text","-world",17,1],["eof","",23,1]]],
  ["trimming spaces before and after comment", "hello- {{- /* hello */ -}} -world", {"comments":true}, [["text","hello-",0,1],["comment","/* hello */",11,1],["text","-world",27,1],["eof","",33,1]]],
  ["trim with tabs and newlines", "a \r\n\t{{-\t.x\n-}}\n\t b", {}, [["text","a",0,1],["leftDelim","{{",5,2],["field",".x",9,2],["rightDelim","}}",13,3],["text","b",18,4],["eof","",19,4]]],
  ["trim marker without space is a number", "{{-3}}", {}, [["leftDelim","{{",0,1],["number","-3",2,1],["rightDelim","}}",4,1],["eof","",6,1]]],
  ["lone minus is a number", "{{-}}", {}, [["leftDelim","{{",0,1],["number","-",2,1],["rightDelim","}}",3,1],["eof","",5,1]]],
  ["trim then minus", "{{- -}}", {}, [["leftDelim","{{",0,1],["number","-",4,1],["rightDelim","}}",5,1],["eof","",7,1]]],
  ["space then trim", "{{ -}}x", {}, [["leftDelim","{{",0,1],["rightDelim","}}",4,1],["text","x",6,1],["eof","",7,1]]],
  ["minus before space", "{{3 - }}", {}, [["leftDelim","{{",0,1],["number","3",2,1],["space"," ",3,1],["number","-",4,1],["space"," ",5,1],["rightDelim","}}",6,1],["eof","",8,1]]],
  ["many spaces before trim", "{{3   -}}  x", {}, [["leftDelim","{{",0,1],["number","3",2,1],["space","  ",3,1],["rightDelim","}}",7,1],["text","x",11,1],["eof","",12,1]]],
  ["trim empty text between actions", "{{.a}} \n {{- .b}}", {}, [["leftDelim","{{",0,1],["field",".a",2,1],["rightDelim","}}",4,1],["leftDelim","{{",9,2],["field",".b",13,2],["rightDelim","}}",15,2],["eof","",17,2]]],
  ["newlines inside action", "{{\n.x\n|\nprintf\n}}\n", {}, [["leftDelim","{{",0,1],["space","\n",2,1],["field",".x",3,2],["space","\n",5,2],["pipe","|",6,3],["space","\n",7,3],["identifier","printf",8,4],["space","\n",14,4],["rightDelim","}}",15,5],["text","\n",17,5],["eof","",18,6]]],
  ["crlf inside action", "{{ .x\r\n}}", {}, [["leftDelim","{{",0,1],["space"," ",2,1],["field",".x",3,1],["space","\r\n",5,1],["rightDelim","}}",7,2],["eof","",9,2]]],
  // Go 1.23 does not count a comment's own newlines (helm v3.17.3: parse.test.ts "line numbers
  // after a multi-line comment"); go1.19.8 recorded lines 4, 5, 5, 5, 5 here.
  ["multiline comment lines", "a\n{{/*\n\n*/}}b\n{{.x}}", {}, [["text","a\n",0,1],["text","b\n",12,2],["leftDelim","{{",14,3],["field",".x",16,3],["rightDelim","}}",18,3],["eof","",20,3]]],
  ["custom delimiters", "[[.x]] {{.y}} [[- .z -]] ]]", {"left":"[[","right":"]]"}, [["leftDelim","[[",0,1],["field",".x",2,1],["rightDelim","]]",4,1],["text"," {{.y}}",6,1],["leftDelim","[[",14,1],["field",".z",18,1],["rightDelim","]]",22,1],["text","]]",25,1],["eof","",27,1]]],
  ["custom delimiters end identifiers", "<<.x>><<$y>><<f>>", {"left":"<<","right":">>"}, [["leftDelim","<<",0,1],["field",".x",2,1],["rightDelim",">>",4,1],["leftDelim","<<",6,1],["variable","$y",8,1],["rightDelim",">>",10,1],["leftDelim","<<",12,1],["identifier","f",14,1],["rightDelim",">>",15,1],["eof","",17,1]]],
  ["break and continue as functions", "{{break continue}}", {"noBreak":true}, [["leftDelim","{{",0,1],["identifier","break",2,1],["space"," ",7,1],["identifier","continue",8,1],["rightDelim","}}",16,1],["eof","",18,1]]],
  ["custom delimiter comment", "{%/* c */%}{% .a %}", {"left":"{%","right":"%}","comments":true}, [["comment","/* c */",2,1],["leftDelim","{%",11,1],["space"," ",13,1],["field",".a",14,1],["space"," ",16,1],["rightDelim","%}",17,1],["eof","",19,1]]],
  ["badchar", "#{{\u0001}}", {}, [["text","#",0,1],["leftDelim","{{",1,1],["error","unrecognized character in action: U+0001",3,1]]],
  ["unrecognized non-ascii", "{{\u00a0}}", {}, [["leftDelim","{{",0,1],["error","unrecognized character in action: U+00A0",2,1]]],
  ["unclosed action", "{{", {}, [["leftDelim","{{",0,1],["error","unclosed action",2,1]]],
  ["EOF in action", "{{range", {}, [["leftDelim","{{",0,1],["range","range",2,1],["error","unclosed action",7,1]]],
  ["unclosed quote", "{{\"\n\"}}", {}, [["leftDelim","{{",0,1],["error","unterminated quoted string",2,1]]],
  ["unclosed raw quote", "{{`xx}}", {}, [["leftDelim","{{",0,1],["error","unterminated raw quoted string",2,1]]],
  ["unclosed char constant", "{{'\n}}", {}, [["leftDelim","{{",0,1],["error","unterminated character constant",2,1]]],
  ["bad number", "{{3k}}", {}, [["leftDelim","{{",0,1],["error","bad number syntax: \"3k\"",2,1]]],
  ["bad complex", "{{1+2}}", {}, [["leftDelim","{{",0,1],["error","bad number syntax: \"1+2\"",2,1]]],
  ["unclosed paren", "{{(3}}", {}, [["leftDelim","{{",0,1],["leftParen","(",2,1],["number","3",3,1],["error","unclosed left paren",4,1]]],
  // Go 1.23 stops at the paren without emitting it, with a shorter message (helm v3.17.3:
  // `template: gotpl:1: unexpected right paren`, parse.test.ts "rparen"); go1.19.8 emits ")" and
  // `unexpected right paren U+0029 ')'`.
  ["extra right paren", "{{3)}}", {}, [["leftDelim","{{",0,1],["number","3",2,1],["error","unexpected right paren",3,1]]],
  ["long pipeline deadlock", "{{|||||}}", {}, [["leftDelim","{{",0,1],["pipe","|",2,1],["pipe","|",3,1],["pipe","|",4,1],["pipe","|",5,1],["pipe","|",6,1],["rightDelim","}}",7,1],["eof","",9,1]]],
  ["text with bad comment", "hello-{{/*/}}-world", {}, [["text","hello-",0,1],["error","unclosed comment",8,1]]],
  ["text with comment close separated from delim", "hello-{{/* */ }}-world", {}, [["text","hello-",0,1],["error","comment ends before closing delimiter",8,1]]],
  ["unmatched right delimiter", "hello-{.}}-world", {}, [["text","hello-{.}}-world",0,1],["eof","",16,1]]],
  ["bad character after field", "{{.x!}}", {}, [["leftDelim","{{",0,1],["error","bad character U+0021 '!'",2,1]]],
  ["equals after variable", "{{$x=1}}", {}, [["leftDelim","{{",0,1],["error","bad character U+003D '='",2,1]]],
  ["colon without equals", "{{a:b}}", {}, [["leftDelim","{{",0,1],["identifier","a",2,1],["error","expected :=",3,1]]],
  ["bad character after identifier", "{{a#}}", {}, [["leftDelim","{{",0,1],["error","bad character U+0023 '#'",2,1]]],
  ["non-printable after field", "{{.x\u007f}}", {}, [["leftDelim","{{",0,1],["error","bad character U+007F",2,1]]],
];

function lexAll(input: string, o: LexOptions): GoItem[] {
  const l = new Lexer('lex', input, o.left ?? '', o.right ?? '', {
    emitComment: o.comments === true,
    breakOK: o.noBreak !== true,
    continueOK: o.noBreak !== true,
  });
  const items: GoItem[] = [];
  for (;;) {
    const item = l.nextItem();
    items.push([item.kind, item.text, goByteLength(input.slice(0, item.pos)), item.line]);
    if (item.kind === 'eof' || item.kind === 'error') return items;
  }
}

for (const [name, input, options, want] of rows) {
  test(`lex: ${name}`, () => {
    assert.deepEqual(lexAll(input, options), want);
  });
}

test('lex: item strings as parse errors print them', () => {
  const item = (kind: Item['kind'], text: string): Item => ({ kind, text, pos: 0, line: 1 });
  // Shapes from parse.test.ts rows (recorded): `unexpected "\"abcdefghi"... in define clause`,
  // `unexpected <.> in operand`, `unexpected "|" in command`.
  assert.equal(itemString(item('string', '"abcdefghijklmnopq"')), '"\\"abcdefghi"...');
  assert.equal(itemString(item('string', '"ééééééé"')), '"\\"ééééééé\\""...');
  assert.equal(itemString(item('dot', '.')), '<.>');
  assert.equal(itemString(item('pipe', '|')), '"|"');
});
