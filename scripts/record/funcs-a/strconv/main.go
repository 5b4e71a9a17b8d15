// Records Go's strconv answers for the inputs helm/funcs/cast.ts parses and formats
// (ParseInt base 0 and 8, Atoi, ParseFloat, FormatFloat 'f' -1 as cast.ToString uses it).
//
//	cd scripts/record/funcs-a/strconv && go run main.go > ../../../../test/helm/funcs/fixtures/strconv.json
package main

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"runtime"
	"strconv"
)

type intCase struct {
	In    string `json:"in"`
	Base  int    `json:"base"`
	Value string `json:"value"`
	Err   string `json:"err,omitempty"`
}

type floatCase struct {
	In    string `json:"in"`
	Value string `json:"value"` // strconv.FormatFloat(v, 'g', -1, 64) of the returned value
	Err   string `json:"err,omitempty"`
}

type formatCase struct {
	Bits uint64 `json:"bits,string"`
	Out  string `json:"out"`
}

func errKind(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, strconv.ErrRange):
		return "range"
	default:
		return "syntax"
	}
}

var intInputs = []string{
	"0", "00", "-0", "+0", "7", "-7", "+5", "010", "019", "0x1F", "0X1f", "-0b101", "0o17", "0O17", "0b", "0o", "0x",
	"1_000", "1__0", "_10", "10_", "0x_1F", "0_1", "9223372036854775807", "9223372036854775808",
	"-9223372036854775808", "-9223372036854775809", "99999999999999999999", "18446744073709551616",
	"", "-", "+", " 1", "1 ", "1e3", "1.5", "abc", "0777", "8", "-10", "1_0",
}

var floatInputs = []string{
	"1.5", "3", ".5", "5.", "-.5e1", "+.5e1", "1e21", "1e-400", "1e400", "-1e400", "0x1p-2", "0x1.8p1", "0X1P+2",
	"0x.8p1", "0x1", "0x1p", "1e", "1e+", ".", "", "+", "inf", "-Inf", "+INFINITY", "infinity", "infin", "nan",
	"NaN", "+nan", "-nan", "1_000.5", "1_0.5", "_1", "1__0", "1e1_0", "0x_1p0", "0x1p1_0", "4.9e-324",
	"2e-324", "1.7976931348623157e308", "1.7976931348623159e308", "0.1e310", " 1", "1 ", "0x1.fffffffffffff8p1023",
	"123456789012345678901234567890", "0.000000000000000000000000000001", "1e-320",
}

var formatValues = []float64{
	0, math.Copysign(0, -1), 1, -1, 1.5, 0.1, 1e21, 1e-7, 123456789.125, 1e100, 5e-324,
	math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 0.3, 2.5e-8, 100, 1234567.0,
}

func main() {
	var ints []intCase
	for _, base := range []int{0, 8, 10} {
		for _, in := range intInputs {
			v, err := strconv.ParseInt(in, base, 64)
			ints = append(ints, intCase{in, base, strconv.FormatInt(v, 10), errKind(err)})
		}
	}
	var atois []intCase
	for _, in := range intInputs {
		v, err := strconv.Atoi(in)
		atois = append(atois, intCase{in, 10, strconv.Itoa(v), errKind(err)})
	}
	var floats []floatCase
	for _, in := range floatInputs {
		v, err := strconv.ParseFloat(in, 64)
		floats = append(floats, floatCase{in, strconv.FormatFloat(v, 'g', -1, 64), errKind(err)})
	}
	var formats []formatCase
	for _, f := range formatValues {
		formats = append(formats, formatCase{math.Float64bits(f), strconv.FormatFloat(f, 'f', -1, 64)})
	}
	recordedWith, _ := json.Marshal(runtime.Version() + " strconv (scripts/record/funcs-a/strconv/main.go)")
	os.Stdout.WriteString("{\n  \"recordedWith\": " + string(recordedWith))
	section("parseInt", ints)
	section("atoi", atois)
	section("parseFloat", floats)
	section("formatFloatF", formats)
	os.Stdout.WriteString("\n}\n")
}

// section writes `"name": [...]` with one case per line, so diffs stay readable.
func section[T any](name string, cases []T) {
	os.Stdout.WriteString(",\n  \"" + name + "\": [")
	for i, c := range cases {
		b, _ := json.Marshal(c)
		if i > 0 {
			os.Stdout.WriteString(",")
		}
		os.Stdout.WriteString("\n    " + string(b))
	}
	os.Stdout.WriteString("\n  ]")
}
