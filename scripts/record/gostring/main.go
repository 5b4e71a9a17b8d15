// Command gostring records what Go does with strings that are not valid UTF-8, and with
// complex128 values, as a JSON fixture for helm/template/gostring.ts and the fmt/strconv ports
// that use it (gofmt.ts, gofmt-format.ts, strconv.ts).
//
// Run from the repository root (stdlib only, works offline):
//
//	go run scripts/record/gostring/main.go > test/helm/template/fixtures/gostring.json
//
// JSON cannot hold bytes that are not UTF-8, so every Go string in the fixture is written as
// base64 of its bytes (fields ending in "B64").
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"
)

var b64 = base64.StdEncoding.EncodeToString

// inputs: valid and invalid UTF-8, including every kind of sequence utf8.DecodeRune rejects.
var inputs = []string{
	"", "abc", "\xff", "a\xffb\xc3", "\xc3\xa9\xe2\x82", "\xe2\x82\xac", "\xed\xa0\x80", "\xed\x9f\xbf",
	"\xc0\x80", "\xc1\xbf", "\xc2\x80", "\xe0\x80\x80", "\xe0\xa0\x80", "\xf0\x8f\xbf\xbf", "\xf0\x90\x80\x80",
	"\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf0\x9f\x98\x80", "\xf0\x9f\x98", "\xef\xbb\xbfx",
	"\x80\x80", "é\xff日本\xfe😀", "\x00\x7f\x80", "\ufffd", "\xef\xbf\xbd\xff", "\xc3", "\xa9", "tab\t\xff\n",
	"`\xff`", "\xfe\xff\x00",
}

type stringCase struct {
	InB64        string   `json:"inB64"`
	Len          int      `json:"len"`
	Valid        bool     `json:"valid"`
	RuneCount    int      `json:"runeCount"`
	Runes        []rune   `json:"runes"`
	Quote        string   `json:"quote"`
	QuoteToASCII string   `json:"quoteToASCII"`
	CanBackquote bool     `json:"canBackquote"`
	Sprintf      []fmtOut `json:"sprintf"`
	ToUpperB64   string   `json:"toUpperB64"`
	TrimSpaceB64 string   `json:"trimSpaceB64"`
	JSONB64      string   `json:"jsonRoundTripB64"`
}

type fmtOut struct {
	Format string `json:"format"`
	OutB64 string `json:"outB64"`
}

// formats applied to each string input (one operand each).
var formats = []string{"%s", "%q", "%+q", "%#q", "%x", "% X", "%5s|", "%-5s|", "%.2s|", "%.1q", "%3.1q", "%v", "%#v"}

type pairCase struct {
	AB64        string `json:"aB64"`
	BB64        string `json:"bB64"`
	Compare     int    `json:"compare"`
	ConcatRunes int    `json:"concatRuneCount"`
	ConcatQuote string `json:"concatQuote"`
}

type complexCase struct {
	Format string      `json:"format"`
	Args   [][2]string `json:"args"`
	Out    string      `json:"out"`
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

// jsonRoundTrip is s through json.Marshal and json.Unmarshal: each invalid byte becomes U+FFFD.
func jsonRoundTrip(s string) string {
	data, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	var back string
	if err := json.Unmarshal(data, &back); err != nil {
		panic(err)
	}
	return back
}

// marshal is one JSON value on one line, without HTML escaping.
func marshal(v any) string {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(sb.String(), "\n")
}

// lines is a JSON array with one element per line, so the fixture diffs line by line.
func lines[T any](items []T) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = marshal(it)
	}
	return "[\n" + strings.Join(parts, ",\n") + "\n]"
}

func main() {
	strs := []stringCase{}
	for _, s := range inputs {
		c := stringCase{
			InB64: b64([]byte(s)), Len: len(s), Valid: utf8.ValidString(s), RuneCount: utf8.RuneCountInString(s),
			Runes: []rune{}, Quote: strconv.Quote(s), QuoteToASCII: strconv.QuoteToASCII(s),
			CanBackquote: strconv.CanBackquote(s), ToUpperB64: b64([]byte(strings.ToUpper(s))),
			TrimSpaceB64: b64([]byte(strings.TrimSpace(" " + s + " "))), JSONB64: b64([]byte(jsonRoundTrip(s))),
		}
		for _, r := range s {
			c.Runes = append(c.Runes, r)
		}
		for _, f := range formats {
			c.Sprintf = append(c.Sprintf, fmtOut{f, b64([]byte(fmt.Sprintf(f, s)))})
		}
		strs = append(strs, c)
	}
	pairs := []pairCase{}
	for _, a := range inputs {
		for _, b := range inputs {
			pairs = append(pairs, pairCase{b64([]byte(a)), b64([]byte(b)), strings.Compare(a, b), utf8.RuneCountInString(a + b), strconv.Quote(a + b)})
		}
	}
	values := []complex128{3i, 1.5i, complex(1, 2), complex(-1, -2.5), 0, complex(0, math.Copysign(0, -1)), complex(1e21, 1e-7),
		complex(math.Inf(1), math.NaN()), complex(math.Copysign(0, -1), math.Inf(-1)), complex(123456.789, -0.000123)}
	cformats := []string{"%v", "%+v", "%#v", "%g", "%G", "%f", "%F", "%e", "%E", "%.2f", "%8.1f", "%-8v|", "%08.2f", "% .2e", "%+g", "%x", "%X", "%b", "%d", "%s", "%T", "%6.2v", "%#g"}
	complexes := []complexCase{}
	for _, f := range cformats {
		for _, v := range values {
			complexes = append(complexes, complexCase{f, [][2]string{{floatText(real(v)), floatText(imag(v))}}, fmt.Sprintf(f, v)})
		}
	}
	complexes = append(complexes, complexCase{"%v %v", [][2]string{{"1", "2"}, {"0", "0"}}, fmt.Sprintf("%v %v", complex(1, 2), complex(0, 0))})
	complexes = append(complexes, complexCase{"", [][2]string{{"0", "1"}, {"0", "2"}}, fmt.Sprint(complex(0, 1), complex(0, 2))})
	fmt.Printf("{\"recordedWith\":%s,\n\"script\":%s,\n\"strings\":%s,\n\"pairs\":%s,\n\"complex\":%s}\n",
		marshal(runtime.Version()), marshal("go run scripts/record/gostring/main.go > test/helm/template/fixtures/gostring.json"),
		lines(strs), lines(pairs), lines(complexes))
}
