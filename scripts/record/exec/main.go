// Command exec records real text/template output and error texts for the TypeScript executor
// tests (test/helm/template/exec.test.ts).
//
// Run from the repository root (stdlib only, works offline):
//
//	go run scripts/record/exec/main.go -helm /tmp/helm-bins/v3/helm
//
// It reads scripts/record/exec/cases.json and writes test/helm/template/fixtures/exec.json.
//
// Two recorders, because helm v3.17.3 is built with Go 1.23 while the local toolchain may be
// older (text/template changed in between: `else with`, range assignment, the `call` builtin's
// messages, html/js escaping):
//
//   - helm: cases that only need builtins, JSON data and missingkey=zero (helm's option) run inside
//     a real `helm template`: the case becomes the chart file templates/_case.tpl, executed by
//     `out: '{{ include "c/templates/_case.tpl" (.Files.Get "data.json" | mustFromJson) | b64enc }}'`.
//     The output comes back base64-encoded (so helm's "<no value>" clean-up and YAML parsing do
//     not touch it); an error is the text after "error calling include: ". helm's whole answer
//     is kept too (field "helm"), so exec-api.test.ts can replay the include. Cases using `slice`
//     are not run there: sprig's `slice` replaces the builtin in helm.
//   - go: everything else (Go-built data with ints, structs, methods and funcs; the test
//     functions below; other missingkey modes; several files) runs with this Go's text/template.
//     Such cases must avoid the features listed above.
//
// Every helm case is also run with the local Go, and differences are reported on stderr.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"text/template"
)

// caseName is the template (file) name of single-template cases, the one helm gives the file.
const caseName = "c/templates/_case.tpl"

type file struct {
	Name string `json:"name"`
	T    string `json:"t"`
}

type testCase struct {
	ID     string          `json:"id"`
	T      string          `json:"t,omitempty"`
	Files  []file          `json:"files,omitempty"`
	Exec   string          `json:"exec,omitempty"`
	Data   json.RawMessage `json:"data,omitempty"`
	DJ     string          `json:"dj,omitempty"`
	DS     string          `json:"ds,omitempty"`
	MK     string          `json:"mk,omitempty"`
	Funcs  bool            `json:"funcs,omitempty"`
	Engine string          `json:"engine,omitempty"`
	// Delims are Go's Template.Delims, set before parsing.
	Delims []string `json:"delims,omitempty"`
	// LateFuncs installs lateFuncs() with Template.Funcs after parsing.
	LateFuncs bool `json:"lateFuncs,omitempty"`
	// CloneFiles are parsed into a Clone of the set (with missingkey set again and, when
	// CloneFuncs, the test functions added, as helm's tpl does); ExecIn says which set executes.
	CloneFiles []file `json:"cloneFiles,omitempty"`
	CloneFuncs bool   `json:"cloneFuncs,omitempty"`
	ExecIn     string `json:"execIn,omitempty"`
}

type caseFile struct {
	Comment string                     `json:"comment"`
	JSON    map[string]json.RawMessage `json:"json"`
	Cases   []testCase                 `json:"cases"`
}

type result struct {
	Out *string `json:"out,omitempty"`
	Err *string `json:"err,omitempty"`
	// Helm is helm's whole answer for helm-recorded cases: the out.yaml document on success,
	// the error message (without "Error: ") on failure.
	Helm *string `json:"helm,omitempty"`
}

type record struct {
	ID         string          `json:"id"`
	Files      []file          `json:"files"`
	Exec       string          `json:"exec"`
	Data       json.RawMessage `json:"data,omitempty"`
	DJ         string          `json:"dj,omitempty"`
	DS         string          `json:"ds,omitempty"`
	MK         string          `json:"mk"`
	Funcs      bool            `json:"funcs,omitempty"`
	Delims     []string        `json:"delims,omitempty"`
	LateFuncs  bool            `json:"lateFuncs,omitempty"`
	CloneFiles []file          `json:"cloneFiles,omitempty"`
	CloneFuncs bool            `json:"cloneFuncs,omitempty"`
	ExecIn     string          `json:"execIn,omitempty"`
	Recorder   string          `json:"recorder"`
	result
}

