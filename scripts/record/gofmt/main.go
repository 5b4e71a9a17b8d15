// Command gofmt records real Go output of fmt, strconv and text/template's escapers as JSON
// fixtures for the TypeScript ports in helm/template (gofmt.ts, strconv.ts, escape.ts).
//
// Run from the repository root (stdlib only, works offline):
//
//	go run scripts/record/gofmt/main.go -out test/helm/template/fixtures
//
// Each Sprintf/Sprint/Sprintln case stores its arguments in a small typed JSON encoding (see
// encode) so the tests can rebuild the same Go values in the TypeScript value model.
// Map entries are written in reverse key order so the tests prove that printing sorts keys.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"text/template"
)

// Person is a plain struct: %v {a b}, %+v {Name:a Age:b}, %#v main.Person{...}.
type Person struct {
	Name  string
	Age   int
	Tags  []string
	Extra any
}

// Version has a String method (fmt.Stringer), as helm's semver and time values do.
type Version struct {
	Major int
	Minor int
}

func (v Version) String() string { return fmt.Sprintf("v%d.%d", v.Major, v.Minor) }

type fmtCase struct {
	Kind   string `json:"kind"` // sprintf | sprint | sprintln
	Format string `json:"format,omitempty"`
	Args   []any  `json:"args"`
	Out    string `json:"out"`
}

// encode describes a Go value so the TypeScript test can rebuild it.
func encode(v any) any {
	if v == nil {
		return map[string]any{"t": "nil"}
	}
	return encodeValue(reflect.ValueOf(v))
}

func encodeValue(rv reflect.Value) any {
	if rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return map[string]any{"t": "nil"}
		}
		rv = rv.Elem()
	}
	typ := rv.Type().String()
	switch rv.Kind() {
	case reflect.Bool:
		return map[string]any{"t": "bool", "v": rv.Bool()}
	case reflect.String:
		return map[string]any{"t": "string", "v": rv.String()}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"t": "int", "type": typ, "v": strconv.FormatInt(rv.Int(), 10)}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return map[string]any{"t": "int", "type": typ, "v": strconv.FormatUint(rv.Uint(), 10)}
	case reflect.Float64:
		return map[string]any{"t": "float64", "v": floatText(rv.Float())}
	case reflect.Slice:
		if rv.IsNil() {
			// The TypeScript value model has no typed nil slices ([]string(nil)); keep them out.
			panic("encode: nil slice of type " + typ)
		}
		if typ == "[]uint8" {
			bs := []int{}
			for _, b := range rv.Bytes() {
				bs = append(bs, int(b))
			}
			return map[string]any{"t": "bytes", "v": bs}
		}
		elems := []any{}
		for i := 0; i < rv.Len(); i++ {
			elems = append(elems, encodeValue(rv.Index(i)))
		}
		return map[string]any{"t": "slice", "type": typ, "v": elems}
	case reflect.Map:
		if rv.IsNil() {
			panic("encode: nil map of type " + typ)
		}
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() > keys[j].String() })
		entries := []any{}
		for _, k := range keys {
			entries = append(entries, []any{k.String(), encodeValue(rv.MapIndex(k))})
		}
		return map[string]any{"t": "map", "type": typ, "v": entries}
	case reflect.Pointer:
		if rv.IsNil() {
			return map[string]any{"t": "struct", "type": typ, "nil": true, "fields": []any{}}
		}
		enc := encodeValue(rv.Elem()).(map[string]any)
		enc["type"] = typ
		if s, ok := rv.Interface().(fmt.Stringer); ok {
			enc["str"] = s.String()
		}
		return enc
	case reflect.Struct:
		fields := []any{}
		for i := 0; i < rv.NumField(); i++ {
			fields = append(fields, []any{rv.Type().Field(i).Name, encodeValue(rv.Field(i))})
		}
		enc := map[string]any{"t": "struct", "type": typ, "fields": fields}
		if s, ok := rv.Interface().(fmt.Stringer); ok {
			enc["str"] = s.String()
		}
		return enc
	}
	panic("encode: unsupported kind " + rv.Kind().String())
}

