/**
 * Parser tests, the way Go's parse_test.go does them: each source is parsed and every tree is
 * printed back (Node.String()), or the error text is compared. Expected values were recorded by
 * scripts/record/template-parse/record.mjs from real Go: errors of default-delimiter rows from
 * helm v3.17.3 (Go 1.23.7, through `tpl`), trees, emptiness and number values from the local
 * go1.19.8 text/template/parse. Rows where the two Go versions differ say so.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../../helm/template/ast.js';
import { TemplateLimitError, TemplateParseError } from '../../../helm/template/errors.js';
import { MAX_PAREN_DEPTH, MAX_TEMPLATE_BYTES } from '../../../helm/template/limits.js';
import { isEmptyTree, parse } from '../../../helm/template/parse.js';
import { printNode } from '../../../helm/template/print.js';

/** The functions in scope for every row (scripts/record/template-parse/cases.mjs FUNCS). */
const FUNCS = new Set([
  'and', 'call', 'eq', 'ge', 'gt', 'html', 'index', 'js', 'le', 'len', 'lt', 'ne', 'not', 'or',
  'print', 'printf', 'println', 'slice', 'urlquery',
  'contains', 'default', 'dict', 'include', 'list', 'quote', 'upper',
]);

interface GoNumber {
  text: string;
  int64?: string;
  uint64?: string;
  /** IEEE-754 bits, hex. */
  float64?: string;
  complex128?: [string, string];
}

interface Row {
  name: string;
  input: string;
  options?: { comments?: boolean; skipFuncCheck?: boolean; left?: string; right?: string };
  /** Every tree of the parse, printed. */
  trees?: Record<string, string>;
  /** IsEmptyTree of the top-level tree. */
  empty?: boolean;
  /** The top-level tree's NumberNodes, in source order. */
  numbers?: GoNumber[];
  error?: string;
}