type fixture struct {
	GeneratedBy string                     `json:"generatedBy"`
	Go          string                     `json:"go"`
	Helm        string                     `json:"helm"`
	OutYAML     string                     `json:"outYaml"`
	JSON        map[string]json.RawMessage `json:"json"`
	Cases       []record                   `json:"cases"`
}

func main() {
	casesPath := flag.String("cases", "scripts/record/exec/cases.json", "case list")
	outPath := flag.String("out", "test/helm/template/fixtures/exec.json", "fixture to write")
	helmBin := flag.String("helm", "", "helm v3 binary (empty: record everything with the local Go)")
	jobs := flag.Int("j", 8, "parallel helm runs")
	flag.Parse()

	raw, err := os.ReadFile(*casesPath)
	check(err)
	var cf caseFile
	check(json.Unmarshal(raw, &cf))

	helmVersion := ""
	if *helmBin != "" {
		v, err := exec.Command(*helmBin, "version", "--template", "{{.Version}} ({{.GoVersion}})").Output()
		check(err)
		helmVersion = strings.TrimSpace(string(v))
	}

	records := make([]record, len(cf.Cases))
	var wg sync.WaitGroup
	sem := make(chan struct{}, *jobs)
	var mu sync.Mutex
	for i, c := range cf.Cases {
		records[i] = newRecord(c)
		goRes := runGo(c, cf.JSON)
		if *helmBin == "" || !helmEligible(c) {
			if goRes.Err != nil && strings.HasPrefix(*goRes.Err, "parse error: ") {
				panic(c.ID + ": " + *goRes.Err)
			}
			records[i].Recorder = "go"
			records[i].result = goRes
			continue
		}
		wg.Add(1)
		go func(i int, c testCase, goRes result) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			helmRes := runHelm(*helmBin, c, cf.JSON)
			mu.Lock()
			defer mu.Unlock()
			records[i].Recorder = "helm"
			records[i].result = helmRes
			if show(goRes) != show(helmRes) {
				fmt.Fprintf(os.Stderr, "%s: local %s differs from helm:\n  go:   %s\n  helm: %s\n", c.ID, runtime.Version(), show(goRes), show(helmRes))
			}
		}(i, c, goRes)
	}
	wg.Wait()

	out, err := json.MarshalIndent(fixture{
		GeneratedBy: "go run scripts/record/exec/main.go -helm HELM",
		Go:          runtime.Version(),
		Helm:        helmVersion,
		OutYAML:     outYAML,
		JSON:        cf.JSON,
		Cases:       records,
	}, "", " ")
	check(err)
	check(os.WriteFile(*outPath, append(out, '\n'), 0o644))
	fmt.Fprintf(os.Stderr, "wrote %d cases to %s\n", len(records), *outPath)
}

func newRecord(c testCase) record {
	files := c.Files
	execName := c.Exec
	if len(files) == 0 {
		files = []file{{Name: caseName, T: c.T}}
	}
	if execName == "" {
		execName = files[0].Name
	}
	return record{
		ID: c.ID, Files: files, Exec: execName, Data: c.Data, DJ: c.DJ, DS: c.DS, MK: missingKey(c), Funcs: c.Funcs,
		Delims: c.Delims, LateFuncs: c.LateFuncs, CloneFiles: c.CloneFiles, CloneFuncs: c.CloneFuncs, ExecIn: c.ExecIn,
	}
}

func missingKey(c testCase) string {
	if c.MK == "" {
		return "zero"
	}
	return c.MK
}

var usesSlice = regexp.MustCompile(`\bslice\b`)

func helmEligible(c testCase) bool {
	if c.Engine != "" {
		return c.Engine == "helm"
	}
	return c.DS == "" && !c.Funcs && missingKey(c) == "zero" && len(c.Files) == 0 && !usesSlice.MatchString(c.T) &&
		len(c.Delims) == 0 && !c.LateFuncs && len(c.CloneFiles) == 0
}

// outYAML is the chart file that runs a helm-recorded case (see runHelm).
const outYAML = `out: '{{ include "c/templates/_case.tpl" (.Files.Get "data.json" | mustFromJson) | b64enc }}'`