// floatText is a float64 as text that JavaScript's Number() reads back exactly.
func floatText(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0 && math.Signbit(f):
		return "-0"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func encodeArgs(args []any) []any {
	out := []any{}
	for _, a := range args {
		out = append(out, encode(a))
	}
	return out
}

func sprintfCase(format string, args ...any) fmtCase {
	return fmtCase{Kind: "sprintf", Format: format, Args: encodeArgs(args), Out: fmt.Sprintf(format, args...)}
}

// sampleValues is the value matrix crossed with every verb.
func sampleValues() []any {
	return []any{
		nil, true, false, "", "hi", "héllo wörld", "日本語", "😀x", "tab\there\n", "quote\"back\\`",
		0, 42, -7, int64(math.MaxInt64), int64(math.MinInt64), uint64(math.MaxUint64), uint8(200),
		int8(-128), uint(7), int32(0x1F600), uint16(65),
		0.0, 1.5, -2.25, 1e6, 123456.0, 1e21, 1e-7, 0.1 + 0.2, math.NaN(), math.Inf(1), math.Inf(-1),
		math.Copysign(0, -1), 100000.0, 3.0, 0.000001, 1e20, 123456789.0, 1e100, 1.5e300, 5e-324,
		[]byte("hi"), []byte{}, []any{1, "a", nil, 2.5, true}, []any{}, []string{"x", "y"}, []int{1, -2},
		map[string]any{"b": 2, "a": "x", "c": nil, "d": []any{1.5}},
		map[string]any{}, map[string]string{"k": "v", "a": "b"}, map[string]int{"z": 1, "y": 2},
		Person{Name: "Ann", Age: 30, Tags: []string{"t"}, Extra: nil},
		&Person{Name: "Bob", Age: 4, Tags: []string{}, Extra: 1.5},
		(*Person)(nil),
		Version{Major: 1, Minor: 2},
		map[string]any{"v": Version{3, 4}, "p": Person{Name: "In", Tags: []string{}}},
	}
}

var verbs = []string{
	"%v", "%+v", "%#v", "%T", "%t", "%d", "%s", "%q", "%x", "%X", "%o", "%O", "%b", "%c", "%U",
	"%e", "%E", "%f", "%F", "%g", "%G", "%z",
}

func flagCases() []fmtCase {
	cs := []fmtCase{}
	add := func(format string, args ...any) { cs = append(cs, sprintfCase(format, args...)) }
	// integers with width, precision and flags
	for _, f := range []string{"%5d", "%-5d|", "%05d", "%+d", "% d", "%+05d", "% 05d", "%-05d|", "%.3d", "%8.3d",
		"%08.3d", "%.0d", "%5.0d|", "%x", "%#x", "%#X", "%#o", "%#O", "%O", "%#b", "%08b", "%+x", "%#08x", "%-#8x|",
		"%c", "%q", "%+q", "%#q", "%U", "%#U", "%#.6U", "%8U|", "%-10U|", "%#10U|", "%010d", "%3c|", "%-4q|"} {
		for _, v := range []any{0, 42, -42, 255, int64(-1) << 40, uint64(1) << 63, 0x1F600, 0x263A, 9, 0x7F, 0xD800, 0x110000} {
			add(f, v)
		}
	}
	// floats with width, precision and flags
	for _, f := range []string{"%8.3f", "%-8.3f|", "%08.3f", "%+.2e", "% .2f", "%+08.2f", "%.0f", "%.1f",
		"%10.4g", "%#g", "%#.3g", "%#e", "%#.0f", "%#.0e", "%.3g", "%.10g", "%.20f", "%.30e", "%g", "%G",
		"%e", "%E", "%b", "%x", "%X", "%.3x", "%#x", "%010.3f", "%-010.3f|", "%+v", "%#v", "%08v", "%.2v", "%.17g",
		"%5.1f|", "%+.3g", "% g", "%010g", "%010e"} {
		for _, v := range []any{0.0, 1.0, -1.5, 2.5, 0.5, 1.005, 123456789.0, 1e-5, 0.000123, 1e20, 1e21, 1e100, 5e-324,
			math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0.1 + 0.2, 1234.5678} {
			add(f, v)
		}
	}
	// strings
	for _, f := range []string{"%8s|", "%-8s|", "%08s|", "%.2s", "%8.3s|", "%.0s|", "%q", "%+q", "%#q", "%#+q",
		"%x", "%X", "% x", "%# x", "%#x", "%# X", "%.2x", "%10x|", "%-10x|", "%12q|", "%-12q|", "%.3q", "%010q", "%5v|", "%-5v|", "%#v", "%.1v"} {
		for _, v := range []any{"", "go", "héllo", "日本語", "😀", "a\tb", "a`b", "\x00\x7f\u00a0\u2028\ufeff\ue000\U0010FFFF\u0378", "a\"b\\c", "\u0301e"} {
			add(f, v)
		}
	}
	// bools and misc
	for _, f := range []string{"%t", "%5t|", "%-6t|", "%v", "%d", "%s", "%q", "%08t"} {
		add(f, true)
		add(f, false)
	}
	// byte slices
	for _, f := range []string{"%s", "%q", "%x", "%X", "% x", "%#x", "%v", "%d", "%#v", "%5s|", "%.1s", "%c", "%o", "%t"} {
		add(f, []byte("hé"))
		add(f, []byte{})
	}
	// nested values print with the same verb
	for _, f := range []string{"%d", "%s", "%x", "%q", "%5v", "%-4d|", "%+v", "%#v", "%.1f", "%t", "%06.2f"} {
		add(f, []any{1, "a", 2.5, nil, true, []any{3}})
		add(f, map[string]any{"n": 1, "s": "a", "f": 2.5, "z": nil, "l": []any{"x"}, "m": map[string]any{"k": 1}})
	}
	// structs
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%d", "%q", "%x", "%T", "%10v|"} {
		add(f, Person{Name: "Ann", Age: 30, Tags: []string{"a", "b"}, Extra: map[string]any{"k": "v"}})
		add(f, &Person{Name: "Bob", Tags: []string{}})
		add(f, (*Person)(nil))
		add(f, Version{Major: 1, Minor: 22})
		add(f, []any{Version{Major: 2, Minor: 0}, Person{Name: "In", Tags: []string{}}})
	}
	return cs
}