const rows: Row[] = [
  {"name":"empty","input":"","trees":{"gotpl":""},"empty":true},
  {"name":"comment","input":"{{/*\n\n\n*/}}","trees":{"gotpl":""},"empty":true},
  {"name":"spaces","input":" \t\n","trees":{"gotpl":" \t\n"},"empty":true},
  {"name":"text","input":"some text","trees":{"gotpl":"some text"},"empty":false},
  {"name":"emptyAction","input":"{{}}","error":"template: gotpl:1: missing value for command"},
  {"name":"field","input":"{{.X}}","trees":{"gotpl":"{{.X}}"},"empty":false},
  {"name":"simple command","input":"{{printf}}","trees":{"gotpl":"{{printf}}"},"empty":false},
  {"name":"$ invocation","input":"{{$}}","trees":{"gotpl":"{{$}}"},"empty":false},
  {"name":"variable invocation","input":"{{with $x := 3}}{{$x 23}}{{end}}","trees":{"gotpl":"{{with $x := 3}}{{$x 23}}{{end}}"},"empty":false,"numbers":[{"text":"3","int64":"3","uint64":"3","float64":"4008000000000000"},{"text":"23","int64":"23","uint64":"23","float64":"4037000000000000"}]},
  {"name":"variable with fields","input":"{{$.I}}","trees":{"gotpl":"{{$.I}}"},"empty":false},
  {"name":"multi-word command","input":"{{printf `%d` 23}}","trees":{"gotpl":"{{printf `%d` 23}}"},"empty":false,"numbers":[{"text":"23","int64":"23","uint64":"23","float64":"4037000000000000"}]},
  {"name":"pipeline","input":"{{.X|.Y}}","trees":{"gotpl":"{{.X | .Y}}"},"empty":false},
  {"name":"pipeline with decl","input":"{{$x := .X|.Y}}","trees":{"gotpl":"{{$x := .X | .Y}}"},"empty":false},
  {"name":"nested pipeline","input":"{{.X (.Y .Z) (.A | .B .C) (.E)}}","trees":{"gotpl":"{{.X (.Y .Z) (.A | .B .C) (.E)}}"},"empty":false},
  {"name":"field applied to parentheses","input":"{{(.Y .Z).Field}}","trees":{"gotpl":"{{(.Y .Z).Field}}"},"empty":false},
  {"name":"simple if","input":"{{if .X}}hello{{end}}","trees":{"gotpl":"{{if .X}}hello{{end}}"},"empty":false},
  {"name":"if with else","input":"{{if .X}}true{{else}}false{{end}}","trees":{"gotpl":"{{if .X}}true{{else}}false{{end}}"},"empty":false},
  {"name":"if with else if","input":"{{if .X}}true{{else if .Y}}false{{end}}","trees":{"gotpl":"{{if .X}}true{{else}}{{if .Y}}false{{end}}{{end}}"},"empty":false},
  {"name":"if else chain","input":"+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+","trees":{"gotpl":"+{{if .X}}X{{else}}{{if .Y}}Y{{else}}{{if .Z}}Z{{end}}{{end}}{{end}}+"},"empty":false},
  {"name":"simple range","input":"{{range .X}}hello{{end}}","trees":{"gotpl":"{{range .X}}hello{{end}}"},"empty":false},
  {"name":"chained field range","input":"{{range .X.Y.Z}}hello{{end}}","trees":{"gotpl":"{{range .X.Y.Z}}hello{{end}}"},"empty":false},
  {"name":"nested range","input":"{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}","trees":{"gotpl":"{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}"},"empty":false},
  {"name":"range with else","input":"{{range .X}}true{{else}}false{{end}}","trees":{"gotpl":"{{range .X}}true{{else}}false{{end}}"},"empty":false},
  {"name":"range over pipeline","input":"{{range .X|.M}}true{{else}}false{{end}}","trees":{"gotpl":"{{range .X | .M}}true{{else}}false{{end}}"},"empty":false},
  {"name":"range []int","input":"{{range .SI}}{{.}}{{end}}","trees":{"gotpl":"{{range .SI}}{{.}}{{end}}"},"empty":false},
  {"name":"range 1 var","input":"{{range $x := .SI}}{{.}}{{end}}","trees":{"gotpl":"{{range $x := .SI}}{{.}}{{end}}"},"empty":false},
  {"name":"range 2 vars","input":"{{range $x, $y := .SI}}{{.}}{{end}}","trees":{"gotpl":"{{range $x, $y := .SI}}{{.}}{{end}}"},"empty":false},
  {"name":"range with break","input":"{{range .SI}}{{.}}{{break}}{{end}}","trees":{"gotpl":"{{range .SI}}{{.}}{{break}}{{end}}"},"empty":false},
  {"name":"range with continue","input":"{{range .SI}}{{.}}{{continue}}{{end}}","trees":{"gotpl":"{{range .SI}}{{.}}{{continue}}{{end}}"},"empty":false},
  {"name":"constants","input":"{{range .SI 1 -3.2i true false 'a' nil}}{{end}}","trees":{"gotpl":"{{range .SI 1 -3.2i true false 'a' nil}}{{end}}"},"empty":false,"numbers":[{"text":"1","int64":"1","uint64":"1","float64":"3ff0000000000000"},{"text":"-3.2i","complex128":["0000000000000000","c00999999999999a"]},{"text":"'a'","int64":"97","uint64":"97","float64":"4058400000000000"}]},
  {"name":"template","input":"{{template `x`}}","trees":{"gotpl":"{{template \"x\"}}"},"empty":false},
  {"name":"template with arg","input":"{{template `x` .Y}}","trees":{"gotpl":"{{template \"x\" .Y}}"},"empty":false},
  {"name":"with","input":"{{with .X}}hello{{end}}","trees":{"gotpl":"{{with .X}}hello{{end}}"},"empty":false},
  {"name":"with with else","input":"{{with .X}}hello{{else}}goodbye{{end}}","trees":{"gotpl":"{{with .X}}hello{{else}}goodbye{{end}}"},"empty":false},
  {"name":"trim left","input":"x \r\n\t{{- 3}}","trees":{"gotpl":"x{{3}}"},"empty":false,"numbers":[{"text":"3","int64":"3","uint64":"3","float64":"4008000000000000"}]},
  {"name":"trim right","input":"{{3 -}}\n\n\ty","trees":{"gotpl":"{{3}}y"},"empty":false,"numbers":[{"text":"3","int64":"3","uint64":"3","float64":"4008000000000000"}]},
  {"name":"trim left and right","input":"x \r\n\t{{- 3 -}}\n\n\ty","trees":{"gotpl":"x{{3}}y"},"empty":false,"numbers":[{"text":"3","int64":"3","uint64":"3","float64":"4008000000000000"}]},
  {"name":"trim with extra spaces","input":"x\n{{-  3   -}}\ny","trees":{"gotpl":"x{{3}}y"},"empty":false,"numbers":[{"text":"3","int64":"3","uint64":"3","float64":"4008000000000000"}]},
  {"name":"comment trim left","input":"x \r\n\t{{- /* hi */}}","trees":{"gotpl":"x"},"empty":false},
  {"name":"comment trim right","input":"{{/* hi */ -}}\n\n\ty","trees":{"gotpl":"y"},"empty":false},
  {"name":"comment trim left and right","input":"x \r\n\t{{- /* */ -}}\n\n\ty","trees":{"gotpl":"xy"},"empty":false},
  {"name":"block definition","input":"{{block \"foo\" .}}hello{{end}}","trees":{"foo":"hello","gotpl":"{{template \"foo\" .}}"},"empty":false},
  {"name":"newline in assignment","input":"{{ $x \n := \n 1 \n }}","trees":{"gotpl":"{{$x := 1}}"},"empty":false,"numbers":[{"text":"1","int64":"1","uint64":"1","float64":"3ff0000000000000"}]},
  {"name":"newline in empty action","input":"{{\n}}","error":"template: gotpl:2: missing value for command"},
  {"name":"newline in pipeline","input":"{{\n\"x\"\n|\nprintf\n}}","trees":{"gotpl":"{{\"x\" | printf}}"},"empty":false},
  {"name":"newline in comment","input":"{{/*\nhello\n*/}}","trees":{"gotpl":""},"empty":true},
  {"name":"newline in trimmed comment","input":"{{-\n/*\nhello\n*/\n-}}","trees":{"gotpl":""},"empty":true},
  {"name":"spaces around continue","input":"{{range .SI}}{{.}}{{ continue }}{{end}}","trees":{"gotpl":"{{range .SI}}{{.}}{{continue}}{{end}}"},"empty":false},
  {"name":"spaces around break","input":"{{range .SI}}{{.}}{{ break }}{{end}}","trees":{"gotpl":"{{range .SI}}{{.}}{{break}}{{end}}"},"empty":false},
  {"name":"unclosed action","input":"hello{{range","error":"template: gotpl:1: unclosed action"},
  {"name":"unmatched end","input":"{{end}}","error":"template: gotpl:1: unexpected {{end}}"},
  {"name":"unmatched else","input":"{{else}}","error":"template: gotpl:1: unexpected {{else}}"},
  {"name":"unmatched else after if","input":"{{if .X}}hello{{end}}{{else}}","error":"template: gotpl:1: unexpected {{else}}"},
  {"name":"multiple else","input":"{{if .X}}1{{else}}2{{else}}3{{end}}","error":"template: gotpl:1: expected end; found {{else}}"},
  {"name":"missing end","input":"hello{{range .x}}","error":"template: gotpl:1: unexpected EOF"},
  {"name":"missing end after else","input":"hello{{range .x}}{{else}}","error":"template: gotpl:1: unexpected EOF"},
  {"name":"undefined function","input":"hello{{undefined}}","error":"template: gotpl:1: function \"undefined\" not defined"},
  {"name":"undefined variable","input":"{{$x}}","error":"template: gotpl:1: undefined variable \"$x\""},
  {"name":"variable undefined after end","input":"{{with $x := 4}}{{end}}{{$x}}","error":"template: gotpl:1: undefined variable \"$x\""},
  {"name":"variable undefined in template","input":"{{template $v}}","error":"template: gotpl:1: unexpected \"$v\" in template clause"},
  {"name":"declare with field","input":"{{with $x.Y := 4}}{{end}}","error":"template: gotpl:1: undefined variable \"$x\""},
  {"name":"template with field ref","input":"{{template .X}}","error":"template: gotpl:1: unexpected \".X\" in template clause"},
  {"name":"invalid punctuation","input":"{{printf 3, 4}}","error":"template: gotpl:1: unexpected \",\" in operand"},
  {"name":"multidecl outside range","input":"{{with $v, $u := 3}}{{end}}","error":"template: gotpl:1: too many declarations in with"},
  {"name":"too many decls in range","input":"{{range $u, $v, $w := 3}}{{end}}","error":"template: gotpl:1: too many declarations in range"},
  {"name":"dot applied to parentheses","input":"{{printf (printf .).}}","error":"template: gotpl:1: unexpected <.> in operand"},
  {"name":"adjacent args","input":"{{printf 3`x`}}","error":"template: gotpl:1: unexpected \"`x`\" in operand"},
  {"name":"adjacent args with .","input":"{{printf `x`.}}","error":"template: gotpl:1: unexpected <.> in operand"},
  {"name":"extra end after if","input":"{{if .X}}a{{else if .Y}}b{{end}}{{end}}","error":"template: gotpl:1: unexpected {{end}}"},
  {"name":"break outside range","input":"{{range .}}{{end}} {{break}}","error":"template: gotpl:1: {{break}} outside {{range}}"},
  {"name":"continue outside range","input":"{{range .}}{{end}} {{continue}}","error":"template: gotpl:1: {{continue}} outside {{range}}"},
  {"name":"break in range else","input":"{{range .}}{{else}}{{break}}{{end}}","error":"template: gotpl:1: {{break}} outside {{range}}"},
  {"name":"continue in range else","input":"{{range .}}{{else}}{{continue}}{{end}}","error":"template: gotpl:1: {{continue}} outside {{range}}"},
  {"name":"bug0a","input":"{{$x := 0}}{{$x}}","trees":{"gotpl":"{{$x := 0}}{{$x}}"},"empty":false,"numbers":[{"text":"0","int64":"0","uint64":"0","float64":"0000000000000000"}]},
  {"name":"bug0b","input":"{{$x += 1}}{{$x}}","error":"template: gotpl:1: undefined variable \"$x\""},
  {"name":"bug0c","input":"{{$x ! 2}}{{$x}}","error":"template: gotpl:1: undefined variable \"$x\""},
  {"name":"bug0d","input":"{{$x % 3}}{{$x}}","error":"template: gotpl:1: undefined variable \"$x\""},
  {"name":"bug0e","input":"{{range $x := $y := 3}}{{end}}","error":"template: gotpl:1: undefined variable \"$y\""},
  {"name":"bug1a","input":"{{$x:=.}}{{$x!2}}","error":"template: gotpl:1: bad character U+0021 '!'"},
  {"name":"bug1b","input":"{{$x:=.}}{{$x+2}}","error":"template: gotpl:1: bad character U+002B '+'"},
  {"name":"bug1c","input":"{{$x:=.}}{{$x +2}}","trees":{"gotpl":"{{$x := .}}{{$x +2}}"},"empty":false,"numbers":[{"text":"+2","int64":"2","float64":"4000000000000000"}]},
  {"name":"dot after integer","input":"{{1.E}}","error":"template: gotpl:1: illegal number syntax: \"1.E\""},
  {"name":"dot after float","input":"{{0.1.E}}","error":"template: gotpl:1: unexpected . after term \"0.1\""},
  {"name":"dot after boolean","input":"{{true.E}}","error":"template: gotpl:1: unexpected . after term \"true\""},
  {"name":"dot after char","input":"{{'a'.any}}","error":"template: gotpl:1: unexpected . after term \"'a'\""},
  {"name":"dot after string","input":"{{\"hello\".guys}}","error":"template: gotpl:1: unexpected . after term \"\\\"hello\\\"\""},
  {"name":"dot after dot","input":"{{..E}}","error":"template: gotpl:1: unexpected . after term \".\""},
  {"name":"dot after nil","input":"{{nil.E}}","error":"template: gotpl:1: unexpected . after term \"nil\""},
  {"name":"wrong pipeline dot","input":"{{12|.}}","error":"template: gotpl:1: non executable command in pipeline stage 2"},
  {"name":"wrong pipeline number","input":"{{.|12|printf}}","error":"template: gotpl:1: non executable command in pipeline stage 2"},
  {"name":"wrong pipeline string","input":"{{.|printf|\"error\"}}","error":"template: gotpl:1: non executable command in pipeline stage 3"},
  {"name":"wrong pipeline char","input":"{{12|printf|'e'}}","error":"template: gotpl:1: non executable command in pipeline stage 3"},
  {"name":"wrong pipeline boolean","input":"{{.|true}}","error":"template: gotpl:1: non executable command in pipeline stage 2"},
  {"name":"wrong pipeline nil","input":"{{'c'|nil}}","error":"template: gotpl:1: non executable command in pipeline stage 2"},
  {"name":"empty pipeline","input":"{{printf \"%d\" ( ) }}","error":"template: gotpl:1: missing value for parenthesized pipeline"},
  {"name":"block without pipeline","input":"{{block \"foo\"}}hello{{end}}","error":"template: gotpl:1: missing value for block clause"},
  {"name":"unclosed1","input":"line1\n{{","error":"template: gotpl:2: unclosed action"},
  {"name":"unclosed2","input":"line1\n{{define `x`}}line2\n{{","error":"template: gotpl:3: unclosed action"},
  {"name":"unclosed3","input":"line1\n{{\"x\"\n\"y\"\n","error":"template: gotpl:4: unclosed action started at gotpl:2"},
  {"name":"unclosed4","input":"{{\n\n\n\n\n","error":"template: gotpl:6: unclosed action started at gotpl:1"},
  {"name":"var1","input":"line1\n{{\nx\n}}","error":"template: gotpl:3: function \"x\" not defined"},
  {"name":"function","input":"{{foo}}","error":"template: gotpl:1: function \"foo\" not defined"},
  {"name":"comment1","input":"{{/*}}","error":"template: gotpl:1: unclosed comment"},
  {"name":"comment2","input":"{{/*\nhello\n}}","error":"template: gotpl:1: unclosed comment"},
  {"name":"lparen","input":"{{.X (1 2 3}}","error":"template: gotpl:1: unclosed left paren"},
  // go1.19.8: template: gotpl:1: unexpected ")" in command
  {"name":"rparen","input":"{{.X 1 2 3 ) }}","error":"template: gotpl:1: unexpected right paren"},
  {"name":"rparen2","input":"{{(.X 1 2 3","error":"template: gotpl:1: unclosed action"},
  {"name":"space","input":"{{`x`3}}","error":"template: gotpl:1: unexpected \"3\" in operand"},
  {"name":"idchar","input":"{{a#}}","error":"template: gotpl:1: bad character U+0023 '#'"},
  {"name":"charconst","input":"{{'a}}","error":"template: gotpl:1: unterminated character constant"},
  {"name":"stringconst","input":"{{\"a}}","error":"template: gotpl:1: unterminated quoted string"},
  {"name":"rawstringconst","input":"{{`a}}","error":"template: gotpl:1: unterminated raw quoted string"},
  {"name":"number","input":"{{0xi}}","error":"template: gotpl:1: illegal number syntax: \"0xi\""},
  {"name":"multidefine","input":"{{define `a`}}a{{end}}{{define `a`}}b{{end}}","error":"template: gotpl:1: template: multiple definition of template \"a\""},
  {"name":"eof","input":"{{range .X}}","error":"template: gotpl:1: unexpected EOF"},
  {"name":"variable","input":"{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}","error":"template: gotpl:1: unexpected \":=\" in operand"},
  {"name":"multidecl","input":"{{$a,$b,$c := 23}}","error":"template: gotpl:1: too many declarations in command"},
  {"name":"undefvar","input":"{{$a}}","error":"template: gotpl:1: undefined variable \"$a\""},
  {"name":"wrongdot","input":"{{true.any}}","error":"template: gotpl:1: unexpected . after term \"true\""},
  {"name":"wrongpipeline","input":"{{12|false}}","error":"template: gotpl:1: non executable command in pipeline stage 2"},
  {"name":"emptypipeline","input":"{{ ( ) }}","error":"template: gotpl:1: missing value for parenthesized pipeline"},
  {"name":"multilinerawstring","input":"{{ $v := `\n` }} {{","error":"template: gotpl:2: unclosed action"},
  {"name":"rangeundefvar","input":"{{range $k}}{{end}}","error":"template: gotpl:1: undefined variable \"$k\""},
  {"name":"rangeundefvars","input":"{{range $k, $v}}{{end}}","error":"template: gotpl:1: undefined variable \"$v\""},
  {"name":"rangemissingvalue1","input":"{{range $k,}}{{end}}","error":"template: gotpl:1: missing value for range"},
  {"name":"rangemissingvalue2","input":"{{range $k, $v := }}{{end}}","error":"template: gotpl:1: missing value for range"},
  {"name":"rangenotvariable1","input":"{{range $k, .}}{{end}}","error":"template: gotpl:1: range can only initialize variables"},
  {"name":"rangenotvariable2","input":"{{range $k, 123 := .}}{{end}}","error":"template: gotpl:1: range can only initialize variables"},
  {"name":"number forms","input":"{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4 0o17 0b101 0755 .5 -0 0i}}","trees":{"gotpl":"{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4 0o17 0b101 0755 .5 -0 0i}}"},"empty":false,"numbers":[{"text":"1","int64":"1","uint64":"1","float64":"3ff0000000000000"},{"text":"02","int64":"2","uint64":"2","float64":"4000000000000000"},{"text":"0x14","int64":"20","uint64":"20","float64":"4034000000000000"},{"text":"0X14","int64":"20","uint64":"20","float64":"4034000000000000"},{"text":"-7.2i","complex128":["0000000000000000","c01ccccccccccccd"]},{"text":"1e3","int64":"1000","uint64":"1000","float64":"408f400000000000"},{"text":"1E3","int64":"1000","uint64":"1000","float64":"408f400000000000"},{"text":"+1.2e-4","float64":"3f1f75104d551d69"},{"text":"4.2i","complex128":["0000000000000000","4010cccccccccccd"]},{"text":"1+2i","complex128":["3ff0000000000000","4000000000000000"]},{"text":"1_2","int64":"12","uint64":"12","float64":"4028000000000000"},{"text":"0x1.e_fp4","float64":"403ef00000000000"},{"text":"0X1.E_FP4","float64":"403ef00000000000"},{"text":"0o17","int64":"15","uint64":"15","float64":"402e000000000000"},{"text":"0b101","int64":"5","uint64":"5","float64":"4014000000000000"},{"text":"0755","int64":"493","uint64":"493","float64":"407ed00000000000"},{"text":".5","float64":"3fe0000000000000"},{"text":"-0","int64":"0","uint64":"0","float64":"0000000000000000"},{"text":"0i","int64":"0","uint64":"0","float64":"0000000000000000","complex128":["0000000000000000","0000000000000000"]}]},
  {"name":"char constants","input":"{{'a' '\\n' '\\'' '\\\\' '\\x41' '\\101' '\\u00e9' '\\U0001F600' 'é' '\"'}}","trees":{"gotpl":"{{'a' '\\n' '\\'' '\\\\' '\\x41' '\\101' '\\u00e9' '\\U0001F600' 'é' '\"'}}"},"empty":false,"numbers":[{"text":"'a'","int64":"97","uint64":"97","float64":"4058400000000000"},{"text":"'\\n'","int64":"10","uint64":"10","float64":"4024000000000000"},{"text":"'\\''","int64":"39","uint64":"39","float64":"4043800000000000"},{"text":"'\\\\'","int64":"92","uint64":"92","float64":"4057000000000000"},{"text":"'\\x41'","int64":"65","uint64":"65","float64":"4050400000000000"},{"text":"'\\101'","int64":"65","uint64":"65","float64":"4050400000000000"},{"text":"'\\u00e9'","int64":"233","uint64":"233","float64":"406d200000000000"},{"text":"'\\U0001F600'","int64":"128512","uint64":"128512","float64":"40ff600000000000"},{"text":"'é'","int64":"233","uint64":"233","float64":"406d200000000000"},{"text":"'\"'","int64":"34","uint64":"34","float64":"4041000000000000"}]},
  {"name":"legacy octal with 8 overflows","input":"{{089}}","error":"template: gotpl:1: integer overflow: \"089\""},
  {"name":"integer overflow","input":"{{99999999999999999999}}","error":"template: gotpl:1: integer overflow: \"99999999999999999999\""},
  {"name":"uint64 max is fine","input":"{{18446744073709551615 -9223372036854775808}}","trees":{"gotpl":"{{18446744073709551615 -9223372036854775808}}"},"empty":false,"numbers":[{"text":"18446744073709551615","uint64":"18446744073709551615","float64":"43f0000000000000"},{"text":"-9223372036854775808","int64":"-9223372036854775808","float64":"c3e0000000000000"}]},
  {"name":"hex without digits","input":"{{0x}}","error":"template: gotpl:1: illegal number syntax: \"0x\""},
  {"name":"exponent without digits","input":"{{1e}}","error":"template: gotpl:1: illegal number syntax: \"1e\""},
  {"name":"double underscore","input":"{{1__0}}","error":"template: gotpl:1: illegal number syntax: \"1__0\""},
  {"name":"hex float needs p exponent","input":"{{0x1.8}}","error":"template: gotpl:1: illegal number syntax: \"0x1.8\""},
  {"name":"lone minus","input":"{{-}}","error":"template: gotpl:1: illegal number syntax: \"-\""},
  {"name":"float out of range","input":"{{1e400}}","error":"template: gotpl:1: illegal number syntax: \"1e400\""},
  {"name":"imaginary out of range","input":"{{1e400i}}","error":"template: gotpl:1: illegal number syntax: \"1e400i\""},
  {"name":"complex with hex part","input":"{{0x1p2+1i}}","trees":{"gotpl":"{{0x1p2+1i}}"},"empty":false,"numbers":[{"text":"0x1p2+1i","complex128":["4010000000000000","3ff0000000000000"]}]},
  {"name":"complex real out of range","input":"{{1e400+1i}}","error":"template: gotpl:1: strconv.ParseFloat: parsing \"1e400\": value out of range"},
  {"name":"complex without imaginary digits","input":"{{1+i}}","error":"template: gotpl:1: syntax error scanning complex number"},
  {"name":"malformed char constant","input":"{{'ab'}}","error":"template: gotpl:1: malformed character constant: 'ab'"},
  {"name":"empty char constant","input":"{{''}}","error":"template: gotpl:1: invalid syntax"},
  {"name":"bad char escape","input":"{{'\\q'}}","error":"template: gotpl:1: invalid syntax"},
  {"name":"double quote escaped in char","input":"{{'\\\"'}}","error":"template: gotpl:1: invalid syntax"},
  {"name":"octal char too big","input":"{{'\\400'}}","error":"template: gotpl:1: invalid syntax"},
  {"name":"surrogate char","input":"{{'\\uD800'}}","error":"template: gotpl:1: invalid syntax"},
  {"name":"string escapes","input":"{{printf \"a\\tb\\u00e9\\x41\\101\\\"\\\\\" `raw\\n`}}","trees":{"gotpl":"{{printf \"a\\tb\\u00e9\\x41\\101\\\"\\\\\" `raw\\n`}}"},"empty":false},
  {"name":"bad string escape","input":"{{\"\\q\"}}","error":"template: gotpl:1: invalid syntax"},
  {"name":"single quote escaped in string","input":"{{\"\\'\"}}","error":"template: gotpl:1: invalid syntax"},
  {"name":"bad template name escape","input":"{{template \"x\\q\"}}","error":"template: gotpl:1: invalid syntax"},
  {"name":"template name must be a string","input":"{{template x}}","error":"template: gotpl:1: unexpected \"x\" in template clause"},
  {"name":"template name then pipe","input":"{{template \"x\" | printf}}","error":"template: gotpl:1: unexpected \"|\" in template clause"},
  {"name":"template with pipeline","input":"{{template \"x\" .a | printf \"%v\"}}","trees":{"gotpl":"{{template \"x\" .a | printf \"%v\"}}"},"empty":false},
  // Go 1.23 (helm v3.17.3 parses it; go1.19.8 cannot): `else with` nests a with in the else
  // list, exactly as `else if` nests an if (parse.go parseControl).
  {"name":"else with","input":"{{with .X}}a{{else with .Y}}b{{end}}","trees":{"gotpl":"{{with .X}}a{{else}}{{with .Y}}b{{end}}{{end}}"},"empty":false},
  // Go 1.23 (helm v3.17.3 parses it; go1.19.8 cannot): `else with` nests a with in the else
  // list, exactly as `else if` nests an if (parse.go parseControl).
  {"name":"else with chain and else","input":"{{with .X}}a{{else with .Y}}b{{else with .Z}}c{{else}}d{{end}}","trees":{"gotpl":"{{with .X}}a{{else}}{{with .Y}}b{{else}}{{with .Z}}c{{else}}d{{end}}{{end}}{{end}}"},"empty":false},
  // go1.19.8: template: gotpl:1: unexpected <with> in else
  {"name":"else with in if","input":"{{if .X}}a{{else with .Y}}b{{end}}","error":"template: gotpl:1: unexpected <with> in input"},
  {"name":"else if in with","input":"{{with .X}}a{{else if .Y}}b{{end}}","error":"template: gotpl:1: unexpected <if> in input"},
  {"name":"else if in range","input":"{{range .X}}a{{else if .Y}}b{{end}}","error":"template: gotpl:1: unexpected <if> in input"},
  // go1.19.8: template: gotpl:1: unexpected <with> in else
  {"name":"unmatched else with","input":"{{else with .x}}","error":"template: gotpl:1: unexpected {{else}}"},
  {"name":"declared in if pipeline, gone after end","input":"{{if $x := 1}}{{$x}}{{end}}{{$x}}","error":"template: gotpl:1: undefined variable \"$x\""},
  {"name":"declared in if body, gone after end","input":"{{if true}}{{$x := 1}}{{end}}{{$x}}","error":"template: gotpl:1: undefined variable \"$x\""},
  {"name":"outer variable visible inside","input":"{{$x := 1}}{{if true}}{{$x}}{{end}}","trees":{"gotpl":"{{$x := 1}}{{if true}}{{$x}}{{end}}"},"empty":false,"numbers":[{"text":"1","int64":"1","uint64":"1","float64":"3ff0000000000000"}]},
  {"name":"with variable visible in else","input":"{{with $x := 1}}{{else}}{{$x}}{{end}}","trees":{"gotpl":"{{with $x := 1}}{{else}}{{$x}}{{end}}"},"empty":false,"numbers":[{"text":"1","int64":"1","uint64":"1","float64":"3ff0000000000000"}]},
  {"name":"define has fresh variables","input":"{{$x := 1}}{{define \"a\"}}{{$x}}{{end}}","error":"template: gotpl:1: undefined variable \"$x\""},
  {"name":"block has fresh variables","input":"{{$x := 1}}{{block \"b\" .}}{{$x}}{{end}}","error":"template: gotpl:1: undefined variable \"$x\""},
  {"name":"dollar declaration","input":"{{$ := 1}}{{$}}","trees":{"gotpl":"{{$ := 1}}{{$}}"},"empty":false,"numbers":[{"text":"1","int64":"1","uint64":"1","float64":"3ff0000000000000"}]},
  {"name":"two declarations outside range","input":"{{$x, $y := 1}}","error":"template: gotpl:1: too many declarations in command"},
  // go1.19.8 prints assignments with ":="; Go 1.23 prints " = " (helm v3.17.3, print.test.ts
  // "assignment printed with =").
  {"name":"assignment","input":"{{$x := 1}}{{$x = 2}}{{$x}}","trees":{"gotpl":"{{$x := 1}}{{$x = 2}}{{$x}}"},"empty":false,"numbers":[{"text":"1","int64":"1","uint64":"1","float64":"3ff0000000000000"},{"text":"2","int64":"2","uint64":"2","float64":"4000000000000000"}]},
  // go1.19.8 prints assignments with ":="; Go 1.23 prints " = " (helm v3.17.3, print.test.ts
  // "assignment printed with =").
  {"name":"assignment to undeclared variable parses","input":"{{$x = 1}}","trees":{"gotpl":"{{$x = 1}}"},"empty":false,"numbers":[{"text":"1","int64":"1","uint64":"1","float64":"3ff0000000000000"}]},
  // go1.19.8 prints assignments with ":="; Go 1.23 prints " = " (helm v3.17.3, print.test.ts
  // "assignment printed with =").
  {"name":"range assignment","input":"{{$i := 0}}{{$v := 0}}{{range $i, $v = .}}{{end}}","trees":{"gotpl":"{{$i := 0}}{{$v := 0}}{{range $i, $v = .}}{{end}}"},"empty":false,"numbers":[{"text":"0","int64":"0","uint64":"0","float64":"0000000000000000"},{"text":"0","int64":"0","uint64":"0","float64":"0000000000000000"}]},
  {"name":"variable fields","input":"{{$x := .}}{{$x.a.b $.c}}","trees":{"gotpl":"{{$x := .}}{{$x.a.b $.c}}"},"empty":false},
  {"name":"break in if in range","input":"{{range .}}{{if .}}{{break}}{{end}}{{end}}","trees":{"gotpl":"{{range .}}{{if .}}{{break}}{{end}}{{end}}"},"empty":false},
  {"name":"break in block in range","input":"{{range .}}{{block \"b\" .}}{{break}}{{end}}{{end}}","error":"template: gotpl:1: {{break}} outside {{range}}"},
  {"name":"break with argument","input":"{{range .}}{{break 1}}{{end}}","error":"template: gotpl:1: unexpected \"1\" in {{break}}"},
  {"name":"else list line","input":"{{if .x}}\n{{else}}\n{{else}}\n{{end}}","error":"template: gotpl:3: expected end; found {{else}}"},
  {"name":"end with argument","input":"{{if .x}}{{end .y}}","error":"template: gotpl:1: unexpected \".y\" in end"},
  {"name":"else with argument","input":"{{if .x}}{{else .y}}{{end}}","error":"template: gotpl:1: unexpected \".y\" in else"},
  {"name":"unexpected end line","input":"\n\n{{end}}","error":"template: gotpl:3: unexpected {{end}}"},
  {"name":"define and block","input":"a{{define \"x\"}}X{{.}}{{end}}b{{block \"y\" .}}Y{{end}}c","trees":{"gotpl":"ab{{template \"y\" .}}c","x":"X{{.}}","y":"Y"},"empty":false},
  {"name":"redefine empty","input":"{{define \"a\"}}{{end}}{{define \"a\"}}b{{end}}","trees":{"a":"b","gotpl":""},"empty":true},
  {"name":"second empty definition is ignored","input":"{{define \"a\"}}a{{end}}{{define \"a\"}} {{end}}","trees":{"a":"a","gotpl":""},"empty":true},
  {"name":"define with else","input":"{{define \"a\"}}a{{else}}b{{end}}","error":"template: gotpl:1: unexpected {{else}} in define clause"},
  {"name":"define name must be a string","input":"{{define a}}{{end}}","error":"template: gotpl:1: unexpected \"a\" in define clause"},
  {"name":"define with extra argument","input":"{{define \"a\" .}}{{end}}","error":"template: gotpl:1: unexpected <.> in define clause"},
  {"name":"define without end","input":"{{define \"a\"}}","error":"template: gotpl:1: unexpected EOF"},
  {"name":"block with else","input":"{{block \"b\" .}}x{{else}}y{{end}}","error":"template: gotpl:1: unexpected {{else}} in block clause"},
  // go1.19.8: template: gotpl:5: function "undefinedfn" not defined
  {"name":"line numbers after a multi-line comment","input":"a\n{{/*\n\n*/}}b\n{{undefinedfn}}","error":"template: gotpl:3: function \"undefinedfn\" not defined"},
  // go1.19.8: template: gotpl:4: function "undefinedfn" not defined
  {"name":"line numbers after a trimmed multi-line comment","input":"{{- /*\n*/ -}}\n\n{{undefinedfn}}","error":"template: gotpl:3: function \"undefinedfn\" not defined"},
  {"name":"unicode spaces make an empty definition","input":"{{define \"a\"}}x{{end}}{{define \"a\"}}\u00a0\u0085\u2003\n{{end}}","trees":{"a":"x","gotpl":""},"empty":true},
  {"name":"byte order mark is not space","input":"{{define \"a\"}}x{{end}}{{define \"a\"}}\ufeff{{end}}","error":"template: gotpl:1: template: multiple definition of template \"a\""},
  {"name":"multiple definition line","input":"{{define \"a\"}}a{{end}}\n{{define \"a\"}}\nb\n{{end}}\nc","error":"template: gotpl:4: template: multiple definition of template \"a\""},
  {"name":"block error reported at the block line","input":"{{block \"b\" .}}\nx\n{{else}}\ny{{end}}","error":"template: gotpl:1: unexpected {{else}} in block clause"},
  {"name":"define error reported at its own line","input":"{{define \"d\"}}\nx\n{{else}}\ny{{end}}","error":"template: gotpl:3: unexpected {{else}} in define clause"},
  {"name":"define named like the template","input":"{{define \"gotpl\"}}x{{end}}","trees":{"gotpl":"x"},"empty":false},
  {"name":"text plus define of the same name","input":"a\n{{define \"gotpl\"}}x{{end}}\n","error":"template: gotpl:3: template: multiple definition of template \"gotpl\""},
  {"name":"long item in error","input":"{{define \"a\" \"abcdefghijklmnopq\"}}","error":"template: gotpl:1: unexpected \"\\\"abcdefghi\"... in define clause"},
  {"name":"long unicode item in error","input":"{{define \"a\" \"ééééééé\"}}","error":"template: gotpl:1: unexpected \"\\\"ééééééé\\\"\"... in define clause"},
  {"name":"trailing pipe","input":"{{.x |}}","trees":{"gotpl":"{{.x}}"},"empty":false},
  {"name":"leading pipe","input":"{{| printf}}","error":"template: gotpl:1: unexpected \"|\" in command"},
  {"name":"double pipe","input":"{{.x | | printf}}","error":"template: gotpl:1: unexpected \"|\" in command"},
  {"name":"adjacent identifier","input":"{{printf \"a\" \"b\"c}}","error":"template: gotpl:1: unexpected \"c\" in operand"},
  {"name":"nil alone parses","input":"{{nil}}","trees":{"gotpl":"{{nil}}"},"empty":false},
  {"name":"field of parenthesized literal","input":"{{(1).x}}","trees":{"gotpl":"{{(1).x}}"},"empty":false,"numbers":[{"text":"1","int64":"1","uint64":"1","float64":"3ff0000000000000"}]},
  {"name":"chain of chain","input":"{{(.x).y.z}}","trees":{"gotpl":"{{(.x).y.z}}"},"empty":false},
  {"name":"pipe then nil","input":"{{.|nil}}","error":"template: gotpl:1: non executable command in pipeline stage 2"},
  {"name":"newline pipe line numbers","input":"{{.x\n|\nfoo}}","error":"template: gotpl:3: function \"foo\" not defined"},
  {"name":"comment with space before","input":"{{ /* x */ }}","error":"template: gotpl:1: unexpected \"/\" in command"},
  {"name":"comment then space","input":"a{{/* x */ }}","error":"template: gotpl:1: comment ends before closing delimiter"},
  {"name":"unterminated string in action started earlier","input":"{{if\n\n\"abc}}","error":"template: gotpl:3: unterminated quoted string in action started at gotpl:1"},
  // go1.19.8: template: gotpl:3: unexpected ")" in command
  {"name":"right paren in action started earlier","input":"{{ .x\n\n)}}","error":"template: gotpl:3: unexpected right paren in action started at gotpl:1"},
  {"name":"unicode field and bad character","input":"é{{.été!}}","error":"template: gotpl:1: bad character U+0021 '!'"},
  {"name":"non-printable character","input":"{{.x\u0001}}","error":"template: gotpl:1: bad character U+0001"},
  {"name":"no-break space","input":"{{\u00a0}}","error":"template: gotpl:1: unrecognized character in action: U+00A0"},
  {"name":"unicode text and actions","input":"héllo {{.wörld}} {{\"ü\"}}","trees":{"gotpl":"héllo {{.wörld}} {{\"ü\"}}"},"empty":false},
  {"name":"with comments: comment","input":"{{/*\n\n\n*/}}","options":{"comments":true},"trees":{"gotpl":"{{/*\n\n\n*/}}"},"empty":true},
  {"name":"with comments: comment trim left","input":"x \r\n\t{{- /* hi */}}","options":{"comments":true},"trees":{"gotpl":"x{{/* hi */}}"},"empty":false},
  {"name":"with comments: comment trim right","input":"{{/* hi */ -}}\n\n\ty","options":{"comments":true},"trees":{"gotpl":"{{/* hi */}}y"},"empty":false},
  {"name":"with comments: comment trim left and right","input":"x \r\n\t{{- /* */ -}}\n\n\ty","options":{"comments":true},"trees":{"gotpl":"x{{/* */}}y"},"empty":false},
  {"name":"skip func check","input":"{{fn 1 2}}","options":{"skipFuncCheck":true},"trees":{"gotpl":"{{fn 1 2}}"},"empty":false,"numbers":[{"text":"1","int64":"1","uint64":"1","float64":"3ff0000000000000"},{"text":"2","int64":"2","uint64":"2","float64":"4000000000000000"}]},
  {"name":"custom delimiters","input":"[[.x]] {{.y}} [[- .z -]] ]]","options":{"left":"[[","right":"]]"},"trees":{"gotpl":"{{.x}} {{.y}}{{.z}}]]"},"empty":false},
  {"name":"custom delimiters with define","input":"<<define \"a\">>A<<.>><<end>><<template \"a\" .>>","options":{"left":"<<","right":">>"},"trees":{"a":"A{{.}}","gotpl":"{{template \"a\" .}}"},"empty":false},
  {"name":"custom delimiters error","input":"[[ .x","options":{"left":"[[","right":"]]"},"error":"template: gotpl:1: unclosed action"},
];