func show(r result) string {
	if r.Err != nil {
		return "error " + *r.Err
	}
	return fmt.Sprintf("%q", *r.Out)
}

func str(s string) *string { return &s }

// jsonData decodes the case's JSON data as helm decodes values: numbers become float64.
func jsonData(c testCase, named map[string]json.RawMessage) any {
	raw := c.Data
	if c.DJ != "" {
		raw = named[c.DJ]
		if raw == nil {
			panic("unknown json data " + c.DJ)
		}
	}
	if len(raw) == 0 {
		return nil
	}
	var v any
	check(json.Unmarshal(raw, &v))
	return v
}

func runGo(c testCase, named map[string]json.RawMessage) result {
	rec := newRecord(c)
	root := template.New("root")
	if c.Funcs {
		root.Funcs(testFuncs())
	}
	root.Option("missingkey=" + rec.MK)
	if len(c.Delims) == 2 {
		root.Delims(c.Delims[0], c.Delims[1])
	}
	for _, f := range rec.Files {
		if _, err := root.New(f.Name).Parse(f.T); err != nil {
			// Cases are about execution; a parse error here can only be a newer-Go feature of a
			// helm-recorded case (reported as a difference), or a broken case (main panics).
			return result{Err: str("parse error: " + err.Error())}
		}
	}
	var data any
	if c.DS != "" {
		data = dataset(c.DS)
	} else {
		data = jsonData(c, named)
	}
	if c.LateFuncs {
		root.Funcs(lateFuncs())
	}
	target := root
	if len(c.CloneFiles) > 0 {
		clone, err := root.Clone()
		check(err)
		clone.Option("missingkey=" + rec.MK)
		if c.CloneFuncs {
			clone.Funcs(testFuncs())
		}
		for _, f := range c.CloneFiles {
			if _, err := clone.New(f.Name).Parse(f.T); err != nil {
				return result{Err: str("parse error: " + err.Error())}
			}
		}
		if c.ExecIn == "clone" {
			target = clone
		}
	}
	var buf bytes.Buffer
	if err := target.ExecuteTemplate(&buf, rec.Exec, data); err != nil {
		return result{Err: str(err.Error())}
	}
	return result{Out: str(buf.String())}
}

func runHelm(helmBin string, c testCase, named map[string]json.RawMessage) result {
	dir, err := os.MkdirTemp("", "exec-case-")
	check(err)
	defer os.RemoveAll(dir)
	chart := filepath.Join(dir, "c")
	check(os.MkdirAll(filepath.Join(chart, "templates"), 0o755))
	write := func(name, text string) { check(os.WriteFile(filepath.Join(chart, name), []byte(text), 0o644)) }
	write("Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n")
	data, err := json.Marshal(jsonData(c, named))
	check(err)
	write("data.json", string(data))
	write("templates/_case.tpl", c.T)
	write("templates/out.yaml", outYAML)

	cmd := exec.Command(helmBin, "template", "r", chart)
	cmd.Env = append(os.Environ(), "HELM_CONFIG_HOME="+dir+"/cfg", "HELM_CACHE_HOME="+dir+"/cache", "HELM_DATA_HOME="+dir+"/data")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimPrefix(stderr.String(), "Error: ")
		msg = strings.TrimSuffix(msg, "\n")
		msg = strings.TrimSuffix(msg, "\n\nUse --debug flag to render out invalid YAML")
		const marker = "error calling include: "
		i := strings.Index(msg, marker)
		if i < 0 {
			return result{Err: str("helm failure: " + msg)}
		}
		return result{Err: str(msg[i+len(marker):]), Helm: str(msg)}
	}
	const source = "# Source: c/templates/out.yaml\nout: '"
	text := stdout.String()
	i := strings.Index(text, source)
	if i < 0 {
		panic(fmt.Sprintf("%s: unexpected helm output: %s", c.ID, text))
	}
	encoded := strings.SplitN(text[i+len(source):], "'", 2)[0]
	decoded, err := base64.StdEncoding.DecodeString(encoded)
	check(err)
	return result{Out: str(string(decoded)), Helm: str("out: '" + encoded + "'")}
}