func structureCases() []fmtCase {
	cs := []fmtCase{}
	add := func(format string, args ...any) { cs = append(cs, sprintfCase(format, args...)) }
	add("%d %s", 1)
	add("%d", 1, "x", 2)
	add("%d", 1, nil, []any{1})
	add("hello", "extra")
	add("%s")
	add("%!")
	add("%")
	add("abc%")
	add("%-")
	add("%5")
	add("%.")
	add("%.d", 0)
	add("%.d", 7)
	add("%%", 1)
	add("%5%|")
	add("%-5%|", 1)
	add("100%% %d", 3)
	add("%z", 1)
	add("%ž", 1)
	add("%ž", "ab")
	add("%!d", 1)
	add("%[2]d %[1]d", 1, 2)
	add("%[1]d %[1]x %[1]o", 10)
	add("%[2]d %d", 1, 2, 3)
	add("%[3]*.[2]*[1]f", 12.0, 2, 6)
	add("%[1]*d", 5, 3)
	add("%[0]d", 1)
	add("%[5]d", 1)
	add("%[x]d", 1)
	add("%[1", 1)
	add("%[1]", 1)
	add("%[]d", 1)
	add("%[-1]d", 1)
	add("%d %d %#[1]x %#x", 16, 17)
	add("%.[2]d", 7, 3)
	add("%[2]5d", 1, 2)
	add("%[2].5d", 1, 2)
	add("%[1]d %d %d", 1, 2)
	add("%*d", 5, 3)
	add("%-*d|", 5, 3)
	add("%*d|", -5, 3)
	add("%.*f", 2, 3.14159)
	add("%.*f", -2, 3.14159)
	add("%*.*f|", 8, 2, 3.14159)
	add("%*d", "x", 3)
	add("%*d", 1.5, 3)
	add("%*d", 10000000, 3)
	add("%.*d", "x", 3)
	add("%*d", int64(4), 3)
	add("%*d", uint8(4), 3)
	add("%*d", uint64(math.MaxUint64), 3)
	add("%*d", 3)
	add("%*")
	add("%.*")
	add("%.*d")
	add("%99999999999d", 1)
	add("%.99999999999d|", 1)
	add("%-+# 0d", 5)
	add("%0-5d|", 5)
	add("%-05d|", 5)
	add("%+-5d|", 5)
	add("% +d", 5)
	add("%#+v", map[string]any{"a": 1})
	add("%+#v", Person{Name: "x", Tags: []string{}})
	add("%v %v", nil, nil)
	add("%d %s %t %x %q %f", nil, nil, nil, nil, nil, nil)
	add("%T %T %T %T %T %T", nil, 1, "s", 1.5, []any{}, map[string]any{})
	add("%T %T %T %T", []byte("x"), []string{}, map[string]string{}, int64(1))
	add("%T %T %T", Person{Tags: []string{}}, &Person{Tags: []string{}}, (*Person)(nil))
	add("%10T|%-10T|%.3T", 1, "s", map[string]any{})
	add("%s", "a", "b")
	add("%v|%v|%v", 1e6, 123456.0, 1234567.0)
	add("%v %v %v %v", 1e20, 1e21, 1e-4, 1e-5)
	add("%v %v %v", float64(math.MaxInt64), 9007199254740993.0, 4.35)
	add("%d %d", int64(math.MinInt64), uint64(math.MaxUint64))
	add("%x %X %o %b", int64(math.MinInt64), uint64(math.MaxUint64), int64(-8), int64(-5))
	add("%v", []any{map[string]any{"a": []any{map[string]any{}}}, []any{}, ""})
	add("%v", map[string]any{"é": 1, "e": 2, "Z": 3, "a": 4, "😀": 5, "\uffff": 6, "": 7, "10": 8, "9": 9})
	add("%s", map[string]any{"x": []byte("hi")})
	add("%v %d %x %#v", []byte("A"), []any{[]byte("A")}, []any{[]byte("hi")}, []any{[]byte("A")})
	add("%v", []string{})
	add("%#v", []any{[]string{"a"}, map[string]int{"b": 1}, int8(-1), uint8(1), uint64(255), uintptr(16)})
	add("%#v", []any{0.0, 1.0, -1.5, 1e6, 1e21, 1e-7, math.NaN(), math.Inf(-1)})
	add("%#v", []any{"", "a\"b", "`", "\n", "日本"})
	add("%#v", map[string]any{"a": nil, "b": []any{nil}, "c": map[string]any{}})
	add("%#v %#v", map[string]any{}, []any{})
	add("%+v", []any{Person{Name: "n", Tags: []string{}, Extra: Version{1, 2}}})
	add("%v", Person{Tags: []string{}, Extra: (*Person)(nil)})
	add("%s|%v|%d", Version{1, 2}, &Version{3, 4}, Version{5, 6})
	add("%x|%X|%q", Version{1, 2}, Version{1, 2}, Version{1, 2})
	add("%#v", Version{1, 2})
	add("%5s|%-6v|%.2s", Version{1, 2}, Version{1, 2}, Version{1, 2})
	add("%c%c%c", 'G', 'o', 0x1F600)
	add("%c|%c|%c", -1, 0x10FFFF, 0x110000)
	add("%q %q %q %q %q %q %q", 'a', '\'', '"', '\n', 0x7F, 0x1F600, 0xFEFF)
	add("%+q %+q %#q", 0xE9, 0x1F600, 0x41)
	add("%U %#U %#U %#U", 0x1F600, 0x41, 0xA, -1)
	add("%08.3s|%-08q|", "abcdef", "x")
	add("%-8.3x|%8.1X|", "abcdef", "abcdef")
	add("%s%s", "a")
	add("%d%%%d", 1, 2)
	add("%w|%w|%w", 1, "s", nil)
	add("%w", map[string]any{"a": []any{1}})
	add("%w", []any{1, "a", map[string]any{"k": 2}})
	add("%w|%w", Version{1, 2}, &Person{Name: "p", Tags: []string{}})
	add("%w", []byte("hi"))
	return cs
}