function parseRow(row: Row) {
  const o = row.options ?? {};
  return parse('gotpl', row.input, {
    isFunc: (name) => FUNCS.has(name),
    leftDelim: o.left,
    rightDelim: o.right,
    parseComments: o.comments,
    skipFuncCheck: o.skipFuncCheck,
  });
}

/** The nodes under `node` in source order (Go's tree walk order). */
function walk(node: Node | undefined, visit: (n: Node) => void): void {
  if (node === undefined) return;
  visit(node);
  switch (node.type) {
    case 'list':
      node.nodes.forEach((n) => walk(n, visit));
      return;
    case 'action':
      walk(node.pipe, visit);
      return;
    case 'pipe':
      node.decl.forEach((n) => walk(n, visit));
      node.cmds.forEach((n) => walk(n, visit));
      return;
    case 'command':
      node.args.forEach((n) => walk(n, visit));
      return;
    case 'chain':
      walk(node.node, visit);
      return;
    case 'if':
    case 'range':
    case 'with':
      walk(node.pipe, visit);
      walk(node.list, visit);
      walk(node.elseList, visit);
      return;
    case 'template':
      walk(node.pipe, visit);
      return;
  }
}

function bits(f: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

function numbersOf(root: Node): GoNumber[] {
  const out: GoNumber[] = [];
  walk(root, (n) => {
    if (n.type !== 'number') return;
    const num: GoNumber = { text: n.text };
    if (n.isInt) num.int64 = String(n.int64);
    if (n.isUint) num.uint64 = String(n.uint64);
    if (n.isFloat) num.float64 = bits(n.float64!);
    if (n.isComplex) num.complex128 = [bits(n.complex128![0]), bits(n.complex128![1])];
    out.push(num);
  });
  return out;
}

for (const row of rows) {
  test(`parse: ${row.name}`, () => {
    if (row.error !== undefined) {
      assert.throws(() => parseRow(row), (err: unknown) => {
        assert.ok(err instanceof TemplateParseError);
        assert.equal(err.goText(), row.error);
        assert.equal(err.message, row.error);
        return true;
      });
      return;
    }
    const trees = parseRow(row);
    const printed = Object.fromEntries([...trees].map(([name, tree]) => [name, printNode(tree.root)]));
    assert.deepEqual(printed, row.trees);
    const top = trees.get('gotpl')!;
    if (row.empty !== undefined) assert.equal(isEmptyTree(top.root), row.empty);
    assert.deepEqual(numbersOf(top.root), row.numbers ?? []);
  });
}

test('parse: trees carry their name, the parse name and the source', () => {
  const src = 'a{{define "x"}}X{{end}}';
  const trees = parse('file.yaml', src, { isFunc: () => false });
  const x = trees.get('x')!;
  assert.equal(x.name, 'x');
  assert.equal(x.parseName, 'file.yaml');
  assert.equal(x.source, src);
});

test('parse: parenthesized pipelines nest up to MAX_PAREN_DEPTH', () => {
  const nested = (n: number) => `{{${'('.repeat(n)}1${')'.repeat(n)}}}`;
  const tree = parse('gotpl', nested(MAX_PAREN_DEPTH), { isFunc: () => false }).get('gotpl')!;
  assert.equal(printNode(tree.root), nested(MAX_PAREN_DEPTH));
  // Message recorded from helm v4.1.4 (Go 1.25.9, which has the limit; Go 1.23 has none).
  assert.throws(() => parse('gotpl', nested(MAX_PAREN_DEPTH + 1), { isFunc: () => false }), {
    name: 'TemplateParseError',
    message: 'template: gotpl:1: max expression depth exceeded',
  });
});

test('parse: sources over MAX_TEMPLATE_BYTES are refused', () => {
  const big = 'é'.repeat(MAX_TEMPLATE_BYTES / 2 + 1);
  assert.throws(() => parse('big.yaml', big, { isFunc: () => false }), (err: unknown) => {
    assert.ok(err instanceof TemplateLimitError);
    assert.equal(err.limit, 'MAX_TEMPLATE_BYTES');
    assert.equal(err.max, MAX_TEMPLATE_BYTES);
    return true;
  });
});

test('parse: nesting deeper than the JavaScript stack is a TemplateLimitError', () => {
  // Go parses this (its stacks grow); ours stops with a named error instead of a RangeError.
  const depth = 50000;
  const src = '{{if 1}}'.repeat(depth) + '{{end}}'.repeat(depth);
  assert.throws(() => parse('deep.yaml', src, { isFunc: () => false }), (err: unknown) => {
    assert.ok(err instanceof TemplateLimitError);
    assert.equal(err.limit, 'STACK');
    return true;
  });
});