// T is the struct of the "struct" datasets; exec.test.ts models it as a GoStruct `*main.T`.
type T struct {
	Name   string
	Count  int
	Tags   []string
	Labels map[string]string
	Sub    *T
	Nil    *T
	Any    any
}

func (t *T) Hello() string               { return "hello " + t.Name }
func (t *T) Greet(s string) string       { return "hi " + s + " from " + t.Name }
func (t *T) Fail() (string, error)       { return "", errors.New("failed") }
func (t *T) Self() *T                    { return t }
func (t *T) Nothing() any                { return nil }
func (t *T) Iface() any                  { return t.Name }
func (t *T) Pair(a int, b string) string { return fmt.Sprintf("%d%s", a, b) }
func (t *T) Sum(a ...int) int {
	total := 0
	for _, x := range a {
		total += x
	}
	return total
}
func (t *T) NilSafe() string {
	if t == nil {
		return "nil receiver"
	}
	return "non-nil"
}

// W is a plain struct without methods, used through a pointer.
type W struct {
	A int
	B string
}

// Values is a named map type, like helm's chartutil.Values.
type Values map[string]any

// V is a value type with a String method (like semver or time values).
type V struct{ Major, Minor int }

func (v V) String() string { return fmt.Sprintf("v%d.%d", v.Major, v.Minor) }

func newT() *T {
	return &T{
		Name: "alice", Count: 7, Tags: []string{"a", "b"}, Labels: map[string]string{"k": "v"},
		Sub: &T{Name: "bob"}, Any: "x",
	}
}

// dataset builds the Go-only data sets (exec.test.ts builds the same values).
func dataset(name string) any {
	switch name {
	case "ints":
		return map[string]any{"i": 1, "i64": int64(2), "u": uint(3), "u8": uint8(4), "f": 1.5, "neg": -1, "big": uint64(1 << 63)}
	case "typed":
		return map[string]any{
			"ss": []string{"b", "a"}, "ms": map[string]string{"b": "2", "a": "1"}, "mi": map[string]int{"x": 1},
			"mss": map[string][]string{"a": {"x"}}, "bytes": []byte("hi"),
		}
	case "funcs":
		return map[string]any{
			"fn":       func() string { return "called" },
			"fnerr":    func() (string, error) { return "", errors.New("fn failed") },
			"add":      func(a, b int) int { return a + b },
			"variadic": func(a ...string) string { return strings.Join(a, "+") },
			"i64":      int64(5),
		}
	case "struct":
		return map[string]any{"p": newT(), "nilp": (*T)(nil), "v": V{1, 2}, "w": &W{1, "x"}}
	case "structtop":
		return newT()
	case "named":
		return map[string]any{"vals": Values{"a": 1.0, "b": "x"}, "plain": map[string]any{"c": true}}
	}
	panic("unknown dataset " + name)
}

// testFuncs are the functions of `"funcs": true` cases (exec.test.ts defines the same).
func testFuncs() template.FuncMap {
	return template.FuncMap{
		"raise":   func(msg string) (string, error) { return "", errors.New(msg) },
		"boom":    func() string { panic("boom!") },
		"echo":    func(v any) any { return v },
		"nothing": func() any { return nil },
		"add":     func(a, b int) int { return a + b },
		"i64":     func(v int64) int64 { return v },
		"u8":      func(v uint8) uint8 { return v },
		"f64":     func(v float64) float64 { return v },
		"str":     func(s string) string { return s },
		"flag":    func(b bool) bool { return !b },
		"join":    func(sep string, items ...string) string { return strings.Join(items, sep) },
		"count":   func(items ...any) int { return len(items) },
		"strs":    func() []string { return []string{"b", "a"} },
		"smap":    func() map[string]string { return map[string]string{"k": "v"} },
		"first": func(l []any) any {
			if len(l) == 0 {
				return nil
			}
			return l[0]
		},
		"keys": func(m map[string]any) int {
			ks := make([]string, 0, len(m))
			for k := range m {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			return len(ks)
		},
		"and": func(a, b any) string { return "and-override" },
	}
}

// lateFuncs replace test functions after parsing (Go looks functions up at execution time).
func lateFuncs() template.FuncMap {
	return template.FuncMap{
		"raise": func(s string) string { return "late " + s },
	}
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