func printCases() []fmtCase {
	lists := [][]any{
		{},
		{"a", "b"},
		{1, 2},
		{"a", 1, "b"},
		{1, "a", 2},
		{1, 2, "x", 3, 4},
		{nil, nil},
		{nil, "s", nil},
		{1.5, true, false},
		{[]byte("hi"), "x", []byte("yo")},
		{[]any{1, "a"}, map[string]any{"k": 1}},
		{"", ""},
		{"", 1, ""},
		{1e6, 1e21, int64(5), uint8(3)},
		{Version{1, 2}, "x", Version{3, 4}},
		{Person{Name: "a", Tags: []string{}}, &Person{Name: "b", Tags: []string{}}, (*Person)(nil)},
		{"x"},
		{5},
	}
	cs := []fmtCase{}
	for _, l := range lists {
		cs = append(cs, fmtCase{Kind: "sprint", Args: encodeArgs(l), Out: fmt.Sprint(l...)})
		cs = append(cs, fmtCase{Kind: "sprintln", Args: encodeArgs(l), Out: fmt.Sprintln(l...)})
	}
	return cs
}

func fmtCases() []fmtCase {
	cs := []fmtCase{}
	for _, v := range sampleValues() {
		for _, verb := range verbs {
			cs = append(cs, sprintfCase(verb, v))
		}
	}
	cs = append(cs, flagCases()...)
	cs = append(cs, structureCases()...)
	cs = append(cs, printCases()...)
	return cs
}

type floatCase struct {
	F       string `json:"f"`
	Fmt     string `json:"fmt"`
	Prec    int    `json:"prec"`
	BitSize int    `json:"bitSize"`
	Out     string `json:"out"`
}

func floatCases() []floatCase {
	values := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, 0.2, 0.1 + 0.2, 0.3, 1.5, 2.5, 3.0, 0.5, 1.005, 1.25, 1.35, 9.995,
		100000, 1e6, 123456, 1234567, 123456789, 1e15, 1e20, 1e21, 1e22, 1e23, 1e-4, 1e-5, 1e-6, 1e-7, 0.000001234,
		1.234567890123e12, 9007199254740993, 4.35, 5e-324, 2.2250738585072014e-308, math.MaxFloat64,
		-123.456, 3.141592653589793, 2.718281828459045, 6.02214076e23, 1.7976931348623157e300, 0.0001,
		math.NaN(), math.Inf(1), math.Inf(-1), 1 << 53, 999999.5, 9999995, 0.015625,
	}
	cs := []floatCase{}
	for _, v := range values {
		for _, f := range []byte{'e', 'E', 'f', 'g', 'G', 'b', 'x', 'X'} {
			for _, p := range []int{-1, 0, 1, 2, 3, 6, 15, 17, 20, 40} {
				cs = append(cs, floatCase{floatText(v), string(f), p, 64, strconv.FormatFloat(v, f, p, 64)})
			}
		}
		for _, f := range []byte{'e', 'f', 'g'} {
			for _, p := range []int{-1, 3} {
				cs = append(cs, floatCase{floatText(v), string(f), p, 32, strconv.FormatFloat(v, f, p, 32)})
			}
		}
	}
	for _, p := range []int{60, 100, 330} {
		for _, v := range []float64{0.1, 5e-324, 1e300, 2.5, math.MaxFloat64} {
			for _, f := range []byte{'e', 'f', 'g'} {
				cs = append(cs, floatCase{floatText(v), string(f), p, 64, strconv.FormatFloat(v, f, p, 64)})
			}
		}
	}
	return cs
}

type quoteCase struct {
	Fn  string `json:"fn"`
	In  string `json:"in"`
	Out string `json:"out"`
	Err bool   `json:"err,omitempty"`
}

type runeCase struct {
	Fn  string `json:"fn"`
	In  int64  `json:"in"`
	Out string `json:"out"`
}

type intCase struct {
	V    string `json:"v"`
	Base int    `json:"base"`
	Out  string `json:"out"`
}

var quoteInputs = []string{
	"", "abc", "héllo", "日本語", "😀", "a\"b", "a\\b", "a'b", "a`b", "\a\b\f\n\r\t\v", "\x00\x01\x1f\x7f",
	"\u0080\u009f\u00a0\u00ad", "\u2028\u2029", "\ufeff", "\ue000", "\U0010FFFF", "\u0378", "\u0301", "\u200b",
	"\ufffd", "tab\tand space", "\U0001F468\u200D\U0001F469", "\u3000", "ǅ", "\U000E0001",
}

func strconvFixture() map[string]any {
	quotes := []quoteCase{}
	for _, s := range quoteInputs {
		quotes = append(quotes, quoteCase{Fn: "quote", In: s, Out: strconv.Quote(s)})
		quotes = append(quotes, quoteCase{Fn: "quoteToASCII", In: s, Out: strconv.QuoteToASCII(s)})
		quotes = append(quotes, quoteCase{Fn: "canBackquote", In: s, Out: strconv.FormatBool(strconv.CanBackquote(s))})
	}
	for _, s := range []string{`"abc"`, `"a\"b"`, `"\u00e9\U0001F600\x41\101\n\t\\"`, "`raw\\n`", "`a\rb`", `'a'`, `'\n'`,
		`'\''`, `'日'`, `"\xe2\x82\xac"`, `""`, `"a`, `abc`, `'ab'`, `"\q"`, `"\u12"`, `"\uD800"`, `"\400"`, "\"a\nb\"",
		`'"'`, `"'"`, `"\'"`, `'\"'`, "`", `"`, `''`, `"a"b"`, `"\U00110000"`, `"\x4"`, `"\"`} {
		out, err := strconv.Unquote(s)
		quotes = append(quotes, quoteCase{Fn: "unquote", In: s, Out: out, Err: err != nil})
	}
	runes := []runeCase{}
	for _, r := range []int64{'a', '\'', '"', '\\', '\n', 0, 0x7f, 0xe9, 0x1F600, 0xFEFF, 0xD800, 0x110000, -1, 0x10FFFF, 0xa0, 0x378, 0xFFFD} {
		runes = append(runes, runeCase{"quoteRune", r, strconv.QuoteRune(rune(r))})
		runes = append(runes, runeCase{"quoteRuneToASCII", r, strconv.QuoteRuneToASCII(rune(r))})
		runes = append(runes, runeCase{"isPrint", r, strconv.FormatBool(strconv.IsPrint(rune(r)))})
	}
	ints := []intCase{}
	for _, v := range []int64{0, 1, -1, 255, -255, 1 << 40, math.MaxInt64, math.MinInt64, 123456789} {
		for _, b := range []int{2, 8, 10, 16, 36} {
			ints = append(ints, intCase{strconv.FormatInt(v, 10), b, strconv.FormatInt(v, b)})
		}
	}
	return map[string]any{"formatFloat": floatCases(), "quote": quotes, "rune": runes, "formatInt": ints}
}

type escapeCase struct {
	Fn   string `json:"fn"`
	Args []any  `json:"args"`
	Out  string `json:"out"`
}

func escapeFixture() []escapeCase {
	strs := []string{"", "plain", `<a href="x">'&'</a>`, "a\x00b", "a=b&c", "line\nbreak\ttab\r", "\x01\x1f\x7f",
		"héllo 日本 😀", "\u2028\u2029\u00a0\ufeff", "a`b", "q?x=1&y=2 z+w/~._-", "100% sure", "\\back\\", "\ue000"}
	cs := []escapeCase{}
	for _, s := range strs {
		cs = append(cs, escapeCase{"htmlEscapeString", encodeArgs([]any{s}), template.HTMLEscapeString(s)})
		cs = append(cs, escapeCase{"jsEscapeString", encodeArgs([]any{s}), template.JSEscapeString(s)})
		cs = append(cs, escapeCase{"urlQueryEscaper", encodeArgs([]any{s}), url.QueryEscape(s)})
	}
	arglists := [][]any{{}, {"<a>"}, {1, 2}, {"a", "<", 3}, {nil}, {[]any{"<x>", 1}}, {map[string]any{"k": "a&b"}}, {1.5e6}, {true, "='"}, {[]byte("<b>")},
		{&Person{Name: "B<", Tags: []string{}}}, {(*Person)(nil)}, {&Version{1, 2}}, {Person{Name: "&", Tags: []string{}}, 2}, {nil, nil}, {"a", nil}}
	for _, args := range arglists {
		cs = append(cs, escapeCase{"htmlEscaper", encodeArgs(args), template.HTMLEscaper(args...)})
		cs = append(cs, escapeCase{"jsEscaper", encodeArgs(args), template.JSEscaper(args...)})
		cs = append(cs, escapeCase{"urlQueryEscaper", encodeArgs(args), template.URLQueryEscaper(args...)})
	}
	return cs
}

// writeJSON writes {"recordedWith", "script", "cases"} with one case per line, so the fixtures stay
// small and diff line by line when re-recorded.
func writeJSON(dir, name string, cases any) {
	header := marshal(map[string]any{
		"recordedWith": runtime.Version(),
		"script":       "go run scripts/record/gofmt/main.go -out " + dir,
	})
	var body string
	switch c := cases.(type) {
	case map[string]any:
		keys := make([]string, 0, len(c))
		for k := range c {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := []string{}
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%q: %s", k, lines(c[k])))
		}
		body = "{\n" + strings.Join(parts, ",\n") + "\n}"
	default:
		body = lines(cases)
	}
	out := string(header[:len(header)-1]) + `,"cases":` + body + "}\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(out), 0o644); err != nil {
		panic(err)
	}
}

// marshal is compact JSON without Go's HTML escaping of < > &, so fixtures read like the output.
func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// lines renders a slice as a JSON array with one compact element per line.
func lines(slice any) string {
	rv := reflect.ValueOf(slice)
	parts := []string{}
	for i := 0; i < rv.Len(); i++ {
		parts = append(parts, string(marshal(rv.Index(i).Interface())))
	}
	return "[\n" + strings.Join(parts, ",\n") + "\n]"
}

func main() {
	out := flag.String("out", "test/helm/template/fixtures", "directory for the JSON fixtures")
	flag.Parse()
	writeJSON(*out, "gofmt.json", fmtCases())
	writeJSON(*out, "strconv.json", strconvFixture())
	writeJSON(*out, "escape.json", escapeFixture())
}
